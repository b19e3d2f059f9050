#pragma once
// Options for render(). Plain aggregate: every field has its default in the declaration.
#include <cstddef>
#include <string>

#include "postrender/policy.hpp"

namespace postrender {

// GitHub-flavoured Markdown extensions, each on by default.
struct MarkdownOptions {
  bool tables = true;          // GFM pipe tables
  bool strikethrough = true;   // ~~del~~
  bool task_lists = true;      // - [x] items
  bool autolinks = true;       // permissive URL, www. and e-mail autolinks
  bool underline = false;      // _text_ as <u> instead of <em> (md4c extension). Default: false.
};

struct Limits {
  // Larger input is truncated at a UTF-8 boundary, with a `limit.input-size` warning. Default: 64 MiB.
  std::size_t max_input_bytes = std::size_t{64} << 20;
  // Open elements kept at once in the output; deeper ones are flattened with `limit.nesting`. Default: 256.
  int max_nesting = 256;
  // YAML nesting depth and alias expansions before the front matter is rejected. Defaults: 64, 10000.
  int max_yaml_depth = 64;
  std::size_t max_yaml_nodes = 10000;
};

struct Options {
  // Sanitize all HTML through `policy`. false = trusted mode: raw HTML is written as the author
  // typed it and URLs are not checked. Default: true. Turning it off is an XSS risk.
  bool sanitize = true;
  SanitizePolicy policy = SanitizePolicy::blog_post();
  MarkdownOptions markdown;
  Limits limits;
  // Relative link and image URLs are resolved against this (e.g. "https://example.com/blog/").
  // Default: "" (left relative).
  std::string base_url;
  // Add data-source-line="N" (1-based line in the whole file) to block elements. Default: false.
  bool source_lines = false;
  // Give headings GitHub-style ids (prefixed by policy.id_prefix when sanitizing). Default: true.
  bool heading_ids = true;
  // The post's file name, for the Jekyll date and slug ("2024-05-01-hello.md"). Default: "".
  std::string file_name;
  // Words per minute for reading_minutes; CJK characters count at `cjk_chars_per_minute`.
  int words_per_minute = 200;
  int cjk_chars_per_minute = 500;
};

}  // namespace postrender

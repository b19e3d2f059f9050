#pragma once
// postrender: a blog post file (YAML front matter + Markdown with raw HTML) to safe HTML.
//
//   postrender::Post post = postrender::render(file_text);
//   std::cout << post.html;
//
// render() never throws and never aborts: every problem becomes a Diagnostic in `warnings`,
// and whatever could be rendered is rendered.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "postrender/diagnostic.hpp"
#include "postrender/options.hpp"
#include "postrender/policy.hpp"
#include "postrender/value.hpp"

namespace postrender {

const char* version() noexcept;

struct TocEntry {
  int level = 0;     // 1..6
  std::string id;    // the heading's id attribute as written (with prefix), "" when ids are off
  std::string text;  // the heading's plain text
};

struct Post {
  std::string html;                     // the body, sanitized unless options.sanitize is false
  Value front_matter;                   // the raw front matter tree; null when absent or invalid
  std::string title;                    // front matter `title`, else ""
  std::string date;                     // ISO 8601 from `date` or the file name, else ""
  std::vector<std::string> categories;  // `categories` / `category`
  std::vector<std::string> tags;        // `tags` / `tag`
  std::string slug;                     // from `slug`, else the file name, else the title
  std::string permalink;                // front matter `permalink`, else ""
  bool published = true;                // front matter `published`
  std::string image;                    // `image` / `feature_image` (URL, filtered by the policy)
  std::string excerpt_html;             // explicit `excerpt`, else the first paragraph / separator
  std::string feature_html;             // `feature_text` rendered as Markdown
  std::vector<TocEntry> toc;            // headings in document order
  std::size_t word_count = 0;           // words, with each CJK character counted as one
  int reading_minutes = 0;              // at least 1 for a non-empty post
  Diagnostics warnings;                 // in source order where positions are known
};

// Renders a whole post file.
Post render(std::string_view source, const Options& options = {}) noexcept;

// Renders Markdown (no front matter) to HTML with the same pipeline and policy.
std::string render_markdown(std::string_view markdown, const Options& options = {}) noexcept;

// Sanitizes an HTML fragment with `policy`. Output is balanced and stable:
// sanitize_html(sanitize_html(x)) == sanitize_html(x).
std::string sanitize_html(std::string_view html, const SanitizePolicy& policy = SanitizePolicy::blog_post(),
                          Diagnostics* diagnostics = nullptr) noexcept;

// Front matter only: the typed tree plus diagnostics. Null when absent or invalid.
Value parse_front_matter(std::string_view source, Diagnostics* diagnostics = nullptr) noexcept;

}  // namespace postrender

#pragma once
// Markdown body -> HtmlWriter events, through md4c's parser and our own callbacks.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "html_writer.hpp"
#include "postrender/options.hpp"
#include "postrender/post.hpp"

namespace postrender::detail {

struct MarkdownOutput {
  std::vector<TocEntry> toc;
  std::size_t word_count = 0;       // words + CJK characters of the text content
  std::size_t cjk_characters = 0;   // of which CJK characters
  std::string first_paragraph_html;  // the first top-level paragraph, as written (for excerpts)
  // The writer found it self-contained (HtmlWriter::end_excerpt): it needs no re-balancing.
  bool first_paragraph_self_contained = false;
};

struct MarkdownInput {
  std::string_view markdown;
  int first_line = 1;          // line of markdown[0] in the whole file (for data-source-line)
  std::size_t source_offset = 0;  // byte offset of markdown[0] in the text behind the writer's SourceMap
  // md4c parser flags (MD_FLAG_*) to use instead of those derived from Options::markdown;
  // -1 = derive them. For conformance runs of individual md4c extensions.
  int md4c_flags = -1;
  // Add data-source-line attributes: Options::source_lines, unless false here (fragments such
  // as the excerpt and feature text have no lines of their own).
  bool source_lines = true;
};

// Renders `input.markdown` into `writer` and fills `output` (TOC, word counts, first paragraph).
// Trusted mode writes what md4c-html writes for the same flags. Throws only what allocation
// throws (render() catches it).
void render_markdown_body(const MarkdownInput& input, const Options& options, HtmlWriter& writer,
                          MarkdownOutput& output);

}  // namespace postrender::detail

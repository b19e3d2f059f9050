// STUB: the core issue's Markdown work replaces this file.
#include "markdown_renderer.hpp"

namespace postrender::detail {

void render_markdown_body(const MarkdownInput& input, const Options&, HtmlWriter& writer, MarkdownOutput&) {
  writer.start_element("p");
  writer.text(input.markdown);
  writer.end_element("p");
  writer.newline();
}

}  // namespace postrender::detail

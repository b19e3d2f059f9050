// Conformance helper: renders Markdown examples in trusted mode, as md2html would.
//
// Reads records from stdin, each "<md4c-flags> <byte-count>\n<markdown bytes>", and writes
// "<byte-count>\n<html bytes>" per record to stdout. Flags 0 is plain CommonMark through the public
// render_markdown(); other flags (md4c MD_FLAG_* values for the extension suites) go to the
// renderer directly; with bit 30 set also with data-source-line and heading ids (the runner checks
// that these only add attributes). `--md4c-test-dir` prints where md4c's own spec files are.
#include <cstdio>
#include <iostream>
#include <string>

#include "html_writer.hpp"
#include "markdown_renderer.hpp"
#include "postrender/post.hpp"

namespace {

postrender::Options trusted_options() {
  postrender::Options options;
  options.sanitize = false;
  options.heading_ids = false;
  options.source_lines = false;
  options.markdown.tables = false;
  options.markdown.strikethrough = false;
  options.markdown.task_lists = false;
  options.markdown.autolinks = false;
  options.markdown.underline = false;
  return options;
}

// Flag bit (outside md4c's MD_FLAG_* range) for "with data-source-line and heading ids".
constexpr int kDecorated = 1 << 30;

std::string render(const std::string& markdown, int flags) {
  postrender::Options options = trusted_options();
  if (flags == 0) return postrender::render_markdown(markdown, options);
  if (flags & kDecorated) {
    options.source_lines = true;
    options.heading_ids = true;
    flags &= ~kDecorated;
  }
  std::string html;
  postrender::Diagnostics diagnostics;
  postrender::detail::WriterConfig config;
  config.sanitize = false;
  config.policy = &options.policy;
  postrender::detail::HtmlWriter writer(html, config, diagnostics);
  postrender::detail::MarkdownOutput output;
  postrender::detail::MarkdownInput input;
  input.markdown = markdown;
  input.md4c_flags = flags;
  postrender::detail::render_markdown_body(input, options, writer, output);
  writer.finish();
  return html;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "--md4c-test-dir") {
    std::cout << POSTRENDER_MD4C_TEST_DIR << '\n';
    return 0;
  }
  std::ios::sync_with_stdio(false);
  int flags = 0;
  std::size_t size = 0;
  while (std::cin >> flags >> size) {
    std::cin.get();  // the '\n' after the header
    std::string markdown(size, '\0');
    if (size > 0 && !std::cin.read(&markdown[0], static_cast<std::streamsize>(size))) {
      std::cerr << "spec_runner: truncated input\n";
      return 2;
    }
    std::string html = render(markdown, flags);
    std::cout << html.size() << '\n' << html;
  }
  std::cout.flush();
  return 0;
}

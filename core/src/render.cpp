// Orchestration only: repair input -> split front matter -> YAML -> Jekyll fields -> Markdown.
#include <algorithm>
#ifdef POSTRENDER_EXCERPT_CROSSCHECK
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#endif
#include <exception>
#include <limits>
#include <utility>

#include "front_matter.hpp"
#include "html_escape.hpp"
#include "html_writer.hpp"
#include "jekyll.hpp"
#include "markdown_renderer.hpp"
#include "postrender/post.hpp"
#include "source_map.hpp"
#include "stable_order.hpp"
#include "utf8.hpp"

namespace postrender {
namespace {

using detail::signed_key;
using detail::SourceMap;
using detail::stable_order;

// The input as it will be parsed: truncated to the size limit and repaired to valid UTF-8.
// `storage` owns the text when a copy was needed.
std::string_view prepare_input(std::string_view source, const Limits& limits, std::string& storage,
                               Diagnostics& diagnostics) {
  if (source.size() > limits.max_input_bytes) {
    std::size_t keep = detail::utf8_prefix_length(source, limits.max_input_bytes);
    SourceMap map(source.substr(0, keep));
    auto at = map.position(keep);
    diagnostics.push_back({Severity::warning, "limit.input-size",
                           "input is larger than " + std::to_string(limits.max_input_bytes) +
                               " bytes; the rest was not rendered",
                           at.line, at.column});
    source = source.substr(0, keep);
  }
  if (detail::is_clean_utf8(source)) return source;
  auto report = detail::repair_utf8(source, storage);
  auto at = SourceMap(source).position(report.first_offset);
  std::string what = report.saw_invalid && report.saw_nul ? "invalid UTF-8 and NUL bytes"
                     : report.saw_nul                    ? "NUL bytes"
                                                         : "invalid UTF-8";
  diagnostics.push_back({Severity::warning, report.saw_invalid ? "utf8.invalid" : "utf8.nul",
                         what + " replaced by U+FFFD (" + std::to_string(report.replaced) + " in all)",
                         at.line, at.column});
  return storage;
}

detail::WriterConfig writer_config(const Options& options) {
  detail::WriterConfig config;
  config.sanitize = options.sanitize;
  config.policy = &options.policy;
  config.max_nesting = options.limits.max_nesting;
  config.base_url = options.base_url;
  return config;
}

// Markdown fragment (excerpt, feature text) rendered with the same pipeline and policy.
std::string render_fragment(std::string_view markdown, const Options& options, Diagnostics& diagnostics) {
  std::string html;
  detail::HtmlWriter writer(html, writer_config(options), diagnostics, nullptr);
  detail::MarkdownOutput ignored;
  detail::MarkdownInput input{markdown, 0, 0};
  input.source_lines = false;
  detail::render_markdown_body(input, options, writer, ignored);
  writer.finish();
  return html;
}

// Raw HTML through the sanitizing writer with `config`. Diagnostics positions come from `text`.
std::string sanitize_with(std::string_view text, const detail::WriterConfig& config, Diagnostics& diagnostics) {
  SourceMap map(text);
  std::string out;
  detail::HtmlWriter writer(out, config, diagnostics, &map);
  writer.raw_html(text, 0);
  writer.finish();
  return out;
}

void render_post(std::string_view source, const Options& options, Post& post) {
  std::string repaired;
  std::string_view text = prepare_input(source, options.limits, repaired, post.warnings);
  SourceMap map(text);

  auto block = detail::split_front_matter(text, post.warnings);
  if (block.present) {
    post.front_matter = detail::parse_yaml(block.yaml, block.yaml_first_line, options.limits, post.warnings);
  }
  auto fields = detail::apply_jekyll_fields(post.front_matter, options.file_name, post, post.warnings);

  std::string_view body = block.body;
  if (!fields.excerpt_separator.empty() && !fields.has_excerpt) {
    auto cut = body.find(fields.excerpt_separator);
    if (cut != std::string_view::npos) {
      post.excerpt_html = render_fragment(body.substr(0, cut), options, post.warnings);
    }
  }

  // The HTML is about as long as the body: one allocation instead of a dozen doublings with
  // their copies (a fixed cost that shows on small posts). Capped, so a huge post whose
  // output is mostly dropped does not hold memory it never uses.
  post.html.reserve(std::min<std::size_t>(body.size() + body.size() / 8 + 64, std::size_t{1} << 20));
  detail::HtmlWriter writer(post.html, writer_config(options), post.warnings, &map);
  detail::MarkdownOutput output;
  detail::render_markdown_body({body, block.body_first_line, block.body_offset}, options, writer, output);
  writer.finish();

  post.toc = std::move(output.toc);
  post.word_count = output.word_count;
  if (post.word_count > 0) {
    std::size_t words = output.word_count - output.cjk_characters;
    double minutes = static_cast<double>(words) / std::max(1, options.words_per_minute) +
                     static_cast<double>(output.cjk_characters) / std::max(1, options.cjk_chars_per_minute);
    post.reading_minutes = std::max(1, static_cast<int>(minutes + 0.5));
  }
  if (fields.has_excerpt) {
    post.excerpt_html = render_fragment(fields.excerpt, options, post.warnings);
  } else if (post.excerpt_html.empty()) {
    // The first paragraph is cut out of the body's output; raw HTML inside it (or before it)
    // can leave that slice unbalanced, so when sanitizing it is balanced again, unless the
    // writer proved it self-contained: then that second pass would return it unchanged (see
    // HtmlWriter::end_excerpt). Same configuration as the body (base URL, nesting limit), so
    // links come out as they do there.
    Diagnostics already_reported;  // the body's pass reported this content's removals
    post.excerpt_html = options.sanitize && !output.first_paragraph_self_contained
                            ? sanitize_with(output.first_paragraph_html, writer_config(options), already_reported)
                            : std::move(output.first_paragraph_html);
#ifdef POSTRENDER_EXCERPT_CROSSCHECK
    // For fuzzing builds (-DPOSTRENDER_EXCERPT_CROSSCHECK): the skipped pass must be a no-op.
    if (options.sanitize && output.first_paragraph_self_contained &&
        sanitize_with(post.excerpt_html, writer_config(options), already_reported) != post.excerpt_html) {
      std::fprintf(stderr, "excerpt cross-check failed:\n%s\n", post.excerpt_html.c_str());
      std::abort();
    }
#endif
  }
  if (!fields.feature_text.empty()) {
    post.feature_html = render_fragment(fields.feature_text, options, post.warnings);
  }
  // Source order; diagnostics without a position (line 0) keep their order after the rest.
  if (post.warnings.size() < 2) return;
  std::vector<std::uint64_t> keys(post.warnings.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const Diagnostic& d = post.warnings[i];
    const std::int64_t line = d.line == 0 ? std::numeric_limits<int>::max() : d.line;
    const std::int64_t column = std::int64_t{d.column} - std::numeric_limits<int>::min();  // 0 .. 2^32 - 1
    keys[i] = signed_key(line * (std::int64_t{1} << 32) + column);
  }
  Diagnostics sorted;
  sorted.reserve(keys.size());
  for (std::uint32_t i : stable_order(keys)) sorted.push_back(std::move(post.warnings[i]));
  post.warnings = std::move(sorted);
}

Diagnostic internal_error(const char* what) {
  return {Severity::error, "internal", std::string("internal error: ") + what, 0, 0};
}

}  // namespace

const char* version() noexcept { return "0.1.0"; }

Post render(std::string_view source, const Options& options) noexcept {
  Post post;
  try {
    render_post(source, options, post);
  } catch (const std::exception& e) {
    // Last-resort net: report, and still show the author's text, escaped.
    Post fallback;
    fallback.warnings = std::move(post.warnings);
    fallback.warnings.push_back(internal_error(e.what()));
    try {
      fallback.html = "<pre>";
      detail::append_escaped_text(fallback.html, source);
      fallback.html += "</pre>";
    } catch (...) {
      fallback.html.clear();
    }
    return fallback;
  } catch (...) {
    post = Post{};
    post.warnings.push_back(internal_error("unknown exception"));
  }
  return post;
}

std::string render_markdown(std::string_view markdown, const Options& options) noexcept {
  try {
    Diagnostics diagnostics;
    std::string repaired;
    std::string_view text = prepare_input(markdown, options.limits, repaired, diagnostics);
    return render_fragment(text, options, diagnostics);
  } catch (...) {
    return {};
  }
}

std::string sanitize_html(std::string_view html, const SanitizePolicy& policy, Diagnostics* diagnostics) noexcept {
  try {
    Diagnostics local;
    Diagnostics& sink = diagnostics ? *diagnostics : local;
    std::string repaired;
    const Limits limits;
    std::string_view text = prepare_input(html, limits, repaired, sink);
    detail::WriterConfig config;
    config.policy = &policy;
    config.max_nesting = limits.max_nesting;
    return sanitize_with(text, config, sink);
  } catch (...) {
    return {};
  }
}

Value parse_front_matter(std::string_view source, Diagnostics* diagnostics) noexcept {
  try {
    Diagnostics local;
    Diagnostics& sink = diagnostics ? *diagnostics : local;
    std::string repaired;
    const Limits limits;
    std::string_view text = prepare_input(source, limits, repaired, sink);
    auto block = detail::split_front_matter(text, sink);
    if (!block.present) return {};
    return detail::parse_yaml(block.yaml, block.yaml_first_line, limits, sink);
  } catch (...) {
    return {};
  }
}

}  // namespace postrender

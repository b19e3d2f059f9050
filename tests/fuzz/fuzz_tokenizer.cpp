// libFuzzer target: arbitrary bytes as raw HTML.
//  1. HtmlTokenizer alone: no crash, no hang, every token non-empty, tokens in order and not
//     overlapping (bytes a browser ignores, like "</>", may fall between them), tag and
//     attribute names lower-case with no whitespace, '/' or '>', at most one token per byte. The first byte picks the starting raw-text
//     element and foreign mode; svg/math tags toggle foreign mode the way the writer does.
//  2. sanitize_html over the same bytes (tokenizer + writer): output balanced, canonical,
//     inside the policy (blog_post or strict, from the first byte) and stable.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "html_tokenizer.hpp"

namespace {

using postrender::detail::El;
using postrender::detail::HtmlTokenizer;
using postrender::detail::Token;
using postrender::detail::TokenType;
using postrender::fuzzing::invariant_failed;

bool bad_name(std::string_view name) {
  if (name.empty()) return true;
  for (char c : name) {
    if ((c >= 'A' && c <= 'Z') || c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '/' ||
        c == '>' || c == '\0') {
      return true;
    }
  }
  return false;
}

void check_tokens(std::string_view input, uint8_t mode) {
  static constexpr El kStart[] = {El::unknown, El::unknown, El::script,   El::style,
                                  El::textarea, El::title,  El::noscript, El::plaintext};
  HtmlTokenizer tokenizer;
  tokenizer.reset(input, 0, kStart[(mode >> 2) & 7]);
  tokenizer.set_foreign(mode & 2);
  Token token;
  std::size_t expected_begin = 0;
  std::size_t count = 0;
  while (tokenizer.next(token)) {
    if (++count > input.size()) invariant_failed("tokenizer", "more tokens than input bytes", input);
    if (token.begin < expected_begin || token.end <= token.begin || token.end > input.size()) {
      invariant_failed("tokenizer",
                       "token " + std::to_string(count) + " spans [" + std::to_string(token.begin) + ", " +
                           std::to_string(token.end) + "), the previous one ended at " + std::to_string(expected_begin),
                       input);
    }
    expected_begin = token.end;
    if (token.type == TokenType::start_tag || token.type == TokenType::end_tag) {
      if (bad_name(token.data)) invariant_failed("tokenizer", "bad tag name '" + std::string(token.data) + "'", input);
    }
    if (token.type == TokenType::start_tag) {
      for (const auto& attribute : tokenizer.attributes()) {
        if (bad_name(attribute.name)) {
          invariant_failed("tokenizer", "bad attribute name '" + std::string(attribute.name) + "'", input);
        }
        // Touch every byte of the value: ASan catches a view into a reused buffer.
        volatile char sink = 0;
        for (char c : attribute.value) sink = static_cast<char>(sink ^ c);
      }
      if (token.element == El::svg || token.element == El::math) tokenizer.set_foreign(true);
    } else if (token.type == TokenType::end_tag && (token.element == El::svg || token.element == El::math)) {
      tokenizer.set_foreign(false);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view html(reinterpret_cast<const char*>(data) + 1, size - 1);
  check_tokens(html, data[0]);

  static const auto blog_post = postrender::SanitizePolicy::blog_post();
  static const auto strict = postrender::SanitizePolicy::strict();
  const auto& policy = (data[0] & 1) ? strict : blog_post;
  std::string out = postrender::sanitize_html(html, policy);
  postrender::fuzzing::check_output(out, policy, "sanitize_html");
  return 0;
}

#pragma once
// UTF-8 validation and repair (invalid sequences and NUL become U+FFFD).
#include <cstddef>
#include <string>
#include <string_view>

namespace postrender::detail {

struct Utf8Repair {
  std::size_t replaced = 0;        // how many invalid sequences / NULs were replaced
  std::size_t first_offset = 0;    // byte offset of the first one in the input (valid when replaced > 0)
  bool saw_nul = false;
  bool saw_invalid = false;
};

// True when `text` is valid UTF-8 without NUL bytes (the fast path: no copy needed).
bool is_clean_utf8(std::string_view text) noexcept;

// Copies `text` to `out`, replacing each maximal invalid subsequence and each NUL by U+FFFD.
Utf8Repair repair_utf8(std::string_view text, std::string& out);

// Length of the longest prefix of `text` of at most `max_bytes` that does not split a code point.
std::size_t utf8_prefix_length(std::string_view text, std::size_t max_bytes) noexcept;

// Decodes one code point at `text[i]`, advancing i; returns 0xFFFD for invalid input.
char32_t decode_utf8(std::string_view text, std::size_t& i) noexcept;
void append_utf8(std::string& out, char32_t code_point);

}  // namespace postrender::detail

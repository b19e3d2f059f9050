#include "utf8.hpp"

#include <cstdint>
#include <cstring>

namespace postrender::detail {
namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 when invalid (RFC 3629: no overlongs,
// no surrogates, nothing above U+10FFFF).
std::size_t valid_sequence_length(std::string_view text, std::size_t i) noexcept {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n = text.size() - i;
  auto cont = [&](std::size_t k) { return k < text.size() && (byte(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return n >= 2 && cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 3 || !cont(i + 1) || !cont(i + 2)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (n < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

bool is_clean_utf8(std::string_view text) noexcept {
  constexpr std::uint64_t kOnes = 0x0101010101010101u;
  constexpr std::uint64_t kHighs = 0x8080808080808080u;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  auto cont = [&](std::size_t k) { return (p[k] & 0xC0) == 0x80; };
  for (std::size_t i = 0; i < n;) {
    unsigned char c = p[i];
    if (c >= 0x01 && c < 0x80) {
      // Every render checks its whole input: after an ASCII byte, take 8 bytes at a time while
      // they are ASCII with no NUL (the zero test may flag a chunk falsely; the bytes then decide).
      ++i;
      while (n - i >= 8) {
        std::uint64_t chunk;
        std::memcpy(&chunk, p + i, 8);
        if (((chunk | ((chunk - kOnes) & ~chunk)) & kHighs) != 0) break;
        i += 8;
      }
      continue;
    }
    // Inline the common 2-byte and 3-byte forms (Latin, Hangul, most CJK); the rest, with
    // their overlong / range rules, go through valid_sequence_length().
    if (c >= 0xC2 && c <= 0xDF && n - i >= 2 && cont(i + 1)) {
      i += 2;
      continue;
    }
    if (c >= 0xE1 && c <= 0xEF && n - i >= 3 && cont(i + 1) && cont(i + 2) && (c != 0xED || p[i + 1] <= 0x9F)) {
      i += 3;  // E1-EF: any continuation bytes, except the surrogates after ED
      while (n - i >= 3 && p[i] >= 0xE1 && p[i] <= 0xEC && cont(i + 1) && cont(i + 2)) i += 3;
      continue;
    }
    std::size_t len = c == 0 ? 0 : valid_sequence_length(text, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

Utf8Repair repair_utf8(std::string_view text, std::string& out) {
  Utf8Repair report;
  out.clear();
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c == 0 ? 0 : valid_sequence_length(text, i);
    if (len > 0) {
      out.append(text, i, len);
      i += len;
      continue;
    }
    if (report.replaced++ == 0) report.first_offset = i;
    out += "\xEF\xBF\xBD";
    if (c == 0) {
      report.saw_nul = true;
      ++i;
      continue;
    }
    report.saw_invalid = true;
    // Skip the lead byte and the continuation bytes that belong to the same broken sequence.
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80 && c >= 0xC0) ++i;
  }
  return report;
}

std::size_t utf8_prefix_length(std::string_view text, std::size_t max_bytes) noexcept {
  if (text.size() <= max_bytes) return text.size();
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return end;
}

char32_t decode_utf8(std::string_view text, std::size_t& i) noexcept {
  std::size_t len = valid_sequence_length(text, i);
  auto b = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(text[i + k])); };
  char32_t cp = 0xFFFD;
  switch (len) {
    case 1: cp = b(0); break;
    case 2: cp = ((b(0) & 0x1F) << 6) | (b(1) & 0x3F); break;
    case 3: cp = ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F); break;
    case 4: cp = ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F); break;
    default: len = 1; break;
  }
  i += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace postrender::detail

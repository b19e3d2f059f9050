#include "slug.hpp"

#include "text_stats.hpp"
#include "utf8.hpp"

namespace postrender::detail {

std::string slugify_heading(std::string_view text) {
  std::string slug;
  slug.reserve(text.size());
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {  // ASCII, as the general path below treats it
      const char c = text[i++];
      if (c == ' ') {
        slug += '-';
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
        slug += c;
      } else if (c >= 'A' && c <= 'Z') {
        slug += static_cast<char>(c + 32);
      }
      continue;
    }
    // Hangul syllables, the bulk of a Korean heading, are letters with no case: their bytes are
    // copied as they are (a valid 3-byte sequence, EA B0 80 to ED 9E A3).
    auto lead = static_cast<unsigned char>(text[i]);
    if (lead >= 0xEA && lead <= 0xED && n - i >= 3) {
      auto c1 = static_cast<unsigned char>(text[i + 1]);
      auto c2 = static_cast<unsigned char>(text[i + 2]);
      if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80) {
        char32_t cp = (static_cast<char32_t>(lead & 0x0F) << 12) | (static_cast<char32_t>(c1 & 0x3F) << 6) | (c2 & 0x3F);
        if (cp >= 0xAC00 && cp <= 0xD7A3) {
          slug.append(text.data() + i, 3);
          i += 3;
          continue;
        }
      }
    }
    char32_t c = decode_utf8(text, i);
    if (c == ' ') {
      slug += '-';
    } else if (c == '-' || c == '_') {
      slug += static_cast<char>(c);
    } else {
      switch (char_kind(c)) {
        case CharKind::letter:
        case CharKind::digit:
        case CharKind::ideograph:
        case CharKind::mark:
          append_utf8(slug, to_lower(c));
          break;
        default:
          break;  // punctuation, symbols, emoji, other spaces, controls
      }
    }
  }
  return slug;
}

std::string Slugger::unique(std::string_view heading_text) {
  std::string base = slugify_heading(heading_text);
  if (base.empty()) base = "section";
  // github-slugger: bump the base's counter until the candidate is free.
  std::string result = base;
  while (occurrences_.count(result) != 0) {
    int n = ++occurrences_[base];
    result = base + '-' + std::to_string(n);
  }
  occurrences_.emplace(result, 0);
  return result;
}

void Slugger::reserve(const std::string& id) { occurrences_.emplace(id, 0); }

}  // namespace postrender::detail

#include "slug.hpp"

#include "text_stats.hpp"
#include "utf8.hpp"

namespace postrender::detail {

std::string slugify_heading(std::string_view text) {
  std::string slug;
  slug.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
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

#include "source_map.hpp"

#include <algorithm>
#include <cstring>

namespace postrender::detail {

void SourceMap::build_line_starts() const {
  std::string_view text = text_;
  line_starts_.push_back(0);
  if (text.find('\r') == std::string_view::npos) {
    // The usual case: LF only, found with memchr.
    const char* begin = text.data();
    const char* end = begin + text.size();
    for (const char* p = begin; p < end;) {
      const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
      if (nl == nullptr) break;
      p = static_cast<const char*>(nl) + 1;
      line_starts_.push_back(static_cast<std::size_t>(p - begin));
    }
    return;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      line_starts_.push_back(i + 1);
    } else if (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) {
      line_starts_.push_back(i + 1);  // a lone CR ends a line too (CommonMark)
    }
  }
}

Position SourceMap::position(std::size_t offset) const {
  if (line_starts_.empty()) build_line_starts();
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  std::size_t index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  int column = 1;
  for (std::size_t i = line_starts_[index]; i < offset; ++i) {
    // Count code points: skip UTF-8 continuation bytes.
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  }
  return {static_cast<int>(index) + 1, column};
}

}  // namespace postrender::detail

#pragma once
// Byte offset -> 1-based line and column (columns count code points; CRLF is one line break).
#include <cstddef>
#include <string_view>
#include <vector>

namespace postrender::detail {

struct Position {
  int line = 0;    // 1-based; 0 = unknown
  int column = 0;  // 1-based, in code points; 0 = unknown
};

class SourceMap {
 public:
  explicit SourceMap(std::string_view text);
  // Offsets past the end map to the end. Position of `offset` in the text given to the constructor.
  Position position(std::size_t offset) const noexcept;
  int line(std::size_t offset) const noexcept { return position(offset).line; }
  std::string_view text() const noexcept { return text_; }

 private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
};

}  // namespace postrender::detail

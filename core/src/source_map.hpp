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
  // Cheap: the line table is built on the first position() call, since most renders report
  // nothing and never need one.
  explicit SourceMap(std::string_view text) noexcept : text_(text) {}
  // Offsets past the end map to the end. Position of `offset` in the text given to the constructor.
  // May throw std::bad_alloc (the first call builds the line table).
  Position position(std::size_t offset) const;
  int line(std::size_t offset) const { return position(offset).line; }
  std::string_view text() const noexcept { return text_; }

 private:
  void build_line_starts() const;

  std::string_view text_;
  mutable std::vector<std::size_t> line_starts_;  // empty until first needed
};

}  // namespace postrender::detail

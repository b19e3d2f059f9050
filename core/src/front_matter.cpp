// STUB: the core issue's front-matter work replaces this file.
#include "front_matter.hpp"

namespace postrender::detail {

FrontMatterBlock split_front_matter(std::string_view source, Diagnostics&) {
  FrontMatterBlock block;
  block.body = source;
  return block;
}

Value parse_yaml(std::string_view, int, const Limits&, Diagnostics&) { return {}; }

}  // namespace postrender::detail

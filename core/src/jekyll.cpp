// STUB: the core issue's front-matter work replaces this file.
#include "jekyll.hpp"

namespace postrender::detail {

MarkdownFields apply_jekyll_fields(const Value&, std::string_view, Post&, Diagnostics&) { return {}; }

}  // namespace postrender::detail

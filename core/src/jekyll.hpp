#pragma once
// Jekyll semantics on top of the raw front matter tree.
#include <string>
#include <string_view>

#include "postrender/diagnostic.hpp"
#include "postrender/post.hpp"

namespace postrender::detail {

// Front matter fields that are Markdown and need the render pipeline.
struct MarkdownFields {
  bool has_excerpt = false;
  std::string excerpt;            // explicit `excerpt` (Markdown)
  std::string excerpt_separator;  // `excerpt_separator`, "" when unset
  std::string feature_text;       // `feature_text` (Markdown), "" when unset
};

// Fills title, date, categories, tags, slug, permalink, published and image of `post` from
// `front_matter` (may be null) and `file_name` (may be empty). Never throws.
MarkdownFields apply_jekyll_fields(const Value& front_matter, std::string_view file_name, Post& post,
                                   Diagnostics& diagnostics);

}  // namespace postrender::detail

#pragma once
// JSON serialisation of results (for the CLI's --json and for tools). Output is UTF-8,
// with control characters and quotes escaped; keys in a fixed, documented order.
#include <string>

#include "postrender/post.hpp"

namespace postrender {

// The whole Post as one JSON object with camelCase keys, as the JavaScript API returns it:
// html, frontMatter, title, date, categories, tags, slug, permalink, published, image,
// excerptHtml, featureHtml, toc, wordCount, readingMinutes, warnings.
std::string to_json(const Post& post);

// A Value as JSON (mapping key order kept; NaN and infinities as null).
std::string to_json(const Value& value);

// Appends `text` as a JSON string literal (with quotes).
void append_json_string(std::string& out, std::string_view text);

}  // namespace postrender

#pragma once
// The wire format between JavaScript and the core: options arrive as JSON (validated and
// normalised by web/src/options.js), results leave as JSON metadata plus raw HTML bytes.
// Plain C++ with no Emscripten dependency, so it also builds natively (the byte-identity tests
// compare the wasm module's results with the native CLI's).
#include <string>
#include <string_view>

#include "postrender/options.hpp"
#include "postrender/post.hpp"

namespace postrender::wire {

// Parses the JSON written by web/src/options.js into `options` (starting from the defaults).
// Returns false and sets `error` on malformed JSON, an unknown key or a wrong type.
// Never throws.
bool parse_options(std::string_view json, Options& options, std::string& error) noexcept;

// Like parse_options, for the `policy` object alone (used by sanitize()).
bool parse_policy(std::string_view json, SanitizePolicy& policy, std::string& error) noexcept;

// The writers below replace the contents of `out` (its capacity is reused from call to call).

// Everything in `post` except `html`, as one JSON object with camelCase keys:
// {"html":null,"frontMatter":…,"title":…,…,"warnings":[…]} ("html" is a placeholder that
// keeps the key first; JavaScript fills it from the separate HTML bytes). Front matter keeps its key order; integers are
// written exactly (JavaScript reads them as Number); a NaN/Infinity float is written as the
// string "\u0000nan" / "\u0000inf" / "\u0000-inf" and "nonFinite":true is added at the end, so
// the reader can restore it. Invalid UTF-8 in strings is written as U+FFFD.
void post_metadata_json(const Post& post, std::string& out);

// {"frontMatter":…,"warnings":[…]} (same conventions).
void front_matter_json(const Value& front_matter, const Diagnostics& warnings, std::string& out);

// {"warnings":[…]}
void warnings_json(const Diagnostics& warnings, std::string& out);

}  // namespace postrender::wire

#pragma once
// The wire format between JavaScript and the core: options arrive as JSON (validated and
// normalised by web/src/options.js), results leave as raw HTML bytes plus metadata (positional
// for render() and parseFrontMatter(), small JSON texts of warnings for the rest).
// Plain C++ with no Emscripten dependency, so it also builds natively (the byte-identity tests
// compare the wasm module's results with the native CLI's).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

// A post's metadata (everything in `post` except `html`), for render(). Not JSON: JSON.parse
// was a fifth of a small post's render and writing the JSON another seventh. `words` is a
// flat list of u32s read in order by web/src/engine.js (decode); every string is one
// word, its length in UTF-16 code units, and its text follows the previous string's in
// `text` (valid UTF-8: JavaScript decodes all of it at once and slices).
// Layout, with S a string and N a count:
//   value(frontMatter) S title S date N S… categories N S… tags S slug S permalink
//   published(0/1) S image S excerptHtml S featureHtml N (level S id S text)… toc
//   wordCount(lo, hi) readingMinutes N (S severity S code S message line column)… warnings
// A value is a tag and its payload: 0 null, 1 false, 2 true, 3 integer (lo, hi: two's
// complement halves), 4 finite float (S: its text, as JSON would write it), 5 NaN, 6 +Inf,
// 7 -Inf, 8 string (S), 9 sequence (N values), 10 mapping (N of S key, value).
// Integers become the nearest Number; invalid UTF-8 becomes U+FFFD per byte.
void post_metadata_words(const Post& post, std::vector<std::uint32_t>& words, std::string& text);

// parseFrontMatter()'s result in the same layout: value(frontMatter) then the warnings, as in
// post_metadata_words.
void front_matter_words(const Value& front_matter, const Diagnostics& warnings, std::vector<std::uint32_t>& words,
                        std::string& text);

// {"warnings":[…]}
void warnings_json(const Diagnostics& warnings, std::string& out);

// Length of the ASCII prefix of `text`, eight bytes at a time.
std::size_t ascii_prefix(std::string_view text) noexcept;

}  // namespace postrender::wire

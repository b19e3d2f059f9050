#pragma once
// Character references (&amp; &#169; &#xA9;), decoded with a table generated from md4c's
// entity.c (tools/entity_table.cmake), so Markdown and raw HTML agree on every name.
#include <cstddef>
#include <string>
#include <string_view>

namespace postrender::detail {

// Decodes exactly one complete reference, `ref` including the leading '&' and the trailing ';'
// ("&nbsp;", "&#35;", "&#x1F600;"), as CommonMark does, and appends its UTF-8 to `out`.
// Numeric references to 0, surrogates or beyond U+10FFFF give U+FFFD.
// Returns false and leaves `out` unchanged when `ref` is not such a reference.
bool decode_entity(std::string_view ref, std::string& out);

// Decodes the character reference at the start of `text` (text[0] == '&') the way an HTML
// parser does: named references with ';', HTML's legacy names without ';' (&amp &nbsp &copy ...,
// longest match), numeric references with or without ';' (C1 controls remapped as windows-1252,
// 0 / surrogates / > U+10FFFF as U+FFFD). With `in_attribute`, a legacy name followed by an
// alphanumeric or '=' is not a reference (HTML's attribute rule).
// Returns the number of bytes consumed and appends the UTF-8 to `out`; returns 0 (out unchanged)
// when there is no reference at the start, in which case the '&' is literal text.
std::size_t decode_html_reference(std::string_view text, std::string& out, bool in_attribute = false);

// Appends `text` with every reference decoded by decode_html_reference.
void append_html_decoded(std::string& out, std::string_view text, bool in_attribute = false);

}  // namespace postrender::detail

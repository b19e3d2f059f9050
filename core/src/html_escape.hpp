#pragma once
// Escapers for HTML text, attribute values and URLs, driven by one table.
#include <string>
#include <string_view>

namespace postrender::detail {

// & < > " escaped (as md4c-html does, in text too). Bytes are otherwise copied as they are.
void append_escaped_text(std::string& out, std::string_view text);
void append_escaped_attribute(std::string& out, std::string_view value);
// Percent-encodes bytes that may not appear in a URL (as md4c-html does) and escapes & for HTML.
// Existing %XX sequences are kept.
void append_escaped_url(std::string& out, std::string_view url);

}  // namespace postrender::detail

#include "html_escape.hpp"

#include <array>

namespace postrender::detail {
namespace {

enum : unsigned char { kTextEscape = 1, kAttributeEscape = 2, kUrlKeep = 4 };

constexpr std::array<unsigned char, 256> make_table() {
  std::array<unsigned char, 256> table{};
  table['&'] = kTextEscape | kAttributeEscape;
  table['<'] = kTextEscape | kAttributeEscape;
  table['>'] = kTextEscape | kAttributeEscape;
  table['"'] = kTextEscape | kAttributeEscape;  // in text too, as md4c-html and cmark do
  // Characters a URL keeps unencoded: md4c-html's set (render_url_escaped), so trusted output
  // matches md2html byte for byte. '[', ']' and '\'' are percent-encoded, as md4c and cmark do.
  for (unsigned char c = '0'; c <= '9'; ++c) table[c] |= kUrlKeep;
  for (unsigned char c = 'a'; c <= 'z'; ++c) table[c] |= kUrlKeep;
  for (unsigned char c = 'A'; c <= 'Z'; ++c) table[c] |= kUrlKeep;
  for (unsigned char c : std::string_view("-._~:/?#@!$()*+,;=%")) table[c] |= kUrlKeep;
  return table;
}
constexpr auto kTable = make_table();

const char* entity_for(char c) {
  switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
  }
  return nullptr;
}

void append_escaped(std::string& out, std::string_view text, unsigned char flag) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (kTable[static_cast<unsigned char>(text[i])] & flag) {
      out.append(text.data() + run, i - run);
      out.append(entity_for(text[i]));
      run = i + 1;
    }
  }
  out.append(text.data() + run, text.size() - run);
}

}  // namespace

void append_escaped_text(std::string& out, std::string_view text) { append_escaped(out, text, kTextEscape); }

void append_escaped_attribute(std::string& out, std::string_view value) {
  append_escaped(out, value, kAttributeEscape);
}

void append_escaped_url(std::string& out, std::string_view url) {
  static const char kHex[] = "0123456789ABCDEF";
  // Kept characters are appended in runs: most URLs need no encoding at all.
  std::size_t run = 0;
  for (std::size_t i = 0; i < url.size(); ++i) {
    auto c = static_cast<unsigned char>(url[i]);
    if (kTable[c] & kUrlKeep) continue;
    out.append(url.data() + run, i - run);
    run = i + 1;
    if (c == '&') {
      out += "&amp;";
    } else {
      const char encoded[3] = {'%', kHex[c >> 4], kHex[c & 15]};
      out.append(encoded, 3);
    }
  }
  out.append(url.data() + run, url.size() - run);
}

}  // namespace postrender::detail

#pragma once
// HtmlTokenizer: raw HTML bytes -> tokens, following the WHATWG tokenization states that
// matter for safety (@TCB: security-critical). It is a pull tokenizer: next() returns one
// token at a time, so the writer can switch it into foreign-content mode between tokens, the
// way the HTML tree builder does.
//
// Tokens point into the input (string_views) wherever possible; names that need lower-casing
// and values that contain character references are copied into buffers owned by the
// tokenizer, reused from token to token. A token's views stay valid until the next call to
// next() or reset(). Nothing here recurses; every state advances at least one byte.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "element_table.hpp"

namespace postrender::detail {

enum class TokenType : std::uint8_t {
  text,              // character data, references decoded, NUL dropped (as the "in body" mode does)
  raw_text,          // the content of script/style/textarea/title/xmp/iframe/noembed/noframes/noscript/plaintext
  start_tag,         // name and attributes(); self_closing set for "<x/>"
  end_tag,           // name; attributes on end tags are parsed and discarded
  comment,           // <!-- -->, and bogus comments: <?x>, </ x>, <!x>, <![CDATA[ ]]> outside foreign content
  doctype,           // <!DOCTYPE ...>
  cdata,             // <![CDATA[ ... ]]> in foreign content: its text (not decoded)
  unterminated_tag,  // "<a href=..." cut off by the end of input: the browser drops it, so do we
};

struct TokenAttribute {
  std::string_view name;   // lower-case, NUL replaced by U+FFFD
  std::string_view value;  // references decoded; "" for an attribute without a value
  std::size_t offset = 0;  // source offset of the name (base offset included)
};

struct Token {
  TokenType type = TokenType::text;
  // text / raw_text / comment / cdata / doctype: the content; tags: the lower-case name.
  std::string_view data;
  El element = El::unknown;  // tags: the name looked up in the element table
  bool self_closing = false;
  std::size_t begin = 0;  // source offset of the token's first byte (base offset included)
  std::size_t end = 0;    // one past its last byte
};

class HtmlTokenizer {
 public:
  // Starts tokenizing `input`. Offsets in tokens are `base_offset` + the position in `input`.
  // With `raw_element` set (an element whose TextMode is not normal), the input begins inside
  // that element's raw text, as when an earlier chunk left a <script> or <noscript> open.
  void reset(std::string_view input, std::size_t base_offset = 0, El raw_element = El::unknown);

  // The next token, or false at the end of the input.
  bool next(Token& token);

  // Attributes of the last start tag, duplicates removed (the first one wins, as in browsers).
  const std::vector<TokenAttribute>& attributes() const noexcept { return attributes_; }

  // Foreign (SVG/MathML) content: <![CDATA[ ]]> is a section rather than a bogus comment, and
  // no start tag switches to raw text. The writer sets this between tokens.
  void set_foreign(bool foreign) noexcept { foreign_ = foreign; }
  bool foreign() const noexcept { return foreign_; }

  // After the end of input: the raw-text element still open (its end tag never came), else El::unknown.
  El open_raw_element() const noexcept { return open_raw_; }

 private:
  bool is_markup_start(std::size_t at) const;
  bool read_markup(Token& token);
  bool read_comment(Token& token, std::size_t body);
  bool read_bogus_comment(Token& token, std::size_t body);
  bool read_tag(Token& token, bool end_tag);
  void read_text(Token& token);
  bool read_raw_text(Token& token, El element);
  std::size_t find_raw_end(El element, std::size_t from) const;
  std::size_t find_script_end(std::size_t from) const;
  bool starts_tag_named(std::size_t at, bool end_tag, std::string_view name) const;

  std::string_view in_;
  std::size_t pos_ = 0;
  std::size_t base_ = 0;
  bool foreign_ = false;
  El pending_raw_ = El::unknown;  // the last start tag switches the tokenizer to raw text
  El open_raw_ = El::unknown;

  // Reused buffers: no allocation per token once they have grown.
  std::string text_;        // decoded text / raw text
  std::string scratch_;     // lower-cased names and decoded attribute values of the current tag
  struct PendingAttribute {
    std::size_t name_pos, name_len, value_pos, value_len, offset;
    bool name_in_scratch, value_in_scratch;
  };
  std::vector<PendingAttribute> pending_;
  std::vector<TokenAttribute> attributes_;
};

// The tokens of `html` as "TYPE: text" lines in the OWASP golden style ("TAGBEGIN: <div",
// "ATTRNAME: class", "ATTRVALUE: x", "TAGEND: >", "TEXT: hi", "COMMENT: x", ...). For tests
// and the fuzzer; not on the hot path.
std::vector<std::string> describe_tokens(std::string_view html);

}  // namespace postrender::detail

// HTML tokenizer (@TCB: security-critical). State names in comments are WHATWG's.
//
// Where this differs from a browser, it only ever drops more: it never turns something a
// browser reads as text into markup the writer would then keep. Deliberate simplifications:
// NUL in text is dropped (the "in body" mode ignores it), and <noscript> is raw text (the
// scripting-enabled parse, which is what a live page does with innerHTML).
#include "html_tokenizer.hpp"

#include <array>
#include <cstdint>
#include <cstring>

#include "entities.hpp"

namespace postrender::detail {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// Bytes that end a plain run of text in the data state.
constexpr std::array<bool, 256> make_text_stops() {
  std::array<bool, 256> stops{};
  stops['<'] = true;
  stops['&'] = true;
  stops['\0'] = true;
  return stops;
}
constexpr auto kTextStops = make_text_stops();

// True when one of the 8 bytes in `x` is a text stop ("has a zero byte" after XOR with each).
bool chunk_has_text_stop(std::uint64_t x) {
  constexpr std::uint64_t kOnes = 0x0101010101010101u;
  constexpr std::uint64_t kHighs = 0x8080808080808080u;
  auto has = [&](unsigned char b) {
    std::uint64_t v = x ^ (kOnes * b);
    return (v - kOnes) & ~v & kHighs;
  };
  return (has('<') | has('&') | has('\0')) != 0;
}

// Bytes inside a tag: what ends a tag name or an attribute name, and what makes a name need
// lower-casing (upper-case ASCII, and NUL, which becomes U+FFFD) - found in the same pass.
enum : unsigned char { kEndsTagName = 1, kEndsAttributeName = 2, kNeedsLowering = 4 };
constexpr std::array<unsigned char, 256> make_tag_bytes() {
  std::array<unsigned char, 256> bytes{};
  for (unsigned char c : {' ', '\t', '\n', '\f', '\r', '/', '>'}) bytes[c] = kEndsTagName | kEndsAttributeName;
  bytes['='] = kEndsAttributeName;
  for (unsigned char c = 'A'; c <= 'Z'; ++c) bytes[c] = kNeedsLowering;
  bytes['\0'] = kNeedsLowering;
  return bytes;
}
constexpr auto kTagBytes = make_tag_bytes();

bool equals_ci(std::string_view text, std::size_t at, std::string_view lower) {
  if (at + lower.size() > text.size()) return false;
  for (std::size_t i = 0; i < lower.size(); ++i) {
    if (to_lower(text[at + i]) != lower[i]) return false;
  }
  return true;
}

// Appends `text` with NUL replaced by U+FFFD and, when `decode`, references decoded.
void append_cleaned(std::string& out, std::string_view text, bool decode, bool in_attribute) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '\0') {
      out.append(text.data() + run, i - run);
      out.append(kReplacement);
      run = ++i;
    } else if (c == '&' && decode) {
      out.append(text.data() + run, i - run);
      std::size_t used = decode_html_reference(text.substr(i), out, in_attribute);
      if (used == 0) {
        out += '&';
        used = 1;
      }
      i += used;
      run = i;
    } else {
      ++i;
    }
  }
  out.append(text.data() + run, text.size() - run);
}

bool needs_cleaning(std::string_view text, bool decode) {
  for (char c : text) {
    if (c == '\0' || (decode && c == '&')) return true;
  }
  return false;
}

void append_lowered(std::string& out, std::string_view name) {
  for (char c : name) {
    if (c == '\0') {
      out.append(kReplacement);
    } else {
      out += to_lower(c);
    }
  }
}

// Attributes beyond this many on one tag are parsed and ignored: it bounds the duplicate check.
constexpr std::size_t kMaxAttributes = 256;

}  // namespace

void HtmlTokenizer::reset(std::string_view input, std::size_t base_offset, El raw_element) {
  in_ = input;
  pos_ = 0;
  base_ = base_offset;
  foreign_ = false;
  pending_raw_ = element_info(raw_element).text_mode != TextMode::normal ? raw_element : El::unknown;
  open_raw_ = El::unknown;
  attributes_.clear();
}

bool HtmlTokenizer::next(Token& token) {
  token.element = El::unknown;
  token.self_closing = false;
  if (pending_raw_ != El::unknown) {
    El element = pending_raw_;
    pending_raw_ = El::unknown;
    if (!foreign_ && read_raw_text(token, element)) return true;
  }
  while (pos_ < in_.size()) {
    if (in_[pos_] == '<' && is_markup_start(pos_)) {
      if (read_markup(token)) return true;
      continue;  // "</>" is dropped without a token
    }
    read_text(token);
    if (!token.data.empty()) return true;
  }
  return false;
}

bool HtmlTokenizer::is_markup_start(std::size_t at) const {
  // Tag open state: a letter, '!', '?' start markup; "</" does unless the input ends there.
  if (at + 1 >= in_.size()) return false;
  char c = in_[at + 1];
  if (is_alpha(c) || c == '!' || c == '?') return true;
  return c == '/' && at + 2 < in_.size();
}

void HtmlTokenizer::read_text(Token& token) {
  std::size_t start = pos_;
  std::size_t i = pos_;
  bool copied = false;
  const std::size_t n = in_.size();
  // The first byte is text even when it is '<' (the caller saw it does not start markup).
  if (in_[i] == '<') ++i;
  while (i < n) {
    std::size_t run = i;
    // 8 bytes at a time while none of them is '<', '&' or NUL (the stops; the bytes decide).
    while (n - i >= 8) {
      std::uint64_t chunk;
      std::memcpy(&chunk, in_.data() + i, 8);
      if (chunk_has_text_stop(chunk)) break;
      i += 8;
    }
    while (i < n && !kTextStops[static_cast<unsigned char>(in_[i])]) ++i;
    if (copied) text_.append(in_.data() + run, i - run);
    if (i >= n) break;
    char c = in_[i];
    if (c == '<') {
      if (is_markup_start(i)) break;
      if (copied) text_ += '<';
      ++i;
      continue;
    }
    if (!copied) {
      text_.assign(in_.data() + start, i - start);
      copied = true;
    }
    if (c == '\0') {
      ++i;  // ignored, as the "in body" insertion mode does
      continue;
    }
    std::size_t used = decode_html_reference(in_.substr(i), text_, false);  // character reference state
    if (used == 0) {
      text_ += '&';
      used = 1;
    }
    i += used;
  }
  token.type = TokenType::text;
  token.data = copied ? std::string_view(text_) : in_.substr(start, i - start);
  token.begin = base_ + start;
  token.end = base_ + i;
  pos_ = i;
}

bool HtmlTokenizer::read_markup(Token& token) {
  const std::size_t n = in_.size();
  std::size_t start = pos_;
  char c = in_[start + 1];
  if (is_alpha(c)) return read_tag(token, false);
  if (c == '/') {
    char d = in_[start + 2];
    if (is_alpha(d)) return read_tag(token, true);
    if (d == '>') {  // "</>": missing-end-tag-name, nothing emitted
      pos_ = start + 3;
      return false;
    }
    return read_bogus_comment(token, start + 2);  // "</ x>", "</3>"
  }
  if (c == '?') return read_bogus_comment(token, start + 1);
  // Markup declaration open state.
  std::size_t after = start + 2;
  if (in_.compare(after, 2, "--") == 0) return read_comment(token, after + 2);
  if (equals_ci(in_, after, "doctype")) {
    std::size_t gt = in_.find('>', after);
    std::size_t end = gt == std::string_view::npos ? n : gt + 1;
    token.type = TokenType::doctype;
    token.data = in_.substr(start, end - start);
    token.begin = base_ + start;
    token.end = base_ + end;
    pos_ = end;
    return true;
  }
  if (in_.compare(after, 7, "[CDATA[") == 0) {
    if (!foreign_) return read_bogus_comment(token, after);
    std::size_t body = after + 7;
    std::size_t close = in_.find("]]>", body);
    std::size_t end = close == std::string_view::npos ? n : close + 3;
    token.type = TokenType::cdata;
    token.data = in_.substr(body, (close == std::string_view::npos ? n : close) - body);
    token.begin = base_ + start;
    token.end = base_ + end;
    pos_ = end;
    return true;
  }
  return read_bogus_comment(token, after);
}

bool HtmlTokenizer::read_comment(Token& token, std::size_t body) {
  // Comment start state: "<!-->" and "<!--->" are complete, empty comments.
  const std::size_t n = in_.size();
  std::size_t data_end = n;
  std::size_t end = n;
  if (body < n && in_[body] == '>') {
    data_end = body;
    end = body + 1;
  } else if (in_.compare(body, 2, "->") == 0) {
    data_end = body;
    end = body + 2;
  } else {
    // Comment end state: "--" then '>' or "!>" ends it; "--" followed by anything else does not.
    for (std::size_t at = in_.find("--", body); at != std::string_view::npos; at = in_.find("--", at + 1)) {
      if (at + 2 < n && in_[at + 2] == '>') {
        data_end = at;
        end = at + 3;
        break;
      }
      if (at + 3 < n && in_[at + 2] == '!' && in_[at + 3] == '>') {
        data_end = at;
        end = at + 4;
        break;
      }
    }
  }
  token.type = TokenType::comment;
  token.data = in_.substr(body, data_end - body);
  token.begin = base_ + pos_;
  token.end = base_ + end;
  pos_ = end;
  return true;
}

bool HtmlTokenizer::read_bogus_comment(Token& token, std::size_t body) {
  // Bogus comment state: everything up to the first '>'.
  std::size_t gt = in_.find('>', body);
  std::size_t data_end = gt == std::string_view::npos ? in_.size() : gt;
  std::size_t end = gt == std::string_view::npos ? in_.size() : gt + 1;
  token.type = TokenType::comment;
  token.data = in_.substr(body, data_end - body);
  token.begin = base_ + pos_;
  token.end = base_ + end;
  pos_ = end;
  return true;
}

bool HtmlTokenizer::read_tag(Token& token, bool end_tag) {
  const std::size_t n = in_.size();
  const std::size_t start = pos_;
  std::size_t i = start + (end_tag ? 2 : 1);
  scratch_.clear();
  pending_.clear();
  attributes_.clear();

  // Tag name state.
  std::size_t name_start = i;
  unsigned name_bytes = 0;
  for (; i < n; ++i) {
    const unsigned kind = kTagBytes[static_cast<unsigned char>(in_[i])];
    if (kind & kEndsTagName) break;
    name_bytes |= kind;
  }
  std::string_view raw_name = in_.substr(name_start, i - name_start);
  bool name_in_scratch = (name_bytes & kNeedsLowering) != 0;
  if (name_in_scratch) append_lowered(scratch_, raw_name);
  std::size_t name_len = name_in_scratch ? scratch_.size() : raw_name.size();

  bool self_closing = false;
  bool complete = false;
  while (i < n) {
    // Before attribute name state.
    char c = in_[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    if (c == '>') {
      ++i;
      complete = true;
      break;
    }
    if (c == '/') {  // self-closing start tag state
      ++i;
      if (i < n && in_[i] == '>') {
        self_closing = true;
        ++i;
        complete = true;
        break;
      }
      continue;  // unexpected-solidus-in-tag: back to before attribute name
    }
    // Attribute name state; a leading '=' belongs to the name.
    std::size_t attr_start = i;
    unsigned attr_bytes = kTagBytes[static_cast<unsigned char>(c)];
    for (++i; i < n; ++i) {
      const unsigned kind = kTagBytes[static_cast<unsigned char>(in_[i])];
      if (kind & kEndsAttributeName) break;
      attr_bytes |= kind;
    }
    std::string_view attr_name = in_.substr(attr_start, i - attr_start);
    // After attribute name state.
    std::size_t look = i;
    while (look < n && is_space(in_[look])) ++look;
    std::string_view value;
    std::size_t value_begin = 0;
    bool has_value = false;
    if (look < n && in_[look] == '=') {
      // Before attribute value state.
      i = look + 1;
      while (i < n && is_space(in_[i])) ++i;
      if (i >= n) break;
      char q = in_[i];
      if (q == '"' || q == '\'') {
        std::size_t close = in_.find(q, i + 1);
        if (close == std::string_view::npos) {
          i = n;
          break;
        }
        value_begin = i + 1;
        value = in_.substr(value_begin, close - value_begin);
        i = close + 1;  // after attribute value (quoted): a missing space is only a parse error
      } else if (q != '>') {
        value_begin = i;
        while (i < n && !is_space(in_[i]) && in_[i] != '>') ++i;
        value = in_.substr(value_begin, i - value_begin);
      }
      has_value = true;
    }
    if (end_tag || pending_.size() >= kMaxAttributes) continue;

    PendingAttribute attribute{};
    attribute.offset = base_ + attr_start;
    attribute.name_in_scratch = (attr_bytes & kNeedsLowering) != 0;
    if (attribute.name_in_scratch) {
      attribute.name_pos = scratch_.size();
      append_lowered(scratch_, attr_name);
      attribute.name_len = scratch_.size() - attribute.name_pos;
    } else {
      attribute.name_pos = attr_start;
      attribute.name_len = attr_name.size();
    }
    // Duplicate attribute: the first one wins, the new one is dropped.
    std::string_view this_name = attribute.name_in_scratch
                                     ? std::string_view(scratch_).substr(attribute.name_pos, attribute.name_len)
                                     : attr_name;
    bool duplicate = false;
    for (const PendingAttribute& other : pending_) {
      std::string_view other_name = other.name_in_scratch
                                        ? std::string_view(scratch_).substr(other.name_pos, other.name_len)
                                        : in_.substr(other.name_pos, other.name_len);
      if (other_name == this_name) {
        duplicate = true;
        break;
      }
    }
    if (duplicate) {
      if (attribute.name_in_scratch) scratch_.resize(attribute.name_pos);
      continue;
    }
    attribute.value_in_scratch = has_value && needs_cleaning(value, true);
    if (attribute.value_in_scratch) {
      attribute.value_pos = scratch_.size();
      append_cleaned(scratch_, value, true, true);
      attribute.value_len = scratch_.size() - attribute.value_pos;
    } else {
      attribute.value_pos = has_value ? value_begin : 0;
      attribute.value_len = value.size();
    }
    pending_.push_back(attribute);
  }

  if (!complete) {
    // EOF in tag: the browser emits nothing for it.
    token.type = TokenType::unterminated_tag;
    token.data = in_.substr(start, n - start);
    token.begin = base_ + start;
    token.end = base_ + n;
    pos_ = n;
    pending_.clear();
    return true;
  }

  std::string_view scratch(scratch_);
  for (const PendingAttribute& a : pending_) {
    TokenAttribute attribute;
    attribute.name = a.name_in_scratch ? scratch.substr(a.name_pos, a.name_len) : in_.substr(a.name_pos, a.name_len);
    attribute.value =
        a.value_in_scratch ? scratch.substr(a.value_pos, a.value_len) : in_.substr(a.value_pos, a.value_len);
    attribute.offset = a.offset;
    attributes_.push_back(attribute);
  }
  token.type = end_tag ? TokenType::end_tag : TokenType::start_tag;
  token.data = name_in_scratch ? scratch.substr(0, name_len) : raw_name;
  token.element = lookup_element(token.data);
  token.self_closing = self_closing;
  token.begin = base_ + start;
  token.end = base_ + i;
  pos_ = i;
  if (!end_tag && element_info(token.element).text_mode != TextMode::normal) pending_raw_ = token.element;
  return true;
}

bool HtmlTokenizer::starts_tag_named(std::size_t at, bool end_tag, std::string_view name) const {
  // "Appropriate end tag" (and script's double-escape start): the name, then a space, '/' or '>'.
  std::size_t name_at = at + (end_tag ? 2 : 1);
  if (in_[at] != '<' || (end_tag && (at + 1 >= in_.size() || in_[at + 1] != '/'))) return false;
  if (!equals_ci(in_, name_at, name)) return false;
  std::size_t after = name_at + name.size();
  return after < in_.size() && (is_space(in_[after]) || in_[after] == '/' || in_[after] == '>');
}

std::size_t HtmlTokenizer::find_raw_end(El element, std::size_t from) const {
  std::string_view name = element_name(element);
  for (std::size_t at = in_.find("</", from); at != std::string_view::npos; at = in_.find("</", at + 1)) {
    if (starts_tag_named(at, true, name)) return at;
  }
  return std::string_view::npos;
}

std::size_t HtmlTokenizer::find_script_end(std::size_t from) const {
  // Script data, script data escaped (after "<!--") and double escaped (after "<!--<script>").
  enum class State { data, escaped, double_escaped } state = State::data;
  int dashes = 0;
  const std::size_t n = in_.size();
  for (std::size_t i = from; i < n;) {
    char c = in_[i];
    if (state == State::data) {
      if (c == '<') {
        if (starts_tag_named(i, true, "script")) return i;
        if (in_.compare(i, 4, "<!--") == 0) {
          state = State::escaped;
          dashes = 2;  // script data escaped dash dash state: "<!-->" ends at once
          i += 4;
          continue;
        }
      }
      ++i;
      continue;
    }
    if (c == '-') {
      ++dashes;
      ++i;
      continue;
    }
    if (c == '>' && dashes >= 2) {
      state = State::data;
      dashes = 0;
      ++i;
      continue;
    }
    dashes = 0;
    if (c == '<') {
      if (state == State::escaped) {
        if (starts_tag_named(i, true, "script")) return i;
        if (starts_tag_named(i, false, "script")) {
          state = State::double_escaped;
          i += 7;
          continue;
        }
      } else if (starts_tag_named(i, true, "script")) {
        state = State::escaped;
        i += 8;
        continue;
      }
    }
    ++i;
  }
  return std::string_view::npos;
}

bool HtmlTokenizer::read_raw_text(Token& token, El element) {
  const std::size_t n = in_.size();
  TextMode mode = element_info(element).text_mode;
  std::size_t end = n;
  if (mode == TextMode::script) {
    end = find_script_end(pos_);
  } else if (mode != TextMode::plaintext) {
    end = find_raw_end(element, pos_);
  }
  if (end == std::string_view::npos || mode == TextMode::plaintext) {
    end = n;
    open_raw_ = element;
  }
  std::string_view body = in_.substr(pos_, end - pos_);
  std::size_t start = pos_;
  pos_ = end;
  if (body.empty()) return false;
  bool decode = mode == TextMode::rcdata;
  token.type = TokenType::raw_text;
  if (needs_cleaning(body, decode)) {
    text_.clear();
    append_cleaned(text_, body, decode, false);
    token.data = text_;
  } else {
    token.data = body;
  }
  token.begin = base_ + start;
  token.end = base_ + end;
  return true;
}

std::vector<std::string> describe_tokens(std::string_view html) {
  std::vector<std::string> lines;
  HtmlTokenizer tokenizer;
  tokenizer.reset(html);
  Token token;
  while (tokenizer.next(token)) {
    std::string data(token.data);
    switch (token.type) {
      case TokenType::text:
        lines.push_back("TEXT: " + data);
        break;
      case TokenType::raw_text:
        lines.push_back("RAWTEXT: " + data);
        break;
      case TokenType::start_tag:
      case TokenType::end_tag:
        lines.push_back((token.type == TokenType::start_tag ? "TAGBEGIN: <" : "TAGBEGIN: </") + data);
        for (const TokenAttribute& attribute : tokenizer.attributes()) {
          lines.push_back("ATTRNAME: " + std::string(attribute.name));
          if (!attribute.value.empty()) lines.push_back("ATTRVALUE: " + std::string(attribute.value));
        }
        lines.push_back(token.self_closing ? "TAGEND: />" : "TAGEND: >");
        break;
      case TokenType::comment:
        lines.push_back("COMMENT: " + data);
        break;
      case TokenType::doctype:
        lines.push_back("DOCTYPE: " + data);
        break;
      case TokenType::cdata:
        lines.push_back("CDATA: " + data);
        break;
      case TokenType::unterminated_tag:
        lines.push_back("UNTERMINATED: " + data);
        break;
    }
  }
  return lines;
}

}  // namespace postrender::detail

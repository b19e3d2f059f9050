// The common YAML subset of front matter, parsed by hand. Scalars are read by a port of
// yaml-cpp 0.8.0's ScanScalar (same folding, chomping, escapes and trimming, quirks included),
// so that their text is byte for byte what yaml-cpp would give; the block structure around
// them accepts only shapes whose meaning in yaml-cpp is unambiguous, and stops otherwise.
#include "yaml_subset.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "number_text.hpp"
#include "stable_order.hpp"

namespace postrender::detail {

// ---- YAML 1.2 core schema ----

namespace {

bool all_of(std::string_view s, bool (*pred)(char)) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}
bool is_dec(char c) { return c >= '0' && c <= '9'; }
bool is_oct(char c) { return c >= '0' && c <= '7'; }
bool is_hex(char c) { return is_dec(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

}  // namespace

bool is_core_null(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

std::optional<bool> core_bool(std::string_view s) {
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

// Octal and hexadecimal integers beyond 64 bits stay text.
std::optional<Value> core_int(std::string_view s) {
  int base = 10;
  std::string_view digits = s;
  bool negative = false;
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o' && all_of(s.substr(2), is_oct)) {
    base = 8;
    digits = s.substr(2);
  } else if (s.size() > 2 && s[0] == '0' && s[1] == 'x' && all_of(s.substr(2), is_hex)) {
    base = 16;
    digits = s.substr(2);
  } else {
    if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
      negative = digits[0] == '-';
      digits.remove_prefix(1);
    }
    if (!all_of(digits, is_dec)) return std::nullopt;
  }
  std::uint64_t magnitude = 0;
  const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
  for (char c : digits) {
    unsigned digit = is_dec(c) ? c - '0' : (c | 0x20) - 'a' + 10;
    if (magnitude > (limit - digit) / base) {
      if (base == 10) return Value(parse_double(s));
      return std::nullopt;
    }
    magnitude = magnitude * base + digit;
  }
  if (negative) {
    return Value(magnitude == (std::uint64_t{1} << 63) ? std::numeric_limits<std::int64_t>::min()
                                                       : -static_cast<std::int64_t>(magnitude));
  }
  return Value(static_cast<std::int64_t>(magnitude));
}

std::optional<Value> core_float(std::string_view s) {
  std::string_view body = s;
  bool negative = false;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == ".inf" || body == ".Inf" || body == ".INF") {
    double inf = std::numeric_limits<double>::infinity();
    return Value(negative ? -inf : inf);
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return Value(std::numeric_limits<double>::quiet_NaN());

  std::size_t i = 0;
  auto digits = [&] {
    std::size_t start = i;
    while (i < body.size() && is_dec(body[i])) ++i;
    return i - start;
  };
  std::size_t int_digits = digits();
  if (i < body.size() && body[i] == '.') {
    ++i;
    std::size_t frac_digits = digits();
    if (int_digits == 0 && frac_digits == 0) return std::nullopt;
  } else if (int_digits == 0) {
    return std::nullopt;
  }
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    if (i < body.size() && (body[i] == '-' || body[i] == '+')) ++i;
    if (digits() == 0) return std::nullopt;
  }
  if (i != body.size()) return std::nullopt;
  return Value(parse_double(s));
}

Value resolve_plain_scalar(std::string_view s) {
  if (is_core_null(s)) return Value();
  if (auto b = core_bool(s)) return Value(*b);
  if (auto i = core_int(s)) return *i;
  if (auto f = core_float(s)) return *f;
  return Value(std::string(s));
}

// ---- the subset parser ----

namespace {

constexpr std::size_t kNpos = std::string_view::npos;
// Own recursion bound (yaml-cpp's parser stops at 500 levels); deeper input falls back.
constexpr int kMaxNesting = 200;
// yaml-cpp drops a simple key longer than 1024 characters; stay well clear of it.
constexpr std::size_t kMaxKeyBytes = 1000;

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_break(char c) { return c == '\n' || c == '\r'; }
bool is_blank_or_break(char c) { return is_blank(c) || is_break(c); }

// Bytes that scan_scalar must look at one by one: blanks, breaks and other controls, the
// characters an end condition can match, and the escape characters.
constexpr bool is_special(unsigned char c) {
  switch (c) {
    case ':': case ',': case '?': case '[': case ']': case '{': case '}':
    case '"': case '\'': case '\\':
      return true;
    default:
      return c <= ' ' || c == 0x7F;
  }
}

// The text must be UTF-8 without controls, BOMs, C1 controls, lone CRs or the Unicode line and
// paragraph separators, and no line may start like a document marker or directive. Such input is
// left to yaml-cpp (its stream re-encodes some of it, and ends the document at markers).
std::size_t first_unsupported_byte(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size();
  bool line_start = true;
  for (std::size_t i = 0; i < n;) {
    unsigned char c = p[i];
    if (line_start) {
      std::string_view rest = s.substr(i, 3);
      if (rest == "---" || rest == "..." || c == '%') return i;
    }
    line_start = false;
    if (c < 0x80) {
      if (c == '\n') {
        line_start = true;
      } else if (c == '\r') {
        if (i + 1 >= n || p[i + 1] != '\n') return i;
      } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
        return i;
      }
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    if (cp <= 0x9F || cp == 0xFEFF || cp == 0x2028 || cp == 0x2029) return i;
    i += len;
  }
  return kNpos;
}

// ---- port of yaml-cpp's ScanScalar ----

enum class End { plain_block, plain_flow, double_quote, single_quote, eof_only };
enum class Fold { dont_fold, fold_block, fold_flow };
enum class Chomp { strip, clip, keep };

struct ScanParams {
  End end = End::eof_only;
  bool eat_end = false;
  int indent = 0;
  bool detect_indent = false;
  bool eat_leading_whitespace = false;
  char escape = 0;
  Fold fold = Fold::dont_fold;
  bool trim_trailing_spaces = false;
  Chomp chomp = Chomp::clip;
  bool throw_on_tab_in_indentation = false;
  // output
  bool leading_spaces = false;
};

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  std::size_t pos() const { return pos_; }
  void seek(std::size_t pos) {
    pos_ = pos;
    std::size_t nl = pos == 0 ? kNpos : s_.rfind('\n', pos - 1);
    line_start_ = nl == kNpos ? 0 : nl + 1;
  }
  int column() const { return static_cast<int>(pos_ - line_start_); }
  bool at_end() const { return pos_ >= s_.size(); }
  char peek(std::size_t ahead = 0) const { return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0'; }
  bool has(std::size_t ahead) const { return pos_ + ahead < s_.size(); }
  char get() {
    char c = s_[pos_++];
    if (c == '\n') line_start_ = pos_;
    return c;
  }
  void eat(std::size_t n) {
    while (n-- > 0 && !at_end()) get();
  }

  // Length of a line break here (LF or CRLF), 0 if none.
  std::size_t break_length(std::size_t ahead = 0) const {
    if (!has(ahead)) return 0;
    char c = peek(ahead);
    if (c == '\n') return 1;
    if (c == '\r') return has(ahead + 1) && peek(ahead + 1) == '\n' ? 2 : 1;
    return 0;
  }
  bool blank_or_break_at(std::size_t ahead) const { return has(ahead) && is_blank_or_break(peek(ahead)); }

  // Length of the run of ordinary bytes here: none of them can match any end condition
  // (end_match looks at the byte it stands on and, only after a blank or break, one further),
  // start an escape ('\\' and '\'' are the only escape characters) or be blank or a break.
  std::size_t ordinary_run() const {
    std::size_t i = pos_;
    while (i < s_.size() && !is_special(static_cast<unsigned char>(s_[i]))) ++i;
    return i - pos_;
  }

  // Length of the end condition's match here, or -1.
  int end_match(End end) const {
    if (at_end()) return end == End::eof_only ? 0 : -1;
    char c = peek();
    switch (end) {
      case End::eof_only: return -1;
      case End::double_quote: return c == '"' ? 1 : -1;
      case End::single_quote: return c == '\'' && !(has(1) && peek(1) == '\'') ? 1 : -1;
      case End::plain_block:
        if (c == ':' && (!has(1) || blank_or_break_at(1))) return 1;
        break;
      case End::plain_flow:
        if (c == ':' && (!has(1) || blank_or_break_at(1) || peek(1) == ',' || peek(1) == ']' || peek(1) == '}')) {
          return 1;
        }
        if (c == ',' || c == '?' || c == '[' || c == ']' || c == '{' || c == '}') return 1;
        break;
    }
    // blank or break, then '#'
    if (is_blank(c)) return has(1) && peek(1) == '#' ? 2 : -1;
    std::size_t b = break_length();
    if (b > 0) return has(b) && peek(b) == '#' ? static_cast<int>(b) + 1 : -1;
    return -1;
  }

  // Exp::Escape; false on an escape yaml-cpp rejects.
  bool escape(std::string& out) {
    char escape_char = get();
    if (at_end()) return false;
    char c = get();
    if (escape_char == '\'' && c == '\'') {
      out += '\'';
      return true;
    }
    switch (c) {
      case '0': out += '\0'; return true;
      case 'a': out += '\x07'; return true;
      case 'b': out += '\x08'; return true;
      case 't':
      case '\t': out += '\x09'; return true;
      case 'n': out += '\x0A'; return true;
      case 'v': out += '\x0B'; return true;
      case 'f': out += '\x0C'; return true;
      case 'r': out += '\x0D'; return true;
      case 'e': out += '\x1B'; return true;
      case ' ': out += ' '; return true;
      case '"': out += '"'; return true;
      case '\'': out += '\''; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'N': out += '\x85'; return true;  // yaml-cpp writes these two as single bytes
      case '_': out += '\xA0'; return true;
      case 'L': out += "\xE2\x80\xA8"; return true;
      case 'P': out += "\xE2\x80\xA9"; return true;
      case 'x': return hex_escape(2, out);
      case 'u': return hex_escape(4, out);
      case 'U': return hex_escape(8, out);
      default: return false;
    }
  }

  // ScanScalar: false where yaml-cpp throws (or where this port is unsure).
  bool scan_scalar(ScanParams& params, std::string& scalar) {
    bool found_non_empty_line = false;
    bool past_opening_break = params.fold == Fold::fold_flow;
    bool empty_line = false;
    bool more_indented = false;
    int folded_newline_count = 0;
    bool folded_newline_started_more_indented = false;
    std::size_t last_escaped_char = std::string::npos;
    params.leading_spaces = false;

    while (!at_end()) {
      // Phase 1: up to the line break.
      std::size_t last_non_whitespace_char = scalar.size();
      bool escaped_newline = false;
      while (end_match(params.end) < 0 && break_length() == 0) {
        if (at_end()) break;
        found_non_empty_line = true;
        past_opening_break = true;
        // A run of bytes that can end nothing, start no escape and are not blank is copied
        // with one append (the loop below would take them one by one, with the same result).
        if (std::size_t run = ordinary_run(); run > 0) {
          scalar.append(s_.data() + pos_, run);
          pos_ += run;
          last_non_whitespace_char = scalar.size();
          continue;
        }
        if (params.escape == '\\' && peek() == '\\' && break_length(1) > 0) {
          get();
          last_non_whitespace_char = scalar.size();
          last_escaped_char = scalar.size();
          escaped_newline = true;
          break;
        }
        if (params.escape != 0 && peek() == params.escape) {
          if (!escape(scalar)) return false;
          last_non_whitespace_char = scalar.size();
          last_escaped_char = scalar.size();
          continue;
        }
        char c = get();
        scalar += c;
        if (c != ' ' && c != '\t') last_non_whitespace_char = scalar.size();
      }
      if (at_end()) {
        if (params.eat_end) return false;  // EOF in a quoted scalar
        break;
      }
      int n = end_match(params.end);
      if (n >= 0) {
        if (params.eat_end) eat(static_cast<std::size_t>(n));
        break;
      }
      if (params.fold == Fold::fold_flow) scalar.erase(last_non_whitespace_char);

      // Phase 2: the line break.
      eat(break_length());

      // Phase 3: the indentation.
      while (peek() == ' ' && has(0) &&
             (column() < params.indent || (params.detect_indent && !found_non_empty_line)) &&
             end_match(params.end) < 0) {
        eat(1);
      }
      if (params.detect_indent && !found_non_empty_line) params.indent = std::max(params.indent, column());
      while (has(0) && is_blank(peek())) {
        if (peek() == '\t' && column() < params.indent && params.throw_on_tab_in_indentation) return false;
        if (!params.eat_leading_whitespace) break;
        if (end_match(params.end) >= 0) break;
        eat(1);
      }

      bool next_empty_line = break_length() > 0;
      bool next_more_indented = has(0) && is_blank(peek());
      if (params.fold == Fold::fold_block && folded_newline_count == 0 && next_empty_line) {
        folded_newline_started_more_indented = more_indented;
      }
      if (past_opening_break) {
        switch (params.fold) {
          case Fold::dont_fold: scalar += '\n'; break;
          case Fold::fold_block:
            if (!empty_line && !next_empty_line && !more_indented && !next_more_indented &&
                column() >= params.indent) {
              scalar += ' ';
            } else if (next_empty_line) {
              ++folded_newline_count;
            } else {
              scalar += '\n';
            }
            if (!next_empty_line && folded_newline_count > 0) {
              scalar.append(static_cast<std::size_t>(folded_newline_count - 1), '\n');
              if (folded_newline_started_more_indented || next_more_indented || !found_non_empty_line) {
                scalar += '\n';
              }
              folded_newline_count = 0;
            }
            break;
          case Fold::fold_flow:
            if (next_empty_line) {
              scalar += '\n';
            } else if (!empty_line && !escaped_newline) {
              scalar += ' ';
            }
            break;
        }
      }
      empty_line = next_empty_line;
      more_indented = next_more_indented;
      past_opening_break = true;
      if (!empty_line && column() < params.indent) {
        params.leading_spaces = true;
        break;
      }
    }

    if (params.trim_trailing_spaces) {
      std::size_t p = scalar.find_last_not_of(" \t");
      if (last_escaped_char != std::string::npos && (p < last_escaped_char || p == std::string::npos)) {
        p = last_escaped_char;
      }
      if (p < scalar.size()) scalar.erase(p + 1);
    }
    if (params.chomp != Chomp::keep) {
      std::size_t p = scalar.find_last_not_of('\n');
      if (last_escaped_char != std::string::npos && (p < last_escaped_char || p == std::string::npos)) {
        p = last_escaped_char;
      }
      if (p == std::string::npos) {
        scalar.erase();
      } else if (params.chomp == Chomp::clip && p + 1 < scalar.size()) {
        scalar.erase(p + 2);
      } else if (params.chomp == Chomp::strip && p < scalar.size()) {
        scalar.erase(p + 1);
      }
    }
    return true;
  }

 private:
  bool hex_escape(int length, std::string& out) {
    std::uint32_t value = 0;
    for (int i = 0; i < length; ++i) {
      if (at_end()) return false;
      char c = get();
      if (!is_hex(c)) return false;
      value = (value << 4) + static_cast<std::uint32_t>(is_dec(c) ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) return false;
    if (value <= 0x7F) {
      out += static_cast<char>(value);
    } else if (value <= 0x7FF) {
      out += static_cast<char>(0xC0 + (value >> 6));
      out += static_cast<char>(0x80 + (value & 0x3F));
    } else if (value <= 0xFFFF) {
      out += static_cast<char>(0xE0 + (value >> 12));
      out += static_cast<char>(0x80 + ((value >> 6) & 0x3F));
      out += static_cast<char>(0x80 + (value & 0x3F));
    } else {
      out += static_cast<char>(0xF0 + (value >> 18));
      out += static_cast<char>(0x80 + ((value >> 12) & 0x3F));
      out += static_cast<char>(0x80 + ((value >> 6) & 0x3F));
      out += static_cast<char>(0x80 + (value & 0x3F));
    }
    return true;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
};

// Plain scalars may not start with an indicator (yaml-cpp's Exp::PlainScalar, narrowed: '?' and
// ':' starts are left to yaml-cpp).
bool plain_start_ok(const Scanner& in, bool flow) {
  if (in.at_end()) return false;
  char c = in.peek();
  if (is_blank_or_break(c)) return false;
  switch (c) {
    case ',': case '[': case ']': case '{': case '}': case '#': case '&': case '*': case '!':
    case '|': case '>': case '\'': case '"': case '%': case '@': case '`': case '?': case ':':
      return false;
    case '-': return in.has(1) && !is_blank_or_break(in.peek(1)) && !(flow && in.peek(1) == ',');
    default: return true;
  }
}

// What a failing step returns: null, false or 0, whichever the caller's type is. The first
// failure's offset is kept; every caller checks failed_ after a step that can fail.
struct Fail {
  operator Value() const { return Value(); }
  operator bool() const { return false; }
  operator int() const { return 0; }
};

class SubsetParser {
 public:
  SubsetParser(std::string_view yaml, const Limits& limits) : s_(yaml), in_(yaml), limits_(limits) {}

  Value parse_document() {
    std::size_t line = next_content_line(0);
    if (line == kNpos) return Value(Value::Mapping{});
    int indent = line_indent(line);
    if (failed_) return {};
    in_.seek(line + static_cast<std::size_t>(indent));
    Value root;
    if (is_dash_here()) {
      // A top-level list is kept, with the warning the yaml-cpp path gives at its first '-'.
      std::size_t dash = in_.pos();
      root = parse_block_sequence(indent, 1);
      warnings_.push_back({dash,
                           {Severity::warning, "front-matter.not-mapping",
                            "front matter is not a mapping of keys to values; its fields are ignored", 0, 0}});
    } else {
      root = parse_block_mapping(indent, 1);
    }
    if (failed_) return {};
    if (!in_.at_end() && next_content_line(in_.pos()) != kNpos) return stop();
    return root;
  }

  std::size_t stop_offset() const { return stop_offset_; }
  std::vector<std::pair<std::size_t, Diagnostic>>& warnings() { return warnings_; }

  bool failed() const { return failed_; }
  Fail stop() { return stop_at(in_.pos()); }
  Fail stop_at(std::size_t offset) {
    if (!failed_) stop_offset_ = std::min(offset, s_.size());
    failed_ = true;
    return Fail{};
  }

 private:
  // From a line start: the start of the next line holding something other than blanks and a
  // comment, or kNpos.
  std::size_t next_content_line(std::size_t p) const {
    while (p < s_.size()) {
      std::size_t i = p;
      while (i < s_.size() && is_blank(s_[i])) ++i;
      if (i < s_.size() && !is_break(s_[i]) && s_[i] != '#') return p;
      std::size_t nl = s_.find('\n', i);
      if (nl == kNpos) return kNpos;
      p = nl + 1;
    }
    return kNpos;
  }

  // The next line holding content after the cursor. At the end of the text: moves the cursor
  // there and returns false. Otherwise sets `line` (its start) and `indent`; line_indent may
  // have stopped the parse, so callers check failed_.
  bool find_next_content_line(std::size_t& line, int& indent) {
    line = in_.at_end() ? kNpos : next_content_line(in_.pos());
    if (line == kNpos) {
      in_.seek(s_.size());
      return false;
    }
    indent = line_indent(line);
    return true;
  }

  // Leading spaces of the line at `line`; a tab among them is left to yaml-cpp.
  int line_indent(std::size_t line) {
    std::size_t i = line;
    while (i < s_.size() && s_[i] == ' ') ++i;
    if (i < s_.size() && s_[i] == '\t') return stop_at(i);
    if (i - line > 10000) return stop_at(i);
    return static_cast<int>(i - line);
  }

  std::size_t line_end(std::size_t p) const {
    std::size_t nl = s_.find('\n', p);
    return nl == kNpos ? s_.size() : nl + 1;
  }

  bool is_dash_here() const {
    return in_.peek() == '-' && in_.has(0) && (!in_.has(1) || in_.peek(1) == ' ' || is_break(in_.peek(1)));
  }

  bool count_node(int depth) {
    ++nodes_;
    if (nodes_ > limits_.max_yaml_nodes || depth > limits_.max_yaml_depth || depth > kMaxNesting) return stop();
    return true;
  }

  // After a scalar or flow collection: the rest of the line may hold only blanks and a comment.
  // Leaves the cursor at the next line's start.
  bool finish_line() {
    std::size_t p = in_.pos();
    bool blank_before = p > 0 && is_blank_or_break(s_[p - 1]);
    while (p < s_.size() && is_blank(s_[p])) {
      ++p;
      blank_before = true;
    }
    if (p < s_.size() && !is_break(s_[p])) {
      if (s_[p] != '#' || !blank_before) return stop_at(p);
    }
    in_.seek(line_end(p));
    return true;
  }

  // After a scalar read by scan_scalar: if it ended in the indentation of a later line, go back to
  // that line's start; otherwise finish the current line.
  bool resume_after_scalar(std::size_t start) {
    std::size_t p = in_.pos();
    std::size_t ls = p == 0 ? 0 : s_.rfind('\n', p - 1);
    ls = ls == kNpos ? 0 : ls + 1;
    bool only_blanks_before = true;
    for (std::size_t i = ls; i < p; ++i) {
      if (!is_blank(s_[i])) {
        only_blanks_before = false;
        break;
      }
    }
    if (only_blanks_before && ls > start) {
      in_.seek(ls);
      return true;
    }
    return finish_line();
  }

  struct Key {
    std::string text;
    std::size_t offset = 0;
  };

  // A `key:` at the cursor (plain or quoted, on one line, ':' then a blank or the line end).
  // Leaves the cursor after the ':'. Returns false (cursor unchanged) when the line is no key.
  bool read_key(Key& key) {
    std::size_t start = in_.pos();
    key.offset = start;
    char c = in_.peek();
    if (c == '"' || c == '\'') {
      ScanParams params = quoted_params(c);
      in_.get();
      std::string text;
      std::size_t stop_pos = 0;
      bool ok = in_.scan_scalar(params, text);
      stop_pos = in_.pos();
      std::size_t p = in_.pos();
      if (!ok || s_.substr(start, p - start).find('\n') != std::string_view::npos) {
        in_.seek(start);
        if (!ok) return stop_at(stop_pos);
        return false;
      }
      while (p < s_.size() && s_[p] == ' ') ++p;
      if (p < s_.size() && s_[p] == ':' && (p + 1 == s_.size() || is_blank_or_break(s_[p + 1]))) {
        if (p + 1 - start > kMaxKeyBytes) return stop_at(start);
        key.text = std::move(text);
        in_.seek(p + 1);
        return true;
      }
      in_.seek(start);
      return false;
    }
    if (!plain_start_ok(in_, false)) return false;
    // A plain key: up to ':' + blank on this line, before any " #".
    std::size_t p = start;
    while (p < s_.size() && !is_break(s_[p])) {
      char ch = s_[p];
      if (ch == ':' && (p + 1 == s_.size() || is_blank_or_break(s_[p + 1]))) break;
      if (is_blank(ch) && p + 1 < s_.size() && s_[p + 1] == '#') return false;
      ++p;
    }
    if (p >= s_.size() || s_[p] != ':') return false;
    if (p + 1 - start > kMaxKeyBytes) return stop_at(start);
    std::string_view text = s_.substr(start, p - start);
    std::size_t last = text.find_last_not_of(" \t");
    text = text.substr(0, last + 1);
    key.text = is_core_null(text) ? std::string("null") : std::string(text);
    in_.seek(p + 1);
    return true;
  }

  void add_entry(Value::Mapping& entries, std::unordered_map<std::string, std::size_t>& index, Key key,
                 Value value) {
    if (entries.size() < 16) {
      for (auto& entry : entries) {
        if (entry.first == key.text) {
          duplicate(entry, std::move(key), std::move(value));
          return;
        }
      }
      entries.emplace_back(std::move(key.text), std::move(value));
      if (entries.size() == 16) {
        for (std::size_t i = 0; i < entries.size(); ++i) index.emplace(entries[i].first, i);
      }
      return;
    }
    auto [it, inserted] = index.emplace(key.text, entries.size());
    if (!inserted) {
      duplicate(entries[it->second], std::move(key), std::move(value));
      return;
    }
    entries.emplace_back(std::move(key.text), std::move(value));
  }

  void duplicate(std::pair<std::string, Value>& entry, Key key, Value value) {
    warnings_.push_back({key.offset,
                         {Severity::warning, "yaml.duplicate-key",
                          "duplicate key \"" + key.text + "\" in front matter; the last value is used", 0, 0}});
    entry.second = std::move(value);
  }

  // A block mapping whose first key is at the cursor, at column `indent`.
  Value parse_block_mapping(int indent, int depth) {
    if (!count_node(depth)) return {};
    Value::Mapping entries;
    std::unordered_map<std::string, std::size_t> index;
    while (true) {
      Key key;
      if (!read_key(key)) return stop();
      if (!count_node(depth + 1)) return {};
      Value value = parse_value(indent, depth + 1, true);
      if (failed_) return {};
      add_entry(entries, index, std::move(key), std::move(value));
      std::size_t line = 0;
      int k = 0;
      if (!find_next_content_line(line, k)) break;
      if (failed_) return {};
      if (k < indent) {
        in_.seek(line);
        break;
      }
      in_.seek(line + static_cast<std::size_t>(k));
      if (k > indent || is_dash_here()) return stop();
    }
    return Value(std::move(entries));
  }

  // A block sequence whose first '-' is at the cursor, at column `indent`.
  Value parse_block_sequence(int indent, int depth) {
    if (!count_node(depth)) return {};
    Value::Sequence items;
    while (true) {
      in_.get();  // '-'
      items.push_back(parse_value(indent, depth + 1, false));
      if (failed_) return {};
      std::size_t line = 0;
      int k = 0;
      if (!find_next_content_line(line, k)) break;
      if (failed_) return {};
      in_.seek(line + static_cast<std::size_t>(k));
      if (k > indent) return stop();
      if (k < indent || !is_dash_here()) {
        in_.seek(line);
        break;
      }
    }
    return Value(std::move(items));
  }

  static ScanParams quoted_params(char quote) {
    ScanParams params;
    params.end = quote == '"' ? End::double_quote : End::single_quote;
    params.eat_end = true;
    params.escape = quote == '"' ? '\\' : '\'';
    params.fold = Fold::fold_flow;
    params.eat_leading_whitespace = true;
    params.chomp = Chomp::clip;
    return params;
  }

  // The node after "key:" (in_map) or after "-", in a block collection at column `parent`.
  // Leaves the cursor at a line start (or the end).
  Value parse_value(int parent, int depth, bool in_map) {
    bool tab = false;
    while (in_.has(0) && is_blank(in_.peek())) {
      tab = tab || in_.peek() == '\t';
      in_.get();
    }
    if (in_.at_end() || is_break(in_.peek()) || in_.peek() == '#') {
      // The node starts on a later line, or is empty.
      if (!finish_line()) return {};
      std::size_t line = 0;
      int k = 0;
      if (!find_next_content_line(line, k)) {
        if (!count_node(depth)) return {};
        return Value();
      }
      if (failed_) return {};
      in_.seek(line + static_cast<std::size_t>(k));
      bool dash = is_dash_here();
      if (in_map && k == parent && dash) return parse_block_sequence(k, depth);
      if (k <= parent) {
        in_.seek(line);
        if (!count_node(depth)) return {};
        return Value();
      }
      if (dash) return parse_block_sequence(k, depth);
      std::size_t start = in_.pos();
      Key probe;
      if (read_key(probe)) {
        in_.seek(start);
        return parse_block_mapping(k, depth);
      }
      if (failed_) return {};
      if (!plain_start_ok(in_, false)) return stop();
      return plain_scalar(parent, depth);
    }
    char c = in_.peek();
    if (tab && (c == '-' || !in_map)) return stop();
    switch (c) {
      case '"':
      case '\'': {
        std::size_t start = in_.pos();
        if (!in_map) {
          Key probe;
          if (read_key(probe)) return stop_at(start);  // `- "key": value`
          if (failed_) return {};
        }
        in_.seek(start);
        ScanParams params = quoted_params(c);
        in_.get();
        std::string text;
        if (!in_.scan_scalar(params, text)) return stop();
        if (!count_node(depth)) return {};
        if (!finish_line()) return {};
        return Value(std::move(text));
      }
      case '|':
      case '>': return block_scalar(parent, depth);
      case '[':
      case '{': {
        Value value = flow_node(depth, 0);
        if (failed_ || !finish_line()) return {};
        return value;
      }
      default: break;
    }
    if (!in_map && is_dash_here()) return parse_block_sequence(in_.column(), depth);
    if (!plain_start_ok(in_, false)) return stop();
    std::size_t start = in_.pos();
    Key probe;
    if (read_key(probe)) {
      if (in_map) return stop_at(start);  // `a: b: c`
      in_.seek(start);
      return parse_block_mapping(in_.column(), depth);
    }
    if (failed_) return {};
    return plain_scalar(parent, depth);
  }

  Value plain_scalar(int parent, int depth) {
    std::size_t start = in_.pos();
    ScanParams params;
    params.end = End::plain_block;
    params.indent = parent + 1;
    params.fold = Fold::fold_flow;
    params.eat_leading_whitespace = true;
    params.trim_trailing_spaces = true;
    params.chomp = Chomp::strip;
    params.throw_on_tab_in_indentation = true;
    std::string text;
    if (!in_.scan_scalar(params, text)) return stop();
    if (!count_node(depth) || !resume_after_scalar(start)) return {};
    return resolve_plain_scalar(text);
  }

  Value block_scalar(int parent, int depth) {
    std::size_t start = in_.pos();
    ScanParams params;
    params.indent = 1;
    params.detect_indent = true;
    params.fold = in_.get() == '>' ? Fold::fold_block : Fold::dont_fold;
    params.chomp = Chomp::clip;
    // Exp::Chomp: [+-][1-9] | [1-9][+-] | [+-] | [1-9]; a 0 indent is an error.
    for (int i = 0; i < 2 && in_.has(0); ++i) {
      char c = in_.peek();
      if ((c == '+' || c == '-') && params.chomp == Chomp::clip) {
        params.chomp = c == '+' ? Chomp::keep : Chomp::strip;
      } else if (c >= '1' && c <= '9' && params.detect_indent) {
        params.indent = c - '0';
        params.detect_indent = false;
      } else {
        break;
      }
      in_.get();
    }
    bool blank = false;
    while (in_.has(0) && is_blank(in_.peek())) {
      in_.get();
      blank = true;
    }
    if (in_.has(0) && in_.peek() == '#' && blank) {
      while (in_.has(0) && !is_break(in_.peek())) in_.get();
    }
    if (in_.has(0) && !is_break(in_.peek())) return stop();
    params.indent += parent;
    params.throw_on_tab_in_indentation = true;
    std::string text;
    if (!in_.scan_scalar(params, text)) return stop();
    if (!count_node(depth) || !resume_after_scalar(start)) return {};
    return Value(std::move(text));
  }

  // A flow collection or scalar inside one, all on one line.
  Value flow_node(int depth, int nesting) {
    if (nesting > kMaxNesting || !in_.has(0)) return stop();
    char c = in_.peek();
    if (c == '[' || c == '{') {
      bool mapping = c == '{';
      char close = mapping ? '}' : ']';
      if (!count_node(depth)) return {};
      in_.get();
      skip_flow_spaces();
      Value::Sequence items;
      Value::Mapping entries;
      std::unordered_map<std::string, std::size_t> index;
      if (in_.has(0) && in_.peek() == close) {
        in_.get();
        return mapping ? Value(std::move(entries)) : Value(std::move(items));
      }
      while (true) {
        if (mapping) {
          Key key;
          if (!flow_key(key)) return failed_ ? Value() : stop();
          if (!count_node(depth + 1)) return {};
          if (!(in_.has(0) && in_.peek() == ' ')) return stop();
          skip_flow_spaces();
          Value value = flow_node(depth + 1, nesting + 1);
          if (failed_) return {};
          add_entry(entries, index, std::move(key), std::move(value));
        } else {
          items.push_back(flow_node(depth + 1, nesting + 1));
          if (failed_) return {};
        }
        skip_flow_spaces();
        if (!in_.has(0)) return stop();
        char next = in_.get();
        if (next == close) break;
        if (next != ',') return stop_at(in_.pos() - 1);
        skip_flow_spaces();
        if (!in_.has(0) || in_.peek() == ',' || in_.peek() == close) return stop();
      }
      return mapping ? Value(std::move(entries)) : Value(std::move(items));
    }
    std::size_t start = in_.pos();
    ScanParams params;
    std::string text;
    bool plain = c != '"' && c != '\'';
    if (plain) {
      if (!plain_start_ok(in_, true)) return stop();
      params.end = End::plain_flow;
      params.fold = Fold::fold_flow;
      params.eat_leading_whitespace = true;
      params.trim_trailing_spaces = true;
      params.chomp = Chomp::strip;
      params.throw_on_tab_in_indentation = true;
    } else {
      params = quoted_params(c);
      in_.get();
    }
    if (!in_.scan_scalar(params, text)) return stop();
    std::string_view span = s_.substr(start, in_.pos() - start);
    // One line only; and no ':' in plain flow text (yaml-cpp reads some of those as keys).
    if (span.find_first_of("\r\n") != std::string_view::npos) return stop_at(start);
    if (plain && text.find_first_of(":\t") != std::string::npos) return stop_at(start);
    if (!plain && in_.has(0) && in_.peek() == ':') return stop();
    if (!count_node(depth)) return {};
    return plain ? resolve_plain_scalar(text) : Value(std::move(text));
  }

  // `key:` inside a flow mapping: a plain or quoted scalar, then ':' (the space is checked by the caller).
  bool flow_key(Key& key) {
    std::size_t start = in_.pos();
    key.offset = start;
    char c = in_.peek();
    if (!in_.has(0)) return false;
    if (c == '"' || c == '\'') {
      ScanParams params = quoted_params(c);
      in_.get();
      if (!in_.scan_scalar(params, key.text)) return stop();
      if (s_.substr(start, in_.pos() - start).find_first_of("\r\n") != std::string_view::npos) return stop_at(start);
      if (!(in_.has(0) && in_.peek() == ':')) return false;
      in_.get();
      return true;
    }
    if (!plain_start_ok(in_, true)) return false;
    std::size_t p = start;
    while (p < s_.size()) {
      char ch = s_[p];
      if (ch == ':') break;
      if (is_break(ch) || ch == '\t' || ch == '#' || ch == ',' || ch == '[' || ch == ']' || ch == '{' ||
          ch == '}' || ch == '?') {
        return false;
      }
      ++p;
    }
    if (p >= s_.size() || p + 1 >= s_.size() || s_[p + 1] != ' ') return false;
    std::string_view text = s_.substr(start, p - start);
    std::size_t last = text.find_last_not_of(' ');
    if (last == std::string_view::npos) return false;
    text = text.substr(0, last + 1);
    key.text = is_core_null(text) ? std::string("null") : std::string(text);
    in_.seek(p + 1);
    return true;
  }

  void skip_flow_spaces() {
    while (in_.has(0) && in_.peek() == ' ') in_.get();
  }

  std::string_view s_;
  Scanner in_;
  const Limits& limits_;
  std::size_t nodes_ = 0;
  std::size_t stop_offset_ = 0;
  bool failed_ = false;
  std::vector<std::pair<std::size_t, Diagnostic>> warnings_;
};

// File line and column (code points, 1-based) of a byte offset, counting breaks like SourceMap.
void position_of(std::string_view yaml, std::size_t offset, int first_line, int& line, int& column) {
  line = first_line;
  column = 1;
  for (std::size_t i = 0; i < offset && i < yaml.size(); ++i) {
    char c = yaml[i];
    bool crlf_head = c == '\r' && i + 1 < yaml.size() && yaml[i + 1] == '\n';
    if (c == '\n' || (c == '\r' && !crlf_head)) {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column;
    }
  }
}

}  // namespace

YamlSubsetResult parse_yaml_subset(std::string_view yaml, int first_line, const Limits& limits) {
  YamlSubsetResult result;
  std::size_t bad = first_unsupported_byte(yaml);
  if (bad != kNpos) {
    position_of(yaml, bad, first_line, result.stop_line, result.stop_column);
    return result;
  }
  SubsetParser parser(yaml, limits);
  result.value = parser.parse_document();
  if (parser.failed()) {
    result.value = Value();
    position_of(yaml, parser.stop_offset(), first_line, result.stop_line, result.stop_column);
    return result;
  }
  result.handled = true;
  // Positions in one forward pass: warnings come in detection order, offsets in any order.
  auto& warnings = parser.warnings();
  std::vector<std::uint64_t> offsets(warnings.size());
  for (std::size_t i = 0; i < offsets.size(); ++i) offsets[i] = warnings[i].first;
  int line = first_line;
  int column = 1;
  std::size_t scanned = 0;
  for (std::uint32_t i : stable_order(offsets)) {
    for (; scanned < warnings[i].first; ++scanned) {
      char c = yaml[scanned];
      bool crlf_head = c == '\r' && scanned + 1 < yaml.size() && yaml[scanned + 1] == '\n';
      if (c == '\n' || (c == '\r' && !crlf_head)) {
        ++line;
        column = 1;
      } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
        ++column;
      }
    }
    warnings[i].second.line = line;
    warnings[i].second.column = column;
  }
  result.diagnostics.reserve(warnings.size());
  for (auto& w : warnings) result.diagnostics.push_back(std::move(w.second));
  return result;
}

}  // namespace postrender::detail

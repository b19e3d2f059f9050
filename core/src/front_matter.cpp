// Front matter: fence splitting, then yaml-cpp -> Value with the YAML 1.2 core schema.
// yaml-cpp reports every problem by throwing; nothing escapes this file.
#include "front_matter.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <limits>
#include <locale>
#include <optional>
#include <sstream>
#include <unordered_map>

#include "source_map.hpp"

namespace postrender::detail {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct Line {
  std::size_t start = 0;
  std::size_t end = 0;   // before the line break
  std::size_t next = 0;  // after the line break (== end at the end of the text without one)
};

// LF, CRLF and a lone CR all end a line, as in SourceMap, so line numbers agree everywhere.
Line line_at(std::string_view text, std::size_t start) {
  Line line{start, start, start};
  while (line.end < text.size() && text[line.end] != '\n' && text[line.end] != '\r') ++line.end;
  line.next = line.end;
  if (line.next < text.size()) {
    if (text[line.next] == '\r' && line.next + 1 < text.size() && text[line.next + 1] == '\n') ++line.next;
    ++line.next;
  }
  return line;
}

// `marker` followed only by spaces or tabs (Jekyll accepts trailing blanks on a fence).
bool is_fence(std::string_view line, std::string_view marker) {
  if (line.substr(0, marker.size()) != marker) return false;
  for (char c : line.substr(marker.size())) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

// ---- YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution) ----

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

bool is_core_null(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

std::optional<bool> core_bool(std::string_view s) {
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

// Locale-independent: the host program may have called setlocale().
double parse_double(std::string_view s) {
  std::istringstream in{std::string(s)};
  in.imbue(std::locale::classic());
  double d = 0;
  in >> d;
  if (in.fail()) {
    // Out of range: istream reports failure; the sign and exponent tell which way.
    bool negative = !s.empty() && s[0] == '-';
    auto e = s.find_first_of("eE");
    bool tiny = e != std::string_view::npos && e + 1 < s.size() && s[e + 1] == '-';
    if (tiny) return negative ? -0.0 : 0.0;
    return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  return d;
}

// [-+]? [0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+. Decimal integers beyond 64 bits become floats (as in JSON);
// octal and hexadecimal ones stay text.
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

// [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?, plus .inf and .nan spellings.
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

Value resolve_plain(const std::string& s) {
  if (is_core_null(s)) return Value();
  if (auto b = core_bool(s)) return Value(*b);
  if (auto i = core_int(s)) return *i;
  if (auto f = core_float(s)) return *f;
  return Value(s);
}

// Explicit standard tags (!!str, !!int, ...) are honoured when the text fits; anything else stays text.
Value resolve_tagged(const std::string& tag, const std::string& s) {
  static const std::string prefix = "tag:yaml.org,2002:";
  if (tag.compare(0, prefix.size(), prefix) != 0) return Value(s);
  std::string_view name = std::string_view(tag).substr(prefix.size());
  if (name == "null" && is_core_null(s)) return Value();
  if (name == "bool") {
    if (auto b = core_bool(s)) return Value(*b);
  }
  if (name == "int") {
    if (auto i = core_int(s)) return *i;
  }
  if (name == "float") {
    if (auto i = core_int(s)) return i->is_integer() ? Value(static_cast<double>(i->as_integer())) : *i;
    if (auto f = core_float(s)) return *f;
  }
  return Value(s);
}

// Flow-style text of a complex key ("[a, b]"), so that it can still be a mapping key.
void append_flow_text(std::string& out, const Value& value) {
  switch (value.kind()) {
    case Value::Kind::null: out += "null"; break;
    case Value::Kind::sequence: {
      out += '[';
      bool first = true;
      for (const auto& item : value.as_sequence()) {
        if (!first) out += ", ";
        first = false;
        append_flow_text(out, item);
      }
      out += ']';
      break;
    }
    case Value::Kind::mapping: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : value.as_mapping()) {
        if (!first) out += ", ";
        first = false;
        out += key;
        out += ": ";
        append_flow_text(out, item);
      }
      out += '}';
      break;
    }
    default: out += value.to_text();
  }
}

// Thrown inside the converter only, to unwind when a limit is hit.
struct LimitExceeded {
  YAML::Mark mark;
  std::string message;
};

class Converter {
 public:
  Converter(std::string_view yaml, int first_line, const Limits& limits, Diagnostics& diagnostics)
      : yaml_(yaml), first_line_(first_line), limits_(limits), diagnostics_(diagnostics) {}

  Value convert(const YAML::Node& node, int depth) {
    // Aliases share nodes in yaml-cpp, so counting visits (not nodes) bounds the expanded size.
    if (++visited_ > limits_.max_yaml_nodes) {
      throw LimitExceeded{node.Mark(), "front matter has more than " + std::to_string(limits_.max_yaml_nodes) +
                                           " values (counting alias expansions); it was ignored"};
    }
    if (depth > limits_.max_yaml_depth) {
      throw LimitExceeded{node.Mark(), "front matter is nested deeper than " +
                                           std::to_string(limits_.max_yaml_depth) + " levels; it was ignored"};
    }
    switch (node.Type()) {
      case YAML::NodeType::Scalar: {
        const std::string& tag = node.Tag();
        if (tag == "?") return resolve_plain(node.Scalar());
        if (tag == "!") return Value(node.Scalar());  // quoted or block scalar: always a string
        return resolve_tagged(tag, node.Scalar());
      }
      case YAML::NodeType::Sequence: {
        Value::Sequence items;
        items.reserve(node.size());
        for (const auto& item : node) items.push_back(convert(item, depth + 1));
        return Value(std::move(items));
      }
      case YAML::NodeType::Map: return convert_mapping(node, depth);
      default: return Value();
    }
  }

  Position position(const YAML::Mark& mark) {
    if (mark.is_null()) return {};
    if (mark.pos >= 0 && static_cast<std::size_t>(mark.pos) <= yaml_.size()) {
      // The YAML text starts at the beginning of line `first_line_`, so its columns are the file's.
      if (!map_) map_.emplace(yaml_);
      Position at = map_->position(static_cast<std::size_t>(mark.pos));
      return {at.line + first_line_ - 1, at.column};
    }
    return {mark.line + first_line_, mark.column + 1};
  }

 private:
  Value convert_mapping(const YAML::Node& node, int depth) {
    Value::Mapping entries;
    std::unordered_map<std::string, std::size_t> index;
    for (const auto& pair : node) {
      std::string key = key_text(pair.first, depth + 1);
      Value value = convert(pair.second, depth + 1);
      auto [it, inserted] = index.emplace(key, entries.size());
      if (inserted) {
        entries.emplace_back(std::move(key), std::move(value));
        continue;
      }
      // Jekyll (Psych) keeps the last value; we do too, in the first key's place, and say so.
      Position at = position(pair.first.Mark());
      diagnostics_.push_back({Severity::warning, "yaml.duplicate-key",
                              "duplicate key \"" + key + "\" in front matter; the last value is used", at.line,
                              at.column});
      entries[it->second].second = std::move(value);
    }
    return Value(std::move(entries));
  }

  // Keys are text: a scalar key as written, null as "null", a complex key in flow style.
  std::string key_text(const YAML::Node& key, int depth) {
    if (key.IsScalar()) {
      ++visited_;
      return key.Scalar();
    }
    Value value = convert(key, depth);
    std::string text;
    append_flow_text(text, value);
    return text;
  }

  std::string_view yaml_;
  int first_line_;
  const Limits& limits_;
  Diagnostics& diagnostics_;
  std::size_t visited_ = 0;
  std::optional<SourceMap> map_;
};

}  // namespace

FrontMatterBlock split_front_matter(std::string_view source, Diagnostics& diagnostics) {
  FrontMatterBlock block;
  // A BOM is not content: it is skipped whether or not front matter follows.
  std::size_t start = source.substr(0, kBom.size()) == kBom ? kBom.size() : 0;
  block.body = source.substr(start);
  block.body_offset = start;

  Line opening = line_at(source, start);
  if (opening.next == opening.end || !is_fence(source.substr(start, opening.end - start), "---")) {
    return block;  // no front matter: the whole file is body
  }
  int line_number = 2;
  for (std::size_t pos = opening.next; pos < source.size(); ++line_number) {
    Line line = line_at(source, pos);
    std::string_view text = source.substr(line.start, line.end - line.start);
    if (is_fence(text, "---") || is_fence(text, "...")) {
      block.present = true;
      block.yaml = source.substr(opening.next, line.start - opening.next);
      block.yaml_first_line = 2;
      block.body = source.substr(line.next);
      block.body_first_line = line_number + 1;
      block.body_offset = line.next;
      return block;
    }
    pos = line.next;
  }
  diagnostics.push_back({Severity::warning, "front-matter.unclosed",
                         "front matter opened with \"---\" is never closed (no \"---\" or \"...\" line); "
                         "the whole file is rendered as the body",
                         1, 1});
  return block;
}

Value parse_yaml(std::string_view yaml, int first_line, const Limits& limits, Diagnostics& diagnostics) {
  Converter converter(yaml, first_line, limits, diagnostics);
  try {
    YAML::Node root = YAML::Load(std::string(yaml));
    // An empty block (or only comments, or `~`) is an empty mapping, as in Jekyll.
    if (root.IsNull()) return Value(Value::Mapping{});
    Value value = converter.convert(root, 1);
    if (!value.is_mapping()) {
      Position at = converter.position(root.Mark());
      diagnostics.push_back({Severity::warning, "front-matter.not-mapping",
                             "front matter is not a mapping of keys to values; its fields are ignored", at.line,
                             at.column});
    }
    return value;
  } catch (const LimitExceeded& e) {
    Position at = converter.position(e.mark);
    diagnostics.push_back({Severity::error, "limit.yaml", e.message, at.line, at.column});
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own parser stops at 500 levels before its stack can overflow.
    Position at = converter.position(e.mark);
    diagnostics.push_back({Severity::error, "limit.yaml",
                           "front matter is nested too deeply to parse; it was ignored", at.line, at.column});
  } catch (const YAML::Exception& e) {
    Position at = converter.position(e.mark);
    diagnostics.push_back({Severity::error, "yaml.syntax", "invalid YAML in front matter: " + e.msg +
                                                               "; the front matter was ignored",
                           at.line, at.column});
  } catch (const std::exception& e) {
    diagnostics.push_back({Severity::error, "yaml.syntax",
                           std::string("front matter could not be read: ") + e.what(), first_line, 1});
  }
  return Value();
}

}  // namespace postrender::detail

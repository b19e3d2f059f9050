// Options and policy from JSON (parse_options, parse_policy): run once per options change, so
// the functions defined here are built for size (minsize; -Oz for the whole file would also
// give that to the library templates it instantiates, which the hot code shares under LTO).
// The per-call writers stay in wire.cpp.
#include "wire.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <vector>

namespace postrender::wire {
#pragma clang attribute push(__attribute__((minsize)), apply_to = function)
namespace {

// ---- JSON reading: a small strict parser into Value (the options are tiny and made by our
// own JS, so this favours clear errors over speed).

class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : text_(text) {}

  bool parse(Value& out, std::string& error) {
    if (!value(out, 0)) {
      error = error_.empty() ? "malformed JSON" : error_;
      return false;
    }
    skip_space();
    if (pos_ != text_.size()) {
      error = "trailing characters after JSON value";
      return false;
    }
    return true;
  }

 private:
  bool fail(const char* message) {
    if (error_.empty()) error_ = std::string(message) + " at offset " + std::to_string(pos_);
    return false;
  }

  void skip_space() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' || text_[pos_] == '\t')) {
      ++pos_;
    }
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return fail("unknown literal");
    pos_ += word.size();
    return true;
  }

  bool value(Value& out, int depth) {
    if (depth > 32) return fail("JSON nested too deeply");
    skip_space();
    if (pos_ >= text_.size()) return fail("unexpected end of JSON");
    char c = text_[pos_];
    switch (c) {
      case '{': return object(out, depth);
      case '[': return array(out, depth);
      case '"': {
        std::string s;
        if (!string(s)) return false;
        out = Value(std::move(s));
        return true;
      }
      case 't': out = Value(true); return literal("true");
      case 'f': out = Value(false); return literal("false");
      case 'n': out = Value(); return literal("null");
      default: return number(out);
    }
  }

  bool object(Value& out, int depth) {
    ++pos_;  // '{'
    Value::Mapping mapping;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      out = Value(std::move(mapping));
      return true;
    }
    for (;;) {
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != '"') return fail("expected a key");
      std::string key;
      if (!string(key)) return false;
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ':') return fail("expected ':'");
      ++pos_;
      Value item;
      if (!value(item, depth + 1)) return false;
      mapping.emplace_back(std::move(key), std::move(item));
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        out = Value(std::move(mapping));
        return true;
      }
      return fail("expected ',' or '}'");
    }
  }

  bool array(Value& out, int depth) {
    ++pos_;  // '['
    Value::Sequence sequence;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      out = Value(std::move(sequence));
      return true;
    }
    for (;;) {
      Value item;
      if (!value(item, depth + 1)) return false;
      sequence.push_back(std::move(item));
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == ']') {
        ++pos_;
        out = Value(std::move(sequence));
        return true;
      }
      return fail("expected ',' or ']'");
    }
  }

  bool hex4(std::uint32_t& out) {
    if (pos_ + 4 > text_.size()) return fail("short \\u escape");
    out = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      out <<= 4;
      if (c >= '0' && c <= '9') out |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') out |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') out |= static_cast<std::uint32_t>(c - 'A' + 10);
      else return fail("bad \\u escape");
    }
    return true;
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool string(std::string& out) {
    ++pos_;  // '"'
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) break;
      char e = text_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF && text_.substr(pos_, 2) == "\\u") {
            std::size_t save = pos_;
            pos_ += 2;
            std::uint32_t low = 0;
            if (!hex4(low)) return false;
            if (low >= 0xDC00 && low <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              pos_ = save;
            }
          }
          // A lone surrogate cannot be written as UTF-8.
          if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
          append_utf8(out, cp);
          break;
        }
        default: return fail("bad escape");
      }
    }
    return fail("unterminated string");
  }

  bool number(Value& out) {
    std::size_t start = pos_;
    bool is_float = false;
    if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c >= '0' && c <= '9') {
        ++pos_;
      } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        is_float = true;
        ++pos_;
      } else {
        break;
      }
    }
    if (pos_ == start) return fail("unexpected character");
    std::string digits(text_.substr(start, pos_ - start));
    char* end = nullptr;
    if (!is_float) {
      long long i = std::strtoll(digits.c_str(), &end, 10);
      if (end && *end == '\0' && digits != "-") {
        out = Value(static_cast<std::int64_t>(i));
        return true;
      }
    }
    double d = std::strtod(digits.c_str(), &end);
    if (!end || *end != '\0') return fail("bad number");
    out = Value(d);
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::string error_;
};

// ---- Value -> Options. Key names match web/src/options.js (camelCase).

struct Mapper {
  std::string error;

  bool type_error(const std::string& path, const char* expected) {
    error = path + ": expected " + expected;
    return false;
  }

  bool get_bool(const Value& v, const std::string& path, bool& out) {
    if (!v.is_bool()) return type_error(path, "a boolean");
    out = v.as_bool();
    return true;
  }

  bool get_string(const Value& v, const std::string& path, std::string& out) {
    if (!v.is_string()) return type_error(path, "a string");
    out = v.as_string();
    return true;
  }

  template <typename Int>
  bool get_int(const Value& v, const std::string& path, Int& out, std::int64_t min, std::int64_t max) {
    if (!v.is_integer() || v.as_integer() < min || v.as_integer() > max) {
      return type_error(path, "an integer in range");
    }
    out = static_cast<Int>(v.as_integer());
    return true;
  }

  bool get_list(const Value& v, const std::string& path, std::vector<std::string>& out) {
    if (!v.is_sequence()) return type_error(path, "an array of strings");
    out.clear();
    for (const auto& item : v.as_sequence()) {
      if (!item.is_string()) return type_error(path, "an array of strings");
      out.push_back(item.as_string());
    }
    return true;
  }

  bool get_set(const Value& v, const std::string& path, std::set<std::string>& out) {
    std::vector<std::string> list;
    if (!get_list(v, path, list)) return false;
    out = std::set<std::string>(list.begin(), list.end());
    return true;
  }

  bool unknown(const std::string& path) {
    error = "unknown option " + path;
    return false;
  }

  bool markdown(const Value& v, MarkdownOptions& m) {
    if (!v.is_mapping()) return type_error("markdown", "an object");
    for (const auto& [key, item] : v.as_mapping()) {
      std::string path = "markdown." + key;
      bool ok = key == "tables"          ? get_bool(item, path, m.tables)
                : key == "strikethrough" ? get_bool(item, path, m.strikethrough)
                : key == "taskLists"     ? get_bool(item, path, m.task_lists)
                : key == "autolinks"     ? get_bool(item, path, m.autolinks)
                : key == "underline"     ? get_bool(item, path, m.underline)
                                         : unknown(path);
      if (!ok) return false;
    }
    return true;
  }

  bool limits(const Value& v, Limits& l) {
    if (!v.is_mapping()) return type_error("limits", "an object");
    constexpr std::int64_t int_max = 0x7fffffff;
    constexpr std::int64_t size_max = std::int64_t{1} << 53;
    for (const auto& [key, item] : v.as_mapping()) {
      std::string path = "limits." + key;
      bool ok = key == "maxInputBytes"  ? get_int(item, path, l.max_input_bytes, 0, size_max)
                : key == "maxNesting"   ? get_int(item, path, l.max_nesting, 1, int_max)
                : key == "maxYamlDepth" ? get_int(item, path, l.max_yaml_depth, 1, int_max)
                : key == "maxYamlNodes" ? get_int(item, path, l.max_yaml_nodes, 0, size_max)
                                        : unknown(path);
      if (!ok) return false;
    }
    return true;
  }

  // Applied in a fixed order (preset, then allows, then removals) so the key order of the JSON
  // never matters; removals win in the core anyway.
  bool policy(const Value& v, SanitizePolicy& p) {
    if (!v.is_mapping()) return type_error("policy", "an object");
    if (const Value* preset = v.find("preset")) {
      std::string name;
      if (!get_string(*preset, "policy.preset", name)) return false;
      if (name == "blogPost") p = SanitizePolicy::blog_post();
      else if (name == "strict") p = SanitizePolicy::strict();
      else return type_error("policy.preset", "\"blogPost\" or \"strict\"");
    }
    std::vector<std::string> list;
    for (const auto& [key, item] : v.as_mapping()) {
      std::string path = "policy." + key;
      bool ok = true;
      if (key == "preset") {
        continue;
      } else if (key == "allowElements") {
        ok = get_list(item, path, list) && (p.allow_elements(list), true);
      } else if (key == "allowUrlSchemes") {
        ok = get_list(item, path, list) && (p.allow_url_schemes(list), true);
      } else if (key == "allowCssProperties") {
        ok = get_list(item, path, list) && (p.allow_css_properties(list), true);
      } else if (key == "allowAttributes") {
        // {attribute: [elements]}; an empty list means every element.
        if (!item.is_mapping()) return type_error(path, "an object of attribute: [elements]");
        for (const auto& [attribute, elements] : item.as_mapping()) {
          if (!get_list(elements, path + "." + attribute, list)) return false;
          auto rule = p.allow_attributes({attribute});
          if (!list.empty()) rule.on_elements(list);
        }
      } else if (key == "idPrefix") {
        ok = get_string(item, path, p.id_prefix);
      } else if (key == "nofollowLinks") {
        ok = get_bool(item, path, p.nofollow_links);
      } else if (key == "allowedTargets") {
        ok = get_set(item, path, p.allowed_targets);
      } else if (key == "allowDataImages") {
        ok = get_bool(item, path, p.allow_data_images);
      } else if (key == "allowedClasses") {
        ok = get_set(item, path, p.allowed_classes);
      } else if (key != "removeElements" && key != "removeAttributes" && key != "removeUrlSchemes" &&
                 key != "removeCssProperties") {
        ok = unknown(path);
      }
      if (!ok) return false;
    }
    for (const auto& [key, item] : v.as_mapping()) {
      std::string path = "policy." + key;
      if (key == "removeElements") {
        if (!get_list(item, path, list)) return false;
        p.remove_elements(list);
      } else if (key == "removeAttributes") {
        if (!get_list(item, path, list)) return false;
        p.remove_attributes(list);
      } else if (key == "removeUrlSchemes") {
        if (!get_list(item, path, list)) return false;
        p.remove_url_schemes(list);
      } else if (key == "removeCssProperties") {
        if (!get_list(item, path, list)) return false;
        p.remove_css_properties(list);
      }
    }
    return true;
  }

  bool options(const Value& v, Options& o) {
    if (!v.is_mapping()) return type_error("options", "an object");
    // The policy first: a top-level idPrefix must win over the preset's default.
    if (const Value* p = v.find("policy")) {
      if (!policy(*p, o.policy)) return false;
    }
    for (const auto& [key, item] : v.as_mapping()) {
      const std::string& path = key;
      bool ok = key == "policy"              ? true
                : key == "sanitize"          ? get_bool(item, path, o.sanitize)
                : key == "baseUrl"           ? get_string(item, path, o.base_url)
                : key == "sourceLines"       ? get_bool(item, path, o.source_lines)
                : key == "headingIds"        ? get_bool(item, path, o.heading_ids)
                : key == "idPrefix"          ? get_string(item, path, o.policy.id_prefix)
                : key == "fileName"          ? get_string(item, path, o.file_name)
                : key == "wordsPerMinute"    ? get_int(item, path, o.words_per_minute, 1, 0x7fffffff)
                : key == "cjkCharsPerMinute" ? get_int(item, path, o.cjk_chars_per_minute, 1, 0x7fffffff)
                : key == "markdown"          ? markdown(item, o.markdown)
                : key == "limits"            ? limits(item, o.limits)
                                             : unknown(path);
      if (!ok) return false;
    }
    return true;
  }
};

// Parses `json` and maps it onto `target` with `map` (a Mapper member); never throws.
template <typename Target>
bool parse_into(std::string_view json, Target& target, bool (Mapper::*map)(const Value&, Target&),
                const char* what, std::string& error) noexcept {
  try {
    Value tree;
    if (!JsonReader(json).parse(tree, error)) return false;
    Mapper mapper;
    if (!(mapper.*map)(tree, target)) {
      error = mapper.error;
      return false;
    }
    return true;
  } catch (const std::exception& e) {
    error = e.what();
    return false;
  } catch (...) {
    error = std::string("unknown error while reading ") + what;
    return false;
  }
}

}  // namespace

bool parse_options(std::string_view json, Options& options, std::string& error) noexcept {
  return parse_into(json, options, &Mapper::options, "options", error);
}

bool parse_policy(std::string_view json, SanitizePolicy& policy, std::string& error) noexcept {
  return parse_into(json, policy, &Mapper::policy, "the policy", error);
}

#pragma clang attribute pop
}  // namespace postrender::wire

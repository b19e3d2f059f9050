#include "wire.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <vector>

namespace postrender::wire {
namespace {

// ---- JSON writing.

void append_hex4(std::string& out, unsigned value) {
  static const char digits[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += digits[(value >> shift) & 0xF];
}

// Length of the valid UTF-8 sequence at s[i] (1..4), or 0 when invalid.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  auto cont = [&](std::size_t k) { return k < s.size() && (byte(k) & 0xC0) == 0x80; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;
    if (c == 0xF4 && c1 > 0x8F) return 0;
    return 4;
  }
  return 0;
}

// Copies runs of bytes that need no escaping with one append each: per-byte appends were the
// larger part of writing the metadata of a post with long front matter strings.
void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  std::size_t run = 0;  // start of the bytes not yet appended
  while (i < n) {
    const unsigned char c = p[i];
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    std::size_t length = 0;
    if (c >= 0x80 && (length = utf8_sequence_length(s, i)) != 0) {
      i += length;
      continue;
    }
    out.append(s.data() + run, i - run);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) append_hex4(out, c);
        else out += "\xEF\xBF\xBD";  // a byte of invalid UTF-8
    }
    run = ++i;
  }
  out.append(s.data() + run, n - run);
  out += '"';
}

void append_key(std::string& out, const char* key) {
  out += '"';
  out += key;
  out += "\":";
}

void append_warnings(std::string& out, const Diagnostics& warnings) {
  append_key(out, "warnings");
  out += '[';
  for (std::size_t i = 0; i < warnings.size(); ++i) {
    const Diagnostic& d = warnings[i];
    if (i) out += ',';
    out += "{\"severity\":";
    append_json_string(out, to_string(d.severity));
    out += ",\"code\":";
    append_json_string(out, d.code);
    out += ",\"message\":";
    append_json_string(out, d.message);
    out += ",\"line\":";
    out += std::to_string(d.line);
    out += ",\"column\":";
    out += std::to_string(d.column);
    out += '}';
  }
  out += ']';
}

// ---- The positional layout (post_metadata_words).

enum ValueTag : std::uint32_t {
  tag_null = 0,
  tag_false = 1,
  tag_true = 2,
  tag_integer = 3,
  tag_float = 4,
  tag_nan = 5,
  tag_infinity = 6,
  tag_negative_infinity = 7,
  tag_string = 8,
  tag_sequence = 9,
  tag_mapping = 10,
};

class WordWriter {
 public:
  WordWriter(std::vector<std::uint32_t>& words, std::string& text) : words_(words), text_(text) {}

  void word(std::uint32_t w) { words_.push_back(w); }
  void count(std::size_t n) { word(static_cast<std::uint32_t>(n)); }
  void boolean(bool b) { word(b ? 1 : 0); }
  void int32(int i) { word(static_cast<std::uint32_t>(i)); }
  void int64(std::int64_t i) {
    const auto u = static_cast<std::uint64_t>(i);
    word(static_cast<std::uint32_t>(u));
    word(static_cast<std::uint32_t>(u >> 32));
  }

  // Appends `s` to the text and its length in UTF-16 code units to the words.
  void string(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = ascii_prefix(s);  // most strings end here
    if (i == n) {
      text_.append(s.data(), n);
      count(n);
      return;
    }
    std::size_t units = i;
    std::size_t run = 0;  // start of the bytes not yet appended
    while (i < n) {
      if (p[i] < 0x80) {
        ++i;
        ++units;
        continue;
      }
      const std::size_t length = utf8_sequence_length(s, i);
      if (length != 0) {
        i += length;
        units += length == 4 ? 2 : 1;
        continue;
      }
      text_.append(s.data() + run, i - run);
      text_ += "\xEF\xBF\xBD";  // a byte of invalid UTF-8
      ++units;
      run = ++i;
    }
    text_.append(s.data() + run, n - run);
    count(units);
  }

  void strings(const std::vector<std::string>& list) {
    count(list.size());
    for (const auto& s : list) string(s);
  }

  void warnings(const Diagnostics& list) {
    count(list.size());
    for (const auto& d : list) {
      string(to_string(d.severity));
      string(d.code);
      string(d.message);
      int32(d.line);
      int32(d.column);
    }
  }

  void value(const Value& v) {
    switch (v.kind()) {
      case Value::Kind::null: word(tag_null); break;
      case Value::Kind::boolean: word(v.as_bool() ? tag_true : tag_false); break;
      case Value::Kind::integer:
        word(tag_integer);
        int64(v.as_integer());
        break;
      case Value::Kind::floating: {
        const double d = v.as_float();
        if (std::isnan(d)) {
          word(tag_nan);
        } else if (std::isinf(d)) {
          word(d > 0 ? tag_infinity : tag_negative_infinity);
        } else {
          word(tag_float);
          string(v.to_text());
        }
        break;
      }
      case Value::Kind::string:
        word(tag_string);
        string(v.as_string());
        break;
      case Value::Kind::sequence:
        word(tag_sequence);
        count(v.as_sequence().size());
        for (const auto& item : v.as_sequence()) value(item);
        break;
      case Value::Kind::mapping:
        word(tag_mapping);
        count(v.as_mapping().size());
        for (const auto& [key, item] : v.as_mapping()) {
          string(key);
          value(item);
        }
        break;
    }
  }

 private:
  std::vector<std::uint32_t>& words_;
  std::string& text_;
};

}  // namespace

void post_metadata_words(const Post& post, std::vector<std::uint32_t>& words, std::string& text) {
  words.clear();
  text.clear();
  text.reserve(256 + post.excerpt_html.size() + post.feature_html.size());
  WordWriter w(words, text);
  w.value(post.front_matter);
  w.string(post.title);
  w.string(post.date);
  w.strings(post.categories);
  w.strings(post.tags);
  w.string(post.slug);
  w.string(post.permalink);
  w.boolean(post.published);
  w.string(post.image);
  w.string(post.excerpt_html);
  w.string(post.feature_html);
  w.count(post.toc.size());
  for (const auto& entry : post.toc) {
    w.int32(entry.level);
    w.string(entry.id);
    w.string(entry.text);
  }
  w.int64(static_cast<std::int64_t>(post.word_count));
  w.int32(post.reading_minutes);
  w.warnings(post.warnings);
}

void front_matter_words(const Value& front_matter, const Diagnostics& warnings, std::vector<std::uint32_t>& words,
                        std::string& text) {
  words.clear();
  text.clear();
  WordWriter w(words, text);
  w.value(front_matter);
  w.warnings(warnings);
}

void warnings_json(const Diagnostics& warnings, std::string& out) {
  out.assign(1, '{');
  append_warnings(out, warnings);
  out += '}';
}

std::size_t ascii_prefix(std::string_view text) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, p + i, 8);
    if (word & 0x8080808080808080ull) break;
  }
  while (i < text.size() && p[i] < 0x80) ++i;
  return i;
}

}  // namespace postrender::wire

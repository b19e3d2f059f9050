#include "wire.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
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

void append_value(std::string& out, const Value& v, bool& non_finite) {
  switch (v.kind()) {
    case Value::Kind::null: out += "null"; break;
    case Value::Kind::boolean: out += v.as_bool() ? "true" : "false"; break;
    case Value::Kind::integer: out += std::to_string(v.as_integer()); break;
    case Value::Kind::floating: {
      double d = v.as_float();
      if (std::isfinite(d)) {
        out += v.to_text();
      } else {
        non_finite = true;
        out += std::isnan(d) ? "\"\\u0000nan\"" : d > 0 ? "\"\\u0000inf\"" : "\"\\u0000-inf\"";
      }
      break;
    }
    case Value::Kind::string: append_json_string(out, v.as_string()); break;
    case Value::Kind::sequence: {
      out += '[';
      bool first = true;
      for (const auto& item : v.as_sequence()) {
        if (!first) out += ',';
        first = false;
        append_value(out, item, non_finite);
      }
      out += ']';
      break;
    }
    case Value::Kind::mapping: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : v.as_mapping()) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, key);
        out += ':';
        append_value(out, item, non_finite);
      }
      out += '}';
      break;
    }
  }
}

void append_string_list(std::string& out, const std::vector<std::string>& list) {
  out += '[';
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, list[i]);
  }
  out += ']';
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

}  // namespace

void post_metadata_json(const Post& post, std::string& out) {
  out.clear();
  out.reserve(512 + post.excerpt_html.size() + post.feature_html.size());
  bool non_finite = false;
  // "html" comes first as a placeholder so the JS object keeps it first when it fills it in.
  out += "{\"html\":null,";
  append_key(out, "frontMatter");
  append_value(out, post.front_matter, non_finite);
  out += ',';
  append_key(out, "title");
  append_json_string(out, post.title);
  out += ',';
  append_key(out, "date");
  append_json_string(out, post.date);
  out += ',';
  append_key(out, "categories");
  append_string_list(out, post.categories);
  out += ',';
  append_key(out, "tags");
  append_string_list(out, post.tags);
  out += ',';
  append_key(out, "slug");
  append_json_string(out, post.slug);
  out += ',';
  append_key(out, "permalink");
  append_json_string(out, post.permalink);
  out += ',';
  append_key(out, "published");
  out += post.published ? "true" : "false";
  out += ',';
  append_key(out, "image");
  append_json_string(out, post.image);
  out += ',';
  append_key(out, "excerptHtml");
  append_json_string(out, post.excerpt_html);
  out += ',';
  append_key(out, "featureHtml");
  append_json_string(out, post.feature_html);
  out += ',';
  append_key(out, "toc");
  out += '[';
  for (std::size_t i = 0; i < post.toc.size(); ++i) {
    if (i) out += ',';
    out += "{\"level\":";
    out += std::to_string(post.toc[i].level);
    out += ",\"id\":";
    append_json_string(out, post.toc[i].id);
    out += ",\"text\":";
    append_json_string(out, post.toc[i].text);
    out += '}';
  }
  out += "],";
  append_key(out, "wordCount");
  out += std::to_string(post.word_count);
  out += ',';
  append_key(out, "readingMinutes");
  out += std::to_string(post.reading_minutes);
  out += ',';
  append_warnings(out, post.warnings);
  if (non_finite) out += ",\"nonFinite\":true";
  out += '}';
}

void front_matter_json(const Value& front_matter, const Diagnostics& warnings, std::string& out) {
  out.clear();
  bool non_finite = false;
  out += '{';
  append_key(out, "frontMatter");
  append_value(out, front_matter, non_finite);
  out += ',';
  append_warnings(out, warnings);
  if (non_finite) out += ",\"nonFinite\":true";
  out += '}';
}

void warnings_json(const Diagnostics& warnings, std::string& out) {
  out.assign(1, '{');
  append_warnings(out, warnings);
  out += '}';
}

}  // namespace postrender::wire

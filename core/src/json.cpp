#include "postrender/json.hpp"

#include <cmath>

namespace postrender {
namespace {

void append_value(std::string& out, const Value& value) {
  switch (value.kind()) {
    case Value::Kind::null: out += "null"; return;
    case Value::Kind::boolean:
    case Value::Kind::integer: out += value.to_text(); return;
    case Value::Kind::floating:
      out += std::isfinite(value.as_float()) ? value.to_text() : "null";
      return;
    case Value::Kind::string: append_json_string(out, value.as_string()); return;
    case Value::Kind::sequence: {
      out += '[';
      bool first = true;
      for (const Value& item : value.as_sequence()) {
        if (!first) out += ',';
        first = false;
        append_value(out, item);
      }
      out += ']';
      return;
    }
    case Value::Kind::mapping: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : value.as_mapping()) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, key);
        out += ':';
        append_value(out, item);
      }
      out += '}';
      return;
    }
  }
}

class ObjectWriter {
 public:
  explicit ObjectWriter(std::string& out) : out_(out) { out_ += '{'; }
  ~ObjectWriter() { out_ += '}'; }
  std::string& key(std::string_view name) {
    if (!first_) out_ += ',';
    first_ = false;
    append_json_string(out_, name);
    out_ += ':';
    return out_;
  }
  void string(std::string_view name, std::string_view text) { append_json_string(key(name), text); }
  void number(std::string_view name, long long n) { key(name) += std::to_string(n); }
  void strings(std::string_view name, const std::vector<std::string>& list) {
    std::string& out = key(name);
    out += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, list[i]);
    }
    out += ']';
  }

 private:
  std::string& out_;
  bool first_ = true;
};

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

std::string to_json(const Value& value) {
  std::string out;
  append_value(out, value);
  return out;
}

std::string to_json(const Post& post) {
  std::string out;
  out.reserve(post.html.size() + post.excerpt_html.size() + 1024);
  {
    ObjectWriter object(out);
    object.string("html", post.html);
    append_value(object.key("frontMatter"), post.front_matter);
    object.string("title", post.title);
    object.string("date", post.date);
    object.strings("categories", post.categories);
    object.strings("tags", post.tags);
    object.string("slug", post.slug);
    object.string("permalink", post.permalink);
    object.key("published") += post.published ? "true" : "false";
    object.string("image", post.image);
    object.string("excerptHtml", post.excerpt_html);
    object.string("featureHtml", post.feature_html);
    std::string& toc = object.key("toc");
    toc += '[';
    for (std::size_t i = 0; i < post.toc.size(); ++i) {
      if (i) toc += ',';
      ObjectWriter entry(toc);
      entry.number("level", post.toc[i].level);
      entry.string("id", post.toc[i].id);
      entry.string("text", post.toc[i].text);
    }
    toc += ']';
    object.number("wordCount", static_cast<long long>(post.word_count));
    object.number("readingMinutes", post.reading_minutes);
    std::string& warnings = object.key("warnings");
    warnings += '[';
    for (std::size_t i = 0; i < post.warnings.size(); ++i) {
      if (i) warnings += ',';
      const Diagnostic& d = post.warnings[i];
      ObjectWriter entry(warnings);
      entry.string("severity", to_string(d.severity));
      entry.string("code", d.code);
      entry.string("message", d.message);
      entry.number("line", d.line);
      entry.number("column", d.column);
    }
    warnings += ']';
  }
  return out;
}

}  // namespace postrender

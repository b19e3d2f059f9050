#pragma once
// Loader for the XSS corpus in tests/fixtures/xss/*.json, shared by the C++ runner and the
// xss_dump helper. Each file holds a JSON array of objects (or one object) with string
// fields: "title", "payload", optional "expected", optional "via" ("html", the default: the
// payload goes through sanitize_html; "markdown": through render, whole-post).
// A small strict JSON reader is enough here: no third-party parser for four string fields.
#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "postrender/post.hpp"

namespace postrender::testing {

struct XssVector {
  std::string file;   // file name, e.g. "mxss.json"
  std::string title;
  std::string payload;
  std::string via = "html";
  std::optional<std::string> expected;
};

namespace corpus_detail {

class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : text_(text) {}

  // Reads an array of flat objects of strings, or a single such object.
  bool read_objects(std::vector<std::map<std::string, std::string>>& out, std::string& error) {
    skip_space();
    if (peek() == '{') {
      out.emplace_back();
      if (!read_object(out.back())) return failed(error);
    } else if (consume('[')) {
      skip_space();
      if (!consume(']')) {
        while (true) {
          skip_space();
          out.emplace_back();
          if (!read_object(out.back())) return failed(error);
          skip_space();
          if (consume(']')) break;
          if (!consume(',')) return failed(error, "expected ',' or ']'");
        }
      }
    } else {
      return failed(error, "expected '[' or '{'");
    }
    skip_space();
    if (pos_ != text_.size()) return failed(error, "trailing characters");
    return true;
  }

  // Reads a JSON array of strings (used by xss_dump --sanitize).
  bool read_strings(std::vector<std::string>& out, std::string& error) {
    skip_space();
    if (!consume('[')) return failed(error, "expected '['");
    skip_space();
    if (consume(']')) return true;
    while (true) {
      skip_space();
      out.emplace_back();
      if (!read_string(out.back())) return failed(error);
      skip_space();
      if (consume(']')) break;
      if (!consume(',')) return failed(error, "expected ',' or ']'");
    }
    return true;
  }

 private:
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  bool consume(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' ||
                                   text_[pos_] == '\t')) {
      ++pos_;
    }
  }
  bool failed(std::string& error, const char* what = nullptr) {
    error = std::string(what ? what : message_) + " at byte " + std::to_string(pos_);
    return false;
  }
  bool fail(const char* what) {
    message_ = what;
    return false;
  }

  bool read_object(std::map<std::string, std::string>& object) {
    if (!consume('{')) return fail("expected '{'");
    skip_space();
    if (consume('}')) return true;
    while (true) {
      skip_space();
      std::string key;
      std::string value;
      if (!read_string(key)) return false;
      skip_space();
      if (!consume(':')) return fail("expected ':'");
      skip_space();
      if (!read_string(value)) return false;
      if (!object.emplace(std::move(key), std::move(value)).second) return fail("duplicate key");
      skip_space();
      if (consume('}')) return true;
      if (!consume(',')) return fail("expected ',' or '}'");
    }
  }

  bool read_hex4(unsigned& value) {
    if (pos_ + 4 > text_.size()) return fail("short \\u escape");
    value = 0;
    for (int k = 0; k < 4; ++k) {
      char c = text_[pos_++];
      value <<= 4;
      if (c >= '0' && c <= '9') {
        value |= static_cast<unsigned>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        value |= static_cast<unsigned>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        value |= static_cast<unsigned>(c - 'A' + 10);
      } else {
        return fail("bad \\u escape");
      }
    }
    return true;
  }

  static void append_utf8(std::string& out, unsigned cp) {
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

  bool read_string(std::string& out) {
    if (!consume('"')) return fail("expected a string");
    while (true) {
      if (pos_ >= text_.size()) return fail("unterminated string");
      char c = text_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) return fail("unterminated escape");
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
          unsigned cp = 0;
          if (!read_hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned low = 0;
            if (!consume('\\') || !consume('u') || !read_hex4(low) || low < 0xDC00 || low > 0xDFFF) {
              return fail("unpaired surrogate");
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return fail("unpaired surrogate");
          }
          append_utf8(out, cp);
          break;
        }
        default:
          return fail("bad escape");
      }
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  const char* message_ = "invalid JSON";
};

}  // namespace corpus_detail

// Loads every *.json file in `dir`, in file-name order. Returns false with `error` set on the
// first unreadable or malformed file (a broken corpus must fail loudly, not shrink silently).
inline bool load_xss_corpus(const std::string& dir, std::vector<XssVector>& out, std::string& error) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  if (ec) {
    error = "cannot list " + dir + ": " + ec.message();
    return false;
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    std::vector<std::map<std::string, std::string>> objects;
    std::string why;
    if (!in || !corpus_detail::JsonReader(text).read_objects(objects, why)) {
      error = path.filename().string() + ": " + (why.empty() ? "unreadable" : why);
      return false;
    }
    for (auto& object : objects) {
      XssVector vector;
      vector.file = path.filename().string();
      for (auto& [key, value] : object) {
        if (key == "title") {
          vector.title = std::move(value);
        } else if (key == "payload") {
          vector.payload = std::move(value);
        } else if (key == "expected") {
          vector.expected = std::move(value);
        } else if (key == "via") {
          vector.via = std::move(value);
        } else {
          error = vector.file + ": unknown key \"" + key + "\"";
          return false;
        }
      }
      if (vector.title.empty() || (vector.via != "html" && vector.via != "markdown")) {
        error = vector.file + ": a vector needs a title and via \"html\" or \"markdown\"";
        return false;
      }
      out.push_back(std::move(vector));
    }
  }
  return true;
}

// The output a vector's "expected" describes: sanitize_html for "html", render(...).html for
// "markdown", both with the default options.
inline std::string xss_output(const XssVector& vector) {
  if (vector.via == "markdown") return postrender::render(vector.payload).html;
  return postrender::sanitize_html(vector.payload);
}

// The other pipeline, checked for the invariants only.
inline std::string xss_other_output(const XssVector& vector) {
  if (vector.via == "markdown") return postrender::sanitize_html(vector.payload);
  return postrender::render(vector.payload).html;
}

}  // namespace postrender::testing

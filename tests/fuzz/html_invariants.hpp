#pragma once
// Independent checker of sanitized output, shared by the XSS corpus runner, the fuzzers and
// the xss_dump helper. It deliberately does not reuse the sanitizer's tokenizer or writer:
// it parses only the canonical form the writer promises (lower-case allowlisted elements,
// double-quoted escaped attributes, escaped text) and reports anything else.
//
//   std::string problem = postrender::testing::check_sanitized(html, policy);
//   // "" when the output is balanced, canonical and inside the policy.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "postrender/policy.hpp"

namespace postrender::testing {

namespace invariants_detail {

inline bool is_lower_alpha(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
inline char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline bool starts_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(0, p.size()) == p;
}

inline bool is_void(std::string_view name) {
  static constexpr std::string_view kVoid[] = {"area", "base",  "br",   "col",   "embed", "hr",  "img",
                                               "input", "link", "meta", "source", "track", "wbr"};
  for (auto v : kVoid) {
    if (v == name) return true;
  }
  return false;
}

// Never acceptable, whatever a policy says: they run script, load resources into the page,
// restyle or navigate it, or change how the rest of the markup parses.
inline bool is_forbidden_element(std::string_view name) {
  static constexpr std::string_view kForbidden[] = {
      "script", "style",    "iframe",   "frame",  "frameset", "object", "embed",    "applet", "base",
      "meta",   "link",     "form",     "svg",    "math",     "template", "noscript", "textarea", "title",
      "xmp",    "plaintext", "noembed", "noframes", "html",   "head",   "body",     "select", "option",
      "button", "portal",   "image",    "isindex", "keygen",  "marquee", "bgsound", "layer",  "dialog"};
  for (auto v : kForbidden) {
    if (v == name) return true;
  }
  return false;
}

inline bool is_url_attribute(std::string_view name) {
  static constexpr std::string_view kUrl[] = {"href",       "src",    "cite",    "action",     "formaction",
                                              "poster",     "background", "longdesc", "dynsrc", "lowsrc",
                                              "xlink:href", "data",   "codebase", "manifest", "icon", "srcset",
                                              "ping"};
  for (auto v : kUrl) {
    if (v == name) return true;
  }
  return false;
}

// Decodes the references the writer emits in attribute values. Anything else is a problem:
// the writer escapes '&' itself, so another named reference means raw input leaked through.
inline bool decode_attribute(std::string_view raw, std::string& out, std::string& problem) {
  out.clear();
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '<' || c == '>') {
      problem = "raw '" + std::string(1, c) + "' in attribute value";
      return false;
    }
    if (c != '&') {
      out += c;
      continue;
    }
    std::size_t semi = raw.find(';', i);
    if (semi == std::string_view::npos) {
      problem = "bare '&' in attribute value";
      return false;
    }
    std::string_view ref = raw.substr(i + 1, semi - i - 1);
    if (ref == "amp") {
      out += '&';
    } else if (ref == "lt") {
      out += '<';
    } else if (ref == "gt") {
      out += '>';
    } else if (ref == "quot") {
      out += '"';
    } else if (ref == "#x27" || ref == "#39") {
      out += '\'';
    } else if (ref == "nbsp") {  // the writer serialises U+00A0 the way browsers do
      out += "\xC2\xA0";
    } else {
      problem = "unexpected character reference &" + std::string(ref) + "; in attribute value";
      return false;
    }
    i = semi;
  }
  return true;
}

// Mirrors the browser's URL parser front end: trim C0 controls and spaces, drop tab/CR/LF.
inline std::string scheme_of(std::string_view url) {
  std::size_t b = 0;
  std::size_t e = url.size();
  while (b < e && static_cast<unsigned char>(url[b]) <= 0x20) ++b;
  while (e > b && static_cast<unsigned char>(url[e - 1]) <= 0x20) --e;
  std::string cleaned;
  for (std::size_t i = b; i < e; ++i) {
    if (url[i] == '\t' || url[i] == '\n' || url[i] == '\r') continue;
    cleaned += url[i];
  }
  for (std::size_t i = 0; i < cleaned.size(); ++i) {
    char c = cleaned[i];
    if (c == '/' || c == '?' || c == '#' || c == '\\') return "";
    if (c == ':') {
      std::string scheme;
      for (std::size_t j = 0; j < i; ++j) scheme += to_lower(cleaned[j]);
      return scheme.empty() ? std::string(":") : scheme;
    }
  }
  return "";
}

inline bool is_safe_data_image(std::string_view url) {
  std::string lower;
  for (char c : url.substr(0, 32)) lower += to_lower(c);
  for (std::string_view type : {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"}) {
    if (starts_with(lower, type) && lower.size() > type.size() && (lower[type.size()] == ',' || lower[type.size()] == ';')) {
      return true;
    }
  }
  return false;
}

inline std::string check_url(std::string_view element, std::string_view attribute, std::string_view url,
                             const SanitizePolicy& policy) {
  std::string scheme = scheme_of(url);
  if (scheme.empty()) return "";
  if (scheme == "data") {
    if (element == "img" && attribute == "src" && policy.allow_data_images && is_safe_data_image(url)) return "";
    return "data: URL in " + std::string(attribute);
  }
  if (!policy.url_scheme_allowed(scheme)) return "scheme '" + scheme + "' in " + std::string(attribute);
  return "";
}

inline std::string check_style(std::string_view style) {
  std::string lower;
  for (char c : style) lower += to_lower(c);
  for (std::string_view bad : {"url(", "expression", "\\", "/*", "@", "<", ">", "!", "position", "var(", "z-index",
                               "behavior", "binding", "image", "content", "transform", "display", "margin"}) {
    if (lower.find(bad) != std::string::npos) return "style contains '" + std::string(bad) + "'";
  }
  return "";
}

}  // namespace invariants_detail

// Returns "" when `html` is balanced, in canonical form and inside `policy`; otherwise a short
// description of the first problem and its byte offset.
inline std::string check_sanitized(std::string_view html, const SanitizePolicy& policy) {
  using namespace invariants_detail;
  std::vector<std::string> open;
  std::size_t i = 0;
  auto fail = [&](const std::string& what) { return what + " at byte " + std::to_string(i); };

  while (i < html.size()) {
    char c = html[i];
    if (c == '&') {
      // Text references: named, decimal or hex, always terminated.
      std::size_t j = i + 1;
      if (j < html.size() && html[j] == '#') {
        ++j;
        bool hex = j < html.size() && (html[j] == 'x' || html[j] == 'X');
        if (hex) ++j;
        std::size_t digits = 0;
        while (j < html.size() && (hex ? is_hex(html[j]) : is_digit(html[j]))) ++j, ++digits;
        if (digits == 0) return fail("malformed numeric reference");
      } else {
        std::size_t letters = 0;
        while (j < html.size() && (is_lower_alpha(to_lower(html[j])) || is_digit(html[j]))) ++j, ++letters;
        if (letters == 0) return fail("bare '&' in text");
      }
      if (j >= html.size() || html[j] != ';') return fail("unterminated character reference");
      i = j + 1;
      continue;
    }
    if (c != '<') {
      ++i;
      continue;
    }
    std::size_t start = i;
    ++i;
    bool end_tag = i < html.size() && html[i] == '/';
    if (end_tag) ++i;
    std::size_t name_start = i;
    while (i < html.size() && (is_lower_alpha(html[i]) || (i > name_start && is_digit(html[i])))) ++i;
    std::string name(html.substr(name_start, i - name_start));
    if (name.empty()) {
      i = start;
      return fail("'<' not starting a canonical tag");
    }
    if (is_forbidden_element(name)) {
      i = start;
      return fail("forbidden element <" + name + ">");
    }
    if (!policy.element_allowed(name)) {
      i = start;
      return fail("element <" + name + "> outside the policy");
    }
    if (end_tag) {
      if (i >= html.size() || html[i] != '>') return fail("malformed end tag </" + name);
      ++i;
      if (is_void(name)) return fail("end tag for void element </" + name + ">");
      if (open.empty() || open.back() != name) {
        return fail("end tag </" + name + "> does not match " + (open.empty() ? "nothing open" : "<" + open.back() + ">"));
      }
      open.pop_back();
      continue;
    }
    std::vector<std::string> seen;
    while (true) {
      if (i >= html.size()) return fail("unterminated start tag <" + name);
      if (html[i] == '>') {
        ++i;
        break;
      }
      if (html[i] != ' ') return fail("unexpected character in <" + name + "> (attributes need one space)");
      ++i;
      std::size_t attr_start = i;
      while (i < html.size() && (is_lower_alpha(html[i]) || is_digit(html[i]) || html[i] == '-' || html[i] == '_' ||
                                 html[i] == ':' || html[i] == '.')) {
        ++i;
      }
      std::string attr(html.substr(attr_start, i - attr_start));
      if (attr.empty()) return fail("malformed attribute name in <" + name + ">");
      if (starts_with(attr, "on")) return fail("event handler attribute " + attr);
      for (const auto& s : seen) {
        if (s == attr) return fail("duplicate attribute " + attr);
      }
      seen.push_back(attr);
      // rel is the writer's own on links; data-source-line="N" the Markdown renderer's (options.source_lines).
      bool allowed = policy.attribute_allowed(name, attr) || (name == "a" && attr == "rel") ||
                     attr == "data-source-line" ||
                     (starts_with(attr, "data-") && policy.attribute_allowed(name, "data-*"));
      if (!allowed) return fail("attribute " + attr + " on <" + name + "> outside the policy");
      if (i + 1 >= html.size() || html[i] != '=' || html[i + 1] != '"') {
        return fail("attribute " + attr + " without a double-quoted value");
      }
      i += 2;
      std::size_t quote = html.find('"', i);
      if (quote == std::string_view::npos) return fail("unterminated attribute value");
      std::string value;
      std::string problem;
      if (!decode_attribute(html.substr(i, quote - i), value, problem)) return fail(problem);
      i = quote + 1;
      if (is_url_attribute(attr)) {
        std::string bad = check_url(name, attr, value, policy);
        if (!bad.empty()) return fail(bad);
      }
      if (attr == "style") {
        std::string bad = check_style(value);
        if (!bad.empty()) return fail(bad);
      }
      if (attr == "data-source-line" && !policy.attribute_allowed(name, attr) &&
          (value.empty() || value.find_first_not_of("0123456789") != std::string::npos)) {
        return fail("data-source-line that is not a line number");
      }
      if ((attr == "id" || attr == "name") && !policy.id_prefix.empty() && !starts_with(value, policy.id_prefix)) {
        return fail(attr + " without the id prefix");
      }
    }
    if (!is_void(name)) open.push_back(name);
  }
  if (!open.empty()) return "unclosed <" + open.back() + "> at the end (" + std::to_string(open.size()) + " open)";
  return "";
}

}  // namespace postrender::testing

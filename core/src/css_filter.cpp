// Inline style filtering (@TCB: security-critical).
//
// We never pass the author's CSS through: each declaration is parsed, its property looked up
// in the policy and in our own table of value validators, and only a value rebuilt from the
// validated tokens is written. A property the policy allows but this file has no validator
// for is dropped (unknown syntax). Anything that could change how a CSS parser tokenises the
// value (escapes, comments, strings, at-rules, markup) or load something (url(), image-set(),
// expression()) never validates, because no validator accepts those characters.
#include "css_filter.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdlib>
#include <vector>

namespace postrender::detail {
namespace {

char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

// Splits on runs of whitespace.
std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    std::size_t start = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

bool one_of(std::string_view value, std::initializer_list<std::string_view> options) {
  return std::find(options.begin(), options.end(), value) != options.end();
}

// CSS Color Module Level 4 named colors (sorted, for binary search).
constexpr std::array<std::string_view, 148> kNamedColors = {
    "aliceblue", "antiquewhite", "aqua", "aquamarine", "azure", "beige", "bisque", "black",
    "blanchedalmond", "blue", "blueviolet", "brown", "burlywood", "cadetblue", "chartreuse",
    "chocolate", "coral", "cornflowerblue", "cornsilk", "crimson", "cyan", "darkblue", "darkcyan",
    "darkgoldenrod", "darkgray", "darkgreen", "darkgrey", "darkkhaki", "darkmagenta",
    "darkolivegreen", "darkorange", "darkorchid", "darkred", "darksalmon", "darkseagreen",
    "darkslateblue", "darkslategray", "darkslategrey", "darkturquoise", "darkviolet", "deeppink",
    "deepskyblue", "dimgray", "dimgrey", "dodgerblue", "firebrick", "floralwhite", "forestgreen",
    "fuchsia", "gainsboro", "ghostwhite", "gold", "goldenrod", "gray", "green", "greenyellow",
    "grey", "honeydew", "hotpink", "indianred", "indigo", "ivory", "khaki", "lavender",
    "lavenderblush", "lawngreen", "lemonchiffon", "lightblue", "lightcoral", "lightcyan",
    "lightgoldenrodyellow", "lightgray", "lightgreen", "lightgrey", "lightpink", "lightsalmon",
    "lightseagreen", "lightskyblue", "lightslategray", "lightslategrey", "lightsteelblue",
    "lightyellow", "lime", "limegreen", "linen", "magenta", "maroon", "mediumaquamarine",
    "mediumblue", "mediumorchid", "mediumpurple", "mediumseagreen", "mediumslateblue",
    "mediumspringgreen", "mediumturquoise", "mediumvioletred", "midnightblue", "mintcream",
    "mistyrose", "moccasin", "navajowhite", "navy", "oldlace", "olive", "olivedrab", "orange",
    "orangered", "orchid", "palegoldenrod", "palegreen", "paleturquoise", "palevioletred",
    "papayawhip", "peachpuff", "peru", "pink", "plum", "powderblue", "purple", "rebeccapurple",
    "red", "rosybrown", "royalblue", "saddlebrown", "salmon", "sandybrown", "seagreen",
    "seashell", "sienna", "silver", "skyblue", "slateblue", "slategray", "slategrey", "snow",
    "springgreen", "steelblue", "tan", "teal", "thistle", "tomato", "turquoise", "violet",
    "wheat", "white", "whitesmoke", "yellow", "yellowgreen"};

bool is_named_color(std::string_view v) {
  return std::binary_search(kNamedColors.begin(), kNamedColors.end(), v);
}

// An unsigned decimal number: digits, optionally one '.' followed by digits (".5" allowed).
// Returns the length consumed, 0 if none.
std::size_t scan_number(std::string_view s) {
  std::size_t i = 0;
  std::size_t int_digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    std::size_t j = i + 1;
    std::size_t frac_digits = 0;
    while (j < s.size() && is_digit(s[j])) ++j, ++frac_digits;
    if (frac_digits > 0) return j;
  }
  return int_digits > 0 ? i : 0;
}

// A number with an optional '-' sign and an optional unit from `units` ("" = unitless allowed).
// Fills `magnitude` and `unit`. The whole token must match.
bool parse_dimension(std::string_view token, bool allow_negative, std::string_view& unit, double& magnitude) {
  std::string_view rest = token;
  bool negative = false;
  if (!rest.empty() && rest[0] == '-') {
    if (!allow_negative) return false;
    negative = true;
    rest.remove_prefix(1);
  }
  std::size_t n = scan_number(rest);
  if (n == 0 || n > 12) return false;  // long digit runs are not sane style values
  magnitude = std::strtod(std::string(rest.substr(0, n)).c_str(), nullptr);
  if (negative) magnitude = -magnitude;
  unit = rest.substr(n);
  return true;
}

// Hex color: #rgb, #rgba, #rrggbb, #rrggbbaa.
bool is_hex_color(std::string_view v) {
  if (v.empty() || v[0] != '#') return false;
  std::size_t n = v.size() - 1;
  if (n != 3 && n != 4 && n != 6 && n != 8) return false;
  for (std::size_t i = 1; i < v.size(); ++i) {
    if (!is_hex(v[i])) return false;
  }
  return true;
}

// One argument of rgb()/hsl(): a number or percentage; for the hue also deg/turn/rad/grad.
bool is_color_argument(std::string_view arg, bool hue) {
  std::string_view unit;
  double magnitude = 0;
  if (!parse_dimension(arg, hue, unit, magnitude)) return false;
  if (unit.empty() || unit == "%") return true;
  return hue && one_of(unit, {"deg", "turn", "rad", "grad"});
}

// rgb()/rgba()/hsl()/hsla(), comma or space syntax (with "/ alpha"). Writes the canonical
// form to `out`: "rgb(1, 2, 3)" or "rgb(1 2 3 / 50%)".
bool normalise_color_function(std::string_view v, std::string& out) {
  std::size_t open = v.find('(');
  if (open == std::string_view::npos || v.back() != ')') return false;
  std::string_view name = v.substr(0, open);
  if (!one_of(name, {"rgb", "rgba", "hsl", "hsla"})) return false;
  bool is_hsl = name[0] == 'h';
  std::string_view inner = trim(v.substr(open + 1, v.size() - open - 2));
  if (inner.find('(') != std::string_view::npos || inner.find(')') != std::string_view::npos) return false;

  std::vector<std::string_view> args;
  std::string_view alpha;
  bool comma_syntax = inner.find(',') != std::string_view::npos;
  if (comma_syntax) {
    std::size_t start = 0;
    while (true) {
      std::size_t comma = inner.find(',', start);
      args.push_back(trim(inner.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                                               : comma - start)));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (args.size() != 3 && args.size() != 4) return false;
    if (args.size() == 4) {
      alpha = args.back();
      args.pop_back();
    }
  } else {
    std::size_t slash = inner.find('/');
    if (slash != std::string_view::npos) {
      alpha = trim(inner.substr(slash + 1));
      if (alpha.empty()) return false;
      inner = trim(inner.substr(0, slash));
    }
    args = words(inner);
    if (args.size() != 3) return false;
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (!is_color_argument(args[i], is_hsl && i == 0)) return false;
  }
  if (!alpha.empty() && !is_color_argument(alpha, false)) return false;

  out += name;
  out += '(';
  const char* separator = comma_syntax ? ", " : " ";
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out += separator;
    out += args[i];
  }
  if (!alpha.empty()) {
    out += comma_syntax ? ", " : " / ";
    out += alpha;
  }
  out += ')';
  return true;
}

// `v` is lower-case and trimmed.
bool normalise_color(std::string_view v, std::string& out) {
  if (is_hex_color(v) || is_named_color(v) || v == "transparent" || v == "currentcolor") {
    out = v;
    return true;
  }
  return normalise_color_function(v, out);
}

bool is_keyword_value(std::string_view v, std::string& out, std::initializer_list<std::string_view> keywords) {
  if (!one_of(v, keywords)) return false;
  out = v;
  return true;
}

// A length within sane bounds. `max_px` caps absolute sizes; relative units get proportional caps.
bool is_bounded_length(std::string_view v, bool allow_negative, bool allow_unitless, double max_px,
                       std::string& out) {
  std::string_view unit;
  double magnitude = 0;
  if (!parse_dimension(v, allow_negative, unit, magnitude)) return false;
  double limit = 0;
  if (unit == "px") {
    limit = max_px;
  } else if (unit == "pt") {
    limit = max_px * 0.75;
  } else if (unit == "em" || unit == "rem") {
    limit = max_px / 16.0;
  } else if (unit == "%") {
    limit = max_px / 16.0 * 100.0;
  } else if (unit.empty()) {
    // Only "0" is a length without a unit, except where a plain multiplier is meant (line-height).
    if (!allow_unitless && magnitude != 0) return false;
    limit = allow_unitless ? max_px / 16.0 : 0;
  } else {
    return false;
  }
  if (magnitude > limit || magnitude < -limit) return false;
  out = v;
  return true;
}

bool validate_text_decoration_line(std::string_view v, std::string& out) {
  if (v == "none") {
    out = v;
    return true;
  }
  auto parts = words(v);
  if (parts.empty() || parts.size() > 3) return false;
  std::string joined;
  std::vector<std::string_view> seen;
  for (auto part : parts) {
    if (!one_of(part, {"underline", "overline", "line-through"})) return false;
    if (std::find(seen.begin(), seen.end(), part) != seen.end()) return false;
    seen.push_back(part);
    if (!joined.empty()) joined += ' ';
    joined += part;
  }
  out = joined;
  return true;
}

bool is_decoration_style(std::string_view v) { return one_of(v, {"solid", "double", "dotted", "dashed", "wavy"}); }

// Shorthand: any order of line(s), one style, one color. Written back in the author's order.
bool validate_text_decoration(std::string_view v, std::string& out) {
  if (v == "none") {
    out = v;
    return true;
  }
  auto parts = words(v);
  if (parts.empty() || parts.size() > 5) return false;
  bool have_style = false;
  bool have_color = false;
  bool have_line = false;
  std::vector<std::string_view> lines;
  std::string joined;
  for (auto part : parts) {
    std::string normalised;
    if (one_of(part, {"underline", "overline", "line-through"})) {
      if (std::find(lines.begin(), lines.end(), part) != lines.end()) return false;
      lines.push_back(part);
      have_line = true;
      normalised = part;
    } else if (part == "none" && !have_line && parts.size() > 1) {
      normalised = part;
      have_line = true;
      lines.push_back("none");
    } else if (is_decoration_style(part) && !have_style) {
      have_style = true;
      normalised = part;
    } else if (!have_color && normalise_color(part, normalised)) {
      have_color = true;
    } else {
      return false;
    }
    if (!joined.empty()) joined += ' ';
    joined += normalised;
  }
  out = joined;
  return true;
}

using Validator = bool (*)(std::string_view, std::string&);

struct PropertyRule {
  std::string_view name;
  Validator validate;  // value is lower-case, trimmed, without !important
};

const PropertyRule kRules[] = {
    {"background-color", normalise_color},
    {"color", normalise_color},
    {"font-size",
     [](std::string_view v, std::string& out) {
       return is_keyword_value(v, out,
                               {"xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large",
                                "xxx-large", "smaller", "larger"}) ||
              is_bounded_length(v, false, false, 100, out);
     }},
    {"font-style",
     [](std::string_view v, std::string& out) { return is_keyword_value(v, out, {"normal", "italic", "oblique"}); }},
    {"font-variant",
     [](std::string_view v, std::string& out) { return is_keyword_value(v, out, {"normal", "small-caps"}); }},
    {"font-weight",
     [](std::string_view v, std::string& out) {
       return is_keyword_value(v, out,
                               {"normal", "bold", "bolder", "lighter", "100", "200", "300", "400", "500", "600",
                                "700", "800", "900"});
     }},
    {"letter-spacing",
     [](std::string_view v, std::string& out) {
       return is_keyword_value(v, out, {"normal"}) || is_bounded_length(v, true, false, 16, out);
     }},
    {"line-height",
     [](std::string_view v, std::string& out) {
       return is_keyword_value(v, out, {"normal"}) || is_bounded_length(v, false, true, 100, out);
     }},
    {"list-style-type",
     [](std::string_view v, std::string& out) {
       return is_keyword_value(v, out,
                               {"none", "disc", "circle", "square", "decimal", "decimal-leading-zero",
                                "lower-roman", "upper-roman", "lower-alpha", "upper-alpha", "lower-latin",
                                "upper-latin", "lower-greek"});
     }},
    {"text-align",
     [](std::string_view v, std::string& out) {
       return is_keyword_value(v, out, {"left", "right", "center", "justify", "start", "end"});
     }},
    {"text-decoration", validate_text_decoration},
    {"text-decoration-color", normalise_color},
    {"text-decoration-line", validate_text_decoration_line},
    {"text-decoration-style",
     [](std::string_view v, std::string& out) {
       if (!is_decoration_style(v)) return false;
       out = v;
       return true;
     }},
    {"text-transform",
     [](std::string_view v, std::string& out) {
       return is_keyword_value(v, out, {"none", "capitalize", "uppercase", "lowercase"});
     }},
    {"vertical-align",
     [](std::string_view v, std::string& out) {
       return is_keyword_value(v, out,
                               {"baseline", "sub", "super", "top", "middle", "bottom", "text-top",
                                "text-bottom"}) ||
              is_bounded_length(v, true, false, 100, out);
     }},
    {"white-space",
     [](std::string_view v, std::string& out) {
       return is_keyword_value(v, out, {"normal", "nowrap", "pre", "pre-wrap", "pre-line", "break-spaces"});
     }},
};

const PropertyRule* find_rule(std::string_view name) {
  for (const auto& rule : kRules) {
    if (rule.name == name) return &rule;
  }
  return nullptr;
}

bool is_property_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || c == '-')) return false;
  }
  return true;
}

// Strips a trailing "!important" (any spacing between '!' and the word). Returns false when a
// '!' is present in any other form.
bool strip_important(std::string& value) {
  std::size_t bang = value.find('!');
  if (bang == std::string::npos) return true;
  std::string_view after = trim(std::string_view(value).substr(bang + 1));
  if (after != "important") return false;
  value.erase(bang);
  value = std::string(trim(value));
  return true;
}

void note_removed(std::string* removed, std::string_view declaration, const char* why) {
  if (removed == nullptr) return;
  std::string_view shown = declaration.substr(0, 80);
  if (!removed->empty()) *removed += "; ";
  *removed += why;
  *removed += ": ";
  *removed += shown;
  if (shown.size() < declaration.size()) *removed += "...";
}

}  // namespace

// Not inlined: under LTO its only caller (the sanitizer's build_start_tag) would grow into one
// huge function, and V8's optimizing compiler needs memory in proportion when that gets hot.
__attribute__((noinline)) std::string filter_style(std::string_view style, const SanitizePolicy& policy,
                                                  std::string* removed) {
  std::string out;
  std::size_t start = 0;
  while (start <= style.size()) {
    std::size_t semicolon = style.find(';', start);
    std::size_t end = semicolon == std::string_view::npos ? style.size() : semicolon;
    std::string_view declaration = trim(style.substr(start, end - start));
    start = end + 1;
    if (declaration.empty()) continue;

    std::size_t colon = declaration.find(':');
    if (colon == std::string_view::npos) {
      note_removed(removed, declaration, "malformed");
      continue;
    }
    std::string name = lower(trim(declaration.substr(0, colon)));
    std::string value = lower(trim(declaration.substr(colon + 1)));
    if (!is_property_name(name)) {
      note_removed(removed, declaration, "malformed");
      continue;
    }
    const PropertyRule* rule = find_rule(name);
    if (rule == nullptr || !policy.css_property_allowed(name)) {
      note_removed(removed, declaration, "property not allowed");
      continue;
    }
    std::string normalised;
    if (value.empty() || !strip_important(value) || !rule->validate(value, normalised)) {
      note_removed(removed, declaration, "value not allowed");
      continue;
    }
    if (!out.empty()) out += "; ";
    out += name;
    out += ": ";
    out += normalised;
  }
  return out;
}

}  // namespace postrender::detail

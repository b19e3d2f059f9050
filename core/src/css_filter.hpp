#pragma once
// Inline style filtering (@TCB: security-critical).
#include <string>
#include <string_view>

#include "postrender/diagnostic.hpp"
#include "postrender/policy.hpp"

namespace postrender::detail {

// Parses a style attribute's declarations and keeps only allowlisted properties with
// validated values, re-serialised normalised ("color: #ee2323; font-weight: bold").
// Returns "" when nothing survives (the caller then drops the attribute). `removed`, when
// non-null, receives a short description of each dropped declaration.
//
// Canonical form (stable: filter_style(filter_style(x)) == filter_style(x)): lower-case
// property and value, "name: value" joined by "; ", no trailing ';', declarations in source
// order (repeats kept), `!important` removed, color functions as "rgb(1, 2, 3)" or
// "rgb(1 2 3 / 50%)". A property is kept only when the policy allows it AND css_filter.cpp has a
// validator for it (colors: color, background-color, text-decoration-color; keywords/lengths:
// text-align, font-weight, font-style, font-variant, font-size (<= 100px, 75pt, 6.25em/rem,
// 625%), vertical-align, line-height, letter-spacing, text-decoration(-line/-style),
// text-transform, white-space, list-style-type). Never kept: url(), expression(), var(),
// escapes, comments, strings, '@', '<', '>', negative sizes, layout/positioning properties.
std::string filter_style(std::string_view style, const SanitizePolicy& policy, std::string* removed = nullptr);

}  // namespace postrender::detail

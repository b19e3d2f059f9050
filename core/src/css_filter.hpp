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
std::string filter_style(std::string_view style, const SanitizePolicy& policy, std::string* removed = nullptr);

}  // namespace postrender::detail

#include "postrender/value.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace postrender {

const Value* Value::find(std::string_view key) const noexcept {
  if (!is_mapping()) return nullptr;
  for (const auto& [k, v] : as_mapping()) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::string Value::to_text() const {
  switch (kind()) {
    case Kind::boolean: return as_bool() ? "true" : "false";
    case Kind::integer: return std::to_string(as_integer());
    case Kind::floating: {
      double d = as_float();
      if (std::isnan(d)) return ".nan";
      if (std::isinf(d)) return d > 0 ? ".inf" : "-.inf";
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.17g", d);
      // Prefer the shortest form that reads back the same.
      for (int precision = 1; precision <= 17; ++precision) {
        char shorter[32];
        std::snprintf(shorter, sizeof shorter, "%.*g", precision, d);
        if (std::strtod(shorter, nullptr) == d) return shorter;
      }
      return buffer;
    }
    case Kind::string: return as_string();
    default: return "";
  }
}

}  // namespace postrender

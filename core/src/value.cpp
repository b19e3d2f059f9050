#include "postrender/value.hpp"

#include <cmath>
#include <limits>

#include "number_text.hpp"

namespace postrender {
namespace {

// Shortest "%g" form that reads back as the same double, independent of the host program's
// setlocale() ("3.5", never "3,5").
std::string shortest_double(double d) {
  std::string out;
  for (int precision = 1; precision <= std::numeric_limits<double>::max_digits10; ++precision) {
    out = detail::format_double_g(d, precision);
    if (detail::reads_back_as(out, d)) break;
  }
  return out;
}

}  // namespace

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
      return shortest_double(d);
    }
    case Kind::string: return as_string();
    default: return "";
  }
}

}  // namespace postrender

#include "postrender/value.hpp"

#include <cmath>
#include <limits>
#include <locale>
#include <sstream>

namespace postrender {
namespace {

// Shortest decimal form that reads back as the same double. Streams with the classic locale keep
// the output independent of the host program's setlocale() ("3.5", never "3,5").
std::string shortest_double(double d) {
  std::ostringstream out;
  out.imbue(std::locale::classic());
  for (int precision = 1; precision <= std::numeric_limits<double>::max_digits10; ++precision) {
    out.str({});
    out.precision(precision);
    out << d;
    std::istringstream in(out.str());
    in.imbue(std::locale::classic());
    double back = 0;
    in >> back;
    if (back == d) break;
  }
  return out.str();
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

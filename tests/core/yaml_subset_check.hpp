#pragma once
// Differential check of the YAML subset parser against the yaml-cpp path, shared by the doctest
// suite (yaml_subset_test.cpp) and the fuzz target (tests/fuzz/fuzz_front_matter.cpp).
#include <cmath>
#include <cstring>
#include <string>
#include <string_view>

#include "front_matter.hpp"
#include "yaml_subset.hpp"

namespace postrender::detail {

// Equal trees, floats compared by bits (NaN equals NaN, -0 differs from 0).
inline bool same_value(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Value::Kind::floating: {
      double x = a.as_float();
      double y = b.as_float();
      if (std::isnan(x) || std::isnan(y)) return std::isnan(x) && std::isnan(y);
      return std::memcmp(&x, &y, sizeof x) == 0;
    }
    case Value::Kind::sequence: {
      const auto& p = a.as_sequence();
      const auto& q = b.as_sequence();
      if (p.size() != q.size()) return false;
      for (std::size_t i = 0; i < p.size(); ++i) {
        if (!same_value(p[i], q[i])) return false;
      }
      return true;
    }
    case Value::Kind::mapping: {
      const auto& p = a.as_mapping();
      const auto& q = b.as_mapping();
      if (p.size() != q.size()) return false;
      for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i].first != q[i].first || !same_value(p[i].second, q[i].second)) return false;
      }
      return true;
    }
    default: return a == b;
  }
}

inline std::string describe(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::null: return "null";
    case Value::Kind::string: return "\"" + v.as_string() + "\"";
    case Value::Kind::sequence: {
      std::string out = "[";
      for (const auto& item : v.as_sequence()) out += describe(item) + ", ";
      return out + "]";
    }
    case Value::Kind::mapping: {
      std::string out = "{";
      for (const auto& [k, item] : v.as_mapping()) out += "\"" + k + "\": " + describe(item) + ", ";
      return out + "}";
    }
    case Value::Kind::floating: return "float " + v.to_text();
    case Value::Kind::integer: return "int " + v.to_text();
    default: return v.to_text();
  }
}

#if POSTRENDER_YAML_CPP
// "" when the subset does not handle `yaml` or gives exactly yaml-cpp's value and diagnostics;
// otherwise what differs.
inline std::string compare_with_yaml_cpp(std::string_view yaml, const Limits& limits) {
  auto subset = parse_yaml_subset(yaml, 2, limits);
  if (!subset.handled) return "";
  Diagnostics expected_diagnostics;
  Value expected = parse_yaml_with_yaml_cpp(yaml, 2, limits, expected_diagnostics);
  std::string out;
  if (!same_value(subset.value, expected)) {
    out += "value: subset " + describe(subset.value) + " vs yaml-cpp " + describe(expected) + "\n";
  }
  if (subset.diagnostics.size() != expected_diagnostics.size()) {
    out += "diagnostics: subset " + std::to_string(subset.diagnostics.size()) + " vs yaml-cpp " +
           std::to_string(expected_diagnostics.size()) + "\n";
    for (const auto& d : expected_diagnostics) {
      out += "  yaml-cpp: " + d.code + " " + d.message + " at " + std::to_string(d.line) + ":" +
             std::to_string(d.column) + "\n";
    }
  } else {
    for (std::size_t i = 0; i < expected_diagnostics.size(); ++i) {
      const auto& a = subset.diagnostics[i];
      const auto& b = expected_diagnostics[i];
      if (a.code != b.code || a.message != b.message || a.severity != b.severity || a.line != b.line ||
          a.column != b.column) {
        out += "diagnostic " + std::to_string(i) + ": subset " + a.code + " " + a.message + " at " +
               std::to_string(a.line) + ":" + std::to_string(a.column) + " vs yaml-cpp " + b.code + " " +
               b.message + " at " + std::to_string(b.line) + ":" + std::to_string(b.column) + "\n";
      }
    }
  }
  return out;
}
#endif

}  // namespace postrender::detail

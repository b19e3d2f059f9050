#pragma once
// A hand-written parser for the YAML that real front matter uses (block mappings and sequences,
// one-line flow collections, plain, quoted and block scalars, comments). It is tried before
// yaml-cpp and must give exactly yaml-cpp's result on everything it accepts; on anything else
// (anchors, tags, complex keys, multi-line flow, odd indentation, any error, any limit) it says
// "not handled" and the caller falls back to yaml-cpp, which then reports as before.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "postrender/diagnostic.hpp"
#include "postrender/options.hpp"
#include "postrender/value.hpp"

namespace postrender::detail {

struct YamlSubsetResult {
  bool handled = false;
  Value value;               // the front matter tree when handled (a mapping, possibly empty)
  Diagnostics diagnostics;   // when handled: the warnings yaml-cpp's path would give (duplicate keys)
  int stop_line = 0;         // when not handled: 1-based file line and column where the subset stopped
  int stop_column = 0;
};

// Parses `yaml` (whose first line is line `first_line` of the file). Throws nothing but std::bad_alloc.
YamlSubsetResult parse_yaml_subset(std::string_view yaml, int first_line, const Limits& limits);

// YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), shared with the
// yaml-cpp path so that both type scalars identically.
bool is_core_null(std::string_view s);
std::optional<bool> core_bool(std::string_view s);
// [-+]? [0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+; decimal integers beyond 64 bits become floats.
std::optional<Value> core_int(std::string_view s);
// [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?, .inf and .nan spellings.
std::optional<Value> core_float(std::string_view s);
// A plain scalar: null, bool, int, float or else the text itself.
Value resolve_plain_scalar(std::string_view text);

}  // namespace postrender::detail

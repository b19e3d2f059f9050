#pragma once
// Front matter: finding the YAML block at the start of a post and parsing it (the common YAML
// subset by hand, the rest with yaml-cpp when the build has it: POSTRENDER_YAML_CPP).
#include <string_view>

#include "postrender/diagnostic.hpp"
#include "postrender/options.hpp"
#include "postrender/value.hpp"

namespace postrender::detail {

struct FrontMatterBlock {
  bool present = false;
  std::string_view yaml;      // the text between the fences ("" when absent)
  std::string_view body;      // everything after the closing fence; the whole source when absent
  int yaml_first_line = 0;    // 1-based line (in the file) of the first YAML line
  int body_first_line = 1;    // 1-based line (in the file) of the first body line
  std::size_t body_offset = 0;  // byte offset of `body` in the source
};

// Recognises front matter only at the very start: optional BOM, "---", YAML, "---" or "...".
// An unclosed block adds a warning and is treated as body.
FrontMatterBlock split_front_matter(std::string_view source, Diagnostics& diagnostics);

// Parses YAML into a Value tree (YAML 1.2 core schema). Errors become diagnostics with
// positions counted from `first_line` in the file; on error the result is null. Never throws.
// Front matter beyond the subset is parsed by yaml-cpp; in a build without it (POSTRENDER_YAML_CPP=0)
// it gives a `yaml.unsupported` error at the line and column where the subset stopped.
Value parse_yaml(std::string_view yaml, int first_line, const Limits& limits, Diagnostics& diagnostics);

#if POSTRENDER_YAML_CPP
// The yaml-cpp path alone (tests and the differential fuzzer compare it with the subset parser).
Value parse_yaml_with_yaml_cpp(std::string_view yaml, int first_line, const Limits& limits,
                               Diagnostics& diagnostics);
#endif

}  // namespace postrender::detail

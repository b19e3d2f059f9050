// libFuzzer target: arbitrary bytes as front matter YAML, differential.
//  Whenever the hand-written subset parser accepts the text, its Value and diagnostics must be
//  exactly those of the yaml-cpp path (floats by bits); when it declines, it must say where.
//  A first byte 0x01 or 0x02 (dropped) tightens Limits, to check that limits fall back too.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "../core/yaml_subset_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace postrender::detail;
  std::string_view yaml(reinterpret_cast<const char*>(data), size);
  postrender::Limits limits;
  if (!yaml.empty() && (yaml[0] == '\x01' || yaml[0] == '\x02')) {
    if (yaml[0] == '\x01') limits.max_yaml_nodes = 7;
    if (yaml[0] == '\x02') limits.max_yaml_depth = 3;
    yaml.remove_prefix(1);
  }
  auto subset = parse_yaml_subset(yaml, 2, limits);
  if (!subset.handled && (subset.stop_line < 2 || subset.stop_column < 1)) {
    std::fprintf(stderr, "\n*** the subset declined without a position\n");
    std::abort();
  }
  std::string difference = compare_with_yaml_cpp(yaml, limits);
  if (!difference.empty()) {
    std::fprintf(stderr, "\n*** subset and yaml-cpp differ:\n%s", difference.c_str());
    std::abort();
  }
  // The combined path (subset, then yaml-cpp) never crashes either.
  postrender::Diagnostics diagnostics;
  (void)parse_yaml(yaml, 2, limits, diagnostics);
  return 0;
}

// Options built during static initialisation, before main(), as the wasm module's global options
// are: the default policy must not depend on other files' globals being constructed first.
#include <doctest/doctest.h>

#include "postrender/options.hpp"

namespace {
const postrender::Options g_options_built_before_main;
}

TEST_SUITE("policy") {
TEST_CASE("default options constructed during static initialisation keep the full policy") {
  const postrender::Options fresh;
  for (const char* element : {"h1", "h2", "h6", "p", "a", "img"}) {
    CAPTURE(element);
    CHECK(g_options_built_before_main.policy.element_allowed(element));
  }
  CHECK(g_options_built_before_main.policy.attribute_allowed("h2", "align"));
  CHECK(g_options_built_before_main.policy.element_allowed("h3") == fresh.policy.element_allowed("h3"));
}
}

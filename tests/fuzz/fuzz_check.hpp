#pragma once
// Shared by the libFuzzer targets: a failed invariant prints what broke and aborts, so
// libFuzzer saves the input as a crash reproducer.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "html_invariants.hpp"
#include "postrender/post.hpp"

namespace postrender::fuzzing {

[[noreturn]] inline void invariant_failed(const char* what, std::string_view detail, std::string_view html) {
  std::fprintf(stderr, "\n*** invariant failed: %s\n*** %.*s\n*** output (%zu bytes): %.*s\n", what,
               static_cast<int>(detail.size()), detail.data(), html.size(),
               static_cast<int>(html.size() > 4000 ? 4000 : html.size()), html.data());
  std::abort();
}

// Balanced, canonical, inside the policy, and stable under a second sanitize with the same policy.
inline void check_output(std::string_view html, const SanitizePolicy& policy, const char* what) {
  std::string problem = testing::check_sanitized(html, policy);
  if (!problem.empty()) invariant_failed(what, problem, html);
  std::string again = sanitize_html(html, policy);
  if (again != html) invariant_failed(what, "not stable: sanitizing the output changed it to:\n" + again, html);
}

}  // namespace postrender::fuzzing

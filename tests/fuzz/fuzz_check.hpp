#pragma once
// Shared by the libFuzzer targets: a failed invariant prints what broke and aborts, so
// libFuzzer saves the input as a crash reproducer.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "html_invariants.hpp"
#include "html_writer.hpp"
#include "postrender/post.hpp"

namespace postrender::fuzzing {

[[noreturn]] inline void invariant_failed(const char* what, std::string_view detail, std::string_view html) {
  std::fprintf(stderr, "\n*** invariant failed: %s\n*** %.*s\n*** output (%zu bytes): %.*s\n", what,
               static_cast<int>(detail.size()), detail.data(), html.size(),
               static_cast<int>(html.size() > 4000 ? 4000 : html.size()), html.data());
  std::abort();
}

// sanitize_html with the writer settings render() uses: the base URL decides which links are
// external (rel="noopener noreferrer"), so a stability check must use the same one.
inline std::string resanitize(std::string_view html, const SanitizePolicy& policy, std::string_view base_url,
                              int max_nesting) {
  std::string out;
  Diagnostics diagnostics;
  detail::WriterConfig config;
  config.policy = &policy;
  config.base_url = base_url;
  config.max_nesting = max_nesting;
  detail::HtmlWriter writer(out, config, diagnostics);
  writer.raw_html(html, 0);
  writer.finish();
  return out;
}

// Balanced, canonical, inside the policy, and stable under a second sanitize with the same
// policy, base URL and nesting limit.
inline void check_output(std::string_view html, const SanitizePolicy& policy, const char* what,
                         std::string_view base_url = {}, int max_nesting = 256) {
  std::string problem = testing::check_sanitized(html, policy);
  if (!problem.empty()) invariant_failed(what, problem, html);
  std::string again = base_url.empty() && max_nesting == 256 ? sanitize_html(html, policy)
                                                             : resanitize(html, policy, base_url, max_nesting);
  if (again != html) invariant_failed(what, "not stable: sanitizing the output changed it to:\n" + again, html);
}

}  // namespace postrender::fuzzing

// libFuzzer target: arbitrary bytes as raw HTML through sanitize_html (tokenizer + writer).
// Invariants: no crash (ASan/UBSan), output balanced, canonical, inside the policy, stable.
// The first byte picks the policy preset, so the strict allowlist is exercised too.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const auto blog_post = postrender::SanitizePolicy::blog_post();
  static const auto strict = postrender::SanitizePolicy::strict();
  const auto& policy = (data[0] & 1) ? strict : blog_post;
  std::string_view html(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string out = postrender::sanitize_html(html, policy);
  postrender::fuzzing::check_output(out, policy, "sanitize_html");
  return 0;
}

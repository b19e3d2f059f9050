// libFuzzer target: a whole post file through render(), with options taken from the first
// two bytes. Invariants: no crash (ASan/UBSan); body, excerpt and feature HTML balanced,
// canonical, inside the policy and stable under sanitize_html with the same policy. Trusted
// mode (sanitize off) is only checked for crashes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"

namespace {

postrender::Options options_from(uint8_t a, uint8_t b) {
  static const char* const kBases[] = {"", "https://example.com/blog/", "http://a/b/c/d;p?q", "https://xn--r8jz45g.jp"};
  static const char* const kPrefixes[] = {"user-content-", "", "p-", "user-content-"};
  static const int kNesting[] = {256, 3, 16, 64};
  postrender::Options options;
  options.markdown.tables = a & 1;
  options.markdown.strikethrough = a & 2;
  options.markdown.task_lists = a & 4;
  options.markdown.autolinks = a & 8;
  options.markdown.underline = a & 16;
  options.source_lines = a & 32;
  options.heading_ids = !(a & 64);
  options.sanitize = !((a & 128) && (b & 192) == 192);  // trusted mode in 1 of 8 inputs
  options.policy = (b & 1) ? postrender::SanitizePolicy::strict() : postrender::SanitizePolicy::blog_post();
  options.policy.id_prefix = kPrefixes[(b >> 1) & 3];
  options.policy.nofollow_links = b & 8;
  options.policy.allow_data_images = b & 16;
  options.base_url = kBases[(b >> 5) & 3];
  options.limits.max_nesting = kNesting[((a >> 6) ^ (b >> 3)) & 3];
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  postrender::Options options = options_from(data[0], data[1]);
  std::string_view source(reinterpret_cast<const char*>(data) + 2, size - 2);
  postrender::Post post = postrender::render(source, options);
  if (!options.sanitize) return 0;
  using postrender::fuzzing::check_output;
  const std::string& base = options.base_url;
  const int nesting = options.limits.max_nesting;
  // data-source-line is the renderer's own attribute: re-sanitizing must keep it even when the
  // policy does not allow data-* from raw HTML, or the check would test the option, not the writer.
  static thread_local postrender::SanitizePolicy recheck;
  recheck = options.policy;
  if (options.source_lines) recheck.allow_attributes({"data-source-line"});
  check_output(post.html, recheck, "render: html", base, nesting);
  check_output(post.excerpt_html, recheck, "render: excerpt_html", base, nesting);
  check_output(post.feature_html, recheck, "render: feature_html", base, nesting);
  return 0;
}

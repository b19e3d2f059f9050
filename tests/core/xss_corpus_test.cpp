// Runs the XSS corpus (tests/fixtures/xss/*.json) through the real pipelines: each vector's
// output must equal its "expected" (when given) and, whether or not one is given, be
// balanced, canonical, inside the default policy and stable under a second sanitize. Both
// pipelines see every payload: the one the vector names ("via") and the other one.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "../fuzz/html_invariants.hpp"
#include "../fuzz/xss_corpus.hpp"
#include "postrender/post.hpp"

using postrender::testing::check_sanitized;
using postrender::testing::XssVector;

namespace {

const std::vector<XssVector>& corpus() {
  static const std::vector<XssVector> vectors = [] {
    std::vector<XssVector> loaded;
    std::string error;
    if (!postrender::testing::load_xss_corpus(POSTRENDER_SOURCE_DIR "/tests/fixtures/xss", loaded, error)) {
      FAIL("XSS corpus: " << error);
    }
    return loaded;
  }();
  return vectors;
}

}  // namespace

TEST_SUITE("xss_corpus") {
  TEST_CASE("the corpus loads and holds at least 300 vectors with unique titles per file") {
    const auto& vectors = corpus();
    CHECK(vectors.size() >= 300);
    std::set<std::string> seen;
    for (const auto& v : vectors) {
      CAPTURE(v.file);
      CAPTURE(v.title);
      CHECK(seen.insert(v.file + "\n" + v.title).second);
    }
  }

  TEST_CASE("every vector with an expected output produces exactly that output") {
    std::size_t compared = 0;
    for (const auto& v : corpus()) {
      if (!v.expected) continue;
      ++compared;
      CAPTURE(v.file);
      CAPTURE(v.title);
      CAPTURE(v.payload);
      CHECK(postrender::testing::xss_output(v) == *v.expected);
    }
    MESSAGE("compared " << compared << " of " << corpus().size() << " vectors with their expected output");
  }

  TEST_CASE("every output is balanced, canonical and inside the default policy") {
    const auto policy = postrender::SanitizePolicy::blog_post();
    for (const auto& v : corpus()) {
      CAPTURE(v.file);
      CAPTURE(v.title);
      CAPTURE(v.payload);
      std::string out = postrender::testing::xss_output(v);
      CAPTURE(out);
      CHECK(check_sanitized(out, policy) == "");
      std::string other = postrender::testing::xss_other_output(v);
      CAPTURE(other);
      CHECK(check_sanitized(other, policy) == "");
    }
  }

  TEST_CASE("sanitizing any output again returns it unchanged") {
    for (const auto& v : corpus()) {
      CAPTURE(v.file);
      CAPTURE(v.title);
      CAPTURE(v.payload);
      std::string out = postrender::testing::xss_output(v);
      CHECK(postrender::sanitize_html(out) == out);
      std::string other = postrender::testing::xss_other_output(v);
      CHECK(postrender::sanitize_html(other) == other);
    }
  }
}

TEST_SUITE("html_invariants") {
  // The checker guards everything above, so it gets its own cases that must fail.
  TEST_CASE("the invariant checker rejects unsafe, unbalanced or non-canonical output") {
    auto policy = postrender::SanitizePolicy::blog_post();
    policy.allow_elements({"p", "a", "b", "img"});
    policy.allow_attributes({"href"}).on_elements({"a"});
    policy.allow_attributes({"src"}).on_elements({"img"});
    policy.allow_url_schemes({"https"});
    CHECK(check_sanitized("<p>a <b>b</b> &amp; &lt;c&gt;</p>", policy) == "");
    CHECK(check_sanitized("<a href=\"https://x.example/?a=1&amp;b\">x</a><img src=\"/y.png\">", policy) == "");
    const char* bad[] = {
        "<p>unclosed",
        "<b><p>x</b></p>",
        "</p>",
        "<script>alert(1)</script>",
        "<svg></svg>",
        "<p onclick=\"x\">y</p>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:x\">x</a>",
        "<a href=\"java&Tab;script:x\">x</a>",
        "<a href=\"data:text/html,x\">x</a>",
        "<img src=x>",
        "<p title='x'>y</p>",
        "<P>x</P>",
        "<!-- c -->",
        "a & b",
        "<a href=\"x\" href=\"y\">z</a>",
        "<p><img src=\"a\"></img></p>",
    };
    for (const char* html : bad) {
      CAPTURE(html);
      CHECK(check_sanitized(html, policy) != "");
    }
  }
}

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "front_matter.hpp"
#include "postrender/post.hpp"
#include "yaml_subset.hpp"
#include "yaml_subset_check.hpp"

using postrender::Diagnostics;
using postrender::Limits;
using postrender::Value;
using namespace postrender::detail;

namespace {

std::string read_file(const std::string& path) {
  std::string out;
  FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return out;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) out.append(buffer, n);
  std::fclose(file);
  return out;
}

// The YAML text of a post's front matter (as render() would hand it to the parser).
std::string front_matter_of(const std::string& post) {
  Diagnostics d;
  auto block = split_front_matter(post, d);
  REQUIRE(block.present);
  return std::string(block.yaml);
}

// Inputs the subset must handle (each also checked against yaml-cpp where the build has it).
const std::vector<std::string> kHandled = {
    "",
    "# only a comment\n",
    "\n\n  \n",
    "title: Hello\n",
    "title: Hello\r\ndate: 2024-05-01\r\n",
    "a: 1\nb: -2\nc: +3\nd: 0o17\ne: 0x1F\nf: 3.5\ng: .inf\nh: -.Inf\ni: .NaN\nj: ~\nk: null\nl: true\nm: FALSE\n",
    "a: 1e3\nb: 6.02E+23\nc: 1.\nd: .5\ne: 99999999999999999999\nf: -9223372036854775808\ng: 0x10000000000000000\n",
    "a: 1e400\nb: -1e400\nc: 1e-400\nd: 4.9e-324\ne: 2.2250738585072014e-308\n",
    "a: yes\nb: 0755\nc: 12:30:45\nd: 0b1010\ne: 1_000\nf: '='\ng: -0o17\n",
    "a:\nb: ~\nc:   # comment\nd: x\n",
    "title: a long title\n  that continues here\n\n  and a paragraph\nnext: 1\n",
    "title:\n  on the next line\n  and more\n",
    "a: plain with # not a comment\nb: x #comment\nc: http://example.com/a:b\n",
    "a: 'it''s'\nb: \"q \\\"x\\\" \\\\ \\/ \\t\\n\\r\\0\\a\\b\\e\\f\\v\\ \"\n",
    "a: \"\\u00e9 \\U0001F600 \\x41 \\xe9 \\N \\_ \\L \\P\"\n",
    "a: \"folded\n  lines\n\n  kept \\\n  escaped\"\nb: 'single\n  folded'\n",
    "a: \"trailing   \n  spaces\"\n",
    "a: |\n  line 1\n  line 2\n\nb: >\n  folded\n  text\n\n  para\n    more indented\n  back\n",
    "a: |-\n  strip\n\n\nb: |+\n  keep\n\n\nc: >-\n  x\nd: >+\n  y\n\n",
    "a: |2\n   two extra\n  base\nb: >1-\n  x\n",
    "a: |\n\n  leading blank\n\n\n",
    "a: |  # comment\n  text\n",
    "a: |\n  text\n # dedented comment\nb: 1\n",
    "a: |\nb: 1\n",
    "a: >\n\n folded after blank\n",
    "tags: [a, \"b c\", 'd', 1, 2.5, true, ~]\nempty: []\nmap: {x: 1, \"y\": two, z: [a, b]}\nnone: {}\n",
    "tags: [C#, F#, a-b, -1]\n",
    "list:\n  - a\n  - b\n  -\n  - c\n",
    "list:\n- a\n- b\nnext: x\n",
    "people:\n  - name: Ada\n    born: 1815\n  - name: Alan\n    tags: [x]\n",
    "nested:\n  - - a\n    - b\n  - - c\n",
    "deep:\n  a:\n    b:\n      c: 1\n    d: 2\n  e: 3\n",
    "seq_map:\n  - a:\n    - x\n    b: 1\n",
    "\"quoted key\": 1\n'single': 2\nkey with spaces: 3\n1: one\n~: nothing\ntrue: t\n3.50: f\n",
    "a: 1\na: 2\nb:\n  c: 1\n  c: 2\n",
    "title: First\ntags: [a]\n  \ntitle: Second\n",
    "m: {a: 1, a: 2}\n",
    "a:\tb\nc: d\t\ne: f \t# c\n",
    "a: b\t c\n",
    "  indented: root\n  second: 2\n",
    "b: -x\nc: --\n",
    "a: \"unclosed at the end\n",  // yaml-cpp accepts a quote left open after the last line break
    "a: [a b, c  d]\n",
    "a: \"\"\nb: ''\n",
    "empty_seq_items:\n- \n-\n",
    "k:\n  - |\n    block in seq\n  - >-\n    folded in seq\n",
    "- x\n- y: 1\n  y: 2\n",  // a top-level list: kept, with the not-mapping warning
};

// Corner cases: whichever way the subset decides, it must agree with yaml-cpp when it accepts.
const std::vector<std::string> kProbes = {
    "a: x\n\n\n  y\n",
    "a: x \n  y  \n  z\n",
    "a: >\n  a\n   b\n  c\n\n   d\n\n  e\n",
    "a: |\n  a\n  \t b\n",
    "a: |\n \ta\n",
    "a: >\n  a\n\t\n  b\n",
    "- a\n-   b\n  c\n",
    "a:\n  - b\n  -  c: 1\n     d: 2\n",
    "a: 'x''y'\nb: ''''\n",
    "a: \"\\\n  x\"\n",
    "a: \"x\\\"\"\n",
    "a: b\n  # c\n",
    "a: b # c\n  d\n",
    "a   : 1\n\"b\"  : 2\n",
    "a: [a, b] # c\nb: [a, b]#c\n",
    "a: {x: [1, {y: 2}]}\n",
    "a: [\"x\", 'y''z', \"\\u263A\"]\n",
    "a: 0x\nb: 0o\nc: +\nd: .\ne: +.inf\nf: -.nan\ng: 0x_1\nh: 1e\ni: 1.e5\nj: -.5e-3\n",
    "emoji \xF0\x9F\x98\x80: \xEA\xB0\x92 \xF0\x9F\x98\x80\n",
    "a: \"multi\n\n\n  blank\"\n",
    "a: 'x\n\n  y\n  '\n",
    "a: \"\\t\\  \"\n",
    "a: |+\n  x\n\n",
    "a: |-\n\n",
    "a: >+\n\n  x\n",
    "a: |1\n  x\n",
    "a: >2-\n    x\n   y\n",
    "a:\n- b\n-\n  - c\n",
    "a:\n  -\n    b: 1\n",
    "-\n- a\n",
    "- - a\n  - b\n- c\n",
    "a: b\n\t\nc: d\n",
    "a: b\n  \t# comment\nc: d\n",
    "a:\n\n  b: 1\n\n  c: 2\n",
    "a: [a,b]\n",
    "a: [ a , b ]\n",
    "a: {a: 1,b: 2}\n",
    "a: {a: 1 , b: 2}\n",
    "a: {\"a\": 1}\n",
    "a: {'a': 1}\n",
    "a: {a:1}\n",
    "a: [-a, -1, -.5]\n",
    "a: [a#b]\n",
    "a: [a #b]\n",
    "a:\tb\n",
    "a:  \t  b\n",
    "a: b\t\n",
    "a: -b: c\n",
    "a: x:y\n",
    "a:x\n",
    "a: \"x\" # c\n",
    "a: 'x'\t# c\n",
    "a: \"\\x00\\x7f\\xff\\u0000\"\n",
    "a: \"\\U0010FFFF\\U00110000\"\n",
    "a: key\n  - b\n",
    "? a\n",
    "a: ! b\n",
    "a: &x b\n",
    "a: *x\n",
    "a: |\n  x\n b: c\n",
    "a: |\n  x\nb: |\n\n\n",
    "x: |\n    indented\n  less\n",
};

// Inputs the subset must leave to yaml-cpp.
const std::vector<std::string> kNotHandled = {
    "a: &x 1\nb: *x\n",
    "a: !!str 42\n",
    "a: !custom x\n",
    "? [a, b]\n: list\n",
    "%YAML 1.2\n---\na: 1\n",
    "a: [1,\n  2]\n",
    "a: {x: 1,\n  y: 2}\n",
    "a: b: c\n",
    "a:\n  b: 1\n c: 2\n",
    "a: [\n",
    "a: \"unclosed",
    "a: -\n",
    "a: \"bad \\q escape\"\n",
    "\tkey: value\n",
    "a:\n\t- x\n",
    "just text\n",
    "a: |0\n  x\n",
    "a: @x\n",
    "a: `x`\n",
    "a: 'x' y\n",
    "a: [a: b]\n",
    "a: [a, ]\n",
    "a: 1\n- b\n",
    "a:\n  - x\n  b: 1\n",
    "a: x\n  b: y\n",
    "a: \xff\n",
    "a: \"\\ud800\"\n",
    "\xEF\xBB\xBF" "a: 1\n",
    "a: 1\r b: 2\n",
};

}  // namespace

TEST_SUITE("yaml_subset") {
  TEST_CASE("the subset parser handles the common shapes and agrees with yaml-cpp on each") {
    for (const auto& yaml : kHandled) {
      CAPTURE(yaml);
      auto subset = parse_yaml_subset(yaml, 2, Limits{});
      CHECK_MESSAGE(subset.handled, "stopped at " << subset.stop_line << ":" << subset.stop_column);
#if POSTRENDER_YAML_CPP
      std::string difference = compare_with_yaml_cpp(yaml, Limits{});
      CHECK_MESSAGE(difference.empty(), difference);
#endif
    }
  }

#if POSTRENDER_YAML_CPP
  TEST_CASE("on corner cases the subset either declines or agrees with yaml-cpp") {
    int handled = 0;
    for (const auto& yaml : kProbes) {
      CAPTURE(yaml);
      std::string difference = compare_with_yaml_cpp(yaml, Limits{});
      CHECK_MESSAGE(difference.empty(), difference);
      handled += parse_yaml_subset(yaml, 2, Limits{}).handled ? 1 : 0;
    }
    MESSAGE("the subset handled " << handled << " of " << kProbes.size() << " corner cases");
  }
#endif

  TEST_CASE("input beyond the subset is left to yaml-cpp, with the place where the subset stopped") {
    for (const auto& yaml : kNotHandled) {
      CAPTURE(yaml);
      auto subset = parse_yaml_subset(yaml, 2, Limits{});
      CHECK_FALSE(subset.handled);
      CHECK(subset.stop_line >= 2);
      CHECK(subset.stop_column >= 1);
    }
    auto tag = parse_yaml_subset("title: ok\nb: !!str 42\n", 2, Limits{});
    CHECK(tag.stop_line == 3);
    CHECK(tag.stop_column == 4);
  }

  TEST_CASE("scalars are typed by the core schema, as on the yaml-cpp path") {
    auto r = parse_yaml_subset("a: 42\nb: '42'\nc: |\n  42\nd: 0x1F\ne: .nan\nf: 1e400\n", 2, Limits{});
    REQUIRE(r.handled);
    CHECK(*r.value.find("a") == Value(42));
    CHECK(*r.value.find("b") == Value("42"));
    CHECK(*r.value.find("c") == Value("42\n"));
    CHECK(*r.value.find("d") == Value(31));
    CHECK(std::isnan(r.value.find("e")->as_float()));
    CHECK(r.value.find("f")->as_float() == HUGE_VAL);
  }

  TEST_CASE("a repeated key warns at the repeated key's line and column in code points") {
    auto r = parse_yaml_subset("제목: a\n  \n제목: b\nm:\n  k: 1\n  \"k\": 2\n", 2, Limits{});
    REQUIRE(r.handled);
    CHECK(r.value.find("제목")->as_string() == "b");
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.diagnostics[0].code == "yaml.duplicate-key");
    CHECK(r.diagnostics[0].line == 4);
    CHECK(r.diagnostics[0].column == 1);
    CHECK(r.diagnostics[1].line == 7);
    CHECK(r.diagnostics[1].column == 3);
  }

  TEST_CASE("front matter beyond the node and depth limits is left to yaml-cpp") {
    Limits small;
    small.max_yaml_nodes = 3;
    CHECK(parse_yaml_subset("a: b\n", 2, small).handled);  // mapping, key, value
    CHECK_FALSE(parse_yaml_subset("a: [b]\n", 2, small).handled);
    Limits shallow;
    shallow.max_yaml_depth = 2;
    CHECK(parse_yaml_subset("a: b\n", 2, shallow).handled);
    CHECK_FALSE(parse_yaml_subset("a: [b]\n", 2, shallow).handled);
    std::string deep = "a: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
    CHECK_FALSE(parse_yaml_subset(deep, 2, Limits{}).handled);
    std::string nested;
    for (int i = 0; i < 5000; ++i) nested += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
    CHECK_FALSE(parse_yaml_subset(nested, 2, Limits{}).handled);
  }

  TEST_CASE("every example post, the seed and the test site's posts need no fallback") {
    std::vector<std::string> files = {
        POSTRENDER_SHARED_DIR "/seed/000_df5a8b09b0ad8a9a.txt",
        POSTRENDER_SOURCE_DIR "/examples/posts/2024-05-20-kyoto-morning-walk.md",
        POSTRENDER_SOURCE_DIR "/examples/posts/2024-07-03-safe-html-from-markdown.md",
        POSTRENDER_SOURCE_DIR "/examples/posts/2024-09-12-library-smart-service.md",
        POSTRENDER_SOURCE_DIR "/examples/posts/2024-10-27-jeju-olle-trail.md",
        POSTRENDER_SOURCE_DIR "/examples/posts/2024-11-15-wasm-preview-notes.md",
        POSTRENDER_SOURCE_DIR "/tests/web/fixtures/site/_drafts/work-in-progress.md",
        POSTRENDER_SOURCE_DIR "/tests/web/fixtures/site/_posts/2023-12-24-emoji.md",
        POSTRENDER_SOURCE_DIR "/tests/web/fixtures/site/_posts/2024-01-15-hello-world.md",
        POSTRENDER_SOURCE_DIR "/tests/web/fixtures/site/_posts/2024-02-01-korean.md",
        POSTRENDER_SOURCE_DIR "/tests/web/fixtures/site/_posts/2024-03-01-not-yet.md",
        POSTRENDER_SOURCE_DIR "/tests/web/fixtures/site/notes/plain-page.markdown",
    };
    for (const auto& path : files) {
      CAPTURE(path);
      std::string post = read_file(path);
      REQUIRE_FALSE(post.empty());
      std::string yaml = front_matter_of(post);
      auto subset = parse_yaml_subset(yaml, 2, Limits{});
      CHECK_MESSAGE(subset.handled, "stopped at " << subset.stop_line << ":" << subset.stop_column);
      CHECK(subset.value.is_mapping());
      CHECK(subset.value.as_mapping().size() >= 1);
#if POSTRENDER_YAML_CPP
      std::string difference = compare_with_yaml_cpp(yaml, Limits{});
      CHECK_MESSAGE(difference.empty(), difference);
#endif
    }
  }

#if !POSTRENDER_YAML_CPP
  TEST_CASE("without yaml-cpp, front matter beyond the subset is a yaml.unsupported error and the body renders") {
    auto post = postrender::render("---\ntitle: ok\nbase: &b 1\n---\nBody text here\n");
    CHECK(post.front_matter.is_null());
    CHECK(post.title.empty());
    CHECK(post.html.find("Body text here") != std::string::npos);
    REQUIRE(post.warnings.size() >= 1);
    const auto& d = post.warnings[0];
    CHECK(d.code == "yaml.unsupported");
    CHECK(d.severity == postrender::Severity::error);
    CHECK(d.line == 3);
    CHECK(d.column == 7);
    CHECK(d.message.find("subset") != std::string::npos);
  }
#endif
}

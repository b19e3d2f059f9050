#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "date.hpp"
#include "front_matter.hpp"
#include "jekyll.hpp"
#include "postrender/post.hpp"

using postrender::Diagnostic;
using postrender::Diagnostics;
using postrender::Post;
using postrender::Value;
using namespace postrender::detail;

namespace {

struct Applied {
  Post post;
  MarkdownFields fields;
  Diagnostics diagnostics;
};

// Parses `yaml` as a front matter block and applies the Jekyll fields.
Applied apply(const std::string& yaml, std::string_view file_name = {}) {
  Applied out;
  Value front_matter = parse_yaml(yaml, 2, postrender::Limits{}, out.diagnostics);
  out.fields = apply_jekyll_fields(front_matter, file_name, out.post, out.diagnostics);
  return out;
}

const Diagnostic* find_code(const Diagnostics& diagnostics, const std::string& code) {
  for (const auto& d : diagnostics) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

using List = std::vector<std::string>;

std::string read_file(const std::string& path) {
  std::string text;
  FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return text;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, n);
  std::fclose(file);
  return text;
}

}  // namespace

TEST_SUITE("jekyll") {
  TEST_CASE("dates normalise to ISO 8601, keeping the offset when one is given") {
    CHECK(normalize_date("2024-05-01") == "2024-05-01");
    CHECK(normalize_date("2024-5-1") == "2024-05-01");
    CHECK(normalize_date("  2024-05-01  ") == "2024-05-01");
    CHECK(normalize_date("2024-05-01 10:20:30") == "2024-05-01T10:20:30");
    CHECK(normalize_date("2024-05-01T10:20:30Z") == "2024-05-01T10:20:30Z");
    CHECK(normalize_date("2024-05-01t10:20:30z") == "2024-05-01T10:20:30Z");
    CHECK(normalize_date("2024-05-01 10:20:30 +0900") == "2024-05-01T10:20:30+09:00");
    CHECK(normalize_date("2024-05-01 10:20:30 +09:00") == "2024-05-01T10:20:30+09:00");
    CHECK(normalize_date("2024-05-01 10:20:30-5") == "2024-05-01T10:20:30-05:00");
    CHECK(normalize_date("2024-05-01 10:20:30 -05:30") == "2024-05-01T10:20:30-05:30");
    CHECK(normalize_date("2024-05-01 10:20:30 UTC") == "2024-05-01T10:20:30Z");
    CHECK(normalize_date("2024-05-01 9:05") == "2024-05-01T09:05:00");
    CHECK(normalize_date("2024-05-01T10:20:30.25Z") == "2024-05-01T10:20:30.25Z");
    CHECK(normalize_date("2024-02-29") == "2024-02-29");  // leap year
    CHECK(normalize_date("2000-02-29") == "2000-02-29");
  }

  TEST_CASE("impossible or malformed dates do not normalise") {
    for (const char* text : {"", "yesterday", "2024", "2024-05", "24-05-01", "2024/05/01", "2023-02-29", "1900-02-29",
                             "2024-13-01", "2024-00-10", "2024-04-31", "2024-05-01 24:00:00", "2024-05-01 10:60",
                             "2024-05-01 10:20:30 +2400", "2024-05-01 10:20:30 PST", "2024-05-01 10", "2024-05-01x",
                             "2024-05-01 10:20:30.", "2024-05-01 10:20:30 +09:0"}) {
      CAPTURE(text);
      CHECK(normalize_date(text) == "");
    }
  }

  TEST_CASE("title is the scalar text of `title`") {
    CHECK(apply("title: Hello, world\n").post.title == "Hello, world");
    CHECK(apply("title: \"quoted: yes\"\n").post.title == "quoted: yes");
    CHECK(apply("title: 2024\n").post.title == "2024");
    auto none = apply("title:\n");
    CHECK(none.post.title.empty());
    CHECK(none.diagnostics.empty());
  }

  TEST_CASE("a title that is a list is a type warning naming the key, and the title stays empty") {
    auto r = apply("title: [a, b]\n");
    CHECK(r.post.title.empty());
    const Diagnostic* d = find_code(r.diagnostics, "front-matter.type");
    REQUIRE(d != nullptr);
    CHECK(d->message.find("`title`") != std::string::npos);
    CHECK(d->message.find("list") != std::string::npos);
  }

  TEST_CASE("the front matter date is normalised and the raw text is kept in the tree") {
    Applied r;
    Value front_matter = parse_yaml("date: 2024-05-01 10:20:30 +0900\n", 2, postrender::Limits{}, r.diagnostics);
    apply_jekyll_fields(front_matter, "", r.post, r.diagnostics);
    CHECK(r.post.date == "2024-05-01T10:20:30+09:00");
    CHECK(front_matter.find("date")->as_string() == "2024-05-01 10:20:30 +0900");
    CHECK(r.diagnostics.empty());
  }

  TEST_CASE("an unparseable date warns and leaves the date empty, even with a dated file name") {
    auto r = apply("date: next tuesday\n", "2024-05-01-hello.md");
    CHECK(r.post.date.empty());
    const Diagnostic* d = find_code(r.diagnostics, "front-matter.date");
    REQUIRE(d != nullptr);
    CHECK(d->message.find("next tuesday") != std::string::npos);
    CHECK(r.post.slug == "hello");
  }

  TEST_CASE("without a front matter date, the date comes from a YYYY-MM-DD- file name") {
    CHECK(apply("title: T\n", "2024-05-01-hello-world.md").post.date == "2024-05-01");
    CHECK(apply("title: T\n", "_posts/2024/2024-5-1-hello.markdown").post.date == "2024-05-01");
    CHECK(apply("title: T\n", "C:\\blog\\2023-12-31-x.md").post.date == "2023-12-31");
    CHECK(apply("title: T\n", "hello.md").post.date.empty());
    CHECK(apply("title: T\n", "2024-13-01-bad-month.md").post.date.empty());
    CHECK(apply("title: T\n", "2024-05-01.md").post.date.empty());  // Jekyll needs a slug after the date
    CHECK(apply("date: 2020-01-02\n", "2024-05-01-hello.md").post.date == "2020-01-02");
  }

  TEST_CASE("the date from the file name also works with no front matter at all") {
    Post post;
    Diagnostics d;
    apply_jekyll_fields(Value(), "2024-05-01-hello.md", post, d);
    CHECK(post.date == "2024-05-01");
    CHECK(post.slug == "hello");
    CHECK(post.published);
    CHECK(d.empty());
  }

  TEST_CASE("categories as a string are split on whitespace") {
    auto r = apply("categories: news  korea\ttech\n");
    CHECK(r.post.categories == List{"news", "korea", "tech"});
  }

  TEST_CASE("categories as a list are read item by item, scalars as text, duplicates once") {
    auto r = apply("categories:\n  - 고용\n  - two words\n  - 2024\n  - 고용\n  -\n");
    CHECK(r.post.categories == List{"고용", "two words", "2024"});
    CHECK(r.diagnostics.empty());
  }

  TEST_CASE("the singular `category` is one item as written and wins over `categories`") {
    auto r = apply("category: Two Words\ncategories: a b\n");
    CHECK(r.post.categories == List{"Two Words"});
  }

  TEST_CASE("tags as a list and `tag` as a single item") {
    CHECK(apply("tags: [c++, yaml, \"two words\"]\n").post.tags == List{"c++", "yaml", "two words"});
    CHECK(apply("tags: c++ yaml\n").post.tags == List{"c++", "yaml"});
    CHECK(apply("tag: jekyll\n").post.tags == List{"jekyll"});
    CHECK(apply("title: T\n").post.tags.empty());
  }

  TEST_CASE("a list item that is not a scalar is skipped with a type warning") {
    auto r = apply("tags: [a, [b, c], d]\n");
    CHECK(r.post.tags == List{"a", "d"});
    const Diagnostic* d = find_code(r.diagnostics, "front-matter.type");
    REQUIRE(d != nullptr);
    CHECK(d->message.find("`tags`") != std::string::npos);
  }

  TEST_CASE("categories given as a mapping are a type warning") {
    auto r = apply("categories: {a: b}\n");
    CHECK(r.post.categories.empty());
    REQUIRE(find_code(r.diagnostics, "front-matter.type") != nullptr);
  }

  TEST_CASE("published defaults to true and reads a boolean") {
    CHECK(apply("title: T\n").post.published);
    CHECK_FALSE(apply("published: false\n").post.published);
    CHECK(apply("published: true\n").post.published);
  }

  TEST_CASE("`published: no` is text under YAML 1.2, so it warns and the post stays published") {
    auto r = apply("published: no\n");
    CHECK(r.post.published);
    const Diagnostic* d = find_code(r.diagnostics, "front-matter.type");
    REQUIRE(d != nullptr);
    CHECK(d->message.find("`published`") != std::string::npos);
    CHECK(d->message.find("YAML 1.2") != std::string::npos);
  }

  TEST_CASE("permalink is taken as written") {
    CHECK(apply("permalink: /blog/:year/:title/\n").post.permalink == "/blog/:year/:title/");
    CHECK(apply("title: T\n").post.permalink.empty());
  }

  TEST_CASE("slug comes from `slug`, else the file name, else the title") {
    CHECK(apply("slug: custom\ntitle: T\n", "2024-05-01-from-file.md").post.slug == "custom");
    CHECK(apply("title: T\n", "2024-05-01-from-file.md").post.slug == "from-file");
    CHECK(apply("title: T\n", "notes/about.page.md").post.slug == "about.page");
    CHECK(apply("title: Hello, World! C++ & YAML\n").post.slug == "hello-world-c-yaml");
    CHECK(apply("title: 혁신성장 조달청과 메인비즈의 특별한 협력!\n").post.slug == "혁신성장-조달청과-메인비즈의-특별한-협력");
    CHECK(apply("title: 「東京」の話 — Ünïcode…\n").post.slug == "東京-の話-ünïcode");
    CHECK(apply("title: ÀÉÎ Ōł Ωμέγα Привет\n").post.slug == "àéî-ōł-ωμέγα-привет");
    CHECK(apply("title: \"!!!\"\n").post.slug.empty());
  }

  TEST_CASE("image comes from `image` or `feature_image`, as text or a theme's mapping") {
    CHECK(apply("image: /a.jpg\n").post.image == "/a.jpg");
    CHECK(apply("feature_image: /b.jpg\n").post.image == "/b.jpg");
    CHECK(apply("image: /a.jpg\nfeature_image: /b.jpg\n").post.image == "/a.jpg");
    CHECK(apply("image:\n  path: /p.jpg\n  alt: x\n").post.image == "/p.jpg");
    CHECK(apply("image:\n  feature: /f.jpg\n").post.image == "/f.jpg");
    CHECK(apply("image: {url: /u.jpg}\n").post.image == "/u.jpg");
  }

  TEST_CASE("an image of the wrong type is a type warning and no image") {
    for (const char* yaml : {"image: [a.jpg]\n", "image: {alt: x}\n", "image: 42\n"}) {
      CAPTURE(yaml);
      auto r = apply(yaml);
      CHECK(r.post.image.empty());
      const Diagnostic* d = find_code(r.diagnostics, "front-matter.type");
      REQUIRE(d != nullptr);
      CHECK(d->message.find("`image`") != std::string::npos);
    }
  }

  TEST_CASE("an explicit excerpt, the excerpt separator and feature_text are returned as Markdown") {
    auto r = apply("excerpt: Short *summary*\nexcerpt_separator: <!--more-->\nfeature_text: |\n  ## Big\n  text\n");
    CHECK(r.fields.has_excerpt);
    CHECK(r.fields.excerpt == "Short *summary*");
    CHECK(r.fields.excerpt_separator == "<!--more-->");
    CHECK(r.fields.feature_text == "## Big\ntext\n");
    auto none = apply("title: T\n");
    CHECK_FALSE(none.fields.has_excerpt);
    CHECK(none.fields.excerpt_separator.empty());
    CHECK(none.fields.feature_text.empty());
  }

  TEST_CASE("an excerpt that is a mapping is a type warning and no excerpt") {
    auto r = apply("excerpt: {a: b}\n");
    CHECK_FALSE(r.fields.has_excerpt);
    REQUIRE(find_code(r.diagnostics, "front-matter.type") != nullptr);
  }

  TEST_CASE("a front matter that is not a mapping gives no fields but the file name still counts") {
    auto r = apply("- title\n- tags\n", "2024-05-01-x.md");
    CHECK(find_code(r.diagnostics, "front-matter.not-mapping") != nullptr);
    CHECK(r.post.title.empty());
    CHECK(r.post.tags.empty());
    CHECK(r.post.date == "2024-05-01");
    CHECK(r.post.slug == "x");
  }

  TEST_CASE("render() fills the Jekyll fields of a post") {
    postrender::Options options;
    options.file_name = "2024-05-01-hello.md";
    auto post = postrender::render(
        "---\ntitle: Hello\ncategories: a b\ntags: [x]\npublished: false\npermalink: /p/\n"
        "image: /i.jpg\n---\nBody\n",
        options);
    CHECK(post.title == "Hello");
    CHECK(post.date == "2024-05-01");
    CHECK(post.categories == List{"a", "b"});
    CHECK(post.tags == List{"x"});
    CHECK_FALSE(post.published);
    CHECK(post.permalink == "/p/");
    CHECK(post.slug == "hello");
    CHECK(post.image == "/i.jpg");
    CHECK(post.front_matter.find("categories")->as_string() == "a b");
    CHECK(post.warnings.empty());
  }

  TEST_CASE("render() keeps the duplicate-key warning with its line in the whole file") {
    auto post = postrender::render("---\ntitle: A\ntitle: B\n---\nBody\n");
    CHECK(post.title == "B");
    const Diagnostic* d = find_code(post.warnings, "yaml.duplicate-key");
    REQUIRE(d != nullptr);
    CHECK(d->line == 3);
    CHECK(d->column == 1);
  }

  TEST_CASE("the seed post gives its title, category, excerpt, feature text and image") {
    std::string source = read_file(POSTRENDER_SHARED_DIR "/seed/000_df5a8b09b0ad8a9a.txt");
    REQUIRE_FALSE(source.empty());
    auto post = postrender::render(source);
    CHECK(post.title == "혁신성장 조달청과 메인비즈의 특별한 협력!");
    CHECK(post.categories == List{"고용"});
    CHECK(post.tags.empty());
    CHECK(post.image == "/assets/img/newsdao_breakingnews.jpg");
    CHECK(post.date.empty());
    CHECK(post.published);
    CHECK(post.slug == "혁신성장-조달청과-메인비즈의-특별한-협력");
    CHECK(find_code(post.warnings, "yaml.syntax") == nullptr);
    CHECK(find_code(post.warnings, "front-matter.type") == nullptr);

    Applied r;
    Value front_matter = postrender::parse_front_matter(source, &r.diagnostics);
    r.fields = apply_jekyll_fields(front_matter, "000_df5a8b09b0ad8a9a.txt", r.post, r.diagnostics);
    CHECK(r.diagnostics.empty());
    CHECK(r.fields.has_excerpt);
    // The folded excerpt is one line: the source's line break became a space... and the only newline is the last.
    CHECK(r.fields.excerpt ==
          "조달청-메인비즈 간담회: 혁신성장 방안 논의  조달청과 한국경영혁신중소기업협회가 서울지방조달청에서 "
          "메인비즈 …\n");
    CHECK(r.fields.feature_text.rfind("## seoulnews", 0) == 0);
    CHECK(r.fields.feature_text ==
          "## seoulnews 실시간 뉴스 속보입니다.\n조달청-메인비즈 간담회: 혁신성장 방안 논의  조달청과 "
          "한국경영혁신중소기업협회가 서울지방조달청에서 메인비즈 …\n");
    CHECK(r.post.slug == "000_df5a8b09b0ad8a9a");
  }
}

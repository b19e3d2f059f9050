#include <doctest/doctest.h>

#include "postrender/post.hpp"

TEST_SUITE("render") {
  TEST_CASE("an excerpt cut from a paragraph that raw HTML left open is balanced") {
    auto post = postrender::render("para <table> x\n\nnext\n");
    CHECK(post.excerpt_html == postrender::sanitize_html(post.excerpt_html));
    CHECK(post.excerpt_html.find("<table>") != std::string::npos);
    CHECK(post.excerpt_html.find("</table>") != std::string::npos);
  }

  TEST_CASE("excerpt and feature text have no data-source-line even when the body does") {
    postrender::Options options;
    options.source_lines = true;
    auto post = postrender::render("---\nfeature_text: \"# Hi\"\n---\nFirst *para*.\n", options);
    CHECK(post.html.find("data-source-line=\"4\"") != std::string::npos);
    CHECK(post.feature_html.find("data-source-line") == std::string::npos);
    CHECK(post.feature_html.find("Hi</h1>") != std::string::npos);
  }

  TEST_CASE("warnings come in source order, those without a position last") {
    auto post = postrender::render("---\ntitle: [1, 2]\n---\n<script>x</script>\n\n<img src=\"javascript:x\">\n");
    REQUIRE(post.warnings.size() >= 2);
    int last_line = 1;
    bool seen_unknown = false;
    for (const auto& w : post.warnings) {
      if (w.line == 0) {
        seen_unknown = true;
        continue;
      }
      CHECK_FALSE(seen_unknown);
      CHECK(w.line >= last_line);
      last_line = w.line;
    }
  }

  TEST_CASE("input over the size limit is truncated at a character boundary with a warning") {
    postrender::Options options;
    options.limits.max_input_bytes = 4;
    auto post = postrender::render("가나다", options);  // 9 bytes: keeps one 3-byte character
    CHECK(post.html == "<p>가</p>\n");
    REQUIRE_FALSE(post.warnings.empty());
    CHECK(post.warnings.front().code == "limit.input-size");
  }
}

TEST_SUITE("render") {
  TEST_CASE("the excerpt's links come out as the body's, base URL included (see fuzz regression)") {
    postrender::Options options;
    options.base_url = "https://example.com/blog/";
    auto post = postrender::render("See [home](/) and [there](https://other.example/).\n\nMore.\n", options);
    auto paragraph_end = post.html.find("</p>");
    REQUIRE(paragraph_end != std::string::npos);
    CHECK(post.excerpt_html == post.html.substr(0, paragraph_end + 4));
  }
}

TEST_SUITE("render") {
  TEST_CASE("text swallowed by a malformed end tag is reported where it starts (seed post, line 44)") {
    auto post = postrender::render("<p><b>a</b고 약속했습니다. <b>c</b>.</p>\n");
    REQUIRE(post.warnings.size() == 1);
    CHECK(post.warnings[0].code == "html.text-removed");
    CHECK(post.warnings[0].line == 1);
    CHECK(post.warnings[0].column == 8);  // the "</b고" itself
    CHECK(post.warnings[0].message.find("</b고") != std::string::npos);
    auto clean = postrender::render("<p><b>a</b >b</p>\n");
    CHECK(clean.warnings.empty());
  }
}

TEST_SUITE("render") {
  // The excerpt is the first paragraph as the body has it when the writer proves it
  // self-contained, else that slice sanitized again; either way what sanitizing it gives.
  TEST_CASE("the excerpt is what a second sanitizing pass over the first paragraph gives") {
    const char* const posts[] = {
        "Intro with [a link](/x \"t\") and *em* <span class=\"x\" onclick=\"y\">raw</span>.\n\nMore.\n",
        "# Title\n\n<p class=\"lead\">Raw <b>para</b> <a href=\"javascript:x\">j</a></p>\n\nnext\n",
        "<b>bold\n\nPara *x*.\n",
        "<div><b>open\n\nPara *x* [l](/y).\n",
        "<ul><li>\n\nitem <input type=\"checkbox\">\n",
        "<p><i>x</p>\n\nPara.\n",
        "Para <div>x\n\nnext\n",
        "<svg>\n\nPara\n",
    };
    for (const char* source : posts) {
      CAPTURE(source);
      auto post = postrender::render(source);
      CHECK(post.excerpt_html == postrender::sanitize_html(post.excerpt_html));
    }
  }

  TEST_CASE("a self-contained first paragraph is the excerpt byte for byte") {
    auto post = postrender::render("# T\n\nIntro [a](/x \"t\") *em* <span onclick=\"y\">raw</span>.\n\nMore.\n");
    auto begin = post.html.find("<p>");
    auto end = post.html.find("</p>");
    REQUIRE(end != std::string::npos);
    CHECK(post.excerpt_html == post.html.substr(begin, end + 4 - begin));
  }

  TEST_CASE("a first paragraph that needs context from before it is re-balanced") {
    // Kept in the body (a checkbox inside a list item), removed in the excerpt (none there).
    auto post = postrender::render("<ul><li>\n\nitem <input type=\"checkbox\">\n");
    CHECK(post.html.find("<input") != std::string::npos);
    CHECK(post.excerpt_html == "<p>item </p>");
    // Starting by closing the <b> opened before it.
    auto after_bold = postrender::render("<div><b>open\n\nPara *x*.\n");
    CHECK(after_bold.excerpt_html == "<p><b>Para <em>x</em>.</b></p>");
    // data-source-line where the policy allows no data-* attributes.
    postrender::Options options;
    options.source_lines = true;
    options.policy = postrender::SanitizePolicy::strict();
    auto lines = postrender::render("First *para*.\n", options);
    CHECK(lines.html.find("data-source-line") != std::string::npos);
    CHECK(lines.excerpt_html == "<p>First <em>para</em>.</p>");
  }
}

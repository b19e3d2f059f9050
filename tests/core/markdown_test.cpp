#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "html_writer.hpp"
#include "markdown_renderer.hpp"
#include "postrender/post.hpp"

using postrender::Options;
using postrender::Post;
using postrender::detail::HtmlWriter;
using postrender::detail::MarkdownInput;
using postrender::detail::MarkdownOutput;

namespace {

// Trusted mode, GFM extensions on, no heading ids: what md2html --ftables --fstrikethrough
// --ftasklists --fpermissive-autolinks writes.
Options trusted() {
  Options options;
  options.sanitize = false;
  options.heading_ids = false;
  return options;
}

struct Rendered {
  std::string html;
  MarkdownOutput output;
};

Rendered render_body(std::string_view markdown, const Options& options = trusted(), int first_line = 1) {
  Rendered result;
  postrender::Diagnostics diagnostics;
  postrender::detail::WriterConfig config;
  config.sanitize = options.sanitize;
  config.policy = &options.policy;
  HtmlWriter writer(result.html, config, diagnostics);
  MarkdownInput input;
  input.markdown = markdown;
  input.first_line = first_line;
  postrender::detail::render_markdown_body(input, options, writer, result.output);
  writer.finish();
  return result;
}

std::string html_of(std::string_view markdown, const Options& options = trusted()) {
  return render_body(markdown, options).html;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t count(const std::string& text, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

struct Case {
  const char* markdown;
  const char* html;
};

}  // namespace

TEST_SUITE("markdown") {
  // Expected bytes are md2html's (md4c 0.5.2) for the same input and flags.
  TEST_CASE("every md4c block type renders byte for byte as md4c-html") {
    const Case cases[] = {
        {"plain text", "<p>plain text</p>\n"},
        {"> quote\n> # head", "<blockquote>\n<p>quote</p>\n<h1>head</h1>\n</blockquote>\n"},
        {"Setext\n===\n\n## ATX ##", "<h1>Setext</h1>\n<h2>ATX</h2>\n"},
        {"###### six", "<h6>six</h6>\n"},
        {"3. three\n4. four", "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>\n"},
        {"- a\n\n- b", "<ul>\n<li><p>a</p>\n</li>\n<li><p>b</p>\n</li>\n</ul>\n"},
        {"***\n---", "<hr>\n<hr>\n"},
        {"```c&lt;++ x\nint a<b;\n```", "<pre><code class=\"language-c&lt;++\">int a&lt;b;\n</code></pre>\n"},
        {"    indented\n      more", "<pre><code>indented\n  more\n</code></pre>\n"},
        {"<div class=\"x\">\n*raw*\n</div>", "<div class=\"x\">\n*raw*\n</div>\n"},
        {"| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |",
         "<table>\n<thead>\n<tr>\n<th align=\"left\">a</th>\n<th align=\"center\">b</th>\n"
         "<th align=\"right\">c</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"left\">1</td>\n"
         "<td align=\"center\">2</td>\n<td align=\"right\">3</td>\n</tr>\n</tbody>\n</table>\n"},
        {"- [x] done\n- [ ] todo",
         "<ul>\n<li class=\"task-list-item\"><input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled "
         "checked>done</li>\n<li class=\"task-list-item\"><input type=\"checkbox\" "
         "class=\"task-list-item-checkbox\" disabled>todo</li>\n</ul>\n"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.markdown);
      CHECK(html_of(c.markdown) == c.html);
    }
  }

  TEST_CASE("every md4c span and text type renders byte for byte as md4c-html") {
    const Case cases[] = {
        {"Hello *em* **strong** `co<de>` ~~del~~ _u_",
         "<p>Hello <em>em</em> <strong>strong</strong> <code>co&lt;de&gt;</code> <del>del</del> <em>u</em></p>\n"},
        {"[link](/url \"title\") <https://a.b/c?d=e&f=g> <me@x.org>",
         "<p><a href=\"/url\" title=\"title\">link</a> <a href=\"https://a.b/c?d=e&amp;f=g\">https://a.b/c?d=e&amp;f=g</a> "
         "<a href=\"mailto:me@x.org\">me@x.org</a></p>\n"},
        {"![alt *em* [n](x) ![in](y)](/i.png \"T\")", "<p><img src=\"/i.png\" alt=\"alt em n in\" title=\"T\"></p>\n"},
        {"hard  \nbreak\\\nsoft\nline", "<p>hard<br>\nbreak<br>\nsoft\nline</p>\n"},
        {"&amp; &copy; &#35; &#x1F600; &bogus; \"q\"", "<p>&amp; \xC2\xA9 # \xF0\x9F\x98\x80 &amp;bogus; &quot;q&quot;</p>\n"},
        {"www.example.com, https://x.org/a_b. and mail a@b.co",
         "<p><a href=\"http://www.example.com\">www.example.com</a>, <a href=\"https://x.org/a_b\">https://x.org/a_b</a>. "
         "and mail <a href=\"mailto:a@b.co\">a@b.co</a></p>\n"},
        {"[q](/a?b=\"c\"&d='e' \"t&amp;\")", "<p><a href=\"/a?b=%22c%22&amp;d=%27e%27\" title=\"t&amp;\">q</a></p>\n"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.markdown);
      CHECK(html_of(c.markdown) == c.html);
    }
  }

  TEST_CASE("the underline extension turns _x_ into <u> only when enabled") {
    Options options = trusted();
    options.markdown.underline = true;
    CHECK(html_of("_u_ *e*", options) == "<p><u>u</u> <em>e</em></p>\n");
  }

  TEST_CASE("extensions are off when their options are off") {
    Options options = trusted();
    options.markdown = {false, false, false, false, false};
    CHECK(html_of("~~x~~ www.a.com\n\n| a |\n|---|", options) == "<p>~~x~~ www.a.com</p>\n<p>| a |\n|---|</p>\n");
  }

  TEST_CASE("a NUL character becomes U+FFFD in text and in attributes") {
    std::string markdown("a\0b [m](/p \"t\0u\")", 17);
    CHECK(html_of(markdown) == "<p>a\xEF\xBF\xBD" "b <a href=\"/p\" title=\"t\xEF\xBF\xBDu\">m</a></p>\n");
  }

  TEST_CASE("entities in link destinations and titles are decoded, then escaped by the writer") {
    CHECK(html_of("[a](/p?x=1&amp;y=&#50; \"&quot;T&quot;\")") ==
          "<p><a href=\"/p?x=1&amp;y=2\" title=\"&quot;T&quot;\">a</a></p>\n");
  }

  TEST_CASE("an autolink inside the author's raw <a> is written as text, not as a nested link") {
    CHECK(html_of("see <a href=\"https://newsdao.kr\" rel=\"dofollow\">https://newsdao.kr</a>") ==
          "<p>see <a href=\"https://newsdao.kr\" rel=\"dofollow\">https://newsdao.kr</a></p>\n");
    // A raw <a> split over lines, upper case, and an e-mail autolink.
    CHECK(html_of("<A\nhref=\"/x\">mail me@x.org</A>") == "<p><A\nhref=\"/x\">mail me@x.org</A></p>\n");
  }

  TEST_CASE("in trusted mode only autolinks are dropped inside a raw <a>; explicit links stay as md4c writes them") {
    CHECK(html_of("<a href=\"/x\">[in](/y) <https://z.org></a>") ==
          "<p><a href=\"/x\"><a href=\"/y\">in</a> https://z.org</a></p>\n");
  }

  TEST_CASE("when sanitizing, explicit links inside a raw <a> are dropped as well, text kept") {
    Options options;
    CHECK(html_of("<a href=\"/x\">[in](/y) <https://z.org></a>", options) == "<p><a href=\"/x\">in https://z.org</a></p>\n");
  }

  TEST_CASE("autolinks work again after the raw </a>") {
    CHECK(html_of("<a href=\"/x\">x</a> www.a.com") ==
          "<p><a href=\"/x\">x</a> <a href=\"http://www.a.com\">www.a.com</a></p>\n");
  }

  TEST_CASE("heading ids are GitHub-style slugs that keep Hangul, Han and Kana, unique in the post") {
    Options options = trusted();
    options.heading_ids = true;
    auto r = render_body("## 조달청과 메인비즈\n# 中文 标题\n### カタカナ・テスト\n## Hello, World!\n## Hello World\n## 🎉\n", options);
    CHECK(r.html ==
          "<h2 id=\"조달청과-메인비즈\">조달청과 메인비즈</h2>\n"
          "<h1 id=\"中文-标题\">中文 标题</h1>\n"
          "<h3 id=\"カタカナテスト\">カタカナ・テスト</h3>\n"
          "<h2 id=\"hello-world\">Hello, World!</h2>\n"
          "<h2 id=\"hello-world-1\">Hello World</h2>\n"
          "<h2 id=\"section\">🎉</h2>\n");
  }

  TEST_CASE("the TOC lists headings in document order with level, id and plain text") {
    Options options = trusted();
    options.heading_ids = true;
    auto r = render_body("# Intro `code` &amp; *more*\n\ntext\n\n<h2 class=\"x\">Raw <b>heading</b></h2>\n\n## Intro\n", options);
    REQUIRE(r.output.toc.size() == 3);
    CHECK(r.output.toc[0].level == 1);
    CHECK(r.output.toc[0].id == "intro-code--more");
    CHECK(r.output.toc[0].text == "Intro code & more");
    CHECK(r.output.toc[1].level == 2);
    CHECK(r.output.toc[1].id == "raw-heading");
    CHECK(r.output.toc[1].text == "Raw heading");
    CHECK(r.output.toc[2].id == "intro");
  }

  TEST_CASE("a raw <h2> without an id gets one; an author's id is kept and reserved") {
    Options options = trusted();
    options.heading_ids = true;
    auto r = render_body("<h2 data-ke-size=\"size26\">조달청 소식</h2>\n\n<h3 id=\"mine\">Mine</h3>\n\n## mine\n", options);
    CHECK(r.html ==
          "<h2 id=\"조달청-소식\" data-ke-size=\"size26\">조달청 소식</h2>\n"
          "<h3 id=\"mine\">Mine</h3>\n"
          "<h2 id=\"mine-1\">mine</h2>\n");
    REQUIRE(r.output.toc.size() == 3);
    CHECK(r.output.toc[1].id == "mine");
  }

  TEST_CASE("without heading ids the TOC still has texts, with empty ids") {
    auto r = render_body("# One\n## Two\n");
    CHECK(r.html == "<h1>One</h1>\n<h2>Two</h2>\n");
    REQUIRE(r.output.toc.size() == 2);
    CHECK(r.output.toc[1].text == "Two");
    CHECK(r.output.toc[1].id.empty());
  }

  TEST_CASE("when sanitizing, TOC ids carry the policy's id prefix that the writer adds") {
    Options options;
    auto r = render_body("# Title\n", options);
    REQUIRE(r.output.toc.size() == 1);
    CHECK(r.output.toc[0].id == "user-content-title");
  }

  TEST_CASE("data-source-line gives each block's line in the whole file") {
    Options options = trusted();
    options.source_lines = true;
    // The body starts on line 4 of the file (after three lines of front matter).
    const char* body =
        "\n# Title\n\nPara one\ncontinues\n\n- item\n-\n- third\n\n  para in item\n\n> quote\n>\n> more\n\n"
        "```js\ncode\n```\n\n***\n\n    indented\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\n```\n\n---\n\n"
        "Setext\n======\n\n#\n\n[ref]: /url\n\n-\n";
    std::string html = render_body(body, options, 4).html;
    CHECK(html ==
          "<h1 data-source-line=\"5\">Title</h1>\n"
          "<p data-source-line=\"7\">Para one\ncontinues</p>\n"
          "<ul data-source-line=\"10\">\n"
          "<li data-source-line=\"10\"><p data-source-line=\"10\">item</p>\n</li>\n"
          "<li data-source-line=\"11\"></li>\n"
          "<li data-source-line=\"12\"><p data-source-line=\"12\">third</p>\n<p data-source-line=\"14\">para in item</p>\n</li>\n"
          "</ul>\n"
          "<blockquote data-source-line=\"16\">\n<p data-source-line=\"16\">quote</p>\n<p data-source-line=\"18\">more</p>\n"
          "</blockquote>\n"
          "<pre data-source-line=\"20\"><code class=\"language-js\">code\n</code></pre>\n"
          "<hr data-source-line=\"24\">\n"
          "<pre data-source-line=\"26\"><code>indented\n</code></pre>\n"
          "<table data-source-line=\"28\">\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n"
          "<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n"
          "<pre data-source-line=\"32\"><code></code></pre>\n"
          "<hr data-source-line=\"35\">\n"
          "<h1 data-source-line=\"37\">Setext</h1>\n"
          "<h1 data-source-line=\"40\"></h1>\n"
          "<ul data-source-line=\"44\">\n<li data-source-line=\"44\"></li>\n</ul>\n");
  }

  TEST_CASE("containers that start with fenced code start on the fence line") {
    Options options = trusted();
    options.source_lines = true;
    CHECK(html_of("x\n\n- ```\n  code\n  ```\n> ~~~\n> q\n> ~~~\n", options) ==
          "<p data-source-line=\"1\">x</p>\n<ul data-source-line=\"3\">\n<li data-source-line=\"3\">"
          "<pre data-source-line=\"3\"><code>code\n</code></pre>\n</li>\n</ul>\n"
          "<blockquote data-source-line=\"6\">\n<pre data-source-line=\"6\"><code>q\n</code></pre>\n</blockquote>\n");
  }

  TEST_CASE("data-source-line counts lines in the whole file through render()") {
    Options options = trusted();
    options.source_lines = true;
    options.heading_ids = true;
    Post post = postrender::render("---\ntitle: t\n---\r\n\r\nfirst\r\n\r\n## second\r\n", options);
    CHECK(post.html == "<p data-source-line=\"5\">first</p>\n<h2 id=\"second\" data-source-line=\"7\">second</h2>\n");
  }

  TEST_CASE("word counts: English words, Korean eojeol, Japanese characters, mixed") {
    CHECK(render_body("The quick brown fox\n\njumps *over* the lazy dog.").output.word_count == 9);
    auto korean = render_body("조달청과 메인비즈의 특별한 협력");
    CHECK(korean.output.word_count == 4);
    CHECK(korean.output.cjk_characters == 0);
    auto japanese = render_body("日本語のテキスト。");
    CHECK(japanese.output.word_count == 8);
    CHECK(japanese.output.cjk_characters == 8);
    auto mixed = render_body("# Hello 世界\n\n한국어 text");
    CHECK(mixed.output.word_count == 5);
    CHECK(mixed.output.cjk_characters == 2);
  }

  TEST_CASE("words are not glued across blocks or block tags, but are across inline tags") {
    CHECK(render_body("one\n\ntwo").output.word_count == 2);
    CHECK(render_body("a<br>b <b>c</b>d").output.word_count == 3);
    CHECK(render_body("<p>one</p><p>two</p>\n").output.word_count == 2);
  }

  TEST_CASE("text inside raw HTML blocks counts, scripts and styles do not") {
    auto r = render_body("<p data-ke-size=\"size16\">조달청과 한국경영혁신중소기업협회가 <b>서울에서</b>&nbsp;개최</p>\n\n"
                         "<script>var a = 1;</script>\n\n<style>p { color: red }</style>\n");
    CHECK(r.output.word_count == 4);
  }

  TEST_CASE("the first top-level paragraph is captured as written") {
    auto r = render_body("# T\n\n> quoted para\n\nFirst *para*.\n\nSecond.");
    CHECK(r.output.first_paragraph_html == "<p>First <em>para</em>.</p>");
  }

  TEST_CASE("a leading raw <p> block counts as the first paragraph") {
    auto r = render_body("<p class=\"x\">Raw <b>para</b></p>\n<p>next</p>\n\nMarkdown para.");
    CHECK(r.output.first_paragraph_html == "<p class=\"x\">Raw <b>para</b></p>");
    CHECK(render_body("<pre>\ncode\n</pre>\n\npara").output.first_paragraph_html == "<p>para</p>");
  }

  TEST_CASE("10,000 nested lists and blockquotes render without overflowing the stack") {
    std::string lists;
    for (int i = 0; i < 10000; ++i) lists += "- ";
    lists += "deep";
    Options options = trusted();
    options.source_lines = true;
    std::string html = html_of(lists, options);
    CHECK(count(html, "<ul") == 10000);
    CHECK(count(html, "</ul>") == 10000);
    CHECK(count(html, "<li") == 10000);

    std::string quotes;
    for (int i = 0; i < 10000; ++i) quotes += "> ";
    quotes += "deep";
    html = html_of(quotes, options);
    CHECK(count(html, "<blockquote") == 10000);
    CHECK(count(html, "</blockquote>") == 10000);
    CHECK(html.find("<p data-source-line=\"1\">deep</p>") != std::string::npos);
  }

  TEST_CASE("deeply nested emphasis, links and brackets stay linear and balanced") {
    std::string stars(20000, '*');
    std::string html = html_of(stars.substr(0, 10000) + "x" + stars.substr(0, 10000));
    CHECK(count(html, "<em>") == count(html, "</em>"));
    CHECK(count(html, "<strong>") == count(html, "</strong>"));
    std::string brackets = std::string(10000, '[') + "x" + std::string(10000, ']') + "(/u)";
    html = html_of(brackets);
    CHECK(count(html, "<a ") == 1);
  }

  TEST_CASE("a 50 MB post renders completely") {
    std::string paragraph;
    for (int i = 0; i < 20; ++i) {
      paragraph += "Lorem ipsum dolor sit amet, consectetur adipiscing elit, 한국어 텍스트 日本語 sed do eiusmod tempor.\n";
    }
    paragraph += "With **strong** and [a link](http://x.com).\n\n";
    std::string big;
    big.reserve(50u << 20);
    std::size_t paragraphs = 0;
    while (big.size() + paragraph.size() <= (50u << 20)) {
      big += paragraph;
      ++paragraphs;
    }
    Post post = postrender::render(big, trusted());
    CHECK(count(post.html, "<p>") == paragraphs);
    CHECK(count(post.html, "<a href=\"http://x.com\">a link</a>") == paragraphs);
    CHECK(post.word_count == paragraphs * (20 * 17 + 5));  // per line: 14 words + 3 Han characters
    CHECK(post.warnings.empty());
  }

  TEST_CASE("empty and blank bodies render to nothing") {
    CHECK(html_of("").empty());
    CHECK(html_of("\n\n   \n").empty());
    CHECK(render_body("").output.word_count == 0);
  }

  TEST_CASE("seed post in trusted mode: real h2 blocks, image, entities, emoji, quotes, no nested links") {
    std::string seed = read_file(POSTRENDER_SHARED_DIR "/seed/000_df5a8b09b0ad8a9a.txt");
    REQUIRE_FALSE(seed.empty());
    Options options = trusted();
    options.heading_ids = true;
    Post post = postrender::render(seed, options);
    const std::string& html = post.html;
    CHECK(html.rfind("<p><img src=\"/assets/img/newsdao_breakingnews.jpg\" alt=\"뉴스다오 속보\"></p>\n", 0) == 0);
    CHECK(html.find("\n<h2 id=\"조달청과-메인비즈-간담회에서의-혁신성장-방안\" data-ke-size=\"size26\">"
                    "조달청과 메인비즈 간담회에서의 혁신성장 방안</h2>\n") != std::string::npos);
    CHECK(html.find("<p><h2") == std::string::npos);
    CHECK(count(html, "<h2 ") == 7);
    CHECK(html.find("<p data-ke-size=\"size16\">&nbsp;</p>") != std::string::npos);
    CHECK(html.find("<span style=\"color: #ee2323;\">") != std::string::npos);
    CHECK(html.find("“공공누리 제1유형:출처표시”") != std::string::npos);
    CHECK(html.find("<p>신속 뉴스 바로가기 👉 <a href=\"https://newsdao.kr\" rel=\"dofollow\">https://newsdao.kr</a></p>\n") !=
          std::string::npos);
    CHECK(count(html, "<a ") == count(html, "</a>"));
    REQUIRE(post.toc.size() == 7);
    CHECK(post.toc[0].id == "조달청과-메인비즈-간담회에서의-혁신성장-방안");
    CHECK(post.toc[6].text == "문의 및 저작권 안내");
    CHECK(post.word_count > 300);  // the body is almost all raw HTML
  }
}

TEST_SUITE("markdown") {
  TEST_CASE("raw HTML words: inline tags join, block tags separate, hidden content is not counted") {
    CHECK(postrender::render("<div>foo<b>bar</b><abbr>x</abbr><wbr>y</div>\n").word_count == 1);
    CHECK(postrender::render("<div>foo<p>bar</p><section>baz</section></div>\n").word_count == 3);
    CHECK(postrender::render("<div>a<template>b c</template><textarea>d</textarea><plaintext>e f\n").word_count == 1);
    CHECK(postrender::render("<div>a<script>b c</script><xmp>d</xmp> e</div>\n").word_count == 2);
    CHECK(postrender::render("x<span>y</span>z <custom-el>w</custom-el>v\n").word_count == 3);
  }
}

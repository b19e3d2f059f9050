#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "element_table.hpp"
#include "html_tokenizer.hpp"
#include "html_writer.hpp"
#include "postrender/post.hpp"
#include "source_map.hpp"

using postrender::Diagnostic;
using postrender::Diagnostics;
using postrender::SanitizePolicy;
using postrender::Severity;
using namespace postrender::detail;

namespace {

std::string clean(std::string_view html, const SanitizePolicy& policy = SanitizePolicy::blog_post(),
                  Diagnostics* diagnostics = nullptr) {
  return postrender::sanitize_html(html, policy, diagnostics);
}

bool has_code(const Diagnostics& diagnostics, std::string_view code) {
  return std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) { return d.code == code; });
}

std::size_t count_code(const Diagnostics& diagnostics, std::string_view code) {
  return static_cast<std::size_t>(
      std::count_if(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) { return d.code == code; }));
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// Drives a writer the way the Markdown renderer does.
struct Harness {
  std::string html;
  Diagnostics diagnostics;
  SanitizePolicy policy = SanitizePolicy::blog_post();
  WriterConfig config;
  std::unique_ptr<HtmlWriter> writer;

  explicit Harness(bool sanitize = true, int max_nesting = 256) {
    config.sanitize = sanitize;
    config.policy = &policy;
    config.max_nesting = max_nesting;
    writer = std::make_unique<HtmlWriter>(html, config, diagnostics);
  }
  std::string done() {
    writer->finish();
    return html;
  }
};

// Checks what a browser needs to read the output back as the same tree: every non-void start
// tag closed in order, nothing but tags, text and character references, and only allowed
// elements and attributes. Returns "" when fine, else what is wrong.
std::string check_canonical(const std::string& html, const SanitizePolicy& policy) {
  HtmlTokenizer tokenizer;
  tokenizer.reset(html);
  Token token;
  std::vector<std::string> open;
  while (tokenizer.next(token)) {
    std::string name(token.data);
    switch (token.type) {
      case TokenType::text:
        break;
      case TokenType::start_tag: {
        if (!policy.element_allowed(name)) return "element not allowed: " + name;
        if (has_flag(token.element, kNeverEmit) && token.element != El::input) return "never-emit element: " + name;
        if (token.self_closing) return "self-closing syntax in output";
        for (const TokenAttribute& a : tokenizer.attributes()) {
          std::string attribute(a.name);
          if (attribute_never_allowed(attribute)) return "forbidden attribute: " + attribute;
          std::string value(a.value);
          for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          value.erase(std::remove_if(value.begin(), value.end(), [](char c) { return c <= ' '; }), value.end());
          if (value.find("javascript:") != std::string::npos || value.find("vbscript:") != std::string::npos) {
            return "script URL in " + attribute;
          }
        }
        if (!has_flag(token.element, kVoid)) open.push_back(name);
        break;
      }
      case TokenType::end_tag:
        if (open.empty() || open.back() != name) return "unbalanced end tag </" + name + ">";
        open.pop_back();
        break;
      default:
        return "unexpected token in output: " + std::string(token.data);
    }
  }
  if (!open.empty()) return "unclosed <" + open.back() + ">";
  return "";
}

}  // namespace

TEST_SUITE("html_writer") {
  // ---- classic vectors

  TEST_CASE("script elements are removed with their content") {
    Diagnostics d;
    CHECK(clean("a<script>alert(1)</script>b", SanitizePolicy::blog_post(), &d) == "ab");
    CHECK(has_code(d, "html.element-removed"));
    CHECK(clean("<SCRIPT SRC=//evil/x.js></SCRIPT>") == "");
    CHECK(clean("<script>document.write('<p>')</script><p>x</p>") == "<p>x</p>");
  }

  TEST_CASE("event handler attributes are removed, the element kept") {
    Diagnostics d;
    CHECK(clean("<img src=x onerror=alert(1)>", SanitizePolicy::blog_post(), &d) == "<img src=\"x\">");
    CHECK(has_code(d, "html.attribute-removed"));
    CHECK(clean("<b onmouseover=alert(1)>x</b>") == "<b>x</b>");
  }

  TEST_CASE("javascript: hrefs are removed, the link text kept") {
    Diagnostics d;
    CHECK(clean("<a href=\"javascript:alert(1)\">x</a>", SanitizePolicy::blog_post(), &d) == "<a>x</a>");
    CHECK(has_code(d, "url.scheme-blocked"));
    CHECK(clean("<a href=\"jav&#x09;ascript&colon;alert(1)\">x</a>") == "<a>x</a>");
    CHECK(clean("<a href=\" JAVASCRIPT:alert(1)\">x</a>") == "<a>x</a>");
    CHECK(clean("<img src=\"data:text/html,<script>\">") == "<img>");
  }

  TEST_CASE("svg is removed with everything inside it, including script") {
    CHECK(clean("<svg><script>alert(1)</script></svg>after") == "after");
    CHECK(clean("<svg onload=alert(1)><g><a xlink:href=\"javascript:x\">t</a></g></svg>") == "");
  }

  TEST_CASE("svg ends where an HTML start tag breaks out of foreign content") {
    CHECK(clean("<svg><p>breakout</p>") == "<p>breakout</p>");
    CHECK(clean("<svg><foreignObject><p>inside</p></foreignObject></svg>x") == "x");
    CHECK(clean("<svg/>after") == "after");
  }

  TEST_CASE("svg style content is not raw text, so </svg> inside it ends the svg") {
    CHECK(clean("<svg><style></svg><img src=x onerror=alert(1)>") == "<img src=\"x\">");
  }

  TEST_CASE("math is removed with everything inside it") {
    CHECK(clean("<math><mi><style><img src=x onerror=1></style></mi></math>t") == "t");
    CHECK(clean("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>") == "");
  }

  TEST_CASE("noscript ending inside an attribute string cannot smuggle a handler") {
    std::string out = clean("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">");
    CHECK(out == "<img src=\"x\">\"&gt;");
    CHECK_FALSE(contains(out, "onerror"));
  }

  TEST_CASE("template content is removed, nested templates counted") {
    CHECK(clean("<template><img src=x onerror=alert(1)></template>ok") == "ok");
    CHECK(clean("<template>a<template>b</template>c</template>d") == "d");
  }

  TEST_CASE("base, meta, link, form controls and embedding elements are removed") {
    CHECK(clean("<base href=\"https://evil/\">x") == "x");
    CHECK(clean("<meta http-equiv=\"refresh\" content=\"0;url=https://evil\">x") == "x");
    CHECK(clean("<link rel=stylesheet href=//evil>x") == "x");
    CHECK(clean("<form action=\"https://evil\"><input name=a><button>b</button></form>") == "b");
    CHECK(clean("<iframe src=\"https://evil\">fallback <b>x</b></iframe>y") == "y");
    CHECK(clean("<object data=x><param name=a value=b>fallback</object>y") == "y");
    CHECK(clean("<embed src=x>y") == "y");
    CHECK(clean("<textarea><b>x</b></textarea>y") == "y");
    CHECK(clean("<select><option>a</option></select>") == "a");
    CHECK(clean("<title>t</title><xmp><b></xmp><noembed>n</noembed><noframes>f</noframes>y") == "y");
  }

  TEST_CASE("style elements are removed with their rules") {
    CHECK(clean("<style>body{display:none}</style>y") == "y");
  }

  TEST_CASE("plaintext swallows the rest of the chunk") { CHECK(clean("a<plaintext><b>x</b>") == "a"); }

  TEST_CASE("id values that could clobber the DOM get the prefix") {
    CHECK(clean("<div id=\"location\">x</div>") == "<div id=\"user-content-location\">x</div>");
    CHECK(clean("<a name=\"cookie\">x</a>") == "<a name=\"user-content-cookie\">x</a>");
  }

  TEST_CASE("same-document fragment links are rewritten to the prefixed ids") {
    CHECK(clean("<a href=\"#top\">t</a>") == "<a href=\"#user-content-top\">t</a>");
    CHECK(clean("<a href=\"#\">t</a>") == "<a href=\"#\">t</a>");
    CHECK(clean("<a href=\"/page#top\">t</a>") == "<a href=\"/page#top\">t</a>");
  }

  TEST_CASE("ids and fragments already prefixed are not prefixed again") {
    CHECK(clean("<h2 id=\"user-content-x\">x</h2><a href=\"#user-content-x\">y</a>") ==
          "<h2 id=\"user-content-x\">x</h2><a href=\"#user-content-x\">y</a>");
  }

  TEST_CASE("an empty id prefix leaves ids alone") {
    SanitizePolicy policy = SanitizePolicy::blog_post();
    policy.id_prefix = "";
    CHECK(clean("<p id=x><a href=\"#x\">y</a></p>", policy) == "<p id=\"x\"><a href=\"#x\">y</a></p>");
  }

  TEST_CASE("prefixed_id adds the prefix once") {
    SanitizePolicy policy = SanitizePolicy::blog_post();
    CHECK(prefixed_id("intro", policy) == "user-content-intro");
    CHECK(prefixed_id("user-content-intro", policy) == "user-content-intro");
  }

  // ---- links

  TEST_CASE("the seed post's link keeps rel=dofollow and gains noopener noreferrer") {
    CHECK(clean("<a href=\"https://newsdao.kr/4937\" rel=\"dofollow\">x</a>") ==
          "<a href=\"https://newsdao.kr/4937\" rel=\"dofollow noopener noreferrer\">x</a>");
  }

  TEST_CASE("relative links get no rel; a target adds noopener noreferrer") {
    CHECK(clean("<a href=\"/about\">x</a>") == "<a href=\"/about\">x</a>");
    CHECK(clean("<a href=\"/about\" target=\"_blank\">x</a>") ==
          "<a href=\"/about\" target=\"_blank\" rel=\"noopener noreferrer\">x</a>");
  }

  TEST_CASE("targets outside the allowlist are removed") {
    Diagnostics d;
    CHECK(clean("<a href=\"/x\" target=\"_top\">x</a>", SanitizePolicy::blog_post(), &d) == "<a href=\"/x\">x</a>");
    CHECK(has_code(d, "html.attribute-removed"));
    CHECK(clean("<a href=\"/x\" target=\"_BLANK\">x</a>") ==
          "<a href=\"/x\" target=\"_blank\" rel=\"noopener noreferrer\">x</a>");
  }

  TEST_CASE("rel=opener and unknown rel tokens are dropped") {
    CHECK(clean("<a href=\"/x\" rel=\"opener prefetch NoFollow\">x</a>") == "<a href=\"/x\" rel=\"nofollow\">x</a>");
  }

  TEST_CASE("nofollow_links adds nofollow ugc to every link with an href") {
    SanitizePolicy policy = SanitizePolicy::blog_post();
    policy.nofollow_links = true;
    CHECK(clean("<a href=\"/x\">x</a><a name=y>y</a>", policy) ==
          "<a href=\"/x\" rel=\"nofollow ugc\">x</a><a name=\"user-content-y\">y</a>");
  }

  TEST_CASE("no <a> inside <a>: the open link closes first") {
    CHECK(clean("<a href=1>x<a href=2>y</a>z</a>") == "<a href=\"1\">x</a><a href=\"2\">y</a>z");
    CHECK(clean("<a href=1><b>x<a href=2>y</a></b></a>") ==
          "<a href=\"1\"><b>x</b></a><b><a href=\"2\">y</a></b>");
  }

  TEST_CASE("no <a> inside <a> even when many formatting elements came in between") {
    std::string input = "<a href=1>";
    for (int i = 0; i < 40; ++i) input += "<i class=c" + std::to_string(i) + ">";
    input += "x<a href=2>y";
    std::string out = clean(input);
    std::size_t first = out.find("<a href=\"1\">");
    std::size_t second = out.find("<a href=\"2\">");
    REQUIRE(second != std::string::npos);
    CHECK(out.find("</a>", first) < second);
    CHECK(clean(out) == out);
  }

  TEST_CASE("a link may hold a table whose cells hold links (markers stop the search)") {
    CHECK(clean("<a href=1><table><tr><td><a href=2>x</a></td></tr></table></a>") ==
          "<a href=\"1\"><table><tbody><tr><td><a href=\"2\">x</a></td></tr></tbody></table></a>");
  }

  // ---- styles, attributes

  TEST_CASE("the seed post's styles and data attributes survive") {
    CHECK(clean("<p data-ke-size=\"size16\"><b><span style=\"color: #ee2323;\">x</span></b></p>") ==
          "<p data-ke-size=\"size16\"><b><span style=\"color: #ee2323\">x</span></b></p>");
    CHECK(clean("<span style=\"background-color: #21538527;\">x</span>") ==
          "<span style=\"background-color: #21538527\">x</span>");
    CHECK(clean("<h2 data-ke-size=\"size26\">t</h2>") == "<h2 data-ke-size=\"size26\">t</h2>");
  }

  TEST_CASE("style declarations outside the policy are removed with a diagnostic") {
    Diagnostics d;
    CHECK(clean("<p style=\"position:fixed;color:red\">x</p>", SanitizePolicy::blog_post(), &d) ==
          "<p style=\"color: red\">x</p>");
    CHECK(has_code(d, "css.declaration-removed"));
    CHECK(clean("<p style=\"background:url(javascript:x)\">x</p>") == "<p>x</p>");
  }

  TEST_CASE("attributes outside the policy are removed; data-* follows the policy") {
    CHECK(clean("<p align=center foo=bar data-x=1>x</p>") == "<p align=\"center\" data-x=\"1\">x</p>");
    SanitizePolicy policy = SanitizePolicy::blog_post();
    policy.remove_attributes({"data-*"});
    CHECK(clean("<p data-x=1>x</p>", policy) == "<p>x</p>");
  }

  TEST_CASE("attributes with a fixed syntax are checked") {
    CHECK(clean("<ol start=\"3\" type=\"a\"><li>x</li></ol>") == "<ol start=\"3\" type=\"a\"><li>x</li></ol>");
    CHECK(clean("<ol start=\"x\" type=\"disc\"><li>x</li></ol>") == "<ol><li>x</li></ol>");
    CHECK(clean("<img width=\"100\" height=\"50%\" align=\"LEFT\">") ==
          "<img width=\"100\" height=\"50%\" align=\"left\">");
    CHECK(clean("<img width=\"expression(alert(1))\">") == "<img>");
    CHECK(clean("<p dir=rtl lang=ko-KR>x</p>") == "<p dir=\"rtl\" lang=\"ko-KR\">x</p>");
    CHECK(clean("<td colspan=2>x</td>") == "x");
  }

  TEST_CASE("class allowlist keeps only listed classes") {
    SanitizePolicy policy = SanitizePolicy::blog_post();
    CHECK(clean("<p class=\"a b\">x</p>", policy) == "<p class=\"a b\">x</p>");
    policy.allowed_classes = {"b", "c"};
    CHECK(clean("<p class=\"a  b c\">x</p>", policy) == "<p class=\"b c\">x</p>");
    CHECK(clean("<p class=\"a\">x</p>", policy) == "<p>x</p>");
  }

  TEST_CASE("task-list checkboxes survive only in list items, always disabled") {
    CHECK(clean("<ul><li><input type=checkbox checked> task</li></ul>") ==
          "<ul><li><input type=\"checkbox\" checked=\"\" disabled=\"\"> task</li></ul>");
    Diagnostics d;
    CHECK(clean("<input type=checkbox><li><input type=text><input type=password>", SanitizePolicy::blog_post(), &d) ==
          "<li></li>");
    CHECK(count_code(d, "html.element-removed") == 3);
    CHECK(clean("<li><small>a</small><input type=checkbox>") ==
          "<li><small>a</small><input type=\"checkbox\" disabled=\"\"></li>");
    CHECK(clean("<li><small>a<p>b</small><input type=checkbox>") ==
          clean(clean("<li><small>a<p>b</small><input type=checkbox>")));
  }

  // ---- canonical output

  TEST_CASE("names are lower-cased, values double-quoted and escaped") {
    CHECK(clean("<P TITLE='a \"b\" <c> &amp; d'>x</P>") == "<p title=\"a &quot;b&quot; &lt;c&gt; &amp; d\">x</p>");
  }

  TEST_CASE("text is escaped and references decoded then re-encoded") {
    CHECK(clean("a &lt;b&gt; &amp;amp; &#60; &copy; \"q\"") == "a &lt;b&gt; &amp;amp; &lt; \xC2\xA9 \"q\"");
  }

  TEST_CASE("no-break spaces are written as &nbsp;, carriage returns as line feeds") {
    CHECK(clean("<p>&nbsp;</p>") == "<p>&nbsp;</p>");
    CHECK(clean("a\r\nb\rc") == "a\nb\nc");
    CHECK(clean("<p title=\"a&#13;b\">x</p>") == "<p title=\"a\nb\">x</p>");
  }

  TEST_CASE("duplicate attributes: the first wins") {
    CHECK(clean("<a href=\"/1\" href=\"javascript:x\">x</a>") == "<a href=\"/1\">x</a>");
  }

  TEST_CASE("void elements have no end tag and no self-closing slash") {
    CHECK(clean("<br/><hr /><img src=x />a</br>") == "<br><hr><img src=\"x\">a<br>");
  }

  TEST_CASE("<image> is read as <img>, as browsers do") { CHECK(clean("<image src=x>") == "<img src=\"x\">"); }

  TEST_CASE("comments, doctypes and CDATA are removed with an info diagnostic") {
    Diagnostics d;
    CHECK(clean("<!DOCTYPE html><!-- c -->a<![CDATA[x]]>b<?php x ?>", SanitizePolicy::blog_post(), &d) == "ab");
    REQUIRE(has_code(d, "html.comment-removed"));
    CHECK(d.front().severity == Severity::info);
  }

  TEST_CASE("leading newlines in <pre> are dropped: parsers eat one, browser serialisers add none") {
    CHECK(clean("<pre>\nx</pre>") == "<pre>x</pre>");
    CHECK(clean("<pre>\n\n x\n</pre>") == "<pre> x\n</pre>");
    CHECK(clean("<pre>\r\n<b>\nx</b></pre>") == "<pre><b>\nx</b></pre>");
    Harness h;
    h.writer->start_element("pre");
    h.writer->newline();
    h.writer->text("\ncode");
    h.writer->end_element("pre");
    CHECK(h.done() == "<pre>code</pre>");
  }

  TEST_CASE("unknown elements are removed and their text kept; a policy may allow custom ones") {
    CHECK(clean("<foo>x</foo><x-widget>y</x-widget>") == "xy");
    SanitizePolicy policy = SanitizePolicy::blog_post();
    policy.allow_elements({"x-widget", "section"});
    CHECK(clean("<x-widget>y</x-widget><section><p>z</section>", policy) ==
          "<x-widget>y</x-widget><section><p>z</p></section>");
  }

  TEST_CASE("a policy cannot switch on script, iframe or event handlers") {
    SanitizePolicy policy = SanitizePolicy::blog_post();
    policy.allow_elements({"script", "iframe", "svg"});
    policy.allow_attributes({"onclick", "srcdoc", "formaction"});
    CHECK(clean("<script>x</script><iframe srcdoc=y></iframe><b onclick=z>t</b>", policy) == "<b>t</b>");
  }

  // ---- content model

  TEST_CASE("a block start tag closes an open paragraph") {
    CHECK(clean("<p>a<div>b</div>c</p>") == "<p>a</p><div>b</div>c");
    CHECK(clean("<p>a<p>b") == "<p>a</p><p>b</p>");
    CHECK(clean("<p>a<ul><li>b</ul>") == "<p>a</p><ul><li>b</li></ul>");
    CHECK(clean("<p>a<table><tr><td>b</table>") == "<p>a</p><table><tbody><tr><td>b</td></tr></tbody></table>");
    CHECK(clean("<p>a<h2>b</h2>") == "<p>a</p><h2>b</h2>");
    CHECK(clean("<p>a<hr>b") == "<p>a</p><hr>b");
  }

  TEST_CASE("phrasing elements do not close a paragraph") {
    CHECK(clean("<p>a<span>b</span><img src=x>c</p>") == "<p>a<span>b</span><img src=\"x\">c</p>");
  }

  TEST_CASE("a paragraph in a table cell is not closed by the cell's own blocks outside") {
    CHECK(clean("<p><table><tr><td><div>x</div></td></tr></table>") ==
          "<p></p><table><tbody><tr><td><div>x</div></td></tr></tbody></table>");
  }

  TEST_CASE("list items close an open sibling, but not across a nested list") {
    CHECK(clean("<ul><li>a<li>b</ul>") == "<ul><li>a</li><li>b</li></ul>");
    CHECK(clean("<ul><li>a<div>b<li>c</ul>") == "<ul><li>a<div>b</div></li><li>c</li></ul>");
    CHECK(clean("<ul><li>a<ul><li>b</ul></ul>") == "<ul><li>a<ul><li>b</li></ul></li></ul>");
    CHECK(clean("<dl><dt>a<dd>b<dt>c</dl>") == "<dl><dt>a</dt><dd>b</dd><dt>c</dt></dl>");
  }

  TEST_CASE("a heading closes an open heading that is the current node") {
    CHECK(clean("<h1>a<h2>b</h2>c") == "<h1>a</h1><h2>b</h2>c");
    CHECK(clean("<h1>a<span><h2>b</h2></span></h1>") == "<h1>a<span><h2>b</h2></span></h1>");
    CHECK(clean("<h1>a</h2>b") == "<h1>a</h1>b");
  }

  TEST_CASE("ruby annotations close an open rt or rp") {
    CHECK(clean("<ruby>a<rt>b<rp>(</rp><rt>c</ruby>") == "<ruby>a<rt>b</rt><rp>(</rp><rt>c</rt></ruby>");
  }

  TEST_CASE("tables get tbody and tr where a browser would create them") {
    CHECK(clean("<table><tr><td>1<td>2<tr><td>3</table>") ==
          "<table><tbody><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></tbody></table>");
    CHECK(clean("<table><td>x</table>") == "<table><tbody><tr><td>x</td></tr></tbody></table>");
    CHECK(clean("<table><thead><tr><th>h<tbody><tr><td>d</table>") ==
          "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table>");
    CHECK(clean("<table><caption>c<tr><td>x</table>") ==
          "<table><caption>c</caption><tbody><tr><td>x</td></tr></tbody></table>");
  }

  TEST_CASE("text and elements a browser would foster-parent out of a table are removed") {
    Diagnostics d;
    CHECK(clean("<table>text<div>d</div><tr><td>ok</td></tr></table>", SanitizePolicy::blog_post(), &d) ==
          "<table><tbody><tr><td>ok</td></tr></tbody></table>");
    CHECK(has_code(d, "html.text-removed"));
    CHECK(has_code(d, "html.element-removed"));
    CHECK(clean("<table>\n<tr>\n<td>x</td>\n</tr>\n</table>") ==
          "<table>\n<tbody><tr>\n<td>x</td>\n</tr>\n</tbody></table>");
  }

  TEST_CASE("Markdown blocks after a raw table left open go into a cell instead of being lost") {
    Harness h;
    h.writer->raw_html("<table>\n<tr><td>a</td></tr>\n", 0);
    h.writer->start_element("p");
    h.writer->text("next");
    h.writer->end_element("p");
    h.writer->newline();
    h.writer->raw_html("</table>", 40);
    CHECK(h.done() == "<table>\n<tbody><tr><td>a</td></tr>\n<tr><td><p>next</p>\n</td></tr></tbody></table>");
    CHECK(h.diagnostics.empty());
  }

  TEST_CASE("rows and cells need the tbody and tr they imply to be in the policy") {
    SanitizePolicy policy = SanitizePolicy::blog_post();
    policy.remove_elements({"tbody"});
    CHECK(clean("<table><tr><td>x</td></tr></table>", policy) == "<table></table>");
    CHECK(clean("<table><thead><tr><td>x</td></tr></thead></table>", policy) ==
          "<table><thead><tr><td>x</td></tr></thead></table>");
  }

  TEST_CASE("table parts outside a table are removed, their text kept") {
    CHECK(clean("<td>x</td><tr><th>y") == "xy");
  }

  TEST_CASE("a table start tag inside a table's rows closes that table; in a cell it nests") {
    CHECK(clean("<table><tr><table><tr><td>x</table>") ==
          "<table><tbody><tr></tr></tbody></table><table><tbody><tr><td>x</td></tr></tbody></table>");
    CHECK(clean("<table><tr><td><table><tr><td>x</table></table>") ==
          "<table><tbody><tr><td><table><tbody><tr><td>x</td></tr></tbody></table></td></tr></tbody></table>");
  }

  TEST_CASE("stray end tags are removed with a diagnostic") {
    Diagnostics d;
    CHECK(clean("</div></span>x</p>", SanitizePolicy::blog_post(), &d) == "x");
    CHECK(count_code(d, "html.end-tag-removed") == 3);
    CHECK(clean("<div><span>a</div>b</span>") == "<div><span>a</span></div>b");
  }

  TEST_CASE("an end tag does not reach past a table cell") {
    CHECK(clean("<b><table><tr><td>x</b>y</td></tr></table></b>") ==
          "<b><table><tbody><tr><td>xy</td></tr></tbody></table></b>");
  }

  TEST_CASE("formatting closed by a block end is reopened before later text, as browsers do") {
    CHECK(clean("<p><b>bold</p><p>still</b> not</p>") == "<p><b>bold</b></p><p><b>still</b> not</p>");
    CHECK(clean("<b><i>x</b>y</i>") == "<b><i>x</i></b><i>y</i>");
    CHECK(clean("<div><b>x</div>y") == "<div><b>x</b></div><b>y</b>");
  }

  TEST_CASE("a block inside b/i/em closes them and they reopen inside it: misnesting gives the browser's tree") {
    CHECK(clean("<b><p>x</b>y</p>") == "<b></b><p><b>x</b>y</p>");
    CHECK(clean("<b>1<div>2</b>3</div>") == "<b>1</b><div><b>2</b>3</div>");
    CHECK(clean("<em><ul><li>a</li></ul></em>") == "<em></em><ul><li><em>a</em></li></ul>");
  }

  TEST_CASE("links and tables may wrap blocks; b stays around a table") {
    CHECK(clean("<a href=\"/x\"><div>card</div></a>") == "<a href=\"/x\"><div>card</div></a>");
    CHECK(clean("<b><table><tr><td>x</td></tr></table></b>") ==
          "<b><table><tbody><tr><td>x</td></tr></tbody></table></b>");
  }

  TEST_CASE("an end tag for a formatting element that was closed only cancels its reopening") {
    CHECK(clean("<p><b>x</p></b>y") == "<p><b>x</b></p>y");
  }

  TEST_CASE("identical formatting elements are reopened at most three times (Noah's Ark)") {
    std::string out = clean("<p><b><b><b><b><b>x</p>y");
    CHECK(out == "<p><b><b><b><b><b>x</b></b></b></b></b></p><b><b><b>y</b></b></b>");
  }

  TEST_CASE("reopening formatting elements cannot amplify the input without bound") {
    std::string input;
    for (int i = 0; i < 20000; ++i) input += "<p><b id=" + std::to_string(i) + ">x</p>";
    Diagnostics d;
    std::string out = clean(input, SanitizePolicy::blog_post(), &d);
    CHECK(out.size() < 8 * input.size());
    CHECK(has_code(d, "limit.nesting"));
    CHECK(check_canonical(out, SanitizePolicy::blog_post()) == "");
    CHECK(clean(out) == out);
  }

  TEST_CASE("everything still open is closed at the end") {
    CHECK(clean("<div><ul><li><b>x") == "<div><ul><li><b>x</b></li></ul></div>");
  }

  TEST_CASE("<b> 60000 times completes, stays balanced and warns once about nesting") {
    std::string input;
    for (int i = 0; i < 60000; ++i) input += "<b>";
    input += "text";
    Diagnostics d;
    std::string out = clean(input, SanitizePolicy::blog_post(), &d);
    CHECK(check_canonical(out, SanitizePolicy::blog_post()) == "");
    CHECK(contains(out, "text"));
    CHECK(count_code(d, "limit.nesting") == 1);
    CHECK(std::count(out.begin(), out.end(), '<') == 2 * 256);
  }

  TEST_CASE("deep nesting of blocks, lists and tables stays within the limit") {
    for (const char* open : {"<div>", "<blockquote>", "<ul><li>", "<table><tr><td>", "<span>", "<svg>", "<template>"}) {
      CAPTURE(open);
      std::string input;
      for (int i = 0; i < 20000; ++i) input += open;
      input += "x";
      std::string out = clean(input);
      CHECK(check_canonical(out, SanitizePolicy::blog_post()) == "");
      CHECK(out == clean(out));
    }
  }

  TEST_CASE("end tags of elements dropped at the depth limit do not close outer ones") {
    Harness h(true, 3);
    h.writer->raw_html("<div><div><div><div>a</div>b</div>c</div>d</div>e", 0);
    CHECK(h.done() == "<div><div><div>ab</div>c</div>d</div>e");
  }

  // ---- across chunks and Markdown events

  TEST_CASE("raw chunks balance against each other") {
    Harness h;
    h.writer->start_element("p");
    h.writer->raw_html("<b>", 0);
    h.writer->text("bold");
    h.writer->raw_html("</b>", 0);
    h.writer->text(" plain");
    h.writer->end_element("p");
    CHECK(h.done() == "<p><b>bold</b> plain</p>");
  }

  TEST_CASE("a tag split over raw chunks is read whole") {
    Harness h;
    h.writer->raw_html("<a", 0);
    h.writer->raw_html("\n", 2);
    h.writer->raw_html("href=\"/x\">link</a>", 3);
    CHECK(h.done() == "<a href=\"/x\">link</a>");
  }

  TEST_CASE("a comment split over raw chunks is removed whole") {
    Harness h;
    h.writer->raw_html("<!-- start", 0);
    h.writer->raw_html("<img src=x onerror=alert(1)>", 10);
    h.writer->raw_html("-->after", 40);
    CHECK(h.done() == "after");
  }

  TEST_CASE("a raw-text element left open swallows Markdown until its end tag") {
    Harness h;
    h.writer->raw_html("<noscript>", 0);
    h.writer->start_element("p");
    h.writer->text("hidden");
    h.writer->end_element("p");
    h.writer->raw_html("</noscript>", 20);
    h.writer->start_element("p");
    h.writer->text("shown");
    h.writer->end_element("p");
    CHECK(h.done() == "<p>shown</p>");
  }

  TEST_CASE("an unclosed raw <b> in one paragraph is reopened in the next") {
    Harness h;
    h.writer->start_element("p");
    h.writer->raw_html("<b>", 0);
    h.writer->text("one");
    h.writer->end_element("p");
    h.writer->newline();
    h.writer->start_element("p");
    h.writer->text("two");
    h.writer->raw_html("</b>", 10);
    h.writer->text(" three");
    h.writer->end_element("p");
    CHECK(h.done() == "<p><b>one</b></p>\n<p><b>two</b> three</p>");
  }

  TEST_CASE("raw HTML may close a Markdown element, whose own end is then dropped") {
    Harness h;
    h.writer->start_element("p");
    h.writer->text("a ");
    h.writer->raw_html("<div>", 0);
    h.writer->text("b");
    h.writer->raw_html("</div>", 5);
    h.writer->text(" c");
    h.writer->end_element("p");
    CHECK(h.done() == "<p>a </p><div>b</div> c");
    CHECK(h.diagnostics.empty());
  }

  TEST_CASE("Markdown elements go through the same policy and URL filter") {
    Harness h;
    h.writer->start_element("a", {{"href", "javascript:alert(1)"}, {"title", "t"}});
    h.writer->text("x");
    h.writer->end_element("a");
    h.writer->start_element("img", {{"src", "https://example.com/a.png"}, {"alt", "a"}});
    h.writer->start_element("a", {{"href", "#intro"}});
    h.writer->end_element("a");
    CHECK(h.done() == "<a title=\"t\">x</a><img src=\"https://example.com/a.png\" alt=\"a\"><a href=\"#user-content-intro\"></a>");
    CHECK(has_code(h.diagnostics, "url.scheme-blocked"));
  }

  TEST_CASE("Markdown elements the policy removes keep their text") {
    Harness h;
    h.policy = SanitizePolicy::strict();
    h.writer = std::make_unique<HtmlWriter>(h.html, h.config, h.diagnostics);
    h.writer->start_element("table");
    h.writer->start_element("tr");
    h.writer->start_element("td");
    h.writer->text("cell");
    h.writer->end_element("td");
    h.writer->end_element("tr");
    h.writer->end_element("table");
    h.writer->start_element("h2", {{"id", "x"}});
    h.writer->text("t");
    h.writer->end_element("h2");
    CHECK(h.done() == "cell<h2>t</h2>");
  }

  TEST_CASE("Markdown task items and source lines pass") {
    Harness h;
    h.writer->start_element("ul");
    h.writer->start_element("li", {{"class", "task-list-item"}, {"data-source-line", "3"}});
    h.writer->start_element("input", {{"type", "checkbox"}, {"class", "task-list-item-checkbox"}, {"disabled", ""}, {"checked", ""}});
    h.writer->text("done");
    h.writer->end_element("li");
    h.writer->end_element("ul");
    CHECK(h.done() == "<ul><li class=\"task-list-item\" data-source-line=\"3\"><input type=\"checkbox\" "
                      "class=\"task-list-item-checkbox\" checked=\"\" disabled=\"\">done</li></ul>");
  }

  TEST_CASE("inside_link sees links opened by raw HTML") {
    Harness h;
    h.writer->raw_html("<a href=\"/x\">", 0);
    CHECK(h.writer->inside_link());
    h.writer->raw_html("</a>", 0);
    CHECK_FALSE(h.writer->inside_link());
  }

  TEST_CASE("diagnostics carry the line and column of the token in the whole file") {
    std::string file = "---\ntitle: x\n---\n\nline <b onclick=x>y</b>\n";
    SourceMap map(file);
    std::string html;
    Diagnostics d;
    SanitizePolicy policy = SanitizePolicy::blog_post();
    WriterConfig config;
    config.policy = &policy;
    HtmlWriter writer(html, config, d, &map);
    std::size_t at = file.find("<b");
    writer.raw_html(file.substr(at, 16), at);
    writer.finish();
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "html.attribute-removed");
    CHECK(d[0].line == 5);
    CHECK(d[0].column == 9);
  }

  TEST_CASE("identical diagnostics are capped, with one summary") {
    std::string input;
    for (int i = 0; i < 500; ++i) input += "<foo>";
    Diagnostics d;
    clean(input, SanitizePolicy::blog_post(), &d);
    CHECK(d.size() == 101);
    CHECK(contains(d.back().message, "400 more"));
  }

  // ---- trusted mode

  TEST_CASE("trusted mode writes raw HTML and elements verbatim") {
    Harness h(false);
    h.writer->raw_html("<script>x</script><P onclick=y>", 0);
    h.writer->start_element("a", {{"href", "javascript:x"}});
    h.writer->text("<t>");
    h.writer->end_element("a");
    CHECK(h.done() == "<script>x</script><P onclick=y><a href=\"javascript:x\">&lt;t&gt;</a>");
  }

  TEST_CASE("trusted mode resolves Markdown URLs against base_url") {
    Harness h(false);
    h.config.base_url = "https://example.com/blog/";
    h.writer = std::make_unique<HtmlWriter>(h.html, h.config, h.diagnostics);
    h.writer->start_element("a", {{"href", "post.html"}});
    h.writer->end_element("a");
    CHECK(h.done() == "<a href=\"https://example.com/blog/post.html\"></a>");
  }

  // ---- whole posts and properties

  TEST_CASE("the seed post keeps its text, headings, colours and links") {
    std::ifstream file(std::string(POSTRENDER_SHARED_DIR) + "/seed/000_df5a8b09b0ad8a9a.txt", std::ios::binary);
    REQUIRE(file.good());
    std::stringstream buffer;
    buffer << file.rdbuf();
    postrender::Post post = postrender::render(buffer.str());
    const std::string& html = post.html;
    CHECK(contains(html, "<p data-ke-size=\"size16\">"));
    CHECK(contains(html, "<h2 id=\"user-content-"));
    CHECK(contains(html, "data-ke-size=\"size26\">조달청과 메인비즈 간담회에서의 혁신성장 방안</h2>"));
    CHECK(contains(html, "<b><span style=\"color: #ee2323\">"));
    CHECK(contains(html, "<span style=\"background-color: #21538527\">"));
    CHECK(contains(html, "<a href=\"https://newsdao.kr/4937\" rel=\"dofollow noopener noreferrer\">"));
    CHECK(contains(html, "<a href=\"https://newsdao.kr\" rel=\"dofollow noopener noreferrer\">https://newsdao.kr</a>"));
    CHECK(contains(html, "<p data-ke-size=\"size16\">&nbsp;</p>"));
    CHECK(contains(html, "문의 및 저작권 안내"));
    CHECK(check_canonical(html, SanitizePolicy::blog_post()) == "");
    CHECK(clean(html) == html);
  }

  TEST_CASE("property: output is balanced, within the policy and stable for generated inputs") {
    // Fragments chosen to hit the tokenizer states and the content-model rules together.
    static const std::vector<std::string> kPieces = {
        "<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<i>", "</i>", "<a href=\"/x\">", "<a href=javascript:x>",
        "</a>", "<ul>", "<ol start=2>", "<li>", "</li>", "</ul>", "<table>", "<tr>", "<td>", "<th>", "</td>",
        "</tr>", "</table>", "<tbody>", "<caption>", "<h1>", "<h2 id=t>", "</h1>", "</h2>", "<pre>", "</pre>",
        "<span style=\"color:red;position:fixed\">", "</span>", "<img src=x onerror=y>", "<br>", "</br>", "<hr>",
        "<script>", "</script>", "<style>", "<svg>", "</svg>", "<math>", "<mi>", "<template>", "</template>",
        "<noscript>", "</noscript>", "<!--", "-->", "<!-- c -->", "<![CDATA[", "]]>", "<?x>", "</ x>", "text",
        " ", "\n", "&amp;", "&lt;", "&nbsp;", "&#0;", "<", ">", "\"", "'", "=", "<dl>", "<dt>", "<dd>", "<ruby>",
        "<rt>", "<rp>", "<blockquote>", "</blockquote>", "<details>", "<summary>", "<em>", "<strong>", "</em>",
        "<s>", "<code>", "<sub>", "<foreignObject>", "<title>", "</title>", "<textarea>", "<select>", "<option>",
        "<form>", "<input type=checkbox>", "<font color=red>", "<image src=y>", "<x-y>", "<table><td>", "</x>",
        "<a name=n href=#f target=_blank>", "<p id=user-content-q>", "<mark>", "<q cite=\"https://e\">",
        "\r\n", "<pre>\n", "\xC2\xA0", "<plaintext>", "<xmp>", "<iframe>", "</iframe>", "<object>", "</object>",
    };
    const SanitizePolicy policy = SanitizePolicy::blog_post();
    std::mt19937 random(20240501);  // fixed seed: the same inputs on every run
    std::uniform_int_distribution<std::size_t> pick(0, kPieces.size() - 1);
    std::uniform_int_distribution<int> length(1, 40);
    for (int round = 0; round < 3000; ++round) {
      std::string input;
      int n = length(random);
      for (int i = 0; i < n; ++i) input += kPieces[pick(random)];
      std::string once = clean(input, policy);
      std::string twice = clean(once, policy);
      CAPTURE(input);
      CAPTURE(once);
      REQUIRE(check_canonical(once, policy) == "");
      REQUIRE(twice == once);
    }
  }
}

TEST_SUITE("html_writer") {
  // begin_excerpt()/end_excerpt(): a true answer lets render() skip re-sanitizing the excerpt, so
  // it must only be given when the bytes are what a second pass would return.
  struct ExcerptRun {
    std::string out;
    Diagnostics diagnostics;
    WriterConfig config;
    SanitizePolicy policy = SanitizePolicy::blog_post();
    ExcerptRun() { config.policy = &policy; }
  };

  TEST_CASE("an excerpt written from a clean state and closed again is self-contained") {
    ExcerptRun run;
    HtmlWriter writer(run.out, run.config, run.diagnostics);
    writer.raw_html("<div>before</div>\n", 0);
    std::size_t begin = writer.begin_excerpt();
    writer.start_element("p");
    writer.text("Some ");
    writer.raw_html("<b onclick=\"x\">bold</b> <a href=\"javascript:x\">js</a>", 0);
    writer.start_element("a", {{"href", "/x"}, {"title", "t"}});
    writer.text("link");
    writer.end_element("a");
    writer.end_element("p");
    CHECK(writer.end_excerpt());
    std::string excerpt = run.out.substr(begin);
    CHECK(excerpt == "<p>Some <b>bold</b> <a>js</a><a href=\"/x\" title=\"t\">link</a></p>");
    CHECK(clean(excerpt) == excerpt);
    writer.finish();
  }

  TEST_CASE("an excerpt is not self-contained when it starts inside or by closing earlier elements") {
    SUBCASE("inside an open element") {
      ExcerptRun run;
      HtmlWriter writer(run.out, run.config, run.diagnostics);
      writer.raw_html("<ul><li>", 0);
      writer.begin_excerpt();
      writer.start_element("p");
      writer.raw_html("<input type=\"checkbox\">", 0);  // kept only because of the <li> before
      writer.end_element("p");
      CHECK_FALSE(writer.end_excerpt());
      CHECK(contains(run.out, "<input"));
    }
    SUBCASE("closing formatting opened before it") {
      ExcerptRun run;
      HtmlWriter writer(run.out, run.config, run.diagnostics);
      writer.raw_html("<b>bold", 0);
      std::size_t begin = writer.begin_excerpt();
      writer.start_element("p");
      writer.text("para");
      writer.end_element("p");
      CHECK_FALSE(writer.end_excerpt());
      CHECK(run.out.substr(begin).rfind("</b>", 0) == 0);  // the slice starts by closing <b>
    }
    SUBCASE("reopening formatting closed before it") {
      ExcerptRun run;
      HtmlWriter writer(run.out, run.config, run.diagnostics);
      writer.raw_html("<p><i>x</p>", 0);  // the <i> stays in the active formatting list
      writer.begin_excerpt();
      writer.start_element("p");
      writer.text("para");
      writer.end_element("p");
      CHECK_FALSE(writer.end_excerpt());
    }
    SUBCASE("leaving an element open") {
      ExcerptRun run;
      HtmlWriter writer(run.out, run.config, run.diagnostics);
      writer.begin_excerpt();
      writer.start_element("p");
      writer.raw_html("<div>", 0);
      writer.end_element("p");
      CHECK_FALSE(writer.end_excerpt());
    }
    SUBCASE("reopening formatting inside it") {
      ExcerptRun run;
      HtmlWriter writer(run.out, run.config, run.diagnostics);
      writer.begin_excerpt();
      writer.raw_html("<p><b>x</p><p>y</p>", 0);  // the <b> is reopened in the second <p>
      CHECK_FALSE(writer.end_excerpt());
    }
    SUBCASE("after an element the depth limit dropped") {
      ExcerptRun run;
      run.config.max_nesting = 1;
      HtmlWriter writer(run.out, run.config, run.diagnostics);
      writer.raw_html("<div><span>x</div>", 0);  // <span> dropped: its </span> is still awaited
      writer.begin_excerpt();
      writer.start_element("p");
      writer.raw_html("</span>", 0);
      writer.end_element("p");
      CHECK_FALSE(writer.end_excerpt());
    }
    SUBCASE("inside content dropped with its element") {
      ExcerptRun run;
      HtmlWriter writer(run.out, run.config, run.diagnostics);
      writer.raw_html("<svg>", 0);
      writer.begin_excerpt();
      writer.start_element("p");
      writer.end_element("p");
      CHECK_FALSE(writer.end_excerpt());
    }
    SUBCASE("with a data-source-line the policy would remove from raw HTML") {
      ExcerptRun run;
      run.policy = SanitizePolicy::strict();
      HtmlWriter writer(run.out, run.config, run.diagnostics);
      writer.begin_excerpt();
      writer.start_element("p", {{"data-source-line", "3"}});
      writer.end_element("p");
      CHECK_FALSE(writer.end_excerpt());
    }
  }

  TEST_CASE("in trusted mode every excerpt is taken as written") {
    std::string out;
    Diagnostics diagnostics;
    WriterConfig config;
    config.sanitize = false;
    HtmlWriter writer(out, config, diagnostics);
    writer.raw_html("<b>", 0);
    CHECK(writer.begin_excerpt() == 3);
    writer.start_element("p");
    writer.end_element("p");
    CHECK(writer.end_excerpt());
  }
}

TEST_SUITE("html_writer") {
  TEST_CASE("raw HTML given as pieces of one buffer reads as the same pieces given one by one") {
    const std::string text = "<div title=\"a\nb\">x <script>y</script>\n<img src=\"javascript:z\"></div>\n";
    const std::vector<RawPiece> pieces = {{0, 10}, {14, 40}, {14, 40}, {45, 80}};  // one empty
    const std::string lines(100, '\n');
    SourceMap map(lines);
    for (bool buffered : {false, true}) {
      CAPTURE(buffered);
      SanitizePolicy policy = SanitizePolicy::blog_post();
      WriterConfig config;
      config.policy = &policy;
      std::string one_by_one, whole;
      Diagnostics d1, d2;
      {
        HtmlWriter writer(one_by_one, config, d1, &map);
        if (buffered) writer.raw_html("<p>", 0);
        for (std::size_t i = 0; i < pieces.size(); ++i) {
          std::size_t end = i + 1 < pieces.size() ? pieces[i + 1].at : text.size();
          writer.raw_html(std::string_view(text).substr(pieces[i].at, end - pieces[i].at), pieces[i].source_offset);
        }
        writer.finish();
      }
      {
        HtmlWriter writer(whole, config, d2, &map);
        if (buffered) writer.raw_html("<p>", 0);
        std::string block = text;
        writer.raw_html_pieces(block, pieces);
        writer.finish();
      }
      CHECK(whole == one_by_one);
      REQUIRE(d1.size() == d2.size());
      CHECK(d1.size() >= 2);
      for (std::size_t i = 0; i < d1.size(); ++i) {
        CHECK(d1[i].line == d2[i].line);
        CHECK(d1[i].message == d2[i].message);
      }
    }
  }
}

TEST_SUITE("html_writer") {
  TEST_CASE("an element given by id is written, kept and reported exactly as the same element given by name") {
    // The Markdown renderer names its elements by id, and their attributes' policy answers are
    // remembered per writer: the bytes and diagnostics must not change, whatever the policy.
    SanitizePolicy narrow = SanitizePolicy::blog_post();
    narrow.remove_attributes({"title", "start"});
    narrow.remove_elements({"del"});
    narrow.id_prefix = "p-";
    narrow.allowed_classes = {"task-list-item"};
    SanitizePolicy align_on_td = SanitizePolicy::blog_post();
    align_on_td.clear_attributes();
    align_on_td.allow_attributes({"align"}).on_elements({"td"});
    align_on_td.allow_attributes({"href"}).on_elements({"a"});
    const SanitizePolicy* policies[] = {&narrow, &align_on_td};
    struct Event {
      bool start;
      El id;
      std::vector<Attribute> attributes;
    };
    const std::vector<Event> events = {
        {true, El::table, {}},
        {true, El::thead, {}},
        {true, El::tr, {}},
        {true, El::th, {{"align", "left"}}},
        {false, El::th, {}},
        {true, El::td, {{"align", "right"}}},
        {false, El::td, {}},
        {true, El::td, {{"align", "right"}}},
        {false, El::td, {}},
        {false, El::tr, {}},
        {false, El::thead, {}},
        {false, El::table, {}},
        {true, El::h2, {{"id", "intro"}}},
        {false, El::h2, {}},
        {true, El::ol, {{"start", "3"}}},
        {true, El::li, {{"class", "task-list-item"}}},
        {true, El::input, {{"type", "checkbox"}, {"class", "task-list-item-checkbox"}, {"disabled", ""}, {"checked", ""}}},
        {true, El::a, {{"href", "https://x.example/a b"}, {"title", "T \"q\""}}},
        {true, El::del, {}},
        {false, El::del, {}},
        {false, El::a, {}},
        {true, El::a, {{"href", "javascript:alert(1)"}}},
        {false, El::a, {}},
        {true, El::a, {{"href", "#sec"}}},
        {false, El::a, {}},
        {true, El::img, {{"src", "/i.png"}, {"alt", "pic"}, {"title", "t"}}},
        {true, El::pre, {}},
        {true, El::code, {{"class", "language-c++ other"}}},
        {false, El::code, {}},
        {false, El::pre, {}},
        {false, El::li, {}},
        {false, El::ol, {}},
    };
    for (const SanitizePolicy* policy : policies) {
      for (std::string_view base : {std::string_view{}, std::string_view("https://x.example/")}) {
        std::string by_id, by_name;
        Diagnostics d1, d2;
        WriterConfig config;
        config.policy = policy;
        config.base_url = base;
        {
          HtmlWriter writer(by_id, config, d1);
          for (const Event& e : events) {
            if (e.start) writer.start_element(e.id, e.attributes);
            else writer.end_element(e.id);
            writer.text("x");
          }
          writer.finish();
        }
        {
          HtmlWriter writer(by_name, config, d2);
          for (const Event& e : events) {
            if (e.start) writer.start_element(element_name(e.id), e.attributes);
            else writer.end_element(element_name(e.id));
            writer.text("x");
          }
          writer.finish();
        }
        CAPTURE(by_name);
        CHECK(by_id == by_name);
        REQUIRE(d1.size() == d2.size());
        CHECK(d1.size() >= 3);
        for (std::size_t i = 0; i < d1.size(); ++i) CHECK(d1[i].message == d2[i].message);
      }
    }
  }

  TEST_CASE("an attribute the policy allows on one element is still removed from another") {
    SanitizePolicy policy = SanitizePolicy::blog_post();
    policy.clear_attributes();
    policy.allow_attributes({"align"}).on_elements({"td"});
    std::string html;
    Diagnostics diagnostics;
    WriterConfig config;
    config.policy = &policy;
    HtmlWriter writer(html, config, diagnostics);
    writer.start_element(El::table);
    writer.start_element(El::tr);
    writer.start_element(El::td, {{"align", "left"}});
    writer.end_element(El::td);
    writer.start_element(El::th, {{"align", "left"}});
    writer.end_element(El::th);
    writer.start_element(El::td, {{"align", "center"}});
    writer.finish();
    CHECK(html == "<table><tbody><tr><td align=\"left\"></td><th></th><td align=\"center\"></td></tr></tbody></table>");
    CHECK(count_code(diagnostics, "html.attribute-removed") == 1);
  }
}

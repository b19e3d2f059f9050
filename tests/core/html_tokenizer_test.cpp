#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "html_tokenizer.hpp"

using namespace postrender::detail;

namespace {

// OWASP-style golden assertion: the token lines of `html` must equal `expected`.
void assert_tokens(const std::string& html, const std::vector<std::string>& expected) {
  CAPTURE(html);
  std::vector<std::string> actual = describe_tokens(html);
  std::string got;
  for (const auto& line : actual) got += line + "\n";
  std::string want;
  for (const auto& line : expected) want += line + "\n";
  CHECK(got == want);
}

std::vector<Token> tokens_of(std::string_view html, std::vector<std::vector<TokenAttribute>>* attributes = nullptr) {
  static std::vector<std::string> keep;  // owns copies so views stay valid for the test
  HtmlTokenizer tokenizer;
  tokenizer.reset(html);
  std::vector<Token> out;
  Token token;
  while (tokenizer.next(token)) {
    keep.emplace_back(token.data);
    token.data = keep.back();
    out.push_back(token);
    if (attributes) attributes->push_back(tokenizer.attributes());
  }
  return out;
}

}  // namespace

TEST_SUITE("html_tokenizer") {
  TEST_CASE("tags, attributes and text become tokens in order") {
    assert_tokens("<div class=\"x\">hi</div>",
                  {"TAGBEGIN: <div", "ATTRNAME: class", "ATTRVALUE: x", "TAGEND: >", "TEXT: hi", "TAGBEGIN: </div",
                   "TAGEND: >"});
  }

  TEST_CASE("tag and attribute names are lower-cased, values are not") {
    assert_tokens("<DiV CLASS='AbC'>", {"TAGBEGIN: <div", "ATTRNAME: class", "ATTRVALUE: AbC", "TAGEND: >"});
  }

  TEST_CASE("single-quoted, double-quoted, unquoted and missing values") {
    assert_tokens("<a b='1' c=\"2\" d=3 e f = 4>",
                  {"TAGBEGIN: <a", "ATTRNAME: b", "ATTRVALUE: 1", "ATTRNAME: c", "ATTRVALUE: 2", "ATTRNAME: d",
                   "ATTRVALUE: 3", "ATTRNAME: e", "ATTRNAME: f", "ATTRVALUE: 4", "TAGEND: >"});
  }

  TEST_CASE("unquoted values end at space or '>' and keep quotes and '<' inside") {
    assert_tokens("<a href=x\"y'<z>t",
                  {"TAGBEGIN: <a", "ATTRNAME: href", "ATTRVALUE: x\"y'<z", "TAGEND: >", "TEXT: t"});
  }

  TEST_CASE("quoted values may contain '>' and the other quote") {
    assert_tokens("<p title=\"a>b'c\">", {"TAGBEGIN: <p", "ATTRNAME: title", "ATTRVALUE: a>b'c", "TAGEND: >"});
  }

  TEST_CASE("missing whitespace after a quoted value starts the next attribute") {
    assert_tokens("<a b=\"1\"c=\"2\">", {"TAGBEGIN: <a", "ATTRNAME: b", "ATTRVALUE: 1", "ATTRNAME: c", "ATTRVALUE: 2",
                                         "TAGEND: >"});
  }

  TEST_CASE("a leading '=' and quotes are part of an attribute name") {
    assert_tokens("<a =x \"y=1>", {"TAGBEGIN: <a", "ATTRNAME: =x", "ATTRNAME: \"y", "ATTRVALUE: 1", "TAGEND: >"});
  }

  TEST_CASE("duplicate attributes: the first one wins") {
    assert_tokens("<img src=a SRC=b alt=c src=d>",
                  {"TAGBEGIN: <img", "ATTRNAME: src", "ATTRVALUE: a", "ATTRNAME: alt", "ATTRVALUE: c", "TAGEND: >"});
  }

  TEST_CASE("self-closing flag, and a stray slash is only whitespace") {
    assert_tokens("<br/><a / href=x/>", {"TAGBEGIN: <br", "TAGEND: />", "TAGBEGIN: <a", "ATTRNAME: href",
                                          "ATTRVALUE: x/", "TAGEND: >"});
    assert_tokens("<a href='x'/>", {"TAGBEGIN: <a", "ATTRNAME: href", "ATTRVALUE: x", "TAGEND: />"});
  }

  TEST_CASE("slash and newline separate tag name and attributes") {
    assert_tokens("<img/src=x\nonerror=y>", {"TAGBEGIN: <img", "ATTRNAME: src", "ATTRVALUE: x", "ATTRNAME: onerror",
                                              "ATTRVALUE: y", "TAGEND: >"});
  }

  TEST_CASE("end tags drop their attributes") {
    assert_tokens("</div class=x >", {"TAGBEGIN: </div", "TAGEND: >"});
  }

  TEST_CASE("'<' that does not start markup is text") {
    assert_tokens("a < b <3 <", {"TEXT: a < b <3 <"});
    assert_tokens("x</", {"TEXT: x</"});
  }

  TEST_CASE("an unterminated tag at the end of input is reported and not a tag") {
    assert_tokens("hi <a href='x", {"TEXT: hi ", "UNTERMINATED: <a href='x"});
    assert_tokens("<div", {"UNTERMINATED: <div"});
  }

  TEST_CASE("comments, including the abrupt and --!> forms") {
    assert_tokens("<!-- a -->b", {"COMMENT:  a ", "TEXT: b"});
    assert_tokens("<!-->x", {"COMMENT: ", "TEXT: x"});
    assert_tokens("<!--->x", {"COMMENT: ", "TEXT: x"});
    assert_tokens("<!---->x", {"COMMENT: ", "TEXT: x"});
    assert_tokens("<!--a--!>x", {"COMMENT: a", "TEXT: x"});
    assert_tokens("<!--a-- >b-->c", {"COMMENT: a-- >b", "TEXT: c"});
    assert_tokens("<!-- a --->x", {"COMMENT:  a -", "TEXT: x"});
  }

  TEST_CASE("an unclosed comment runs to the end of input") {
    assert_tokens("<!-- <img src=x onerror=alert(1)>", {"COMMENT:  <img src=x onerror=alert(1)>"});
  }

  TEST_CASE("bogus comments: processing instructions, '</ x>', '<!x>'") {
    assert_tokens("<?xml version=1?>a", {"COMMENT: ?xml version=1?", "TEXT: a"});
    assert_tokens("</ x>a", {"COMMENT:  x", "TEXT: a"});
    assert_tokens("</3>a", {"COMMENT: 3", "TEXT: a"});
    assert_tokens("<!x>a", {"COMMENT: x", "TEXT: a"});
    assert_tokens("<!>a", {"COMMENT: ", "TEXT: a"});
  }

  TEST_CASE("'</>' produces nothing") { assert_tokens("a</>b", {"TEXT: a", "TEXT: b"}); }

  TEST_CASE("doctype ends at the first '>' even inside quotes") {
    assert_tokens("<!DOCTYPE html PUBLIC \"a>b\">", {"DOCTYPE: <!DOCTYPE html PUBLIC \"a>", "TEXT: b\">"});
    assert_tokens("<!doctype html>x", {"DOCTYPE: <!doctype html>", "TEXT: x"});
  }

  TEST_CASE("CDATA is a bogus comment in HTML content and a section in foreign content") {
    assert_tokens("<![CDATA[x>y]]>z", {"COMMENT: [CDATA[x", "TEXT: y]]>z"});
    HtmlTokenizer tokenizer;
    tokenizer.reset("<![CDATA[</svg><b>]]>z");
    tokenizer.set_foreign(true);
    Token token;
    REQUIRE(tokenizer.next(token));
    CHECK(token.type == TokenType::cdata);
    CHECK(token.data == "</svg><b>");
    REQUIRE(tokenizer.next(token));
    CHECK(token.type == TokenType::text);
    CHECK(token.data == "z");
  }

  TEST_CASE("named, decimal and hex references in text") {
    assert_tokens("a&amp;b &lt;&#60;&#x3C;&#X3c; &nbsp;", {"TEXT: a&b <<<< \xC2\xA0"});
  }

  TEST_CASE("legacy names without ';' decode in text, longest match") {
    assert_tokens("&copy2024 &notit; &ampx", {"TEXT: \xC2\xA9" "2024 \xC2\xACit; &x"});
  }

  TEST_CASE("unknown names and '&' alone stay literal") {
    assert_tokens("&foo; & &; &#; &#x;", {"TEXT: &foo; & &; &#; &#x;"});
  }

  TEST_CASE("numeric references: zero, surrogates and out of range become U+FFFD") {
    assert_tokens("&#0;&#xD800;&#x110000;&#99999999999;", {"TEXT: \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"});
  }

  TEST_CASE("numeric references without ';' still decode") { assert_tokens("&#65x&#x42", {"TEXT: AxB"}); }

  TEST_CASE("C1 numeric references are remapped as windows-1252") {
    assert_tokens("&#x80;&#150;", {"TEXT: \xE2\x82\xAC\xE2\x80\x93"});
  }

  TEST_CASE("attribute values: legacy name before '=' or alphanumeric stays literal") {
    assert_tokens("<a href=\"?a=1&copy=2&amp;b&not\">",
                  {"TAGBEGIN: <a", "ATTRNAME: href", "ATTRVALUE: ?a=1&copy=2&b\xC2\xAC", "TAGEND: >"});
  }

  TEST_CASE("obfuscated javascript: scheme decodes in attribute values") {
    assert_tokens("<a href=\"jav&#x09;ascript&colon;alert(1)\">",
                  {"TAGBEGIN: <a", "ATTRNAME: href", "ATTRVALUE: jav\tascript:alert(1)", "TAGEND: >"});
  }

  TEST_CASE("NUL: dropped from text, U+FFFD in names and values") {
    std::string html("a\0b<x\0y z\0=\"\0\">", 15);
    assert_tokens(html, {"TEXT: ab", "TAGBEGIN: <x\xEF\xBF\xBDy", "ATTRNAME: z\xEF\xBF\xBD",
                         "ATTRVALUE: \xEF\xBF\xBD", "TAGEND: >"});
  }

  TEST_CASE("script content is raw text up to </script> in any case") {
    assert_tokens("<script>if (a<b) x = '<b>';</SCRIPT >after",
                  {"TAGBEGIN: <script", "TAGEND: >", "RAWTEXT: if (a<b) x = '<b>';", "TAGBEGIN: </script",
                   "TAGEND: >", "TEXT: after"});
  }

  TEST_CASE("</script needs a delimiter to end the script") {
    assert_tokens("<script>a</scripty>b</script>", {"TAGBEGIN: <script", "TAGEND: >", "RAWTEXT: a</scripty>b",
                                                     "TAGBEGIN: </script", "TAGEND: >"});
  }

  TEST_CASE("script double-escaped <!--<script> hides the first </script>") {
    assert_tokens("<script><!--<script></script><img src=x onerror=alert(1)></script>z",
                  {"TAGBEGIN: <script", "TAGEND: >",
                   "RAWTEXT: <!--<script></script><img src=x onerror=alert(1)>", "TAGBEGIN: </script",
                   "TAGEND: >", "TEXT: z"});
  }

  TEST_CASE("script escaped state: --> returns to script data") {
    assert_tokens("<script><!-- x --></script>y", {"TAGBEGIN: <script", "TAGEND: >", "RAWTEXT: <!-- x -->",
                                                    "TAGBEGIN: </script", "TAGEND: >", "TEXT: y"});
    assert_tokens("<script><!--></script>y", {"TAGBEGIN: <script", "TAGEND: >", "RAWTEXT: <!-->",
                                              "TAGBEGIN: </script", "TAGEND: >", "TEXT: y"});
  }

  TEST_CASE("rawtext elements ignore markup and references") {
    for (const char* name : {"style", "xmp", "iframe", "noembed", "noframes", "noscript"}) {
      std::string n(name);
      CAPTURE(n);
      assert_tokens("<" + n + "><b>&amp;</b></" + n + ">",
                    {"TAGBEGIN: <" + n, "TAGEND: >", "RAWTEXT: <b>&amp;</b>", "TAGBEGIN: </" + n, "TAGEND: >"});
    }
  }

  TEST_CASE("noscript ends inside an attribute-looking string (mXSS vector)") {
    assert_tokens("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
                  {"TAGBEGIN: <noscript", "TAGEND: >", "RAWTEXT: <p title=\"", "TAGBEGIN: </noscript", "TAGEND: >",
                   "TAGBEGIN: <img", "ATTRNAME: src", "ATTRVALUE: x", "ATTRNAME: onerror", "ATTRVALUE: alert(1)",
                   "TAGEND: >", "TEXT: \">"});
  }

  TEST_CASE("rcdata elements decode references but not markup") {
    assert_tokens("<textarea><b>&amp;</b></textarea>",
                  {"TAGBEGIN: <textarea", "TAGEND: >", "RAWTEXT: <b>&</b>", "TAGBEGIN: </textarea", "TAGEND: >"});
    assert_tokens("<title>a&lt;b</title>", {"TAGBEGIN: <title", "TAGEND: >", "RAWTEXT: a<b", "TAGBEGIN: </title",
                                            "TAGEND: >"});
  }

  TEST_CASE("plaintext swallows the rest of the input") {
    assert_tokens("<plaintext></plaintext><b>", {"TAGBEGIN: <plaintext", "TAGEND: >", "RAWTEXT: </plaintext><b>"});
  }

  TEST_CASE("self-closing raw-text start tags still start raw text") {
    assert_tokens("<script/>alert(1)</script>", {"TAGBEGIN: <script", "TAGEND: />", "RAWTEXT: alert(1)",
                                                  "TAGBEGIN: </script", "TAGEND: >"});
  }

  TEST_CASE("an unclosed raw-text element is reported as still open") {
    HtmlTokenizer tokenizer;
    tokenizer.reset("<style>a{}");
    Token token;
    while (tokenizer.next(token)) {
    }
    CHECK(tokenizer.open_raw_element() == El::style);
  }

  TEST_CASE("a chunk can start inside raw text left open by an earlier chunk") {
    HtmlTokenizer tokenizer;
    tokenizer.reset("x</noscript><b>", 100, El::noscript);
    Token token;
    REQUIRE(tokenizer.next(token));
    CHECK(token.type == TokenType::raw_text);
    CHECK(token.data == "x");
    CHECK(token.begin == 100);
    REQUIRE(tokenizer.next(token));
    CHECK(token.type == TokenType::end_tag);
    CHECK(token.element == El::noscript);
    CHECK(tokenizer.open_raw_element() == El::unknown);
  }

  TEST_CASE("foreign content does not switch to raw text") {
    HtmlTokenizer tokenizer;
    tokenizer.reset("<style><b>x</b></style>");
    tokenizer.set_foreign(true);
    Token token;
    REQUIRE(tokenizer.next(token));
    CHECK(token.type == TokenType::start_tag);
    REQUIRE(tokenizer.next(token));
    CHECK(token.type == TokenType::start_tag);
    CHECK(token.data == "b");
  }

  TEST_CASE("tokens carry source offsets including the base offset") {
    HtmlTokenizer tokenizer;
    tokenizer.reset("ab<p id=x>c", 10);
    Token token;
    REQUIRE(tokenizer.next(token));
    CHECK(token.begin == 10);
    CHECK(token.end == 12);
    REQUIRE(tokenizer.next(token));
    CHECK(token.begin == 12);
    CHECK(token.end == 20);
    REQUIRE(tokenizer.attributes().size() == 1);
    CHECK(tokenizer.attributes()[0].offset == 15);
  }

  TEST_CASE("element ids come from the element table") {
    auto tokens = tokens_of("<IMG><custom-el></table>");
    REQUIRE(tokens.size() == 3);
    CHECK(tokens[0].element == El::img);
    CHECK(tokens[1].element == El::unknown);
    CHECK(tokens[2].element == El::table);
  }

  TEST_CASE("every element name looks up to its own id, other names to unknown") {
    for (int i = 1; i < static_cast<int>(El::count_); ++i) {
      auto id = static_cast<El>(i);
      CAPTURE(element_name(id));
      CHECK(lookup_element(element_name(id)) == id);
    }
    for (const char* name : {"", "x", "divv", "scrip", "blockquotes", "custom-el", "DIV"}) {
      CAPTURE(name);
      CHECK(lookup_element(name) == El::unknown);
    }
  }

  TEST_CASE("text stops are found at every offset of the 8-byte scan") {
    // read_text skips 8 bytes at a time: '&', '<' and NUL must stop it wherever they fall.
    for (std::size_t k = 0; k < 20; ++k) {
      const std::string pad(k, 'a');
      const std::string tail(19 - k, 'z');
      auto got = tokens_of(pad + "&amp;" + tail + "<b>");
      CAPTURE(k);
      REQUIRE(got.size() == 2);
      CHECK(got[0].type == TokenType::text);
      CHECK(got[0].data == pad + "&" + tail);
      CHECK(got[1].type == TokenType::start_tag);
      got = tokens_of(pad + std::string(1, '\0') + tail + "< 1");
      REQUIRE(got.size() == 1);
      CHECK(got[0].data == pad + tail + "< 1");
      got = tokens_of(pad + "<i>" + tail + "&lt;");
      REQUIRE(got.size() == (k == 0 ? 2u : 3u));
      CHECK(got.back().data == tail + "<");
    }
  }

  TEST_CASE("attribute_never_allowed covers handlers, loaders and odd names") {
    for (const char* name : {"onclick", "onerror", "srcdoc", "srcset", "formaction", "xmlns", "xlink:href", "is",
                             "popover", "ping", "background", "a\"b", ""}) {
      CAPTURE(name);
      CHECK(attribute_never_allowed(name));
    }
    for (const char* name : {"href", "src", "title", "data-x", "class", "open"}) {
      CAPTURE(name);
      CHECK_FALSE(attribute_never_allowed(name));
    }
  }

  TEST_CASE("attribute_never_allowed flags every listed name, and data- names only for their characters") {
    // The whole list in element_table.cpp: the quick exits before its search must miss none.
    for (const char* name : {"accesskey", "action", "attributionsrc", "autofocus", "background", "code", "codebase",
                             "data", "dynsrc", "form", "formaction", "formenctype", "formmethod", "formtarget",
                             "http-equiv", "imagesrcset", "integrity", "is", "longdesc", "lowsrc", "manifest",
                             "nonce", "ping", "popover", "popovertarget", "popovertargetaction", "poster", "sizes",
                             "slot", "srcdoc", "srcset", "usemap", "xmlns"}) {
      CAPTURE(name);
      CHECK(attribute_never_allowed(name));
    }
    for (const char* name : {"data-", "data-srcdoc", "data-on", "data-x.y_z", "style", "width", "z", "_x", "-x"}) {
      CAPTURE(name);
      CHECK_FALSE(attribute_never_allowed(name));
    }
    CHECK(attribute_never_allowed("data-A"));
    CHECK(attribute_never_allowed("data-x:y"));
    CHECK(attribute_never_allowed("onx"));
  }

  TEST_CASE("pathological inputs finish: many attributes, long runs of '<' and '&'") {
    std::string many = "<a";
    for (int i = 0; i < 5000; ++i) many += " x" + std::to_string(i % 300);
    many += ">";
    std::vector<std::vector<TokenAttribute>> attributes;
    auto tokens = tokens_of(many, &attributes);
    REQUIRE(tokens.size() == 1);
    CHECK(attributes[0].size() == 256);
    CHECK(describe_tokens(std::string(100000, '<')).size() == 1);
    CHECK(describe_tokens(std::string(100000, '&')).size() == 1);
    CHECK(describe_tokens("<!--" + std::string(100000, '-')).size() == 1);
  }

  TEST_CASE("golden token files in tests/fixtures/lexer") {
    for (const char* name : {"seed", "attributes", "markup"}) {
      std::string base = std::string(POSTRENDER_SOURCE_DIR) + "/tests/fixtures/lexer/" + name;
      std::ifstream html_file(base + ".html", std::ios::binary);
      std::ifstream golden_file(base + ".golden", std::ios::binary);
      CAPTURE(base);
      REQUIRE(html_file.good());
      REQUIRE(golden_file.good());
      std::stringstream html, golden;
      html << html_file.rdbuf();
      golden << golden_file.rdbuf();
      std::string got;
      for (const auto& line : describe_tokens(html.str())) got += line + "\n";
      CAPTURE(name);
      CHECK(got == golden.str());
    }
  }
}

#include <doctest/doctest.h>

#include <string>

#include "postrender/policy.hpp"

using postrender::SanitizePolicy;

TEST_SUITE("policy") {
  TEST_CASE("blog_post allows GitHub-like elements and refuses scripting and embedding") {
    SanitizePolicy p = SanitizePolicy::blog_post();
    for (const char* name : {"h1", "h6", "p", "br", "hr", "ul", "ol", "li", "blockquote", "pre", "code", "table",
                             "thead", "tbody", "tr", "th", "td", "a", "img", "b", "i", "strong", "em", "u", "s",
                             "del", "ins", "sub", "sup", "mark", "small", "span", "div", "details", "summary",
                             "figure", "figcaption", "kbd", "abbr", "q", "cite", "dl", "dt", "dd", "ruby", "rt", "rp",
                             "input"}) {
      CAPTURE(name);
      CHECK(p.element_allowed(name));
    }
    for (const char* name : {"script", "style", "iframe", "object", "embed", "form", "svg", "math", "template",
                             "base", "meta", "link", "button", "textarea", "select", "dialog"}) {
      CAPTURE(name);
      CHECK_FALSE(p.element_allowed(name));
    }
  }

  TEST_CASE("blog_post attributes are scoped to their elements") {
    SanitizePolicy p = SanitizePolicy::blog_post();
    CHECK(p.attribute_allowed("a", "href"));
    CHECK_FALSE(p.attribute_allowed("div", "href"));
    CHECK(p.attribute_allowed("img", "src"));
    CHECK_FALSE(p.attribute_allowed("a", "src"));
    CHECK(p.attribute_allowed("td", "colspan"));
    CHECK(p.attribute_allowed("ol", "start"));
    CHECK(p.attribute_allowed("input", "checked"));
    CHECK_FALSE(p.attribute_allowed("p", "checked"));
    CHECK_FALSE(p.attribute_allowed("a", "onclick"));
  }

  TEST_CASE("global attributes and data-* are allowed everywhere by default") {
    SanitizePolicy p = SanitizePolicy::blog_post();
    for (const char* element : {"p", "h2", "span", "td"}) {
      CAPTURE(element);
      CHECK(p.attribute_allowed(element, "title"));
      CHECK(p.attribute_allowed(element, "id"));
      CHECK(p.attribute_allowed(element, "class"));
      CHECK(p.attribute_allowed(element, "style"));
      CHECK(p.attribute_allowed(element, "data-ke-size"));
    }
    CHECK_FALSE(p.attribute_allowed("p", "data-"));
  }

  TEST_CASE("blog_post keeps the seed post's styles and schemes") {
    SanitizePolicy p = SanitizePolicy::blog_post();
    for (const char* property : {"color", "background-color", "text-align", "font-weight", "font-style",
                                 "text-decoration", "font-size", "vertical-align"}) {
      CAPTURE(property);
      CHECK(p.css_property_allowed(property));
    }
    CHECK_FALSE(p.css_property_allowed("position"));
    for (const char* scheme : {"http", "https", "mailto", "tel"}) CHECK(p.url_scheme_allowed(scheme));
    CHECK_FALSE(p.url_scheme_allowed("javascript"));
    CHECK_FALSE(p.url_scheme_allowed("data"));
    CHECK(p.id_prefix == "user-content-");
    CHECK(p.allowed_targets.count("_blank"));
    CHECK_FALSE(p.nofollow_links);
  }

  TEST_CASE("strict allows text formatting and links only") {
    SanitizePolicy p = SanitizePolicy::strict();
    CHECK(p.element_allowed("a"));
    CHECK(p.element_allowed("strong"));
    CHECK(p.element_allowed("blockquote"));
    for (const char* name : {"img", "table", "td", "div", "span", "input"}) CHECK_FALSE(p.element_allowed(name));
    CHECK(p.attribute_allowed("a", "href"));
    for (const char* attribute : {"id", "class", "style", "data-x"}) CHECK_FALSE(p.attribute_allowed("p", attribute));
    CHECK(p.nofollow_links);
    CHECK_FALSE(p.url_scheme_allowed("tel"));
  }

  TEST_CASE("names are matched lower-case") {
    SanitizePolicy p;
    p.allow_elements({"SECTION"}).allow_url_schemes({"IRC"}).allow_css_properties({"Color"});
    p.allow_attributes({"ARIA-LABEL"}).on_elements({"SECTION"});
    CHECK(p.element_allowed("section"));
    CHECK(p.url_scheme_allowed("irc"));
    CHECK(p.css_property_allowed("color"));
    CHECK(p.attribute_allowed("section", "aria-label"));
  }

  TEST_CASE("removals win whatever the order of calls") {
    SanitizePolicy a = SanitizePolicy::blog_post();
    a.remove_elements({"img"}).allow_elements({"img"});
    SanitizePolicy b = SanitizePolicy::blog_post();
    b.allow_elements({"img"}).remove_elements({"img"});
    CHECK_FALSE(a.element_allowed("img"));
    CHECK_FALSE(b.element_allowed("img"));

    SanitizePolicy c = SanitizePolicy::blog_post();
    c.remove_attributes({"style"}).allow_attributes({"style"});
    CHECK_FALSE(c.attribute_allowed("span", "style"));

    SanitizePolicy d = SanitizePolicy::blog_post();
    d.remove_url_schemes({"tel"}).allow_url_schemes({"tel"});
    CHECK_FALSE(d.url_scheme_allowed("tel"));

    SanitizePolicy e = SanitizePolicy::blog_post();
    e.remove_css_properties({"color"}).set_css_properties({"color"});
    CHECK_FALSE(e.css_property_allowed("color"));
  }

  TEST_CASE("removing data-* removes every data attribute, one name removes only itself") {
    SanitizePolicy p = SanitizePolicy::blog_post();
    p.remove_attributes({"data-secret"});
    CHECK_FALSE(p.attribute_allowed("p", "data-secret"));
    CHECK(p.attribute_allowed("p", "data-ke-size"));
    p.remove_attributes({"data-*"});
    CHECK_FALSE(p.attribute_allowed("p", "data-ke-size"));
  }

  TEST_CASE("on_elements narrows only its own rule, never an earlier everywhere rule") {
    SanitizePolicy p;
    p.allow_attributes({"title"});
    p.allow_attributes({"title"}).on_elements({"abbr"});
    CHECK(p.attribute_allowed("p", "title"));

    SanitizePolicy q;
    q.allow_attributes({"title"}).on_elements({"abbr"});
    CHECK(q.attribute_allowed("abbr", "title"));
    CHECK_FALSE(q.attribute_allowed("p", "title"));
  }

  TEST_CASE("set_* replaces what is allowed") {
    SanitizePolicy p = SanitizePolicy::blog_post();
    p.set_elements({"p", "b"});
    CHECK(p.element_allowed("b"));
    CHECK_FALSE(p.element_allowed("img"));
    p.set_url_schemes({"https"});
    CHECK_FALSE(p.url_scheme_allowed("http"));
    p.clear_attributes();
    CHECK_FALSE(p.attribute_allowed("a", "href"));
  }

  TEST_CASE("validate reports rules the writer will never honour") {
    CHECK(SanitizePolicy::blog_post().validate().empty());
    CHECK(SanitizePolicy::strict().validate().empty());
    SanitizePolicy p = SanitizePolicy::blog_post();
    p.allow_elements({"script", "iframe"});
    p.allow_attributes({"onclick", "srcdoc"});
    auto problems = p.validate();
    REQUIRE(problems.size() == 4);
    CHECK(problems[0].code == "policy.element-ignored");
    CHECK(problems[2].code == "policy.attribute-ignored");
    p.remove_elements({"script", "iframe"});
    p.remove_attributes({"onclick", "srcdoc"});
    CHECK(p.validate().empty());
  }
}

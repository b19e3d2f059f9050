#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "url_filter.hpp"

using postrender::SanitizePolicy;
using postrender::detail::filter_url;
using postrender::detail::is_external_url;
using postrender::detail::resolve_url;
using postrender::detail::UrlContext;

namespace {

// Built here rather than from blog_post(), so these cases test the filter, not the defaults.
SanitizePolicy web_policy() {
  SanitizePolicy policy;
  policy.allow_url_schemes({"http", "https", "mailto", "tel"});
  return policy;
}

std::optional<std::string> link(std::string_view url, std::string_view base = {}) {
  static const SanitizePolicy policy = web_policy();
  return filter_url(url, UrlContext::link, policy, base);
}

}  // namespace

TEST_SUITE("url_filter") {
  TEST_CASE("allowed schemes pass unchanged") {
    CHECK(link("https://newsdao.kr/4937") == std::optional<std::string>("https://newsdao.kr/4937"));
    CHECK(link("http://example.com/a?b=c#d") == std::optional<std::string>("http://example.com/a?b=c#d"));
    CHECK(link("mailto:someone@example.com") == std::optional<std::string>("mailto:someone@example.com"));
    CHECK(link("tel:+82-42-724-6380") == std::optional<std::string>("tel:+82-42-724-6380"));
  }

  TEST_CASE("scheme detection ignores case") {
    CHECK(link("HTTPS://EXAMPLE.COM/") == std::optional<std::string>("HTTPS://EXAMPLE.COM/"));
    CHECK_FALSE(link("JaVaScRiPt:alert(1)"));
    CHECK_FALSE(link("JAVASCRIPT:alert(1)"));
  }

  TEST_CASE("script-capable and unknown schemes are removed") {
    const char* blocked[] = {"javascript:alert(1)", "vbscript:msgbox(1)", "livescript:alert(1)",
                             "data:text/html,<script>alert(1)</script>", "data:text/html;base64,PHNjcmlwdD4=",
                             "file:///etc/passwd", "ftp://example.com/", "jar:http://x!/", "blob:https://x/1",
                             "ms-its:mhtml:file://C:\\x.mht", "view-source:http://x", "x-javascript:1",
                             "javascript://%0aalert(1)"};
    for (const char* url : blocked) {
      CAPTURE(url);
      CHECK_FALSE(link(url));
    }
  }

  TEST_CASE("whitespace and control characters do not hide a scheme") {
    const char* blocked[] = {" javascript:alert(1)", "\tjavascript:alert(1)", "\x01\x02javascript:alert(1)",
                             "jav\tascript:alert(1)", "jav\nascript:alert(1)", "jav\rascript:alert(1)",
                             "java\x01script:alert(1)", "java\x7fscript:alert(1)", "javascript\t:alert(1)",
                             "  \n javascript :alert(1)", "\x1f javascript:alert(1)", "j a v a s c r i p t:alert(1)"};
    for (const char* url : blocked) {
      CAPTURE(url);
      CHECK_FALSE(link(url));
    }
  }

  TEST_CASE("leading and trailing whitespace is stripped from allowed URLs") {
    CHECK(link("  https://example.com/ \n") == std::optional<std::string>("https://example.com/"));
    CHECK(link("ht\ttp://example.com/") == std::optional<std::string>("http://example.com/"));
  }

  TEST_CASE("a colon after an invalid scheme is refused rather than guessed") {
    CHECK_FALSE(link("%6Aavascript:alert(1)"));
    CHECK_FALSE(link("\xC2\xA0javascript:alert(1)"));     // NBSP is not stripped by browsers
    CHECK_FALSE(link("java\xE2\x80\x8Bscript:alert(1)"));  // zero-width space
    CHECK_FALSE(link(":alert(1)"));
    CHECK_FALSE(link("1http://x"));
  }

  TEST_CASE("a fullwidth colon is no scheme separator, so the URL stays relative") {
    // U+FF1A: browsers read this as a relative path, which is harmless.
    CHECK(link("javascript\xEF\xBC\x9A" "alert(1)") ==
          std::optional<std::string>("javascript\xEF\xBC\x9A" "alert(1)"));
  }

  TEST_CASE("relative URLs and colons after the path start are allowed") {
    CHECK(link("/assets/img/newsdao_breakingnews.jpg") ==
          std::optional<std::string>("/assets/img/newsdao_breakingnews.jpg"));
    CHECK(link("posts/hello.html") == std::optional<std::string>("posts/hello.html"));
    CHECK(link("./a:b") == std::optional<std::string>("./a:b"));
    CHECK(link("/javascript:alert(1)") == std::optional<std::string>("/javascript:alert(1)"));
    CHECK(link("?q=javascript:1") == std::optional<std::string>("?q=javascript:1"));
    CHECK(link("") == std::optional<std::string>(""));
  }

  TEST_CASE("protocol-relative URLs are external http URLs and allowed") {
    CHECK(link("//evil.example/x") == std::optional<std::string>("//evil.example/x"));
    CHECK(is_external_url("//evil.example/x", ""));
  }

  TEST_CASE("backslashes read as slashes the way browsers read them") {
    CHECK(link("\\\\evil.example\\x?a\\b") == std::optional<std::string>("//evil.example/x?a\\b"));
    CHECK(link("https:\\\\example.com\\a") == std::optional<std::string>("https://example.com/a"));
    CHECK(is_external_url("\\\\evil.example", ""));
    // A backslash ends the scheme search: this is the relative path "javascript/:alert(1)".
    CHECK(link("javascript\\:alert(1)") == std::optional<std::string>("javascript/:alert(1)"));
  }

  TEST_CASE("data images only in img src and only when the policy allows them") {
    SanitizePolicy policy = web_policy();
    const std::string png = "data:image/png;base64,iVBORw0KGgo=";
    CHECK_FALSE(filter_url(png, UrlContext::image, policy, ""));
    policy.allow_data_images = true;
    CHECK(filter_url(png, UrlContext::image, policy, "") == std::optional<std::string>(png));
    CHECK(filter_url("DATA:image/GIF,abc", UrlContext::image, policy, "") ==
          std::optional<std::string>("DATA:image/GIF,abc"));
    CHECK(filter_url("data:image/webp;base64,UklG", UrlContext::image, policy, ""));
    CHECK(filter_url("data:image/jpeg;base64,/9j/", UrlContext::image, policy, ""));
    CHECK_FALSE(filter_url(png, UrlContext::link, policy, ""));
    CHECK_FALSE(filter_url(png, UrlContext::other, policy, ""));
    CHECK_FALSE(filter_url("data:image/svg+xml;base64,PHN2Zz4=", UrlContext::image, policy, ""));
    CHECK_FALSE(filter_url("data:image/png;charset=x;base64,AA", UrlContext::image, policy, ""));
    CHECK_FALSE(filter_url("data:text/html;base64,PHNjcmlwdD4=", UrlContext::image, policy, ""));
    CHECK_FALSE(filter_url("data:image/pngx,AA", UrlContext::image, policy, ""));
  }

  TEST_CASE("schemes follow the policy's allow and remove lists") {
    SanitizePolicy policy = web_policy();
    policy.remove_url_schemes({"tel"});
    CHECK_FALSE(filter_url("tel:123", UrlContext::link, policy, ""));
    policy.allow_url_schemes({"irc"});
    CHECK(filter_url("irc://irc.example/#c", UrlContext::link, policy, ""));
    SanitizePolicy none;
    CHECK_FALSE(filter_url("https://example.com", UrlContext::link, none, ""));
    CHECK(filter_url("/relative", UrlContext::link, none, "") == std::optional<std::string>("/relative"));
  }

  TEST_CASE("fragment links get the id prefix exactly once") {
    SanitizePolicy policy = web_policy();
    CHECK(filter_url("#intro", UrlContext::link, policy, "") == std::optional<std::string>("#user-content-intro"));
    CHECK(filter_url("#user-content-intro", UrlContext::link, policy, "") ==
          std::optional<std::string>("#user-content-intro"));
    CHECK(filter_url("#intro", UrlContext::link, policy, "", false) == std::optional<std::string>("#intro"));
    CHECK(filter_url("#", UrlContext::link, policy, "") == std::optional<std::string>("#"));
    CHECK(filter_url(" #intro ", UrlContext::link, policy, "") == std::optional<std::string>("#user-content-intro"));
    policy.id_prefix = "";
    CHECK(filter_url("#intro", UrlContext::link, policy, "") == std::optional<std::string>("#intro"));
  }

  TEST_CASE("fragment links are not resolved against the base URL") {
    SanitizePolicy policy = web_policy();
    CHECK(filter_url("#a", UrlContext::link, policy, "https://example.com/blog/") ==
          std::optional<std::string>("#user-content-a"));
  }

  TEST_CASE("relative URLs are resolved against the base URL when one is given") {
    CHECK(link("img/a.png", "https://example.com/blog/post.html") ==
          std::optional<std::string>("https://example.com/blog/img/a.png"));
    CHECK(link("/assets/x.jpg", "https://example.com/blog/") ==
          std::optional<std::string>("https://example.com/assets/x.jpg"));
    CHECK(link("https://other.example/", "https://example.com/blog/") ==
          std::optional<std::string>("https://other.example/"));
  }

  TEST_CASE("filtering is stable: a filtered URL filters to itself") {
    SanitizePolicy policy = web_policy();
    const char* inputs[] = {"#x", " https://a.example/ ", "\\\\b.example\\c", "rel/../x", "mailto:a@b", "?q", ""};
    for (const char* input : inputs) {
      CAPTURE(input);
      auto once = filter_url(input, UrlContext::link, policy, "https://example.com/d/");
      REQUIRE(once);
      CHECK(filter_url(*once, UrlContext::link, policy, "https://example.com/d/") == once);
    }
  }
}

TEST_SUITE("url_filter.resolve") {
  // RFC 3986 §5.4 examples with base http://a/b/c/d;p?q.
  TEST_CASE("RFC 3986 normal examples resolve as specified") {
    const char* base = "http://a/b/c/d;p?q";
    const std::pair<const char*, const char*> cases[] = {
        {"g", "http://a/b/c/g"},       {"./g", "http://a/b/c/g"},          {"g/", "http://a/b/c/g/"},
        {"/g", "http://a/g"},          {"//g", "http://g/"},               {"?y", "http://a/b/c/d;p?y"},
        {"g?y", "http://a/b/c/g?y"},   {"#s", "http://a/b/c/d;p?q#s"},     {"g#s", "http://a/b/c/g#s"},
        {"g?y#s", "http://a/b/c/g?y#s"}, {";x", "http://a/b/c/;x"},        {"g;x", "http://a/b/c/g;x"},
        {"", "http://a/b/c/d;p?q"},    {".", "http://a/b/c/"},             {"./", "http://a/b/c/"},
        {"..", "http://a/b/"},         {"../", "http://a/b/"},             {"../g", "http://a/b/g"},
        {"../..", "http://a/"},        {"../../", "http://a/"},            {"../../g", "http://a/g"},
    };
    for (const auto& item : cases) {
      // Not a structured binding: clang 14 cannot capture those in CAPTURE's lambda.
      const char* ref = item.first;
      CAPTURE(ref);
      CHECK(resolve_url(ref, base) == item.second);
    }
  }

  TEST_CASE("RFC 3986 abnormal examples resolve as specified") {
    const char* base = "http://a/b/c/d;p?q";
    const std::pair<const char*, const char*> cases[] = {
        {"../../../g", "http://a/g"},   {"../../../../g", "http://a/g"}, {"/./g", "http://a/g"},
        {"/../g", "http://a/g"},        {"g.", "http://a/b/c/g."},       {".g", "http://a/b/c/.g"},
        {"g..", "http://a/b/c/g.."},    {"..g", "http://a/b/c/..g"},     {"./../g", "http://a/b/g"},
        {"./g/.", "http://a/b/c/g/"},   {"g/./h", "http://a/b/c/g/h"},   {"g/../h", "http://a/b/c/h"},
        {"g;x=1/./y", "http://a/b/c/g;x=1/y"}, {"g;x=1/../y", "http://a/b/c/y"},
        {"g?y/./x", "http://a/b/c/g?y/./x"},   {"g#s/../x", "http://a/b/c/g#s/../x"},
    };
    for (const auto& item : cases) {
      // Not a structured binding: clang 14 cannot capture those in CAPTURE's lambda.
      const char* ref = item.first;
      CAPTURE(ref);
      CHECK(resolve_url(ref, base) == item.second);
    }
  }

  TEST_CASE("absolute URLs, an empty base and non-http bases leave the URL unchanged") {
    CHECK(resolve_url("https://x.example/y", "http://a/b") == "https://x.example/y");
    CHECK(resolve_url("mailto:a@b", "http://a/b") == "mailto:a@b");
    CHECK(resolve_url("g", "") == "g");
    CHECK(resolve_url("g", "file:///a/b") == "g");
    CHECK(resolve_url("g", "not a base") == "g");
  }

  TEST_CASE("a base without a path gets the root path") {
    CHECK(resolve_url("g", "https://example.com") == "https://example.com/g");
    CHECK(resolve_url("?q", "https://example.com") == "https://example.com/?q");
  }
}

TEST_SUITE("url_filter.external") {
  TEST_CASE("absolute http URLs with a host are external") {
    CHECK(is_external_url("https://newsdao.kr/4937", ""));
    CHECK(is_external_url("HTTP://Example.com", ""));
    CHECK(is_external_url(" //cdn.example/x", ""));
  }

  TEST_CASE("relative, fragment and non-http URLs are not external") {
    CHECK_FALSE(is_external_url("/about", ""));
    CHECK_FALSE(is_external_url("#top", ""));
    CHECK_FALSE(is_external_url("mailto:a@b.example", ""));
    CHECK_FALSE(is_external_url("", ""));
    CHECK_FALSE(is_external_url("https:///x", ""));
  }

  TEST_CASE("same host as the base URL is not external, other hosts are") {
    CHECK_FALSE(is_external_url("https://example.com/x", "https://example.com/blog/"));
    CHECK_FALSE(is_external_url("https://EXAMPLE.com/x", "https://example.com/blog/"));
    CHECK_FALSE(is_external_url("/x", "https://example.com/blog/"));
    CHECK(is_external_url("https://other.example/x", "https://example.com/blog/"));
    CHECK(is_external_url("//other.example/x", "https://example.com/blog/"));
  }
}

TEST_SUITE("url_filter.external") {
  TEST_CASE("without a base URL, plain URLs and URLs that need cleaning get the same answers") {
    // Plain URLs take a shortcut; these pairs differ only in what cleaning removes or normalises.
    const std::pair<const char*, const char*> pairs[] = {
        {"https://a.example/x", " https://a.example/x\t"}, {"//a.example", "\\\\a.example"},
        {"/x", "/x\n"},                                     {"javascript:x", "java\tscript:x"},
        {"http:x", "http:\\x"},                             {"https:", " https:"},
        {"mailto:a@b", "mailto:a@b "},                      {"//", "\\/"},
        {"x:y//a.example", "x:y\\\\a.example"},
    };
    for (const auto& pair : pairs) {
      CAPTURE(pair.first);
      CHECK(is_external_url(pair.first, "") == is_external_url(pair.second, ""));
    }
  }
}

TEST_SUITE("url_filter") {
  TEST_CASE("filter_url_into gives filter_url's answer and reuses its buffer") {
    SanitizePolicy policy = web_policy();
    policy.id_prefix = "user-content-";
    policy.allow_data_images = true;
    const char* urls[] = {"https://a.example/x y", " /path\t", "#top", "#user-content-top", "#", "javascript:x",
                          "java\nscript:x", "data:image/png;base64,AA", "data:text/html,x", "1x:y", "", " \x01 ",
                          "http:\\\\a.example\\b?c\\d", "../up", "mailto:a@b.example"};
    const std::string_view bases[] = {"", "https://example.com/blog/post/"};
    const UrlContext contexts[] = {UrlContext::link, UrlContext::image, UrlContext::other};
    std::string out = "left over from before";
    for (const char* url : urls) {
      for (std::string_view base : bases) {
        for (UrlContext context : contexts) {
          for (bool prefix : {true, false}) {
            CAPTURE(url);
            CAPTURE(base);
            std::optional<std::string> expected = filter_url(url, context, policy, base, prefix);
            bool kept = postrender::detail::filter_url_into(out, url, context, policy, base, prefix);
            REQUIRE(kept == expected.has_value());
            if (kept) CHECK(out == *expected);
          }
        }
      }
    }
    CHECK(filter_url("#top", UrlContext::link, policy, "") == "#user-content-top");
  }
}

TEST_SUITE("url_filter.external") {
  TEST_CASE("without a base URL, the shortcut reads scheme and authority as the general path does") {
    const std::pair<const char*, const char*> pairs[] = {
        {"HTTPS://a.example", " HTTPS://a.example"}, {"http://#x", " http://#x"}, {"//?q", " //?q"},
        {"//a?b", " //a?b"},   {"ftp://a.example", " ftp://a.example"},        {"1http://a", " 1http://a"},
        {"//", " //"},         {"///a", " ///a"},   {"https://", " https://"},   {"https:/a", " https:/a"},
    };
    for (const auto& pair : pairs) {
      CAPTURE(pair.first);
      CHECK(is_external_url(pair.first, "") == is_external_url(pair.second, ""));
    }
    CHECK(is_external_url("http://a?b", ""));
    CHECK_FALSE(is_external_url("http://?b", ""));
    CHECK_FALSE(is_external_url("ftp://a.example", ""));
  }
}

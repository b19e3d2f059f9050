#include <doctest/doctest.h>

#include <string>

#include "entities.hpp"

using postrender::detail::append_html_decoded;
using postrender::detail::decode_entity;
using postrender::detail::decode_html_reference;

namespace {
std::string decoded(std::string_view ref) {
  std::string out;
  return decode_entity(ref, out) ? out : "<none>";
}
std::string html_decoded(std::string_view text, bool in_attribute = false) {
  std::string out;
  append_html_decoded(out, text, in_attribute);
  return out;
}
}  // namespace

TEST_SUITE("entities") {
  TEST_CASE("named references decode through md4c's table, including two-code-point ones") {
    CHECK(decoded("&nbsp;") == "\xC2\xA0");
    CHECK(decoded("&amp;") == "&");
    CHECK(decoded("&AElig;") == "\xC3\x86");
    CHECK(decoded("&zwnj;") == "\xE2\x80\x8C");
    CHECK(decoded("&ngE;") == "\xE2\x89\xA7\xCC\xB8");  // U+2267 U+0338
  }

  TEST_CASE("unknown or malformed references are rejected and leave the output unchanged") {
    std::string out = "keep";
    CHECK_FALSE(decode_entity("&MadeUpEntity;", out));
    CHECK_FALSE(decode_entity("&nbsp", out));
    CHECK_FALSE(decode_entity("nbsp;", out));
    CHECK_FALSE(decode_entity("&;", out));
    CHECK_FALSE(decode_entity("&#;", out));
    CHECK_FALSE(decode_entity("&#x;", out));
    CHECK_FALSE(decode_entity("&#12345678;", out));  // CommonMark: at most 7 decimal digits
    CHECK_FALSE(decode_entity("&#x1234567;", out));  // and 6 hex digits
    CHECK_FALSE(decode_entity("&no;t;", out));
    CHECK_FALSE(decode_entity("&not", out));
    CHECK_FALSE(decode_entity("&no", out));
    CHECK(out == "keep");
  }

  TEST_CASE("a name that is only a prefix of a table entry does not match") {
    CHECK(decoded("&noti;") == "<none>");  // &notin; exists
    CHECK(decoded("&notin;") == "\xE2\x88\x89");
  }

  TEST_CASE("numeric references decode, and 0, surrogates and out-of-range become U+FFFD") {
    CHECK(decoded("&#35;") == "#");
    CHECK(decoded("&#x1F600;") == "\xF0\x9F\x98\x80");
    CHECK(decoded("&#X22;") == "\"");
    CHECK(decoded("&#0;") == "\xEF\xBF\xBD");
    CHECK(decoded("&#xD800;") == "\xEF\xBF\xBD");
    CHECK(decoded("&#x10FFFF;") == "\xF4\x8F\xBF\xBF");
    CHECK(decoded("&#1114112;") == "\xEF\xBF\xBD");
  }

  TEST_CASE("HTML decoding accepts legacy names without ';' and refuses them in attributes before = or letters") {
    CHECK(html_decoded("a &amp b &copy2024") == "a & b \xC2\xA9" "2024");
    CHECK(html_decoded("&notit;") == "\xC2\xAC" "it;");
    CHECK(html_decoded("?a=1&copy=2", true) == "?a=1&copy=2");
    CHECK(html_decoded("?a=1&copyx", true) == "?a=1&copyx");
    CHECK(html_decoded("&copy;=", true) == "\xC2\xA9=");
    CHECK(html_decoded("x &nbsp y", true) == "x \xC2\xA0 y");
  }

  TEST_CASE("HTML decoding of numeric references: no ';' needed, C1 controls remapped, overflow saturates") {
    CHECK(html_decoded("&#65&#x42;C") == "ABC");
    CHECK(html_decoded("&#128;") == "\xE2\x82\xAC");          // windows-1252 euro
    CHECK(html_decoded("&#x81;") == "\xC2\x81");              // unmapped C1 kept
    CHECK(html_decoded("&#99999999999999999999;") == "\xEF\xBF\xBD");
    CHECK(html_decoded("&#;&#x;&") == "&#;&#x;&");
  }

  TEST_CASE("the legacy name list is searched correctly from end to end") {
    std::string out;
    CHECK(decode_html_reference("&AElig", out) == 6);
    CHECK(decode_html_reference("&yuml", out) == 5);
    CHECK(decode_html_reference("&ZZZ", out) == 0);
    CHECK(out == "\xC3\x86\xC3\xBF");
  }
}

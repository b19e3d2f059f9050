#include <doctest/doctest.h>

#include <cctype>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "entities.hpp"
#include "utf8.hpp"

extern "C" {
#include "entity.h"
}

using postrender::detail::append_html_decoded;
using postrender::detail::append_utf8;
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

// What md4c's own table (its entity_lookup) decodes `ref` ("&name;") to.
std::string md4c_decoded(const std::string& ref) {
  const ENTITY* entity = entity_lookup(ref.data(), ref.size());
  if (entity == nullptr) return "<none>";
  std::string out;
  for (unsigned cp : entity->codepoints) {
    if (cp == 0) break;
    append_utf8(out, cp);  // tested on its own in utf8_test.cpp
  }
  return out;
}

// Every name in the pinned md4c's entity.c, read from its source text.
std::vector<std::string> md4c_entity_names() {
  std::ifstream in(POSTRENDER_MD4C_ENTITY_C);
  std::stringstream text;
  text << in.rdbuf();
  std::string source = text.str();
  std::vector<std::string> names;
  std::regex entry(R"re(\{ "&([A-Za-z0-9]+);", \{)re");
  for (std::sregex_iterator it(source.begin(), source.end(), entry), end; it != end; ++it) {
    names.push_back((*it)[1].str());
  }
  return names;
}
}  // namespace

TEST_SUITE("entities") {
  TEST_CASE("every name in md4c's entity table decodes exactly as md4c's own lookup does") {
    std::vector<std::string> names = md4c_entity_names();
    REQUIRE(names.size() == 2125);
    for (const std::string& name : names) {
      CAPTURE(name);
      std::string ref = "&" + name + ";";
      CHECK(decoded(ref) == md4c_decoded(ref));
      CHECK(decoded(ref) != "<none>");
      // Near misses: a prefix, an extension, the other case of the first letter.
      std::string shorter = "&" + name.substr(0, name.size() - 1) + ";";
      if (name.size() > 1) CHECK(decoded(shorter) == md4c_decoded(shorter));
      for (const char* tail : {"0", "z", "Z"}) {
        std::string longer = "&" + name + tail + ";";
        CHECK(decoded(longer) == md4c_decoded(longer));
      }
      std::string flipped = name;
      flipped[0] = static_cast<char>(std::isupper(static_cast<unsigned char>(flipped[0]))
                                         ? std::tolower(static_cast<unsigned char>(flipped[0]))
                                         : std::toupper(static_cast<unsigned char>(flipped[0])));
      CHECK(decoded("&" + flipped + ";") == md4c_decoded("&" + flipped + ";"));
    }
  }

  TEST_CASE("names before the first and after the last table entry are not found") {
    CHECK(decoded("&AAA;") == "<none>");
    CHECK(decoded("&A;") == "<none>");
    CHECK(decoded("&0;") == "<none>");
    CHECK(decoded("&zzzz;") == "<none>");
    CHECK(decoded("&zwnjz;") == "<none>");
    CHECK(decoded("&zwnj;") == "\xE2\x80\x8C");
  }

  TEST_CASE("named references decode through the table, including two-code-point ones") {
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

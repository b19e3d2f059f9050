#include <doctest/doctest.h>

#include "source_map.hpp"
#include "utf8.hpp"

using namespace postrender::detail;

TEST_SUITE("utf8") {
  TEST_CASE("valid UTF-8 with Hangul and emoji is clean") {
    CHECK(is_clean_utf8("조달청 👉 \xE2\x80\x9C"));
    CHECK(is_clean_utf8(""));
  }

  TEST_CASE("NUL bytes and broken sequences are replaced, never dropped") {
    std::string out;
    auto report = repair_utf8(std::string_view("a\0b\xC3", 4), out);
    CHECK(out == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
    CHECK(report.replaced == 2);
    CHECK(report.first_offset == 1);
    CHECK(report.saw_nul);
    CHECK(report.saw_invalid);
  }

  TEST_CASE("overlong forms and surrogates are invalid") {
    CHECK_FALSE(is_clean_utf8("\xC0\xAF"));
    CHECK_FALSE(is_clean_utf8("\xE0\x80\xAF"));
    CHECK_FALSE(is_clean_utf8("\xED\xA0\x80"));
    CHECK_FALSE(is_clean_utf8("\xF4\x90\x80\x80"));
  }

  TEST_CASE("truncation never splits a code point") {
    std::string_view text = "가나";  // two 3-byte characters
    CHECK(utf8_prefix_length(text, 4) == 3);
    CHECK(utf8_prefix_length(text, 6) == 6);
  }
}

TEST_SUITE("source_map") {
  TEST_CASE("positions are 1-based lines and code-point columns, CRLF-aware") {
    SourceMap map("ab\r\n가c\nx");
    CHECK(map.position(0).line == 1);
    CHECK(map.position(1).column == 2);
    auto c = map.position(7);  // 'c' after the 3-byte '가'
    CHECK(c.line == 2);
    CHECK(c.column == 2);
    CHECK(map.position(9).line == 3);
  }
}

TEST_SUITE("utf8") {
  TEST_CASE("three-byte sequences led by E1 to EF are clean unless they encode a surrogate") {
    CHECK(is_clean_utf8("\xED\x9F\xBF"));          // U+D7FF, the last before the surrogates
    CHECK(is_clean_utf8("\xED\x9E\xA3 \xED\x95\x9C"));  // Hangul led by ED
    CHECK(is_clean_utf8("\xEE\x80\x80\xEF\xBF\xBD"));  // private use, U+FFFD
    CHECK_FALSE(is_clean_utf8("\xED\xA0\x80"));    // U+D800
    CHECK_FALSE(is_clean_utf8("\xED\xBF\xBF"));    // U+DFFF
    CHECK_FALSE(is_clean_utf8("\xEF\xBF"));        // cut short
    CHECK_FALSE(is_clean_utf8("\xEE\x80\x41"));    // not a continuation byte
    CHECK_FALSE(is_clean_utf8("\xE0\x80\x80"));    // overlong
  }
}

#include <doctest/doctest.h>

#include <string>

#include "slug.hpp"
#include "text_stats.hpp"
#include "utf8.hpp"

using postrender::detail::Slugger;
using postrender::detail::slugify_heading;

TEST_SUITE("slug") {
  TEST_CASE("ASCII headings are lower-cased, spaces become dashes, punctuation goes") {
    CHECK(slugify_heading("Hello World!") == "hello-world");
    CHECK(slugify_heading("C++ & Rust: a (short) guide?") == "c--rust-a-short-guide");
    CHECK(slugify_heading("snake_case and kebab-case") == "snake_case-and-kebab-case");
    CHECK(slugify_heading("Version 2.0") == "version-20");
  }

  TEST_CASE("Hangul, Han and Kana are kept as they are") {
    CHECK(slugify_heading("조달청과 메인비즈") == "조달청과-메인비즈");
    CHECK(slugify_heading("中文标题") == "中文标题");
    CHECK(slugify_heading("日本語のテキスト、です。") == "日本語のテキストです");
    CHECK(slugify_heading("カタカナ・ひらがな") == "カタカナひらがな");
  }

  TEST_CASE("accented Latin, Greek and Cyrillic are lower-cased by their own case mapping") {
    CHECK(slugify_heading("Ärger Über Ça") == "ärger-über-ça");
    CHECK(slugify_heading("Привет Мир") == "привет-мир");
    CHECK(slugify_heading("ΑΒΓ Δ") == "αβγ-δ");
    CHECK(slugify_heading("Łódź ŻÓŁW") == "łódź-żółw");
  }

  TEST_CASE("emoji, symbols, typographic quotes and non-ASCII spaces are dropped") {
    CHECK(slugify_heading("🚀 Launch ✨") == "-launch-");
    CHECK(slugify_heading("“Quoted” — text…") == "quoted--text");
    CHECK(slugify_heading("a\xC2\xA0" "b") == "ab");  // NBSP is not an ASCII space
    CHECK(slugify_heading("❤️ love") == "-love");      // U+2764 U+FE0F
  }

  TEST_CASE("combining marks and digits of other scripts stay") {
    CHECK(slugify_heading("e\xCC\x81t\xC3\xA9") == "e\xCC\x81t\xC3\xA9");
    CHECK(slugify_heading("١٢٣ عربي") == "١٢٣-عربي");
  }

  TEST_CASE("duplicates get -1, -2, and a generated name never repeats an existing one") {
    Slugger slugger;
    CHECK(slugger.unique("Intro") == "intro");
    CHECK(slugger.unique("Intro") == "intro-1");
    CHECK(slugger.unique("intro") == "intro-2");
    CHECK(slugger.unique("Intro 1") == "intro-1-1");  // "intro-1" is taken
    CHECK(slugger.unique("조달청") == "조달청");
    CHECK(slugger.unique("조달청") == "조달청-1");
  }

  TEST_CASE("a heading without usable characters becomes section, numbered when repeated") {
    Slugger slugger;
    CHECK(slugger.unique("🎉🎉") == "section");
    CHECK(slugger.unique("") == "section-1");
    CHECK(slugger.unique("!!!") == "section-2");
  }

  TEST_CASE("reserved ids are not handed out again") {
    Slugger slugger;
    slugger.reserve("overview");
    CHECK(slugger.unique("Overview") == "overview-1");
  }

  TEST_CASE("3-byte sequences around the Hangul block slug as decode_utf8 reads them") {
    // A reference over decode_utf8 + char_kind + to_lower, on leads E0-EF with continuation
    // bytes at the edges (truncated, surrogate and overlong forms included).
    using namespace postrender::detail;
    auto reference = [](std::string_view text) {
      std::string slug;
      for (std::size_t i = 0; i < text.size();) {
        char32_t c = decode_utf8(text, i);
        if (c == ' ') {
          slug += '-';
        } else if (c == '-' || c == '_') {
          slug += static_cast<char>(c);
        } else {
          CharKind kind = char_kind(c);
          if (kind == CharKind::letter || kind == CharKind::digit || kind == CharKind::ideograph ||
              kind == CharKind::mark) {
            append_utf8(slug, to_lower(c));
          }
        }
      }
      return slug;
    };
    const unsigned char conts[] = {0x7F, 0x80, 0x9E, 0x9F, 0xA0, 0xA3, 0xA4, 0xBF, 0xC0};
    for (unsigned lead = 0xE0; lead <= 0xEF; ++lead) {
      for (unsigned char c1 : conts) {
        for (unsigned char c2 : conts) {
          std::string text = std::string("A \xED\x95\x9C") + static_cast<char>(lead) + static_cast<char>(c1) +
                             static_cast<char>(c2) + "B";
          CHECK(slugify_heading(text) == reference(text));
          std::string truncated = std::string("x") + static_cast<char>(lead) + static_cast<char>(c1);
          CHECK(slugify_heading(truncated) == reference(truncated));
        }
      }
    }
  }

  TEST_CASE("invalid UTF-8 is dropped, never copied") {
    CHECK(slugify_heading("a\xFF" "b\xC3") == "ab");
  }
}

TEST_SUITE("slug") {
  TEST_CASE("every ASCII byte is slugged as the code point it is") {
    // ASCII takes a shortcut past the decoder: one byte at a time must give what each code
    // point gives through the general rules (letters and digits kept lower-cased, ' ' a dash,
    // '-' and '_' kept, everything else dropped).
    for (int c = 0; c < 0x80; ++c) {
      CAPTURE(c);
      const char byte = static_cast<char>(c);
      std::string expected;
      if (c == ' ') {
        expected = "-";
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
        expected = std::string(1, byte);
      } else if (c >= 'A' && c <= 'Z') {
        expected = std::string(1, static_cast<char>(c + 32));
      }
      CHECK(slugify_heading(std::string_view(&byte, 1)) == expected);
    }
    CHECK(slugify_heading("Mixed\tTabs\x01 and \xC3\x84rger") == "mixedtabs-and-ärger");
  }
}

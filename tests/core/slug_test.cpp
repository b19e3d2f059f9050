#include <doctest/doctest.h>

#include "slug.hpp"

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

  TEST_CASE("invalid UTF-8 is dropped, never copied") {
    CHECK(slugify_heading("a\xFF" "b\xC3") == "ab");
  }
}

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>

#include "text_stats.hpp"
#include "utf8.hpp"

using postrender::detail::CharKind;
using postrender::detail::char_kind;
using postrender::detail::count_words;
using postrender::detail::to_lower;
using postrender::detail::WordCounter;

TEST_SUITE("text_stats") {
  TEST_CASE("English words are whitespace-separated runs with a letter or digit") {
    auto stats = count_words("The quick brown fox -- jumps over 2 lazy dogs. Don't stop!");
    CHECK(stats.words == 11);
    CHECK(stats.cjk_characters == 0);
    CHECK(count_words("  - * -- ... ").words == 0);
    CHECK(count_words("").words == 0);
  }

  TEST_CASE("Korean counts eojeol (space-separated words), not syllables") {
    auto stats = count_words("조달청과 메인비즈 간담회에서의 혁신성장 방안");
    CHECK(stats.words == 5);
    CHECK(stats.cjk_characters == 0);
  }

  TEST_CASE("Japanese and Chinese count every Han and Kana character, punctuation excluded") {
    auto japanese = count_words("日本語のテキストです。");  // 10 characters + 。
    CHECK(japanese.words == 10);
    CHECK(japanese.cjk_characters == 10);
    auto chinese = count_words("你好，世界");
    CHECK(chinese.words == 4);
    CHECK(chinese.cjk_characters == 4);
  }

  TEST_CASE("mixed text: Latin runs between CJK characters are words of their own") {
    auto stats = count_words("Windows10を使う and 한국어 text");
    // Windows10, を, 使, う, and, 한국어, text
    CHECK(stats.words == 7);
    CHECK(stats.cjk_characters == 3);
  }

  TEST_CASE("NBSP, ideographic space and ZWSP separate words; emoji alone is not a word") {
    CHECK(count_words("a\xC2\xA0" "b\xE3\x80\x80" "c\xE2\x80\x8B" "d").words == 4);
    CHECK(count_words("👉 🎉").words == 0);
    CHECK(count_words("go 👉 now").words == 2);
  }

  TEST_CASE("the counter joins pieces until a boundary") {
    WordCounter counter;
    counter.add("foo");
    counter.add("bar");  // <b>foo</b>bar is one word
    counter.boundary();
    counter.add("baz");
    CHECK(counter.words() == 2);
    counter.boundary();
    counter.boundary();
    CHECK(counter.words() == 2);
  }

  TEST_CASE("3-byte sequences count as decode_utf8 reads them, broken ones included") {
    // A reference counter over decode_utf8 + char_kind: every E0-EF lead with continuation
    // bytes at the edges, truncated, surrogate and overlong forms, between Hangul and spaces.
    auto reference = [](std::string_view text) {
      std::size_t words = 0, cjk = 0;
      bool alnum = false;
      for (std::size_t i = 0; i < text.size();) {
        CharKind kind = char_kind(postrender::detail::decode_utf8(text, i));
        if (kind == CharKind::space) {
          words += alnum ? 1 : 0;
          alnum = false;
        } else if (kind == CharKind::ideograph) {
          words += alnum ? 1 : 0;
          alnum = false;
          ++cjk;
        } else if (kind == CharKind::letter || kind == CharKind::digit) {
          alnum = true;
        }
      }
      return std::pair<std::size_t, std::size_t>(words + cjk + (alnum ? 1 : 0), cjk);
    };
    const unsigned char conts[] = {0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0};
    for (unsigned lead = 0xE0; lead <= 0xEF; ++lead) {
      for (unsigned char c1 : conts) {
        for (unsigned char c2 : conts) {
          for (std::string around : {std::string("\xED\x95\x9C"), std::string(" "), std::string("a")}) {
            std::string text = around + static_cast<char>(lead) + static_cast<char>(c1) + static_cast<char>(c2) + around;
            auto expected = reference(text);
            auto got = count_words(text);
            CHECK(got.words == expected.first);
            CHECK(got.cjk_characters == expected.second);
            std::string truncated = around + static_cast<char>(lead) + static_cast<char>(c1);
            CHECK(count_words(truncated).words == reference(truncated).first);
          }
        }
      }
    }
  }

  TEST_CASE("character classes of representative code points") {
    CHECK(char_kind(U'a') == CharKind::letter);
    CHECK(char_kind(U'7') == CharKind::digit);
    CHECK(char_kind(U'가') == CharKind::letter);
    CHECK(char_kind(U'漢') == CharKind::ideograph);
    CHECK(char_kind(U'ア') == CharKind::ideograph);
    CHECK(char_kind(U'ー') == CharKind::ideograph);
    CHECK(char_kind(U'、') == CharKind::punctuation);
    CHECK(char_kind(0x1F600) == CharKind::punctuation);
    CHECK(char_kind(0x0301) == CharKind::mark);
    CHECK(char_kind(0x200D) == CharKind::ignorable);
    CHECK(char_kind(0x3000) == CharKind::space);
    CHECK(char_kind(0x20000) == CharKind::ideograph);
    CHECK(char_kind(U'ß') == CharKind::letter);
  }

  TEST_CASE("lower-case mapping covers Latin, Greek, Cyrillic, Armenian and fullwidth Latin") {
    CHECK(to_lower(U'Ä') == U'ä');
    CHECK(to_lower(U'Ł') == U'ł');
    CHECK(to_lower(U'Ž') == U'ž');
    CHECK(to_lower(U'Ÿ') == U'ÿ');
    CHECK(to_lower(U'Σ') == U'σ');
    CHECK(to_lower(U'Ё') == U'ё');
    CHECK(to_lower(U'Ж') == U'ж');
    CHECK(to_lower(U'Ա') == U'ա');
    CHECK(to_lower(U'Ａ') == U'ａ');
    CHECK(to_lower(U'ẞ') == U'ß');
    CHECK(to_lower(U'가') == U'가');
  }
}

TEST_SUITE("text_stats") {
  TEST_CASE("runs of Hangul, Han and Kana count as code point by code point") {
    // The counter takes runs of Hangul syllables and of common ideographs in inner loops; a
    // reference over decode_utf8 + char_kind must agree on random mixes, broken bytes included.
    auto reference = [](std::string_view text) {
      std::size_t words = 0, cjk = 0;
      bool alnum = false;
      for (std::size_t i = 0; i < text.size();) {
        CharKind kind = char_kind(postrender::detail::decode_utf8(text, i));
        if (kind == CharKind::space || kind == CharKind::ideograph) {
          words += alnum ? 1 : 0;
          alnum = false;
          if (kind == CharKind::ideograph) ++cjk;
        } else if (kind == CharKind::letter || kind == CharKind::digit) {
          alnum = true;
        }
      }
      return std::pair<std::size_t, std::size_t>(words + cjk + (alnum ? 1 : 0), cjk);
    };
    const std::string_view pieces[] = {"\xED\x95\x9C", "\xEA\xB0\x80", "\xED\x9E\xA3", "\xEA\xB0\xAC",
                                       "\xE4\xB8\xAD", "\xE9\xBF\xBF", "\xE3\x81\x82", "\xE3\x82\xA2",
                                       "\xE3\x83\xBB", "\xE3\x80\x82", "\xE3\x81\x81", "\xE3\x82\x96",
                                       "\xE3\x83\xBA", "\xE3\x83\xBC", "\xE1\x84\x80", "\xF0\xA0\x80\x80",
                                       " ", "a", "1", ",", "\xE4\xB8", "\xED\xA0\x80", "\x80", "\xE9\x41\x80",
                                       "\xE2\x80\x8B", "\xEF\xBC\x91"};
    std::mt19937 random(11292026);
    for (int round = 0; round < 5000; ++round) {
      std::string text;
      const int length = static_cast<int>(random() % 24);
      for (int k = 0; k < length; ++k) text.append(pieces[random() % std::size(pieces)]);
      CAPTURE(text);
      WordCounter counter;
      counter.add(text);
      auto [words, cjk] = reference(text);
      CHECK(counter.words() == words);
      CHECK(counter.cjk_characters() == cjk);
    }
  }

  TEST_CASE("long ASCII runs, counted eight bytes at a time, count as byte by byte") {
    // Pieces shorter than 8 bytes take the byte loop; whole strings take the 8-byte path
    // wherever they are ASCII. Every ASCII byte class, and non-ASCII in between.
    const std::string_view pieces[] = {"a", "Z", "9", " ", "\t", "\n", "\r", "\f", "\v", "-", ".", "'",
                                       std::string_view("\0", 1), "\x7F", "\x1F", "@", "[", "`", "{", "/", ":",
                                       "\xC3\xA9", "\xE4\xB8\xAD", "\xEA\xB0\x80", "\xC2\xA0", "\xE2\x80\x94", "\xF0\x9F\x98\x80"};
    std::mt19937 random(20261129);
    for (int round = 0; round < 3000; ++round) {
      std::string text;
      const int length = static_cast<int>(random() % 64);
      for (int k = 0; k < length; ++k) {
        // Mostly ASCII, so that many 8-byte windows are pure ASCII.
        std::size_t which = random() % 8 == 0 ? random() % std::size(pieces) : random() % 21;
        text.append(pieces[which]);
      }
      WordCounter whole;
      if (round % 2) whole.add("x");  // a word already open before the text
      whole.add(text);
      WordCounter bytewise;
      if (round % 2) bytewise.add("x");
      for (std::size_t at = 0; at < text.size();) {
        std::size_t step = 1 + random() % 7;
        // Never split a UTF-8 sequence: move the cut past continuation bytes.
        std::size_t end = std::min(text.size(), at + step);
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
        bytewise.add(std::string_view(text).substr(at, end - at));
        at = end;
      }
      CAPTURE(text);
      CHECK(whole.words() == bytewise.words());
      CHECK(whole.cjk_characters() == bytewise.cjk_characters());
    }
    CHECK(count_words("one two  three\tfour\nfive, six-seven (eight) 9 10").words == 9);  // six-seven is one word
    CHECK(count_words("........ -------- ab      ").words == 1);
  }
}

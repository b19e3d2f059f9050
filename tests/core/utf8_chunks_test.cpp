// is_clean_utf8 reads ASCII 8 bytes at a time: a bad byte must be found at every position of
// a chunk and in the tail after the last whole chunk.
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>

#include "utf8.hpp"

using postrender::detail::is_clean_utf8;
using postrender::detail::repair_utf8;

TEST_SUITE("utf8") {
  TEST_CASE("a NUL, a stray byte or a cut sequence is found at any offset of long ASCII text") {
    const std::string ascii(40, 'a');
    CHECK(is_clean_utf8(ascii));
    for (const std::string bad : {std::string(1, '\0'), std::string("\x80"), std::string("\xFF"),
                                  std::string("\xE2\x80"), std::string("\xC0\xAF")}) {
      for (std::size_t at = 0; at <= ascii.size(); ++at) {
        CAPTURE(at);
        std::string text = ascii;
        text.insert(at, bad);
        CHECK_FALSE(is_clean_utf8(text));
      }
    }
  }

  TEST_CASE("valid multi-byte sequences at any offset of long ASCII text are clean") {
    const std::string ascii(40, 'z');
    for (const std::string good : {std::string("\x7F"), std::string("\xC3\xA9"), std::string("조"),
                                   std::string("👉")}) {
      for (std::size_t at = 0; at <= ascii.size(); ++at) {
        CAPTURE(at);
        std::string text = ascii;
        text.insert(at, good);
        CHECK(is_clean_utf8(text));
      }
    }
  }

  TEST_CASE("inside a run of three-byte sequences, every lead byte is checked as after ASCII") {
    // After a Hangul syllable the validator stays in its three-byte loop: the next sequence
    // must be judged there exactly as repair_utf8 judges it.
    const unsigned char follow[] = {0x00, 0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0};
    for (unsigned lead = 0x80; lead <= 0xFF; ++lead) {
      for (unsigned char b1 : follow) {
        for (unsigned char b2 : follow) {
          std::string whole = std::string("\xEC\xA1\xB0") + static_cast<char>(lead) + static_cast<char>(b1) +
                              static_cast<char>(b2) + "\xED\x95\x9C";
          for (std::size_t size = 4; size <= whole.size(); ++size) {
            std::string text = whole.substr(0, size);
            std::string repaired;
            CAPTURE(lead);
            CAPTURE(size);
            CHECK(is_clean_utf8(text) == (repair_utf8(text, repaired).replaced == 0));
          }
        }
      }
    }
  }

  TEST_CASE("random mixes of valid and broken sequences agree with repair_utf8") {
    // Random mixes of ASCII, Latin, Hangul (EA-ED leads), CJK, emoji and broken pieces: NUL,
    // stray and missing continuation bytes, C0/C1/E0/F0/F5 forms, surrogates after ED.
    const std::string pieces[] = {"a", " ", "\x7F", "\xC3\xA9", "\xC2\xA0", "\xDF\xBF", "\xEA\xB0\x80",
                                  "\xED\x95\x9C", "\xED\x9F\xBF", "\xE4\xB8\xAD", "\xEF\xBF\xBD", "\xE1\x80\x80",
                                  "\xE0\xA0\x80", "\xF0\x9F\x98\x80", std::string(1, '\0'), "\x80", "\xBF",
                                  "\xC0\xAF", "\xC1\xBF", "\xE0\x80\x80", "\xED\xA0\x80", "\xED\xBF\xBF",
                                  "\xEA\xB0", "\xC3", "\xF5\x80\x80\x80", "\xFF", "\xEC\x41\x80"};
    std::mt19937 random(4242);
    for (int round = 0; round < 20000; ++round) {
      std::string text;
      const int length = 1 + static_cast<int>(random() % 24);
      for (int k = 0; k < length; ++k) {
        // Mostly valid pieces, so that long clean stretches reach the chunked path.
        std::size_t which = random() % 6 == 0 ? random() % std::size(pieces) : random() % 12;
        text += pieces[which];
      }
      std::string repaired;
      CAPTURE(text);
      CHECK(is_clean_utf8(text) == (repair_utf8(text, repaired).replaced == 0));
    }
  }

  TEST_CASE("is_clean_utf8 agrees with repair_utf8 on every lead byte with edge continuation bytes") {
    const unsigned char follow[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xE1, 0xFF};
    for (unsigned lead = 0x80; lead <= 0xFF; ++lead) {
      for (unsigned char b1 : follow) {
        for (unsigned char b2 : follow) {
          for (unsigned char b3 : {0x41, 0x80, 0xBF}) {
            std::string whole = std::string("x") + static_cast<char>(lead) + static_cast<char>(b1) +
                                static_cast<char>(b2) + static_cast<char>(b3);
            for (std::size_t size = 2; size <= whole.size(); ++size) {
              std::string text = whole.substr(0, size);
              std::string repaired;
              CAPTURE(lead);
              CAPTURE(size);
              CHECK(is_clean_utf8(text) == (repair_utf8(text, repaired).replaced == 0));
            }
          }
        }
      }
    }
  }

  TEST_CASE("is_clean_utf8 agrees with repair_utf8 on random mixes of ASCII and multi-byte pieces") {
    const std::string good[] = {"a", "bcdefghij", " ", "\xC3\xA9", "\xE0\xA0\x80", "\xED\x9F\xBF", "조",
                                "\xF0\x9F\x91\x89", "\x7F"};
    const std::string bad[] = {std::string(1, '\0'), "\x80", "\xBF", "\xC2", "\xE0\x80\x80", "\xED\xA0\x80",
                               "\xEA", "\xF4\x90\x80\x80", "\xF5", "\xC1\xBF"};
    std::uint32_t state = 12345;
    auto next = [&](std::uint32_t below) { return state = state * 1103515245u + 12345u, (state >> 16) % below; };
    int clean_count = 0;
    for (int round = 0; round < 3000; ++round) {
      std::string text;
      for (std::uint32_t k = 0, pieces = 1 + next(16); k < pieces; ++k) {
        text += next(24) == 0 ? bad[next(10)] : good[next(9)];
      }
      std::string repaired;
      bool clean = repair_utf8(text, repaired).replaced == 0;
      clean_count += clean;
      CAPTURE(round);
      CHECK(is_clean_utf8(text) == clean);
    }
    CHECK(clean_count > 1000);  // both outcomes are well represented
    CHECK(clean_count < 2900);
  }
}

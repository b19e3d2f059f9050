#pragma once
// Character classes for word counting and heading slugs, and a streaming word counter.
//
// How words are counted (reading time depends on it):
// - Spaced scripts (Latin, Cyrillic, Greek, Hangul, Arabic, ...): a word is a whitespace-separated
//   run that holds at least one letter or digit ("don't" = 1, "---" = 0). Korean is written with
//   spaces between eojeol, so a Korean post counts eojeol, comparable to English words.
// - Unspaced scripts Han and Kana (Chinese, Japanese): every character counts as one word and is
//   also reported in cjk_characters, so reading time can use a characters-per-minute rate.
// - Thai, Lao, Khmer and Myanmar are unspaced too but need a dictionary to segment; they count
//   as spaced scripts (a run between spaces is one word), which undercounts them.
#include <cstddef>
#include <string_view>

namespace postrender::detail {

enum class CharKind {
  space,        // whitespace, including NBSP, ideographic space and ZWSP
  letter,       // letters of spaced scripts (incl. Hangul), and letter-like numbers
  digit,        // 0-9 and fullwidth digits
  ideograph,    // Han and Kana: unspaced, one word each
  mark,         // combining marks: part of the letter before
  punctuation,  // punctuation and symbols, emoji included
  ignorable,    // controls and format characters (ZWJ, variation selectors, tags)
};

CharKind char_kind(char32_t c) noexcept;

// Simple lower-case mapping for Latin (Basic, Latin-1, Extended-A, Extended Additional),
// Greek, Cyrillic, Armenian and fullwidth Latin; other code points are returned as they are.
char32_t to_lower(char32_t c) noexcept;

// Counts words in text given piece by piece. add() never splits a word across calls unless
// the pieces touch (the caller calls boundary() between blocks).
class WordCounter {
 public:
  void add(std::string_view utf8);
  // Ends the current word (a block or tag boundary that separates words visually).
  void boundary() noexcept;
  // Words including every Han/Kana character.
  std::size_t words() const noexcept { return words_ + cjk_ + (word_has_alnum_ ? 1 : 0); }
  std::size_t cjk_characters() const noexcept { return cjk_; }

 private:
  std::size_t words_ = 0;
  std::size_t cjk_ = 0;
  bool word_has_alnum_ = false;
};

struct TextStats {
  std::size_t words = 0;           // including cjk_characters
  std::size_t cjk_characters = 0;  // Han and Kana characters
};

TextStats count_words(std::string_view utf8);

}  // namespace postrender::detail

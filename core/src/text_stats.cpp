#include "text_stats.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "utf8.hpp"

namespace postrender::detail {
namespace {

struct Range {
  char32_t first;
  char32_t last;
  CharKind kind;
};

constexpr CharKind S = CharKind::space;
constexpr CharKind L = CharKind::letter;
constexpr CharKind D = CharKind::digit;
constexpr CharKind I = CharKind::ideograph;
constexpr CharKind M = CharKind::mark;
constexpr CharKind P = CharKind::punctuation;
constexpr CharKind X = CharKind::ignorable;

// Non-ASCII ranges, sorted and disjoint. Code points not listed are letters: every script's
// letters, marks and digits are kept without a full Unicode database, and what is listed here is
// what must not be (spaces, punctuation, symbols, emoji) plus the unspaced Han/Kana scripts.
constexpr Range kRanges[] = {
    {0x0080, 0x009F, X}, {0x00A0, 0x00A0, S}, {0x00A1, 0x00A9, P}, {0x00AB, 0x00AC, P},
    {0x00AD, 0x00AD, X}, {0x00AE, 0x00B1, P}, {0x00B4, 0x00B4, P}, {0x00B6, 0x00B8, P},
    {0x00BB, 0x00BB, P}, {0x00BF, 0x00BF, P}, {0x00D7, 0x00D7, P}, {0x00F7, 0x00F7, P},
    {0x02C2, 0x02C5, P}, {0x02D2, 0x02DF, P}, {0x02E5, 0x02EB, P}, {0x02ED, 0x02ED, P},
    {0x02EF, 0x02FF, P}, {0x0300, 0x036F, M}, {0x0375, 0x0375, P}, {0x037E, 0x037E, P},
    {0x0384, 0x0385, P}, {0x0387, 0x0387, P}, {0x03F6, 0x03F6, P}, {0x0482, 0x0482, P},
    {0x0483, 0x0489, M}, {0x055A, 0x055F, P}, {0x0589, 0x058A, P}, {0x058D, 0x058F, P},
    {0x0591, 0x05BD, M}, {0x05BE, 0x05BE, P}, {0x05C0, 0x05C0, P}, {0x05C3, 0x05C3, P},
    {0x05C6, 0x05C6, P}, {0x05F3, 0x05F4, P}, {0x0600, 0x0605, X}, {0x0606, 0x060F, P},
    {0x061B, 0x061B, P}, {0x061C, 0x061C, X}, {0x061D, 0x061F, P}, {0x066A, 0x066D, P},
    {0x06D4, 0x06D4, P}, {0x06DD, 0x06DE, P}, {0x06E9, 0x06E9, P}, {0x0964, 0x0965, P},
    {0x0970, 0x0970, P}, {0x0E3F, 0x0E3F, P}, {0x0E4F, 0x0E4F, P}, {0x0E5A, 0x0E5B, P},
    {0x104A, 0x104F, P}, {0x10FB, 0x10FB, P}, {0x1100, 0x11FF, L}, {0x1360, 0x1368, P},
    {0x166D, 0x166E, P}, {0x1680, 0x1680, S}, {0x169B, 0x169C, P}, {0x16EB, 0x16ED, P},
    {0x17D4, 0x17D6, P}, {0x17D8, 0x17DB, P}, {0x1800, 0x180A, P}, {0x180B, 0x180F, X},
    {0x1AB0, 0x1AFF, M}, {0x1DC0, 0x1DFF, M}, {0x2000, 0x200B, S}, {0x200C, 0x200F, X},
    {0x2010, 0x2027, P}, {0x2028, 0x2029, S}, {0x202A, 0x202E, X}, {0x202F, 0x202F, S},
    {0x2030, 0x205E, P}, {0x205F, 0x205F, S}, {0x2060, 0x206F, X}, {0x207A, 0x207E, P},
    {0x208A, 0x208E, P}, {0x20A0, 0x20CF, P}, {0x20D0, 0x20FF, M}, {0x2100, 0x2101, P},
    {0x2103, 0x2106, P}, {0x2108, 0x2109, P}, {0x2114, 0x2114, P}, {0x2116, 0x2118, P},
    {0x211E, 0x2123, P}, {0x2125, 0x2125, P}, {0x2127, 0x2127, P}, {0x2129, 0x2129, P},
    {0x212E, 0x212E, P}, {0x213A, 0x213B, P}, {0x2140, 0x2144, P}, {0x214A, 0x214D, P},
    {0x214F, 0x214F, P}, {0x2190, 0x245F, P}, {0x249C, 0x24E9, P}, {0x2500, 0x2775, P},
    {0x2794, 0x2BFF, P}, {0x2CE5, 0x2CEA, P}, {0x2CF9, 0x2CFC, P}, {0x2CFE, 0x2CFF, P},
    {0x2E00, 0x2FFF, P}, {0x3000, 0x3000, S}, {0x3001, 0x3004, P}, {0x3005, 0x3007, I},
    {0x3008, 0x3020, P}, {0x3021, 0x3029, I}, {0x302A, 0x302F, M}, {0x3030, 0x3030, P},
    {0x3031, 0x3035, I}, {0x3036, 0x3037, P}, {0x3038, 0x303C, I}, {0x303D, 0x303F, P},
    {0x3041, 0x3096, I}, {0x3099, 0x309A, M}, {0x309B, 0x309C, P}, {0x309D, 0x309F, I},
    {0x30A0, 0x30A0, P}, {0x30A1, 0x30FA, I}, {0x30FB, 0x30FB, P}, {0x30FC, 0x30FF, I},
    {0x3190, 0x3191, P}, {0x3196, 0x319F, P}, {0x31C0, 0x31EF, P}, {0x31F0, 0x31FF, I},
    {0x3200, 0x33FF, P}, {0x3400, 0x4DBF, I}, {0x4DC0, 0x4DFF, P}, {0x4E00, 0x9FFF, I},
    {0xA490, 0xA4CF, P}, {0xA4FE, 0xA4FF, P}, {0xA60D, 0xA60F, P}, {0xA673, 0xA673, P},
    {0xA67E, 0xA67E, P}, {0xA6F2, 0xA6F7, P}, {0xA700, 0xA716, P}, {0xA720, 0xA721, P},
    {0xA789, 0xA78A, P}, {0xA828, 0xA82B, P}, {0xA830, 0xA839, P}, {0xA874, 0xA877, P},
    {0xA8CE, 0xA8CF, P}, {0xA8F8, 0xA8FA, P}, {0xA8FC, 0xA8FC, P}, {0xA92E, 0xA92F, P},
    {0xA95F, 0xA95F, P}, {0xA9C1, 0xA9CD, P}, {0xA9DE, 0xA9DF, P}, {0xAA5C, 0xAA5F, P},
    {0xAA77, 0xAA79, P}, {0xAADE, 0xAADF, P}, {0xAAF0, 0xAAF1, P}, {0xAB5B, 0xAB5B, P},
    {0xAB6A, 0xAB6B, P}, {0xABEB, 0xABEB, P}, {0xD800, 0xF8FF, P}, {0xF900, 0xFAFF, I},
    {0xFB29, 0xFB29, P}, {0xFD3E, 0xFD3F, P}, {0xFDFC, 0xFDFF, P}, {0xFE00, 0xFE0F, X},
    {0xFE10, 0xFE19, P}, {0xFE20, 0xFE2F, M}, {0xFE30, 0xFE6F, P}, {0xFEFF, 0xFEFF, X},
    {0xFF01, 0xFF0F, P}, {0xFF10, 0xFF19, D}, {0xFF1A, 0xFF20, P}, {0xFF3B, 0xFF3E, P},
    {0xFF40, 0xFF40, P}, {0xFF5B, 0xFF65, P}, {0xFF66, 0xFF9F, I}, {0xFFE0, 0xFFEE, P},
    {0xFFF0, 0xFFF8, X}, {0xFFF9, 0xFFFF, P}, {0x10100, 0x10102, P}, {0x1B000, 0x1B16F, I},
    {0x1BCA0, 0x1BCA3, X}, {0x1D000, 0x1D164, P}, {0x1D16A, 0x1D16C, P}, {0x1D183, 0x1D184, P},
    {0x1D18C, 0x1D1A9, P}, {0x1D1AE, 0x1D24F, P}, {0x1F000, 0x1FAFF, P}, {0x1FB00, 0x1FBEF, P},
    {0x20000, 0x3134F, I}, {0xE0000, 0xE0FFF, X}, {0xF0000, 0x10FFFF, P},
};

// ASCII classes by table: most text in most posts is ASCII.
constexpr std::array<CharKind, 128> make_ascii_kinds() {
  std::array<CharKind, 128> kinds{};
  for (char32_t c = 0; c < 128; ++c) {
    CharKind kind = CharKind::punctuation;
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      kind = CharKind::space;
    } else if (c < 0x20 || c == 0x7F) {
      kind = CharKind::ignorable;
    } else if (c >= '0' && c <= '9') {
      kind = CharKind::digit;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      kind = CharKind::letter;
    }
    kinds[c] = kind;
  }
  return kinds;
}
constexpr auto kAsciiKinds = make_ascii_kinds();

}  // namespace

CharKind char_kind(char32_t c) noexcept {
  if (c < 0x80) return kAsciiKinds[c];
  auto it = std::upper_bound(std::begin(kRanges), std::end(kRanges), c,
                             [](char32_t value, const Range& range) { return value < range.first; });
  if (it != std::begin(kRanges)) {
    --it;
    if (c <= it->last) return it->kind;
  }
  return CharKind::letter;
}

char32_t to_lower(char32_t c) noexcept {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c >= 0x100 && c <= 0x17F) {
    // Pairs are even/odd except in two odd-first stretches; U+0130 and U+0178 are special.
    if (c == 0x130) return 'i';
    if (c == 0x178) return 0xFF;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c + 1 : c;
    if (c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) return c;
    return (c & 1) ? c : c + 1;
  }
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
  if (c == 0x386) return 0x3AC;
  if (c >= 0x388 && c <= 0x38A) return c + 37;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 63;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F)) {
    return (c & 1) ? c : c + 1;
  }
  if (c == 0x4C0) return 0x4CF;
  if (c >= 0x4C1 && c <= 0x4CE) return (c & 1) ? c + 1 : c;
  if (c >= 0x531 && c <= 0x556) return c + 48;
  if ((c >= 0x1E00 && c <= 0x1E95) || (c >= 0x1EA0 && c <= 0x1EFF)) return (c & 1) ? c : c + 1;
  if (c == 0x1E9E) return 0xDF;
  if (c >= 0xFF21 && c <= 0xFF3A) return c + 32;
  return c;
}

// ASCII bytes by what they do to the current word (the same classes as kAsciiKinds).
// Bit 0: ends a word; bit 1: a letter or digit.
enum : unsigned char { kAsciiOther = 0, kAsciiSpace = 1, kAsciiAlnum = 2 };

constexpr std::array<unsigned char, 128> make_ascii_effects() {
  std::array<unsigned char, 128> effects{};
  for (std::size_t c = 0; c < 128; ++c) {
    CharKind kind = kAsciiKinds[c];
    effects[c] = kind == CharKind::space                                    ? kAsciiSpace
                 : (kind == CharKind::letter || kind == CharKind::digit) ? kAsciiAlnum
                                                                          : kAsciiOther;
  }
  return effects;
}
constexpr auto kAsciiEffects = make_ascii_effects();

namespace {

// Eight ASCII bytes at a time (SWAR): `x` holds bytes below 0x80 only.
constexpr std::uint64_t kOnes = 0x0101010101010101u;
constexpr std::uint64_t kHighs = 0x8080808080808080u;

// The high bit of each byte whose value is in [lo, hi] (no carry crosses a byte: all are < 0x80).
constexpr std::uint64_t bytes_in_range(std::uint64_t x, unsigned lo, unsigned hi) {
  return (x + kOnes * (0x80 - lo)) & ~(x + kOnes * (0x7F - hi)) & kHighs;
}

// Those high bits as 8 bits, byte k (in memory order) as bit k.
constexpr unsigned gather_highs(std::uint64_t highs) {
  return static_cast<unsigned>(((highs >> 7) * 0x0102040810204080u) >> 56);
}

// What the byte loop below does to (words, alnum) for these 8 bytes. The state before byte j
// is "a letter or digit since the last space": it is 1 after a letter or digit and carried over
// other bytes, so adding (the letters and digits shifted one place, plus the incoming state) to
// the mask of other bytes carries each 1 across the run of other bytes after it, to the byte
// that ends the run. A space reached that way ends a word; bit 8 is the state after the chunk.
inline void count_ascii_chunk(std::uint64_t x, std::size_t& words, unsigned& alnum) {
  const unsigned space = gather_highs(bytes_in_range(x, '\t', '\r') | bytes_in_range(x, ' ', ' '));
  const unsigned letters = gather_highs(bytes_in_range(x, '0', '9') | bytes_in_range(x, 'A', 'Z') |
                                        bytes_in_range(x, 'a', 'z'));
  const unsigned other = ~(space | letters) & 0xFFu;
  const unsigned reached = (((letters << 1) | alnum) + other) ^ other;
  unsigned ended = reached & space;  // popcount of 8 bits (no popcnt instruction assumed)
  ended = ended - ((ended >> 1) & 0x55u);
  ended = (ended & 0x33u) + ((ended >> 2) & 0x33u);
  words += (ended + (ended >> 4)) & 0x0Fu;
  alnum = (reached >> 8) & 1u;
}

// True when the 3 bytes at `p` encode a Hangul syllable (U+AC00-U+D7A3: EA B0 80 to ED 9E A3).
inline bool is_hangul_syllable(const char* p) {
  auto b0 = static_cast<unsigned char>(p[0]);
  auto b1 = static_cast<unsigned char>(p[1]);
  auto b2 = static_cast<unsigned char>(p[2]);
  if (b0 < 0xEA || b0 > 0xED || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return false;
  const char32_t c = (static_cast<char32_t>(b0 & 0x0F) << 12) | (static_cast<char32_t>(b1 & 0x3F) << 6) | (b2 & 0x3F);
  return c >= 0xAC00 && c <= 0xD7A3;
}

// Han ideographs (U+4E00-U+9FFF), Hiragana (U+3041-U+3096) and Katakana (U+30A1-U+30FA): the
// ideograph ranges of kRanges that most Chinese and Japanese text is made of.
inline bool is_common_ideograph(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA);
}

// The code point of the 3 bytes at `p` when they are a valid sequence led by E3-E9 (U+3000 to
// U+9FFF: no overlong or surrogate forms there), else 0.
inline char32_t decode_e3_to_e9(const char* p) {
  auto b0 = static_cast<unsigned char>(p[0]);
  auto b1 = static_cast<unsigned char>(p[1]);
  auto b2 = static_cast<unsigned char>(p[2]);
  if (b0 < 0xE3 || b0 > 0xE9 || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return 0;
  return (static_cast<char32_t>(b0 & 0x0F) << 12) | (static_cast<char32_t>(b1 & 0x3F) << 6) | (b2 & 0x3F);
}

}  // namespace

void WordCounter::add(std::string_view utf8) {
  // The state lives in locals while the loop runs: most text is ASCII, a table lookup per byte.
  // Branch-free for ASCII: word boundaries are too frequent to predict.
  std::size_t words = words_;
  std::size_t cjk = cjk_;
  unsigned alnum = word_has_alnum_ ? 1u : 0u;
  const char* data = utf8.data();
  std::size_t i = 0;
  const std::size_t n = utf8.size();
  while (i < n) {
    auto byte = static_cast<unsigned char>(data[i]);
    if (byte < 0x80) {
      unsigned effect = kAsciiEffects[byte];
      unsigned space = effect & kAsciiSpace;
      words += alnum & space;
      alnum = (effect >> 1) | (alnum & (space ^ 1u));
      ++i;
      // After an ASCII byte, 8 bytes at a time while they are ASCII (not before every
      // character: CJK text would pay for a failed try each time).
      while (n - i >= 8) {
        std::uint64_t chunk;
        std::memcpy(&chunk, data + i, 8);
        if ((chunk & kHighs) != 0) break;
        count_ascii_chunk(chunk, words, alnum);
        i += 8;
      }
      continue;
    }
    char32_t c;
    // Hangul and most CJK are 3-byte sequences led by E1-ED: decoded here (the same checks as
    // decode_utf8, which has the rest: overlongs after E0, surrogates after ED, 2 and 4 bytes).
    if (byte >= 0xE1 && byte <= 0xED && n - i >= 3) {
      auto c1 = static_cast<unsigned char>(data[i + 1]);
      auto c2 = static_cast<unsigned char>(data[i + 2]);
      if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80 && (byte != 0xED || c1 < 0xA0)) {
        c = (static_cast<char32_t>(byte & 0x0F) << 12) | (static_cast<char32_t>(c1 & 0x3F) << 6) | (c2 & 0x3F);
        i += 3;
        if (c >= 0xAC00 && c <= 0xD7A3) {
          // A Hangul syllable is a letter, and a Korean word is a run of them: take the run here.
          while (n - i >= 3 && is_hangul_syllable(data + i)) i += 3;
          alnum = 1;
          continue;
        }
      } else {
        c = decode_utf8(utf8, i);
      }
    } else {
      c = decode_utf8(utf8, i);
    }
    // The big blocks first: Hangul syllables and CJK ideographs skip the table search.
    CharKind kind = (c >= 0xAC00 && c <= 0xD7A3) ? CharKind::letter
                    : is_common_ideograph(c)       ? CharKind::ideograph
                                                   : char_kind(c);
    switch (kind) {
      case CharKind::space:
        words += alnum;
        alnum = 0;
        break;
      case CharKind::ideograph:
        words += alnum;
        alnum = 0;
        ++cjk;
        // Chinese and Japanese text is runs of these, one word each: the rest of the run here.
        while (n - i >= 3 && is_common_ideograph(decode_e3_to_e9(data + i))) {
          ++cjk;
          i += 3;
        }
        break;
      case CharKind::letter:
      case CharKind::digit:
        alnum = 1;
        break;
      case CharKind::mark:
      case CharKind::punctuation:
      case CharKind::ignorable:
        break;
    }
  }
  words_ = words;
  cjk_ = cjk;
  word_has_alnum_ = alnum != 0;
}

void WordCounter::boundary() noexcept {
  if (word_has_alnum_) ++words_;
  word_has_alnum_ = false;
}

TextStats count_words(std::string_view utf8) {
  WordCounter counter;
  counter.add(utf8);
  return {counter.words(), counter.cjk_characters()};
}

}  // namespace postrender::detail

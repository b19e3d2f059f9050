#include "entities.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

#include "utf8.hpp"

namespace postrender::detail {
namespace {

// kEntityTable, kEntitySecond and their sizes, generated from md4c's entity.c
// (tools/entity_table.cmake).
#include "entity_table.inc"

// The table indexed by name: a hash table of entry numbers (open addressing, linear probing),
// built on the first lookup. Plain arrays with static storage: nothing to construct at start-up
// and no heap.
constexpr std::size_t kSlots = 4096;  // a power of two; about half full
static_assert(kSlots * 3 >= kEntityCount * 5, "the hash table needs room (at most 60% full)");
static_assert(sizeof(kEntityTable) <= 65536 && kEntityCount < 65536 && kEntityMaxName < 256,
              "entry offsets, numbers and name sizes must fit the index's fields");

struct EntityIndex {
  std::uint16_t name_start[kEntityCount];
  std::uint8_t name_size[kEntityCount];
  std::uint32_t key[kEntityCount];  // first code point | index into kEntitySecond << 17
  std::uint16_t slot[kSlots];       // entry number + 1, 0 = empty
};
EntityIndex g_index;

std::uint32_t name_hash(std::string_view name) {
  std::uint32_t h = 2166136261u;  // FNV-1a
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

bool build_index() {
  const auto* table = reinterpret_cast<const unsigned char*>(kEntityTable);
  const std::size_t size = sizeof(kEntityTable) - 1;  // without the literal's NUL
  std::uint32_t key = 0;
  std::size_t i = 0;
  for (std::size_t n = 0; n < kEntityCount && i < size; ++n) {
    std::uint32_t delta = 0;
    for (unsigned shift = 0; i < size && table[i] >= 0x80; shift += 7) {
      delta |= (table[i++] & 0x7Fu) << shift;
    }
    key += delta;
    std::size_t start = i;
    while (i < size && table[i] < 0x80) ++i;
    g_index.name_start[n] = static_cast<std::uint16_t>(start);
    g_index.name_size[n] = static_cast<std::uint8_t>(i - start);
    g_index.key[n] = key;
    std::size_t slot = name_hash(std::string_view(kEntityTable + start, i - start)) & (kSlots - 1);
    while (g_index.slot[slot] != 0) slot = (slot + 1) & (kSlots - 1);
    g_index.slot[slot] = static_cast<std::uint16_t>(n + 1);
  }
  return true;
}

// Finds `name`; on a match sets the code points (`second` 0 when there is one).
bool lookup_entity(std::string_view name, char32_t& first, char32_t& second) {
  if (name.empty() || name.size() > kEntityMaxName) return false;
  [[maybe_unused]] static const bool built = build_index();  // once, thread-safe
  std::size_t slot = name_hash(name) & (kSlots - 1);
  for (; g_index.slot[slot] != 0; slot = (slot + 1) & (kSlots - 1)) {
    std::size_t n = g_index.slot[slot] - 1u;
    if (name == std::string_view(kEntityTable + g_index.name_start[n], g_index.name_size[n])) {
      first = g_index.key[n] & 0x1FFFFu;
      second = kEntitySecond[g_index.key[n] >> 17];
      return true;
    }
  }
  return false;
}

// HTML's named references that also match without the ';' (WHATWG "legacy" names), sorted.
// Their code points come from the table via the ';' form.
constexpr std::array<std::string_view, 106> kLegacyNames = {
    "AElig", "AMP", "Aacute", "Acirc", "Agrave", "Aring", "Atilde", "Auml", "COPY", "Ccedil",
    "ETH", "Eacute", "Ecirc", "Egrave", "Euml", "GT", "Iacute", "Icirc", "Igrave", "Iuml",
    "LT", "Ntilde", "Oacute", "Ocirc", "Ograve", "Oslash", "Otilde", "Ouml", "QUOT", "REG",
    "THORN", "Uacute", "Ucirc", "Ugrave", "Uuml", "Yacute", "aacute", "acirc", "acute", "aelig",
    "agrave", "amp", "aring", "atilde", "auml", "brvbar", "ccedil", "cedil", "cent", "copy",
    "curren", "deg", "divide", "eacute", "ecirc", "egrave", "eth", "euml", "frac12", "frac14",
    "frac34", "gt", "iacute", "icirc", "iexcl", "igrave", "iquest", "iuml", "laquo", "lt",
    "macr", "micro", "middot", "nbsp", "not", "ntilde", "oacute", "ocirc", "ograve", "ordf",
    "ordm", "oslash", "otilde", "ouml", "para", "plusmn", "pound", "quot", "raquo", "reg",
    "sect", "shy", "sup1", "sup2", "sup3", "szlig", "thorn", "times", "uacute", "ucirc",
    "ugrave", "uml", "uuml", "yacute", "yen", "yuml"};

// HTML maps numeric references to C1 controls onto windows-1252 (0 = keep the code point).
constexpr std::array<char32_t, 32> kC1Replacements = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
unsigned hex_value(char c) {
  if (is_digit(c)) return static_cast<unsigned>(c - '0');
  return static_cast<unsigned>((c | 0x20) - 'a' + 10);
}

void append_code_point(std::string& out, char32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  append_utf8(out, cp);
}

// `ref` is "&name;" with an alphanumeric name.
bool append_named(std::string_view ref, std::string& out) {
  char32_t first = 0;
  char32_t second = 0;
  if (ref.size() < 3 || !lookup_entity(ref.substr(1, ref.size() - 2), first, second)) return false;
  append_utf8(out, first);
  if (second != 0) append_utf8(out, second);
  return true;
}

bool is_legacy_name(std::string_view name) {
  return std::binary_search(kLegacyNames.begin(), kLegacyNames.end(), name);
}

// Parses "&#..." at the start of `text`; `require_semicolon` and digit limits as CommonMark.
// Returns bytes consumed (0 = none) and the value, saturated above U+10FFFF.
std::size_t parse_numeric(std::string_view text, bool hex, std::uint32_t& value) {
  std::size_t i = hex ? 3 : 2;
  std::size_t first = i;
  value = 0;
  while (i < text.size() && (hex ? is_hex(text[i]) : is_digit(text[i]))) {
    unsigned digit = hex ? hex_value(text[i]) : static_cast<unsigned>(text[i] - '0');
    value = value > 0x10FFFF ? value : value * (hex ? 16u : 10u) + digit;
    ++i;
  }
  return i == first ? 0 : i;
}

}  // namespace

bool decode_entity(std::string_view ref, std::string& out) {
  if (ref.size() < 3 || ref.front() != '&' || ref.back() != ';') return false;
  std::string_view body = ref.substr(1, ref.size() - 2);
  if (body[0] == '#') {
    bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    std::size_t digits = body.size() - (hex ? 2 : 1);
    if (digits == 0 || digits > (hex ? 6u : 7u)) return false;
    std::uint32_t value = 0;
    if (parse_numeric(ref, hex, value) != ref.size() - 1) return false;
    append_code_point(out, value);
    return true;
  }
  if (!std::all_of(body.begin(), body.end(), is_alnum)) return false;
  return append_named(ref, out);
}

std::size_t decode_html_reference(std::string_view text, std::string& out, bool in_attribute) {
  if (text.size() < 2 || text[0] != '&') return 0;
  if (text[1] == '#') {
    bool hex = text.size() > 2 && (text[2] == 'x' || text[2] == 'X');
    std::uint32_t value = 0;
    std::size_t end = parse_numeric(text, hex, value);
    if (end == 0) return 0;
    if (end < text.size() && text[end] == ';') ++end;
    if (value >= 0x80 && value <= 0x9F && kC1Replacements[value - 0x80] != 0) {
      value = kC1Replacements[value - 0x80];
    }
    append_code_point(out, value);
    return end;
  }
  std::size_t end = 1;
  while (end < text.size() && is_alnum(text[end])) ++end;
  if (end == 1) return 0;
  if (end < text.size() && text[end] == ';' && append_named(text.substr(0, end + 1), out)) return end + 1;
  // Longest legacy name that prefixes the run (HTML's "&notit;" is "¬it;").
  for (std::size_t len = std::min<std::size_t>(end - 1, 6); len >= 2; --len) {
    std::string_view name = text.substr(1, len);
    if (!is_legacy_name(name)) continue;
    std::size_t after = 1 + len;
    if (in_attribute && after < text.size() && (is_alnum(text[after]) || text[after] == '=')) return 0;
    std::string ref = "&";
    ref.append(name);
    ref += ';';
    return append_named(ref, out) ? after : 0;
  }
  return 0;
}

void append_html_decoded(std::string& out, std::string_view text, bool in_attribute) {
  std::size_t run = 0;
  for (std::size_t i = text.find('&'); i != std::string_view::npos; i = text.find('&', run)) {
    out.append(text.data() + run, i - run);
    std::size_t used = decode_html_reference(text.substr(i), out, in_attribute);
    if (used == 0) {
      out += '&';
      used = 1;
    }
    run = i + used;
  }
  out.append(text.data() + run, text.size() - run);
}

}  // namespace postrender::detail

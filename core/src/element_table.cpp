#include "element_table.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace postrender::detail {

// One row per El value, in the same (alphabetical) order. Sources: WHATWG HTML "special"
// category, "in body" start/end tag rules, "has an element in scope", the foreign-content
// breakout list and the void elements. kNeverEmit marks what the writer refuses to write even
// if a policy asks for it: scripting, embedding, forms, document-level and foreign elements,
// and the few whose parsing the writer does not model (nobr, listing, marquee, col, ...).
constexpr std::array<ElementInfo, static_cast<std::size_t>(El::count_)> kElementInfo{{
    {"", 0, TextMode::normal},
    {"a", kFormatting, TextMode::normal},
    {"abbr", 0, TextMode::normal},
    {"address", kSpecial | kClosesP, TextMode::normal},
    {"applet", kSpecial | kScope | kDropContent | kNeverEmit, TextMode::normal},
    {"area", kVoid | kSpecial | kNeverEmit, TextMode::normal},
    {"article", kSpecial | kClosesP, TextMode::normal},
    {"aside", kSpecial | kClosesP, TextMode::normal},
    {"b", kFormatting | kBreakout, TextMode::normal},
    {"base", kVoid | kSpecial | kNeverEmit, TextMode::normal},
    {"basefont", kVoid | kSpecial | kNeverEmit, TextMode::normal},
    {"bdi", 0, TextMode::normal},
    {"bdo", 0, TextMode::normal},
    {"bgsound", kVoid | kSpecial | kNeverEmit, TextMode::normal},
    {"big", kFormatting | kBreakout, TextMode::normal},
    {"blockquote", kSpecial | kClosesP | kBreakout, TextMode::normal},
    {"body", kSpecial | kNeverEmit | kBreakout, TextMode::normal},
    {"br", kVoid | kSpecial | kBreakout, TextMode::normal},
    {"button", kSpecial | kNeverEmit, TextMode::normal},
    {"caption", kSpecial | kScope | kTablePart, TextMode::normal},
    {"center", kSpecial | kClosesP | kBreakout, TextMode::normal},
    {"cite", 0, TextMode::normal},
    {"code", kFormatting | kBreakout, TextMode::normal},
    {"col", kVoid | kSpecial | kNeverEmit | kTablePart, TextMode::normal},
    {"colgroup", kSpecial | kNeverEmit | kTablePart, TextMode::normal},
    {"data", 0, TextMode::normal},
    {"datalist", kNeverEmit, TextMode::normal},
    {"dd", kSpecial | kClosesP | kImpliedEnd | kBreakout, TextMode::normal},
    {"del", 0, TextMode::normal},
    {"details", kSpecial | kClosesP, TextMode::normal},
    {"dfn", 0, TextMode::normal},
    {"dialog", kClosesP | kNeverEmit, TextMode::normal},
    {"dir", kSpecial | kClosesP, TextMode::normal},
    {"div", kSpecial | kClosesP | kBreakout, TextMode::normal},
    {"dl", kSpecial | kClosesP | kBreakout, TextMode::normal},
    {"dt", kSpecial | kClosesP | kImpliedEnd | kBreakout, TextMode::normal},
    {"em", kFormatting | kBreakout, TextMode::normal},
    {"embed", kVoid | kSpecial | kNeverEmit | kBreakout, TextMode::normal},
    {"fieldset", kSpecial | kClosesP, TextMode::normal},
    {"figcaption", kSpecial | kClosesP, TextMode::normal},
    {"figure", kSpecial | kClosesP, TextMode::normal},
    {"font", kFormatting, TextMode::normal},
    {"footer", kSpecial | kClosesP, TextMode::normal},
    {"form", kSpecial | kClosesP | kNeverEmit, TextMode::normal},
    {"frame", kVoid | kSpecial | kNeverEmit, TextMode::normal},
    {"frameset", kSpecial | kNeverEmit, TextMode::normal},
    {"h1", kSpecial | kClosesP | kHeading | kBreakout, TextMode::normal},
    {"h2", kSpecial | kClosesP | kHeading | kBreakout, TextMode::normal},
    {"h3", kSpecial | kClosesP | kHeading | kBreakout, TextMode::normal},
    {"h4", kSpecial | kClosesP | kHeading | kBreakout, TextMode::normal},
    {"h5", kSpecial | kClosesP | kHeading | kBreakout, TextMode::normal},
    {"h6", kSpecial | kClosesP | kHeading | kBreakout, TextMode::normal},
    {"head", kSpecial | kNeverEmit | kBreakout, TextMode::normal},
    {"header", kSpecial | kClosesP, TextMode::normal},
    {"hgroup", kSpecial | kClosesP, TextMode::normal},
    {"hr", kVoid | kSpecial | kClosesP | kBreakout, TextMode::normal},
    {"html", kSpecial | kScope | kNeverEmit, TextMode::normal},
    {"i", kFormatting | kBreakout, TextMode::normal},
    {"iframe", kSpecial | kNeverEmit, TextMode::rawtext},
    {"image", kVoid | kNeverEmit, TextMode::normal},
    {"img", kVoid | kSpecial | kBreakout, TextMode::normal},
    {"input", kVoid | kSpecial, TextMode::normal},
    {"ins", 0, TextMode::normal},
    {"kbd", 0, TextMode::normal},
    {"keygen", kVoid | kSpecial | kNeverEmit, TextMode::normal},
    {"label", 0, TextMode::normal},
    {"legend", 0, TextMode::normal},
    {"li", kSpecial | kClosesP | kImpliedEnd | kBreakout, TextMode::normal},
    {"link", kVoid | kSpecial | kNeverEmit, TextMode::normal},
    {"listing", kSpecial | kClosesP | kNeverEmit | kBreakout, TextMode::normal},
    {"main", kSpecial | kClosesP, TextMode::normal},
    {"mark", 0, TextMode::normal},
    {"marquee", kSpecial | kScope | kNeverEmit, TextMode::normal},
    {"math", kDropContent | kForeign | kNeverEmit, TextMode::normal},
    {"menu", kSpecial | kClosesP | kBreakout, TextMode::normal},
    {"meta", kVoid | kSpecial | kNeverEmit | kBreakout, TextMode::normal},
    {"nav", kSpecial | kClosesP, TextMode::normal},
    {"nobr", kFormatting | kNeverEmit | kBreakout, TextMode::normal},
    {"noembed", kSpecial | kNeverEmit, TextMode::rawtext},
    {"noframes", kSpecial | kNeverEmit, TextMode::rawtext},
    {"noscript", kSpecial | kNeverEmit, TextMode::rawtext},
    {"object", kSpecial | kScope | kDropContent | kNeverEmit, TextMode::normal},
    {"ol", kSpecial | kClosesP | kBreakout, TextMode::normal},
    {"optgroup", kImpliedEnd | kNeverEmit, TextMode::normal},
    {"option", kImpliedEnd | kNeverEmit, TextMode::normal},
    {"p", kSpecial | kClosesP | kImpliedEnd | kBreakout, TextMode::normal},
    {"param", kVoid | kSpecial | kNeverEmit, TextMode::normal},
    {"picture", 0, TextMode::normal},
    {"plaintext", kSpecial | kClosesP | kNeverEmit, TextMode::plaintext},
    {"portal", kNeverEmit, TextMode::normal},
    {"pre", kSpecial | kClosesP | kBreakout, TextMode::normal},
    {"q", 0, TextMode::normal},
    {"rb", kImpliedEnd, TextMode::normal},
    {"rp", kImpliedEnd, TextMode::normal},
    {"rt", kImpliedEnd, TextMode::normal},
    {"rtc", kImpliedEnd, TextMode::normal},
    {"ruby", kBreakout, TextMode::normal},
    {"s", kFormatting | kBreakout, TextMode::normal},
    {"samp", 0, TextMode::normal},
    {"script", kSpecial | kNeverEmit, TextMode::script},
    {"search", kSpecial | kClosesP, TextMode::normal},
    {"section", kSpecial | kClosesP, TextMode::normal},
    {"select", kSpecial | kNeverEmit, TextMode::normal},
    {"slot", kNeverEmit, TextMode::normal},
    {"small", kFormatting | kBreakout, TextMode::normal},
    {"source", kVoid | kSpecial | kNeverEmit, TextMode::normal},
    {"span", kBreakout, TextMode::normal},
    {"strike", kFormatting | kBreakout, TextMode::normal},
    {"strong", kFormatting | kBreakout, TextMode::normal},
    {"style", kSpecial | kNeverEmit, TextMode::rawtext},
    {"sub", kBreakout, TextMode::normal},
    {"summary", kSpecial | kClosesP, TextMode::normal},
    {"sup", kBreakout, TextMode::normal},
    {"svg", kDropContent | kForeign | kNeverEmit, TextMode::normal},
    {"table", kSpecial | kClosesP | kScope | kBreakout | kTableContext, TextMode::normal},
    {"tbody", kSpecial | kTablePart | kTableContext | kSection, TextMode::normal},
    {"td", kSpecial | kScope | kTablePart | kCell, TextMode::normal},
    {"template", kSpecial | kScope | kDropContent | kNeverEmit, TextMode::normal},
    {"textarea", kSpecial | kNeverEmit, TextMode::rcdata},
    {"tfoot", kSpecial | kTablePart | kTableContext | kSection, TextMode::normal},
    {"th", kSpecial | kScope | kTablePart | kCell, TextMode::normal},
    {"thead", kSpecial | kTablePart | kTableContext | kSection, TextMode::normal},
    {"time", 0, TextMode::normal},
    {"title", kSpecial | kNeverEmit, TextMode::rcdata},
    {"tr", kSpecial | kTablePart | kTableContext, TextMode::normal},
    {"track", kVoid | kSpecial | kNeverEmit, TextMode::normal},
    {"tt", kFormatting | kBreakout, TextMode::normal},
    {"u", kFormatting | kBreakout, TextMode::normal},
    {"ul", kSpecial | kClosesP | kBreakout, TextMode::normal},
    {"var", kBreakout, TextMode::normal},
    {"wbr", kVoid | kSpecial, TextMode::normal},
    {"xmp", kSpecial | kClosesP | kNeverEmit, TextMode::rawtext},
}};

namespace {

constexpr const auto& kElements = kElementInfo;

constexpr bool sorted_by_name() {
  for (std::size_t i = 2; i < kElements.size(); ++i) {
    if (!(kElements[i - 1].name < kElements[i].name)) return false;
  }
  return true;
}
static_assert(sorted_by_name(), "element rows must stay in alphabetical order, matching El");
constexpr std::string_view row_name(El id) { return kElements[static_cast<std::size_t>(id)].name; }
static_assert(row_name(El::a) == "a" && row_name(El::li) == "li" && row_name(El::p) == "p" &&
                  row_name(El::table) == "table" && row_name(El::template_) == "template" &&
                  row_name(El::xmp) == "xmp",
              "El enumerators and rows are out of step");

}  // namespace

namespace {

// Open-addressing hash table over the names, built at compile time: a lookup is one hash and
// usually one short comparison (tag names are looked up for every tag).
constexpr std::size_t kSlots = 512;

constexpr std::size_t name_hash(std::string_view name) {
  std::size_t n = name.size();
  auto c = [&](std::size_t i) { return static_cast<std::size_t>(static_cast<unsigned char>(name[i])); };
  return (n * 131 + c(0) * 31 + c(n - 1) * 7 + c(n / 2) * 3) & (kSlots - 1);
}

constexpr std::array<std::uint8_t, kSlots> make_slots() {
  std::array<std::uint8_t, kSlots> slots{};  // 0: empty (El::unknown)
  for (std::size_t id = 1; id < kElements.size(); ++id) {
    std::size_t at = name_hash(kElements[id].name);
    while (slots[at] != 0) at = (at + 1) & (kSlots - 1);
    slots[at] = static_cast<std::uint8_t>(id);
  }
  return slots;
}
constexpr auto kSlotTable = make_slots();

}  // namespace

El lookup_element(std::string_view lower_name) noexcept {
  if (lower_name.empty() || lower_name.size() > 10) return El::unknown;
  for (std::size_t at = name_hash(lower_name);; at = (at + 1) & (kSlots - 1)) {
    std::uint8_t id = kSlotTable[at];
    if (id == 0) return El::unknown;
    // Names are short: a byte loop, not a call to memcmp.
    const std::string_view row = kElements[id].name;
    if (row.size() != lower_name.size()) continue;
    std::size_t k = 0;
    while (k < row.size() && row[k] == lower_name[k]) ++k;
    if (k == row.size()) return static_cast<El>(id);
  }
}

bool attribute_never_allowed(std::string_view name) noexcept {
  if (name.empty()) return true;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) return true;
  }
  if (name.size() >= 2 && name[0] == 'o' && name[1] == 'n') return true;
  // Every attribute of every tag comes here: the common misses leave before the search. None
  // of the names below is longer than 19 or starts with "data-", and their first letters are
  // in kFirst (checked by the test that walks the list).
  constexpr std::uint32_t kFirst = (1u << ('a' - 'a')) | (1u << ('b' - 'a')) | (1u << ('c' - 'a')) |
                                   (1u << ('d' - 'a')) | (1u << ('f' - 'a')) | (1u << ('h' - 'a')) |
                                   (1u << ('i' - 'a')) | (1u << ('l' - 'a')) | (1u << ('m' - 'a')) |
                                   (1u << ('n' - 'a')) | (1u << ('p' - 'a')) | (1u << ('s' - 'a')) |
                                   (1u << ('u' - 'a')) | (1u << ('x' - 'a'));
  if (name.size() > 19 || name[0] < 'a' || name[0] > 'z' || ((kFirst >> (name[0] - 'a')) & 1u) == 0) return false;
  if (name.size() > 5 && name.compare(0, 5, "data-") == 0) return false;
  // Sorted for the binary search.
  static constexpr std::string_view kNever[] = {
      "accesskey", "action", "attributionsrc", "autofocus", "background", "code", "codebase", "data",
      "dynsrc", "form", "formaction", "formenctype", "formmethod", "formtarget", "http-equiv",
      "imagesrcset", "integrity", "is", "longdesc", "lowsrc", "manifest", "nonce", "ping", "popover",
      "popovertarget", "popovertargetaction", "poster", "sizes", "slot", "srcdoc", "srcset", "usemap",
      "xmlns",
  };
  return std::binary_search(std::begin(kNever), std::end(kNever), name);
}

}  // namespace postrender::detail

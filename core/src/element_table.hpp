#pragma once
// Facts about HTML elements that the tokenizer and the writer need (@TCB: security-critical):
// which are void, which the tokenizer reads as raw text, and how the WHATWG "in body" tree
// builder treats each start and end tag. The writer mirrors those rules so that a browser
// parses its output into exactly the tree it wrote.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace postrender::detail {

// Every element name the rules mention, in alphabetical order (the lookup relies on it).
// `unknown` is any other name: an ordinary element as far as the HTML parser is concerned.
enum class El : std::uint8_t {
  unknown,
  a, abbr, address, applet, area, article, aside, b, base, basefont, bdi, bdo, bgsound, big,
  blockquote, body, br, button, caption, center, cite, code, col, colgroup, data, datalist, dd,
  del, details, dfn, dialog, dir, div, dl, dt, em, embed, fieldset, figcaption, figure, font,
  footer, form, frame, frameset, h1, h2, h3, h4, h5, h6, head, header, hgroup, hr, html, i,
  iframe, image, img, input, ins, kbd, keygen, label, legend, li, link, listing, main, mark,
  marquee, math, menu, meta, nav, nobr, noembed, noframes, noscript, object, ol, optgroup,
  option, p, param, picture, plaintext, portal, pre, q, rb, rp, rt, rtc, ruby, s, samp, script,
  search, section, select, slot, small, source, span, strike, strong, style, sub, summary, sup,
  svg, table, tbody, td, template_, textarea, tfoot, th, thead, time, title, tr, track, tt, u,
  ul, var, wbr, xmp,  // template_: "template" is a C++ keyword
  count_
};

// How the tokenizer reads the content after a start tag (WHATWG "switch the tokenizer to ...").
enum class TextMode : std::uint8_t {
  normal,     // markup
  rawtext,    // style, xmp, iframe, noembed, noframes, noscript: no markup, no references
  rcdata,     // textarea, title: no markup, references decoded
  script,     // script data, with its <!-- --> escape states
  plaintext   // everything to the end of the input
};

enum ElementFlag : std::uint32_t {
  kVoid = 1u << 0,          // no end tag, no content (br, img, ...)
  kSpecial = 1u << 1,       // WHATWG "special" category (stops the any-other-end-tag walk)
  kClosesP = 1u << 2,       // start tag closes a <p> in button scope
  kFormatting = 1u << 3,    // active formatting element (a, b, i, ...)
  kHeading = 1u << 4,       // h1..h6
  kImpliedEnd = 1u << 5,    // popped by "generate implied end tags" (p, li, dd, dt, rt, ...)
  kScope = 1u << 6,         // boundary of the default "has an element in scope"
  kDropContent = 1u << 7,   // the writer drops the element with all it contains (svg, template, ...)
  kForeign = 1u << 8,       // starts SVG or MathML content
  kNeverEmit = 1u << 9,     // never written, whatever the policy says (script, form, iframe, ...)
  kBreakout = 1u << 10,     // start tag ends foreign (svg/math) content in the HTML parser
  kTablePart = 1u << 11,    // caption, colgroup, col, thead, tbody, tfoot, tr, td, th
  kTableContext = 1u << 12, // table, thead, tbody, tfoot, tr: where text and other elements get foster-parented
  kSection = 1u << 13,      // thead, tbody, tfoot
  kCell = 1u << 14,         // td, th
};

struct ElementInfo {
  std::string_view name;
  std::uint32_t flags;
  TextMode text_mode;
};

// Looks up a lower-case tag name; El::unknown when it is not in the table.
El lookup_element(std::string_view lower_name) noexcept;
// One row per El value (element_table.cpp); inline because every event asks it several times.
extern const std::array<ElementInfo, static_cast<std::size_t>(El::count_)> kElementInfo;
inline const ElementInfo& element_info(El id) noexcept { return kElementInfo[static_cast<std::size_t>(id)]; }
inline bool has_flag(El id, std::uint32_t flag) noexcept { return (element_info(id).flags & flag) != 0; }
inline std::string_view element_name(El id) noexcept { return element_info(id).name; }

// Attributes never written whatever a policy says: event handlers (on*), attributes that load
// or run something or reach outside the post (srcdoc, srcset, formaction, ping, background,
// popover, is, slot, accesskey, autofocus, ...), namespaced ones (xlink:href, xmlns) and any
// name outside [a-z0-9_.-] (it could not be written back unambiguously).
bool attribute_never_allowed(std::string_view lower_name) noexcept;

}  // namespace postrender::detail

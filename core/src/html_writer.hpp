#pragma once
// HtmlWriter: the one writer of all output (@TCB: security-critical).
// Every tag that reaches the output, from md4c or from the author's raw HTML, goes through here.
// In trusted mode (sanitize == false) it writes what it is given; when sanitizing it applies
// the policy, owns the open-element stack, and keeps the output balanced and stable.
//
// Sanitizing, in short:
// - One open-element stack for Markdown elements and raw HTML, so "<b>" in one raw chunk and
//   "</b>" in another balance. Consecutive raw_html() chunks are tokenized as one text, so a
//   tag or comment split across lines by md4c is read whole.
// - Elements outside the policy are dropped and their text kept; the raw-text family (script,
//   style, textarea, title, xmp, iframe, noembed, noframes, noscript, plaintext) and svg, math,
//   template, object, applet are dropped with everything inside them, to their matching end
//   (an unclosed one swallows the rest, as in a browser; svg/math end at the HTML tags that
//   break out of foreign content).
// - The browser's content-model fixes are made explicitly (a block start tag closes <p>, no
//   <a> inside <a>, li/dd/dt/td/th/tr close their open siblings, a heading closes an open
//   heading, table parts only inside a table with tbody/tr written where a browser would
//   create them). Nothing a browser would foster-parent out of a table is written: raw text
//   and elements there are dropped, Markdown content goes into a new cell. A block closes the
//   b/i/em/... directly around it; formatting elements closed implicitly are reopened before
//   later text, as browsers do (bounded, so it cannot amplify the input). Stray end tags are
//   dropped; finish() closes the rest. Deeper than max_nesting, elements are dropped (text
//   kept) with one limit.nesting diagnostic.
// - Canonical output: lower-case names, escaped text, double-quoted escaped attribute values,
//   the first of duplicate attributes, no end tags for void elements, U+00A0 as &nbsp;, CR as
//   LF, no leading newline in <pre> (a parser drops one and browsers serialise none back).
//   id/name values and "#fragment" links get policy.id_prefix unless they already start with
//   it. Links with a target or an external host get rel="noopener noreferrer" (plus
//   "nofollow ugc" with nofollow_links); other rel tokens are kept only if harmless.
// The result is balanced and stable (sanitizing it again returns the same bytes), and a
// browser parses it into the tree written: Chromium serialises it back byte for byte.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "postrender/diagnostic.hpp"
#include "element_table.hpp"
#include "postrender/policy.hpp"
#include "source_map.hpp"

namespace postrender::detail {

struct Attribute {
  std::string_view name;   // lower-case
  std::string_view value;  // plain text (entities already decoded); the writer escapes it
};

// A piece of raw HTML given to HtmlWriter::raw_html_pieces(): where it starts in the text and
// the source offset of that start.
struct RawPiece {
  std::size_t at;
  std::size_t source_offset;
};

struct WriterConfig {
  bool sanitize = true;
  const SanitizePolicy* policy = nullptr;  // required when sanitize is true
  int max_nesting = 256;
  std::string_view base_url;  // relative href/src are resolved against it when non-empty
};

class HtmlWriter {
 public:
  // Appends to `out`; reports removals to `diagnostics`. `source` maps raw-HTML offsets to
  // positions (may be null: positions unknown).
  HtmlWriter(std::string& out, const WriterConfig& config, Diagnostics& diagnostics,
             const SourceMap* source = nullptr);
  ~HtmlWriter();
  HtmlWriter(const HtmlWriter&) = delete;
  HtmlWriter& operator=(const HtmlWriter&) = delete;

  // An element produced by the Markdown renderer. Void elements (img, br, hr, input) need no
  // end_element. Attribute values for href/src are URLs; the writer checks them when sanitizing.
  // A "data-source-line" attribute with a number is always kept (the renderer's own).
  void start_element(std::string_view name, const std::vector<Attribute>& attributes = {});
  void end_element(std::string_view name);
  // The same for an element named by its id (never El::unknown): the Markdown renderer's own
  // elements skip the name lookup, and their attributes the per-name policy search.
  void start_element(El id, const std::vector<Attribute>& attributes = {});
  void end_element(El id);
  // Text content; escaped on output.
  void text(std::string_view text);
  // Formatting line break between blocks (a "\n" in the output).
  void newline();
  // HTML the author typed. `source_offset` is its byte offset in the text behind `source`.
  // When sanitizing, chunks are buffered until the next other call, then tokenized together.
  void raw_html(std::string_view html, std::size_t source_offset);
  // raw_html() for each piece of `html` in turn (piece i runs from pieces[i].at to the next
  // piece's start, the last to the end; pieces[0].at is 0). When sanitizing with nothing
  // buffered, the writer takes `html`'s buffer instead of copying it (a raw HTML block can be
  // the whole post): `html` is left empty.
  void raw_html_pieces(std::string& html, const std::vector<RawPiece>& pieces);
  // True while an <a> is open (from Markdown or raw HTML): autolinks must not nest inside it.
  bool inside_link();
  // The output written so far (the Markdown renderer cuts the first paragraph out of it).
  // Buffered raw HTML is written first. A cut-out piece is not necessarily balanced.
  std::size_t output_size();
  std::string_view output();
  // The excerpt (the first paragraph, cut out of this output): begin_excerpt() just before its
  // first call, end_excerpt() just after its last. begin_excerpt() returns where its bytes
  // start (as output_size()); end_excerpt() returns true when those bytes are self-contained,
  // that is when sanitizing them alone with this writer's configuration would return them
  // unchanged, so they need no second pass (the reasoning is in html_writer.cpp). Trusted mode:
  // always true.
  std::size_t begin_excerpt();
  bool end_excerpt();
  // Markdown events carry no position: diagnostics about them use this source offset (in the
  // text behind `source`) once set. Optional.
  void set_source_offset(std::size_t source_offset) noexcept;
  // Closes every element still open. Call once at the end.
  void finish();

 private:
  struct Sanitizer;
  std::string& out_;
  WriterConfig config_;
  Diagnostics& diagnostics_;
  const SourceMap* source_;
  int link_depth_ = 0;  // trusted mode: open <a> elements
  std::unique_ptr<Sanitizer> sanitizer_;
};

// The id a sanitized element gets for `value`: policy.id_prefix in front, unless the value
// already starts with it. The Markdown renderer uses it for its table of contents.
std::string prefixed_id(std::string_view value, const SanitizePolicy& policy);

}  // namespace postrender::detail

// md4c parser events -> HtmlWriter calls. In trusted mode the bytes match md4c-html
// (md4c-release-0.5.2/src/md4c-html.c): the same tags, attributes and newlines; the one
// deliberate difference is that an autolink inside an open <a> is written as text (when
// sanitizing, any Markdown link inside an open <a>).
//
// Output normally goes straight to the writer. Two things are not known when md4c opens a
// block, so the calls are queued until they are:
// - a heading's id needs the heading's text (queued until the heading ends);
// - data-source-line needs a position, and md4c reports none: the line comes from the first
//   text pointer inside the block (pointers into the input, range-checked). Fenced code takes
//   the line before its first text (the fence). A block with no text at all (hr, empty item,
//   empty heading or code) takes the next non-blank line after the last one accounted for;
//   setext underlines, closing fences and table delimiter rows are skipped, link reference
//   definitions too. Known limits: an item or quote whose first line is empty ("-" then the
//   text on the next line) reports the text's line; a multi-line link definition before an
//   empty block can shift that block's line.
//
// Raw HTML blocks are collected whole and scanned (a tolerant scan, not a parser) for their
// text (word count), <h1>-<h6> (TOC; an id is added when the author gave none) and a leading
// <p> (the excerpt), then handed to the writer chunk by chunk with their source offsets.
#include "markdown_renderer.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "element_table.hpp"
#include "entities.hpp"
#include "slug.hpp"
#include "stable_order.hpp"
#include "text_stats.hpp"
#include "utf8.hpp"

extern "C" {
#include "md4c.h"
}

namespace postrender::detail {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
constexpr std::size_t kNoLine = static_cast<std::size_t>(-1);  // no line / no source offset

unsigned parser_flags(const MarkdownInput& input, const MarkdownOptions& markdown) {
  if (input.md4c_flags >= 0) return static_cast<unsigned>(input.md4c_flags);
  unsigned flags = 0;
  if (markdown.tables) flags |= MD_FLAG_TABLES;
  if (markdown.strikethrough) flags |= MD_FLAG_STRIKETHROUGH;
  if (markdown.task_lists) flags |= MD_FLAG_TASKLISTS;
  if (markdown.autolinks) flags |= MD_FLAG_PERMISSIVEAUTOLINKS;
  if (markdown.underline) flags |= MD_FLAG_UNDERLINE;
  return flags;
}

bool ascii_is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool ascii_is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Whitespace runs become one space; leading and trailing whitespace goes (for TOC text).
std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (ascii_is_space(c)) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

// Elements whose tags do not separate words ("<b>foo</b>bar" is one word), and elements whose
// content is not read as text (scripts, styles, embedded documents). Every name here is in the
// element table, so a tag costs one lookup_element() and two array reads.
constexpr std::string_view kInlineElements[] = {
    "a",    "abbr", "b",     "bdi",    "bdo",  "cite", "code", "data", "del",    "dfn", "em",
    "font", "i",    "img",   "ins",    "kbd",  "mark", "q",    "s",    "samp",   "small",
    "span", "strike", "strong", "sub", "sup", "time", "tt",   "u",    "var",    "wbr"};
constexpr std::string_view kHiddenContentElements[] = {"script", "style",    "template", "textarea",
                                                       "title",  "xmp",      "iframe",   "noembed",
                                                       "noframes", "noscript", "object", "plaintext"};

struct ElementSets {
  std::array<bool, static_cast<std::size_t>(El::count_)> inline_elements{};
  std::array<bool, static_cast<std::size_t>(El::count_)> hidden_content{};
  ElementSets() {
    for (std::string_view name : kInlineElements) mark(inline_elements, name);
    for (std::string_view name : kHiddenContentElements) mark(hidden_content, name);
  }
  static void mark(std::array<bool, static_cast<std::size_t>(El::count_)>& set, std::string_view name) {
    El id = lookup_element(name);
    if (id != El::unknown) set[static_cast<std::size_t>(id)] = true;
  }
};

const ElementSets& element_sets() {
  static const ElementSets sets;
  return sets;
}

// `id` from lookup_element() of a lower-case tag name (El::unknown: in neither set).
bool is_inline_element(El id) { return id != El::unknown && element_sets().inline_elements[static_cast<std::size_t>(id)]; }
bool is_hidden_content_element(El id) {
  return id != El::unknown && element_sets().hidden_content[static_cast<std::size_t>(id)];
}

int heading_level(std::string_view name) {
  if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') return name[1] - '0';
  return 0;
}

// A tolerant scanner for the author's raw HTML, enough to read text content, tag names and
// the id attribute. It never rewrites anything; the writer decides what is output.
struct RawToken {
  enum Kind { kText, kStartTag, kEndTag, kOther, kEnd } kind = kEnd;
  std::size_t begin = 0;     // first byte
  std::size_t end = 0;       // one past the last byte
  std::string name;          // lower-case tag name
  std::size_t name_end = 0;  // one past the tag name (start tags)
  bool has_id = false;
  std::string id;  // raw (undecoded) value of the id attribute
};

class RawHtmlScanner {
 public:
  explicit RawHtmlScanner(std::string_view html) : html_(html) {}

  RawToken next() {
    RawToken token;
    token.begin = pos_;
    if (pos_ >= html_.size()) return token;
    if (!skip_until_.empty()) {
      skip_hidden_content(token);
      return token;  // named, so that it is not copied
    }
    if (html_[pos_] != '<' || !starts_markup(pos_)) {
      // Text runs are long (whole paragraphs of raw HTML): memchr to each '<'.
      std::size_t lt = pos_ + 1;
      while (lt < html_.size()) {
        const void* hit = std::memchr(html_.data() + lt, '<', html_.size() - lt);
        if (hit == nullptr) {
          lt = html_.size();
          break;
        }
        lt = static_cast<std::size_t>(static_cast<const char*>(hit) - html_.data());
        if (starts_markup(lt)) break;
        ++lt;
      }
      token.kind = RawToken::kText;
      pos_ = token.end = lt;
      return token;
    }
    if (html_.compare(pos_, 4, "<!--") == 0) {
      std::size_t close = html_.find("-->", pos_ + 2);
      if (html_.compare(pos_ + 4, 1, ">") == 0) close = pos_ + 2;
      pos_ = close == std::string_view::npos ? html_.size() : close + 3;
    } else if (html_[pos_ + 1] == '!' || html_[pos_ + 1] == '?') {
      std::size_t close = html_.find('>', pos_);
      pos_ = close == std::string_view::npos ? html_.size() : close + 1;
    } else {
      tag(token);
      return token;
    }
    token.kind = RawToken::kOther;
    token.end = pos_;
    return token;
  }

  // After a start tag whose content is hidden: skip to its end tag.
  void skip_content_of(std::string name) { skip_until_ = std::move(name); }

 private:
  bool starts_markup(std::size_t i) const {
    if (i + 1 >= html_.size()) return false;
    char c = html_[i + 1];
    return ascii_is_alpha(c) || c == '!' || c == '?' || (c == '/' && i + 2 < html_.size() && ascii_is_alpha(html_[i + 2]));
  }

  RawToken& tag(RawToken& token) {
    bool end_tag = html_[pos_ + 1] == '/';
    std::size_t i = pos_ + (end_tag ? 2 : 1);
    const std::size_t tag_name_begin = i;
    while (i < html_.size() && !ascii_is_space(html_[i]) && html_[i] != '/' && html_[i] != '>') ++i;
    token.name.assign(html_, tag_name_begin, i - tag_name_begin);
    for (char& c : token.name) c = ascii_lower(c);
    token.name_end = i;
    token.kind = end_tag ? RawToken::kEndTag : RawToken::kStartTag;
    while (i < html_.size() && html_[i] != '>') {
      if (ascii_is_space(html_[i]) || html_[i] == '/') {
        ++i;
        continue;
      }
      std::size_t name_begin = i++;
      while (i < html_.size() && !ascii_is_space(html_[i]) && html_[i] != '/' && html_[i] != '>' && html_[i] != '=') ++i;
      std::string_view attribute = html_.substr(name_begin, i - name_begin);
      while (i < html_.size() && ascii_is_space(html_[i])) ++i;
      if (i >= html_.size() || html_[i] != '=') continue;
      ++i;
      while (i < html_.size() && ascii_is_space(html_[i])) ++i;
      std::size_t value_begin = i;
      std::size_t value_end = i;
      if (i < html_.size() && (html_[i] == '"' || html_[i] == '\'')) {
        std::size_t close = html_.find(html_[i], i + 1);
        value_begin = i + 1;
        value_end = close == std::string_view::npos ? html_.size() : close;
        i = close == std::string_view::npos ? html_.size() : close + 1;
      } else {
        while (i < html_.size() && !ascii_is_space(html_[i]) && html_[i] != '>') ++i;
        value_end = i;
      }
      if (!end_tag && !token.has_id && attribute.size() == 2 && ascii_lower(attribute[0]) == 'i' &&
          ascii_lower(attribute[1]) == 'd') {
        token.has_id = true;
        token.id = std::string(html_.substr(value_begin, value_end - value_begin));
      }
    }
    pos_ = token.end = std::min(i + 1, html_.size());
    return token;
  }

  RawToken& skip_hidden_content(RawToken& token) {
    std::size_t i = pos_;
    while ((i = html_.find("</", i)) != std::string_view::npos) {
      std::size_t n = skip_until_.size();
      bool match = i + 2 + n <= html_.size();
      for (std::size_t k = 0; match && k < n; ++k) match = ascii_lower(html_[i + 2 + k]) == skip_until_[k];
      if (match) break;
      i += 2;
    }
    skip_until_.clear();
    token.kind = RawToken::kOther;
    pos_ = token.end = i == std::string_view::npos ? html_.size() : i;
    return token;
  }

  std::string_view html_;
  std::size_t pos_ = 0;
  std::string skip_until_;
};

struct OwnedAttribute {
  std::string name;
  std::string value;
};
using OwnedAttributes = std::vector<OwnedAttribute>;

// One HtmlWriter call, kept while output must wait (a heading's id needs its text; a
// data-source-line needs the position of the first text inside the block).
struct Call {
  enum Kind : unsigned char { kStart, kEnd, kText, kNewline, kRaw, kCaptureBegin, kCaptureEnd };
  explicit Call(Kind k) : kind(k) {}
  Kind kind;
  bool autolink = false;  // an <a> that is dropped (text kept) when it would nest in another link
  El element = El::unknown;  // kStart, kEnd
  OwnedAttributes attributes;
  std::string text;
  std::size_t offset = kNoLine;  // source offset (raw HTML; links and images for diagnostics)
};

class Renderer {
 public:
  Renderer(const MarkdownInput& input, const Options& options, HtmlWriter& writer, MarkdownOutput& output)
      : input_(input), options_(options), writer_(writer), output_(output) {
    if (source_lines()) index_lines();
  }

  void run() {
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = parser_flags(input_, options_.markdown);
    parser.enter_block = &Renderer::on_enter_block;
    parser.leave_block = &Renderer::on_leave_block;
    parser.enter_span = &Renderer::on_enter_span;
    parser.leave_span = &Renderer::on_leave_span;
    parser.text = &Renderer::on_text;
    // md4c counts in unsigned; larger bodies are cut (render() limits input well below this).
    auto size = static_cast<MD_SIZE>(std::min<std::size_t>(input_.markdown.size(), 0xFFFFFFF0u));
    md_parse(input_.markdown.data(), size, &parser, this);
    if (failure_) std::rethrow_exception(failure_);
    heading_hold_ = false;
    resolve_pending(fallback_line());
    flush();
    output_.word_count = words_.words();
    output_.cjk_characters = words_.cjk_characters();
  }

 private:
  // ---- md4c callbacks: C entry points that never let an exception cross md4c's frames.
  template <typename F>
  static int guarded(void* self, F&& body) {
    auto* renderer = static_cast<Renderer*>(self);
    try {
      body(*renderer);
      return 0;
    } catch (...) {
      renderer->failure_ = std::current_exception();
      return -1;
    }
  }
  static int on_enter_block(MD_BLOCKTYPE type, void* detail, void* self) {
    return guarded(self, [&](Renderer& r) { r.enter_block(type, detail); });
  }
  static int on_leave_block(MD_BLOCKTYPE type, void* detail, void* self) {
    return guarded(self, [&](Renderer& r) { r.leave_block(type, detail); });
  }
  static int on_enter_span(MD_SPANTYPE type, void* detail, void* self) {
    return guarded(self, [&](Renderer& r) { r.enter_span(type, detail); });
  }
  static int on_leave_span(MD_SPANTYPE type, void* detail, void* self) {
    return guarded(self, [&](Renderer& r) { r.leave_span(type, detail); });
  }
  static int on_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
    return guarded(self, [&](Renderer& r) { r.text(type, std::string_view(text, size)); });
  }

  // ---- blocks
  void enter_block(MD_BLOCKTYPE type, void* detail) {
    bool top_level = depth_ == 1;
    ++depth_;
    words_.boundary();
    switch (type) {
      case MD_BLOCK_DOC:
        break;
      case MD_BLOCK_QUOTE:
        start_block(El::blockquote, {});
        newline();
        break;
      case MD_BLOCK_UL:
        start_block(El::ul, {});
        newline();
        break;
      case MD_BLOCK_OL: {
        auto* ol = static_cast<const MD_BLOCK_OL_DETAIL*>(detail);
        OwnedAttributes attributes;
        if (ol->start != 1) attributes.push_back({"start", std::to_string(ol->start)});
        start_block(El::ol, std::move(attributes));
        newline();
        break;
      }
      case MD_BLOCK_LI: {
        auto* li = static_cast<const MD_BLOCK_LI_DETAIL*>(detail);
        if (li->is_task) {
          start_block(El::li, {{"class", "task-list-item"}});
          OwnedAttributes input{{"type", "checkbox"}, {"class", "task-list-item-checkbox"}, {"disabled", ""}};
          if (li->task_mark == 'x' || li->task_mark == 'X') input.push_back({"checked", ""});
          start(El::input, std::move(input));
        } else {
          start_block(El::li, {});
        }
        break;
      }
      case MD_BLOCK_HR:
        start_block(El::hr, {});
        newline();
        break;
      case MD_BLOCK_H:
        enter_heading(static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level);
        break;
      case MD_BLOCK_CODE: {
        auto* code = static_cast<const MD_BLOCK_CODE_DETAIL*>(detail);
        fenced_code_ = code->fence_char != 0;
        start_block(El::pre, {}, fenced_code_ ? -1 : 0);
        OwnedAttributes attributes;
        if (code->lang.text != nullptr) attributes.push_back({"class", "language-" + decode_attribute(code->lang)});
        start(El::code, std::move(attributes));
        break;
      }
      case MD_BLOCK_HTML:
        in_html_block_ = true;
        html_block_top_level_ = top_level;
        html_block_.clear();
        html_chunks_.clear();
        break;
      case MD_BLOCK_P:
        if (top_level && !first_paragraph_done_) {
          first_paragraph_done_ = true;
          capturing_paragraph_ = true;
          push(Call{Call::kCaptureBegin});
        }
        start_block(El::p, {});
        break;
      case MD_BLOCK_TABLE:
        start_block(El::table, {});
        newline();
        break;
      case MD_BLOCK_THEAD:
      case MD_BLOCK_TBODY:
      case MD_BLOCK_TR:
        start(type == MD_BLOCK_THEAD ? El::thead : type == MD_BLOCK_TBODY ? El::tbody : El::tr, {});
        newline();
        break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD: {
        OwnedAttributes attributes;
        switch (static_cast<const MD_BLOCK_TD_DETAIL*>(detail)->align) {
          case MD_ALIGN_LEFT: attributes.push_back({"align", "left"}); break;
          case MD_ALIGN_CENTER: attributes.push_back({"align", "center"}); break;
          case MD_ALIGN_RIGHT: attributes.push_back({"align", "right"}); break;
          default: break;
        }
        start(type == MD_BLOCK_TH ? El::th : El::td, std::move(attributes));
        break;
      }
    }
  }

  void leave_block(MD_BLOCKTYPE type, void* detail) {
    --depth_;
    words_.boundary();
    // A block that ends before any text: its line is the next one with content.
    if (!pending_.empty()) resolve_pending(fallback_line());
    switch (type) {
      case MD_BLOCK_DOC:
      case MD_BLOCK_HR:
        break;
      case MD_BLOCK_QUOTE: end_block(El::blockquote); break;
      case MD_BLOCK_UL: end_block(El::ul); break;
      case MD_BLOCK_OL: end_block(El::ol); break;
      case MD_BLOCK_LI: end_block(El::li); break;
      case MD_BLOCK_H:
        leave_heading(static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level);
        skip_setext_underline();
        break;
      case MD_BLOCK_CODE:
        end(El::code);
        end_block(El::pre);
        if (fenced_code_) skip_closing_fence();
        break;
      case MD_BLOCK_HTML:
        in_html_block_ = false;
        emit_html_block();
        break;
      case MD_BLOCK_P:
        end(El::p);
        if (capturing_paragraph_) {
          capturing_paragraph_ = false;
          push(Call{Call::kCaptureEnd});
        }
        newline();
        break;
      case MD_BLOCK_TABLE: end_block(El::table); break;
      case MD_BLOCK_THEAD:
        end_block(El::thead);
        skip_delimiter_row();
        break;
      case MD_BLOCK_TBODY: end_block(El::tbody); break;
      case MD_BLOCK_TR: end_block(El::tr); break;
      case MD_BLOCK_TH: end_block(El::th); break;
      case MD_BLOCK_TD: end_block(El::td); break;
    }
  }

  void enter_heading(unsigned level) {
    static constexpr El kNames[] = {El::h1, El::h2, El::h3, El::h4, El::h5, El::h6};
    heading_level_ = static_cast<int>(std::clamp(level, 1u, 6u));
    heading_text_.clear();
    heading_line_ = kNoLine;
    in_heading_ = true;
    OwnedAttributes attributes;
    if (options_.heading_ids) {
      heading_hold_ = true;  // the id is known only at the end of the heading
      heading_call_ = queue_.size();
      attributes.push_back({"id", ""});
    }
    start_block(kNames[heading_level_ - 1], std::move(attributes));
  }

  void leave_heading(unsigned) {
    static constexpr El kNames[] = {El::h1, El::h2, El::h3, El::h4, El::h5, El::h6};
    in_heading_ = false;
    TocEntry entry;
    entry.level = heading_level_;
    entry.text = collapse_whitespace(heading_text_);
    if (options_.heading_ids) {
      std::string slug = slugger_.unique(entry.text);
      queue_[heading_call_].attributes.front().value = slug;
      entry.id = final_id(slug);
    }
    output_.toc.push_back(std::move(entry));
    end(kNames[heading_level_ - 1]);
    newline();
    heading_hold_ = false;
    flush_if_free();
  }

  // The id as it ends up in the output: the writer prefixes ids when sanitizing.
  std::string final_id(std::string_view id) const {
    return options_.sanitize ? prefixed_id(id, options_.policy) : std::string(id);
  }

  // ---- spans

  // Autolinks never nest in a link. Explicit [links](...) inside the author's <a> are dropped
  // too when sanitizing; trusted mode writes them as md4c-html does.
  bool droppable_link(const MD_SPAN_A_DETAIL& a) const { return a.is_autolink != 0 || options_.sanitize; }
  void enter_span(MD_SPANTYPE type, void* detail) {
    if (image_depth_ > 0) {
      if (type == MD_SPAN_IMG) ++image_depth_;
      return;  // inside an image only the text counts (it becomes alt)
    }
    switch (type) {
      case MD_SPAN_EM: start(El::em, {}); break;
      case MD_SPAN_STRONG: start(El::strong, {}); break;
      case MD_SPAN_U: start(El::u, {}); break;
      case MD_SPAN_CODE: start(El::code, {}); break;
      case MD_SPAN_DEL: start(El::del, {}); break;
      case MD_SPAN_A: {
        auto* a = static_cast<const MD_SPAN_A_DETAIL*>(detail);
        if (!holding()) {
          // The common case, straight to the writer through reused strings: links are the one
          // frequent element with attributes, and a post can hold a great many of them.
          link_attributes_.resize(a->title.text != nullptr ? 2 : 1);
          link_attributes_[0].name = "href";
          decode_attribute_into(a->href, link_attributes_[0].value);
          if (a->title.text != nullptr) {
            link_attributes_[1].name = "title";
            decode_attribute_into(a->title, link_attributes_[1].value);
          }
          deliver_start(El::a, link_attributes_, droppable_link(*a), source_offset_of(a->href.text));
          break;
        }
        OwnedAttributes attributes{{"href", decode_attribute(a->href)}};
        if (a->title.text != nullptr) attributes.push_back({"title", decode_attribute(a->title)});
        Call call{Call::kStart};
        call.autolink = droppable_link(*a);
        call.element = El::a;
        call.attributes = std::move(attributes);
        call.offset = source_offset_of(a->href.text);  // where a bad URL is reported
        push(std::move(call));
        break;
      }
      case MD_SPAN_IMG: {
        auto* img = static_cast<const MD_SPAN_IMG_DETAIL*>(detail);
        image_depth_ = 1;
        image_offset_ = source_offset_of(img->src.text);
        image_attributes_ = {{"src", decode_attribute(img->src)}, {"alt", ""}};
        if (img->title.text != nullptr) image_attributes_.push_back({"title", decode_attribute(img->title)});
        break;
      }
      default:
        break;  // LaTeX and wiki links: their flags are never set
    }
  }

  void leave_span(MD_SPANTYPE type, void* detail) {
    if (image_depth_ > 0) {
      if (type == MD_SPAN_IMG && --image_depth_ == 0) start(El::img, std::move(image_attributes_), image_offset_);
      return;
    }
    switch (type) {
      case MD_SPAN_EM: end(El::em); break;
      case MD_SPAN_STRONG: end(El::strong); break;
      case MD_SPAN_U: end(El::u); break;
      case MD_SPAN_CODE: end(El::code); break;
      case MD_SPAN_DEL: end(El::del); break;
      case MD_SPAN_A: {
        Call call{Call::kEnd};
        call.autolink = droppable_link(*static_cast<const MD_SPAN_A_DETAIL*>(detail));
        call.element = El::a;
        push(std::move(call));
        break;
      }
      default:
        break;
    }
  }

  // ---- text
  void text(MD_TEXTTYPE type, std::string_view text) {
    if (!line_starts_.empty()) note_position(text.data());
    if (image_depth_ > 0) {
      append_alt(type, text);
      return;
    }
    switch (type) {
      case MD_TEXT_NULLCHAR:
        plain_text(kReplacement);
        break;
      case MD_TEXT_BR:
        start(El::br, {});
        newline();
        words_.boundary();
        if (in_heading_) heading_text_ += ' ';
        break;
      case MD_TEXT_SOFTBR:
        newline();
        words_.boundary();
        if (in_heading_) heading_text_ += ' ';
        break;
      case MD_TEXT_HTML:
        if (in_html_block_) {
          collect_html_block(text);
        } else {
          inline_html(text);
        }
        break;
      case MD_TEXT_ENTITY: {
        std::string decoded;
        if (!decode_entity(text, decoded)) decoded.assign(text);
        plain_text(decoded);
        break;
      }
      default:  // MD_TEXT_NORMAL, MD_TEXT_CODE, MD_TEXT_LATEXMATH
        plain_text(text);
        break;
    }
  }

  void plain_text(std::string_view text) {
    if (holding()) {
      Call call{Call::kText};
      call.text.assign(text);
      queue_.push_back(std::move(call));
    } else {
      writer_.text(text);
    }
    words_.add(text);
    if (in_heading_) heading_text_.append(text);
  }

  // md4c-html writes image contents as plain text into alt (BR and SOFTBR as spaces).
  void append_alt(MD_TEXTTYPE type, std::string_view text) {
    std::string& alt = image_attributes_[1].value;
    switch (type) {
      case MD_TEXT_NULLCHAR: alt.append(kReplacement); break;
      case MD_TEXT_BR:
      case MD_TEXT_SOFTBR: alt += ' '; break;
      case MD_TEXT_ENTITY:
        if (!decode_entity(text, alt)) alt.append(text);
        break;
      default: alt.append(text); break;
    }
  }

  void inline_html(std::string_view html) {
    // A tag of a block element (<br>, <p>, <div>) separates words; <b> or <span> does not.
    if (html.size() > 1 && html[0] == '<') {
      std::size_t i = html[1] == '/' ? 2 : 1;
      std::string name;
      while (i < html.size() && ascii_is_alpha(html[i])) name += ascii_lower(html[i++]);
      if (!name.empty() && !is_inline_element(lookup_element(name))) words_.boundary();
    }
    raw(html, source_offset_of(html.data()));
  }

  // ---- raw HTML blocks: collected, then scanned for text (word count), headings (TOC and ids)
  // and a leading <p> (excerpt), then passed to the writer line by line.
  struct HtmlChunk {
    std::size_t begin;
    std::size_t end;
    std::size_t source_offset;
  };
  struct HtmlEdit {
    std::size_t position;  // in html_block_
    Call::Kind marker;     // kRaw: insert `text`; kCaptureBegin / kCaptureEnd: excerpt bounds
    std::string text;
  };

  void collect_html_block(std::string_view text) {
    std::size_t offset = source_offset_of(text.data());
    if (offset == kNoLine) offset = html_chunks_.empty() ? input_.source_offset : last_chunk_end_offset();
    html_chunks_.push_back({html_block_.size(), html_block_.size() + text.size(), offset});
    html_block_.append(text);
  }

  std::size_t last_chunk_end_offset() const {
    const HtmlChunk& last = html_chunks_.back();
    return last.source_offset + (last.end - last.begin);
  }

  void emit_html_block() {
    std::vector<HtmlEdit> edits = scan_html_block();
    if (edits.empty() && !holding()) {
      // Nothing to insert: the block goes to the writer whole, which may take its buffer.
      raw_pieces_.clear();
      for (const HtmlChunk& chunk : html_chunks_) {
        raw_pieces_.push_back({chunk.begin, chunk.source_offset == kNoLine ? input_.source_offset : chunk.source_offset});
      }
      writer_.raw_html_pieces(html_block_, raw_pieces_);
      return;
    }
    std::size_t next_edit = 0;
    for (const HtmlChunk& chunk : html_chunks_) {
      const bool edited = next_edit < edits.size() && edits[next_edit].position <= chunk.end &&
                          (edits[next_edit].position < chunk.end || &chunk == &html_chunks_.back());
      if (!edited) {  // the usual case: the chunk as it is, without a copy
        if (chunk.end > chunk.begin) {
          raw(std::string_view(html_block_).substr(chunk.begin, chunk.end - chunk.begin), chunk.source_offset);
        }
        continue;
      }
      std::string piece;
      std::size_t piece_begin = chunk.begin;
      std::size_t at = chunk.begin;
      auto flush_piece = [&] {
        if (!piece.empty()) raw(piece, chunk.source_offset + (piece_begin - chunk.begin));
        piece.clear();
      };
      while (next_edit < edits.size() && edits[next_edit].position <= chunk.end &&
             (edits[next_edit].position < chunk.end || &chunk == &html_chunks_.back())) {
        const HtmlEdit& edit = edits[next_edit++];
        piece.append(html_block_, at, edit.position - at);
        at = edit.position;
        if (edit.marker == Call::kRaw) {
          piece += edit.text;
        } else {
          flush_piece();
          piece_begin = at;
          push(Call{edit.marker});
        }
      }
      piece.append(html_block_, at, chunk.end - at);
      flush_piece();
    }
  }

  std::vector<HtmlEdit> scan_html_block() {
    std::vector<HtmlEdit> edits;
    RawHtmlScanner scanner(html_block_);
    std::size_t first_content = html_block_.find_first_not_of(" \t\r\n");
    bool capture = html_block_top_level_ && !first_paragraph_done_ && first_content != std::string::npos &&
                   html_block_.compare(first_content, 2, "<p") == 0 &&
                   (first_content + 2 == html_block_.size() || ascii_is_space(html_block_[first_content + 2]) ||
                    html_block_[first_content + 2] == '>' || html_block_[first_content + 2] == '/');
    if (capture) {
      first_paragraph_done_ = true;
      edits.push_back({first_content, Call::kCaptureBegin, {}});
    }
    std::string decoded;  // a text token with references, decoded
    // A raw heading being read: its level, text, id and where an id may be inserted.
    int level = 0;
    std::string text;
    std::string raw_id;
    bool has_id = false;
    std::size_t insert_at = 0;
    auto finish_heading = [&] {
      TocEntry entry;
      entry.level = level;
      entry.text = collapse_whitespace(text);
      if (has_id) {
        std::string id;
        append_html_decoded(id, raw_id, true);
        slugger_.reserve(id);
        entry.id = final_id(id);
      } else if (options_.heading_ids) {
        std::string slug = slugger_.unique(entry.text);
        edits.push_back({insert_at, Call::kRaw, " id=\"" + slug + "\""});
        entry.id = final_id(slug);
      }
      output_.toc.push_back(std::move(entry));
      level = 0;
    };
    for (RawToken token = scanner.next(); token.kind != RawToken::kEnd; token = scanner.next()) {
      switch (token.kind) {
        case RawToken::kText: {
          std::string_view raw_text = std::string_view(html_block_).substr(token.begin, token.end - token.begin);
          std::string_view plain = raw_text;
          if (raw_text.find('&') != std::string_view::npos) {  // else decoding changes nothing
            decoded.clear();
            append_html_decoded(decoded, raw_text);
            plain = decoded;
          }
          words_.add(plain);
          if (level != 0) text += plain;
          break;
        }
        case RawToken::kStartTag: {
          const El id = lookup_element(token.name);
          if (!is_inline_element(id)) words_.boundary();
          if (is_hidden_content_element(id)) scanner.skip_content_of(token.name);
          if (token.name == "br" && level != 0) text += ' ';
          if (heading_level(token.name) != 0 && level == 0) {
            level = heading_level(token.name);
            text.clear();
            has_id = token.has_id;
            raw_id = token.id;
            insert_at = token.name_end;
          }
          break;
        }
        case RawToken::kEndTag:
          if (!is_inline_element(lookup_element(token.name))) words_.boundary();
          if (level != 0 && heading_level(token.name) == level) finish_heading();
          if (capture && token.name == "p") {
            capture = false;
            edits.push_back({token.end, Call::kCaptureEnd, {}});
          }
          break;
        default:
          break;
      }
    }
    words_.boundary();
    if (level != 0) finish_heading();
    if (capture) edits.push_back({html_block_.size(), Call::kCaptureEnd, {}});
    if (edits.size() < 2) return edits;
    std::vector<std::uint64_t> positions(edits.size());
    for (std::size_t i = 0; i < edits.size(); ++i) positions[i] = edits[i].position;
    std::vector<HtmlEdit> sorted;
    sorted.reserve(edits.size());
    for (std::uint32_t i : stable_order(positions)) sorted.push_back(std::move(edits[i]));
    return sorted;
  }

  // ---- output: straight to the writer, or queued while a heading id or a line is unknown
  bool holding() const { return heading_hold_ || !pending_.empty(); }

  void push(Call call) {
    if (holding()) {
      queue_.push_back(std::move(call));
    } else {
      deliver(call);
    }
  }

  // `offset`: source offset for the writer's diagnostics about this element (kNoLine = none).
  void start(El element, OwnedAttributes attributes, std::size_t offset = kNoLine) {
    if (!holding()) {
      deliver_start(element, attributes, false, offset);
      return;
    }
    Call call{Call::kStart};
    call.element = element;
    call.attributes = std::move(attributes);
    call.offset = offset;
    push(std::move(call));
  }

  void end(El element) {
    if (!holding()) {
      writer_.end_element(element);
      return;
    }
    Call call{Call::kEnd};
    call.element = element;
    push(std::move(call));
  }

  void end_block(El element) {
    end(element);
    newline();
  }

  void newline() {
    if (holding()) {
      queue_.push_back(Call{Call::kNewline});
    } else {
      writer_.newline();
    }
  }

  void raw(std::string_view html, std::size_t offset) {
    const std::size_t at = offset == kNoLine ? input_.source_offset : offset;
    if (!holding()) {
      writer_.raw_html(html, at);
      return;
    }
    Call call{Call::kRaw};
    call.text.assign(html);
    call.offset = at;
    push(std::move(call));
  }

  // A block element that may carry data-source-line. `adjust` is added to the line of its first
  // text (-1 for fenced code, whose first text is on the line after the fence).
  void start_block(El element, OwnedAttributes attributes, int adjust = 0) {
    if (source_lines()) {
      attributes.push_back({"data-source-line", ""});
      pending_.push_back({queue_.size(), attributes.size() - 1, adjust});
      Call call{Call::kStart};
      call.element = element;
      call.attributes = std::move(attributes);
      queue_.push_back(std::move(call));
      return;
    }
    start(element, std::move(attributes));
  }

  void deliver(const Call& call) {
    switch (call.kind) {
      case Call::kStart:
        deliver_start(call.element, call.attributes, call.autolink, call.offset);
        break;
      case Call::kEnd:
        if (call.autolink) {
          bool dropped = !link_dropped_.empty() && link_dropped_.back();
          if (!link_dropped_.empty()) link_dropped_.pop_back();
          if (dropped) return;
        }
        writer_.end_element(call.element);
        break;
      case Call::kText:
        writer_.text(call.text);
        break;
      case Call::kNewline:
        writer_.newline();
        break;
      case Call::kRaw:
        writer_.raw_html(call.text, call.offset);
        break;
      case Call::kCaptureBegin:
        capture_begin_ = writer_.begin_excerpt();
        break;
      case Call::kCaptureEnd:
        output_.first_paragraph_self_contained = writer_.end_excerpt();
        output_.first_paragraph_html.assign(writer_.output().substr(capture_begin_));
        break;
    }
  }

  void deliver_start(El element, const OwnedAttributes& owned, bool autolink, std::size_t offset) {
    if (autolink) {
      // No link inside a link (a bare URL inside the author's <a>): keep the text only.
      bool drop = writer_.inside_link();
      link_dropped_.push_back(drop);
      if (drop) return;
    }
    if (offset != kNoLine) writer_.set_source_offset(offset);
    attributes_.clear();
    for (const OwnedAttribute& a : owned) attributes_.push_back({a.name, a.value});
    writer_.start_element(element, attributes_);
  }

  void flush_if_free() {
    if (!holding()) flush();
  }

  void flush() {
    for (const Call& call : queue_) deliver(call);
    queue_.clear();
  }

  // ---- source lines
  struct PendingLine {
    std::size_t call;       // index in queue_
    std::size_t attribute;  // index of data-source-line in its attributes
    int adjust;
  };

  void index_lines() {
    std::string_view text = input_.markdown;
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
        line_starts_.push_back(i + 1);
      }
    }
  }

  std::size_t source_offset_of(const char* p) const {
    const char* begin = input_.markdown.data();
    if (p == nullptr || begin == nullptr || p < begin || p >= begin + input_.markdown.size()) return kNoLine;
    return input_.source_offset + static_cast<std::size_t>(p - begin);
  }

  std::size_t line_of(std::size_t offset) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    return static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  }

  // md4c reports no positions, but text pointers point into the input.
  void note_position(const char* p) {
    std::size_t offset = source_offset_of(p);
    if (offset == kNoLine) return;
    std::size_t line = line_of(offset - input_.source_offset);
    if (in_heading_ && heading_line_ == kNoLine) heading_line_ = line;
    scan_from_ = std::max(scan_from_, line + 1);
    if (!pending_.empty()) resolve_pending(line, true);
  }

  std::string_view line_text(std::size_t line) const {
    std::size_t begin = line_starts_[line];
    std::size_t end = line + 1 < line_starts_.size() ? line_starts_[line + 1] : input_.markdown.size();
    return input_.markdown.substr(begin, end - begin);
  }

  // The line to use for a block without text: the next line with content.
  std::size_t fallback_line() {
    if (line_starts_.empty()) return 0;
    std::size_t line = std::min(scan_from_, line_starts_.size() - 1);
    // Blank lines and link reference definitions ("[id]: /url") carry no block.
    while (line + 1 < line_starts_.size()) {
      std::string_view text = line_text(line);
      std::size_t first = text.find_first_not_of(" \t\r\n");
      if (first != std::string_view::npos && text[first] != '[') break;
      ++line;
    }
    return line;
  }

  void resolve_pending(std::size_t line, bool from_text = false) {
    if (pending_.empty()) return;
    // Pending blocks form an ancestor chain: a list item whose first child is fenced code
    // starts on the fence line too, so each block takes the smallest adjustment below it.
    int adjust = 0;
    for (auto p = pending_.rbegin(); p != pending_.rend(); ++p) {
      adjust = std::min(adjust, p->adjust);
      long long value = static_cast<long long>(line) + (from_text ? adjust : 0);
      value = std::max<long long>(value, 0) + input_.first_line;
      queue_[p->call].attributes[p->attribute].value = std::to_string(value);
    }
    pending_.clear();
    if (!from_text) scan_from_ = std::max(scan_from_, line + 1);
    flush_if_free();
  }

  // Container prefixes ('>' and spaces) removed, as far as a line scan can tell.
  std::string_view strip_containers(std::string_view line) const {
    std::size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '>')) ++i;
    return line.substr(i);
  }

  void skip_closing_fence() {
    if (line_starts_.empty() || scan_from_ >= line_starts_.size()) return;
    std::string_view line = strip_containers(line_text(scan_from_));
    if (line.size() >= 3 && (line[0] == '`' || line[0] == '~') && line[1] == line[0] && line[2] == line[0]) {
      ++scan_from_;
    }
  }

  // After a setext heading ("Title" over "=====") the underline line has no text of its own.
  void skip_setext_underline() {
    if (line_starts_.empty() || heading_line_ >= line_starts_.size() || scan_from_ >= line_starts_.size()) return;
    if (strip_containers(line_text(heading_line_)).substr(0, 1) == "#") return;  // ATX
    std::string_view line = strip_containers(line_text(scan_from_));
    std::size_t end = line.find_first_not_of(line.empty() ? '=' : line[0]);
    if (!line.empty() && (line[0] == '=' || line[0] == '-') &&
        (end == std::string_view::npos || line.find_first_not_of(" \t\r\n", end) == std::string_view::npos)) {
      ++scan_from_;
    }
  }

  void skip_delimiter_row() {
    if (line_starts_.empty() || scan_from_ >= line_starts_.size()) return;
    std::string_view line = strip_containers(line_text(scan_from_));
    if (line.find('-') != std::string_view::npos && line.find_first_not_of("|:- \t\r\n") == std::string_view::npos) {
      ++scan_from_;
    }
  }

  static std::string decode_attribute(const MD_ATTRIBUTE& attribute) {
    std::string value;
    decode_attribute_into(attribute, value);
    return value;
  }

  // Replaces `value` with the attribute's text, entities decoded.
  static void decode_attribute_into(const MD_ATTRIBUTE& attribute, std::string& value) {
    value.clear();
    if (attribute.text == nullptr) return;
    for (int i = 0; attribute.substr_offsets[i] < attribute.size; ++i) {
      std::string_view part(attribute.text + attribute.substr_offsets[i],
                            attribute.substr_offsets[i + 1] - attribute.substr_offsets[i]);
      switch (attribute.substr_types[i]) {
        case MD_TEXT_NULLCHAR: value.append(kReplacement); break;
        case MD_TEXT_ENTITY:
          if (!decode_entity(part, value)) value.append(part);
          break;
        default: value.append(part); break;
      }
    }
  }

  const MarkdownInput& input_;
  bool source_lines() const { return options_.source_lines && input_.source_lines; }
  const Options& options_;
  HtmlWriter& writer_;
  MarkdownOutput& output_;
  std::exception_ptr failure_;

  std::vector<Call> queue_;
  std::vector<PendingLine> pending_;
  std::vector<bool> link_dropped_;
  std::vector<Attribute> attributes_;  // reused for every start_element
  bool heading_hold_ = false;

  int depth_ = 0;  // open blocks, MD_BLOCK_DOC included
  bool fenced_code_ = false;

  bool in_heading_ = false;
  int heading_level_ = 1;
  std::size_t heading_call_ = 0;
  std::string heading_text_;
  std::size_t heading_line_ = kNoLine;  // line of the heading's first text (source_lines only)
  Slugger slugger_;

  int image_depth_ = 0;
  OwnedAttributes image_attributes_;
  OwnedAttributes link_attributes_;  // reused for every link written straight through
  std::size_t image_offset_ = kNoLine;

  bool in_html_block_ = false;
  bool html_block_top_level_ = false;
  std::string html_block_;
  std::vector<RawPiece> raw_pieces_;
  std::vector<HtmlChunk> html_chunks_;

  bool first_paragraph_done_ = false;
  bool capturing_paragraph_ = false;
  std::size_t capture_begin_ = 0;

  std::vector<std::size_t> line_starts_;  // only with options.source_lines
  std::size_t scan_from_ = 0;             // first line not yet known to belong to a block

  WordCounter words_;
};

}  // namespace

void render_markdown_body(const MarkdownInput& input, const Options& options, HtmlWriter& writer,
                          MarkdownOutput& output) {
  Renderer(input, options, writer, output).run();
}

}  // namespace postrender::detail

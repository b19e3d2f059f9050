// HtmlWriter (@TCB: security-critical). See html_writer.hpp for the rules; tag_balancer.cpp
// for the content model; html_tokenizer.cpp for how raw HTML is read.
#include "html_writer.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "css_filter.hpp"
#include "element_table.hpp"
#include "html_escape.hpp"
#include "html_tokenizer.hpp"
#include "tag_balancer.hpp"
#include "url_filter.hpp"

namespace postrender::detail {
namespace {

constexpr std::size_t kNoOffset = static_cast<std::size_t>(-1);
// Identical diagnostics beyond this many per code are counted, then summarised once.
constexpr std::size_t kWarningCap = 100;
// Active formatting elements kept after the last marker (real documents nest a handful).
constexpr std::size_t kMaxFormattingEntries = 32;
// Bytes of reopened formatting tags allowed beyond the input size (see reconstruct()).
constexpr std::size_t kReopenAllowance = 64 * 1024;

// ---- trusted mode (md4c-html bytes)

bool is_url_attribute(std::string_view name) { return name == "href" || name == "src"; }

// Written without a value when empty, as md4c-html does (`<input ... disabled checked>`).
bool is_boolean_attribute(std::string_view name) {
  return name == "checked" || name == "disabled" || name == "open" || name == "hidden" || name == "reversed" ||
         name == "selected";
}

bool is_trusted_void(std::string_view name) {
  return name == "img" || name == "br" || name == "hr" || name == "input" || name == "wbr";
}

char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Change in open <a> elements from raw HTML: counts "<a" and "</a" followed by a tag end,
// whitespace or the end of the chunk (md4c splits a multi-line tag into chunks).
int raw_link_delta(std::string_view html) {
  int delta = 0;
  for (std::size_t i = html.find('<'); i != std::string_view::npos; i = html.find('<', i + 1)) {
    std::size_t k = i + 1;
    bool closing = k < html.size() && html[k] == '/';
    if (closing) ++k;
    if (k >= html.size() || lower_ascii(html[k]) != 'a') continue;
    ++k;
    if (k < html.size() && !(html[k] == '>' || html[k] == '/' || html[k] == ' ' || html[k] == '\t' ||
                             html[k] == '\n' || html[k] == '\r' || html[k] == '\f')) {
      continue;
    }
    delta += closing ? -1 : 1;
  }
  return delta;
}

// ---- canonical escaping (sanitize mode)

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

bool all_space(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return is_space(c); });
}

enum : unsigned char { kEscText = 1, kEscAttribute = 2 };

constexpr std::array<unsigned char, 256> make_escapes() {
  std::array<unsigned char, 256> table{};
  for (unsigned char c : {'&', '<', '>', '\r', '\0', '\xC2'}) table[c] = kEscText | kEscAttribute;
  table['"'] = kEscAttribute;
  return table;
}
constexpr auto kEscapes = make_escapes();

// Text and attribute values: & < > (and " in attributes) as references, U+00A0 as &nbsp; (as
// browsers serialise it), CR and CRLF as LF (the parser's input stream does the same, so the
// output reads back identically), NUL as U+FFFD.
// True when the 8 bytes in `x` may hold a byte append_escaped() rewrites (exact per byte value:
// "has a zero byte" after XOR with each one).
bool chunk_may_escape(std::uint64_t x, unsigned char mode) {
  constexpr std::uint64_t kOnes = 0x0101010101010101u;
  constexpr std::uint64_t kHighs = 0x8080808080808080u;
  auto has = [&](unsigned char b) {
    std::uint64_t v = x ^ (kOnes * b);
    return (v - kOnes) & ~v & kHighs;
  };
  std::uint64_t hit = has('&') | has('<') | has('>') | has('\r') | has('\0') | has(0xC2);
  if (mode & kEscAttribute) hit |= has('"');
  return hit != 0;
}

void append_escaped(std::string& out, std::string_view text, unsigned char mode) {
  std::size_t run = 0;
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // Most text has nothing to rewrite: skip it 8 bytes at a time, then look byte by byte at
    // the 8 bytes that may.
    if (n - i >= 8) {
      std::uint64_t chunk;
      std::memcpy(&chunk, text.data() + i, 8);
      if (!chunk_may_escape(chunk, mode)) {
        i += 8;
        continue;
      }
    }
    const std::size_t stop = std::min(n, i + 8);
    for (; i < stop; ++i) {
      auto c = static_cast<unsigned char>(text[i]);
      if (!(kEscapes[c] & mode)) continue;
      const char* replacement = nullptr;
      std::size_t skip = 1;
      switch (c) {
        case '&': replacement = "&amp;"; break;
        case '<': replacement = "&lt;"; break;
        case '>': replacement = "&gt;"; break;
        case '"': replacement = "&quot;"; break;
        case '\0': replacement = "\xEF\xBF\xBD"; break;
        case '\r':
          replacement = "\n";
          if (i + 1 < n && text[i + 1] == '\n') skip = 2;
          break;
        default:  // 0xC2: only U+00A0 (C2 A0) is rewritten
          if (i + 1 < n && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
            replacement = "&nbsp;";
            skip = 2;
          }
          break;
      }
      if (replacement == nullptr) continue;
      out.append(text.data() + run, i - run);
      out.append(replacement);
      i += skip - 1;
      run = i + 1;
    }
  }
  out.append(text.data() + run, n - run);
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool equals_ci(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower_ascii(a[i]) != lower[i]) return false;
  }
  return true;
}

bool is_digits(std::string_view s, std::size_t max) {
  return !s.empty() && s.size() <= max && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Custom element names a policy may allow: [a-z][a-z0-9._-]*.
bool is_plain_element_name(std::string_view name) {
  if (name.empty() || !(name[0] >= 'a' && name[0] <= 'z')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

// rel values kept from the author: they only describe the link. ("opener" is not here: it
// gives the opened page a handle on ours.)
bool is_harmless_rel(std::string_view token) {
  static constexpr std::string_view kKeep[] = {"alternate", "author", "bookmark", "dofollow", "external",
                                               "help",      "license", "me",     "next",     "nofollow",
                                               "noopener",  "noreferrer", "prev", "search",  "sponsored",
                                               "tag",       "ugc"};
  return std::find(std::begin(kKeep), std::end(kKeep), token) != std::end(kKeep);
}

bool in_sorted(const std::vector<std::string>& list, std::string_view name) {
  return std::binary_search(list.begin(), list.end(), name,
                            [](const auto& a, const auto& b) { return std::string_view(a) < std::string_view(b); });
}

// ---- diagnostics: one table of codes and messages

enum class Code : std::uint8_t {
  element_removed,
  attribute_removed,
  url_blocked,
  css_removed,
  nesting,
  comment_removed,
  end_tag_removed,
  text_removed,
  count_
};

struct CodeInfo {
  const char* code;
  Severity severity;
};

constexpr CodeInfo kCodes[] = {
    {"html.element-removed", Severity::warning},  {"html.attribute-removed", Severity::warning},
    {"url.scheme-blocked", Severity::warning},    {"css.declaration-removed", Severity::warning},
    {"limit.nesting", Severity::warning},         {"html.comment-removed", Severity::info},
    {"html.end-tag-removed", Severity::warning},  {"html.text-removed", Severity::warning},
};
static_assert(sizeof(kCodes) / sizeof(kCodes[0]) == static_cast<std::size_t>(Code::count_), "one row per code");

enum class Message : std::uint8_t {
  with_content,      // <%1> and everything inside it
  tag_only,          // <%1>, its text kept
  in_table,          // <%1> directly inside a table
  outside_table,     // <%1> outside a table
  unterminated,      // unterminated tag
  input_kind,        // <input> other than a checkbox
  input_place,       // <input> outside a list item
  attribute,         // attribute %1 on <%2>
  attribute_value,   // invalid value of %1 on <%2>
  url,               // %1 URL on <%2>
  style,             // style declarations on <%2>: %1
  nesting,           // nesting deeper than %1
  reopen,            // formatting reopened too often
  comment,           // comment
  doctype,           // doctype
  end_tag,           // stray </%1>
  table_text,        // text directly inside a table
  end_tag_text,      // </%1 ...> with text inside
};

constexpr const char* kMessages[] = {
    "removed <%1> and everything inside it",
    "removed <%1> (its text is kept)",
    "removed <%1>: not allowed directly inside a table",
    "removed <%1>: table parts need a <table>",
    "removed an unterminated tag",
    "removed <input>: only task-list checkboxes are kept",
    "removed <input>: task-list checkboxes belong in a list item",
    "removed attribute %1 from <%2>",
    "removed attribute %1 from <%2>: invalid value",
    "removed %1 from <%2>: URL not allowed",
    "removed style declarations from <%2>: %1",
    "elements nested deeper than %1 were dropped (their text is kept)",
    "unclosed formatting elements stopped being reopened: too many",
    "removed a comment",
    "removed a doctype",
    "removed stray end tag </%1>",
    "removed text directly inside a table (a browser would move it out)",
    "removed the text inside the malformed end tag </%1 ...> (browsers drop it too; was a '>' missing?)",
};

// True when an end tag carries more than its name ("</b고 약속했습니다 ... <b>" where a '>' was
// forgotten): the tokenizer discards that text as attributes, as browsers do, and the author
// deserves to hear about it.
bool end_tag_holds_text(std::string_view source, const Token& token) {
  if (token.end > source.size() || token.begin + 2 + token.data.size() >= token.end) return false;
  for (std::size_t i = token.begin + 2 + token.data.size(); i + 1 < token.end; ++i) {
    char c = source[i];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '/') return true;
  }
  return false;
}

std::string format_message(Message message, std::string_view a, std::string_view b) {
  std::string out;
  for (const char* p = kMessages[static_cast<std::size_t>(message)]; *p != '\0'; ++p) {
    if (p[0] == '%' && (p[1] == '1' || p[1] == '2')) {
      out.append(p[1] == '1' ? a : b);
      ++p;
    } else {
      out += *p;
    }
  }
  return out;
}

// ---- the policy, compiled into lookups by element id

struct CompiledPolicy {
  struct Rule {
    std::string attribute;
    bool everywhere = false;
    std::array<bool, static_cast<std::size_t>(El::count_)> on{};
    std::vector<std::string> custom_on;  // sorted
  };

  const SanitizePolicy* source = nullptr;
  std::array<bool, static_cast<std::size_t>(El::count_)> elements{};
  std::vector<std::string> custom_elements;  // sorted
  std::vector<Rule> rules;                   // sorted by attribute
  std::vector<std::string> removed_attributes;
  std::vector<std::string> classes;  // sorted; empty: any class
  bool data_removed = false;

  explicit CompiledPolicy(const SanitizePolicy& policy) : source(&policy) {
    for (const std::string& name : policy.elements()) {
      if (!policy.element_allowed(name)) continue;
      El id = lookup_element(name);
      if (id != El::unknown) {
        elements[static_cast<std::size_t>(id)] = !has_flag(id, kNeverEmit);
      } else if (is_plain_element_name(name)) {
        custom_elements.push_back(name);
      }
    }
    std::sort(custom_elements.begin(), custom_elements.end());
    removed_attributes.assign(policy.removed_attributes().begin(), policy.removed_attributes().end());
    data_removed = policy.removed_attributes().count("data-*") != 0;
    for (const auto& [attribute, on] : policy.attributes()) {
      if (policy.removed_attributes().count(attribute)) continue;
      Rule rule;
      rule.attribute = attribute;
      for (const std::string& element : on) {
        if (element == "*") {
          rule.everywhere = true;
          continue;
        }
        El id = lookup_element(element);
        if (id != El::unknown) {
          rule.on[static_cast<std::size_t>(id)] = true;
        } else {
          rule.custom_on.push_back(element);
        }
      }
      std::sort(rule.custom_on.begin(), rule.custom_on.end());
      rules.push_back(std::move(rule));
    }
    // std::map iteration is sorted already.
    classes.assign(policy.allowed_classes.begin(), policy.allowed_classes.end());
  }

  bool element_allowed(El id, std::string_view name) const {
    if (id != El::unknown) return elements[static_cast<std::size_t>(id)];
    return in_sorted(custom_elements, name);
  }

  const Rule* find_rule(std::string_view attribute) const {
    auto it = std::lower_bound(rules.begin(), rules.end(), attribute,
                               [](const Rule& r, std::string_view a) { return std::string_view(r.attribute) < a; });
    return it != rules.end() && it->attribute == attribute ? &*it : nullptr;
  }

  static bool rule_covers(const Rule* rule, El id, std::string_view element) {
    if (rule == nullptr) return false;
    if (rule->everywhere) return true;
    if (id != El::unknown) return rule->on[static_cast<std::size_t>(id)];
    return in_sorted(rule->custom_on, element);
  }

  bool attribute_allowed(El id, std::string_view element, std::string_view attribute) const {
    if (in_sorted(removed_attributes, attribute)) return false;
    if (rule_covers(find_rule(attribute), id, element)) return true;
    return attribute.size() > 5 && starts_with(attribute, "data-") && !data_removed &&
           rule_covers(find_rule("data-*"), id, element);
  }
};

// Compiling costs more than sanitizing a small post, and a site build or a live preview renders
// with one policy again and again: each thread keeps its last compilation and reuses it while
// the policy is the same object at the same revision (every change to its element and
// attribute sets takes a new one) and allowed_classes, a public field, still compares equal.
// The rest is read live through `source`.
std::shared_ptr<const CompiledPolicy> compile_policy(const SanitizePolicy& policy) {
  struct Cache {
    const SanitizePolicy* policy = nullptr;
    std::uint64_t revision = 0;
    std::set<std::string> classes;
    std::shared_ptr<const CompiledPolicy> compiled;
  };
  thread_local Cache cache;
  if (cache.compiled && cache.policy == &policy && cache.revision == policy.revision() &&
      cache.classes == policy.allowed_classes) {
    return cache.compiled;
  }
  auto compiled = std::make_shared<const CompiledPolicy>(policy);
  cache.compiled.reset();  // stays empty if a copy below throws
  cache.policy = &policy;
  cache.revision = policy.revision();
  cache.classes = policy.allowed_classes;
  cache.compiled = compiled;
  return compiled;
}

// Content dropped with its element, to the matching end tag. HTML regions (template, object,
// applet) count nesting of their own name; foreign ones (svg, math) keep a small stack so that
// they end where a browser leaves foreign content.
struct Region {
  struct Node {
    std::string name;
    bool html = false;         // an HTML element inside an integration point
    bool integration = false;  // foreignObject, desc, title (SVG); mi, mo, mn, ms, mtext (MathML)
    bool svg = false;
  };
  bool active = false;
  bool foreign = false;
  El root = El::unknown;
  std::size_t depth = 0;     // HTML regions
  std::vector<Node> nodes;   // foreign regions; nodes[0] is the svg/math element
  std::size_t overflow = 0;  // foreign nodes past the nesting limit (counted only)

  bool html_mode() const {
    if (!foreign || overflow > 0 || nodes.empty()) return !foreign;
    return nodes.back().html || nodes.back().integration;
  }
};

bool is_integration_point(std::string_view name, bool svg, const std::vector<TokenAttribute>& attributes) {
  if (svg) return name == "foreignobject" || name == "desc" || name == "title";
  if (name == "mi" || name == "mo" || name == "mn" || name == "ms" || name == "mtext") return true;
  if (name == "annotation-xml") {
    for (const TokenAttribute& a : attributes) {
      if (a.name == "encoding") {
        std::string_view v = trim(a.value);
        return equals_ci(v, "text/html") || equals_ci(v, "application/xhtml+xml");
      }
    }
  }
  return false;
}

// The attributes the Markdown renderer writes (an index into Sanitizer::markdown_kept), or -1.
constexpr std::size_t kMarkdownAttributeCount = 11;
int markdown_attribute_kind(std::string_view a) {
  switch (a.size()) {
    case 2: return a == "id" ? 0 : -1;
    case 3: return a == "src" ? 1 : a == "alt" ? 2 : -1;
    case 4: return a == "href" ? 3 : a == "type" ? 4 : -1;
    case 5: return a == "title" ? 5 : a == "class" ? 6 : a == "start" ? 7 : a == "align" ? 8 : -1;
    case 7: return a == "checked" ? 9 : -1;
    case 8: return a == "disabled" ? 10 : -1;
    default: return -1;
  }
}

// Start tags after which a browser reopens closed formatting elements ("reconstruct the active
// formatting elements"): text, phrasing and void inline elements, not blocks.
bool reconstructs_before(El id) {
  if (id == El::rb || id == El::rp || id == El::rt || id == El::rtc) return false;
  if (!has_flag(id, kSpecial)) return true;
  return id == El::br || id == El::img || id == El::wbr || id == El::input;
}

}  // namespace

std::string prefixed_id(std::string_view value, const SanitizePolicy& policy) {
  const std::string& prefix = policy.id_prefix;
  if (prefix.empty() || starts_with(value, prefix)) return std::string(value);
  std::string out = prefix;
  out.append(value);
  return out;
}

struct HtmlWriter::Sanitizer {
  Sanitizer(std::string& output, const WriterConfig& writer_config, Diagnostics& sink, const SourceMap* map,
            const SanitizePolicy& p)
      : out(output), config(writer_config), diagnostics(sink), source(map), compiled(compile_policy(p)),
        policy(*compiled) {}

  // Events (from Markdown when offset == kNoOffset, else from raw HTML at that raw-buffer offset).
  bool process_start(El id, std::string_view name, const std::vector<TokenAttribute>& attributes,
                     bool self_closing, std::size_t offset, bool markdown);
  void process_end(El id, std::string_view name, std::size_t offset, bool markdown);
  void process_text(std::string_view text, std::size_t offset, bool markdown);
  void newline();
  void flush_raw();
  void finish();
  void markdown_start(El id, std::string_view name, const std::vector<Attribute>& attributes);

  bool build_start_tag(El id, std::string_view name, const std::vector<TokenAttribute>& attributes,
                       std::size_t offset, bool markdown);
  bool attribute_kept(El id, std::string_view name, std::string_view attribute, bool markdown);
  bool check_input(const std::vector<TokenAttribute>& attributes, std::size_t offset);
  bool open_implied_cell(std::size_t offset);
  void close_to(std::size_t keep);
  void write_end_tag(const OpenElement& element);
  void open(El id, std::string_view name, std::string_view start_tag);
  void reconstruct();
  bool depth_allows(std::size_t depth, std::size_t offset);
  void start_region(El id, std::string_view name);
  bool region_start(El id, std::string_view name, const std::vector<TokenAttribute>& attributes,
                    bool self_closing);
  bool region_end(El id, std::string_view name);
  void report(Code code, Message message, std::string_view a, std::string_view b, std::size_t offset);

  std::string& out;
  const WriterConfig& config;
  Diagnostics& diagnostics;
  const SourceMap* source;
  std::shared_ptr<const CompiledPolicy> compiled;  // shared with the per-thread cache
  const CompiledPolicy& policy;
  TagBalancer balancer;
  HtmlTokenizer tokenizer;
  Token token;

  // Raw HTML waiting to be tokenized, and where its pieces came from.
  std::string raw;
  struct Segment {
    std::size_t at;      // position in `raw`
    std::size_t source;  // source offset of that position
  };
  std::vector<Segment> segments;
  El raw_open = El::unknown;  // a raw-text element left open by the previous chunk

  Region region;
  std::array<std::uint32_t, static_cast<std::size_t>(El::count_)> phantoms{};  // dropped by the depth limit
  std::uint32_t phantom_custom = 0;
  bool after_pre = false;  // the last thing written was a <pre> start tag
  bool nesting_reported = false;
  bool reopen_reported = false;
  std::size_t input_bytes = 0;     // raw HTML and text received so far
  std::size_t reopened_bytes = 0;  // start tags written again by reconstruct()
  std::size_t markdown_offset = kNoOffset;

  std::vector<TokenAttribute> markdown_attributes;
  // The policy's answer for each attribute the Markdown renderer writes, by element, found on
  // first use: 0 not yet known, 1 kept, 2 removed.
  std::array<std::array<std::uint8_t, static_cast<std::size_t>(El::count_)>, kMarkdownAttributeCount> markdown_kept{};
  // The same for raw HTML attributes of known elements (names up to 16 bytes), in a small
  // direct-mapped table: posts repeat the same few attributes on the same few elements.
  struct KeptEntry {
    std::uint64_t name[2] = {0, 0};  // zero-padded
    std::uint8_t size = 0;           // 0: empty slot
    El id = El::unknown;
    bool kept = false;
  };
  std::array<KeptEntry, 32> raw_kept{};
  std::string tag;      // the start tag being built
  std::string url;      // a filtered URL
  std::string value;    // an attribute value being rebuilt
  std::string removed;  // style declarations the filter dropped
  std::vector<std::string_view> rel;
  std::array<std::size_t, static_cast<std::size_t>(Code::count_)> counts{};

  // The excerpt (HtmlWriter::begin_excerpt): while it is open, anything that lets state from
  // before it shape its bytes clears excerpt_clean.
  bool excerpt_open = false;
  bool excerpt_clean = false;
  bool fresh_state() const;
};

// ---- HtmlWriter: trusted mode writes directly; sanitizing delegates to the Sanitizer

HtmlWriter::HtmlWriter(std::string& out, const WriterConfig& config, Diagnostics& diagnostics,
                       const SourceMap* source)
    : out_(out), config_(config), diagnostics_(diagnostics), source_(source) {
  if (config_.sanitize) {
    static const SanitizePolicy kDefault = SanitizePolicy::blog_post();
    if (config_.max_nesting < 1) config_.max_nesting = 1;
    sanitizer_ = std::make_unique<Sanitizer>(out_, config_, diagnostics_, source_,
                                             config_.policy ? *config_.policy : kDefault);
  }
}

HtmlWriter::~HtmlWriter() = default;

void HtmlWriter::set_source_offset(std::size_t source_offset) noexcept {
  if (sanitizer_) sanitizer_->markdown_offset = source_offset;
}

void HtmlWriter::start_element(std::string_view name, const std::vector<Attribute>& attributes) {
  if (sanitizer_) {
    sanitizer_->markdown_start(lookup_element(name), name, attributes);
    return;
  }
  out_ += '<';
  out_ += name;
  for (const Attribute& attribute : attributes) {
    out_ += ' ';
    out_ += attribute.name;
    if (attribute.value.empty() && is_boolean_attribute(attribute.name)) continue;
    out_ += "=\"";
    if (is_url_attribute(attribute.name)) {
      if (config_.base_url.empty()) {
        append_escaped_url(out_, attribute.value);
      } else {
        append_escaped_url(out_, resolve_url(attribute.value, config_.base_url));
      }
    } else {
      append_escaped_attribute(out_, attribute.value);
    }
    out_ += '"';
  }
  out_ += '>';
  if (name == "a") ++link_depth_;
}

void HtmlWriter::start_element(El id, const std::vector<Attribute>& attributes) {
  if (sanitizer_) {
    sanitizer_->markdown_start(id, element_name(id), attributes);
    return;
  }
  start_element(element_name(id), attributes);
}

void HtmlWriter::end_element(El id) {
  if (sanitizer_) {
    sanitizer_->flush_raw();
    sanitizer_->process_end(id, element_name(id), kNoOffset, true);
    return;
  }
  end_element(element_name(id));
}

void HtmlWriter::end_element(std::string_view name) {
  if (sanitizer_) {
    sanitizer_->flush_raw();
    sanitizer_->process_end(lookup_element(name), name, kNoOffset, true);
    return;
  }
  if (is_trusted_void(name)) return;
  out_ += "</";
  out_ += name;
  out_ += '>';
  if (name == "a" && link_depth_ > 0) --link_depth_;
}

void HtmlWriter::text(std::string_view text) {
  if (sanitizer_) {
    sanitizer_->flush_raw();
    sanitizer_->input_bytes += text.size();
    sanitizer_->process_text(text, kNoOffset, true);
    return;
  }
  append_escaped_text(out_, text);
}

void HtmlWriter::newline() {
  if (sanitizer_) {
    sanitizer_->flush_raw();
    sanitizer_->newline();
    return;
  }
  out_ += '\n';
}

void HtmlWriter::raw_html(std::string_view html, std::size_t source_offset) {
  if (sanitizer_) {
    if (html.empty()) return;
    sanitizer_->segments.push_back({sanitizer_->raw.size(), source_offset});
    sanitizer_->raw.append(html);
    sanitizer_->input_bytes += html.size();
    return;
  }
  out_ += html;
  link_depth_ = std::max(0, link_depth_ + raw_link_delta(html));
}

void HtmlWriter::raw_html_pieces(std::string& html, const std::vector<RawPiece>& pieces) {
  auto piece_end = [&](std::size_t i) { return i + 1 < pieces.size() ? pieces[i + 1].at : html.size(); };
  if (!sanitizer_ || !sanitizer_->raw.empty()) {
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      raw_html(std::string_view(html).substr(pieces[i].at, piece_end(i) - pieces[i].at), pieces[i].source_offset);
    }
    return;
  }
  // What the loop above does with an empty buffer, without the copy.
  Sanitizer& s = *sanitizer_;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (piece_end(i) > pieces[i].at) s.segments.push_back({pieces[i].at, pieces[i].source_offset});
  }
  s.input_bytes += html.size();
  s.raw.swap(html);
  html.clear();
}

bool HtmlWriter::inside_link() {
  if (!sanitizer_) return link_depth_ > 0;
  sanitizer_->flush_raw();
  return sanitizer_->balancer.open_links() > 0;
}

std::size_t HtmlWriter::output_size() {
  if (sanitizer_) sanitizer_->flush_raw();
  return out_.size();
}

std::string_view HtmlWriter::output() {
  if (sanitizer_) sanitizer_->flush_raw();
  return out_;
}

void HtmlWriter::finish() {
  if (sanitizer_) sanitizer_->finish();
}

// Why end_excerpt() may answer true, so that render() takes the excerpt's bytes as written
// instead of sanitizing them a second time (which costs as much again, and for a post that is
// one huge paragraph makes the render non-linear in practice):
// (1) What the Sanitizer writes for an event depends only on the event and on its state: the
//     open-element stack, the active formatting list, the dropped region, a raw-text element
//     left open, buffered raw HTML (with the tokenizer, which restarts at every flush), the
//     phantom counts of elements dropped by the depth limit, after_pre, and the budget of
//     reopened tags. Counters and diagnostics never change what is written.
// (2) begin_excerpt() flushes buffered raw HTML and then requires every one of those parts,
//     the budget aside, to be as in a new writer (fresh_state()). The budget is only consulted
//     by reconstruct() when it has something to reopen; that clears excerpt_clean, so it is
//     never consulted inside. Hence from begin_excerpt() to end_excerpt() this writer writes
//     exactly what a new writer with the same configuration writes for the same events.
// (3) end_excerpt() flushes and requires the stack to be empty again, so that new writer's
//     finish() would add nothing: the bytes are the complete output of a sanitizing writer.
// (4) Such output is stable: sanitizing it again with the same policy, base URL and nesting
//     limit returns it unchanged (the writer's core invariant, checked by the tests and the
//     fuzz targets on every output). The one exception is data-source-line, which the writer
//     keeps on Markdown elements whatever the policy says: writing it where the policy would
//     remove it from raw HTML clears excerpt_clean.
// So when the answer is true, sanitizing the bytes alone (what render() did before) returns
// the same bytes, and skipping it changes nothing. Whenever in doubt the answer is false and
// render() re-balances as before: a first paragraph that starts inside an element (or by
// closing one) opened earlier, that reopens formatting, or that leaves something open.
bool HtmlWriter::Sanitizer::fresh_state() const {
  if (!raw.empty() || raw_open != El::unknown || region.active || after_pre || phantom_custom != 0) return false;
  if (!balancer.empty() || !balancer.formatting().empty()) return false;
  return std::all_of(phantoms.begin(), phantoms.end(), [](std::uint32_t n) { return n == 0; });
}

std::size_t HtmlWriter::begin_excerpt() {
  if (sanitizer_) {
    Sanitizer& s = *sanitizer_;
    s.flush_raw();
    s.excerpt_open = true;
    s.excerpt_clean = s.fresh_state();
  }
  return out_.size();
}

bool HtmlWriter::end_excerpt() {
  if (!sanitizer_) return true;
  Sanitizer& s = *sanitizer_;
  s.flush_raw();
  bool clean = s.excerpt_open && s.excerpt_clean && s.balancer.empty();
  s.excerpt_open = false;
  s.excerpt_clean = false;
  return clean;
}

// ---- Sanitizer: events

void HtmlWriter::Sanitizer::markdown_start(El id, std::string_view name, const std::vector<Attribute>& attributes) {
  flush_raw();
  input_bytes += name.size() + 2;
  markdown_attributes.clear();  // reused: no allocation per element once it has grown
  for (const Attribute& attribute : attributes) {
    markdown_attributes.push_back({attribute.name, attribute.value, kNoOffset});
    input_bytes += attribute.name.size() + attribute.value.size();
  }
  process_start(id, name, markdown_attributes, false, kNoOffset, true);
}

bool HtmlWriter::Sanitizer::process_start(El id, std::string_view name, const std::vector<TokenAttribute>& attributes,
                                          bool self_closing, std::size_t offset, bool markdown) {
  if (raw_open != El::unknown) return false;  // inside a raw-text element left open by raw HTML
  if (region.active && !region_start(id, name, attributes, self_closing)) return false;
  if (id == El::image) {  // "in body": an <image> start tag is read as <img>
    id = El::img;
    name = "img";
  }
  if (has_flag(id, kDropContent)) {
    report(Code::element_removed, Message::with_content, name, {}, offset);
    if (!(has_flag(id, kForeign) && self_closing)) start_region(id, name);  // <svg/> has no content
    return false;
  }
  if (element_info(id).text_mode != TextMode::normal) {
    // The tokenizer hands the content over as raw text, which is dropped with the element.
    report(Code::element_removed, Message::with_content, name, {}, offset);
    return false;
  }
  if (!policy.element_allowed(id, name)) {
    report(Code::element_removed, Message::tag_only, name, {}, offset);
    return false;
  }
  StartPlan plan = balancer.plan_start(id);
  if (plan.action == StartPlan::Action::drop_in_table) {
    // Raw HTML a browser would foster-parent is dropped. Markdown content between table rows
    // (typically after a raw <table> left open) goes into a cell instead, so it is not lost.
    if (!markdown || !open_implied_cell(offset)) {
      report(Code::element_removed, Message::in_table, name, {}, offset);
      return false;
    }
    plan = balancer.plan_start(id);
  }
  if (plan.action == StartPlan::Action::drop_outside_table) {
    report(Code::element_removed, Message::outside_table, name, {}, offset);
    return false;
  }
  for (int i = 0; i < plan.implied_count; ++i) {
    // A row needs a tbody, a cell a tr: without them in the policy, the element cannot be kept.
    if (!policy.element_allowed(plan.implied[i], element_name(plan.implied[i]))) {
      report(Code::element_removed, Message::tag_only, name, {}, offset);
      return false;
    }
  }
  if (id == El::input && !check_input(attributes, offset)) return false;
  const bool is_void = has_flag(id, kVoid);
  auto note_phantom = [&] {
    if (is_void) return;
    if (id == El::unknown) {
      ++phantom_custom;
    } else {
      ++phantoms[static_cast<std::size_t>(id)];
    }
  };
  if (!depth_allows(plan.keep + static_cast<std::size_t>(plan.implied_count) + (is_void ? 0 : 1), offset)) {
    note_phantom();
    return false;
  }
  build_start_tag(id, name, attributes, offset, markdown);
  close_to(plan.keep);
  for (int i = 0; i < plan.implied_count; ++i) {
    open(plan.implied[i], {}, plan.implied[i] == El::tbody ? "<tbody>" : "<tr>");
  }
  if (id == El::a) {
    // A closed <a> leaves the formatting list instead of being reopened.
    std::size_t f = balancer.find_formatting(El::a);
    if (f != TagBalancer::npos && !balancer.formatting()[f].open) balancer.remove_formatting(f);
  }
  if (reconstructs_before(id)) reconstruct();
  if (!depth_allows(balancer.depth() + (is_void ? 0 : 1), offset)) {
    note_phantom();
    return false;
  }
  open(id, name, tag);
  return true;
}

void HtmlWriter::Sanitizer::process_end(El id, std::string_view name, std::size_t offset, bool markdown) {
  if (raw_open != El::unknown) return;
  if (region.active && !region_end(id, name)) return;
  if (id == El::br) {  // "in body": </br> is read as <br>
    static const std::vector<TokenAttribute> kNone;
    process_start(El::br, "br", kNone, false, offset, markdown);
    return;
  }
  std::uint32_t& phantom = id == El::unknown ? phantom_custom : phantoms[static_cast<std::size_t>(id)];
  if (phantom > 0) {  // the end of an element the depth limit dropped
    --phantom;
    return;
  }
  if (has_flag(id, kFormatting)) {
    // Adoption agency: an entry whose element is already closed just leaves the list.
    std::size_t f = balancer.find_formatting(id);
    if (f != TagBalancer::npos && !balancer.formatting()[f].open) {
      balancer.remove_formatting(f);
      return;
    }
  }
  std::size_t target = balancer.plan_end(id, name);
  if (target == TagBalancer::npos) {
    // Only for elements the policy keeps: the end of a removed element was reported with its start.
    if (!markdown && policy.element_allowed(id, name)) {
      report(Code::end_tag_removed, Message::end_tag, name, {}, offset);
    }
    return;
  }
  const OpenElement closed = balancer.at(target);
  close_to(target);
  if (has_flag(closed.id, kFormatting)) {
    auto& list = balancer.formatting();
    for (std::size_t i = list.size(); i > 0; --i) {
      if (!list[i - 1].marker && list[i - 1].serial == closed.serial) {
        balancer.remove_formatting(i - 1);
        break;
      }
    }
  }
}

void HtmlWriter::Sanitizer::process_text(std::string_view text, std::size_t offset, bool markdown) {
  if (raw_open != El::unknown || region.active || text.empty()) return;
  if (balancer.in_table_context()) {
    // "in table text": whitespace stays, anything else would be foster-parented.
    if (all_space(text)) {
      append_escaped(out, text, kEscText);
      after_pre = false;
      return;
    }
    if (!markdown || !open_implied_cell(offset)) {
      report(Code::text_removed, Message::table_text, {}, {}, markdown ? kNoOffset : offset);
      return;
    }
  }
  if (after_pre) {
    // A parser drops one newline right after <pre>, and browsers serialise a leading newline
    // without the extra one, so leading newlines could never read back the same: drop them.
    while (!text.empty() && (text[0] == '\n' || text[0] == '\r')) text.remove_prefix(1);
    if (text.empty()) return;
  }
  reconstruct();
  after_pre = false;
  append_escaped(out, text, kEscText);
}

bool HtmlWriter::Sanitizer::open_implied_cell(std::size_t offset) {
  if (!policy.element_allowed(El::td, "td")) return false;
  StartPlan cell = balancer.plan_start(El::td);
  if (cell.action != StartPlan::Action::open) return false;
  for (int i = 0; i < cell.implied_count; ++i) {
    if (!policy.element_allowed(cell.implied[i], element_name(cell.implied[i]))) return false;
  }
  if (!depth_allows(cell.keep + static_cast<std::size_t>(cell.implied_count) + 1, offset)) return false;
  close_to(cell.keep);
  for (int i = 0; i < cell.implied_count; ++i) {
    open(cell.implied[i], {}, cell.implied[i] == El::tbody ? "<tbody>" : "<tr>");
  }
  open(El::td, {}, "<td>");
  return true;
}

void HtmlWriter::Sanitizer::newline() {
  if (raw_open != El::unknown || region.active || after_pre) return;  // see process_text on <pre>
  out += '\n';
}

void HtmlWriter::Sanitizer::flush_raw() {
  if (raw.empty()) return;
  tokenizer.reset(raw, 0, raw_open);
  raw_open = El::unknown;
  tokenizer.set_foreign(region.active && !region.html_mode());
  while (tokenizer.next(token)) {
    switch (token.type) {
      case TokenType::text:
        process_text(token.data, token.begin, false);
        break;
      case TokenType::raw_text:
      case TokenType::cdata:
        break;  // the content of an element dropped with everything inside it
      case TokenType::start_tag:
        process_start(token.element, token.data, tokenizer.attributes(), token.self_closing, token.begin, false);
        break;
      case TokenType::end_tag:
        if (!region.active && end_tag_holds_text(raw, token)) {
          report(Code::text_removed, Message::end_tag_text, token.data, {}, token.begin);
        }
        process_end(token.element, token.data, token.begin, false);
        break;
      case TokenType::comment:
        if (!region.active && raw_open == El::unknown) {
          report(Code::comment_removed, Message::comment, {}, {}, token.begin);
        }
        break;
      case TokenType::doctype:
        if (!region.active) report(Code::comment_removed, Message::doctype, {}, {}, token.begin);
        break;
      case TokenType::unterminated_tag:
        if (!region.active) report(Code::element_removed, Message::unterminated, {}, {}, token.begin);
        break;
    }
    tokenizer.set_foreign(region.active && !region.html_mode());
  }
  raw_open = tokenizer.open_raw_element();
  raw.clear();
  segments.clear();
}

void HtmlWriter::Sanitizer::finish() {
  flush_raw();
  close_to(0);
  balancer.formatting().clear();
  region = Region{};
  raw_open = El::unknown;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] <= kWarningCap) continue;
    const CodeInfo& info = kCodes[i];
    diagnostics.push_back({info.severity, info.code,
                           std::to_string(counts[i] - kWarningCap) + " more " + info.code + " diagnostics not shown",
                           0, 0});
  }
  counts.fill(0);
}

// ---- Sanitizer: writing elements

void HtmlWriter::Sanitizer::open(El id, std::string_view name, std::string_view start_tag) {
  out += start_tag;
  after_pre = id == El::pre;
  if (has_flag(id, kVoid)) return;
  std::uint32_t serial = balancer.push(id, name);
  if (has_flag(id, kFormatting)) {
    balancer.add_formatting(id, serial, std::string(start_tag), kMaxFormattingEntries);
  }
  if (has_flag(id, kCell) || id == El::caption) balancer.add_marker();
}

void HtmlWriter::Sanitizer::write_end_tag(const OpenElement& element) {
  out += "</";
  out += balancer.name_of(element);
  out += '>';
  after_pre = false;
}

void HtmlWriter::Sanitizer::close_to(std::size_t keep) {
  while (balancer.depth() > keep) {
    write_end_tag(balancer.at(balancer.depth() - 1));
    balancer.pop();
  }
}

void HtmlWriter::Sanitizer::reconstruct() {
  // "Reconstruct the active formatting elements": reopen, in order, the entries after the last
  // marker whose elements were closed implicitly (by a block, a cell end, an end tag).
  auto& list = balancer.formatting();
  if (list.empty() || list.back().marker || list.back().open) return;
  std::size_t i = list.size() - 1;
  while (i > 0 && !list[i - 1].marker && !list[i - 1].open) --i;
  excerpt_clean = false;  // reopening consults the budget, which a new writer would not share
  for (; i < list.size(); ++i) {
    if (!depth_allows(balancer.depth() + 1, kNoOffset)) return;
    FormattingEntry& entry = list[i];
    // Reopening is quadratic in the worst case (<p><b id=1></p><p><b id=2></p>...), in
    // browsers too. Bound what it may write by the input read so far; past that, closed
    // entries are forgotten instead of reopened.
    reopened_bytes += entry.start_tag.size();
    if (reopened_bytes > input_bytes + kReopenAllowance) {
      if (!reopen_reported) {
        reopen_reported = true;
        report(Code::nesting, Message::reopen, {}, {}, kNoOffset);
      }
      std::size_t keep = i;
      for (std::size_t k = i; k < list.size(); ++k) {
        if (list[k].marker || list[k].open) list[keep++] = std::move(list[k]);
      }
      list.resize(keep);
      return;
    }
    out += entry.start_tag;
    after_pre = false;
    entry.serial = balancer.push(entry.id, {});
    entry.open = true;
  }
}

bool HtmlWriter::Sanitizer::depth_allows(std::size_t depth, std::size_t offset) {
  if (depth <= static_cast<std::size_t>(config.max_nesting)) return true;
  if (!nesting_reported) {
    nesting_reported = true;
    report(Code::nesting, Message::nesting, std::to_string(config.max_nesting), {}, offset);
  }
  return false;
}

bool HtmlWriter::Sanitizer::check_input(const std::vector<TokenAttribute>& attributes, std::size_t offset) {
  // Only the task-list checkbox: type=checkbox, in a list item (directly or in its paragraph).
  bool checkbox = false;
  for (const TokenAttribute& a : attributes) {
    if (a.name == "type") checkbox = equals_ci(trim(a.value), "checkbox");
  }
  if (!checkbox) {
    report(Code::element_removed, Message::input_kind, {}, {}, offset);
    return false;
  }
  // Formatting elements reopened around it do not count (the decision must not change when
  // the output is read again).
  std::size_t depth = balancer.depth();
  while (depth > 0 && has_flag(balancer.at(depth - 1).id, kFormatting)) --depth;
  El top = depth > 0 ? balancer.at(depth - 1).id : El::html;
  bool in_item = top == El::li || (top == El::p && depth >= 2 && balancer.at(depth - 2).id == El::li);
  if (!in_item) {
    report(Code::element_removed, Message::input_place, {}, {}, offset);
    return false;
  }
  return true;
}

namespace {

void append_attribute(std::string& tag, std::string_view name, std::string_view value) {
  tag += ' ';
  tag += name;
  tag += "=\"";
  append_escaped(tag, value, kEscAttribute);
  tag += '"';
}

bool one_of_ci(std::string_view value, std::initializer_list<std::string_view> options) {
  for (std::string_view option : options) {
    if (equals_ci(value, option)) return true;
  }
  return false;
}

bool is_length(std::string_view v) {
  // 100, 50%, 12.5, 300px: what the legacy width/height parsers read.
  std::size_t i = 0;
  while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
  if (i == 0 || i > 5) return false;
  if (i < v.size() && v[i] == '.') {
    std::size_t j = ++i;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
    if (i == j || i - j > 3) return false;
  }
  std::string_view unit = v.substr(i);
  return unit.empty() || unit == "%" || unit == "px";
}

bool is_language_tag(std::string_view v) {
  return !v.empty() && v.size() <= 35 && std::all_of(v.begin(), v.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::string lower_copy(std::string_view v) {
  std::string out(v);
  for (char& c : out) c = lower_ascii(c);
  return out;
}

}  // namespace

bool HtmlWriter::Sanitizer::attribute_kept(El id, std::string_view name, std::string_view attribute,
                                           bool markdown) {
  const int kind = markdown && id != El::unknown ? markdown_attribute_kind(attribute) : -1;
  if (kind < 0) {
    if (id == El::unknown || attribute.empty() || attribute.size() > 16) {
      return !attribute_never_allowed(attribute) && policy.attribute_allowed(id, name, attribute);
    }
    std::uint64_t key[2] = {0, 0};
    std::memcpy(key, attribute.data(), attribute.size());
    const std::size_t size = attribute.size();
    const std::size_t slot =
        (size * 7 + static_cast<unsigned char>(attribute[0]) * 3 + static_cast<unsigned char>(attribute[size - 1]) +
         static_cast<std::size_t>(id) * 5) &
        (std::tuple_size<decltype(raw_kept)>::value - 1);
    KeptEntry& entry = raw_kept[slot];
    if (entry.size == size && entry.id == id && entry.name[0] == key[0] && entry.name[1] == key[1]) {
      return entry.kept;
    }
    entry.kept = !attribute_never_allowed(attribute) && policy.attribute_allowed(id, name, attribute);
    entry.name[0] = key[0];
    entry.name[1] = key[1];
    entry.size = static_cast<std::uint8_t>(size);
    entry.id = id;
    return entry.kept;
  }
  std::uint8_t& known = markdown_kept[static_cast<std::size_t>(kind)][static_cast<std::size_t>(id)];
  if (known == 0) {
    known = !attribute_never_allowed(attribute) && policy.attribute_allowed(id, name, attribute) ? 1 : 2;
  }
  return known == 1;
}

bool HtmlWriter::Sanitizer::build_start_tag(El id, std::string_view name,
                                            const std::vector<TokenAttribute>& attributes, std::size_t offset,
                                            bool markdown) {
  const SanitizePolicy& rules = *policy.source;
  tag.clear();
  tag += '<';
  tag += id == El::unknown ? name : element_name(id);
  const bool link = id == El::a;
  const bool input = id == El::input;
  if (input) tag += " type=\"checkbox\"";
  bool has_href = false;
  bool external = false;
  bool has_target = false;
  rel.clear();
  std::string rel_text;  // lower-cased rel value; rel holds views into it

  for (const TokenAttribute& a : attributes) {
    const std::string_view attribute = a.name;
    const std::size_t at = a.offset != kNoOffset ? a.offset : offset;
    if (markdown && attribute == "data-source-line") {
      if (is_digits(a.value, 10)) {
        append_attribute(tag, attribute, a.value);
        if (excerpt_open && !attribute_kept(id, name, attribute, markdown)) {
          excerpt_clean = false;
        }
      }
      continue;
    }
    if (input && (attribute == "type" || attribute == "disabled")) continue;  // written here, always
    if (!attribute_kept(id, name, attribute, markdown)) {
      report(Code::attribute_removed, Message::attribute, attribute, name, at);
      continue;
    }
    if (attribute == "href" || attribute == "src" || attribute == "cite") {
      UrlContext context = UrlContext::other;
      if (attribute == "src" && id == El::img) context = UrlContext::image;
      if (attribute == "href" && link) context = UrlContext::link;
      if (!filter_url_into(url, a.value, context, rules, config.base_url, false)) {
        report(Code::url_blocked, Message::url, attribute, name, at);
        continue;
      }
      // Same-document fragments point at prefixed ids; never prefix twice.
      const std::string& prefix = rules.id_prefix;
      if (url.size() > 1 && url[0] == '#' && !prefix.empty() && !starts_with(std::string_view(url).substr(1), prefix)) {
        url.insert(1, prefix);
      }
      if (link && attribute == "href") {
        has_href = true;
        external = is_external_url(url, config.base_url);
      }
      tag += ' ';
      tag += attribute;
      tag += "=\"";
      append_escaped_url(tag, url);
      tag += '"';
      continue;
    }
    if (attribute == "style") {
      removed.clear();
      std::string css = filter_style(a.value, rules, &removed);
      if (!removed.empty()) report(Code::css_removed, Message::style, removed, name, at);
      if (!css.empty()) append_attribute(tag, attribute, css);
      continue;
    }
    if (attribute == "id" || attribute == "name") {
      if (a.value.empty()) continue;
      append_attribute(tag, attribute, prefixed_id(a.value, rules));
      continue;
    }
    if (attribute == "class") {
      value.clear();
      std::string_view rest = a.value;
      while (!rest.empty()) {
        std::size_t begin = 0;
        while (begin < rest.size() && is_space(rest[begin])) ++begin;
        std::size_t end = begin;
        while (end < rest.size() && !is_space(rest[end])) ++end;
        std::string_view cls = rest.substr(begin, end - begin);
        rest.remove_prefix(end);
        if (cls.empty()) continue;
        if (!policy.classes.empty() && !in_sorted(policy.classes, cls)) continue;
        if (!value.empty()) value += ' ';
        value.append(cls);
      }
      if (value.empty()) {
        if (!all_space(a.value)) report(Code::attribute_removed, Message::attribute_value, attribute, name, at);
        continue;
      }
      append_attribute(tag, attribute, value);
      continue;
    }
    if (link && attribute == "target") {
      std::string target = lower_copy(trim(a.value));
      if (rules.allowed_targets.count(target) == 0) {
        report(Code::attribute_removed, Message::attribute_value, attribute, name, at);
        continue;
      }
      has_target = true;
      append_attribute(tag, attribute, target);
      continue;
    }
    if (link && attribute == "rel") {
      rel_text = lower_copy(a.value);
      continue;  // written last, with the tokens the writer adds
    }
    // Values with a fixed syntax are checked; anything else is text.
    std::string_view v = trim(a.value);
    bool ok = true;
    std::string normalised;
    if (attribute == "type" && id == El::ol) {
      ok = v.size() == 1 && std::string_view("1aAiI").find(v[0]) != std::string_view::npos;
    } else if (attribute == "type" && id == El::ul) {
      ok = one_of_ci(v, {"disc", "circle", "square"});
      normalised = lower_copy(v);
      v = normalised;
    } else if (attribute == "start") {
      ok = is_digits(!v.empty() && v[0] == '-' ? v.substr(1) : v, 9);
    } else if (attribute == "colspan" || attribute == "rowspan") {
      ok = is_digits(v, 4);
    } else if (attribute == "width" || attribute == "height") {
      ok = is_length(v);
    } else if (attribute == "align") {
      ok = one_of_ci(v, {"left", "center", "right", "justify", "top", "middle", "bottom"});
      normalised = lower_copy(v);
      v = normalised;
    } else if (attribute == "dir") {
      ok = one_of_ci(v, {"ltr", "rtl", "auto"});
      normalised = lower_copy(v);
      v = normalised;
    } else if (attribute == "lang") {
      ok = is_language_tag(v);
    } else if (attribute == "checked" || attribute == "disabled" || attribute == "open" || attribute == "hidden" ||
               attribute == "reversed") {
      v = {};  // boolean: the value means nothing
    } else {
      v = a.value;
    }
    if (!ok) {
      report(Code::attribute_removed, Message::attribute_value, attribute, name, at);
      continue;
    }
    append_attribute(tag, attribute, v);
  }

  if (input) tag += " disabled=\"\"";
  if (link) {
    auto add = [&](std::string_view word) {
      if (std::find(rel.begin(), rel.end(), word) == rel.end()) rel.push_back(word);
    };
    std::string_view rest = rel_text;
    while (!rest.empty()) {
      std::size_t begin = 0;
      while (begin < rest.size() && is_space(rest[begin])) ++begin;
      std::size_t end = begin;
      while (end < rest.size() && !is_space(rest[end])) ++end;
      std::string_view word = rest.substr(begin, end - begin);
      rest.remove_prefix(end);
      if (!word.empty() && is_harmless_rel(word)) add(word);
    }
    if (has_target || external) {
      add("noopener");
      add("noreferrer");
    }
    if (rules.nofollow_links && has_href) {
      add("nofollow");
      add("ugc");
    }
    if (!rel.empty()) {
      tag += " rel=\"";
      for (std::size_t i = 0; i < rel.size(); ++i) {
        if (i > 0) tag += ' ';
        tag += rel[i];
      }
      tag += '"';
    }
  }
  tag += '>';
  return true;
}

// ---- Sanitizer: dropped regions

void HtmlWriter::Sanitizer::start_region(El id, std::string_view name) {
  region = Region{};
  region.active = true;
  region.root = id;
  if (has_flag(id, kForeign)) {
    region.foreign = true;
    region.nodes.push_back({std::string(name), false, false, id == El::svg});
  } else {
    region.depth = 1;
  }
}

bool HtmlWriter::Sanitizer::region_start(El id, std::string_view name, const std::vector<TokenAttribute>& attributes,
                                         bool self_closing) {
  if (!region.foreign) {
    if (id == region.root) ++region.depth;
    return false;
  }
  auto push_node = [&](bool html, bool svg) {
    if (region.nodes.size() >= static_cast<std::size_t>(config.max_nesting)) {
      ++region.overflow;
      return;
    }
    bool integration = !html && is_integration_point(name, svg, attributes);
    region.nodes.push_back({std::string(name), html, integration, svg});
  };
  const bool parent_svg = region.nodes.empty() ? region.root == El::svg : region.nodes.back().svg;
  if (!region.html_mode()) {
    bool breakout = has_flag(id, kBreakout);
    if (id == El::font) {
      for (const TokenAttribute& a : attributes) {
        if (a.name == "color" || a.name == "face" || a.name == "size") breakout = true;
      }
    }
    if (!breakout) {
      if (!self_closing) push_node(false, id == El::svg || (id != El::math && parent_svg));
      return false;
    }
    // An HTML start tag ends foreign content up to the nearest HTML element or integration point.
    region.overflow = 0;
    while (!region.nodes.empty() && !region.nodes.back().html && !region.nodes.back().integration) {
      region.nodes.pop_back();
    }
    if (region.nodes.empty()) {
      region = Region{};
      return true;  // out of the dropped region: the tag is processed normally
    }
  }
  // HTML inside an integration point: still inside the dropped region.
  if (id == El::svg || id == El::math) {
    if (!self_closing) push_node(false, id == El::svg);
  } else if (!has_flag(id, kVoid)) {
    push_node(true, parent_svg);
  }
  return false;
}

bool HtmlWriter::Sanitizer::region_end(El id, std::string_view name) {
  if (!region.foreign) {
    if (id == region.root && --region.depth == 0) region = Region{};
    return false;
  }
  if (!region.html_mode() && (id == El::p || id == El::br)) {
    // </p> and </br> leave foreign content like an HTML start tag does.
    region.overflow = 0;
    while (!region.nodes.empty() && !region.nodes.back().html && !region.nodes.back().integration) {
      region.nodes.pop_back();
    }
    if (region.nodes.empty()) {
      region = Region{};
      return true;
    }
    return false;
  }
  if (region.overflow > 0) {
    --region.overflow;
    return false;
  }
  for (std::size_t k = region.nodes.size(); k > 0; --k) {
    if (region.nodes[k - 1].name == name) {
      region.nodes.resize(k - 1);
      if (region.nodes.empty()) region = Region{};
      return false;
    }
  }
  return false;
}

// ---- Sanitizer: diagnostics

void HtmlWriter::Sanitizer::report(Code code, Message message, std::string_view a, std::string_view b,
                                   std::size_t offset) {
  auto index = static_cast<std::size_t>(code);
  if (++counts[index] > kWarningCap) return;
  std::size_t source_offset = markdown_offset;
  if (offset != kNoOffset && !segments.empty()) {
    // `offset` is a position in the raw buffer: map it through the chunk it came from.
    auto it = std::upper_bound(segments.begin(), segments.end(), offset,
                               [](std::size_t o, const Segment& segment) { return o < segment.at; });
    const Segment& segment = *(it == segments.begin() ? it : it - 1);
    source_offset = segment.source + (offset - segment.at);
  }
  Position at;
  if (source != nullptr && source_offset != kNoOffset) at = source->position(source_offset);
  const CodeInfo& info = kCodes[index];
  diagnostics.push_back({info.severity, info.code, format_message(message, a, b), at.line, at.column});
}

}  // namespace postrender::detail

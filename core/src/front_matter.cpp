// Front matter: fence splitting, then YAML -> Value with the YAML 1.2 core schema: the
// hand-written subset parser first, yaml-cpp for everything it does not handle (unless the build
// leaves yaml-cpp out: POSTRENDER_YAML_CPP=0). yaml-cpp reports every problem by throwing;
// nothing escapes this file.
#include "front_matter.hpp"

#include "yaml_subset.hpp"

#if POSTRENDER_YAML_CPP
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <istream>
#include <streambuf>
#include <unordered_map>
#include <vector>

#include "stable_order.hpp"
#endif

namespace postrender::detail {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct Line {
  std::size_t start = 0;
  std::size_t end = 0;   // before the line break
  std::size_t next = 0;  // after the line break (== end at the end of the text without one)
};

// LF, CRLF and a lone CR all end a line, as in SourceMap, so line numbers agree everywhere.
Line line_at(std::string_view text, std::size_t start) {
  Line line{start, start, start};
  while (line.end < text.size() && text[line.end] != '\n' && text[line.end] != '\r') ++line.end;
  line.next = line.end;
  if (line.next < text.size()) {
    if (text[line.next] == '\r' && line.next + 1 < text.size() && text[line.next + 1] == '\n') ++line.next;
    ++line.next;
  }
  return line;
}

// `marker` followed only by spaces or tabs (Jekyll accepts trailing blanks on a fence).
bool is_fence(std::string_view line, std::string_view marker) {
  if (line.substr(0, marker.size()) != marker) return false;
  for (char c : line.substr(marker.size())) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

#if POSTRENDER_YAML_CPP

Value resolve_plain(const std::string& s) { return resolve_plain_scalar(s); }

// Explicit standard tags (!!str, !!int, ...) are honoured when the text fits; anything else stays text.
Value resolve_tagged(const std::string& tag, const std::string& s) {
  static const std::string prefix = "tag:yaml.org,2002:";
  if (tag.compare(0, prefix.size(), prefix) != 0) return Value(s);
  std::string_view name = std::string_view(tag).substr(prefix.size());
  if (name == "null" && is_core_null(s)) return Value();
  if (name == "bool") {
    if (auto b = core_bool(s)) return Value(*b);
  }
  if (name == "int") {
    if (auto i = core_int(s)) return *i;
  }
  if (name == "float") {
    if (auto i = core_int(s)) return i->is_integer() ? Value(static_cast<double>(i->as_integer())) : *i;
    if (auto f = core_float(s)) return *f;
  }
  return Value(s);
}

// Flow-style text of a complex key ("[a, b]"), so that it can still be a mapping key.
void append_flow_text(std::string& out, const Value& value) {
  switch (value.kind()) {
    case Value::Kind::null: out += "null"; break;
    case Value::Kind::sequence: {
      out += '[';
      bool first = true;
      for (const auto& item : value.as_sequence()) {
        if (!first) out += ", ";
        first = false;
        append_flow_text(out, item);
      }
      out += ']';
      break;
    }
    case Value::Kind::mapping: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : value.as_mapping()) {
        if (!first) out += ", ";
        first = false;
        out += key;
        out += ": ";
        append_flow_text(out, item);
      }
      out += '}';
      break;
    }
    default: out += value.to_text();
  }
}

// An istream over the YAML text in place: no copy of a possibly large front matter.
class ViewBuffer final : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // get area only: never written through
    setg(begin, begin, begin + text.size());
  }
};

// Thrown by the builder only, to stop yaml-cpp's parser when a limit is hit.
struct LimitExceeded {
  YAML::Mark mark;
  std::string message;
};

// Builds the Value tree straight from yaml-cpp's parser events. Unlike YAML::Load, which builds
// yaml-cpp's own node graph first (about 500 bytes per node), this stops as soon as a limit is
// hit, so a large or alias-heavy front matter costs bounded memory.
class TreeBuilder final : public YAML::EventHandler {
 public:
  TreeBuilder(std::string_view yaml, int first_line, const Limits& limits, Diagnostics& diagnostics)
      : yaml_(yaml), first_line_(first_line), limits_(limits), diagnostics_(diagnostics) {}

  bool has_root() const { return has_root_; }
  Value& root() { return root_; }
  const YAML::Mark& root_mark() const { return root_mark_; }

  // Adds a diagnostic at `mark`; its line and column are filled in by resolve_positions().
  void report(Severity severity, std::string code, std::string message, const YAML::Mark& mark) {
    pending_.push_back({diagnostics_.size(), mark});
    diagnostics_.push_back({severity, std::move(code), std::move(message), 0, 0});
  }

  // Turns the reported marks into file lines and columns (code points) in one forward pass, counting
  // line breaks like SourceMap. Sorting first keeps it linear however many warnings arrive out of order.
  void resolve_positions() {
    std::vector<std::uint64_t> positions(pending_.size());
    for (std::size_t i = 0; i < pending_.size(); ++i) positions[i] = signed_key(pending_[i].mark.pos);
    std::size_t scanned = 0;
    int line = 0;
    int column = 1;
    for (std::uint32_t i : stable_order(positions)) {
      const Pending& p = pending_[i];
      Diagnostic& d = diagnostics_[p.index];
      if (p.mark.is_null()) continue;
      if (p.mark.pos < 0 || static_cast<std::size_t>(p.mark.pos) > yaml_.size()) {
        d.line = p.mark.line + first_line_;
        d.column = p.mark.column + 1;
        continue;
      }
      for (auto pos = static_cast<std::size_t>(p.mark.pos); scanned < pos; ++scanned) {
        char c = yaml_[scanned];
        bool crlf_head = c == '\r' && scanned + 1 < yaml_.size() && yaml_[scanned + 1] == '\n';
        if (c == '\n' || (c == '\r' && !crlf_head)) {
          ++line;
          column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
          ++column;
        }
      }
      // The YAML text starts at the beginning of line `first_line_`, so its columns are the file's.
      d.line = first_line_ + line;
      d.column = column;
    }
    pending_.clear();
  }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    start_node(mark, 1);
    finish_node(Value(), "null", mark, anchor, visited_ - 1, 1);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& text) override {
    start_node(mark, 1);
    Value value;
    if (tag == "?") {
      value = resolve_plain(text);
    } else if (tag == "!") {
      value = Value(text);  // quoted or block scalar: always a string
    } else {
      value = resolve_tagged(tag, text);
    }
    finish_node(std::move(value), text, mark, anchor, visited_ - 1, 1);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      // The anchor is still open: the alias points into its own node, a cycle no tree can hold.
      throw LimitExceeded{mark, "front matter has a recursive alias; it was ignored"};
    }
    // Aliases are expanded, so each one costs as many nodes as the value it copies.
    const Anchored& target = it->second;
    start_node(mark, target.nodes, target.height);
    finish_node(Value(target.value), target.key_text, mark, YAML::NullAnchor, visited_ - target.nodes,
                target.height);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    start_node(mark, 1);
    open_collection(Value(Value::Sequence{}), mark, anchor);
  }
  void OnSequenceEnd() override { close_collection(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    start_node(mark, 1);
    open_collection(Value(Value::Mapping{}), mark, anchor);
  }
  void OnMapEnd() override { close_collection(); }

 private:
  struct Frame {
    Value value;  // the sequence or mapping being filled
    YAML::Mark mark;
    YAML::anchor_t anchor = YAML::NullAnchor;
    std::size_t first_visit = 0;  // visited_ before this node
    int height = 1;               // levels from this node down to its deepest leaf
    // Mappings: children alternate key, value.
    bool have_key = false;
    std::string key;
    YAML::Mark key_mark;
    std::unordered_map<std::string, std::size_t> index;
  };

  struct Anchored {
    Value value;
    std::string key_text;
    std::size_t nodes = 1;
    int height = 1;
  };

  // Counts `nodes` new nodes whose deepest level is `height` below the current depth.
  void start_node(const YAML::Mark& mark, std::size_t nodes, int height = 1) {
    visited_ += nodes;
    if (visited_ > limits_.max_yaml_nodes) {
      throw LimitExceeded{mark, "front matter has more than " + std::to_string(limits_.max_yaml_nodes) +
                                    " values (counting alias expansions); it was ignored"};
    }
    if (static_cast<long long>(stack_.size()) + height > limits_.max_yaml_depth) {
      throw LimitExceeded{mark, "front matter is nested deeper than " + std::to_string(limits_.max_yaml_depth) +
                                    " levels; it was ignored"};
    }
  }

  void open_collection(Value value, const YAML::Mark& mark, YAML::anchor_t anchor) {
    Frame frame;
    frame.value = std::move(value);
    frame.mark = mark;
    frame.anchor = anchor;
    frame.first_visit = visited_ - 1;
    stack_.push_back(std::move(frame));
  }

  void close_collection() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    std::string key_text;
    append_flow_text(key_text, frame.value);
    finish_node(std::move(frame.value), key_text, frame.mark, frame.anchor, frame.first_visit, frame.height);
  }

  // A complete node: remember it for aliases, then place it in its parent (or as the root).
  // `key_text` is how the node reads as a mapping key: a scalar as written, a collection in flow style.
  void finish_node(Value value, const std::string& key_text, const YAML::Mark& mark, YAML::anchor_t anchor,
                   std::size_t first_visit, int height) {
    if (anchor != YAML::NullAnchor) anchors_[anchor] = Anchored{value, key_text, visited_ - first_visit, height};
    if (stack_.empty()) {
      has_root_ = true;
      root_ = std::move(value);
      root_mark_ = mark;
      return;
    }
    Frame& parent = stack_.back();
    parent.height = std::max(parent.height, height + 1);
    if (parent.value.is_sequence()) {
      parent.value.as_sequence().push_back(std::move(value));
      return;
    }
    if (!parent.have_key) {
      parent.have_key = true;
      parent.key = key_text;
      parent.key_mark = mark;
      return;
    }
    parent.have_key = false;
    auto& entries = parent.value.as_mapping();
    auto [it, inserted] = parent.index.emplace(parent.key, entries.size());
    if (inserted) {
      entries.emplace_back(std::move(parent.key), std::move(value));
      return;
    }
    // Jekyll keeps the last value; we do too, in the first key's place, and say so.
    report(Severity::warning, "yaml.duplicate-key",
           "duplicate key \"" + parent.key + "\" in front matter; the last value is used", parent.key_mark);
    entries[it->second].second = std::move(value);
  }

  std::string_view yaml_;
  int first_line_;
  const Limits& limits_;
  Diagnostics& diagnostics_;
  std::vector<Frame> stack_;
  std::unordered_map<YAML::anchor_t, Anchored> anchors_;
  std::size_t visited_ = 0;
  bool has_root_ = false;
  Value root_;
  YAML::Mark root_mark_;
  struct Pending {
    std::size_t index;  // in diagnostics_
    YAML::Mark mark;
  };
  std::vector<Pending> pending_;
};

#endif  // POSTRENDER_YAML_CPP

}  // namespace

FrontMatterBlock split_front_matter(std::string_view source, Diagnostics& diagnostics) {
  FrontMatterBlock block;
  // A BOM is not content: it is skipped whether or not front matter follows.
  std::size_t start = source.substr(0, kBom.size()) == kBom ? kBom.size() : 0;
  block.body = source.substr(start);
  block.body_offset = start;

  Line opening = line_at(source, start);
  if (opening.next == opening.end || !is_fence(source.substr(start, opening.end - start), "---")) {
    return block;  // no front matter: the whole file is body
  }
  int line_number = 2;
  for (std::size_t pos = opening.next; pos < source.size(); ++line_number) {
    Line line = line_at(source, pos);
    std::string_view text = source.substr(line.start, line.end - line.start);
    if (is_fence(text, "---") || is_fence(text, "...")) {
      block.present = true;
      block.yaml = source.substr(opening.next, line.start - opening.next);
      block.yaml_first_line = 2;
      block.body = source.substr(line.next);
      block.body_first_line = line_number + 1;
      block.body_offset = line.next;
      return block;
    }
    pos = line.next;
  }
  diagnostics.push_back({Severity::warning, "front-matter.unclosed",
                         "front matter opened with \"---\" is never closed (no \"---\" or \"...\" line); "
                         "the whole file is rendered as the body",
                         1, 1});
  return block;
}

#if POSTRENDER_YAML_CPP
Value parse_yaml_with_yaml_cpp(std::string_view yaml, int first_line, const Limits& limits,
                               Diagnostics& diagnostics) {
  TreeBuilder builder(yaml, first_line, limits, diagnostics);
  Value result;
  try {
    ViewBuffer buffer(yaml);
    std::istream input(&buffer);
    YAML::Parser parser(input);
    parser.HandleNextDocument(builder);  // only the first document, as YAML::Load does
    if (!builder.has_root() || builder.root().is_null()) {
      // An empty block (or only comments, or `~`) is an empty mapping, as in Jekyll.
      result = Value(Value::Mapping{});
    } else {
      result = std::move(builder.root());
      if (!result.is_mapping()) {
        builder.report(Severity::warning, "front-matter.not-mapping",
                       "front matter is not a mapping of keys to values; its fields are ignored",
                       builder.root_mark());
      }
    }
  } catch (const LimitExceeded& e) {
    builder.report(Severity::error, "limit.yaml", e.message, e.mark);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own parser stops at 500 levels before its stack can overflow.
    builder.report(Severity::error, "limit.yaml", "front matter is nested too deeply to parse; it was ignored",
                   e.mark);
  } catch (const YAML::Exception& e) {
    builder.report(Severity::error, "yaml.syntax",
                   "invalid YAML in front matter: " + e.msg + "; the front matter was ignored", e.mark);
  } catch (const std::exception& e) {
    diagnostics.push_back({Severity::error, "yaml.syntax",
                           std::string("front matter could not be read: ") + e.what(), first_line, 1});
  }
  builder.resolve_positions();
  return result;
}
#endif

Value parse_yaml(std::string_view yaml, int first_line, const Limits& limits, Diagnostics& diagnostics) {
  YamlSubsetResult subset = parse_yaml_subset(yaml, first_line, limits);
  if (subset.handled) {
    for (auto& d : subset.diagnostics) diagnostics.push_back(std::move(d));
    return std::move(subset.value);
  }
#if POSTRENDER_YAML_CPP
  return parse_yaml_with_yaml_cpp(yaml, first_line, limits, diagnostics);
#else
  // The contract with the JavaScript loader: `yaml.unsupported` means "render again with the full
  // module" (see docs/front-matter.md). Keep the code and its meaning.
  diagnostics.push_back({Severity::error, "yaml.unsupported",
                         "this build only parses the common YAML subset of front matter, and this front matter "
                         "goes beyond it; the front matter was ignored",
                         subset.stop_line, subset.stop_column});
  return Value();
#endif
}

}  // namespace postrender::detail

#pragma once
// TagBalancer: the open-element stack that Markdown and raw HTML share, the list of active
// formatting elements, and the WHATWG "in body" / "in table" rules that decide what a start or
// end tag closes first (@TCB: security-critical).
//
// It decides; it does not write. The writer asks plan_start()/plan_end(), writes the end tags
// of everything above the kept depth, then the new tag. Because the writer closes explicitly
// everything a browser would close implicitly, and never opens what a browser would move
// (foster-parent) or ignore, the browser parses the output into the same tree: parse-stable.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "element_table.hpp"

namespace postrender::detail {

struct OpenElement {
  El id = El::unknown;
  std::uint32_t serial = 0;      // identifies this element in the active formatting list
  std::uint32_t name_begin = 0;  // El::unknown (custom elements): the name, in the balancer's pool
  std::uint32_t name_size = 0;
};

struct StartPlan {
  enum class Action : std::uint8_t {
    open,                // close down to `keep`, open `implied`, then the element
    drop_in_table,       // a browser would foster-parent it out of the table: drop the tag
    drop_outside_table,  // a table part with no table open: browsers ignore the tag
  };
  Action action = Action::open;
  std::size_t keep = 0;                         // elements that stay open; the rest close, top first
  El implied[2] = {El::unknown, El::unknown};  // opened first, in order (tbody, tr)
  int implied_count = 0;
};

// One entry of the list of active formatting elements (a, b, i, em, strong, ...).
struct FormattingEntry {
  El id = El::unknown;
  bool marker = false;       // td, th, caption: entries before it are out of reach
  bool open = false;         // its element is on the stack (serial tells which)
  std::uint32_t serial = 0;
  std::string start_tag;     // as written, to reopen it ("reconstruct the active formatting elements")
};

class TagBalancer {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  std::size_t depth() const noexcept { return stack_.size(); }
  bool empty() const noexcept { return stack_.empty(); }
  const OpenElement& at(std::size_t index) const noexcept { return stack_[index]; }
  // The current node; El::html (never written) when nothing is open, so scope walks stop there.
  El top_id() const noexcept { return stack_.empty() ? El::html : stack_.back().id; }
  std::string_view name_of(const OpenElement& element) const noexcept;
  std::size_t open_links() const noexcept { return open_links_; }

  // Pushes an element; `name` matters only for El::unknown. Returns its serial.
  std::uint32_t push(El id, std::string_view name);
  // Pops the current node, updating the formatting list (a td/th/caption clears it to its marker).
  void pop();

  // True when the current node is table, thead, tbody, tfoot or tr: text and elements there
  // would be foster-parented by a browser.
  bool in_table_context() const noexcept { return has_flag(top_id(), kTableContext); }

  StartPlan plan_start(El id) const;
  // Index of the open element an end tag closes (with everything above it), or npos when the
  // end tag closes nothing and must be dropped. `name` is used for El::unknown.
  std::size_t plan_end(El id, std::string_view name) const;
  // Index of the innermost open element with this id, or npos.
  std::size_t find(El id) const noexcept;

  // Active formatting elements.
  std::vector<FormattingEntry>& formatting() noexcept { return formatting_; }
  const std::vector<FormattingEntry>& formatting() const noexcept { return formatting_; }
  // Records a formatting element just pushed (with the Noah's Ark clause: at most three equal
  // entries after the last marker). Also caps the list so reopening stays cheap.
  void add_formatting(El id, std::uint32_t serial, std::string start_tag, std::size_t max_entries);
  void add_marker();
  // Index of the last entry for `id` after the last marker, or npos.
  std::size_t find_formatting(El id) const noexcept;
  void remove_formatting(std::size_t index);
  // Index of the stack element with this serial, or npos.
  std::size_t find_serial(std::uint32_t serial) const noexcept;

 private:
  std::size_t innermost_table(std::size_t limit) const noexcept;
  bool in_default_scope(El id, std::size_t limit) const noexcept;

  std::vector<OpenElement> stack_;
  std::string names_;
  std::uint32_t next_serial_ = 1;
  std::size_t open_links_ = 0;
  std::vector<FormattingEntry> formatting_;
};

}  // namespace postrender::detail

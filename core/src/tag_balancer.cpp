// Tag balancing (@TCB: security-critical). Rule names in comments are WHATWG's ("in body"
// insertion mode unless said otherwise). Only elements the writer may emit are ever on the
// stack, so the scope boundaries that matter are table, td, th and caption (kScope).
#include "tag_balancer.hpp"

namespace postrender::detail {

std::string_view TagBalancer::name_of(const OpenElement& element) const noexcept {
  if (element.id != El::unknown) return element_name(element.id);
  return std::string_view(names_).substr(element.name_begin, element.name_size);
}

std::uint32_t TagBalancer::push(El id, std::string_view name) {
  OpenElement element;
  element.id = id;
  element.serial = next_serial_++;
  if (id == El::unknown) {
    element.name_begin = static_cast<std::uint32_t>(names_.size());
    element.name_size = static_cast<std::uint32_t>(name.size());
    names_.append(name);
  }
  if (id == El::a) ++open_links_;
  stack_.push_back(element);
  return element.serial;
}

void TagBalancer::pop() {
  if (stack_.empty()) return;
  OpenElement element = stack_.back();
  stack_.pop_back();
  if (element.id == El::unknown) names_.resize(element.name_begin);
  if (element.id == El::a && open_links_ > 0) --open_links_;
  if (has_flag(element.id, kFormatting)) {
    for (std::size_t i = formatting_.size(); i > 0; --i) {
      FormattingEntry& entry = formatting_[i - 1];
      if (!entry.marker && entry.open && entry.serial == element.serial) {
        entry.open = false;  // stays in the list: a later text reopens it, as browsers do
        break;
      }
    }
  }
  if (has_flag(element.id, kCell) || element.id == El::caption) {
    // "Clear the list of active formatting elements up to the last marker."
    while (!formatting_.empty()) {
      bool marker = formatting_.back().marker;
      formatting_.pop_back();
      if (marker) break;
    }
  }
}

std::size_t TagBalancer::find(El id) const noexcept {
  for (std::size_t k = stack_.size(); k > 0; --k) {
    if (stack_[k - 1].id == id) return k - 1;
  }
  return npos;
}

std::size_t TagBalancer::find_serial(std::uint32_t serial) const noexcept {
  for (std::size_t k = stack_.size(); k > 0; --k) {
    if (stack_[k - 1].serial == serial) return k - 1;
  }
  return npos;
}

std::size_t TagBalancer::innermost_table(std::size_t limit) const noexcept {
  for (std::size_t k = limit; k > 0; --k) {
    if (stack_[k - 1].id == El::table) return k - 1;
  }
  return npos;
}

bool TagBalancer::in_default_scope(El id, std::size_t limit) const noexcept {
  for (std::size_t k = limit; k > 0; --k) {
    El node = stack_[k - 1].id;
    if (node == id) return true;
    if (has_flag(node, kScope)) return false;
  }
  return false;
}

StartPlan TagBalancer::plan_start(El id) const {
  StartPlan plan;
  const std::size_t size = stack_.size();
  plan.keep = size;

  if (has_flag(id, kTablePart)) {
    // "in table" / "in table body" / "in row" / "in cell" / "in caption": a table part closes
    // whatever is open inside the innermost table down to its proper parent, and the parser
    // creates a missing tbody / tr. Outside any table, browsers ignore these tags.
    std::size_t t = innermost_table(size);
    if (t == npos) {
      plan.action = StartPlan::Action::drop_outside_table;
      return plan;
    }
    auto section_at = [&](std::size_t i) { return i < size && has_flag(stack_[i].id, kSection); };
    if (id == El::tr) {
      if (section_at(t + 1)) {
        plan.keep = t + 2;
      } else {
        plan.keep = t + 1;
        plan.implied[plan.implied_count++] = El::tbody;
      }
    } else if (has_flag(id, kCell)) {
      if (section_at(t + 1)) {
        if (t + 2 < size && stack_[t + 2].id == El::tr) {
          plan.keep = t + 3;
        } else {
          plan.keep = t + 2;
          plan.implied[plan.implied_count++] = El::tr;
        }
      } else {
        plan.keep = t + 1;
        plan.implied[plan.implied_count++] = El::tbody;
        plan.implied[plan.implied_count++] = El::tr;
      }
    } else {
      plan.keep = t + 1;  // caption, thead, tbody, tfoot (colgroup/col are never written)
    }
    return plan;
  }

  std::size_t keep = size;
  if (in_table_context()) {
    // "in table", anything else: foster-parented before the table. A <table> start tag closes
    // the open table instead ("in table": a start tag whose tag name is "table").
    if (id != El::table) {
      plan.action = StartPlan::Action::drop_in_table;
      return plan;
    }
    keep = innermost_table(keep);
  }

  if (has_flag(id, kSpecial) && !has_flag(id, kVoid) && !has_flag(id, kTablePart) && id != El::table) {
    // A block never starts inside b, i, em, ... (a and table excepted): they close first and
    // reopen inside the block before its text. The rendering is the same, and a later
    // misnested end tag (<b><p>x</b>y</p>) then gives the tree the adoption agency gives.
    while (keep > 0 && has_flag(stack_[keep - 1].id, kFormatting) && stack_[keep - 1].id != El::a) --keep;
  }

  if (id == El::li || id == El::dd || id == El::dt) {
    // Close an open li (or dd/dt), walking down past everything but special elements other
    // than address, div and p.
    for (std::size_t k = keep; k > 0; --k) {
      El node = stack_[k - 1].id;
      bool match = id == El::li ? node == El::li : (node == El::dd || node == El::dt);
      if (match) {
        keep = k - 1;
        break;
      }
      if (has_flag(node, kSpecial) && node != El::address && node != El::div && node != El::p) break;
    }
  }

  if (has_flag(id, kClosesP)) {
    // "If the stack of open elements has a p element in button scope, close a p element."
    // <table> is included whatever the document mode, so quirks mode parses the same.
    for (std::size_t k = keep; k > 0; --k) {
      El node = stack_[k - 1].id;
      if (node == El::p) {
        keep = k - 1;
        break;
      }
      if (has_flag(node, kScope)) break;
    }
  }

  // "If the current node is an h1..h6 element, pop it."
  if (has_flag(id, kHeading) && keep > 0 && has_flag(stack_[keep - 1].id, kHeading)) --keep;

  if (id == El::a) {
    // An open <a> (after the last marker: td, th, caption) is closed first: no link in a link.
    // The stack is searched rather than the formatting list, which may have let an old entry go.
    for (std::size_t k = keep; k > 0; --k) {
      El node = stack_[k - 1].id;
      if (node == El::a) {
        keep = k - 1;
        break;
      }
      if (has_flag(node, kCell) || node == El::caption) break;
    }
  }

  if (id == El::rb || id == El::rtc || id == El::rp || id == El::rt) {
    // "If the stack of open elements has a ruby element in scope, generate implied end tags"
    // (except for rtc before rp/rt).
    if (in_default_scope(El::ruby, keep)) {
      while (keep > 0) {
        El node = stack_[keep - 1].id;
        if (!has_flag(node, kImpliedEnd)) break;
        if ((id == El::rp || id == El::rt) && node == El::rtc) break;
        --keep;
      }
    }
  }
  plan.keep = keep;
  return plan;
}

std::size_t TagBalancer::plan_end(El id, std::string_view name) const {
  const std::size_t size = stack_.size();
  if (id == El::unknown) {
    // "Any other end tag": the nearest element of that name, unless a special element comes first.
    for (std::size_t k = size; k > 0; --k) {
      const OpenElement& node = stack_[k - 1];
      if (node.id == El::unknown && name_of(node) == name) return k - 1;
      if (has_flag(node.id, kSpecial)) return npos;
    }
    return npos;
  }
  if (id == El::table || has_flag(id, kTablePart)) {
    // "has an element in table scope": only a table bounds the search.
    for (std::size_t k = size; k > 0; --k) {
      El node = stack_[k - 1].id;
      if (node == id) return k - 1;
      if (node == El::table) return npos;
    }
    return npos;
  }
  if (has_flag(id, kFormatting)) {
    // Adoption agency, simplified: the element must be in scope; everything above it closes
    // (a browser would move a block out of it; closing keeps the text in order and the tree
    // explicit). Formatting elements closed on the way stay in the list and are reopened.
    for (std::size_t k = size; k > 0; --k) {
      El node = stack_[k - 1].id;
      if (node == id) return k - 1;
      if (has_flag(node, kScope)) return npos;
    }
    return npos;
  }
  if (has_flag(id, kHeading)) {
    // </h2> closes an open h1 too: any heading in scope.
    for (std::size_t k = size; k > 0; --k) {
      El node = stack_[k - 1].id;
      if (has_flag(node, kHeading)) return k - 1;
      if (has_flag(node, kScope)) return npos;
    }
    return npos;
  }
  if (has_flag(id, kSpecial)) {
    // Blocks, p (button scope), li (list item scope), dd, dt: in scope, or ignored.
    for (std::size_t k = size; k > 0; --k) {
      El node = stack_[k - 1].id;
      if (node == id) return k - 1;
      if (has_flag(node, kScope)) return npos;
      if (id == El::li && (node == El::ol || node == El::ul)) return npos;
    }
    return npos;
  }
  for (std::size_t k = size; k > 0; --k) {
    El node = stack_[k - 1].id;
    if (node == id) return k - 1;
    if (has_flag(node, kSpecial)) return npos;
  }
  return npos;
}

void TagBalancer::add_formatting(El id, std::uint32_t serial, std::string start_tag, std::size_t max_entries) {
  std::size_t first_after_marker = formatting_.size();
  while (first_after_marker > 0 && !formatting_[first_after_marker - 1].marker) --first_after_marker;
  // Noah's Ark: a fourth identical element pushes the earliest of the three out of the list.
  std::size_t equal = 0;
  std::size_t earliest = npos;
  for (std::size_t i = formatting_.size(); i > first_after_marker; --i) {
    const FormattingEntry& entry = formatting_[i - 1];
    if (entry.id == id && entry.start_tag == start_tag) {
      ++equal;
      earliest = i - 1;
    }
  }
  if (equal >= 3) formatting_.erase(formatting_.begin() + static_cast<std::ptrdiff_t>(earliest));
  if (formatting_.size() - first_after_marker >= max_entries && first_after_marker < formatting_.size()) {
    formatting_.erase(formatting_.begin() + static_cast<std::ptrdiff_t>(first_after_marker));
  }
  FormattingEntry entry;
  entry.id = id;
  entry.open = true;
  entry.serial = serial;
  entry.start_tag = std::move(start_tag);
  formatting_.push_back(std::move(entry));
}

void TagBalancer::add_marker() {
  FormattingEntry marker;
  marker.marker = true;
  formatting_.push_back(std::move(marker));
}

std::size_t TagBalancer::find_formatting(El id) const noexcept {
  for (std::size_t i = formatting_.size(); i > 0; --i) {
    const FormattingEntry& entry = formatting_[i - 1];
    if (entry.marker) return npos;
    if (entry.id == id) return i - 1;
  }
  return npos;
}

void TagBalancer::remove_formatting(std::size_t index) {
  if (index < formatting_.size()) formatting_.erase(formatting_.begin() + static_cast<std::ptrdiff_t>(index));
}

}  // namespace postrender::detail

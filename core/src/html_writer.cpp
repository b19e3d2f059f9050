#include "html_writer.hpp"

#include <algorithm>

#include "html_escape.hpp"

namespace postrender::detail {
namespace {

bool is_void_element(std::string_view name) {
  return name == "img" || name == "br" || name == "hr" || name == "input" || name == "wbr";
}

bool is_url_attribute(std::string_view name) { return name == "href" || name == "src"; }

// Written without a value when empty, as md4c-html does (`<input ... disabled checked>`).
bool is_boolean_attribute(std::string_view name) {
  return name == "checked" || name == "disabled" || name == "open" || name == "hidden" || name == "reversed" ||
         name == "selected";
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

}  // namespace

HtmlWriter::HtmlWriter(std::string& out, const WriterConfig& config, Diagnostics& diagnostics,
                       const SourceMap* source)
    : out_(out), config_(config), diagnostics_(diagnostics), source_(source) {}

// TODO(sanitizer issue): when config_.sanitize is set, everything below goes through the policy.
void HtmlWriter::start_element(std::string_view name, const std::vector<Attribute>& attributes) {
  out_ += '<';
  out_ += name;
  for (const Attribute& attribute : attributes) {
    out_ += ' ';
    out_ += attribute.name;
    if (attribute.value.empty() && is_boolean_attribute(attribute.name)) continue;
    out_ += "=\"";
    if (is_url_attribute(attribute.name)) {
      append_escaped_url(out_, attribute.value);
    } else {
      append_escaped_attribute(out_, attribute.value);
    }
    out_ += '"';
  }
  out_ += '>';
  if (name == "a") ++link_depth_;
  (void)is_void_element;
}

void HtmlWriter::end_element(std::string_view name) {
  if (is_void_element(name)) return;
  out_ += "</";
  out_ += name;
  out_ += '>';
  if (name == "a" && link_depth_ > 0) --link_depth_;
}

void HtmlWriter::text(std::string_view text) { append_escaped_text(out_, text); }

void HtmlWriter::newline() { out_ += '\n'; }

void HtmlWriter::raw_html(std::string_view html, std::size_t /*source_offset*/) {
  out_ += html;
  link_depth_ = std::max(0, link_depth_ + raw_link_delta(html));
}

bool HtmlWriter::inside_link() const noexcept { return link_depth_ > 0; }

void HtmlWriter::finish() {}

}  // namespace postrender::detail

#include "html_writer.hpp"

#include "html_escape.hpp"

namespace postrender::detail {
namespace {

bool is_void_element(std::string_view name) {
  return name == "img" || name == "br" || name == "hr" || name == "input" || name == "wbr";
}

bool is_url_attribute(std::string_view name) { return name == "href" || name == "src"; }

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

void HtmlWriter::raw_html(std::string_view html, std::size_t /*source_offset*/) { out_ += html; }

bool HtmlWriter::inside_link() const noexcept { return link_depth_ > 0; }

void HtmlWriter::finish() {}

}  // namespace postrender::detail

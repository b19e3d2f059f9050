#pragma once
// HtmlWriter: the one writer of all output (@TCB: security-critical).
// Every tag that reaches the output, from md4c or from the author's raw HTML, goes through here.
// In trusted mode (sanitize == false) it writes what it is given; when sanitizing it applies
// the policy, owns the open-element stack, and keeps the output balanced and stable.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "postrender/diagnostic.hpp"
#include "postrender/policy.hpp"
#include "source_map.hpp"

namespace postrender::detail {

struct Attribute {
  std::string_view name;   // lower-case
  std::string_view value;  // plain text (entities already decoded); the writer escapes it
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

  // An element produced by the Markdown renderer. Void elements (img, br, hr, input) need no
  // end_element. Attribute values for href/src are URLs; the writer checks them when sanitizing.
  void start_element(std::string_view name, const std::vector<Attribute>& attributes = {});
  void end_element(std::string_view name);
  // Text content; escaped on output.
  void text(std::string_view text);
  // Formatting line break between blocks (a "\n" in the output).
  void newline();
  // HTML the author typed. `source_offset` is its byte offset in the text behind `source`.
  void raw_html(std::string_view html, std::size_t source_offset);
  // True while an <a> is open (from Markdown or raw HTML): autolinks must not nest inside it.
  bool inside_link() const noexcept;
  // The output written so far (the Markdown renderer cuts the first paragraph out of it).
  std::size_t output_size() const noexcept { return out_.size(); }
  std::string_view output() const noexcept { return out_; }
  // Closes every element still open. Call once at the end.
  void finish();

 private:
  std::string& out_;
  WriterConfig config_;
  Diagnostics& diagnostics_;
  const SourceMap* source_;
  int link_depth_ = 0;  // open <a> elements
};

}  // namespace postrender::detail

// SanitizePolicy: the default allowlists and the set/add/remove rules (@TCB: security-critical).
// The writer compiles a policy into lookup tables once per render; this file is plain data.
#include "postrender/policy.hpp"

#include <atomic>

#include "element_table.hpp"

// Building a policy runs once per options change, so that code is built for size (with Clang,
// which the wasm module uses: about 1.8 KB less gzipped); the lookups below stay fast. An
// attribute rather than -Oz on the file: under LTO the file's copies of shared templates
// (std::set, std::vector) would otherwise be the ones hot code elsewhere uses too.
#if defined(__clang__)
#define POSTRENDER_SETUP __attribute__((minsize))
#else
#define POSTRENDER_SETUP
#endif

namespace postrender {
namespace {

POSTRENDER_SETUP std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

POSTRENDER_SETUP void add_all(std::set<std::string>& to, const std::vector<std::string>& names) {
  for (const auto& n : names) to.insert(lower(n));
}

bool is_data_attribute(const std::string& name) { return name.size() > 5 && name.compare(0, 5, "data-") == 0; }

// A function, not a namespace-scope vector: a static Options elsewhere (the wasm module has one)
// may be built before this file's globals are, and would then get no headings.
POSTRENDER_SETUP std::vector<std::string> headings() { return {"h1", "h2", "h3", "h4", "h5", "h6"}; }

POSTRENDER_SETUP std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

std::uint64_t SanitizePolicy::Revision::next() noexcept {
  static std::atomic<std::uint64_t> counter{0};
  return counter.fetch_add(1, std::memory_order_relaxed) + 1;
}

POSTRENDER_SETUP SanitizePolicy SanitizePolicy::blog_post() {
  SanitizePolicy p;
  // Not here, on purpose: form controls other than the task-list checkbox (they post data or
  // steal focus), iframe/object/embed/video/audio (load from elsewhere), svg/math (their own
  // parsing rules are where mutation XSS lives), dialog (can cover the page), col/colgroup.
  p.allow_elements(with(headings(), {"p",     "br",      "hr",     "ul",     "ol",         "li",     "dl",
                                    "dt",    "dd",      "blockquote", "pre", "code",      "table",  "caption",
                                    "thead", "tbody",   "tfoot",  "tr",     "th",         "td",     "a",
                                    "img",   "b",       "i",      "strong", "em",         "u",      "s",
                                    "strike", "del",    "ins",    "sub",    "sup",        "mark",   "small",
                                    "span",  "div",     "details", "summary", "figure",   "figcaption", "kbd",
                                    "samp",  "var",     "tt",     "abbr",   "q",          "cite",   "dfn",
                                    "time",  "bdi",     "bdo",    "ruby",   "rt",         "rp",     "wbr",
                                    "input"}));
  p.allow_attributes({"title", "lang", "dir", "class", "id", "style", "data-*"});
  p.allow_attributes({"href", "name", "target", "rel"}).on_elements({"a"});
  p.allow_attributes({"src", "alt"}).on_elements({"img"});
  p.allow_attributes({"width", "height"}).on_elements({"img", "table", "td", "th"});
  p.allow_attributes({"align"}).on_elements(with(headings(), {"img", "p", "div", "table", "tr", "td", "th"}));
  p.allow_attributes({"colspan", "rowspan"}).on_elements({"td", "th"});
  p.allow_attributes({"start"}).on_elements({"ol"});
  p.allow_attributes({"type"}).on_elements({"ol", "ul", "input"});
  p.allow_attributes({"checked", "disabled"}).on_elements({"input"});
  p.allow_attributes({"cite"}).on_elements({"blockquote", "q", "del", "ins"});
  p.allow_attributes({"datetime"}).on_elements({"del", "ins", "time"});
  p.allow_attributes({"open"}).on_elements({"details"});
  p.allow_css_properties({"color", "background-color", "text-align", "font-weight", "font-style", "text-decoration",
                          "font-size", "vertical-align"});
  p.allow_url_schemes({"http", "https", "mailto", "tel"});
  return p;
}

POSTRENDER_SETUP SanitizePolicy SanitizePolicy::strict() {
  SanitizePolicy p;
  p.allow_elements(with(headings(), {"p", "br", "hr", "ul", "ol", "li", "blockquote", "pre", "code", "a", "b", "i",
                                    "strong", "em", "u", "s", "del", "ins", "sub", "sup", "mark", "small", "kbd",
                                    "abbr", "q", "cite"}));
  p.allow_attributes({"href"}).on_elements({"a"});
  p.allow_attributes({"title"}).on_elements({"abbr", "a"});
  p.allow_attributes({"start"}).on_elements({"ol"});
  p.allow_url_schemes({"http", "https", "mailto"});
  p.nofollow_links = true;
  return p;
}

POSTRENDER_SETUP SanitizePolicy& SanitizePolicy::set_elements(const std::vector<std::string>& names) {
  revision_.bump();
  elements_.clear();
  return allow_elements(names);
}
POSTRENDER_SETUP SanitizePolicy& SanitizePolicy::set_url_schemes(const std::vector<std::string>& schemes) {
  revision_.bump();
  url_schemes_.clear();
  return allow_url_schemes(schemes);
}
POSTRENDER_SETUP SanitizePolicy& SanitizePolicy::set_css_properties(const std::vector<std::string>& names) {
  revision_.bump();
  css_properties_.clear();
  return allow_css_properties(names);
}

POSTRENDER_SETUP SanitizePolicy& SanitizePolicy::allow_elements(const std::vector<std::string>& names) {
  revision_.bump();
  add_all(elements_, names);
  return *this;
}
POSTRENDER_SETUP SanitizePolicy& SanitizePolicy::remove_elements(const std::vector<std::string>& names) {
  revision_.bump();
  add_all(removed_elements_, names);
  return *this;
}
POSTRENDER_SETUP SanitizePolicy& SanitizePolicy::allow_url_schemes(const std::vector<std::string>& schemes) {
  revision_.bump();
  add_all(url_schemes_, schemes);
  return *this;
}
POSTRENDER_SETUP SanitizePolicy& SanitizePolicy::remove_url_schemes(const std::vector<std::string>& schemes) {
  revision_.bump();
  add_all(removed_url_schemes_, schemes);
  return *this;
}
POSTRENDER_SETUP SanitizePolicy& SanitizePolicy::allow_css_properties(const std::vector<std::string>& names) {
  revision_.bump();
  add_all(css_properties_, names);
  return *this;
}
POSTRENDER_SETUP SanitizePolicy& SanitizePolicy::remove_css_properties(const std::vector<std::string>& names) {
  revision_.bump();
  add_all(removed_css_properties_, names);
  return *this;
}

POSTRENDER_SETUP SanitizePolicy::AttributeRule& SanitizePolicy::AttributeRule::on_elements(const std::vector<std::string>& elements) {
  policy_.revision_.bump();
  for (std::size_t i = 0; i < attributes_.size(); ++i) {
    auto& on = policy_.attributes_[attributes_[i]];
    // Narrow only what this rule itself opened up: an earlier "everywhere" rule still holds.
    if (added_everywhere_[i]) {
      on.erase("*");
      added_everywhere_[i] = false;
    }
    for (const auto& e : elements) on.insert(lower(e));
  }
  return *this;
}

POSTRENDER_SETUP SanitizePolicy::AttributeRule SanitizePolicy::allow_attributes(const std::vector<std::string>& names) {
  revision_.bump();
  std::vector<std::string> lowered;
  std::vector<bool> added;
  for (const auto& n : names) {
    lowered.push_back(lower(n));
    added.push_back(attributes_[lowered.back()].insert("*").second);
  }
  return AttributeRule(*this, std::move(lowered), std::move(added));
}

POSTRENDER_SETUP SanitizePolicy& SanitizePolicy::remove_attributes(const std::vector<std::string>& names) {
  revision_.bump();
  add_all(removed_attributes_, names);
  return *this;
}

POSTRENDER_SETUP SanitizePolicy& SanitizePolicy::clear_attributes() {
  revision_.bump();
  attributes_.clear();
  return *this;
}

bool SanitizePolicy::element_allowed(const std::string& name) const {
  return elements_.count(name) && !removed_elements_.count(name);
}

bool SanitizePolicy::attribute_allowed(const std::string& element, const std::string& attribute) const {
  if (removed_attributes_.count(attribute)) return false;
  auto allowed_in = [&](const std::string& key) {
    auto it = attributes_.find(key);
    return it != attributes_.end() && (it->second.count("*") || it->second.count(element));
  };
  if (allowed_in(attribute)) return true;
  return is_data_attribute(attribute) && !removed_attributes_.count("data-*") && allowed_in("data-*");
}

bool SanitizePolicy::url_scheme_allowed(const std::string& scheme) const {
  return url_schemes_.count(scheme) && !removed_url_schemes_.count(scheme);
}

bool SanitizePolicy::css_property_allowed(const std::string& property) const {
  return css_properties_.count(property) && !removed_css_properties_.count(property);
}

POSTRENDER_SETUP Diagnostics SanitizePolicy::validate() const {
  Diagnostics problems;
  for (const auto& name : elements_) {
    if (removed_elements_.count(name)) continue;
    detail::El id = detail::lookup_element(name);
    if (detail::has_flag(id, detail::kNeverEmit)) {
      problems.push_back({Severity::warning, "policy.element-ignored",
                          "<" + name + "> is never written, whatever the policy says", 0, 0});
    }
  }
  for (const auto& [name, on] : attributes_) {
    if (removed_attributes_.count(name) || on.empty()) continue;
    if (name != "data-*" && detail::attribute_never_allowed(name)) {
      problems.push_back({Severity::warning, "policy.attribute-ignored",
                          "attribute " + name + " is never written, whatever the policy says", 0, 0});
    }
  }
  return problems;
}

}  // namespace postrender

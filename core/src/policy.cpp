// STUB defaults: the sanitizer issue replaces this file with the real allowlist.
#include "postrender/policy.hpp"

namespace postrender {
namespace {

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

void add_all(std::set<std::string>& to, std::set<std::string>& removed, const std::vector<std::string>& names) {
  for (const auto& n : names) {
    to.insert(lower(n));
  }
  (void)removed;
}

void remove_all(std::set<std::string>& removed, const std::vector<std::string>& names) {
  for (const auto& n : names) removed.insert(lower(n));
}

}  // namespace

SanitizePolicy SanitizePolicy::blog_post() {
  SanitizePolicy p;
  p.allow_elements({"p", "a", "b", "i", "em", "strong", "span", "h1", "h2", "h3", "h4", "h5", "h6", "img"});
  p.allow_url_schemes({"http", "https", "mailto", "tel"});
  p.allow_attributes({"href"}).on_elements({"a"});
  p.allow_attributes({"src", "alt"}).on_elements({"img"});
  return p;
}

SanitizePolicy SanitizePolicy::strict() {
  SanitizePolicy p;
  p.allow_elements({"p", "a", "b", "i", "em", "strong"});
  p.allow_url_schemes({"http", "https", "mailto"});
  p.allow_attributes({"href"}).on_elements({"a"});
  return p;
}

SanitizePolicy& SanitizePolicy::allow_elements(const std::vector<std::string>& names) {
  add_all(elements_, removed_elements_, names);
  return *this;
}
SanitizePolicy& SanitizePolicy::remove_elements(const std::vector<std::string>& names) {
  remove_all(removed_elements_, names);
  return *this;
}
SanitizePolicy& SanitizePolicy::allow_url_schemes(const std::vector<std::string>& schemes) {
  add_all(url_schemes_, removed_url_schemes_, schemes);
  return *this;
}
SanitizePolicy& SanitizePolicy::remove_url_schemes(const std::vector<std::string>& schemes) {
  remove_all(removed_url_schemes_, schemes);
  return *this;
}
SanitizePolicy& SanitizePolicy::allow_css_properties(const std::vector<std::string>& names) {
  add_all(css_properties_, removed_css_properties_, names);
  return *this;
}
SanitizePolicy& SanitizePolicy::remove_css_properties(const std::vector<std::string>& names) {
  remove_all(removed_css_properties_, names);
  return *this;
}

SanitizePolicy::AttributeRule& SanitizePolicy::AttributeRule::on_elements(const std::vector<std::string>& elements) {
  for (const auto& a : attributes_) {
    auto& on = policy_.attributes_[a];
    on.erase("*");
    for (const auto& e : elements) on.insert(lower(e));
  }
  return *this;
}

SanitizePolicy::AttributeRule SanitizePolicy::allow_attributes(const std::vector<std::string>& names) {
  std::vector<std::string> lowered;
  for (const auto& n : names) {
    lowered.push_back(lower(n));
    attributes_[lowered.back()].insert("*");
  }
  return AttributeRule(*this, std::move(lowered));
}

SanitizePolicy& SanitizePolicy::remove_attributes(const std::vector<std::string>& names) {
  remove_all(removed_attributes_, names);
  return *this;
}

bool SanitizePolicy::element_allowed(const std::string& name) const {
  return elements_.count(name) && !removed_elements_.count(name);
}
bool SanitizePolicy::attribute_allowed(const std::string& element, const std::string& attribute) const {
  if (removed_attributes_.count(attribute)) return false;
  auto it = attributes_.find(attribute);
  return it != attributes_.end() && (it->second.count("*") || it->second.count(element));
}
bool SanitizePolicy::url_scheme_allowed(const std::string& scheme) const {
  return url_schemes_.count(scheme) && !removed_url_schemes_.count(scheme);
}
bool SanitizePolicy::css_property_allowed(const std::string& property) const {
  return css_properties_.count(property) && !removed_css_properties_.count(property);
}

}  // namespace postrender

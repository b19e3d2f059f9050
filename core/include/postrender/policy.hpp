#pragma once
// SanitizePolicy: what raw HTML and Markdown output may contain. Policy is data.
//
// Names are matched lower-case. Every list has set / add / remove, and the order of calls
// never matters: a name removed once stays removed, whatever is allowed later ("disallows
// trump allows"). Some things are never written whatever a policy says (scripting, embedding,
// forms, document-level and SVG/MathML elements; on* handlers and other attributes that run
// or load something); validate() reports a policy that asks for them.
//
// Defaults (blog_post()), close to GitHub's rendering allowlist:
//   elements   h1-h6 p br hr ul ol li dl dt dd blockquote pre code table caption thead tbody
//              tfoot tr th td a img b i strong em u s strike del ins sub sup mark small span div
//              details summary figure figcaption kbd samp var tt abbr q cite dfn time bdi bdo
//              ruby rt rp wbr input (input: type=checkbox in list items only, always disabled)
//   attributes everywhere: title lang dir class id style data-*;  a: href name target rel;
//              img: src alt width height align;  ol: start type;  ul: type;
//              td th: colspan rowspan align width height;  tr: align;  table: width align;
//              p div h1-h6: align;  blockquote q del ins: cite;  del ins time: datetime;
//              details: open;  input: type checked disabled
//   styles     color background-color text-align font-weight font-style text-decoration
//              font-size vertical-align (values validated by the style filter)
//   URLs       http https mailto tel, relative and #fragment; data:image only if allow_data_images
//   links      rel="noopener noreferrer" added to links with a target or an external host
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "postrender/diagnostic.hpp"

namespace postrender {

class SanitizePolicy {
 public:
  // Close to GitHub's rendering allowlist; the default for render(). See policy.cpp.
  static SanitizePolicy blog_post();
  // Text formatting and links only: no images, tables, ids, classes or styles.
  static SanitizePolicy strict();

  // Set / add / remove, chainable. Order does not matter: removals always win.
  // set_* replaces what is allowed (removals made earlier still hold).
  SanitizePolicy& set_elements(const std::vector<std::string>& names);
  SanitizePolicy& set_url_schemes(const std::vector<std::string>& schemes);
  SanitizePolicy& set_css_properties(const std::vector<std::string>& names);
  SanitizePolicy& allow_elements(const std::vector<std::string>& names);
  SanitizePolicy& remove_elements(const std::vector<std::string>& names);
  SanitizePolicy& allow_url_schemes(const std::vector<std::string>& schemes);
  SanitizePolicy& remove_url_schemes(const std::vector<std::string>& schemes);
  SanitizePolicy& allow_css_properties(const std::vector<std::string>& names);
  SanitizePolicy& remove_css_properties(const std::vector<std::string>& names);

  // `allow_attributes({"href"}).on_elements({"a"})`; without on_elements, on every element.
  class AttributeRule {
   public:
    AttributeRule& on_elements(const std::vector<std::string>& elements);
    SanitizePolicy& done() { return policy_; }
   private:
    friend class SanitizePolicy;
    AttributeRule(SanitizePolicy& policy, std::vector<std::string> attributes, std::vector<bool> added_everywhere)
        : policy_(policy), attributes_(std::move(attributes)), added_everywhere_(std::move(added_everywhere)) {}
    SanitizePolicy& policy_;
    std::vector<std::string> attributes_;
    std::vector<bool> added_everywhere_;  // this rule (not an earlier one) allowed it on every element
  };
  // "data-*" stands for every data- attribute.
  AttributeRule allow_attributes(const std::vector<std::string>& names);
  // Removes the attributes from every element.
  SanitizePolicy& remove_attributes(const std::vector<std::string>& names);
  // Forgets every attribute rule (removals still hold). Start from here to build a policy by hand.
  SanitizePolicy& clear_attributes();

  bool element_allowed(const std::string& name) const;
  bool attribute_allowed(const std::string& element, const std::string& attribute) const;
  bool url_scheme_allowed(const std::string& scheme) const;
  bool css_property_allowed(const std::string& property) const;

  // Problems with this policy as data: elements or attributes it allows that the writer never
  // writes (script, iframe, onclick, srcdoc, ...). Empty when every rule takes effect.
  // Codes: "policy.element-ignored", "policy.attribute-ignored". Line and column are 0.
  Diagnostics validate() const;

  // Prefix for id/name values (DOM clobbering guard), also added to same-document "#fragment"
  // links so they keep pointing at the prefixed ids. A value that already starts with the
  // prefix is left as it is, so sanitizing twice changes nothing. "" turns it off.
  // Default: "user-content-".
  std::string id_prefix = "user-content-";
  // Add rel="nofollow ugc" to every link. Default: false.
  bool nofollow_links = false;
  // Allowed values of target on links; others are removed. Default: {"_blank"}.
  std::set<std::string> allowed_targets{"_blank"};
  // Allow data:image/(png|gif|jpeg|webp) in img src. Default: false.
  bool allow_data_images = false;
  // Allowed class names; empty means any class is allowed. Default: empty.
  std::set<std::string> allowed_classes;

  // Sets, lower-case. Exposed read-only for bindings and tests.
  const std::set<std::string>& elements() const { return elements_; }
  const std::set<std::string>& url_schemes() const { return url_schemes_; }
  const std::set<std::string>& css_properties() const { return css_properties_; }
  // attribute -> elements it is allowed on ("*" means every element).
  const std::map<std::string, std::set<std::string>>& attributes() const { return attributes_; }
  // What remove_* took away; these win over every allow.
  const std::set<std::string>& removed_elements() const { return removed_elements_; }
  const std::set<std::string>& removed_attributes() const { return removed_attributes_; }
  const std::set<std::string>& removed_url_schemes() const { return removed_url_schemes_; }
  const std::set<std::string>& removed_css_properties() const { return removed_css_properties_; }

 private:
  // Names this policy's sets as they are now: every mutation (and being moved from) takes a
  // new value; a copy keeps it, since its sets are equal. The writer's per-thread compiled
  // policy is keyed on it, so checking that it is still current costs no set comparisons.
  class Revision {
   public:
    Revision() noexcept : value_(next()) {}
    Revision(const Revision&) noexcept = default;
    Revision& operator=(const Revision&) noexcept = default;
    Revision(Revision&& other) noexcept : value_(other.value_) { other.value_ = next(); }
    Revision& operator=(Revision&& other) noexcept {
      value_ = other.value_;
      other.value_ = next();
      return *this;
    }
    void bump() noexcept { value_ = next(); }
    std::uint64_t value() const noexcept { return value_; }
   private:
    static std::uint64_t next() noexcept;
    std::uint64_t value_;
  };

 public:
  // Internal (the writer's compiled-policy cache): changes whenever the element or attribute
  // sets may have changed. allowed_classes, a public field, is not covered.
  std::uint64_t revision() const noexcept { return revision_.value(); }

 private:
  Revision revision_;
  std::set<std::string> elements_, removed_elements_;
  std::set<std::string> url_schemes_, removed_url_schemes_;
  std::set<std::string> css_properties_, removed_css_properties_;
  std::map<std::string, std::set<std::string>> attributes_;
  std::set<std::string> removed_attributes_;
};

}  // namespace postrender

#pragma once
// SanitizePolicy: what raw HTML and Markdown output may contain. Policy is data.
// The sanitizer issue owns the details; this header is the public shape.
#include <map>
#include <set>
#include <string>
#include <vector>

namespace postrender {

class SanitizePolicy {
 public:
  // Close to GitHub's rendering allowlist; the default for render(). See policy.cpp.
  static SanitizePolicy blog_post();
  // Text formatting and links only: no images, tables, ids, classes or styles.
  static SanitizePolicy strict();

  // Set / add / remove, chainable. Order does not matter: removals always win.
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
    AttributeRule(SanitizePolicy& policy, std::vector<std::string> attributes)
        : policy_(policy), attributes_(std::move(attributes)) {}
    SanitizePolicy& policy_;
    std::vector<std::string> attributes_;
  };
  AttributeRule allow_attributes(const std::vector<std::string>& names);
  SanitizePolicy& remove_attributes(const std::vector<std::string>& names);

  bool element_allowed(const std::string& name) const;
  bool attribute_allowed(const std::string& element, const std::string& attribute) const;
  bool url_scheme_allowed(const std::string& scheme) const;
  bool css_property_allowed(const std::string& property) const;

  // Prefix for id/name values (DOM clobbering guard); "" turns it off. Default: "user-content-".
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

 private:
  std::set<std::string> elements_, removed_elements_;
  std::set<std::string> url_schemes_, removed_url_schemes_;
  std::set<std::string> css_properties_, removed_css_properties_;
  std::map<std::string, std::set<std::string>> attributes_;
  std::set<std::string> removed_attributes_;
};

}  // namespace postrender

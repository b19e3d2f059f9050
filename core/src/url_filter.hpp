#pragma once
// URL checks for href/src (@TCB: security-critical). Shared by Markdown links, images,
// autolinks, reference definitions and raw HTML attributes.
#include <optional>
#include <string>
#include <string_view>

#include "postrender/policy.hpp"

namespace postrender::detail {

enum class UrlContext {
  link,   // <a href>
  image,  // <img src> (data:image/... only here, and only when the policy allows it)
  other   // cite, etc.: same scheme rules as links
};

// Returns the URL to write (plain text, not yet HTML-escaped), or nullopt when the attribute
// must be removed. Entities must already be decoded by the caller. Strips whitespace and
// control characters, checks the scheme against `policy`, and resolves a relative URL
// against `base_url` when that is non-empty. Fragment-only URLs ("#x") get policy.id_prefix
// added so they still point at prefixed ids (when `prefix_fragments` is true).
std::optional<std::string> filter_url(std::string_view url, UrlContext context, const SanitizePolicy& policy,
                                      std::string_view base_url, bool prefix_fragments = true);

// filter_url() into `out` (its buffer reused): false, with `out` unspecified, when the
// attribute must be removed.
bool filter_url_into(std::string& out, std::string_view url, UrlContext context, const SanitizePolicy& policy,
                     std::string_view base_url, bool prefix_fragments = true);

// Resolves a relative reference against `base_url` (RFC 3986 §5.2, simplified for http(s)
// bases). Absolute URLs and an empty base return `url` unchanged.
std::string resolve_url(std::string_view url, std::string_view base_url);

// True when `url` has the form of an external http(s) URL with a host (for rel="noopener").
bool is_external_url(std::string_view url, std::string_view base_url);

}  // namespace postrender::detail

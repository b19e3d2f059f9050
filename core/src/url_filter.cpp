// URL checks for href/src (@TCB: security-critical).
//
// The rules mirror how a browser's URL parser reads an attribute value (WHATWG URL):
// leading/trailing C0 controls and spaces are ignored, tab/CR/LF anywhere are ignored, and a
// scheme is the run of [A-Za-z][A-Za-z0-9+.-]* before the first ':'. We strip the same
// characters first (plus the other C0 controls and DEL, which never belong in a URL), so an
// obfuscated "jav&#x09;ascript:" is seen as "javascript:" and refused. A ':' before any '/',
// '?', '#' or '\' whose prefix is not a valid scheme is refused too, rather than guessing
// what some parser makes of it.
#include "url_filter.hpp"

#include <algorithm>
#include <cstddef>

namespace postrender::detail {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (to_lower(s[i]) != prefix[i]) return false;
  }
  return true;
}

// C0 controls, space and DEL.
bool is_control_or_space(unsigned char c) { return c <= 0x20 || c == 0x7f; }

// The value as a browser's URL parser sees it: trimmed, with every control character removed.
// Spaces inside are kept (the writer percent-encodes them).
void clean_into(std::string& out, std::string_view url) {
  std::size_t begin = 0;
  std::size_t end = url.size();
  while (begin < end && is_control_or_space(static_cast<unsigned char>(url[begin]))) ++begin;
  while (end > begin && is_control_or_space(static_cast<unsigned char>(url[end - 1]))) --end;
  out.clear();
  // Runs without controls are appended whole (URLs rarely hold any).
  std::size_t run = begin;
  for (std::size_t i = begin; i < end; ++i) {
    auto c = static_cast<unsigned char>(url[i]);
    if (c >= 0x20 && c != 0x7f) continue;
    out.append(url.data() + run, i - run);
    run = i + 1;
  }
  out.append(url.data() + run, end - run);
}

std::string clean(std::string_view url) {
  std::string out;
  clean_into(out, url);
  return out;
}

enum class SchemeKind { none, valid, invalid };

// Finds the scheme: the text before the first ':' if that ':' comes before any '/', '?', '#'
// or '\'. `scheme` receives it lower-cased when it is syntactically valid.
SchemeKind find_scheme(std::string_view url, std::string& scheme) {
  for (std::size_t i = 0; i < url.size(); ++i) {
    char c = url[i];
    if (c == '/' || c == '?' || c == '#' || c == '\\') return SchemeKind::none;
    if (c != ':') continue;
    std::string_view candidate = url.substr(0, i);
    if (candidate.empty() || !is_alpha(candidate[0])) return SchemeKind::invalid;
    for (char s : candidate) {
      if (!is_alpha(s) && !is_digit(s) && s != '+' && s != '-' && s != '.') return SchemeKind::invalid;
    }
    scheme = lower(candidate);
    return SchemeKind::valid;
  }
  return SchemeKind::none;
}

bool is_http_scheme(std::string_view scheme) { return scheme == "http" || scheme == "https"; }

// data:image/(png|gif|jpeg|webp)[;base64],... : raster formats only (never svg+xml, which can
// carry script when opened directly).
bool is_safe_data_image(std::string_view url) {
  static constexpr std::string_view kTypes[] = {"png", "gif", "jpeg", "webp"};
  if (!starts_with_ci(url, "data:image/")) return false;
  std::string_view rest = url.substr(11);
  for (std::string_view type : kTypes) {
    if (!starts_with_ci(rest, type)) continue;
    std::string_view after = rest.substr(type.size());
    return starts_with(after, ",") || starts_with_ci(after, ";base64,");
  }
  return false;
}

// Browsers read '\' as '/' in http(s) and relative URLs (before the query); write what they read.
void normalise_backslashes(std::string& url) {
  for (char& c : url) {
    if (c == '?' || c == '#') break;
    if (c == '\\') c = '/';
  }
}

struct UrlParts {
  std::string_view scheme;     // without ':'; empty when absent
  bool has_authority = false;  // "//" present
  std::string_view authority;
  std::string_view path;
  bool has_query = false;
  std::string_view query;  // without '?'
  bool has_fragment = false;
  std::string_view fragment;  // without '#'
};

// RFC 3986 Appendix B split. `scheme` is only recognised when syntactically valid.
UrlParts split(std::string_view url) {
  UrlParts parts;
  std::string ignored;
  if (find_scheme(url, ignored) == SchemeKind::valid) {
    std::size_t colon = url.find(':');
    parts.scheme = url.substr(0, colon);
    url.remove_prefix(colon + 1);
  }
  std::size_t hash = url.find('#');
  if (hash != std::string_view::npos) {
    parts.has_fragment = true;
    parts.fragment = url.substr(hash + 1);
    url = url.substr(0, hash);
  }
  std::size_t question = url.find('?');
  if (question != std::string_view::npos) {
    parts.has_query = true;
    parts.query = url.substr(question + 1);
    url = url.substr(0, question);
  }
  if (starts_with(url, "//")) {
    parts.has_authority = true;
    url.remove_prefix(2);
    std::size_t slash = url.find('/');
    parts.authority = url.substr(0, slash);
    url = slash == std::string_view::npos ? std::string_view{} : url.substr(slash);
  }
  parts.path = url;
  return parts;
}

// RFC 3986 §5.2.4.
std::string remove_dot_segments(std::string_view input) {
  std::string output;
  while (!input.empty()) {
    if (starts_with(input, "../")) {
      input.remove_prefix(3);
    } else if (starts_with(input, "./")) {
      input.remove_prefix(2);
    } else if (starts_with(input, "/./")) {
      input.remove_prefix(2);
    } else if (input == "/.") {
      input = "/";
    } else if (starts_with(input, "/../") || input == "/..") {
      if (input == "/..") {
        input = "/";
      } else {
        input.remove_prefix(3);
      }
      std::size_t last = output.rfind('/');
      output.erase(last == std::string::npos ? 0 : last);
    } else if (input == "." || input == "..") {
      input = {};
    } else {
      std::size_t next = input.find('/', input[0] == '/' ? 1 : 0);
      if (next == std::string_view::npos) next = input.size();
      output.append(input.substr(0, next));
      input.remove_prefix(next);
    }
  }
  return output;
}

// RFC 3986 §5.2.3.
std::string merge_paths(const UrlParts& base, std::string_view reference_path) {
  if (base.has_authority && base.path.empty()) return "/" + std::string(reference_path);
  std::size_t last = base.path.rfind('/');
  if (last == std::string_view::npos) return std::string(reference_path);
  return std::string(base.path.substr(0, last + 1)) + std::string(reference_path);
}

std::string recompose(std::string_view scheme, bool has_authority, std::string_view authority,
                      std::string_view path, bool has_query, std::string_view query, bool has_fragment,
                      std::string_view fragment) {
  std::string out;
  if (!scheme.empty()) {
    out += scheme;
    out += ':';
  }
  if (has_authority) {
    out += "//";
    out += authority;
  }
  out += path;
  if (has_query) {
    out += '?';
    out += query;
  }
  if (has_fragment) {
    out += '#';
    out += fragment;
  }
  return out;
}

std::string host_of(std::string_view authority) {
  std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  return lower(authority);
}

}  // namespace

std::string resolve_url(std::string_view url, std::string_view base_url) {
  if (base_url.empty()) return std::string(url);
  UrlParts base = split(base_url);
  if (!is_http_scheme(lower(base.scheme)) || !base.has_authority) return std::string(url);
  UrlParts ref = split(url);
  if (!ref.scheme.empty()) return std::string(url);

  std::string path;
  std::string_view authority = base.authority;
  bool has_query = ref.has_query;
  std::string_view query = ref.query;
  if (ref.has_authority) {
    authority = ref.authority;
    path = remove_dot_segments(ref.path);
  } else if (ref.path.empty()) {
    path = std::string(base.path);
    if (!ref.has_query) {
      has_query = base.has_query;
      query = base.query;
    }
  } else if (ref.path[0] == '/') {
    path = remove_dot_segments(ref.path);
  } else {
    path = remove_dot_segments(merge_paths(base, ref.path));
  }
  if (path.empty()) path = "/";  // http(s) URLs with an authority always have a path
  return recompose(base.scheme, true, authority, path, has_query, query, ref.has_fragment, ref.fragment);
}

// Not inlined (nor filter_url_into): see filter_style in css_filter.cpp.
__attribute__((noinline)) bool is_external_url(std::string_view url, std::string_view base_url) {
  if (base_url.empty() && !std::any_of(url.begin(), url.end(), [](char c) {
        return is_control_or_space(static_cast<unsigned char>(c)) || c == '\\';
      })) {
    // What the general path below computes when cleaning, '\\' normalising and resolving
    // change nothing (the writer's own filtered URLs), without copying the URL three times.
    std::string scheme;
    std::string_view rest = url;
    if (find_scheme(url, scheme) == SchemeKind::valid) {
      if (!is_http_scheme(scheme)) return false;
      rest.remove_prefix(scheme.size() + 1);
    }
    // As split() reads it: an authority is "//" then at least one byte before '/', '?' or '#'.
    return rest.size() > 2 && rest[0] == '/' && rest[1] == '/' && rest[2] != '/' && rest[2] != '?' && rest[2] != '#';
  }
  std::string cleaned = clean(url);
  normalise_backslashes(cleaned);
  std::string resolved = resolve_url(cleaned, base_url);
  UrlParts parts = split(resolved);
  std::string scheme = lower(parts.scheme);
  if (!scheme.empty() && !is_http_scheme(scheme)) return false;
  if (!parts.has_authority || parts.authority.empty()) return false;
  if (!base_url.empty()) {
    UrlParts base = split(base_url);
    if (is_http_scheme(lower(base.scheme)) && base.has_authority &&
        host_of(base.authority) == host_of(parts.authority)) {
      return false;
    }
  }
  return true;
}

std::optional<std::string> filter_url(std::string_view url, UrlContext context, const SanitizePolicy& policy,
                                      std::string_view base_url, bool prefix_fragments) {
  std::string out;
  if (!filter_url_into(out, url, context, policy, base_url, prefix_fragments)) return std::nullopt;
  return out;
}

__attribute__((noinline)) bool filter_url_into(std::string& cleaned, std::string_view url, UrlContext context,
                                               const SanitizePolicy& policy, std::string_view base_url,
                                               bool prefix_fragments) {
  clean_into(cleaned, url);

  std::string scheme;
  switch (find_scheme(cleaned, scheme)) {
    case SchemeKind::invalid:
      return false;
    case SchemeKind::valid:
      if (scheme == "data") {
        return context == UrlContext::image && policy.allow_data_images && is_safe_data_image(cleaned);
      }
      if (!policy.url_scheme_allowed(scheme)) return false;
      if (is_http_scheme(scheme)) normalise_backslashes(cleaned);
      return true;
    case SchemeKind::none:
      break;
  }

  // Same-document fragment: point it at the prefixed ids the writer produces.
  if (!cleaned.empty() && cleaned[0] == '#') {
    std::string_view fragment = std::string_view(cleaned).substr(1);
    const std::string& prefix = policy.id_prefix;
    if (prefix_fragments && !prefix.empty() && !fragment.empty() && !starts_with(fragment, prefix)) {
      cleaned.insert(1, prefix);
    }
    return true;
  }

  normalise_backslashes(cleaned);
  if (cleaned.empty() || base_url.empty()) return true;
  std::string resolved = resolve_url(cleaned, base_url);
  // The base is configuration, but re-check what it produced rather than trust it blindly.
  std::string resolved_scheme;
  switch (find_scheme(resolved, resolved_scheme)) {
    case SchemeKind::invalid:
      return false;
    case SchemeKind::valid:
      if (!policy.url_scheme_allowed(resolved_scheme)) return false;
      break;
    case SchemeKind::none:
      break;
  }
  cleaned = std::move(resolved);
  return true;
}

}  // namespace postrender::detail

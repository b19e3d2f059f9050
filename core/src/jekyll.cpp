// Jekyll semantics on top of the raw front matter tree: what a Jekyll site would read from each key.
#include "jekyll.hpp"

#include <exception>
#include <unordered_set>

#include "date.hpp"
#include "utf8.hpp"

namespace postrender::detail {
namespace {

const char* kind_name(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::sequence: return "a list";
    case Value::Kind::mapping: return "a mapping";
    case Value::Kind::boolean: return "a boolean";
    case Value::Kind::integer:
    case Value::Kind::floating: return "a number";
    case Value::Kind::string: return "text";
    default: return "null";
  }
}

void type_warning(Diagnostics& diagnostics, std::string_view key, const char* expected, const Value& value,
                  std::string_view hint = {}) {
  std::string message = "front matter `" + std::string(key) + "` should be " + expected + ", not " +
                        kind_name(value) + "; it was ignored";
  if (!hint.empty()) message.append("; ").append(hint);
  diagnostics.push_back({Severity::warning, "front-matter.type", std::move(message), 0, 0});
}

bool is_scalar(const Value& value) { return !value.is_sequence() && !value.is_mapping(); }

// A scalar field as text; absent and null give "" silently, a list or mapping gives a warning.
std::string text_field(const Value& front_matter, std::string_view key, Diagnostics& diagnostics) {
  const Value* value = front_matter.find(key);
  if (!value || value->is_null()) return {};
  if (!is_scalar(*value)) {
    type_warning(diagnostics, key, "text", *value);
    return {};
  }
  return value->to_text();
}

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

void split_words(std::string_view text, std::vector<std::string>& out) {
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_ascii_space(text[i])) ++i;
    std::size_t start = i;
    while (i < text.size() && !is_ascii_space(text[i])) ++i;
    if (i > start) out.emplace_back(text.substr(start, i - start));
  }
}

// Jekyll's `pluralized_array_from_hash`: the singular key (`category: Foo Bar`) is one item as
// written; the plural key is split on whitespace when it is text, or read as a list.
std::vector<std::string> list_field(const Value& front_matter, std::string_view singular, std::string_view plural,
                                    Diagnostics& diagnostics) {
  std::vector<std::string> items;
  std::string_view key = singular;
  const Value* value = front_matter.find(singular);
  if (!value || value->is_null()) {
    key = plural;
    value = front_matter.find(plural);
  }
  if (!value || value->is_null()) return items;
  if (value->is_mapping()) {
    type_warning(diagnostics, key, "text or a list", *value);
    return items;
  }
  if (value->is_sequence()) {
    for (const Value& item : value->as_sequence()) {
      if (item.is_null()) continue;
      if (!is_scalar(item)) {
        diagnostics.push_back({Severity::warning, "front-matter.type",
                               "front matter `" + std::string(key) + "` has an item that is " + kind_name(item) +
                                   " instead of text; the item was ignored",
                               0, 0});
        continue;
      }
      items.push_back(item.to_text());
    }
  } else if (key == singular) {
    items.push_back(value->to_text());
  } else {
    split_words(value->to_text(), items);
  }
  // Jekyll de-duplicates categories and tags, keeping the first occurrence.
  std::unordered_set<std::string> seen;
  std::vector<std::string> unique;
  for (auto& item : items) {
    if (!item.empty() && seen.insert(item).second) unique.push_back(std::move(item));
  }
  return unique;
}

// `image: /a.jpg`, or the mapping some themes use (`image: {path: ...}`, `{feature: ...}`, `{url: ...}`).
std::string image_field(const Value& front_matter, Diagnostics& diagnostics) {
  for (std::string_view key : {"image", "feature_image"}) {
    const Value* value = front_matter.find(key);
    if (!value || value->is_null()) continue;
    if (value->is_string()) return value->as_string();
    if (value->is_mapping()) {
      for (std::string_view inner : {"path", "feature", "url"}) {
        const Value* found = value->find(inner);
        if (found && found->is_string()) return found->as_string();
      }
    }
    type_warning(diagnostics, key, "text or a mapping with `path`, `feature` or `url`", *value);
    return {};
  }
  return {};
}

struct FileNameParts {
  std::string date;  // ISO 8601 date, "" when the name has no valid YYYY-MM-DD- prefix
  std::string slug;  // the name without the date prefix and the extension
};

// Jekyll's post name pattern: [dirs/]YYYY-MM-DD-slug.ext
FileNameParts split_file_name(std::string_view file_name) {
  auto slash = file_name.find_last_of("/\\");
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  auto dot = file_name.rfind('.');
  std::string_view stem = dot == std::string_view::npos || dot == 0 ? file_name : file_name.substr(0, dot);
  FileNameParts parts;
  // A date prefix is 4-digit year, 1-2 digit month and day, then `-`; normalize_date checks the calendar.
  std::size_t i = 0;
  auto digits = [&](std::size_t min, std::size_t max) {
    std::size_t start = i;
    while (i < stem.size() && i - start < max && stem[i] >= '0' && stem[i] <= '9') ++i;
    return i - start >= min;
  };
  bool dated = digits(4, 4) && i < stem.size() && stem[i++] == '-' && digits(1, 2) && i < stem.size() &&
               stem[i++] == '-' && digits(1, 2) && i + 1 < stem.size() && stem[i] == '-';
  if (dated) {
    parts.date = normalize_date(stem.substr(0, i));
    if (!parts.date.empty()) stem.remove_prefix(i + 1);
  }
  parts.slug = std::string(stem);
  return parts;
}

// Code points that separate words in a slug besides ASCII punctuation: Latin-1 punctuation, general
// punctuation, CJK symbols and punctuation, full-width ASCII punctuation, and pictographs.
bool is_separator(char32_t c) {
  if (c < 0x80) return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
  return (c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x2BFF) ||
         (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE10 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF0F) ||
         (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||
         c == 0xFEFF || c == 0xFFFD || (c >= 0x1F000 && c <= 0x1FAFF);
}

// Lower case for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic: the scripts with case that
// titles use most; other letters pass through unchanged.
char32_t to_lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 0x20;
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3AB && c != 0x3A2) ||
      (c >= 0x410 && c <= 0x42F)) {
    return c + 0x20;
  }
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  bool even_upper = (c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177);
  bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
  if ((even_upper && c % 2 == 0) || (odd_upper && c % 2 == 1)) return c + 1;
  if (c == 0x178) return 0xFF;
  return c;
}

// Jekyll's default `slugify`: lower-case, runs of anything but letters and digits become one `-`.
// Letters of every script are kept ("조달청과 메인비즈!" -> "조달청과-메인비즈").
std::string slugify(std::string_view text) {
  std::string slug;
  bool pending_dash = false;
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = decode_utf8(text, i);
    if (is_separator(c)) {
      pending_dash = !slug.empty();
      continue;
    }
    if (pending_dash) slug += '-';
    pending_dash = false;
    append_utf8(slug, to_lower(c));
  }
  return slug;
}

void apply_front_matter(const Value& front_matter, Post& post, MarkdownFields& fields, Diagnostics& diagnostics) {
  post.title = text_field(front_matter, "title", diagnostics);

  if (const Value* date = front_matter.find("date"); date && !date->is_null()) {
    if (!is_scalar(*date)) {
      type_warning(diagnostics, "date", "a date", *date);
    } else {
      post.date = normalize_date(date->to_text());
      if (post.date.empty()) {
        diagnostics.push_back({Severity::warning, "front-matter.date",
                               "front matter `date` \"" + date->to_text() +
                                   "\" is not a date (expected YYYY-MM-DD, optionally with HH:MM:SS and "
                                   "a zone such as +09:00 or Z); it was ignored",
                               0, 0});
      }
    }
  }

  post.categories = list_field(front_matter, "category", "categories", diagnostics);
  post.tags = list_field(front_matter, "tag", "tags", diagnostics);

  if (const Value* published = front_matter.find("published"); published && !published->is_null()) {
    if (published->is_bool()) {
      post.published = published->as_bool();
    } else {
      type_warning(diagnostics, "published", "true or false", *published,
                   published->is_string() ? "YAML 1.2 reads yes/no/on/off as text" : "");
    }
  }

  post.permalink = text_field(front_matter, "permalink", diagnostics);
  post.slug = text_field(front_matter, "slug", diagnostics);
  post.image = image_field(front_matter, diagnostics);

  if (const Value* excerpt = front_matter.find("excerpt"); excerpt && !excerpt->is_null()) {
    if (is_scalar(*excerpt)) {
      fields.has_excerpt = true;
      fields.excerpt = excerpt->to_text();
    } else {
      type_warning(diagnostics, "excerpt", "text", *excerpt);
    }
  }
  fields.excerpt_separator = text_field(front_matter, "excerpt_separator", diagnostics);
  fields.feature_text = text_field(front_matter, "feature_text", diagnostics);
}

void fill_fields(const Value& front_matter, std::string_view file_name, Post& post, MarkdownFields& fields,
                 Diagnostics& diagnostics) {
  // A front matter that is not a mapping was already reported by the parser; only the file name counts.
  if (front_matter.is_mapping()) apply_front_matter(front_matter, post, fields, diagnostics);

  FileNameParts name = split_file_name(file_name);
  bool has_date_key = front_matter.find("date") && !front_matter.find("date")->is_null();
  if (post.date.empty() && !has_date_key) post.date = name.date;
  if (post.slug.empty()) post.slug = name.slug;
  if (post.slug.empty()) post.slug = slugify(post.title);
}

}  // namespace

MarkdownFields apply_jekyll_fields(const Value& front_matter, std::string_view file_name, Post& post,
                                   Diagnostics& diagnostics) {
  MarkdownFields fields;
  try {
    fill_fields(front_matter, file_name, post, fields, diagnostics);
  } catch (const std::exception& e) {
    diagnostics.push_back({Severity::error, "internal", std::string("front matter fields: ") + e.what(), 0, 0});
  }
  return fields;
}

}  // namespace postrender::detail

#pragma once
// GitHub-style heading slugs (the algorithm of github-slugger), unique within one document.
#include <string>
#include <string_view>
#include <unordered_map>

namespace postrender::detail {

// Lower-cases `text`, keeps letters of every script (Hangul, Han, Kana, Cyrillic, accented
// Latin, ...), combining marks, digits, '-' and '_', turns each ASCII space into '-', and drops
// everything else (punctuation, symbols, emoji, controls). May return "". Invalid UTF-8 is dropped.
std::string slugify_heading(std::string_view text);

// Hands out unique slugs: "x", then "x-1", "x-2", ... An empty slug becomes "section".
class Slugger {
 public:
  std::string unique(std::string_view heading_text);
  // Marks an id as taken (e.g. an id the author wrote in raw HTML) so no slug repeats it.
  void reserve(const std::string& id);

 private:
  std::unordered_map<std::string, int> occurrences_;
};

}  // namespace postrender::detail

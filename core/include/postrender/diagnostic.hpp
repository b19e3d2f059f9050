#pragma once
// Diagnostics: every problem postrender finds is reported as a value, never thrown.
#include <string>
#include <vector>

namespace postrender {

enum class Severity {
  info,     // something was normalised (e.g. a date); nothing lost
  warning,  // input was repaired or content was removed; the rest rendered
  error     // a part of the post could not be used (e.g. front matter ignored)
};

const char* to_string(Severity severity) noexcept;

// A problem in the input. Line and column are 1-based and counted in the whole post file
// (not in the YAML block or the body); 0 means unknown. `code` is stable, dotted and
// kebab-case ("yaml.syntax", "html.element-removed"); `message` is for people.
struct Diagnostic {
  Severity severity = Severity::warning;
  std::string code;
  std::string message;
  int line = 0;
  int column = 0;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace postrender

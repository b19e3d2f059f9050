// postrender: the native command-line tool.
//   postrender render FILE|- [options]
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "postrender/json.hpp"
#include "postrender/post.hpp"

namespace {

constexpr const char* kUsage = R"(Usage: postrender render FILE|- [options]
       postrender --help | --version

Renders a blog post (YAML front matter + Markdown with raw HTML) to safe HTML.
FILE "-" reads standard input. The HTML goes to standard output, warnings to
standard error as FILE:LINE:COLUMN: SEVERITY: MESSAGE [CODE].

Options:
  --json              print the whole result (html, frontMatter, title, toc, warnings, ...) as JSON
  --trusted           do not sanitize: raw HTML is written as typed (XSS risk; for trusted sources)
  --strict            use the strict policy (text formatting and links only)
  --base-url URL      resolve relative link and image URLs against URL
  --source-lines      add data-source-line="N" to block elements
  --no-heading-ids    do not give headings ids
  --id-prefix PREFIX  prefix for id/name values (default "user-content-"; "" turns it off)
  --nofollow          add rel="nofollow ugc" to links
  --file-name NAME    the post's file name, for the Jekyll date and slug (default: FILE's name)
  --quiet             do not print warnings

Exit status: 0 rendered; 1 rendered, but with error diagnostics (e.g. invalid front matter);
2 bad usage or unreadable input.
)";

struct Arguments {
  std::string file;
  bool json = false;
  bool quiet = false;
  bool file_name_given = false;
  postrender::Options options;
};

int usage_error(const std::string& message) {
  std::cerr << "postrender: " << message << "\nTry 'postrender --help'.\n";
  return 2;
}

std::string base_name(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Returns 0 when parsed, or the exit status to stop with (-1: stop with 0, e.g. --help).
int parse_arguments(int argc, char** argv, Arguments& args) {
  std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty()) return usage_error("missing command");
  if (words[0] == "--help" || words[0] == "-h") {
    std::cout << kUsage;
    return -1;
  }
  if (words[0] == "--version") {
    std::cout << "postrender " << postrender::version() << "\n";
    return -1;
  }
  if (words[0] != "render") return usage_error("unknown command '" + words[0] + "'");
  for (std::size_t i = 1; i < words.size(); ++i) {
    const std::string& word = words[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= words.size()) return false;
      into = words[++i];
      return true;
    };
    if (word == "--json") {
      args.json = true;
    } else if (word == "--trusted") {
      args.options.sanitize = false;
    } else if (word == "--strict") {
      std::string prefix = args.options.policy.id_prefix;
      args.options.policy = postrender::SanitizePolicy::strict();
      args.options.policy.id_prefix = prefix;
    } else if (word == "--source-lines") {
      args.options.source_lines = true;
    } else if (word == "--no-heading-ids") {
      args.options.heading_ids = false;
    } else if (word == "--nofollow") {
      args.options.policy.nofollow_links = true;
    } else if (word == "--quiet") {
      args.quiet = true;
    } else if (word == "--base-url") {
      if (!value(args.options.base_url)) return usage_error("--base-url needs a URL");
    } else if (word == "--id-prefix") {
      if (!value(args.options.policy.id_prefix)) return usage_error("--id-prefix needs a value");
    } else if (word == "--file-name") {
      if (!value(args.options.file_name)) return usage_error("--file-name needs a value");
      args.file_name_given = true;
    } else if (word == "--help" || word == "-h") {
      std::cout << kUsage;
      return -1;
    } else if (word.size() > 1 && word[0] == '-' ) {
      return usage_error("unknown option '" + word + "'");
    } else if (args.file.empty()) {
      args.file = word;
    } else {
      return usage_error("more than one input file given");
    }
  }
  if (args.file.empty()) return usage_error("missing FILE (use - for standard input)");
  if (!args.file_name_given && args.file != "-") args.options.file_name = base_name(args.file);
  return 0;
}

bool read_input(const std::string& file, std::string& text) {
  if (file == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    text = buffer.str();
    return !std::cin.bad();
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return !in.bad();
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  Arguments args;
  if (int status = parse_arguments(argc, argv, args); status != 0) return status < 0 ? 0 : status;

  std::string text;
  if (!read_input(args.file, text)) {
    std::cerr << "postrender: cannot read '" << args.file << "': " << std::strerror(errno) << "\n";
    return 2;
  }
  postrender::Post post = postrender::render(text, args.options);

  std::string output = args.json ? postrender::to_json(post) + "\n" : post.html;
  std::fwrite(output.data(), 1, output.size(), stdout);

  bool had_error = false;
  const std::string shown_name = args.file == "-" ? "<stdin>" : args.file;
  for (const auto& d : post.warnings) {
    had_error = had_error || d.severity == postrender::Severity::error;
    if (args.quiet) continue;
    std::cerr << shown_name << ':' << d.line << ':' << d.column << ": " << postrender::to_string(d.severity)
              << ": " << d.message << " [" << d.code << "]\n";
  }
  return had_error ? 1 : 0;
}

// xss_dump: the native side of the browser XSS test (tests/browser/xss.test.mjs).
//
//   xss_dump CORPUS_DIR      prints every corpus vector with its outputs as a JSON array:
//                            {file, title, via, payload, expected?, html, other, problem, stable}
//                            (html: the pipeline named by "via"; other: the other pipeline;
//                            problem: the invariant checker's verdict on both, "" when clean)
//   xss_dump --sanitize      reads a JSON array of strings on stdin and prints the array of
//                            sanitize_html() results (the browser's re-serialisations go here)
//
// Exit status: 0 on success, 2 on bad usage or an unreadable corpus / input.
#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "../fuzz/html_invariants.hpp"
#include "../fuzz/xss_corpus.hpp"
#include "postrender/json.hpp"
#include "postrender/post.hpp"

namespace {

void field(std::string& out, const char* name, const std::string& value, bool first = false) {
  if (!first) out += ", ";
  out += '"';
  out += name;
  out += "\": ";
  postrender::append_json_string(out, value);
}

int dump(const std::string& dir) {
  std::vector<postrender::testing::XssVector> vectors;
  std::string error;
  if (!postrender::testing::load_xss_corpus(dir, vectors, error)) {
    std::cerr << "xss_dump: " << error << "\n";
    return 2;
  }
  const auto policy = postrender::SanitizePolicy::blog_post();
  std::string out = "[\n";
  for (std::size_t i = 0; i < vectors.size(); ++i) {
    const auto& v = vectors[i];
    std::string html = postrender::testing::xss_output(v);
    std::string other = postrender::testing::xss_other_output(v);
    std::string problem = postrender::testing::check_sanitized(html, policy);
    if (problem.empty()) {
      problem = postrender::testing::check_sanitized(other, policy);
      if (!problem.empty()) problem = "other pipeline: " + problem;
    }
    bool stable = postrender::sanitize_html(html) == html && postrender::sanitize_html(other) == other;
    out += "  {";
    field(out, "file", v.file, true);
    field(out, "title", v.title);
    field(out, "via", v.via);
    field(out, "payload", v.payload);
    if (v.expected) field(out, "expected", *v.expected);
    field(out, "html", html);
    field(out, "other", other);
    field(out, "problem", problem);
    out += stable ? ", \"stable\": true}" : ", \"stable\": false}";
    out += i + 1 < vectors.size() ? ",\n" : "\n";
  }
  out += "]\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

int sanitize_stdin() {
  std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  std::vector<std::string> fragments;
  std::string error;
  if (!postrender::testing::corpus_detail::JsonReader(input).read_strings(fragments, error)) {
    std::cerr << "xss_dump --sanitize: " << error << "\n";
    return 2;
  }
  std::string out = "[";
  for (std::size_t i = 0; i < fragments.size(); ++i) {
    if (i > 0) out += ",\n";
    postrender::append_json_string(out, postrender::sanitize_html(fragments[i]));
  }
  out += "]\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 1 && args[0] == "--sanitize") return sanitize_stdin();
  if (args.size() == 1 && !args[0].empty() && args[0][0] != '-') return dump(args[0]);
  std::cerr << "usage: xss_dump CORPUS_DIR | xss_dump --sanitize < strings.json\n";
  return 2;
}

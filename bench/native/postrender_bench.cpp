// postrender_bench: times postrender::render() on a corpus directory beside md4c's own HTML
// renderer (md_html(), the function md2html runs) built from the same pinned md4c source.
//
//   postrender_bench [--iterations N] [--stress-iterations N] [--json] CORPUS_DIR
//
// CORPUS_DIR holds one sub-directory per group (written by bench/corpus.mjs). postrender gets
// each whole file; md4c gets the body with the front matter stripped (it knows no front matter),
// with md2html's --github flags. Both run in interleaved rounds (the order alternates), and
// every figure is the median over rounds. Throughput counts whole-file bytes for both, so the
// ratio of two MB/s figures is the inverse ratio of the times.
// Times are this thread's CPU time (as md2html --stat measures with clock()): on a shared
// machine, wall time also counts the time other processes held the core. Wall-clock medians
// are reported beside them in the JSON.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <time.h>

#include "md4c-html.h"
#include "postrender/post.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Doc {
  std::string name;
  std::string text;       // the whole file
  std::string_view body;  // text without its front matter
};

struct Group {
  std::string name;
  std::vector<Doc> docs;
  std::size_t bytes = 0;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Same rule as bench/corpus.mjs stripFrontMatter(): a leading "---" line up to a "---" or "..." line.
std::string_view strip_front_matter(std::string_view text) {
  auto line_end = [&](std::size_t pos) {
    std::size_t nl = text.find('\n', pos);
    return nl == std::string_view::npos ? text.size() : nl;
  };
  auto trimmed = [](std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    return line;
  };
  std::size_t first_end = line_end(0);
  std::string_view first = text.substr(0, first_end);
  if (!first.empty() && first.back() == '\r') first.remove_suffix(1);
  if (first != "---" || first_end >= text.size()) return text;
  for (std::size_t pos = first_end + 1; pos < text.size();) {
    std::size_t end = line_end(pos);
    std::string_view line = trimmed(text.substr(pos, end - pos));
    if (line == "---" || line == "...") return text.substr(std::min(end + 1, text.size()));
    pos = end + 1;
  }
  return text;
}

std::vector<Group> load_corpus(const fs::path& dir) {
  std::vector<Group> groups;
  std::vector<fs::path> subdirs;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_directory()) subdirs.push_back(entry.path());
  }
  std::sort(subdirs.begin(), subdirs.end());
  for (const auto& sub : subdirs) {
    Group group;
    group.name = sub.filename().string();
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(sub)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    group.docs.reserve(files.size());
    for (const auto& file : files) {
      group.docs.push_back({file.filename().string(), read_file(file), {}});
      group.bytes += group.docs.back().text.size();
    }
    // Views into the strings only once the vector no longer moves them.
    for (auto& doc : group.docs) doc.body = strip_front_matter(doc.text);
    if (!group.docs.empty()) groups.push_back(std::move(group));
  }
  return groups;
}

void append_output(const MD_CHAR* text, MD_SIZE size, void* userdata) {
  static_cast<std::string*>(userdata)->append(text, size);
}

// md2html's defaults plus --github.
constexpr unsigned kMd4cParserFlags = MD_DIALECT_GITHUB;
constexpr unsigned kMd4cRendererFlags = MD_HTML_FLAG_DEBUG | MD_HTML_FLAG_SKIP_UTF8_BOM;

std::size_t sink = 0;  // keeps the work observable

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct Sample {
  double cpu_ms = 0;
  double wall_ms = 0;
};

template <typename F>
Sample timed(F&& work) {
  auto w0 = Clock::now();
  double c0 = thread_cpu_ms();
  work();
  double c1 = thread_cpu_ms();
  auto w1 = Clock::now();
  return {c1 - c0, std::chrono::duration<double, std::milli>(w1 - w0).count()};
}

// Built once, as a site generator would (and as md2html sets its flags once): a default
// Options holds the blog_post() policy, which is not free to build.
const postrender::Options& default_options() {
  static const postrender::Options options;
  return options;
}

Sample render_postrender(const Doc& doc) {
  const postrender::Options& options = default_options();
  return timed([&] {
    postrender::Post post = postrender::render(doc.text, options);
    sink += post.html.size() + post.warnings.size();
  });
}

Sample render_md4c(const Doc& doc) {
  return timed([&] {
    std::string out;
    out.reserve(doc.body.size() + doc.body.size() / 8 + 64);  // as md2html does
    md_html(doc.body.data(), static_cast<MD_SIZE>(doc.body.size()), append_output, &out, kMd4cParserFlags,
            kMd4cRendererFlags);
    sink += out.size();
  });
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

struct Timing {
  std::vector<double> postrender_ms;  // CPU
  std::vector<double> md4c_ms;
  std::vector<double> postrender_wall_ms;
  std::vector<double> md4c_wall_ms;
  void add(Sample p, Sample m) {
    postrender_ms.push_back(p.cpu_ms);
    md4c_ms.push_back(m.cpu_ms);
    postrender_wall_ms.push_back(p.wall_ms);
    md4c_wall_ms.push_back(m.wall_ms);
  }
};

int usage() {
  std::fprintf(stderr, "usage: postrender_bench [--iterations N] [--stress-iterations N] [--json] CORPUS_DIR\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  int iterations = 20;
  int stress_iterations = 5;
  bool json = false;
  const char* dir = nullptr;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--iterations" && i + 1 < argc) {
      iterations = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--stress-iterations" && i + 1 < argc) {
      stress_iterations = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--json") {
      json = true;
    } else if (!arg.empty() && arg[0] != '-' && !dir) {
      dir = argv[i];
    } else {
      return usage();
    }
  }
  if (!dir || !fs::is_directory(dir)) return usage();

  std::vector<Group> groups = load_corpus(dir);
  // Per group: whole-group times; for the stress group also per document.
  std::map<std::string, Timing> group_times;
  std::map<std::string, std::map<std::string, Timing>> doc_times;

  for (const Group& group : groups) {  // warm-up: caches, allocator, page faults
    for (const Doc& doc : group.docs) {
      render_postrender(doc);
      render_md4c(doc);
    }
  }

  for (const Group& group : groups) {
    const bool stress = group.name == "stress";
    const int rounds = stress ? stress_iterations : iterations;
    Timing& gt = group_times[group.name];
    for (int round = 0; round < rounds; ++round) {
      Sample p, m;
      for (const Doc& doc : group.docs) {
        // Alternate which engine goes first, per document and per round.
        bool postrender_first = (round + (&doc - group.docs.data())) % 2 == 0;
        Sample dp, dm;
        if (postrender_first) {
          dp = render_postrender(doc);
          dm = render_md4c(doc);
        } else {
          dm = render_md4c(doc);
          dp = render_postrender(doc);
        }
        p.cpu_ms += dp.cpu_ms;
        p.wall_ms += dp.wall_ms;
        m.cpu_ms += dm.cpu_ms;
        m.wall_ms += dm.wall_ms;
        if (stress) doc_times[group.name][doc.name].add(dp, dm);
      }
      gt.add(p, m);
    }
  }

  auto mbps = [](std::size_t bytes, double ms) { return ms > 0 ? bytes / 1e6 / (ms / 1e3) : 0.0; };
  if (json) {
    std::printf("{\"sink\":%zu,\"iterations\":%d,\"stressIterations\":%d,\"groups\":{", sink, iterations,
                stress_iterations);
    bool first = true;
    for (const Group& group : groups) {
      const Timing& t = group_times[group.name];
      double p = median(t.postrender_ms), m = median(t.md4c_ms);
      std::printf("%s%s:{\"posts\":%zu,\"bytes\":%zu,\"postrenderMs\":%.4f,\"md4cMs\":%.4f,\"postrenderMBps\":%.3f,"
                  "\"md4cMBps\":%.3f,\"postrenderWallMs\":%.4f,\"md4cWallMs\":%.4f,\"docs\":{",
                  first ? "" : ",", json_string(group.name).c_str(), group.docs.size(), group.bytes, p, m,
                  mbps(group.bytes, p), mbps(group.bytes, m), median(t.postrender_wall_ms), median(t.md4c_wall_ms));
      first = false;
      bool first_doc = true;
      for (const Doc& doc : group.docs) {
        auto it = doc_times[group.name].find(doc.name);
        if (it == doc_times[group.name].end()) continue;
        std::printf("%s%s:{\"bytes\":%zu,\"postrenderMs\":%.4f,\"md4cMs\":%.4f,\"postrenderWallMs\":%.4f,"
                    "\"md4cWallMs\":%.4f}",
                    first_doc ? "" : ",", json_string(doc.name).c_str(), doc.text.size(),
                    median(it->second.postrender_ms), median(it->second.md4c_ms),
                    median(it->second.postrender_wall_ms), median(it->second.md4c_wall_ms));
        first_doc = false;
      }
      std::printf("}}");
    }
    std::printf("}}\n");
  } else {
    std::printf("%-10s %6s %10s %14s %14s %8s\n", "group", "posts", "MB", "postrender MB/s", "md4c-html MB/s",
                "ratio");
    for (const Group& group : groups) {
      const Timing& t = group_times[group.name];
      double p = median(t.postrender_ms), m = median(t.md4c_ms);
      std::printf("%-10s %6zu %10.2f %14.1f %14.1f %7.2fx\n", group.name.c_str(), group.docs.size(),
                  group.bytes / 1e6, mbps(group.bytes, p), mbps(group.bytes, m), p > 0 ? m / p : 0.0);
      for (const Doc& doc : group.docs) {
        auto it = doc_times[group.name].find(doc.name);
        if (it == doc_times[group.name].end()) continue;
        double dp = median(it->second.postrender_ms), dm = median(it->second.md4c_ms);
        std::printf("  %-26s %10.2f %14.1f %14.1f %7.2fx\n", doc.name.c_str(), doc.text.size() / 1e6,
                    mbps(doc.text.size(), dp), mbps(doc.text.size(), dm), dp > 0 ? dm / dp : 0.0);
      }
    }
  }
  return 0;
}

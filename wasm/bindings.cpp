// The WebAssembly boundary: a handful of C functions over one reusable input buffer.
//
// Why not Embind: strings cross as UTF-8 bytes that JavaScript writes with
// TextEncoder.encodeInto and reads back with TextDecoder, which is several times faster than
// Embind's per-character std::string conversion for post-sized text, and the glue is smaller.
// The small metadata leaves as one JSON string (see wire.hpp); web/src/index.js turns the
// result into plain JS values, so nothing here needs a .delete().
//
// Every entry point catches everything: no C++ exception reaches JavaScript. Failures become
// values (an `internal` warning, an error string).
#include <emscripten/emscripten.h>
#include <malloc.h>

#include <cstdint>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "postrender/post.hpp"
#include "wire.hpp"

namespace {

using namespace postrender;

// Read by JavaScript after each call as four u32s: html pointer, html length, metadata
// pointer, metadata length. The strings stay valid until the next call; JavaScript copies
// them into its own strings immediately.
struct Result {
  std::uint32_t html_ptr = 0;
  std::uint32_t html_len = 0;
  std::uint32_t meta_ptr = 0;
  std::uint32_t meta_len = 0;
};

Result g_result;
std::string g_html;
std::string g_meta;
std::vector<char> g_input;  // reusable: JavaScript encodes straight into it
Options g_options;          // set by pr_set_options, used by every render call

// Buffers above this size are freed after the call instead of kept for the next one.
constexpr std::size_t keep_bytes = std::size_t{1} << 20;

const Result* publish() {
  g_result.html_ptr = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(g_html.data()));
  g_result.html_len = static_cast<std::uint32_t>(g_html.size());
  g_result.meta_ptr = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(g_meta.data()));
  g_result.meta_len = static_cast<std::uint32_t>(g_meta.size());
  return &g_result;
}

std::string_view input(std::uint32_t length) {
  if (length > g_input.size()) length = static_cast<std::uint32_t>(g_input.size());
  return {g_input.data(), length};
}

std::string error_json(const char* what) {
  Diagnostics warnings{{Severity::error, "internal", std::string("internal error: ") + what, 0, 0}};
  return wire::warnings_json(warnings);
}

// Runs `body`; any exception becomes an empty html plus an `internal` error in the metadata
// (a Post-shaped object when `as_post`, so render() still returns a Post).
template <typename Body>
const Result* guarded(Body&& body, bool as_post) noexcept {
  auto fail = [as_post](const char* what) {
    try {
      g_html.clear();
      if (as_post) {
        Post post;
        post.warnings.push_back({Severity::error, "internal", std::string("internal error: ") + what, 0, 0});
        g_meta = wire::post_metadata_json(post);
      } else {
        g_meta = error_json(what);
      }
    } catch (...) {
      // Out of memory while reporting: a fixed, allocation-free answer.
      g_html = std::string();
      g_meta = std::string();
    }
  };
  try {
    body();
  } catch (const std::bad_alloc&) {
    fail("out of memory");
  } catch (const std::exception& e) {
    fail(e.what());
  } catch (...) {
    fail("unknown exception");
  }
  return publish();
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* pr_version() { return postrender::version(); }

// A buffer of at least `size` bytes for the next call's input; 0 when memory is exhausted.
EMSCRIPTEN_KEEPALIVE char* pr_buffer(std::uint32_t size) {
  try {
    if (g_input.size() < size) {
      std::vector<char>().swap(g_input);
      g_input.resize(size);
    } else if (g_input.size() > keep_bytes && size <= keep_bytes) {
      std::vector<char>(keep_bytes).swap(g_input);
    }
    return g_input.data();
  } catch (...) {
    std::vector<char>().swap(g_input);
    return nullptr;
  }
}

// Options JSON (from web/src/options.js) in the buffer. On success the result is empty; on
// failure its metadata is {"warnings":[...]} with the reason, and the previous options stay.
EMSCRIPTEN_KEEPALIVE const void* pr_set_options(std::uint32_t length) {
  return guarded(
      [&] {
        Options options;
        std::string error;
        g_html.clear();
        if (wire::parse_options(input(length), options, error)) {
          g_options = std::move(options);
          g_meta.clear();
        } else {
          g_meta = error_json(error.c_str());
        }
      },
      false);
}

EMSCRIPTEN_KEEPALIVE const void* pr_render(std::uint32_t length) {
  return guarded(
      [&] {
        Post post = postrender::render(input(length), g_options);
        g_meta = wire::post_metadata_json(post);
        g_html = std::move(post.html);
      },
      true);
}

EMSCRIPTEN_KEEPALIVE const void* pr_render_markdown(std::uint32_t length) {
  return guarded(
      [&] {
        g_html = postrender::render_markdown(input(length), g_options);
        g_meta.clear();
      },
      false);
}

EMSCRIPTEN_KEEPALIVE const void* pr_sanitize(std::uint32_t length) {
  return guarded(
      [&] {
        Diagnostics warnings;
        g_html = postrender::sanitize_html(input(length), g_options.policy, &warnings);
        g_meta = wire::warnings_json(warnings);
      },
      false);
}

EMSCRIPTEN_KEEPALIVE const void* pr_parse_front_matter(std::uint32_t length) {
  return guarded(
      [&] {
        Diagnostics warnings;
        Value front_matter = postrender::parse_front_matter(input(length), &warnings);
        g_html.clear();
        g_meta = wire::front_matter_json(front_matter, warnings);
      },
      false);
}

// Frees result buffers that grew past keep_bytes (called by JavaScript after copying them).
EMSCRIPTEN_KEEPALIVE void pr_release() {
  if (g_html.capacity() > keep_bytes) std::string().swap(g_html);
  if (g_meta.capacity() > keep_bytes) std::string().swap(g_meta);
  if (g_input.size() > keep_bytes) std::vector<char>().swap(g_input);
}

// Bytes currently allocated by malloc: the figure the heap-stability tests watch.
EMSCRIPTEN_KEEPALIVE std::uint32_t pr_heap_in_use() {
  struct mallinfo info = mallinfo();
  return static_cast<std::uint32_t>(info.uordblks);
}

// Test hook: throws through the same guard every entry point uses and returns the result, so
// the tests can prove exceptions are caught inside the module (with -fignore-exceptions this
// would abort instead). kind: 0 std::runtime_error, 1 std::bad_alloc, 2 a non-std type.
EMSCRIPTEN_KEEPALIVE const void* pr_test_throw(int kind) {
  return guarded(
      [&] {
        if (kind == 0) throw std::runtime_error("test exception");
        if (kind == 1) throw std::bad_alloc();
        throw 42;
      },
      true);
}

}  // extern "C"

// The WebAssembly boundary: a handful of C functions over one reusable input buffer.
//
// Why not Embind: strings go in as UTF-8 bytes that JavaScript writes with
// TextEncoder.encodeInto, and come back as ASCII bytes or, when they hold other characters,
// as UTF-16 made here (see publish()); both are several times faster than Embind's
// per-character std::string conversion for post-sized text, and the glue is smaller.
// render()'s metadata leaves as a list of u32s plus one text (post_metadata_words in wire.hpp),
// the rarer results as one JSON string; web/src/engine.js turns them into plain JS values, so
// nothing here needs a .delete().
//
// Every entry point catches everything: no C++ exception reaches JavaScript. Failures become
// values (an `internal` warning, an error string).
#include <emscripten/emscripten.h>
#include <malloc.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "postrender/post.hpp"
#include "wire.hpp"

namespace {

using namespace postrender;

// Read by JavaScript after each call as twelve u32s. Words 0-3: the html and metadata as UTF-8
// (pointer, byte length). Words 4-5: what kind of text each one is (StringKind). Words 6-9:
// the UTF-16 copies (pointer, length in code units) of the strings of kind utf16. Words
// 10-11: the metadata's words (pointer, count) when it is in the positional layout (a post, or
// parsed front matter; the metadata text then holds the layout's strings), else 0, 0 and the
// metadata is JSON.
// Everything stays valid until the next call; JavaScript copies it into its own values
// immediately.
struct Result {
  std::uint32_t html_ptr = 0;
  std::uint32_t html_len = 0;
  std::uint32_t meta_ptr = 0;
  std::uint32_t meta_len = 0;
  std::uint32_t html_kind = 0;
  std::uint32_t meta_kind = 0;
  std::uint32_t html16_ptr = 0;
  std::uint32_t html16_len = 0;
  std::uint32_t meta16_ptr = 0;
  std::uint32_t meta16_len = 0;
  std::uint32_t words_ptr = 0;
  std::uint32_t words_len = 0;
};

// Why UTF-16: turning non-ASCII UTF-8 into a JavaScript string is the slow part of crossing
// (V8 decodes it at ~3-4 ns per byte); transcoding here and handing JavaScript UTF-16, which
// it copies as it is, is several times faster. Pure ASCII needs neither.
enum StringKind : std::uint32_t {
  kind_utf8 = 0,   // decode the UTF-8 bytes (only if transcoding was impossible)
  kind_ascii = 1,  // the UTF-8 bytes are ASCII: any single-byte decoder will do
  kind_utf16 = 2,  // read the UTF-16 copy: html16_ptr/meta16_ptr, length in code units
};

Result g_result;
std::string g_html;
std::string g_meta;
std::vector<std::uint32_t> g_words;  // a post's metadata (wire::post_metadata_words)
bool g_has_words = false;            // whether g_words belongs to this call's result
std::vector<char> g_input;  // reusable: JavaScript encodes straight into it
Options g_options;          // set by pr_set_options, used by every render call
std::unique_ptr<char16_t[]> g_utf16;  // UTF-16 copies of the html and metadata
std::size_t g_utf16_capacity = 0;     // in code units

// Buffers above this size are freed after the call instead of kept for the next one.
constexpr std::size_t keep_bytes = std::size_t{1} << 20;

// Writes `text` (UTF-8) as UTF-16 to `out` (room for text.size() units). Returns the units
// written, or SIZE_MAX if `text` is not well-formed UTF-8: then JavaScript decodes the bytes
// itself, so ill-formed input keeps exactly TextDecoder's replacement behaviour.
std::size_t to_utf16(std::string_view text, char16_t* out) noexcept {
  constexpr std::size_t invalid = SIZE_MAX;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  std::size_t o = 0;
  while (i < n) {
    for (; i + 8 <= n; i += 8, o += 8) {
      std::uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ull) break;
      for (int k = 0; k < 8; ++k) out[o + k] = s[i + k];
    }
    if (i >= n) break;
    const unsigned c = s[i];
    if (c < 0x80) {
      out[o++] = static_cast<char16_t>(c);
      ++i;
      continue;
    }
    auto cont = [&](std::size_t at) { return at < n && (s[at] & 0xC0) == 0x80; };
    if (c >= 0xC2 && c < 0xE0) {
      if (!cont(i + 1)) return invalid;
      out[o++] = static_cast<char16_t>(((c & 0x1F) << 6) | (s[i + 1] & 0x3F));
      i += 2;
    } else if (c >= 0xE0 && c < 0xF0) {
      if (!cont(i + 1) || !cont(i + 2)) return invalid;
      const unsigned cp = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return invalid;
      out[o++] = static_cast<char16_t>(cp);
      i += 3;
    } else if (c >= 0xF0 && c < 0xF5) {
      if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return invalid;
      const unsigned cp = ((c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) |
                          (s[i + 3] & 0x3F);
      if (cp < 0x10000 || cp > 0x10FFFF) return invalid;
      out[o++] = static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
      out[o++] = static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
      i += 4;
    } else {
      return invalid;
    }
  }
  return o;
}

bool is_ascii(const std::string& text) noexcept {
  return wire::ascii_prefix(text) == text.size();
}

// Fills in the kind of `text` and, when it is not ASCII, its UTF-16 copy at `*cursor` (null:
// no room, JavaScript decodes the UTF-8).
void describe(const std::string& text, bool ascii, std::uint32_t& kind, std::uint32_t& ptr16,
              std::uint32_t& len16, char16_t*& cursor) noexcept {
  ptr16 = 0;
  len16 = 0;
  kind = ascii ? kind_ascii : kind_utf8;
  if (ascii || cursor == nullptr) return;
  const std::size_t units = to_utf16(text, cursor);
  if (units == SIZE_MAX) return;
  kind = kind_utf16;
  ptr16 = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(cursor));
  len16 = static_cast<std::uint32_t>(units);
  cursor += units;
}

// Room for `units` UTF-16 code units (kept for the next call), or null when memory is short.
char16_t* utf16_buffer(std::size_t units) noexcept {
  if (units > g_utf16_capacity) {
    g_utf16.reset();
    g_utf16_capacity = 0;
    g_utf16.reset(new (std::nothrow) char16_t[units]);
    if (!g_utf16) return nullptr;
    g_utf16_capacity = units;
  }
  return g_utf16.get();
}

const Result* publish() {
  g_result.html_ptr = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(g_html.data()));
  g_result.html_len = static_cast<std::uint32_t>(g_html.size());
  g_result.meta_ptr = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(g_meta.data()));
  g_result.meta_len = static_cast<std::uint32_t>(g_meta.size());
  const auto words_at = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(g_words.data()));
  g_result.words_ptr = g_has_words ? words_at : 0;
  g_result.words_len = g_has_words ? static_cast<std::uint32_t>(g_words.size()) : 0;
  const bool html_ascii = is_ascii(g_html);
  const bool meta_ascii = is_ascii(g_meta);
  // UTF-16 needs at most one unit per UTF-8 byte. Results above keep_bytes stay UTF-8: linear
  // memory never shrinks, and a copy twice their size would stay with it.
  const std::size_t total = g_html.size() + g_meta.size();
  char16_t* cursor = (html_ascii && meta_ascii) || total > keep_bytes ? nullptr : utf16_buffer(total);
  describe(g_html, html_ascii, g_result.html_kind, g_result.html16_ptr, g_result.html16_len, cursor);
  describe(g_meta, meta_ascii, g_result.meta_kind, g_result.meta16_ptr, g_result.meta16_len, cursor);
  return &g_result;
}

std::string_view input(std::uint32_t length) {
  if (length > g_input.size()) length = static_cast<std::uint32_t>(g_input.size());
  return {g_input.data(), length};
}

void error_json(const char* what, std::string& out) {
  Diagnostics warnings{{Severity::error, "internal", std::string("internal error: ") + what, 0, 0}};
  wire::warnings_json(warnings, out);
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
        wire::post_metadata_words(post, g_words, g_meta);
        g_has_words = true;
      } else {
        error_json(what, g_meta);
      }
    } catch (...) {
      // Out of memory while reporting: a fixed, allocation-free answer (no words and an empty
      // text, which JavaScript reports as out of memory).
      g_html = std::string();
      g_meta = std::string();
      std::vector<std::uint32_t>().swap(g_words);
      g_has_words = false;
    }
  };
  g_has_words = false;
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
// Built for size: it runs once per options change, and inlined Options code is large.
__attribute__((minsize)) EMSCRIPTEN_KEEPALIVE const void* pr_set_options(std::uint32_t length) {
  return guarded(
      [&] {
        Options options;
        std::string error;
        g_html.clear();
        if (wire::parse_options(input(length), options, error)) {
          g_options = std::move(options);
          g_meta.clear();
        } else {
          error_json(error.c_str(), g_meta);
        }
      },
      false);
}

EMSCRIPTEN_KEEPALIVE const void* pr_render(std::uint32_t length) {
  return guarded(
      [&] {
        Post post = postrender::render(input(length), g_options);
        wire::post_metadata_words(post, g_words, g_meta);
        g_has_words = true;
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
        wire::warnings_json(warnings, g_meta);
      },
      false);
}

EMSCRIPTEN_KEEPALIVE const void* pr_parse_front_matter(std::uint32_t length) {
  return guarded(
      [&] {
        Diagnostics warnings;
        Value front_matter = postrender::parse_front_matter(input(length), &warnings);
        g_html.clear();
        wire::front_matter_words(front_matter, warnings, g_words, g_meta);
        g_has_words = true;
      },
      false);
}

// Frees result buffers that grew past keep_bytes (called by JavaScript after copying them).
EMSCRIPTEN_KEEPALIVE void pr_release() {
  if (g_html.capacity() > keep_bytes) std::string().swap(g_html);
  if (g_meta.capacity() > keep_bytes) std::string().swap(g_meta);
  if (g_words.capacity() > keep_bytes / 4) std::vector<std::uint32_t>().swap(g_words);
  if (g_input.size() > keep_bytes) std::vector<char>().swap(g_input);
  if (g_utf16_capacity > keep_bytes / 2) {  // in code units: more than keep_bytes bytes
    g_utf16.reset();
    g_utf16_capacity = 0;
  }
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

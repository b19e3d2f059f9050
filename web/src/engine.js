// One instantiated module and the byte traffic with it. Internal: index.js is the public API.
//
// Strings go in as UTF-8 written by TextEncoder.encodeInto straight into the module's
// reusable input buffer. They come out as new (owned) JS strings, copied from ASCII bytes or
// from UTF-16 the module made (decoding non-ASCII UTF-8 here would be several times slower).
// A post's metadata and parsed front matter come as a list of u32s and one text holding all
// their strings, read by decode below (JSON.parse of it was a fifth of a small post's
// render); the rarer results carry a small JSON text. See wasm/bindings.cpp and wasm/wire.hpp for the other side.
import { DEFAULT_MAX_INPUT_BYTES } from './options.js';

const encoder = new TextEncoder();
// ignoreBOM: a U+FEFF at the start of the output is content, not a byte-order mark.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const utf16Decoder = new TextDecoder('utf-16le', { ignoreBOM: true });

// In Node, Buffer's own slicers skip TextDecoder's per-call work (2-6x faster here); they
// read any Uint8Array. Looked up on globalThis so that bundlers do not pull in a polyfill.
const nodeBuffer = globalThis.Buffer?.prototype;
const latin1Slice = typeof nodeBuffer?.latin1Slice === 'function' ? nodeBuffer.latin1Slice : null;
const ucs2Slice = typeof nodeBuffer?.ucs2Slice === 'function' ? nodeBuffer.ucs2Slice : null;

// How the module hands over each result string (StringKind in wasm/bindings.cpp).
const KIND_ASCII = 1;
const KIND_UTF16 = 2;

function readText(bytes, kind, ptr, length, ptr16, units) {
  if (kind === KIND_UTF16) {
    if (units === 0) return '';
    const end = ptr16 + 2 * units;
    return ucs2Slice ? ucs2Slice.call(bytes, ptr16, end) : utf16Decoder.decode(bytes.subarray(ptr16, end));
  }
  if (length === 0) return '';
  if (kind === KIND_ASCII && latin1Slice) return latin1Slice.call(bytes, ptr, ptr + length);
  return decoder.decode(bytes.subarray(ptr, ptr + length));
}

// Results larger than this make the module free its buffers after the call (see pr_release).
const KEEP_BYTES = 1 << 20;

// ---- decode: the positional layout of wire::post_metadata_words and front_matter_words
// (wasm/wire.hpp).
// The decoder's cursor: words, the index of the next one, the text and the offset of the next
// string in it. Module state, not closures: no allocation per call, and nothing re-enters.
let W = null;
let at = 0;
let T = '';
let pos = 0;

function str() {
  const length = W[at++];
  if (length === 0) return '';
  const start = pos;
  pos += length;
  return T.slice(start, pos);
}

function strings() {
  const list = [];
  for (let n = W[at++]; n > 0; n--) list.push(str());
  return list;
}

// Exactly what JSON.parse made of the JSON text before: integers are the nearest Number
// (hi * 2^32 is exact and the sum is rounded once), floats are read from the same text.
function value() {
  switch (W[at++]) {
    case 0: return null;
    case 1: return false;
    case 2: return true;
    case 3: {
      const lo = W[at];
      const hi = W[at + 1] | 0;
      at += 2;
      return hi * 4294967296 + lo;
    }
    case 4: return Number(str());
    case 5: return NaN;
    case 6: return Infinity;
    case 7: return -Infinity;
    case 8: return str();
    case 9: {
      const list = [];
      for (let n = W[at++]; n > 0; n--) list.push(value());
      return list;
    }
    case 10: {
      const object = {};
      for (let n = W[at++]; n > 0; n--) {
        const key = str();
        const item = value();
        // An own property, as JSON.parse makes it, not the prototype setter.
        if (key === '__proto__') {
          Object.defineProperty(object, key,
            { value: item, writable: true, enumerable: true, configurable: true });
        } else {
          object[key] = item;
        }
      }
      return object;
    }
    default: throw new Error('postrender: malformed metadata from the module');
  }
}

function diagnostics() {
  const list = [];
  for (let n = W[at++]; n > 0; n--) {
    const severity = str();
    const code = str();
    const message = str();
    const line = W[at++] | 0;
    list.push({ severity, code, message, line, column: W[at++] | 0 });
  }
  return list;
}

// Runs `read` over the layout starting at words[first], with `text` holding its strings.
function decode(words, first, text, read) {
  W = words;
  at = first;
  T = text;
  pos = 0;
  try {
    return read();
  } finally {
    W = null;
    T = '';
  }
}

function readFrontMatter() {
  const frontMatter = value();
  return { frontMatter, warnings: diagnostics() };
}

function readPost() {
  const frontMatter = value();
  const title = str();
  const date = str();
  const categories = strings();
  const tags = strings();
  const slug = str();
  const permalink = str();
  const published = W[at++] !== 0;
  const image = str();
  const excerptHtml = str();
  const featureHtml = str();
  const toc = [];
  for (let n = W[at++]; n > 0; n--) {
    const level = W[at++] | 0;
    const id = str();
    toc.push({ level, id, text: str() });
  }
  const wordCount = W[at] + W[at + 1] * 4294967296;
  at += 2;
  const readingMinutes = W[at++] | 0;
  const warnings = diagnostics();
  return {
    html: null,
    frontMatter,
    title,
    date,
    categories,
    tags,
    slug,
    permalink,
    published,
    image,
    excerptHtml,
    featureHtml,
    toc,
    wordCount,
    readingMinutes,
    warnings,
  };
}

function internalWarning(message) {
  return { severity: 'error', code: 'internal', message: `internal error: ${message}`, line: 0, column: 0 };
}

/** The Post returned when nothing could be rendered; `warnings` says why. */
export function emptyPost(warning) {
  return {
    html: '',
    frontMatter: null,
    title: '',
    date: '',
    categories: [],
    tags: [],
    slug: '',
    permalink: '',
    published: true,
    image: '',
    excerptHtml: '',
    featureHtml: '',
    toc: [],
    wordCount: 0,
    readingMinutes: 0,
    warnings: [warning],
  };
}

function checkSource(what, source) {
  if (typeof source === 'string' || source instanceof Uint8Array) return;
  const got = source === null ? 'null' : typeof source === 'object' ? source.constructor?.name ?? 'object' : typeof source;
  throw new TypeError(`postrender: ${what} must be a string or a Uint8Array, got ${got}`);
}

export class Engine {
  /** @param {object} module the Emscripten module from loader.js */
  constructor(module, onBroken) {
    this.module = module;
    this.onBroken = onBroken;
    this.broken = null;  // message, once the module has trapped (it is unusable afterwards)
    this.optionsJson = null;  // the options the module holds now
    this.version = this.#cString(module._pr_version());
  }

  #cString(ptr) {
    const heap = this.module.HEAPU8;
    let end = ptr;
    while (heap[end] !== 0) end++;
    return decoder.decode(heap.subarray(ptr, end));
  }

  // Copies `source` into the module's input buffer; returns its byte length, or -1 when the
  // module has no memory left for it. Input beyond maxBytes (+4, so the core still sees that
  // it was too long and warns exactly as the native build does) is not copied.
  #write(source, maxBytes) {
    const m = this.module;
    const limit = maxBytes + 4;
    if (typeof source === 'string') {
      // Up to 3 bytes per UTF-16 unit; encodeInto writes whole characters only.
      const capacity = Math.max(1, Math.min(source.length * 3, limit));
      const ptr = m._pr_buffer(capacity);
      if (ptr === 0) return -1;
      return encoder.encodeInto(source, m.HEAPU8.subarray(ptr, ptr + capacity)).written;
    }
    const length = Math.min(source.length, limit);
    const ptr = m._pr_buffer(Math.max(1, length));
    if (ptr === 0) return -1;
    m.HEAPU8.set(length === source.length ? source : source.subarray(0, length), ptr);
    return length;
  }

  #markBroken(error) {
    this.broken = `the WebAssembly module stopped (${error && error.message ? error.message : error}); ` +
      'create a new renderer';
    if (this.onBroken) this.onBroken(this);
  }

  // Runs one entry point. Returns {html, meta} (meta: the JSON text), or {error} when the
  // module could not run it. Never throws for input; a trap disables this engine.
  #call(entry, source, options, optionsJson) {
    if (this.broken) return { error: this.broken };
    const m = this.module;
    try {
      if (optionsJson !== this.optionsJson) {
        const length = this.#write(optionsJson, Number.MAX_SAFE_INTEGER);
        if (length < 0) return { error: 'out of memory' };
        const { meta } = this.#result(m._pr_set_options(length));
        if (meta !== '') {
          const reason = JSON.parse(meta).warnings[0]?.message ?? meta;
          throw new TypeError(`postrender: options rejected by the module: ${reason}`);
        }
        this.optionsJson = optionsJson;
      }
      const maxBytes = options.limits?.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
      const length = this.#write(source, maxBytes);
      if (length < 0) return { error: 'out of memory: the input does not fit into the module' };
      const result = this.#result(entry.call(m, length));
      if (length > KEEP_BYTES || result.html.length > KEEP_BYTES / 4) m._pr_release();
      return result;
    } catch (error) {
      if (error instanceof TypeError) throw error;
      this.#markBroken(error);
      return { error: this.broken };
    }
  }

  #result(ptr) {
    const m = this.module;
    const words = m.HEAPU32;
    const at = ptr >>> 2;
    const bytes = m.HEAPU8;
    return {
      html: readText(bytes, words[at + 4], words[at], words[at + 1], words[at + 6], words[at + 7]),
      meta: readText(bytes, words[at + 5], words[at + 2], words[at + 3], words[at + 8], words[at + 9]),
      // Index of a post's words; -1: none (the result is not a post, or memory ran out)
      words: words[at + 11] !== 0 ? words[at + 10] >>> 2 : -1,
    };
  }

  render(source, options, optionsJson) {
    checkSource('render(source)', source);
    const result = this.#call(this.module._pr_render, source, options, optionsJson);
    if (result.error) return emptyPost(internalWarning(result.error));
    if (result.words < 0) return emptyPost(internalWarning('out of memory'));  // see guarded() in wasm/bindings.cpp
    const post = decode(this.module.HEAPU32, result.words, result.meta, readPost);
    post.html = result.html;
    return post;
  }

  renderMarkdown(markdown, options, optionsJson) {
    checkSource('renderMarkdown(markdown)', markdown);
    const result = this.#call(this.module._pr_render_markdown, markdown, options, optionsJson);
    return result.error ? '' : result.html;
  }

  sanitize(html, options, optionsJson) {
    checkSource('sanitize(html)', html);
    const result = this.#call(this.module._pr_sanitize, html, options, optionsJson);
    return result.error ? '' : result.html;
  }

  parseFrontMatter(source) {
    checkSource('parseFrontMatter(source)', source);
    const result = this.#call(this.module._pr_parse_front_matter, source, {}, this.optionsJson ?? '{}');
    if (result.error) return { frontMatter: null, warnings: [internalWarning(result.error)] };
    if (result.words >= 0) return decode(this.module.HEAPU32, result.words, result.meta, readFrontMatter);
    const { warnings } = JSON.parse(result.meta);  // the module failed: see guarded() in wasm/bindings.cpp
    return { frontMatter: undefined, warnings };
  }

  /** Test hook: throws inside the module (kind 0..2) and returns what the guard made of it. */
  testThrow(kind) {
    const result = this.#result(this.module._pr_test_throw(kind));
    return result.words >= 0 ? decode(this.module.HEAPU32, result.words, result.meta, readPost) : JSON.parse(result.meta);
  }

  /** Bytes malloc'd inside the module now (for the heap-stability tests). */
  heapInUse() {
    return this.module._pr_heap_in_use() >>> 0;
  }

  /** Size of the module's linear memory in bytes. */
  memoryBytes() {
    return this.module.HEAPU8.length;
  }
}

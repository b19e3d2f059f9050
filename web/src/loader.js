// One loader for every runtime and both modules: finds the .wasm bytes (or a compiled module)
// and instantiates it.
//
//   dist/postrender.wasm       the default module: everything but yaml-cpp (front matter beyond
//                              the common YAML subset gives a `yaml.unsupported` error)
//   dist/postrender-full.wasm  the same with yaml-cpp; index.js loads it only when a post needs it
//
// Where the bytes come from:
//   - Node: reads the file with fs (or the file/bytes/URL the caller gave);
//   - browsers and workers: fetches it next to this package (streaming compilation when the
//     server sends application/wasm), or the URL/Response the caller gave;
//   - bytes (ArrayBuffer, typed array) and WebAssembly.Module are used as they are.
//
// No Emscripten glue: the modules need only a handful of imports (below), and linking them here
// keeps the download small and lets instantiateSync() load the fallback module in the middle of
// a synchronous render() where the runtime allows it.

const WASM_URLS = {
  small: new URL('../dist/postrender.wasm', import.meta.url),
  full: new URL('../dist/postrender-full.wasm', import.meta.url),
};

/** The default location of a module: 'small' (the default one) or 'full'. */
export function defaultWasmUrl(kind = 'small') {
  return WASM_URLS[kind];
}

const isNode =
  typeof process === 'object' && process !== null && typeof process.versions === 'object' &&
  typeof process.versions.node === 'string';

const isWorker =
  !isNode && typeof self === 'object' && self !== null && typeof self.importScripts === 'function';

let nodeFs = null;  // node:fs, once loadModule has run in Node (readFileSync for instantiateSync)

function describe(value) {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor ? value.constructor.name : 'object';
  return typeof value;
}

async function readNodeFile(url) {
  nodeFs ??= await import('node:fs');
  // Synchronous: one read of a local file, cheaper at start-up than fs/promises' file handles.
  return nodeFs.readFileSync(url);
}

// A string is a URL (absolute, or relative to the page in browsers); in Node a string that is
// not an absolute URL is a file path.
function toUrl(source) {
  if (source instanceof URL) return source;
  try {
    return new URL(source);
  } catch {
    if (isNode) return null;  // a path: the caller reads it as a file
    const base = typeof location === 'object' && location ? location.href : undefined;
    return new URL(source, base);
  }
}

// ---- The imports of the Emscripten-built modules (emcc 3.1.6, -sMINIFY_ASMJS_EXPORT_NAMES=0).
// What they do matches Emscripten's own glue; none of them is called on a normal render except
// emscripten_resize_heap (memory growth) and emscripten_memcpy_big (large copies).

const MAX_HEAP = 2 ** 31;  // what emcc's glue allows with ALLOW_MEMORY_GROWTH

function createImports(state) {
  const abort = (what) => {
    throw new WebAssembly.RuntimeError(`Aborted(${what ?? ''})`);
  };
  const env = {
    abort: () => abort(),
    emscripten_memcpy_big(dest, src, num) {
      const heap = new Uint8Array(state.memory.buffer);
      heap.copyWithin(dest, src, src + num);
    },
    emscripten_resize_heap(requested) {
      const memory = state.memory;
      const oldSize = memory.buffer.byteLength;
      requested >>>= 0;
      if (requested > MAX_HEAP) return 0;
      // Grow by 20% at least (as emcc's glue does), trying smaller steps when that fails.
      for (let cutDown = 1; cutDown <= 4; cutDown *= 2) {
        let size = Math.min(oldSize * (1 + 0.2 / cutDown), requested + 100663296);
        size = Math.min(MAX_HEAP, Math.ceil(Math.max(requested, size) / 65536) * 65536);
        try {
          memory.grow((size - oldSize + 65535) >>> 16);
          return 1;
        } catch {
          // try a smaller step
        }
      }
      return 0;
    },
    // libc++'s locale code links these (the full module); the core never formats times.
    strftime_l: () => 0,
    strftime: () => 0,
  };
  const noEnvironment = (countPtr, sizePtr) => {
    const words = new Uint32Array(state.memory.buffer);
    words[countPtr >>> 2] = 0;
    if (sizePtr !== undefined) words[sizePtr >>> 2] = 0;
    return 0;
  };
  const wasi = {
    environ_sizes_get: noEnvironment,
    environ_get: () => 0,
  };
  return { env, wasi_snapshot_preview1: wasi };
}

/**
 * The object Engine works with: the module's `pr_*` exports as `_pr_*`, and `HEAPU8` /
 * `HEAPU32` views of its memory (re-made after the memory grew).
 */
function wrap(instance) {
  const exports = instance.exports;
  const memory = exports.memory;
  let buffer = null;
  let u8 = null;
  let u32 = null;
  const views = () => {
    if (memory.buffer !== buffer) {
      buffer = memory.buffer;
      u8 = new Uint8Array(buffer);
      u32 = new Uint32Array(buffer);
    }
  };
  const module = {
    get HEAPU8() {
      views();
      return u8;
    },
    get HEAPU32() {
      views();
      return u32;
    },
  };
  for (const [name, value] of Object.entries(exports)) {
    if (name.startsWith('pr_')) module[`_${name}`] = value;
  }
  if (typeof exports.__wasm_call_ctors === 'function') exports.__wasm_call_ctors();
  return module;
}

// Imports are made before the memory exists (it is the module's own); they read it through
// `state`, filled in right after instantiation and before any export runs.
function linker() {
  const state = { memory: null };
  return {
    imports: createImports(state),
    finish(instance) {
      state.memory = instance.exports.memory;
      return wrap(instance);
    },
  };
}

async function instantiateResponse(response, imports) {
  if (!response.ok) {
    throw new Error(`postrender: could not load the WebAssembly module (${response.status} ${response.url})`);
  }
  if (typeof WebAssembly.instantiateStreaming === 'function') {
    // Streaming needs Content-Type application/wasm; fall back to bytes if the server lacks it.
    const fallback = response.clone();
    try {
      return (await WebAssembly.instantiateStreaming(response, imports)).instance;
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      return (await WebAssembly.instantiate(await fallback.arrayBuffer(), imports)).instance;
    }
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), imports)).instance;
}

async function instantiate(source, imports) {
  if (typeof source === 'object' && source !== null && typeof source.then === 'function') {
    source = await source;  // a Promise<Response> from fetch()
  }
  if (source instanceof WebAssembly.Module) return WebAssembly.instantiate(source, imports);
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    return (await WebAssembly.instantiate(source, imports)).instance;
  }
  // URLs before Response: in Node, the first look at the global Response loads its fetch
  // implementation, which costs more start-up time than compiling the module.
  if (typeof source === 'string' || source instanceof URL) {
    const url = toUrl(source);
    if (isNode && (url === null || url.protocol === 'file:')) {
      return (await WebAssembly.instantiate(await readNodeFile(url ?? source), imports)).instance;
    }
    return instantiateResponse(await fetch(url), imports);
  }
  if (typeof Response === 'function' && source instanceof Response) {
    return instantiateResponse(source, imports);
  }
  throw new TypeError(
    'postrender: init(source) takes a URL, a string, bytes (ArrayBuffer or typed array), ' +
      `a Response, a Promise of one, or a WebAssembly.Module; got ${describe(source)}`);
}

/**
 * Instantiates a module from `source` (see init() in index.d.ts; nothing = the default location
 * of `kind`). Resolves to the object Engine takes (exports `_pr_*`, `HEAPU8`, `HEAPU32`).
 */
export async function loadModule(source, kind = 'small') {
  if (source !== undefined && source !== null && typeof source !== 'string' && typeof source !== 'object') {
    throw new TypeError(`postrender: init(source) cannot load from a ${typeof source}`);
  }
  if (isNode) nodeFs ??= await import('node:fs');
  const { imports, finish } = linker();
  return finish(await instantiate(source ?? WASM_URLS[kind], imports));
}

// Bytes of `url` without waiting: a local file in Node, a synchronous XMLHttpRequest elsewhere
// (binary through the x-user-defined charset where responseType is not allowed, on a page's
// main thread). Null when this runtime cannot.
function readSync(url) {
  if (isNode) {
    if (!nodeFs || (url !== null && url.protocol !== 'file:')) return null;
    return nodeFs.readFileSync(url);
  }
  if (typeof XMLHttpRequest !== 'function') return null;
  const request = new XMLHttpRequest();
  request.open('GET', url.href, false);
  if (isWorker) {
    request.responseType = 'arraybuffer';
  } else {
    request.overrideMimeType('text/plain; charset=x-user-defined');
  }
  request.send(null);
  if (request.status !== 200 && request.status !== 0) {
    throw new Error(`postrender: could not load the WebAssembly module (${request.status} ${url.href})`);
  }
  if (isWorker) return new Uint8Array(request.response);
  const text = request.responseText;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

/**
 * Instantiates a module without waiting, or returns null where this runtime cannot (a Response
 * or a promise as the source; a page's main thread whose engine refuses to compile large modules
 * synchronously). Throws when the source exists but is not a usable module.
 */
export function instantiateSync(source, kind = 'full') {
  if (source === undefined || source === null) source = WASM_URLS[kind];
  let compiled = null;
  if (source instanceof WebAssembly.Module) {
    compiled = source;
  } else {
    let bytes = null;
    if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
      bytes = source;
    } else if (typeof source === 'string' || source instanceof URL) {
      const url = toUrl(source);
      bytes = isNode && url === null ? (nodeFs ? nodeFs.readFileSync(source) : null) : readSync(url);
    }
    if (bytes === null) return null;
    try {
      compiled = new WebAssembly.Module(bytes);
    } catch (error) {
      if (error instanceof RangeError) return null;  // too large to compile here synchronously
      throw error;
    }
  }
  const { imports, finish } = linker();
  return finish(new WebAssembly.Instance(compiled, imports));
}

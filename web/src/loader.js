// One loader for every runtime: finds the .wasm bytes (or a compiled module) and instantiates
// the Emscripten glue with them.
//
// The glue (dist/postrender.js) is built for `web,worker` only: Emscripten 3.1.6's Node code
// paths do not work from an ES module under Node 20. So the glue never fetches or reads
// anything itself; this file always hands it the module through `instantiateWasm`:
//   - Node: reads dist/postrender.wasm with fs (or the file/bytes/URL the caller gave);
//   - browsers and workers: fetches dist/postrender.wasm next to this package (streaming
//     compilation when the server sends application/wasm), or the URL/Response the caller gave;
//   - bytes (ArrayBuffer, typed array) and WebAssembly.Module are used as they are.
import createPostrenderModule from '../dist/postrender.js';

const defaultWasmUrl = new URL('../dist/postrender.wasm', import.meta.url);

const isNode =
  typeof process === 'object' && process !== null && typeof process.versions === 'object' &&
  typeof process.versions.node === 'string';

function describe(value) {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor ? value.constructor.name : 'object';
  return typeof value;
}

async function readNodeFile(url) {
  const { readFile } = await import('node:fs/promises');
  return readFile(url);
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

async function instantiateResponse(response, imports) {
  if (!response.ok) {
    throw new Error(`postrender: could not load the WebAssembly module (${response.status} ${response.url})`);
  }
  if (typeof WebAssembly.instantiateStreaming === 'function') {
    // Streaming needs Content-Type application/wasm; fall back to bytes if the server lacks it.
    const fallback = response.clone();
    try {
      return await WebAssembly.instantiateStreaming(response, imports);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      return WebAssembly.instantiate(await fallback.arrayBuffer(), imports);
    }
  }
  return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}

async function instantiate(source, imports) {
  if (source === undefined) source = defaultWasmUrl;
  if (typeof source === 'object' && source !== null && typeof source.then === 'function') {
    source = await source;  // a Promise<Response> from fetch()
  }
  if (source instanceof WebAssembly.Module) {
    return { instance: await WebAssembly.instantiate(source, imports), module: source };
  }
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    return WebAssembly.instantiate(source, imports);
  }
  if (typeof Response === 'function' && source instanceof Response) {
    return instantiateResponse(source, imports);
  }
  if (typeof source === 'string' || source instanceof URL) {
    const url = toUrl(source);
    if (isNode && (url === null || url.protocol === 'file:')) {
      return WebAssembly.instantiate(await readNodeFile(url ?? source), imports);
    }
    return instantiateResponse(await fetch(url), imports);
  }
  throw new TypeError(
    'postrender: init(source) takes a URL, a string, bytes (ArrayBuffer or typed array), ' +
      `a Response, a Promise of one, or a WebAssembly.Module; got ${describe(source)}`);
}

/**
 * Instantiates the module from `source` (see init() in index.d.ts). Resolves to the Emscripten
 * module object (exports `_pr_*`, `HEAPU8`, `HEAPU32`).
 */
export async function loadModule(source) {
  if (source !== undefined && source !== null && typeof source !== 'string' && typeof source !== 'object') {
    throw new TypeError(`postrender: init(source) cannot load from a ${typeof source}`);
  }
  let rejectLoad;
  const failed = new Promise((_, reject) => {
    rejectLoad = reject;
  });
  const ready = createPostrenderModule({
    instantiateWasm(imports, receive) {
      instantiate(source ?? undefined, imports).then(
        ({ instance, module }) => receive(instance, module),
        rejectLoad);
      return {};  // asynchronous: the glue waits for receive()
    },
    // The module prints nothing in normal use; keep stray output off stdout.
    print() {},
    printErr() {},
  });
  return Promise.race([ready, failed]);
}

// postrender: a blog post file (YAML front matter + Markdown with raw HTML) to safe HTML,
// in browsers, Web Workers and Node, from one WebAssembly module.
//
//   import { createRenderer } from 'postrender';
//   const renderer = await createRenderer({ baseUrl: 'https://example.com/blog/' });
//   const post = renderer.render(fileText);   // {html, frontMatter, title, toc, warnings, ...}
//
// Bad input never throws: problems come back in `warnings`. Bad options throw a TypeError.
//
// Two modules: the default one (dist/postrender.wasm) parses the common YAML subset of front
// matter by hand and has no yaml-cpp; for anything beyond it (anchors, tags, ...) it reports
// `yaml.unsupported`, and then the same call is made again on the full module
// (dist/postrender-full.wasm), loaded once on first need and shared. Users get the full result.
import { Engine } from './engine.js';
import { instantiateSync, loadModule } from './loader.js';
import { mergeOptions, normalizeOptions, normalizePolicy, PolicyPreset } from './options.js';

export { PolicyPreset };

let enginePromise = null;  // the module is loaded once and shared by every renderer

// The full module: where it comes from (createRenderer's wasmFull / init's second argument;
// default: next to this package), its engine once loaded, and a load in progress where it
// could not be loaded synchronously.
let fullSource;
let fullEngine = null;
let fullPromise = null;

const UNSUPPORTED = 'yaml.unsupported';

function forget(engine) {
  // A trapped module is unusable: the next use loads a fresh one.
  if (engine === fullEngine) {
    fullEngine = null;
    return;
  }
  enginePromise = null;
  if (defaultRenderer && defaultRenderer.engine === engine) defaultRenderer = null;
}

function needsFullModule(warnings) {
  for (const warning of warnings) if (warning.code === UNSUPPORTED) return true;
  return false;
}

function loadFullAsync() {
  fullPromise ??= loadModule(fullSource, 'full').then(
    (module) => {
      fullEngine ??= new Engine(module, forget);
      fullPromise = null;
      return fullEngine;
    },
    (error) => {
      fullPromise = null;
      throw error;
    });
  return fullPromise;
}

// The full module's engine now, or null when this runtime cannot load it without waiting (a
// page's main thread that refuses to compile it synchronously, or a Response as its source):
// then it is loaded in the background for the next call.
function fullEngineNow() {
  if (fullEngine) return fullEngine;
  if (!fullPromise) {
    try {
      const module = instantiateSync(fullSource, 'full');
      if (module) {
        fullEngine = new Engine(module, forget);
        return fullEngine;
      }
    } catch {
      return null;  // missing or broken: the default module's answer (with its error) stands
    }
  }
  loadFullAsync().catch(() => {});
  return null;
}

function loadEngine(source) {
  if (!enginePromise) {
    enginePromise = loadModule(source).then(
      (module) => new Engine(module, forget),
      (error) => {
        enginePromise = null;
        throw error;
      });
  }
  return enginePromise;
}

/** Renders posts with fixed default options. Create it with createRenderer(). */
export class Renderer {
  #engine;
  #defaults;
  #defaultsJson;

  /** @internal use createRenderer() */
  constructor(engine, defaults) {
    this.#engine = engine;
    this.#defaults = defaults;
    this.#defaultsJson = JSON.stringify(defaults);
  }

  /** @internal */
  get engine() {
    return this.#engine;
  }

  /** The core's version, e.g. "0.1.0". */
  get version() {
    return this.#engine.version;
  }

  #options(options) {
    if (options === undefined) return [this.#defaults, this.#defaultsJson];
    const merged = mergeOptions(this.#defaults, normalizeOptions(options));
    return [merged, JSON.stringify(merged)];
  }

  /** Renders a whole post file (front matter + Markdown). Never throws for bad input. */
  render(source, options) {
    const [merged, json] = this.#options(options);
    const post = this.#engine.render(source, merged, json);
    if (!needsFullModule(post.warnings)) return post;
    const full = fullEngineNow();
    return full ? full.render(source, merged, json) : post;
  }

  /** Renders Markdown without front matter to HTML, with the same pipeline and policy. */
  renderMarkdown(markdown, options) {
    const [merged, json] = this.#options(options);
    return this.#engine.renderMarkdown(markdown, merged, json);
  }

  /** Sanitizes an HTML fragment with the renderer's policy, adjusted by `policy`. */
  sanitize(html, policy) {
    const [merged, json] =
      policy === undefined ? [this.#defaults, this.#defaultsJson] : this.#options({ policy: normalizePolicy(policy) });
    return this.#engine.sanitize(html, merged, json);
  }

  /** Parses the front matter only: {frontMatter, warnings}. */
  parseFrontMatter(source) {
    const result = this.#engine.parseFrontMatter(source);
    if (!needsFullModule(result.warnings)) return result;
    const full = fullEngineNow();
    return full ? full.parseFrontMatter(source) : result;
  }
}

/**
 * Loads the module (once; later calls reuse it) and returns a renderer whose default options
 * are `options`. `options.wasm`, if given, says where the module comes from (see init()); it
 * only matters for the first load.
 */
export async function createRenderer(options) {
  let wasm;
  let wasmFull;
  if (options !== undefined && options !== null && typeof options === 'object' &&
      ('wasm' in options || 'wasmFull' in options)) {
    ({ wasm, wasmFull, ...options } = options);
  }
  const defaults = normalizeOptions(options);
  if (wasmFull !== undefined && !fullEngine) fullSource = wasmFull;
  const engine = await loadEngine(wasm);
  return new Renderer(engine, defaults);
}

/**
 * Loads the full module (with yaml-cpp) now instead of on first need. Only useful on a page's
 * main thread, where render() cannot load it synchronously. `source` as for init().
 */
export async function loadFullModule(source) {
  if (fullEngine) return;
  if (source !== undefined) fullSource = source;
  await loadFullAsync();
}

let defaultRenderer = null;

/**
 * Loads the module for the module-level functions. `source`: nothing (the .wasm shipped next
 * to this package), a URL or string, bytes, a Response (or a promise of one) or a
 * WebAssembly.Module. Calling it again does nothing.
 */
export async function init(source, fullModuleSource) {
  if (fullModuleSource !== undefined && !fullEngine) fullSource = fullModuleSource;
  if (defaultRenderer) return;
  const engine = await loadEngine(source);
  defaultRenderer = new Renderer(engine, {});
}

function requireInit(what) {
  if (!defaultRenderer) {
    throw new Error(`postrender: call \`await init()\` before ${what}() (or use createRenderer())`);
  }
  return defaultRenderer;
}

/** Like Renderer#render, after `await init()`. */
export function render(source, options) {
  return requireInit('render').render(source, options);
}

/** Like Renderer#renderMarkdown, after `await init()`. */
export function renderMarkdown(markdown, options) {
  return requireInit('renderMarkdown').renderMarkdown(markdown, options);
}

/** Like Renderer#sanitize, after `await init()`. */
export function sanitize(html, policy) {
  return requireInit('sanitize').sanitize(html, policy);
}

/** Like Renderer#parseFrontMatter, after `await init()`. */
export function parseFrontMatter(source) {
  return requireInit('parseFrontMatter').parseFrontMatter(source);
}

/** The core's version, after `await init()`. */
export function version() {
  return requireInit('version').version;
}

// postrender: a blog post file (YAML front matter + Markdown with raw HTML) to safe HTML,
// in browsers, Web Workers and Node, from one WebAssembly module.
//
//   import { createRenderer } from 'postrender';
//   const renderer = await createRenderer({ baseUrl: 'https://example.com/blog/' });
//   const post = renderer.render(fileText);   // {html, frontMatter, title, toc, warnings, ...}
//
// Bad input never throws: problems come back in `warnings`. Bad options throw a TypeError.
import { Engine } from './engine.js';
import { loadModule } from './loader.js';
import { mergeOptions, normalizeOptions, normalizePolicy, PolicyPreset } from './options.js';

export { PolicyPreset };

let enginePromise = null;  // the module is loaded once and shared by every renderer

function forget(engine) {
  // A trapped module is unusable: the next createRenderer()/init() loads a fresh one.
  enginePromise = null;
  if (defaultRenderer && defaultRenderer.engine === engine) defaultRenderer = null;
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
    return this.#engine.render(source, merged, json);
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
    return this.#engine.parseFrontMatter(source);
  }
}

/**
 * Loads the module (once; later calls reuse it) and returns a renderer whose default options
 * are `options`. `options.wasm`, if given, says where the module comes from (see init()); it
 * only matters for the first load.
 */
export async function createRenderer(options) {
  let wasm;
  if (options !== undefined && options !== null && typeof options === 'object' && 'wasm' in options) {
    ({ wasm, ...options } = options);
  }
  const defaults = normalizeOptions(options);
  const engine = await loadEngine(wasm);
  return new Renderer(engine, defaults);
}

let defaultRenderer = null;

/**
 * Loads the module for the module-level functions. `source`: nothing (the .wasm shipped next
 * to this package), a URL or string, bytes, a Response (or a promise of one) or a
 * WebAssembly.Module. Calling it again does nothing.
 */
export async function init(source) {
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

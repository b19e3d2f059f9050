// Type declarations for the `postrender` package (hand-written; checked by
// `tsc --noEmit -p tests/web/tsconfig.json`).

/** Where the WebAssembly module comes from. */
export type WasmSource =
  | string
  | URL
  | ArrayBuffer
  | ArrayBufferView
  | Response
  | PromiseLike<Response>
  | WebAssembly.Module;

/** A problem found in the input. Reported, never thrown. */
export interface Warning {
  /** `info`: normalised, nothing lost; `warning`: repaired or removed; `error`: a part could not be used. */
  severity: 'info' | 'warning' | 'error';
  /** Stable, dotted, kebab-case: `yaml.syntax`, `html.element-removed`, `utf8.invalid`, `limit.nesting`, `internal`… */
  code: string;
  /** For people. */
  message: string;
  /** 1-based line in the whole post file (front matter included); 0 = unknown. */
  line: number;
  /** 1-based column (in bytes of UTF-8); 0 = unknown. */
  column: number;
}

/** A front matter value, with the YAML 1.2 core schema types kept. */
export type FrontMatterValue =
  | null
  | boolean
  /** Integers beyond ±2^53 lose precision (JavaScript numbers). `.nan`/`.inf` become NaN/±Infinity. */
  | number
  | string
  | FrontMatterValue[]
  | { [key: string]: FrontMatterValue };

/** One heading of the table of contents. */
export interface TocEntry {
  /** 1..6 */
  level: number;
  /** The heading's id attribute as written (with the id prefix); "" when heading ids are off. */
  id: string;
  /** The heading's plain text. */
  text: string;
}

/** A rendered post: plain values only (nothing to free). */
export interface Post {
  /** The body as HTML: sanitized unless `sanitize: false` was given. */
  html: string;
  /**
   * The front matter as written, or null when absent or invalid. Key order is kept, except that
   * JavaScript lists integer-like keys ("1", "2") first in any object.
   */
  frontMatter: { [key: string]: FrontMatterValue } | FrontMatterValue;
  /** Front matter `title`, else "". */
  title: string;
  /** ISO 8601 from `date` or the Jekyll file name (`2024-05-01-hello.md`), else "". */
  date: string;
  /** `categories` / `category` (a list or a space-separated string). */
  categories: string[];
  /** `tags` / `tag`. */
  tags: string[];
  /** `slug`, else from the file name, else from the title. */
  slug: string;
  /** Front matter `permalink`, else "". */
  permalink: string;
  /** Front matter `published` (default true). */
  published: boolean;
  /** `image` / `feature_image`: a URL, filtered by the policy ("" when absent or refused). */
  image: string;
  /** The explicit `excerpt` rendered, else the part before `excerpt_separator`, else the first paragraph. */
  excerptHtml: string;
  /** `feature_text` rendered as Markdown, else "". */
  featureHtml: string;
  /** Headings in document order. */
  toc: TocEntry[];
  /** Words, each CJK character counted as one. */
  wordCount: number;
  /** Reading time, at least 1 for a non-empty post. */
  readingMinutes: number;
  /**
   * Everything that was repaired, removed or ignored, in source order where positions are known.
   * No warnings does not mean the input was safe; only the output is.
   */
  warnings: Warning[];
}

/** GitHub-flavoured Markdown extensions. */
export interface MarkdownOptions {
  /** GFM pipe tables. Default: true. */
  tables?: boolean;
  /** `~~del~~`. Default: true. */
  strikethrough?: boolean;
  /** `- [x] item`. Default: true. */
  taskLists?: boolean;
  /** Permissive URL, `www.` and e-mail autolinks. Default: true. */
  autolinks?: boolean;
  /** `_text_` as `<u>` instead of `<em>`. Default: false. */
  underline?: boolean;
}

/** Resource limits: input beyond them is cut or flattened, with a warning. */
export interface Limits {
  /** Larger input is truncated at a UTF-8 boundary (`limit.input-size`). Default: 67108864 (64 MiB). */
  maxInputBytes?: number;
  /** Open elements kept at once; deeper ones are flattened (`limit.nesting`). Default: 256. */
  maxNesting?: number;
  /** YAML nesting depth before the front matter is rejected. Default: 64. */
  maxYamlDepth?: number;
  /** YAML nodes (alias expansions included) before the front matter is rejected. Default: 10000. */
  maxYamlNodes?: number;
}

/**
 * Adjustments to a sanitize policy. Lists add to (`allow…`) or take from (`remove…`) the preset;
 * removals always win, whatever the order. Names are case-insensitive.
 */
export interface SanitizePolicy {
  /** The starting point. `blogPost`: close to GitHub's allowlist. `strict`: text formatting and links only. Default: "blogPost". */
  preset?: 'blogPost' | 'strict';
  allowElements?: string[];
  removeElements?: string[];
  /**
   * Attributes to allow: `{href: ['a'], title: []}` (an empty list, `'*'` or `true` = on every
   * element), or a list of names allowed on every element.
   */
  allowAttributes?: { [attribute: string]: string[] | '*' | true } | string[];
  removeAttributes?: string[];
  /** URL schemes allowed in href/src, e.g. `['https', 'mailto']`. */
  allowUrlSchemes?: string[];
  removeUrlSchemes?: string[];
  /** CSS properties allowed in `style`. */
  allowCssProperties?: string[];
  removeCssProperties?: string[];
  /** Add `rel="nofollow ugc"` to every link. Default: false. */
  nofollowLinks?: boolean;
  /** Allowed values of `target` on links; others are removed. Default: ["_blank"]. */
  allowedTargets?: string[];
  /** Allow `data:image/(png|gif|jpeg|webp)` in `img src`. Default: false. */
  allowDataImages?: boolean;
  /** Allowed class names; an empty list allows any class. Default: []. */
  allowedClasses?: string[];
  /** Prefix for id/name values (a DOM-clobbering guard); "" turns it off. Default: "user-content-". */
  idPrefix?: string;
}

/** Options for rendering. Every field is optional; unknown keys or wrong types throw a TypeError. */
export interface RenderOptions {
  /**
   * Sanitize all HTML through `policy`. `false` is trusted mode: raw HTML is written as the
   * author typed it and URLs are not checked. Default: true. Be careful: `false` is an XSS risk
   * for any input you did not write yourself.
   */
  sanitize?: boolean;
  /** Relative link and image URLs are resolved against it (e.g. "https://example.com/blog/"). Default: "" (left relative). */
  baseUrl?: string;
  /** Add `data-source-line="N"` (1-based line in the whole file) to block elements. Default: false. */
  sourceLines?: boolean;
  /** Give headings GitHub-style ids (with `idPrefix`). Default: true. */
  headingIds?: boolean;
  /** Prefix for ids (wins over `policy.idPrefix`). Default: "user-content-". */
  idPrefix?: string;
  /** The post's file name, for the Jekyll date and slug (`2024-05-01-hello.md`). Default: "". */
  fileName?: string;
  /** Reading speed for `readingMinutes`. Default: 200. */
  wordsPerMinute?: number;
  /** Reading speed for CJK text. Default: 500. */
  cjkCharsPerMinute?: number;
  markdown?: MarkdownOptions;
  limits?: Limits;
  /** Adjustments to the sanitize policy (ignored when `sanitize` is false). */
  policy?: SanitizePolicy;
}

/** Options for createRenderer(): default render options, plus where to load the module from. */
export interface CreateRendererOptions extends RenderOptions {
  /** Where the module comes from (first load only). Default: `dist/postrender.wasm` next to this package. */
  wasm?: WasmSource;
  /**
   * Where the full module (with yaml-cpp) comes from when a post's front matter goes beyond the
   * common YAML subset. Default: `dist/postrender-full.wasm` next to this package. Loaded on
   * first need only, synchronously inside render() where the runtime allows it (Node, workers).
   */
  wasmFull?: WasmSource;
}

/** A post or Markdown source: text, or UTF-8 bytes (passed through as they are, invalid sequences included). */
export type Source = string | Uint8Array;

export interface Renderer {
  /** The core's version, e.g. "0.1.0". */
  readonly version: string;
  /**
   * Renders a whole post file (front matter + Markdown with raw HTML). `options` are merged over
   * the renderer's defaults (the `markdown`, `limits` and `policy` groups key by key).
   * Never throws for bad input: problems are in `warnings`. Throws a TypeError for bad options.
   */
  render(source: Source, options?: RenderOptions): Post;
  /** Renders Markdown without front matter to HTML, with the same pipeline and policy. */
  renderMarkdown(markdown: Source, options?: RenderOptions): string;
  /** Sanitizes an HTML fragment with the renderer's policy adjusted by `policy`. Balanced and stable output. */
  sanitize(html: Source, policy?: SanitizePolicy): string;
  /** Parses the front matter only. `frontMatter` is null when absent or invalid. */
  parseFrontMatter(source: Source): { frontMatter: Post['frontMatter']; warnings: Warning[] };
}

/**
 * Loads the module once (later calls share it) and returns a renderer with `options` as its
 * defaults. Works in browsers, Web Workers and Node 20+.
 */
export function createRenderer(options?: CreateRendererOptions): Promise<Renderer>;

/**
 * Loads the module for the module-level functions below. `source`: nothing (the `.wasm` shipped
 * in this package: read from disk in Node, fetched next to the module in browsers), a URL or
 * string (a file path in Node), bytes, a Response or a promise of one, or a WebAssembly.Module.
 * Calling it again does nothing.
 */
export function init(source?: WasmSource, fullModuleSource?: WasmSource): Promise<void>;

/**
 * Loads the full module (yaml-cpp, for front matter beyond the common YAML subset) now rather
 * than on first need. Only needed on a page's main thread where the browser refuses to compile
 * it synchronously inside render(); `source` as for init(). Resolves when it is ready.
 */
export function loadFullModule(source?: WasmSource): Promise<void>;

/** Renderer#render on the module-level renderer. Throws an Error before `await init()`. */
export function render(source: Source, options?: RenderOptions): Post;
/** Renderer#renderMarkdown on the module-level renderer. Throws an Error before `await init()`. */
export function renderMarkdown(markdown: Source, options?: RenderOptions): string;
/** Renderer#sanitize on the module-level renderer. Throws an Error before `await init()`. */
export function sanitize(html: Source, policy?: SanitizePolicy): string;
/** Renderer#parseFrontMatter on the module-level renderer. Throws an Error before `await init()`. */
export function parseFrontMatter(source: Source): { frontMatter: Post['frontMatter']; warnings: Warning[] };
/** The core's version. Throws an Error before `await init()`. */
export function version(): string;

/** Names of the built-in policies. */
export const PolicyPreset: Readonly<{ blogPost: 'blogPost'; strict: 'strict' }>;

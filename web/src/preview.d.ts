// Types for postrender/preview (src/preview.js): the live preview for CMS editors.
import type { CreateRendererOptions, Post, SanitizePolicy, Warning } from '../index.js';

/** The result sent to onRender and the `postrender:render` event (no `html`: it is in the DOM). */
export type PreviewPost = Omit<Post, 'html'>;

export interface PreviewTiming {
  /** renderer.render() time, ms (in the worker, or on the main thread as the fallback). */
  render: number;
  /** Block diff time, ms. */
  diff: number;
  /** DOM patch time on the page, ms. */
  patch: number;
  /** From the first update() not yet on screen to the patched DOM, ms. */
  total: number;
  /** Bytes of body HTML. */
  bytes: number;
  /** 'worker' or 'main-thread'. */
  mode: string;
}

export interface PreviewRenderDetail {
  post: PreviewPost;
  timing: PreviewTiming;
  /** Top-level blocks whose DOM nodes were kept. */
  kept: number;
  /** Top-level blocks created from new HTML. */
  added: number;
}

export interface PreviewOptions {
  /** Delay before rendering, ms, or 'auto' (0 while renders are fast). Default: 'auto'. */
  debounce?: number | 'auto';
  /** Render in a module Web Worker when available. Default: true. */
  worker?: boolean;
  /** Turn sanitizing off. Default: false (the publishing policy). Be careful: XSS risk. */
  trusted?: boolean;
  /** Resolve relative link and image URLs against this. Default: '' (left relative). */
  baseUrl?: string;
  /** Policy overrides passed to renderer.render(). Default: the blog-post policy. */
  policy?: SanitizePolicy;
  /** The post's file name, for the Jekyll date and slug. Default: ''. */
  fileName?: string;
  /** Show the front matter panel. Default: true. */
  header?: boolean;
  /** Show the warnings list. Default: true. */
  warnings?: boolean;
  /** Heading level of the title in the front matter panel. Default: 1. */
  titleLevel?: number;
  /** A textarea: scroll sync both ways, click-to-line and warning click-through. Default: null. */
  editor?: HTMLTextAreaElement | null;
  /** Sync scrolling with `editor`. Default: true. */
  scrollSync?: boolean;
  /** The element that scrolls the preview. Default: the container. */
  scrollElement?: HTMLElement;
  /** Let clicks on links in the preview navigate. Default: false. */
  followLinks?: boolean;
  /** Options for createRenderer() (e.g. `wasm`); must be cloneable to reach the worker. */
  rendererOptions?: CreateRendererOptions;
  onRender?: ((detail: PreviewRenderDetail) => void) | null;
  /** A preview block was clicked; without it, the editor's caret goes to the line. */
  onLineClick?: ((line: number, event: MouseEvent) => void) | null;
  /** A warning was clicked; without it, the editor's caret goes to its line and column. */
  onWarningClick?: ((warning: Warning, event: MouseEvent) => void) | null;
  onError?: ((error: Error) => void) | null;
}

export interface Preview {
  /** Renders `source` (a whole post file) soon; the preview is patched when it is ready. */
  update(source: string): void;
  /** Changes options; trusted, baseUrl, policy and fileName re-render from scratch. */
  setOptions(options: PreviewOptions): void;
  /** Resolves when every update() so far is on screen. */
  flush(): Promise<void>;
  /** Scrolls the preview so that source `line` is at the top. */
  scrollToLine(line: number): void;
  /** The fractional source line at the top of the preview. */
  lineAtTop(): number;
  readonly post: PreviewPost | null;
  readonly root: ShadowRoot;
  readonly mode: '' | 'worker' | 'main-thread';
  destroy(): void;
}

/**
 * Creates a live preview in a shadow root on `container` (which should scroll). Fires
 * `postrender:render` (CustomEvent<PreviewRenderDetail>) on `container` after each patch, and
 * `postrender:line` (CustomEvent<{ line: number }>) when a preview block is clicked.
 */
export function createPreview(container: HTMLElement, options?: PreviewOptions): Preview;

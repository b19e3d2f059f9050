// Types for postrender/element (src/element.js): the <post-view> custom element.
import type { CreateRendererOptions, Post, Renderer } from '../index.js';

export interface RenderEventDetail {
  post: Post;
}
export interface ErrorEventDetail {
  error: unknown;
}

/**
 * <post-view src="…" base-url="…" policy="safe|strict|trusted" trusted header title-level="1">.
 * policy="trusted" only takes effect together with the boolean attribute `trusted`.
 * Events: `render` (CustomEvent<RenderEventDetail>), `error` (CustomEvent<ErrorEventDetail>).
 */
export class PostView extends HTMLElement {
  static observedAttributes: string[];
  /** The last rendered post, or null. */
  readonly post: Post | null;
  /** Resolves with the post once the current render is on screen (null if it failed). */
  readonly ready: Promise<Post | null>;
  src: string;
  /** The render options the attributes stand for. */
  renderOptions(): Record<string, unknown>;
}

/** The renderer all elements share (created on first use). */
export function getRenderer(): Promise<Renderer>;
/** Sets how the shared renderer is made; only affects elements that render afterwards. */
export function configure(options: { renderer?: Renderer | Promise<Renderer>; rendererOptions?: CreateRendererOptions }): void;
/** Defines the element (default name 'post-view'); returns its class. */
export function definePostView(name?: string): typeof PostView;
/** Removes the common indentation of inline content. */
export function dedent(text: string): string;

declare global {
  interface HTMLElementTagNameMap {
    'post-view': PostView;
  }
}

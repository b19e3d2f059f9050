// <post-view>: renders a blog post file into a shadow root.
//
//   <script type="module" src="…/postrender/src/embed.js"></script>   (defines the element)
//   <post-view src="/posts/2024-05-01-hello.md" header></post-view>
//   <post-view header>
//     <script type="text/markdown">
//       ---
//       title: Inline post
//       ---
//       Hello *world*.
//     </script>
//   </post-view>
//
// Attributes
//   src        URL of the post file (fetched; relative to the page). Without it, the text of a
//              child <script type="text/markdown"> is rendered (common indentation removed).
//   base-url   resolve relative link and image URLs in the post against this URL.
//   policy     "safe" (default, the publishing policy), "strict" (text formatting and links only)
//              or "trusted" (no sanitizing), and "trusted" is honoured only together with the
//              boolean attribute `trusted`: a policy value alone can never turn sanitizing off.
//   header     show the title, date, categories, tags, feature image and feature text.
//   title-level  heading level of the title in the header (default 1).
//
// The element loads the WebAssembly module once per page, however many elements there are.
// It fires `render` (detail: { post }) after each render and `error` (detail: { error }) when
// the post cannot be fetched or rendered. `element.post` is the last result, `element.ready`
// a promise for the current render.
//
// Themable from the page through --postrender-* custom properties and ::part() (styles.js).
import { createRenderer } from './index.js';
import { buildHeader, postLang } from './header.js';
import { applyStyles } from './styles.js';

let sharedRenderer = null;

/**
 * The renderer every <post-view> on the page uses, created on first use.
 * Call configure() before the first element renders to load the wasm from elsewhere.
 */
export function getRenderer() {
  sharedRenderer ??= createRenderer();
  return sharedRenderer;
}

/**
 * Sets how the shared renderer is created: `renderer` may be a Renderer, a promise of one, or
 * options for createRenderer(). Only affects elements that render afterwards.
 */
export function configure({ renderer, rendererOptions } = {}) {
  if (renderer) sharedRenderer = Promise.resolve(renderer);
  else if (rendererOptions) sharedRenderer = createRenderer(rendererOptions);
}

/** Removes the common leading indentation of inline content (and blank lines around it). */
export function dedent(text) {
  const lines = String(text).replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  let indent = Infinity;
  for (const line of lines) {
    if (line.trim() === '') continue;
    indent = Math.min(indent, /^[ \t]*/.exec(line)[0].length);
  }
  if (!Number.isFinite(indent) || indent === 0) return lines.join('\n') + '\n';
  return lines.map((line) => line.slice(Math.min(indent, /^[ \t]*/.exec(line)[0].length))).join('\n') + '\n';
}

/** decodeURIComponent that gives the input back instead of throwing on a bad escape. */
function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const HTMLElementBase = typeof HTMLElement === 'function' ? HTMLElement : class {};

export class PostView extends HTMLElementBase {
  static observedAttributes = ['src', 'base-url', 'policy', 'trusted', 'header', 'title-level'];

  #root;
  #internals = null;
  #article;
  #headerSlot;
  #body;
  #scheduled = false;
  #generation = 0;
  #post = null;
  #ready = Promise.resolve(null);
  #observer = null;
  #warnedTrusted = false;
  #labelled = false;
  #fetched = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    applyStyles(this.#root);
    try {
      this.#internals = this.attachInternals();
      this.#internals.role = 'article';
    } catch {
      this.#internals = null;
    }
    this.#article = document.createElement('div');
    this.#article.className = 'article';
    this.#article.setAttribute('part', 'article');
    this.#headerSlot = document.createElement('div');
    this.#headerSlot.className = 'header-slot';
    this.#body = document.createElement('div');
    this.#body.className = 'body';
    this.#body.setAttribute('part', 'body');
    this.#article.append(this.#headerSlot, this.#body);
    this.#root.append(this.#article);
    // In-page links (#user-content-…) point into the shadow root, where the page cannot follow them.
    this.#root.addEventListener('click', (event) => {
      const link = event.target.closest && event.target.closest('a[href^="#"]');
      if (!link) return;
      const target = this.#root.getElementById(safeDecode(link.getAttribute('href').slice(1)));
      if (target) {
        event.preventDefault();
        target.scrollIntoView({ block: 'start' });
      }
    });
  }

  connectedCallback() {
    // ElementInternals gives the default role; the attribute too, for tools that only read the
    // DOM. A role the page set itself is left alone.
    if (!this.hasAttribute('role')) this.setAttribute('role', 'article');
    // Inline content edited after the fact (a CMS swapping the <script>) re-renders.
    this.#observer ??= new MutationObserver(() => {
      if (!this.hasAttribute('src')) this.#schedule();
    });
    this.#observer.observe(this, { childList: true, subtree: true, characterData: true });
    this.#schedule();
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue !== newValue && this.isConnected) this.#schedule();
  }

  /** The last rendered post (the object renderer.render() returned), or null. */
  get post() {
    return this.#post;
  }

  /** Resolves with the post once the current render is on screen (null if it failed). */
  get ready() {
    return this.#ready;
  }

  get src() {
    return this.getAttribute('src') || '';
  }
  set src(value) {
    this.setAttribute('src', value);
  }

  /** Render options from the attributes. Sanitizing is off only with policy="trusted" AND `trusted`. */
  renderOptions() {
    const options = {};
    const policy = (this.getAttribute('policy') || 'safe').trim().toLowerCase();
    if (policy === 'strict') options.policy = { preset: 'strict' };
    if (policy === 'trusted' || this.hasAttribute('trusted')) {
      if (policy === 'trusted' && this.hasAttribute('trusted')) options.sanitize = false;
      else if (!this.#warnedTrusted) {
        this.#warnedTrusted = true;
        console.warn('<post-view>: trusted rendering needs both policy="trusted" and the trusted attribute; sanitizing.');
      }
    }
    const base = this.getAttribute('base-url');
    if (base) options.baseUrl = new URL(base, document.baseURI).href;
    const src = this.getAttribute('src');
    if (src) {
      const file = new URL(src, document.baseURI).pathname.split('/').pop();
      if (file) options.fileName = safeDecode(file);
    }
    return options;
  }

  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    let resolveReady;
    this.#ready = new Promise((resolve) => (resolveReady = resolve));
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#render().then(resolveReady, () => resolveReady(null));
    });
  }

  async #source() {
    const src = this.getAttribute('src');
    if (src) {
      const url = new URL(src, document.baseURI).href;
      // Attribute changes other than src re-render the text already fetched.
      if (this.#fetched && this.#fetched.url === url) return this.#fetched.text;
      const response = await fetch(url);
      if (!response.ok) throw new Error(`could not load ${new URL(url).pathname} (HTTP ${response.status})`);
      const text = await response.text();
      this.#fetched = { url, text };
      return text;
    }
    const script = this.querySelector('script[type="text/markdown"]');
    return script ? dedent(script.textContent) : '';
  }

  async #render() {
    const generation = ++this.#generation;
    this.setAttribute('aria-busy', 'true');
    try {
      const [text, renderer] = await Promise.all([this.#source(), getRenderer()]);
      if (generation !== this.#generation) return this.#post;
      const post = renderer.render(text, this.renderOptions());
      this.#show(post);
      this.#post = post;
      this.dispatchEvent(new CustomEvent('render', { detail: { post } }));
      return post;
    } catch (error) {
      if (generation !== this.#generation) return this.#post;
      this.#showError(error);
      this.dispatchEvent(new CustomEvent('error', { detail: { error } }));
      return null;
    } finally {
      if (generation === this.#generation) this.removeAttribute('aria-busy');
    }
  }

  #show(post) {
    const lang = postLang(post);
    if (lang) this.#article.setAttribute('lang', lang);
    else this.#article.removeAttribute('lang');
    const header = this.hasAttribute('header')
      ? buildHeader(post, { titleLevel: Number(this.getAttribute('title-level')) || 1, lang })
      : null;
    this.#headerSlot.replaceChildren(...(header ? [header] : []));
    // post.html is the core's sanitized output unless renderOptions() allowed trusted mode.
    this.#body.innerHTML = post.html;
    // The article is named by the post's title, unless the page named it.
    if (this.#internals) this.#internals.ariaLabel = post.title || null;
    if (!this.hasAttribute('aria-label') || this.#labelled) {
      if (post.title) {
        this.setAttribute('aria-label', post.title);
        this.#labelled = true;
      } else if (this.#labelled) {
        this.removeAttribute('aria-label');
        this.#labelled = false;
      }
    }
  }

  #showError(error) {
    this.#headerSlot.replaceChildren();
    const p = document.createElement('p');
    p.className = 'error';
    p.setAttribute('part', 'error');
    p.setAttribute('role', 'alert');
    p.textContent = `This post could not be shown: ${(error && error.message) || error}`;
    this.#body.replaceChildren(p);
  }
}

/** Defines <post-view> (or `name`) once; safe to call many times. Returns the class. */
export function definePostView(name = 'post-view') {
  if (typeof customElements === 'undefined') return PostView;
  const existing = customElements.get(name);
  if (existing) return existing;
  // A subclass per extra name: one constructor can only be defined once.
  customElements.define(name, name === 'post-view' ? PostView : class extends PostView {});
  return customElements.get(name);
}

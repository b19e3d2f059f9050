// Live preview for CMS editors.
//
//   import { createPreview } from 'postrender/preview';
//   const preview = createPreview(document.querySelector('#preview'), { editor: textarea });
//   textarea.addEventListener('input', () => preview.update(textarea.value));
//   preview.update(textarea.value);
//
// Renders off the main thread in a module Web Worker (falls back to the main thread where
// workers are unavailable), keeps at most one render in flight and coalesces the keystrokes
// typed meanwhile, and patches the preview DOM block by block (dom-patch.js) so unchanged
// blocks keep their nodes. The preview lives in a shadow root on `container` with the default
// stylesheet (styles.js); `container` should scroll (overflow: auto and a height).
//
// Events on `container`: `postrender:render` after each patch (detail: { post, timing, kept,
// added }) and `postrender:line` when a preview block is clicked (detail: { line }).
//
// Safe by default: the same sanitizing policy as publishing. `trusted: true` turns sanitizing
// off (only for content you wrote yourself: an XSS risk otherwise).
import { BlockList } from './dom-patch.js';
import { buildHeader, postLang } from './header.js';
import { applyStyles } from './styles.js';

const now = () => performance.now();
const LINE_ATTR = 'data-source-line';
// Above this many top-level blocks, off-screen blocks skip rendering (styles.js: .pr-large).
const LARGE_BLOCKS = 3000;
// The warnings list shows this many; all of them are in post.warnings.
const MAX_WARNINGS_SHOWN = 100;

const DEFAULTS = {
  debounce: 'auto', // ms, or 'auto' (0 while renders are fast, longer when they are slow)
  worker: true, // render in a Web Worker when the browser has module workers
  trusted: false, // true = no sanitizing (XSS risk: only for your own content)
  baseUrl: '', // resolve relative link and image URLs against this
  policy: undefined, // sanitizer policy overrides, passed to renderer.render()
  fileName: '', // for the Jekyll date and slug
  header: true, // show the front matter panel (title, date, categories, tags, image, feature text)
  warnings: true, // show the warnings list
  titleLevel: 1,
  editor: null, // a <textarea>: scroll sync both ways, click-to-line and warning click-through
  scrollSync: true,
  followLinks: false, // clicking a link in the preview navigates (default: it does not)
  rendererOptions: undefined, // passed to createRenderer() (wasm location, ...)
  onRender: null, // ({ post, timing, kept, added }) after every patch
  onLineClick: null, // (line, event) when a preview block is clicked
  onWarningClick: null, // (warning, event) when a warning is clicked
  onError: null, // (error)
};

// Options that change the rendered output: changing one re-renders from scratch.
const RENDER_KEYS = ['trusted', 'baseUrl', 'policy', 'fileName'];

function renderOptionsFrom(o) {
  const out = { sourceLines: true, sanitize: o.trusted !== true };
  if (o.baseUrl) out.baseUrl = String(o.baseUrl);
  if (o.policy !== undefined && o.policy !== null) out.policy = o.policy;
  if (o.fileName) out.fileName = String(o.fileName);
  return out;
}

/** decodeURIComponent that gives the input back instead of throwing on a bad escape. */
function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Main-thread transport with the same interface as the worker one. */
async function createLocalTransport(rendererOptions, onMessage) {
  const { createSession } = await import('./preview-worker.js');
  const session = createSession(rendererOptions);
  return {
    kind: 'main-thread',
    post(msg) {
      session.handle(msg).then(
        (result) => onMessage({ id: msg.id, ok: true, ...result }),
        (err) => onMessage({ id: msg.id, ok: false, error: String((err && err.message) || err) }),
      );
    },
    terminate() {},
  };
}

function createWorkerTransport(onMessage, onFailure) {
  const worker = new Worker(new URL('./preview-worker.js', import.meta.url), { type: 'module' });
  worker.addEventListener('message', (e) => onMessage(e.data));
  // A module that fails to load in the worker shows up as an error event, not a message.
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    onFailure(new Error(e.message || 'preview worker failed to start'));
  });
  worker.addEventListener('messageerror', () => onFailure(new Error('preview worker message could not be read')));
  return {
    kind: 'worker',
    post(msg) {
      try {
        worker.postMessage(msg);
      } catch (err) {
        onFailure(err); // e.g. rendererOptions that cannot be cloned: render on this thread
      }
    },
    terminate() {
      worker.terminate();
    },
  };
}

/** Code-point column (1-based, as the core counts) to a UTF-16 offset within `lineText`. */
function columnToOffset(lineText, column) {
  let offset = 0;
  let cp = 1;
  while (cp < column && offset < lineText.length) {
    const c = lineText.charCodeAt(offset);
    offset += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    cp++;
  }
  return offset;
}

/**
 * Measures a <textarea>'s line positions with an invisible mirror element that wraps text the
 * same way, so scroll sync works with soft-wrapped prose.
 */
class TextareaMetrics {
  constructor(textarea) {
    this.textarea = textarea;
    this.mirror = null;
    this.value = null;
    this.width = -1;
    this.lineStarts = [0];
  }

  lineStartsOf(value) {
    if (value !== this.value) {
      this.value = value;
      const starts = [0];
      for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
      if (this.mirror) this.mirror.firstChild.data = value + '\n';
    }
    return this.lineStarts;
  }

  get lineCount() {
    return this.lineStartsOf(this.textarea.value).length;
  }

  #ensureMirror() {
    const ta = this.textarea;
    const cs = getComputedStyle(ta);
    if (!this.mirror) {
      const m = document.createElement('div');
      m.setAttribute('aria-hidden', 'true');
      m.append(document.createTextNode(''));
      Object.assign(m.style, { position: 'absolute', top: '0', left: '-100000px', visibility: 'hidden', overflow: 'hidden', height: 'auto', pointerEvents: 'none', contain: 'layout style' });
      document.body.append(m);
      this.mirror = m;
      this.value = null;
    }
    const width = ta.clientWidth;
    if (width !== this.width) {
      this.width = width;
      const s = this.mirror.style;
      for (const p of ['fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'fontVariant', 'fontStretch', 'letterSpacing', 'wordSpacing', 'lineHeight', 'textTransform', 'textIndent', 'tabSize', 'whiteSpace', 'wordBreak', 'overflowWrap', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'direction']) {
        s[p] = cs[p];
      }
      s.boxSizing = 'border-box';
      s.border = '0';
      s.width = `${width}px`;
    }
    this.lineStartsOf(ta.value);
  }

  // Past this size, laying the text out a second time in the mirror costs more than a frame;
  // positions are then estimated from character offsets against the textarea's own height.
  static MIRROR_LIMIT = 200000;

  get #estimated() {
    return this.textarea.value.length > TextareaMetrics.MIRROR_LIMIT;
  }

  #estimateTop(offset) {
    const ta = this.textarea;
    const length = Math.max(1, this.value.length);
    return (offset / length) * ta.scrollHeight;
  }

  /** Y of the top of 1-based `line`, in the textarea's scroll coordinates. */
  topOf(line) {
    if (this.#estimated) {
      const starts = this.lineStartsOf(this.textarea.value);
      if (line <= 1) return 0;
      if (line > starts.length) return this.textarea.scrollHeight;
      return this.#estimateTop(starts[line - 1]);
    }
    this.#ensureMirror();
    const starts = this.lineStarts;
    if (line <= 1) return 0;
    if (line > starts.length) return this.mirror.scrollHeight;
    const node = this.mirror.firstChild;
    const range = document.createRange();
    const at = starts[line - 1];
    range.setStart(node, at);
    range.setEnd(node, Math.min(at + 1, node.length));
    const rects = range.getClientRects();
    const base = this.mirror.getBoundingClientRect().top;
    const rect = rects.length ? rects[rects.length > 1 && this.value[at] === '\n' ? rects.length - 1 : 0] : range.getBoundingClientRect();
    return rect.top - base;
  }

  /** Fractional 1-based line at scroll offset `y`. */
  lineAt(y) {
    if (this.#estimated) {
      const starts = this.lineStartsOf(this.textarea.value);
      const offset = (y / Math.max(1, this.textarea.scrollHeight)) * this.value.length;
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      const next = lo + 1 < starts.length ? starts[lo + 1] : this.value.length;
      return lo + 1 + (next > starts[lo] ? Math.min(1, (offset - starts[lo]) / (next - starts[lo])) : 0);
    }
    this.#ensureMirror();
    const count = this.lineStarts.length;
    let lo = 1;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.topOf(mid) <= y) lo = mid;
      else hi = mid - 1;
    }
    const top = this.topOf(lo);
    const next = lo < count ? this.topOf(lo + 1) : this.mirror.scrollHeight;
    const frac = next > top ? Math.min(1, Math.max(0, (y - top) / (next - top))) : 0;
    return lo + frac;
  }

  destroy() {
    this.mirror?.remove();
    this.mirror = null;
  }
}

/**
 * Creates a live preview in `container`.
 * @returns {{ update(source: string): void, setOptions(o: object): void, destroy(): void,
 *   flush(): Promise<void>, scrollToLine(line: number): void, lineAtTop(): number,
 *   readonly post: object|null, readonly root: ShadowRoot, readonly mode: string }}
 */
export function createPreview(container, options = {}) {
  if (!container || container.nodeType !== 1) throw new TypeError('createPreview: container must be an element');
  let opts = { ...DEFAULTS, ...options };
  const root = container.shadowRoot || container.attachShadow({ mode: 'open' });
  root.replaceChildren();
  applyStyles(root);

  const doc = container.ownerDocument;
  const warningsList = doc.createElement('ul');
  warningsList.className = 'warnings';
  warningsList.setAttribute('part', 'warnings');
  warningsList.setAttribute('aria-label', 'Warnings');
  warningsList.setAttribute('aria-live', 'polite');
  const article = doc.createElement('article');
  article.className = 'article';
  article.setAttribute('part', 'article');
  const headerSlot = doc.createElement('div');
  headerSlot.className = 'header-slot';
  const body = doc.createElement('div');
  body.className = 'body';
  body.setAttribute('part', 'body');
  article.append(headerSlot, body);
  root.append(warningsList, article);

  const blocks = new BlockList(body);
  let transport = null;
  let transportPromise = null;
  let destroyed = false;
  let source = null;
  let dirtySince = null;
  let inFlight = null; // { id, since }
  let pending = false;
  let needReset = false;
  let timer = null;
  let queued = false;
  let lastRender = 0;
  let nextId = 1;
  let post = null;
  let headerSig = null;
  let warningsSig = null;
  let lineIndex = null; // see index(); dropped after each patch
  let waiters = [];
  const metrics = new TextareaMetrics(null);

  const fail = (err) => {
    if (typeof opts.onError === 'function') opts.onError(err);
    showError(err);
  };

  function showError(err) {
    warningsList.replaceChildren();
    const li = doc.createElement('li');
    li.className = 'warning error';
    li.setAttribute('part', 'warning error');
    li.setAttribute('role', 'alert');
    li.textContent = `Preview failed: ${(err && err.message) || err}`;
    warningsList.append(li);
    warningsSig = null;
  }

  function onMessage(msg) {
    if (destroyed || !inFlight || msg.id !== inFlight.id) return;
    const since = inFlight.since;
    const reset = inFlight.reset;
    inFlight = null;
    if (msg.ok) {
      try {
        apply(msg, since, reset);
      } catch (err) {
        needReset = true; // the page's blocks may no longer match the worker's: start over
        fail(err);
      }
    } else {
      fail(new Error(msg.error));
    }
    if (pending) send();
    else release();
  }

  function getTransport() {
    if (transportPromise) return transportPromise;
    const useWorker = opts.worker !== false && typeof Worker === 'function';
    if (useWorker) {
      let started = false;
      transportPromise = Promise.resolve(
        createWorkerTransport(
          (msg) => {
            started = true;
            onMessage(msg);
          },
          (err) => {
            if (started || destroyed) return fail(err);
            // The worker could not start (no module workers, blocked, ...): render here instead.
            transport?.terminate();
            transportPromise = createLocalTransport(opts.rendererOptions, onMessage).then((t) => (transport = t));
            transportPromise.then(() => {
              if (inFlight) {
                const msg = inFlight.msg;
                transport.post(msg);
              }
            }, fail);
          },
        ),
      ).then((t) => (transport = t));
    } else {
      transportPromise = createLocalTransport(opts.rendererOptions, onMessage).then((t) => (transport = t));
    }
    return transportPromise;
  }

  function send() {
    if (destroyed || source === null) return;
    pending = false;
    const msg = { id: nextId++, source, options: renderOptionsFrom(opts), reset: needReset, rendererOptions: opts.rendererOptions };
    inFlight = { id: msg.id, since: dirtySince ?? now(), reset: needReset, msg };
    needReset = false;
    dirtySince = null;
    getTransport().then(
      (t) => t.post(msg),
      (err) => {
        if (inFlight && inFlight.id === msg.id) inFlight = null;
        fail(err);
        release();
      },
    );
  }

  function release() {
    const w = waiters;
    waiters = [];
    w.forEach((resolve) => resolve());
  }

  function delay() {
    if (typeof opts.debounce === 'number') return Math.max(0, opts.debounce);
    // Auto: with a worker, coalescing keystrokes during a render is enough; on the main thread
    // wait a little longer than a render takes so typing gets the frames in between.
    const onMain = transport && transport.kind === 'main-thread';
    if (onMain) return Math.min(400, lastRender * 1.5);
    return lastRender > 50 ? 30 : 0;
  }

  function run() {
    timer = null;
    if (inFlight) pending = true;
    else send();
  }

  function schedule() {
    clearTimeout(timer);
    timer = null;
    const d = delay();
    if (d > 0) {
      timer = setTimeout(run, d);
    } else if (!queued) {
      // A microtask, so that setOptions() + update() in one go render once.
      queued = true;
      queueMicrotask(() => {
        queued = false;
        if (!timer && !destroyed) run();
      });
    }
  }

  function apply(msg, since, reset) {
    const t0 = now();
    if (reset) blocks.clear();
    const stats = msg.patch ? blocks.applyPatch(msg.patch) : blocks.applyHtml(msg.html);
    body.classList.toggle('pr-large', blocks.blocks.length > LARGE_BLOCKS);
    post = msg.post;
    const lang = postLang(post);
    if (lang) article.setAttribute('lang', lang);
    else article.removeAttribute('lang');
    updateHeader();
    updateWarnings();
    lineIndex = null;
    const t1 = now();
    lastRender = msg.timing.render + msg.timing.diff;
    const timing = { ...msg.timing, patch: t1 - t0, total: t1 - since, mode: transport ? transport.kind : '' };
    const detail = { post, timing, kept: stats.kept, added: stats.added };
    if (typeof opts.onRender === 'function') opts.onRender(detail);
    container.dispatchEvent(new CustomEvent('postrender:render', { detail }));
  }

  function updateHeader() {
    if (!opts.header) {
      headerSlot.replaceChildren();
      headerSig = null;
      return;
    }
    const sig = JSON.stringify([post.title, post.date, post.categories, post.tags, post.image, post.featureHtml, postLang(post), opts.titleLevel]);
    if (sig === headerSig) return;
    headerSig = sig;
    const header = buildHeader(post, { document: doc, titleLevel: opts.titleLevel });
    headerSlot.replaceChildren(...(header ? [header] : []));
  }

  function updateWarnings() {
    const list = (opts.warnings && post.warnings) || [];
    const sig = JSON.stringify(list);
    if (sig === warningsSig) return;
    warningsSig = sig;
    warningsList.replaceChildren();
    list.slice(0, MAX_WARNINGS_SHOWN).forEach((w, index) => {
      const li = doc.createElement('li');
      li.className = 'warning';
      li.setAttribute('part', 'warning');
      li.dataset.severity = w.severity || 'warning';
      const button = doc.createElement('button');
      button.type = 'button';
      button.dataset.index = String(index);
      const where = doc.createElement('span');
      where.className = 'where';
      where.textContent = w.line ? `${w.line}:${w.column || 1}` : '–';
      button.append(where, `${w.message}${w.code ? ` [${w.code}]` : ''}`);
      li.append(button);
      warningsList.append(li);
    });
    if (list.length > MAX_WARNINGS_SHOWN) {
      const li = doc.createElement('li');
      li.className = 'warning more';
      li.setAttribute('part', 'warning');
      li.textContent = `… and ${list.length - MAX_WARNINGS_SHOWN} more`;
      warningsList.append(li);
    }
  }

  // ---- editor integration -------------------------------------------------------------

  /** Puts the editor's cursor at (line, column) and scrolls it there. */
  function moveEditorCursor(line, column = 1) {
    const ta = opts.editor;
    if (!ta) return;
    metrics.textarea = ta;
    const starts = metrics.lineStartsOf(ta.value);
    const l = Math.min(Math.max(1, line | 0), starts.length);
    const lineStart = starts[l - 1];
    const lineEnd = l < starts.length ? starts[l] - 1 : ta.value.length;
    const offset = lineStart + columnToOffset(ta.value.slice(lineStart, lineEnd), Math.max(1, column | 0));
    ta.focus({ preventScroll: true });
    ta.setSelectionRange(offset, offset);
    const top = metrics.topOf(l);
    if (top < ta.scrollTop || top > ta.scrollTop + ta.clientHeight - 40) {
      setScroll(ta, Math.max(0, top - ta.clientHeight / 3));
    }
  }

  warningsList.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-index]');
    if (!button || !post) return;
    const w = post.warnings[Number(button.dataset.index)];
    if (!w) return;
    if (typeof opts.onWarningClick === 'function') opts.onWarningClick(w, event);
    else if (opts.editor && w.line) moveEditorCursor(w.line, w.column || 1);
  });

  body.addEventListener('click', (event) => {
    const link = event.target.closest('a[href]');
    if (link && !opts.followLinks) {
      event.preventDefault();
      const href = link.getAttribute('href');
      if (href.startsWith('#')) {
        const target = root.getElementById(safeDecode(href.slice(1)));
        target?.scrollIntoView({ block: 'start' });
      }
    }
    const block = event.target.closest(`[${LINE_ATTR}]`);
    if (!block || !body.contains(block)) return;
    const line = Number(block.getAttribute(LINE_ATTR));
    container.dispatchEvent(new CustomEvent('postrender:line', { detail: { line } }));
    if (typeof opts.onLineClick === 'function') opts.onLineClick(line, event);
    else if (opts.editor) moveEditorCursor(line, 1);
  });

  // ---- scroll sync --------------------------------------------------------------------

  const scroller = () => opts.scrollElement || container;
  const expected = new Map(); // element -> scrollTop we set, so its scroll event is ignored

  function setScroll(el, top) {
    el.scrollTop = top;
    expected.set(el, el.scrollTop);
  }

  function ownScroll(el) {
    if (!expected.has(el)) return false;
    const want = expected.get(el);
    expected.delete(el);
    return Math.abs(el.scrollTop - want) <= 1;
  }

  // Blocks with a source line, in document order, keeping only increasing lines (a nested
  // block that starts on its parent's line adds nothing). Positions are measured on demand and
  // cached until the next patch, resize or image load, so a scroll event measures O(log n)
  // blocks, not all of them: a 1 MB post has tens of thousands.
  function index() {
    if (lineIndex) return lineIndex;
    const els = [];
    const lines = [];
    let last = 0;
    for (const el of body.querySelectorAll(`[${LINE_ATTR}]`)) {
      const line = Number(el.getAttribute(LINE_ATTR));
      if (line > last) {
        els.push(el);
        lines.push(line);
        last = line;
      }
    }
    lineIndex = { els, lines, tops: new Float64Array(els.length).fill(NaN) };
    return lineIndex;
  }

  function topAt(idx, i) {
    if (Number.isNaN(idx.tops[i])) {
      const sc = scroller();
      idx.tops[i] = idx.els[i].getBoundingClientRect().top - sc.getBoundingClientRect().top + sc.scrollTop;
    }
    return idx.tops[i];
  }

  // Where the last block ends, for interpolating past it: the end of the source.
  function endPoint(idx, i) {
    const lastLine = idx.lines[i];
    const total = metrics.textarea ? metrics.lineCount + 1 : lastLine + 1;
    return { line: Math.max(lastLine + 1, total), top: scroller().scrollHeight };
  }

  /** Y in the preview's scroll coordinates for a fractional source line. */
  function previewTopOf(line) {
    const idx = index();
    const n = idx.lines.length;
    if (!n) return 0;
    if (line <= idx.lines[0]) return (topAt(idx, 0) * Math.max(0, line - 1)) / Math.max(1, idx.lines[0] - 1);
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (idx.lines[mid] <= line) lo = mid;
      else hi = mid - 1;
    }
    const a = { line: idx.lines[lo], top: topAt(idx, lo) };
    const b = lo + 1 < n ? { line: idx.lines[lo + 1], top: topAt(idx, lo + 1) } : endPoint(idx, lo);
    return a.top + ((line - a.line) / (b.line - a.line)) * (b.top - a.top);
  }

  /** Fractional source line at preview Y. */
  function lineAtPreview(y) {
    const idx = index();
    const n = idx.lines.length;
    if (!n) return 1;
    const first = topAt(idx, 0);
    if (y <= first) return 1 + (first > 0 ? (y / first) * (idx.lines[0] - 1) : 0);
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (topAt(idx, mid) <= y) lo = mid;
      else hi = mid - 1;
    }
    const a = { line: idx.lines[lo], top: topAt(idx, lo) };
    const b = lo + 1 < n ? { line: idx.lines[lo + 1], top: topAt(idx, lo + 1) } : endPoint(idx, lo);
    const frac = b.top > a.top ? (y - a.top) / (b.top - a.top) : 0;
    return a.line + Math.min(1, Math.max(0, frac)) * (b.line - a.line);
  }

  const atBottom = (el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 2;

  function onEditorScroll() {
    const ta = opts.editor;
    if (!opts.scrollSync || !ta || ownScroll(ta)) return;
    metrics.textarea = ta;
    const sc = scroller();
    if (atBottom(ta) && ta.scrollTop > 0) return setScroll(sc, sc.scrollHeight);
    setScroll(sc, previewTopOf(metrics.lineAt(ta.scrollTop)));
  }

  function onPreviewScroll() {
    const ta = opts.editor;
    const sc = scroller();
    if (!opts.scrollSync || !ta || ownScroll(sc)) return;
    metrics.textarea = ta;
    if (atBottom(sc) && sc.scrollTop > 0) return setScroll(ta, ta.scrollHeight);
    const line = lineAtPreview(sc.scrollTop);
    const whole = Math.floor(line);
    const top = metrics.topOf(whole);
    const next = metrics.topOf(whole + 1);
    setScroll(ta, top + (line - whole) * (next - top));
  }

  let boundEditor = null;
  let boundScroller = null;
  function bindScroll() {
    if (boundEditor) boundEditor.removeEventListener('scroll', onEditorScroll);
    if (boundScroller) boundScroller.removeEventListener('scroll', onPreviewScroll);
    boundEditor = opts.editor || null;
    boundScroller = scroller();
    metrics.textarea = boundEditor;
    boundEditor?.addEventListener('scroll', onEditorScroll, { passive: true });
    boundScroller.addEventListener('scroll', onPreviewScroll, { passive: true });
  }
  bindScroll();
  const resizeObserver = typeof ResizeObserver === 'function' ? new ResizeObserver(() => (lineIndex = null)) : null;
  resizeObserver?.observe(container);
  body.addEventListener('load', () => (lineIndex = null), true); // images change block positions

  return {
    /** Renders `source` (a whole post file) soon; the preview is patched when it is ready. */
    update(text) {
      if (destroyed) return;
      source = String(text ?? '');
      dirtySince ??= now();
      schedule();
    },
    /** Changes options; output-changing ones (trusted, baseUrl, policy, fileName) re-render. */
    setOptions(next = {}) {
      if (destroyed) return;
      const before = opts;
      opts = { ...opts, ...next };
      if ('editor' in next || 'scrollElement' in next) bindScroll();
      if (RENDER_KEYS.some((k) => k in next && JSON.stringify(next[k]) !== JSON.stringify(before[k]))) {
        needReset = true;
        if (source !== null) {
          dirtySince ??= now();
          schedule();
        }
      } else if (post) {
        headerSig = null;
        warningsSig = null;
        updateHeader();
        updateWarnings();
      }
    },
    /** Resolves when every update() so far is on screen. */
    flush() {
      if (destroyed || (!inFlight && !timer && !pending && !queued)) return Promise.resolve();
      if (timer) {
        clearTimeout(timer);
        run();
      }
      return new Promise((resolve) => waiters.push(resolve));
    },
    /** Scrolls the preview so that source `line` is at the top. */
    scrollToLine(line) {
      setScroll(scroller(), previewTopOf(line));
    },
    /** The (fractional) source line shown at the top of the preview. */
    lineAtTop() {
      return lineAtPreview(scroller().scrollTop);
    },
    get post() {
      return post;
    },
    get root() {
      return root;
    },
    /** 'worker', 'main-thread', or '' before the first render. */
    get mode() {
      return transport ? transport.kind : '';
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      clearTimeout(timer);
      transport?.terminate();
      transportPromise?.then((t) => t.terminate());
      boundEditor?.removeEventListener('scroll', onEditorScroll);
      boundScroller?.removeEventListener('scroll', onPreviewScroll);
      resizeObserver?.disconnect();
      metrics.destroy();
      root.replaceChildren();
      waiters.forEach((resolve) => resolve());
      waiters = [];
    },
  };
}

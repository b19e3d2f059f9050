// The live preview's renderer. Runs as a module Web Worker (createPreview starts it with
// new Worker(new URL('./preview-worker.js', import.meta.url), { type: 'module' })), so a 1 MB
// post renders without blocking typing; where workers are unavailable createPreview imports
// this module on the main thread and calls createSession() directly.
//
// Protocol (one request in flight at a time, see preview.js):
//   page -> worker  { id, source, options, reset, rendererOptions }
//                                                    options as for renderer.render();
//                                                    reset: the page cleared its blocks;
//                                                    rendererOptions: for createRenderer()
//   worker -> page  { id, ok: true, post, patch | html, timing }
//                   { id, ok: false, error }
// `patch` is a block diff against the previous result this session sent (dom-patch.js);
// `html` (the whole body) is sent instead when the output is not canonical (trusted mode),
// and the page diffs it itself.
import { createRenderer } from './index.js';
import { splitBlocks, diffBlocks, encodePatch } from './dom-patch.js';

const now = () => (globalThis.performance ? performance.now() : Date.now());

/** One preview's rendering state: the renderer and the previous block list. */
export function createSession(rendererOptions) {
  let rendererPromise = null;
  let prev = [];

  return {
    async handle({ source, options, reset, rendererOptions: fromPage }) {
      if (reset) prev = []; // the page cleared its blocks
      rendererPromise ??= createRenderer(rendererOptions ?? fromPage);
      const renderer = await rendererPromise;
      const t0 = now();
      const post = renderer.render(String(source ?? ''), options);
      const t1 = now();
      const { html, ...meta } = post;
      const trusted = options && options.sanitize === false;
      const blocks = trusted ? null : splitBlocks(html);
      let result;
      if (blocks) {
        const diff = diffBlocks(prev, blocks);
        prev = blocks.map(({ key, lines }) => ({ key, lines }));
        result = { post: meta, patch: encodePatch(diff, blocks) };
      } else {
        prev = [];
        result = { post: meta, html };
      }
      result.timing = { render: t1 - t0, diff: now() - t1, bytes: html.length };
      return result;
    },
    /** Forget the previous block list (the page cleared its DOM). */
    reset() {
      prev = [];
    },
  };
}

// Install the message handler only when this module is a worker's entry point.
const inWorker = typeof WorkerGlobalScope !== 'undefined' && globalThis instanceof WorkerGlobalScope;
if (inWorker) {
  const session = createSession();
  globalThis.addEventListener('message', async (event) => {
    const msg = event.data || {};
    try {
      const result = await session.handle(msg);
      globalThis.postMessage({ id: msg.id, ok: true, ...result });
    } catch (err) {
      globalThis.postMessage({ id: msg.id, ok: false, error: String((err && err.message) || err) });
    }
  });
}

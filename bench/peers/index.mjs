// The registry of pipelines measured by run.mjs, memory.mjs and coldstart.mjs, in table order.
// Modules load lazily, so a child process measuring one pipeline imports only that one.
import { postrenderAvailable } from './postrender-available.mjs';

const entry = (id, file, exportName = 'default') => ({ id, file, exportName });

export const PIPELINE_ENTRIES = [
  entry('postrender', './postrender.mjs'),
  entry('markdown-wasm', './markdown-wasm.mjs'),
  entry('md4w-fast', './md4w.mjs'),
  entry('markdown-wasm+sanitize-html', './markdown-wasm-sanitize-html.mjs'),
  entry('markdown-it+sanitize-html', './markdown-it-sanitize-html.mjs'),
  entry('marked+dompurify', './marked-dompurify.mjs'),
  entry('unified', './unified.mjs'),
];
const EXTRA_ENTRIES = [entry('md4w-small', './md4w.mjs', 'md4wSmall')];

export const PIPELINE_IDS = PIPELINE_ENTRIES.map((e) => e.id);

// Fast enough to run on the 20 MB stress set within the time budget (unified needs ~6 min for
// the 10 MB post alone, marked + DOMPurify ~1 min for the set): the others run it with --stress-all.
export const STRESS_PIPELINES = new Set([
  'postrender', 'markdown-wasm', 'md4w-fast', 'markdown-wasm+sanitize-html', 'markdown-it+sanitize-html',
]);

export function isAvailable(id) {
  return id === 'postrender' ? postrenderAvailable() : true;
}

export async function loadPipeline(id) {
  const e = [...PIPELINE_ENTRIES, ...EXTRA_ENTRIES].find((x) => x.id === id);
  if (!e) throw new Error(`unknown pipeline "${id}" (known: ${[...PIPELINE_IDS, 'md4w-small'].join(', ')})`);
  const mod = await import(e.file);
  return mod[e.exportName];
}

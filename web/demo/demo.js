// The live-preview demo: a textarea, the example posts, a policy switch and render timing.
// Served as plain files (no bundler): imports the package straight from ../src/.
import { createPreview } from '../src/preview.js';

/** The example posts in examples/posts/ (a static server cannot list a directory). */
export const EXAMPLES = [
  { file: '2024-09-12-library-smart-service.md', label: '한국어 · 동네 도서관 스마트 서비스 (news, raw HTML)' },
  { file: '2024-10-27-jeju-olle-trail.md', label: '한국어 · 제주 올레길 7코스 (travel)' },
  { file: '2024-05-20-kyoto-morning-walk.md', label: '日本語 · 京都、朝の散歩道' },
  { file: '2024-07-03-safe-html-from-markdown.md', label: 'English · Rendering user posts safely' },
  { file: '2024-11-15-wasm-preview-notes.md', label: '中文 · WebAssembly 即時預覽筆記' },
];
const LARGE = { file: 'large', label: 'Stress test · a generated 1 MB post' };

const examplesUrl = new URL('../../examples/posts/', import.meta.url);
const $ = (sel) => document.querySelector(sel);
const editor = $('#editor');
const select = $('#post-select');
const timingOut = $('#timing');
const cursorOut = $('#cursor');
const statsOut = $('#stats');
const banner = $('#trusted-banner');

let lastTiming = null;
let firstRender;
const firstRenderDone = new Promise((resolve) => (firstRender = resolve));

const preview = createPreview($('#preview'), {
  editor,
  onRender({ post, timing, kept, added }) {
    lastTiming = { ...timing, kept, added };
    const fmt = (ms) => (ms < 10 ? ms.toFixed(1) : Math.round(ms));
    timingOut.textContent = `${fmt(timing.total)} ms keystroke→preview · render ${fmt(timing.render)} · patch ${fmt(timing.patch)}`;
    timingOut.title = `${timing.mode}: render ${timing.render.toFixed(2)} ms, diff ${timing.diff.toFixed(2)} ms, ` +
      `DOM patch ${timing.patch.toFixed(2)} ms; ${kept} blocks kept, ${added} replaced; ${(timing.bytes / 1024).toFixed(1)} KiB of HTML`;
    const warnings = post.warnings.length;
    statsOut.textContent = `${post.wordCount.toLocaleString()} words · ${post.readingMinutes} min read · ` +
      `${warnings} warning${warnings === 1 ? '' : 's'} · ${kept} kept / ${added} new blocks`;
    firstRender();
  },
  onError(error) {
    timingOut.textContent = `error: ${error.message}`;
  },
});

/** A ~1 MB post made of the example posts' bodies, for trying the preview at size. */
async function largePost() {
  const bodies = await Promise.all(
    EXAMPLES.map(async ({ file }) => (await fetchText(file)).replace(/^---\n[\s\S]*?\n---\n/, '')),
  );
  const parts = ['---\ntitle: A generated 1 MB post\ndate: 2024-12-01\ncategories: [stress]\n---\n'];
  let size = 0;
  for (let i = 0; size < 1024 * 1024; i++) {
    const chunk = `\n## Part ${i + 1}\n\n${bodies[i % bodies.length]}\n`;
    parts.push(chunk);
    size += new TextEncoder().encode(chunk).length;
  }
  return parts.join('');
}

async function fetchText(file) {
  const response = await fetch(new URL(file, examplesUrl));
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return response.text();
}

async function load(file) {
  const text = file === LARGE.file ? await largePost() : await fetchText(file);
  editor.value = text;
  editor.scrollTop = 0;
  editor.setSelectionRange(0, 0);
  preview.setOptions({ fileName: file === LARGE.file ? '' : file });
  preview.update(text);
  if (location.hash !== `#${file}`) history.replaceState(null, '', `#${file}`);
  updateCursor();
}

function updateCursor() {
  // Counted without copying the text: this runs on every keystroke, also in a 1 MB post.
  const value = editor.value;
  const caret = editor.selectionStart;
  let line = 1;
  let lineStart = 0;
  for (let i = value.indexOf('\n'); i >= 0 && i < caret; i = value.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const column = [...value.slice(lineStart, caret)].length + 1;
  cursorOut.textContent = `${line}:${column}`;
}

function setPolicy(value) {
  const trusted = value === 'trusted';
  banner.hidden = !trusted;
  // Trusted mode is explicit: the preview only skips sanitizing when told `trusted: true`.
  preview.setOptions({ trusted, policy: value === 'strict' ? { preset: 'strict' } : undefined });
}

for (const { file, label } of [...EXAMPLES, LARGE]) select.append(new Option(label, file));
select.addEventListener('change', () => load(select.value));
editor.addEventListener('input', () => {
  preview.update(editor.value);
  updateCursor();
});
for (const type of ['keyup', 'click', 'select', 'focus']) editor.addEventListener(type, updateCursor);
for (const radio of document.querySelectorAll('input[name="policy"]')) {
  radio.addEventListener('change', () => radio.checked && setPolicy(radio.value));
}

const wanted = decodeURIComponent(location.hash.slice(1));
const initial = [...EXAMPLES, LARGE].some((e) => e.file === wanted) ? wanted : EXAMPLES[0].file;
select.value = initial;
const loaded = load(initial);

// For the browser tests and the curious: the live objects.
window.postrenderDemo = {
  preview,
  editor,
  load,
  setPolicy,
  get lastTiming() {
    return lastTiming;
  },
  ready: loaded.then(() => firstRenderDone).then(() => preview.flush()),
};

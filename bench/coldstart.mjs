// Cold start: a fresh Node process per sample, timing import -> ready -> first render of the seed post.
//
//   node coldstart.mjs [--runs=N]            (parent: interleaves the pipelines, prints medians)
//   node coldstart.mjs --child ID FILE       (one sample, prints JSON)
//
// Only the package's own code is timed (import of the package, wasm compile/instantiate, first
// render); Node's own start-up is the same for every pipeline and is reported separately as the
// wall time of the whole process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.mjs';

const SELF = fileURLToPath(import.meta.url);
const REPO_ROOT = path.resolve(path.dirname(SELF), '..');

// Each loader does exactly what a user of that package writes, nothing shared beforehand.
const LOADERS = {
  async postrender(source) {
    const { createRenderer } = await import('../web/src/index.js');
    const t = performance.now();
    const renderer = await createRenderer();
    return [t, () => renderer.render(source).html];
  },
  async 'md4w-small'(source) {
    const md4w = await import('md4w');
    const t = performance.now();
    await md4w.init('small');
    const body = stripFrontMatter(source);
    return [t, () => md4w.mdToHtml(body)];
  },
  async 'md4w-fast'(source) {
    const md4w = await import('md4w');
    const t = performance.now();
    await md4w.init('fast');
    const body = stripFrontMatter(source);
    return [t, () => md4w.mdToHtml(body)];
  },
  async 'markdown-wasm'(source) {
    const { default: markdown } = await import('markdown-wasm');
    const t = performance.now();
    await markdown.ready;
    const body = stripFrontMatter(source);
    return [t, () => markdown.parse(body)];
  },
};

// Inlined (not imported from corpus.mjs) so the child loads nothing but the package under test.
function stripFrontMatter(text) {
  const m = /^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  return m ? text.slice(m[0].length) : text;
}

async function child(id, file) {
  const source = fs.readFileSync(file, 'utf8');
  const t0 = performance.now();
  const [tImported, render] = await LOADERS[id](source);
  const tReady = performance.now();
  const html = render();
  const t1 = performance.now();
  process.stdout.write(
    JSON.stringify({ id, importMs: tImported - t0, initMs: tReady - tImported, firstRenderMs: t1 - tReady, totalMs: t1 - t0, sinceProcessStartMs: t1, htmlBytes: html.length }) + '\n',
  );
}

export function measureColdStart(ids, file, { runs = 15, log = () => {} } = {}) {
  const samples = Object.fromEntries(ids.map((id) => [id, []]));
  const errors = {};
  const walls = Object.fromEntries(ids.map((id) => [id, []]));
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ids : [...ids].reverse();
    for (const id of order) {
      if (errors[id]) continue;
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [SELF, '--child', id, file], { encoding: 'utf8', cwd: REPO_ROOT, timeout: 60000 });
      const wall = performance.now() - t0;
      try {
        samples[id].push(JSON.parse(r.stdout.trim().split('\n').pop()));
        walls[id].push(wall);
      } catch {
        errors[id] = (r.stderr || `exit ${r.status}`).trim().split('\n').slice(-3).join(' ').slice(0, 300);
        log(`  ${id}: ${errors[id]}`);
      }
    }
  }
  const out = {};
  for (const id of ids) {
    const s = samples[id];
    out[id] = errors[id]
      ? { error: errors[id] }
      : {
          runs: s.length,
          importMs: median(s.map((x) => x.importMs)),
          initMs: median(s.map((x) => x.initMs)),
          firstRenderMs: median(s.map((x) => x.firstRenderMs)),
          totalMs: median(s.map((x) => x.totalMs)),
          processWallMs: median(walls[id]),
        };
  }
  return out;
}

export const COLDSTART_IDS = Object.keys(LOADERS);

if (process.argv[1] === SELF) {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    await child(argv[1], argv[2]);
  } else {
    const { seedPosts } = await import('./corpus.mjs');
    const { postrenderAvailable } = await import('./peers/postrender-available.mjs');
    const runs = Number(argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 15);
    const seed = seedPosts()[0];
    const file = path.join(fs.mkdtempSync('/tmp/postrender-cold-'), 'seed.md');
    fs.writeFileSync(file, seed.text);
    const ids = COLDSTART_IDS.filter((id) => id !== 'postrender' || postrenderAvailable());
    console.log(JSON.stringify(measureColdStart(ids, file, { runs, log: console.log }), null, 1));
  }
}

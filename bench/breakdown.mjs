// Where postrender's time goes, seen through its public API: the same posts rendered with parts
// of the pipeline switched off, beside markdown-wasm on the same body, in interleaved rounds.
//
//   full              renderer.render(file)                         (what the benchmark measures)
//   no front matter   renderer.render(body)                         (no YAML, no front matter fields)
//   markdown only     renderer.renderMarkdown(body)                 (no metadata object, no excerpt)
//   trusted markdown  renderer.renderMarkdown(body), sanitize:false (no sanitizer)
//   markdown-wasm     markdown.parse(body)                          (md4c alone)
//
// Besides the corpus groups, a `tiny` group (a two-line front matter and one sentence) shows the
// fixed cost of one call: crossing into the module and back, the metadata object.
//
//   node bench/breakdown.mjs [--rounds=N]
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildCorpus, stripFrontMatter } from './corpus.mjs';
import { median, shuffled } from './stats.mjs';
import { postrenderAvailable } from './peers/postrender-available.mjs';

const TINY_POST = '---\ntitle: Tiny\ntags: [a, b]\n---\nHello *world*, one sentence.\n';

export async function measureBreakdown(groups, { rounds = 8, repeat = { seed: 40, examples: 8, tiny: 400 }, warmupMs = 1500 } = {}) {
  groups = { ...groups, tiny: [{ text: TINY_POST }] };
  const { createRenderer } = await import('../web/src/index.js');
  const safe = await createRenderer();
  const trusted = await createRenderer({ sanitize: false });
  const markdown = createRequire(import.meta.url)('markdown-wasm');
  await markdown.ready;
  const F = markdown.ParseFlags;
  const parseFlags = F.TABLES | F.STRIKETHROUGH | F.TASK_LISTS | F.PERMISSIVE_URL_AUTO_LINKS | F.PERMISSIVE_WWW_AUTOLINKS | F.PERMISSIVE_EMAIL_AUTO_LINKS;
  const variants = [
    ['full', (p) => safe.render(p.text).html],
    ['no front matter', (p) => safe.render(p.body).html],
    ['markdown only', (p) => safe.renderMarkdown(p.body)],
    ['trusted markdown', (p) => trusted.renderMarkdown(p.body)],
    ['markdown-wasm', (p) => markdown.parse(p.body, { parseFlags })],
  ];
  // V8 runs a module's first calls on its baseline tier and compiles hot functions again in the
  // background: one warm-up round of the first group (a few dozen calls) left the examples
  // group measuring that, at 5-10x the steady cost. Every variant runs on every group first.
  const warmUntil = performance.now() + warmupMs;
  while (performance.now() < warmUntil) {
    for (const [g, posts] of Object.entries(groups)) {
      if (g === 'stress') continue;
      for (const p of posts) {
        const body = stripFrontMatter(p.text);
        for (const [, fn] of variants) fn({ text: p.text, body });
      }
    }
  }
  const out = {};
  for (const [g, posts] of Object.entries(groups)) {
    if (g === 'stress') continue;
    const items = posts.map((p) => ({ text: p.text, body: stripFrontMatter(p.text) }));
    const rep = repeat[g] ?? 1;
    const times = Object.fromEntries(variants.map(([name]) => [name, []]));
    for (let r = 0; r <= rounds; r++) {
      for (const [name, fn] of shuffled(variants, 31 * (r + 1) + g.length)) {
        const t0 = performance.now();
        for (const p of items) for (let k = 0; k < rep; k++) fn(p);
        if (r > 0) times[name].push((performance.now() - t0) / rep);  // round 0 warms up
      }
    }
    out[g] = Object.fromEntries(Object.entries(times).map(([name, t]) => [name, median(t)]));
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!postrenderAvailable()) {
    console.error('web/dist is not built (scripts/build-wasm.sh)');
    process.exit(1);
  }
  const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 8);
  const res = await measureBreakdown(buildCorpus({ quick: true }), { rounds });
  for (const [g, byName] of Object.entries(res)) {
    console.log(g);
    for (const [name, ms] of Object.entries(byName)) console.log(`  ${name.padEnd(18)} ${ms.toFixed(3).padStart(9)} ms per pass  ${(ms / byName.full).toFixed(2)}× of full`);
  }
}

// The benchmark's main entry (scripts/bench.sh runs it after building).
//
//   node bench/run.mjs [--quick] [--only=throughput,breakdown,native,coldstart,memory,sizes,site]
//                      [--native-dir=build/native-release] [--stress-all] [--out=bench/results]
//                      [--update-docs]   (also writes the report into docs/performance.md)
//                      [--report-only]   (re-renders bench/results/latest.json, measures nothing)
//
// Prints one Markdown report and saves it as <out>/latest.md, with every raw figure in
// <out>/latest.json. Absolute times on a shared 2-core machine are noisy; the ratios between
// pipelines measured in the same interleaved rounds are what the targets are checked against.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DIR, REPO_ROOT, buildCorpus, stripFrontMatter, writeCorpus } from './corpus.mjs';
import { measureThroughput } from './throughput.mjs';
import { measureMemory, memoryCases } from './memory.mjs';
import { measureColdStart } from './coldstart.mjs';
import { measureSizes } from './sizes.mjs';
import { measureSiteBuild } from './sitebuild.mjs';
import { measureBreakdown } from './breakdown.mjs';
import { PIPELINE_IDS, STRESS_PIPELINES, isAvailable, loadPipeline } from './peers/index.mjs';
import { fmt, fmtRatio, kb, median, ratio, table } from './stats.mjs';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'native-dir': { type: 'string' },
    'stress-all': { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(BENCH_DIR, 'results') },
    pipelines: { type: 'string' },
    'update-docs': { type: 'boolean', default: false },
    'report-only': { type: 'boolean', default: false },
  },
});

const QUICK = args.quick;
const SECTIONS = new Set(args['report-only'] ? [] : (args.only ?? 'throughput,breakdown,native,coldstart,memory,sizes,site').split(','));
const NATIVE_DIR = path.resolve(REPO_ROOT, args['native-dir'] ?? process.env.POSTRENDER_BENCH_BUILD_DIR ?? 'build/native-release');
const OUT_DIR = path.resolve(args.out);
const CONFIG = QUICK
  ? { rounds: 4, repeat: { seed: 15, examples: 3, readme: 1, spec: 1 }, budgetMs: 4000, stressRounds: 2, stressBudgetMs: 3000,
      nativeIterations: 5, nativeStressIterations: 2, coldRuns: 7, siteRuns: 1 }
  : { rounds: 10, repeat: { seed: 40, examples: 8, readme: 1, spec: 2 }, budgetMs: 15000, stressRounds: 5, stressBudgetMs: 8000,
      nativeIterations: 20, nativeStressIterations: 5, coldRuns: 15, siteRuns: 3 };

const startedAt = new Date();
const t0 = performance.now();
const log = (...a) => console.error(...a);
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)} s`;

fs.mkdirSync(OUT_DIR, { recursive: true });
const corpusDir = path.join(OUT_DIR, 'corpus');
const groups = buildCorpus({ quick: QUICK });
writeCorpus(groups, corpusDir);

const ids = (args.pipelines?.split(',') ?? PIPELINE_IDS).filter((id) => {
  if (isAvailable(id)) return true;
  log(`note: ${id} is not available (web/dist not built?): skipped`);
  return false;
});
const results = { startedAt: startedAt.toISOString(), quick: QUICK, config: CONFIG, machine: machine(), corpus: corpusSummary(), pipelines: {} };

for (const id of ids) {
  const p = await loadPipeline(id);
  results.pipelines[id] = { label: p.label, input: p.input };
}

if (SECTIONS.has('throughput')) {
  log(`[${elapsed()}] throughput and latency (one process, interleaved rounds)`);
  const peers = await Promise.all(ids.map(loadPipeline));
  const stressPipelines = args['stress-all'] ? null : STRESS_PIPELINES;
  results.throughput = (await measureThroughput(peers, groups, { ...CONFIG, stressPipelines, log })).results;
}

if (SECTIONS.has('breakdown') && ids.includes('postrender')) {
  log(`[${elapsed()}] postrender stage breakdown (public API, parts switched off)`);
  results.breakdown = await measureBreakdown(groups, { rounds: QUICK ? 5 : 10 });
}

if (SECTIONS.has('native')) {
  log(`[${elapsed()}] native: postrender_bench vs md4c (md2html's renderer) from ${path.relative(REPO_ROOT, NATIVE_DIR)}`);
  results.native = measureNative();
}

if (SECTIONS.has('coldstart')) {
  log(`[${elapsed()}] cold start (fresh process each)`);
  const coldIds = ['postrender', 'md4w-small', 'markdown-wasm'].filter((id) => id !== 'postrender' || ids.includes('postrender'));
  const seedFile = fs.readdirSync(path.join(corpusDir, 'seed')).map((f) => path.join(corpusDir, 'seed', f))[0];
  results.coldstart = measureColdStart(coldIds, seedFile, { runs: CONFIG.coldRuns, log });
}

if (SECTIONS.has('memory')) {
  log(`[${elapsed()}] peak memory (fresh process per pipeline and case)`);
  const cases = memoryCases(corpusDir, { quick: QUICK }).filter((c) => c.name !== 'seed');
  results.memory = measureMemory(ids, cases, { log, stressPipelines: args['stress-all'] ? null : STRESS_PIPELINES });
}

if (SECTIONS.has('sizes')) results.sizes = measureSizes();

if (SECTIONS.has('site')) {
  log(`[${elapsed()}] site build (1,000 posts)`);
  results.site = measureSiteBuild({ posts: 1000, runs: CONFIG.siteRuns, log });
}

let final = results;
if (args['report-only']) {
  // Re-renders the saved run (after a change to the report's format), measuring nothing.
  final = JSON.parse(fs.readFileSync(path.join(OUT_DIR, 'latest.json'), 'utf8'));
} else {
  results.durationSeconds = (performance.now() - t0) / 1000;
}
final.targets = evaluateTargets(final);
const report = renderReport(final);
fs.writeFileSync(path.join(OUT_DIR, 'latest.md'), report);
fs.writeFileSync(path.join(OUT_DIR, 'latest.json'), JSON.stringify(final, null, 1));
console.log(report);
log(`[${elapsed()}] saved ${path.relative(process.cwd(), path.join(OUT_DIR, 'latest.md'))} and latest.json`);
if (args['update-docs']) updateDocs(report);

// ---------------------------------------------------------------------------------------------

// Replaces the generated block of docs/performance.md with this report (headings two levels down).
function updateDocs(report) {
  const file = path.join(REPO_ROOT, 'docs', 'performance.md');
  const begin = '<!-- bench:begin (generated by bench/run.mjs --update-docs; do not edit by hand) -->';
  const end = '<!-- bench:end -->';
  const doc = fs.readFileSync(file, 'utf8');
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) {
    log(`note: ${path.relative(REPO_ROOT, file)} has no generated block: not updated`);
    return;
  }
  const body = report.replace(/^(#+) /gm, '$1## ').trim();
  fs.writeFileSync(file, `${doc.slice(0, a)}${begin}\n\n${body}\n\n${doc.slice(b)}`);
  log(`updated ${path.relative(REPO_ROOT, file)}`);
}

function machine() {
  const cpus = os.cpus();
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'core', 'wasm', 'web/src', 'bench'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    if (dirty) commit += ' (with uncommitted changes)';
  } catch {
    /* not a git checkout */
  }
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverage: os.loadavg().map((x) => x.toFixed(2)).join(' '),
    commit,
  };
}

function corpusSummary() {
  return Object.fromEntries(Object.entries(groups).map(([g, posts]) => [g, { posts: posts.length, bytes: posts.reduce((a, p) => a + p.bytes, 0), names: g === 'stress' ? posts.map((p) => p.name) : undefined }]));
}

function measureNative() {
  const bin = path.join(NATIVE_DIR, 'bench', 'native', 'postrender_bench');
  const md2html = path.join(NATIVE_DIR, 'bench', 'native', 'md2html');
  if (!fs.existsSync(bin)) {
    log(`  ${path.relative(REPO_ROOT, bin)} not built: skipped (cmake --preset native-release && cmake --build --preset native-release)`);
    return { error: 'postrender_bench not built' };
  }
  const r = spawnSync(bin, ['--json', '--iterations', String(CONFIG.nativeIterations), '--stress-iterations', String(CONFIG.nativeStressIterations), corpusDir], { encoding: 'utf8', timeout: 600000, maxBuffer: 16 << 20 });
  if (r.status !== 0) return { error: `postrender_bench failed: ${(r.stderr || '').slice(0, 300)}` };
  const native = JSON.parse(r.stdout);
  // md2html itself, as a cross-check of the in-process md_html figures: its --stat times md_html().
  native.md2html = {};
  if (fs.existsSync(md2html) && groups.stress) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'postrender-md2html-'));
    for (const p of groups.stress.filter((x) => /^mixed-/.test(x.name))) {
      const file = path.join(tmp, p.name);
      fs.writeFileSync(file, stripFrontMatter(p.text));
      const times = [];
      for (let i = 0; i < (QUICK ? 3 : 7); i++) {
        const m = spawnSync(md2html, ['--github', '--stat', '-o', '/dev/null', file], { encoding: 'utf8' });
        const t = /Time spent on parsing:\s*([\d.]+)\s*(ms|s)/.exec(m.stderr);
        if (t) times.push(Number(t[1]) * (t[2] === 's' ? 1000 : 1));
      }
      native.md2html[p.name] = { bytes: p.bytes, medianMs: median(times), minMs: Math.min(...times) };
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return native;
}

// ---------------------------------------------------------------------------------------------
// Targets from issue 6: each { name, target, measured (text), value, met }.

function evaluateTargets(res) {
  const out = [];
  const T = res.throughput;
  // A target whose figures were not measured (a section or a pipeline left out) is not listed.
  const add = (name, goal, value, met, detail = '') => {
    if (typeof value === 'number' && Number.isNaN(value)) return;
    out.push({ name, goal, value, met, detail });
  };
  const mbps = (id, g) => T?.[id]?.groups?.[g]?.mbps;
  const cpu = (id, g) => T?.[id]?.groups?.[g]?.cpuMBps;
  const pr = (g) => mbps('postrender', g);
  const cpuNote = (peer, g) => `; CPU time: ${fmtRatio(ratio(cpu('postrender', g), cpu(peer, g)))}`;
  if (T?.postrender) {
    for (const g of ['readme', 'seed']) {
      const r = ratio(pr(g), mbps('markdown-wasm', g));
      add(`Full pipeline vs markdown-wasm (Markdown only), ${g}`, '≥ 1.0×', r, r >= 1.0, `${fmt(pr(g))} vs ${fmt(mbps('markdown-wasm', g))} MB/s${cpuNote('markdown-wasm', g)}`);
    }
    for (const g of ['readme', 'seed']) {
      const r = ratio(pr(g), mbps('markdown-wasm+sanitize-html', g));
      add(`vs fastest full JS pipeline (markdown-wasm + sanitize-html), ${g}`, '≥ 8×', r, r >= 8, `${fmt(pr(g))} vs ${fmt(mbps('markdown-wasm+sanitize-html', g))} MB/s${cpuNote('markdown-wasm+sanitize-html', g)}`);
    }
    for (const g of ['readme', 'seed']) {
      const r = ratio(pr(g), mbps('marked+dompurify', g));
      add(`vs marked + DOMPurify (jsdom), ${g}`, '> 30×', r, r > 30, `${fmt(pr(g))} vs ${fmt(mbps('marked+dompurify', g))} MB/s${cpuNote('marked+dompurify', g)}`);
    }
    for (const g of ['readme', 'seed']) {
      const r = ratio(pr(g), mbps('markdown-it+sanitize-html', g));
      add(`vs markdown-it + sanitize-html (stricter stand-in for markdown-it + DOMPurify), ${g}`, '> 30×', r, r > 30, `${fmt(pr(g))} vs ${fmt(mbps('markdown-it+sanitize-html', g))} MB/s${cpuNote('markdown-it+sanitize-html', g)}`);
    }
    const seedP = T.postrender.groups.seed?.medianMs;
    const seedM = T['markdown-wasm']?.groups.seed?.medianMs;
    const r = ratio(seedP, seedM);
    add('Seed post median latency vs markdown-wasm', '≤ 1.5×', r, r <= 1.5, `${fmt(seedP, 3)} vs ${fmt(seedM, 3)} ms`);

    const st = T.postrender.stress ?? {};
    const base = st['mixed-1mb.md'];
    if (base?.medianMs) {
      const perMb = (rec) => rec.medianMs / (rec.bytes / 1e6);
      let worst = 0;
      let worstName = '';
      for (const [name, rec] of Object.entries(st)) {
        if (!rec.medianMs) continue;
        const q = perMb(rec) / perMb(base);
        if (q > worst) [worst, worstName] = [q, name];
      }
      add('Stress: slowest ms/MB vs the 1 MB post (wasm)', '≤ 2×', worst, worst <= 2, worstName);
    }
    const failed = Object.entries(st).filter(([, rec]) => rec.error);
    add('Stress: every post renders (no stack overflow, no error)', 'all', failed.length === 0 ? 1 : 0, failed.length === 0,
      failed.length ? failed.map(([n, r]) => `${n}: ${r.error}`).join('; ') : `${Object.keys(st).length} posts`);
  }
  const N = res.native;
  if (N?.groups) {
    for (const g of ['readme', 'seed']) {
      const x = N.groups[g];
      if (!x) continue;
      const r = ratio(x.postrenderMBps, x.md4cMBps);
      add(`Native core vs md4c md2html renderer, ${g}`, '≥ 0.7×', r, r >= 0.7, `${fmt(x.postrenderMBps)} vs ${fmt(x.md4cMBps)} MB/s`);
    }
    const all = Object.values(N.groups).reduce((a, x) => ({ b: a.b + x.bytes, p: a.p + x.postrenderMs, m: a.m + x.md4cMs }), { b: 0, p: 0, m: 0 });
    const r = ratio(all.m, all.p);
    add('Native core vs md4c md2html renderer, whole corpus', '≥ 0.7×', r, r >= 0.7, `${fmt(all.b / 1e3 / all.p)} vs ${fmt(all.b / 1e3 / all.m)} MB/s`);
    const s = N.groups.stress?.docs;
    if (s?.['mixed-1mb.md']) {
      const perMb = (d) => d.postrenderMs / (d.bytes / 1e6);
      const base = perMb(s['mixed-1mb.md']);
      let worst = 0;
      let worstName = '';
      for (const [name, d] of Object.entries(s)) if (perMb(d) / base > worst) [worst, worstName] = [perMb(d) / base, name];
      add('Stress: slowest ms/MB vs the 1 MB post (native)', '≤ 2×', worst, worst <= 2, worstName);
    }
  }
  const M = res.memory;
  if (M) {
    let worst = 0;
    let worstName = '';
    let n = 0;
    for (const [name, byId] of Object.entries(M)) {
      if (!name.startsWith('stress/')) continue;
      const p = byId.postrender;
      const m = byId['markdown-wasm'];
      if (!p || !m || p.error || m.error) continue;
      n++;
      const q = Math.max(p.rssGrowth, 0) / Math.max(m.rssGrowth, 1 << 20);
      if (q > worst) [worst, worstName] = [q, name];
    }
    if (n) add('Stress: peak memory growth vs markdown-wasm (worst post)', '≤ 1.5×', worst, worst <= 1.5, worstName);
  }
  const S = res.sizes?.['postrender (wasm + glue)'];
  if (S) add('wasm + glue, gzip -9', '≤ 120 KB', S.gzip / 1024, S.gzip <= 120 * 1024, `${kb(S.gzip)} (raw ${kb(S.raw)}, brotli ${kb(S.brotli)})`);
  const C = res.coldstart;
  if (C?.postrender?.totalMs && C['md4w-small']?.totalMs) {
    const r = ratio(C.postrender.totalMs, C['md4w-small'].totalMs);
    add('Cold start (import → first render) vs md4w-small', '≤ 1.5×', r, r <= 1.5, `${fmt(C.postrender.totalMs)} vs ${fmt(C['md4w-small'].totalMs)} ms`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

function renderReport(res) {
  const L = [];
  const m = res.machine;
  L.push(`# postrender benchmark${res.quick ? ' (quick)' : ''}`, '');
  L.push(`- Date: ${res.startedAt.slice(0, 16).replace('T', ' ')} UTC; run took ${fmt(res.durationSeconds / 60)} min`);
  L.push(`- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}; load average at start ${m.loadAverage}`);
  L.push(`- Commit: ${m.commit || 'unknown'}; command: \`scripts/bench.sh${res.quick ? ' --quick' : ''}\``);
  L.push(`- Corpus: ${Object.entries(res.corpus).map(([g, c]) => `${g} ${c.posts} posts / ${fmt(c.bytes / 1e6)} MB`).join(', ')}`);
  L.push('');

  if (res.targets.length) {
    L.push('## Targets (issue 6)', '');
    L.push(table(['target', 'goal', 'measured', 'status', 'detail'], res.targets.map((t) => [
      t.name, t.goal, t.name.startsWith('wasm + glue') ? `${fmt(t.value)} KB` : t.name.startsWith('Stress: every') ? (t.met ? 'yes' : 'no') : fmtRatio(t.value), t.met ? 'met' : '**not met**', t.detail,
    ])));
    L.push('');
  }

  const T = res.throughput;
  if (T) {
    const gs = Object.keys(res.corpus).filter((g) => g !== 'stress');
    const ref = T['markdown-wasm'];
    L.push(`## Throughput (MB/s of input, median of up to ${res.config.rounds} interleaved rounds; higher is better)`, '');
    L.push('Every pipeline is timed on the same post files in one Node process. Markdown-only peers get the body with the front matter stripped beforehand (not timed); MB/s always counts the whole file, so ratios are time ratios. "×mw" = throughput relative to markdown-wasm (Markdown only).', '');
    const header = ['pipeline', ...gs.map((g) => `${g} MB/s`), ...gs.filter((g) => ref?.groups[g]).map((g) => `${g} ×mw`)];
    const rows = Object.entries(T).map(([id, r]) => [
      r.label,
      ...gs.map((g) => (r.groups[g]?.errors?.length ? `${fmt(r.groups[g].mbps)} (${r.groups[g].errors.length} failed)` : fmt(r.groups[g]?.mbps))),
      ...gs.filter((g) => ref?.groups[g]).map((g) => fmtRatio(ratio(r.groups[g]?.mbps, ref.groups[g].mbps))),
    ]);
    L.push(table(header, rows), '');
    L.push('The same over the process\'s CPU time (user + system, all threads; other processes on the machine cannot inflate it):', '');
    L.push(table(['pipeline', ...gs.map((g) => `${g} CPU MB/s`), ...gs.filter((g) => ref?.groups[g]).map((g) => `${g} ×mw`)], Object.values(T).map((r) => [
      r.label,
      ...gs.map((g) => fmt(r.groups[g]?.cpuMBps)),
      ...gs.filter((g) => ref?.groups[g]).map((g) => fmtRatio(ratio(r.groups[g]?.cpuMBps, ref.groups[g].cpuMBps))),
    ])), '');
    L.push('Rounds run per group (slow pipelines stop at their time budget): ' + Object.entries(T).map(([id, r]) => `${id} ${gs.map((g) => r.groups[g]?.rounds).join('/')}`).join('; '), '');

    L.push('## Latency per post (ms; every render call is a sample)', '');
    const lg = gs.filter((g) => g !== 'spec');
    L.push(table(['pipeline', ...lg.flatMap((g) => [`${g} median`, `${g} p99`])], Object.values(T).map((r) => [
      r.label, ...lg.flatMap((g) => [fmt(r.groups[g]?.medianMs, 3), fmt(r.groups[g]?.p99Ms, 3)]),
    ])), '');

    const stressIds = Object.keys(T).filter((id) => Object.values(T[id].stress).some((s) => s.rounds));
    if (res.corpus.stress && stressIds.length) {
      L.push(`## Stress posts (ms per post, median of up to ${res.config.stressRounds} rounds)`, '');
      const base = T.postrender?.stress['mixed-1mb.md'];
      const header2 = ['post', 'MB', ...stressIds.map((id) => id), ...(base ? ['postrender ms/MB ÷ 1 MB post'] : [])];
      const rows2 = res.corpus.stress.names.map((name) => {
        const bytes = T[stressIds[0]].stress[name].bytes;
        const cells = stressIds.map((id) => {
          const s = T[id].stress[name];
          return s.error ? `error: ${s.error.slice(0, 40)}` : fmt(s.medianMs);
        });
        const p = T.postrender?.stress[name];
        const lin = base && p?.medianMs ? fmtRatio(p.medianMs / bytes / (base.medianMs / base.bytes)) : '–';
        return [name, fmt(bytes / 1e6), ...cells, ...(base ? [lin] : [])];
      });
      L.push(table(header2, rows2), '');
      const skipped = Object.keys(T).filter((id) => !stressIds.includes(id));
      if (skipped.length) L.push(`Not run on the stress set (minutes per post; \`--stress-all\` runs them): ${skipped.join(', ')}.`, '');
    }
  }

  const B = res.breakdown;
  if (B) {
    L.push('## Where postrender\'s time goes (public API, parts switched off; ms per pass over the group, median)', '');
    L.push('full = `render(file)`; no front matter = `render(body)`; markdown only = `renderMarkdown(body)` (no metadata object, no excerpt); trusted = the same with `sanitize: false`; markdown-wasm = md4c alone on the body.', '');
    const names = Object.keys(Object.values(B)[0] ?? {});
    L.push(table(['group', ...names], Object.entries(B).map(([g, byName]) => [g, ...names.map((n) => `${fmt(byName[n], 3)} (${fmt(byName[n] / byName.full)})`)])), '');
  }

  const N = res.native;
  if (N?.groups) {
    L.push(`## Native (C++, \`postrender_bench\`, median of ${N.iterations} rounds, stress ${N.stressIterations})`, '');
    L.push("postrender::render() on each whole file (front matter, Markdown, sanitizing, metadata) against md_html() from the same pinned md4c 0.5.2 (md2html's renderer, `--github` flags) on the body alone, in one process, interleaved.", '');
    const rows = Object.entries(N.groups).map(([g, x]) => [g, String(x.posts), fmt(x.bytes / 1e6), fmt(x.postrenderMBps), fmt(x.md4cMBps), fmtRatio(ratio(x.postrenderMBps, x.md4cMBps))]);
    for (const [name, d] of Object.entries(N.groups.stress?.docs ?? {})) {
      rows.push([`  stress/${name}`, '1', fmt(d.bytes / 1e6), fmt(d.bytes / 1e3 / d.postrenderMs), fmt(d.bytes / 1e3 / d.md4cMs), fmtRatio(ratio(d.md4cMs, d.postrenderMs))]);
    }
    L.push(table(['group', 'posts', 'MB', 'postrender MB/s', 'md4c md_html MB/s', 'ratio'], rows), '');
    const md = Object.entries(N.md2html ?? {});
    if (md.length) {
      L.push('Cross-check with the `md2html` binary itself (`--github --stat`, its own timer around md_html(); median of runs): ' +
        md.map(([n, x]) => `${n} ${fmt(x.medianMs)} ms (in-process md_html: ${fmt(N.groups.stress.docs[n]?.md4cMs)} ms)`).join('; ') + '.', '');
    }
  } else if (N?.error) {
    L.push('## Native', '', `Skipped: ${N.error}.`, '');
  }

  const C = res.coldstart;
  if (C) {
    L.push(`## Cold start (fresh Node process, import → ready → first render of the seed post; median of ${res.config.coldRuns})`, '');
    L.push(table(['package', 'import ms', 'init ms', 'first render ms', 'total ms', 'process wall ms', '× md4w-small'], Object.entries(C).map(([id, c]) =>
      c.error ? [id, `error: ${c.error.slice(0, 60)}`, '', '', '', '', ''] :
        [id, fmt(c.importMs), fmt(c.initMs), fmt(c.firstRenderMs), fmt(c.totalMs), fmt(c.processWallMs), fmtRatio(ratio(c.totalMs, C['md4w-small']?.totalMs))])), '');
  }

  const M = res.memory;
  if (M) {
    L.push('## Peak memory (fresh process per case; growth of peak RSS over the warmed-up baseline, MB)', '');
    const mids = [...new Set(Object.values(M).flatMap((x) => Object.keys(x)))];
    const cell = (r) => (!r ? '–' : r.error ? 'error' : r.measurable ? fmt(r.rssGrowth / 2 ** 20) : `≤ ${fmt(r.slack / 2 ** 20)}`);
    L.push(table(['case', ...mids], Object.entries(M).map(([name, byId]) => [name, ...mids.map((id) => cell(byId[id]))])), '');
    const wasmRows = Object.entries(M).map(([name, byId]) => [name, ...mids.map((id) => (byId[id]?.wasmAfter ? fmt(byId[id].wasmAfter / 2 ** 20) : '–'))]);
    L.push('Wasm linear memory after the render (MB; it never shrinks):', '', table(['case', ...mids], wasmRows), '');
  }

  const S = res.sizes;
  if (S) {
    L.push('## Bundle size (each file compressed alone, summed)', '');
    L.push(table(['bundle', 'raw', 'gzip -9', 'brotli 11'], Object.entries(S).map(([n, s]) => [n, kb(s.raw), kb(s.gzip), kb(s.brotli)])), '');
  }

  const W = res.site;
  if (W) {
    L.push(`## Building a ${W.posts}-post site (${fmt(W.bytes / 1e6)} MB of posts; wall time of the whole process, median of ${W.runs})`, '');
    const js = W.results['js-site-build (markdown-it + sanitize-html)']?.medianMs;
    L.push(table(['command', 'seconds', 'pages', 'speed-up vs the JS script'], Object.entries(W.results).map(([id, r]) =>
      r.error ? [id, `error: ${r.error.slice(0, 60)}`, '', ''] : [id, fmt(r.medianMs / 1000), String(r.pages), fmtRatio(ratio(js, r.medianMs))])), '');
  }
  return L.join('\n');
}

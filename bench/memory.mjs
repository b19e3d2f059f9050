// Peak memory per pipeline, each case in a fresh Node process.
//
//   node memory.mjs [--quick] [--pipelines a,b] [--corpus DIR]   (parent: runs all cases, prints a table)
//   node --expose-gc memory.mjs --child ID FILE...               (one process: renders FILEs once)
//   POSTRENDER_BENCH_DIST=DIR node memory.mjs ...                  (postrender's .wasm from DIR, not web/dist)
//
// In the child: create the pipeline, render a tiny post (so lazy init is in the baseline), collect
// garbage, take the baseline (RSS, V8 heap, wasm memories), reset the kernel's peak-RSS counter
// (Linux: write 5 to /proc/self/clear_refs), render every FILE once, then read the peak (VmHWM).
// Growth = peak RSS - baseline RSS. Where the counter cannot be reset, getrusage's maxrss is used,
// and a growth below the start-up peak is reported as "≤ slack" (not measurable that way).
// Wasm memory is found by wrapping WebAssembly.instantiate / Instance, so it works for every
// wasm-based pipeline without knowing its internals; wasm memory never shrinks, so its growth
// over the baseline is its peak.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);

function instrumentWasm() {
  const memories = new Set();
  const collect = (instance, imports) => {
    for (const v of Object.values(instance?.exports ?? {})) if (v instanceof WebAssembly.Memory) memories.add(v);
    for (const ns of Object.values(imports ?? {})) {
      for (const v of Object.values(ns ?? {})) if (v instanceof WebAssembly.Memory) memories.add(v);
    }
  };
  const originalInstantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = async function (source, imports, ...rest) {
    const result = await originalInstantiate.call(this, source, imports, ...rest);
    collect(result instanceof WebAssembly.Instance ? result : result.instance, imports);
    return result;
  };
  if (WebAssembly.instantiateStreaming) {
    const originalStreaming = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = async function (source, imports, ...rest) {
      const result = await originalStreaming.call(this, source, imports, ...rest);
      collect(result.instance, imports);
      return result;
    };
  }
  const OriginalInstance = WebAssembly.Instance;
  WebAssembly.Instance = new Proxy(OriginalInstance, {
    construct(target, args, newTarget) {
      const instance = Reflect.construct(target, args, newTarget);
      collect(instance, args[1]);
      return instance;
    },
  });
  return () => [...memories].reduce((a, m) => a + m.buffer.byteLength, 0);
}

function resetPeakRss() {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return Number.isFinite(peakRss());
  } catch {
    return false;
  }
}

function peakRss() {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

async function child(id, files) {
  const wasmBytes = instrumentWasm();
  const { loadPipeline } = await import('./peers/index.mjs');
  const { stripFrontMatter } = await import('./corpus.mjs');
  const peer = await loadPipeline(id);
  const renderer = await peer.create();
  const prepare = (text) => (peer.input === 'body' ? stripFrontMatter(text) : text);
  renderer.render(prepare('---\ntitle: warm\n---\n\n# Warm *up*\n\n<b>x</b> [l](https://e.com)\n'));
  const inputs = files.map((f) => prepare(fs.readFileSync(f, 'utf8')));
  const inputBytes = files.reduce((a, f) => a + fs.statSync(f).size, 0);
  for (let i = 0; i < 3; i++) globalThis.gc?.();
  const before = process.memoryUsage();
  const canReset = resetPeakRss();
  const peakBefore = canReset ? peakRss() : process.resourceUsage().maxRSS * 1024;
  const wasmBefore = wasmBytes();
  let outputBytes = 0;
  let error = null;
  const t0 = performance.now();
  for (const input of inputs) {
    try {
      outputBytes += renderer.render(input).length;
    } catch (err) {
      error = String(err?.message ?? err).slice(0, 200);
      break;
    }
  }
  const ms = performance.now() - t0;
  const after = process.memoryUsage();
  const peakAfter = canReset ? peakRss() : process.resourceUsage().maxRSS * 1024;
  const wasmAfter = wasmBytes();
  const result = {
    id,
    inputBytes,
    outputBytes,
    ms,
    error,
    baselineRss: before.rss,
    peakRss: peakAfter,
    rssGrowth: peakAfter - before.rss,
    slack: Math.max(0, peakBefore - before.rss),
    measurable: canReset || peakAfter > peakBefore,
    peakMethod: canReset ? 'VmHWM after clear_refs' : 'getrusage maxrss',
    heapUsedBefore: before.heapUsed,
    heapUsedAfter: after.heapUsed,
    externalAfter: after.external,
    wasmBefore,
    wasmAfter,
    wasmGrowth: wasmAfter - wasmBefore,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

// Runs one case in a fresh process; returns the child's JSON or { error }.
export function runMemoryCase(id, files, { timeoutMs = 300000 } = {}) {
  const r = spawnSync(process.execPath, ['--expose-gc', SELF, '--child', id, ...files], {
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 1 << 20,
  });
  const line = (r.stdout || '').trim().split('\n').pop();
  try {
    return JSON.parse(line);
  } catch {
    return { id, error: r.error?.code === 'ETIMEDOUT' ? 'timeout' : (r.stderr || `exit ${r.status}`).trim().split('\n').slice(-3).join(' ').slice(0, 200) };
  }
}

// cases: [{ name, files }]; pipelines: ids. Returns { [case]: { [id]: result } }.
export function measureMemory(pipelines, cases, { log = () => {}, stressPipelines = null } = {}) {
  const out = {};
  for (const c of cases) {
    out[c.name] = {};
    for (const id of pipelines) {
      if (c.stress && stressPipelines && !stressPipelines.has(id)) continue;
      const r = runMemoryCase(id, c.files);
      out[c.name][id] = r;
      log(`  ${c.name} / ${id}: ${r.error ? 'error: ' + r.error : (r.rssGrowth / 1048576).toFixed(1) + ' MB'}`);
    }
  }
  return out;
}

export function memoryCases(corpusDir, { quick = false } = {}) {
  const files = (group) =>
    fs.existsSync(path.join(corpusDir, group))
      ? fs.readdirSync(path.join(corpusDir, group)).sort().map((f) => path.join(corpusDir, group, f))
      : [];
  const cases = [];
  const readme = files('readme');
  if (readme.length) cases.push({ name: 'readme (all, one process)', files: readme });
  const seed = files('seed');
  if (seed.length) cases.push({ name: 'seed', files: seed });
  for (const f of files('stress')) {
    if (quick && !/mixed-1mb|raw-html/.test(f)) continue;
    cases.push({ name: `stress/${path.basename(f)}`, files: [f], stress: true });
  }
  return cases;
}

if (process.argv[1] === SELF) {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    await child(argv[1], argv.slice(2));
  } else {
    const { buildCorpus, writeCorpus, BENCH_DIR } = await import('./corpus.mjs');
    const { PIPELINE_IDS, STRESS_PIPELINES, isAvailable } = await import('./peers/index.mjs');
    const quick = argv.includes('--quick');
    const arg = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
    let corpusDir = arg('corpus');
    if (!corpusDir) {
      corpusDir = path.join(BENCH_DIR, 'results', 'corpus');
      writeCorpus(buildCorpus({ quick }), corpusDir);
    }
    const ids = (arg('pipelines')?.split(',') ?? PIPELINE_IDS).filter(isAvailable);
    const res = measureMemory(ids, memoryCases(corpusDir, { quick }), { log: console.log, stressPipelines: STRESS_PIPELINES });
    console.log(JSON.stringify(res, null, 1));
  }
}

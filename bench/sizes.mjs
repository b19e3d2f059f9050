// Bundle sizes: what a browser downloads to render Markdown with each package, raw / gzip -9 /
// brotli (quality 11), each file compressed on its own (as a server would send it) and summed.
// For postrender: the default bundle (postrender.wasm + the JS that links it) and, separately,
// the fallback module that is only fetched for front matter beyond the common YAML subset.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { BENCH_DIR, REPO_ROOT } from './corpus.mjs';

function fileSizes(file) {
  const data = fs.readFileSync(file);
  return {
    file,
    raw: data.length,
    gzip: zlib.gzipSync(data, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(data, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    }).length,
  };
}

function sum(files) {
  const parts = files.filter((f) => fs.existsSync(f)).map(fileSizes);
  return {
    files: parts.map((p) => ({ ...p, file: path.relative(REPO_ROOT, p.file) })),
    raw: parts.reduce((a, p) => a + p.raw, 0),
    gzip: parts.reduce((a, p) => a + p.gzip, 0),
    brotli: parts.reduce((a, p) => a + p.brotli, 0),
    complete: parts.length === files.length,
  };
}

// The static import graph of an ES module (relative imports only: the package's own files).
function importGraph(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !fs.existsSync(file)) return;
    seen.add(file);
    const src = fs.readFileSync(file, 'utf8');
    for (const m of src.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"](\.[^'"]+)['"]/g)) {
      visit(path.resolve(path.dirname(file), m[1]));
    }
  };
  visit(entry);
  return [...seen];
}

export function measureSizes() {
  const nm = path.join(BENCH_DIR, 'node_modules');
  const dist = path.join(REPO_ROOT, 'web', 'dist');
  const src = path.join(REPO_ROOT, 'web', 'src');
  const out = {};
  if (fs.existsSync(path.join(dist, 'postrender.wasm'))) {
    // postrender has no Emscripten glue: its own loader and engine link the module, so they are
    // the "glue" beside the peers' Emscripten files. The full module (yaml-cpp) is fetched only
    // for front matter beyond the common YAML subset, so it is reported on its own.
    const glue = [path.join(src, 'loader.js'), path.join(src, 'engine.js')];
    out['postrender (wasm + glue)'] = sum([path.join(dist, 'postrender.wasm'), ...glue]);
    out['postrender (wasm + glue + API JS)'] = sum([path.join(dist, 'postrender.wasm'), ...new Set([...glue, ...importGraph(path.join(src, 'index.js'))])]);
    if (fs.existsSync(path.join(dist, 'postrender-full.wasm'))) {
      out['postrender fallback module (postrender-full.wasm, on demand)'] = sum([path.join(dist, 'postrender-full.wasm')]);
    }
  }
  out['markdown-wasm 1.2.0 (wasm + glue)'] = sum([
    path.join(nm, 'markdown-wasm', 'dist', 'markdown.wasm'),
    path.join(nm, 'markdown-wasm', 'dist', 'markdown.es.js'),
  ]);
  out['md4w-small 0.2.7 (wasm + glue)'] = sum([
    path.join(nm, 'md4w', 'js', 'md4w-small.wasm'),
    path.join(nm, 'md4w', 'js', 'md4w.js'),
    path.join(nm, 'md4w', 'js', 'index.js'),
  ]);
  out['md4w-fast 0.2.7 (wasm + glue)'] = sum([
    path.join(nm, 'md4w', 'js', 'md4w-fast.wasm'),
    path.join(nm, 'md4w', 'js', 'md4w.js'),
    path.join(nm, 'md4w', 'js', 'index.js'),
  ]);
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(BENCH_DIR, 'sizes.mjs')) {
  for (const [name, s] of Object.entries(measureSizes())) {
    console.log(`${name.padEnd(62)} raw ${(s.raw / 1024).toFixed(1).padStart(7)} KB  gzip ${(s.gzip / 1024).toFixed(1).padStart(6)} KB  brotli ${(s.brotli / 1024).toFixed(1).padStart(6)} KB`);
  }
}

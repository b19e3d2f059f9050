// Time to build a 1,000-post site: `postrender build` against a plain JavaScript build script
// (peers/js-site-build.mjs: gray-matter + markdown-it + sanitize-html). Each build is a fresh
// process timed from spawn to exit (start-up included: that is what a user waits for), in
// interleaved repetitions; the median is reported.
//
//   node sitebuild.mjs [--posts=1000] [--runs=3]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DIR, REPO_ROOT, examplePosts, readmePosts, seedPosts, stripFrontMatter } from './corpus.mjs';
import { median } from './stats.mjs';

const CATEGORIES = ['news', 'tech', 'life', '고용', 'notes'];

// 1,000 Jekyll posts (_posts/YYYY-MM-DD-slug.md) cycling through the real-world bodies.
export function writeSite(dir, count = 1000) {
  const bodies = [...examplePosts(), ...seedPosts(), ...readmePosts()].map((p) => stripFrontMatter(p.text));
  fs.rmSync(dir, { recursive: true, force: true });
  const posts = path.join(dir, '_posts');
  fs.mkdirSync(posts, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2020, 0, 1) + i * 86400000).toISOString().slice(0, 10);
    const text =
      `---\ntitle: "Post ${i + 1}: notes on item ${i % bodies.length}"\ndate: ${day}\n` +
      `categories: [${CATEGORIES[i % CATEGORIES.length]}]\ntags: [bench, t${i % 17}]\n---\n\n` +
      bodies[i % bodies.length];
    fs.writeFileSync(path.join(posts, `${day}-post-${i + 1}.md`), text);
    bytes += Buffer.byteLength(text);
  }
  return { dir, count, bytes };
}

export function siteBuildCommands(src, out) {
  const cli = path.join(REPO_ROOT, 'web', 'bin', 'postrender.js');
  const cmds = [];
  if (fs.existsSync(cli)) {
    cmds.push({ id: 'postrender build', argv: [cli, 'build', src, '--out', out, '--quiet'] });
    cmds.push({ id: 'postrender build --jobs 1', argv: [cli, 'build', src, '--out', out, '--quiet', '--jobs', '1'] });
  }
  cmds.push({ id: 'js-site-build (markdown-it + sanitize-html)', argv: [path.join(BENCH_DIR, 'peers', 'js-site-build.mjs'), src, out] });
  return cmds;
}

export function measureSiteBuild({ posts = 1000, runs = 3, log = () => {} } = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'postrender-site-'));
  const site = writeSite(path.join(root, 'src'), posts);
  const out = path.join(root, 'out');
  const cmds = siteBuildCommands(site.dir, out);
  const times = Object.fromEntries(cmds.map((c) => [c.id, []]));
  const results = {};
  for (let r = 0; r < runs; r++) {
    for (const c of r % 2 === 0 ? cmds : [...cmds].reverse()) {
      if (results[c.id]?.error) continue;
      fs.rmSync(out, { recursive: true, force: true });
      const t0 = performance.now();
      const p = spawnSync(process.execPath, c.argv, { encoding: 'utf8', cwd: REPO_ROOT, timeout: 300000 });
      const ms = performance.now() - t0;
      if (p.status !== 0) {
        results[c.id] = { error: `exit ${p.status}: ${(p.stderr || p.stdout || '').trim().split('\n').slice(-2).join(' ').slice(0, 300)}` };
        log(`  ${c.id}: ${results[c.id].error}`);
        continue;
      }
      const pages = countFiles(out, 'index.html');
      times[c.id].push(ms);
      results[c.id] = { pages };
      log(`  ${c.id}: ${(ms / 1000).toFixed(2)} s (${pages} index.html files)`);
    }
  }
  for (const c of cmds) if (!results[c.id]?.error) results[c.id].medianMs = median(times[c.id]);
  fs.rmSync(root, { recursive: true, force: true });
  return { posts: site.count, bytes: site.bytes, runs, results };
}

function countFiles(dir, name) {
  let n = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) n += countFiles(path.join(dir, entry.name), name);
    else if (entry.name === name) n++;
  }
  return n;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, d) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d);
  console.log(JSON.stringify(measureSiteBuild({ posts: arg('posts', 1000), runs: arg('runs', 3), log: console.log }), null, 1));
}

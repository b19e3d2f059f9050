#!/usr/bin/env node
// CommonMark conformance of the Markdown renderer, in trusted mode (raw HTML passed through).
//
//   node tests/conformance/run.mjs BUILD_DIR [--verbose] [--md2html PATH]
//
// Renders every example of the npm package commonmark-spec (pinned in package.json) with plain
// CommonMark flags, and the examples of md4c's own extension suites (tables, strikethrough, task
// lists, permissive autolinks, underline; from md4c's pinned source tree) with their flags, through
// BUILD_DIR/tests/postrender_spec_runner. Both sides are compared after the CommonMark HTML
// normalisation (normalize.mjs). Every example is also rendered with data-source-line and heading
// ids, which must only add attributes. Exits non-zero when any check fails.
// --md2html PATH also compares our bytes, unnormalised, with md4c's own md2html.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const md2htmlIndex = args.indexOf('--md2html');
const md2html = md2htmlIndex >= 0 ? args[md2htmlIndex + 1] : null;
const buildDir = args.find((a, i) => !a.startsWith('--') && (md2htmlIndex < 0 || i !== md2htmlIndex + 1));
if (!buildDir) {
  console.error('usage: node tests/conformance/run.mjs BUILD_DIR [--verbose] [--md2html PATH]');
  process.exit(2);
}
const helper = resolve(buildDir, 'tests', 'postrender_spec_runner');
if (!existsSync(helper)) {
  console.error(`${helper} not found: build the target postrender_spec_runner first`);
  process.exit(2);
}
if (!existsSync(join(here, 'node_modules', 'commonmark-spec'))) {
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: here, stdio: 'inherit' });
  if (install.status !== 0) process.exit(2);
}
const require = createRequire(join(here, 'package.json'));
const { normalizeHtml } = await import('./normalize.mjs');

// md4c's command-line flags (md2html --f...) as MD_FLAG_* bits; only the extensions postrender offers.
const MD4C_FLAGS = {
  '--ftables': 0x0100,
  '--fstrikethrough': 0x0200,
  '--ftasklists': 0x0800,
  '--fpermissive-url-autolinks': 0x0004,
  '--fpermissive-www-autolinks': 0x0400,
  '--fpermissive-email-autolinks': 0x0008,
  '--funderline': 0x4000,
};
const EXTENSION_SUITES = [
  'spec-tables.txt',
  'spec-strikethrough.txt',
  'spec-tasklists.txt',
  'spec-permissive-autolinks.txt',
  'spec-underline.txt',
];

/** Examples of a spec-format file (md4c's test/*.txt): markdown, html, options per example. */
function readSpecFile(path) {
  const examples = [];
  let state = 0;
  let markdown = [];
  let html = [];
  let options = [];
  let noNormalize = false;
  let line = 0;
  let startLine = 0;
  for (const raw of readFileSync(path, 'utf8').split(/(?<=\n)/)) {
    line += 1;
    const l = raw.trim();
    if (/^`{32} example( [a-z]+)?/.test(l)) {
      state = 1;
      startLine = line;
      noNormalize = /\[no-normalize\]/.test(l);
    } else if (state >= 2 && l === '`'.repeat(32)) {
      examples.push({
        markdown: markdown.join('').replaceAll('→', '\t'),
        html: html.join('').replaceAll('→', '\t'),
        options: options.join('').trim(),
        noNormalize,
        line: startLine,
      });
      state = 0;
      markdown = [];
      html = [];
      options = [];
    } else if (l === '.' && state >= 1) {
      state += 1;
    } else if (state === 1) {
      markdown.push(raw);
    } else if (state === 2) {
      html.push(raw);
    } else if (state === 3) {
      options.push(raw);
    }
  }
  return examples;
}

/** md4c flags for an example's option line, or null when it needs an extension we do not offer. */
function flagsFor(options) {
  let flags = 0;
  for (const option of options.split(/\s+/).filter(Boolean)) {
    if (!(option in MD4C_FLAGS)) return null;
    flags |= MD4C_FLAGS[option];
  }
  return flags;
}

/** Renders all cases in one helper process; returns the HTML strings in order. */
function renderAll(cases) {
  const parts = [];
  for (const c of cases) {
    const bytes = Buffer.from(c.markdown, 'utf8');
    parts.push(Buffer.from(`${c.flags} ${bytes.length}\n`, 'ascii'), bytes);
  }
  const run = spawnSync(helper, [], { input: Buffer.concat(parts), maxBuffer: 1 << 28 });
  if (run.status !== 0) {
    console.error(`postrender_spec_runner failed (status ${run.status}): ${run.stderr}`);
    process.exit(2);
  }
  const out = run.stdout;
  const results = [];
  let pos = 0;
  while (pos < out.length) {
    const newline = out.indexOf(10, pos);
    const size = Number(out.subarray(pos, newline).toString('ascii'));
    results.push(out.subarray(newline + 1, newline + 1 + size).toString('utf8'));
    pos = newline + 1 + size;
  }
  if (results.length !== cases.length) {
    console.error(`expected ${cases.length} results, got ${results.length}`);
    process.exit(2);
  }
  return results;
}

function normalizedEqual(actual, expected) {
  try {
    return normalizeHtml(actual) === normalizeHtml(expected);
  } catch (error) {
    return false;
  }
}

function md2htmlBytes(markdown, options) {
  const run = spawnSync(md2html, options.split(/\s+/).filter(Boolean), { input: markdown });
  return (run.stdout ?? Buffer.alloc(0)).toString('utf8');
}

// ---- cases
const cases = [];
const spec = require('commonmark-spec');
for (const test of spec.tests) {
  // The spec writes tabs as '→' (its own runner replaces them the same way).
  const markdown = test.markdown.replaceAll('→', '\t');
  const html = test.html.replaceAll('→', '\t');
  cases.push({ suite: 'commonmark', id: test.number, markdown, html, flags: 0, options: '' });
}
const md4cTestDir = spawnSync(helper, ['--md4c-test-dir']).stdout.toString().trim();
const skipped = [];
for (const file of EXTENSION_SUITES) {
  const path = join(md4cTestDir, file);
  if (!existsSync(path)) {
    skipped.push(`${file} (not found in ${md4cTestDir})`);
    continue;
  }
  readSpecFile(path).forEach((example, index) => {
    const flags = flagsFor(example.options);
    if (flags === null) {
      skipped.push(`${file} example ${index + 1} (${example.options})`);
      return;
    }
    cases.push({ suite: file, id: index + 1, ...example, flags });
  });
}

// ---- run
const results = renderAll(cases);
const bySuite = new Map();
let md2htmlSame = 0;
cases.forEach((c, i) => {
  const actual = results[i];
  const passed = c.noNormalize ? actual === c.html : normalizedEqual(actual, c.html);
  if (!bySuite.has(c.suite)) bySuite.set(c.suite, { passed: 0, total: 0, failed: [] });
  const suite = bySuite.get(c.suite);
  suite.total += 1;
  if (passed) {
    suite.passed += 1;
  } else {
    suite.failed.push(c.id);
    if (verbose) {
      console.log(`--- ${c.suite} example ${c.id}\n${c.markdown}--- expected\n${c.html}--- actual\n${actual}`);
    }
  }
  if (md2html && actual === md2htmlBytes(c.markdown, c.suite === 'commonmark' ? '' : c.options)) md2htmlSame += 1;
});

// With data-source-line and heading ids on, the output must be the same once those attributes
// are removed: the renderer's buffering for them must never change or reorder anything else.
const DECORATED = 1 << 30;
const undecorate = (html) => html.replace(/ data-source-line="\d+"/g, '').replace(/ id="[^"]*"/g, '');
const decorated = renderAll(cases.map((c) => ({ ...c, flags: c.flags | DECORATED })));
const changed = [];
cases.forEach((c, i) => {
  if (undecorate(decorated[i]) !== undecorate(results[i])) changed.push(`${c.suite}#${c.id}`);
});
console.log(`source lines and heading ids only add attributes: ${cases.length - changed.length}/${cases.length}` +
  (changed.length ? ` (differ: ${changed.join(', ')})` : ''));

let failures = changed.length;
let extensionPassed = 0;
let extensionTotal = 0;
for (const [name, suite] of bySuite) {
  const label = name === 'commonmark' ? `commonmark ${spec.tests.length ? '0.31.2' : ''}`.trim() : `md4c ${name}`;
  console.log(`${name === 'commonmark' ? 'commonmark' : label}: ${suite.passed}/${suite.total} passed` +
    (suite.failed.length ? ` (failing: ${suite.failed.join(', ')})` : ''));
  failures += suite.failed.length;
  if (name !== 'commonmark') {
    extensionPassed += suite.passed;
    extensionTotal += suite.total;
  }
}
console.log(`gfm extensions: ${extensionPassed}/${extensionTotal} passed`);
if (skipped.length) console.log(`skipped (extensions postrender does not offer): ${skipped.join('; ')}`);
if (md2html) console.log(`byte-identical to md2html: ${md2htmlSame}/${cases.length}`);
process.exit(failures === 0 ? 0 : 1);

// `postrender render` (the Node CLI's single-post command): output, --json, stdin, warnings,
// exit statuses, usage errors.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { runCli, SEED, tempDir } from './helpers.js';

test('render FILE prints the HTML; --json prints the whole Post', () => {
  const html = runCli(['render', SEED]);
  assert.equal(html.status, 0, html.stderr);
  assert.match(html.stdout.toString('utf8'), /<h2[^>]*>조달청과 메인비즈 간담회에서의 혁신성장 방안<\/h2>/);
  const json = runCli(['render', SEED, '--json']);
  assert.equal(json.status, 0);
  const post = JSON.parse(json.stdout.toString('utf8'));
  assert.equal(post.title, '혁신성장 조달청과 메인비즈의 특별한 협력!');
  assert.equal(post.html, html.stdout.toString('utf8'));
  assert.ok(Array.isArray(post.toc) && Array.isArray(post.warnings));
});

test('render - reads standard input; --file-name sets the Jekyll date and slug', () => {
  const result = runCli(['render', '-', '--json', '--file-name', '2024-05-01-from-stdin.md'], { input: 'hello *world*\n' });
  assert.equal(result.status, 0);
  const post = JSON.parse(result.stdout.toString('utf8'));
  assert.equal(post.html, '<p>hello <em>world</em></p>\n');
  assert.equal(post.date, '2024-05-01');
  assert.equal(post.slug, 'from-stdin');
});

test('warnings go to stderr as FILE:LINE:COLUMN: SEVERITY: MESSAGE [CODE]; errors exit 1', async (t) => {
  const dir = await tempDir(t);
  const file = path.join(dir, 'bad.md');
  await writeFile(file, '---\ntitle: [unclosed\n---\nbody text\n');
  const result = runCli(['render', file]);
  assert.equal(result.status, 1);
  assert.match(result.stdout.toString('utf8'), /body text/);
  assert.match(result.stderr, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: error: .+ \\[yaml\\.syntax\\]$`, 'm'));
  const quiet = runCli(['render', file, '--quiet']);
  assert.equal(quiet.stderr, '');
  assert.equal(quiet.status, 1);
  const utf8 = path.join(dir, 'utf8.md');
  await writeFile(utf8, Buffer.from([0x61, 0x0a, 0x62, 0xff, 0x0a]));
  const warned = runCli(['render', utf8]);
  assert.equal(warned.status, 0, 'warnings alone do not fail');
  assert.match(warned.stderr, /utf8\.md:2:2: warning: .+ \[utf8\.invalid\]/);
});

test('options: --trusted keeps raw HTML, --source-lines adds line numbers', () => {
  const trusted = runCli(['render', '-', '--trusted'], { input: '<div onclick="x">a</div>\n' });
  assert.match(trusted.stdout.toString('utf8'), /onclick/);
  const lines = runCli(['render', '-', '--source-lines'], { input: 'a\n\nb\n' });
  assert.match(lines.stdout.toString('utf8'), /data-source-line="3"/);
});

test('usage errors exit 2 and say what was wrong', () => {
  const cases = [
    [[], /missing command/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['render'], /missing FILE/],
    [['render', 'a.md', 'b.md'], /more than one input file/],
    [['render', '-', '--bogus'], /unknown option '--bogus'/],
    [['render', '-', '--base-url'], /--base-url needs a value/],
    [['build'], /exactly one SRC_DIR/],
    [['build', '.'], /needs --out/],
    [['build', '.', '--out', 'x', '--jobs', 'many'], /--jobs needs a whole number/],
  ];
  for (const [args, message] of cases) {
    const result = runCli(args, { input: '' });
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, message, args.join(' '));
  }
  const missing = runCli(['render', 'no/such/file.md']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read 'no\/such\/file\.md'/);
});

test('--help and --version', () => {
  const help = runCli(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout.toString('utf8'), /Usage: postrender render FILE\|- \[options\]/);
  assert.match(help.stdout.toString('utf8'), /postrender build SRC_DIR --out OUT_DIR/);
  const version = runCli(['--version']);
  assert.match(version.stdout.toString('utf8'), /^postrender \d+\.\d+\.\d+\n$/);
});

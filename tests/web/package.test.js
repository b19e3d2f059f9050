// The package as users get it: `npm pack`, installed into an empty project (offline: the
// package has no runtime dependencies), imported by name, and its bin run through node_modules.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { tempDir, WEB } from './helpers.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

test('npm pack + npm install: import "postrender" and the postrender bin work', async (t) => {
  const dir = await tempDir(t);
  const packed = spawnSync(npm, ['pack', '--pack-destination', dir, '--silent'], { cwd: WEB, encoding: 'utf8' });
  assert.equal(packed.status, 0, packed.stderr);
  const tarball = (await readdir(dir)).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball);
  const project = path.join(dir, 'project');
  await mkdir(project);
  await writeFile(path.join(project, 'package.json'), '{"name":"project","private":true,"type":"module"}\n');
  const installed = spawnSync(npm, ['install', path.join(dir, tarball), '--offline', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: project, encoding: 'utf8' });
  assert.equal(installed.status, 0, installed.stderr);

  const script = `
    import { createRenderer, init, render } from 'postrender';
    const renderer = await createRenderer();
    await init();
    const a = renderer.render('---\\ntitle: Packed\\n---\\n# 안녕 *there*');
    const b = render('# 안녕 *there*');
    // An alias in the front matter: rendered by the full module, which must be in the package.
    const c = renderer.render('---\\ntitle: &t Aliased\\nsubtitle: *t\\n---\\nx');
    console.log(JSON.stringify({ title: a.title, html: a.html, same: a.html === b.html, version: renderer.version,
      aliased: c.frontMatter?.subtitle, codes: c.warnings.map((w) => w.code) }));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(result.title, 'Packed');
  assert.match(result.html, /<h1[^>]*>안녕 <em>there<\/em><\/h1>/);
  assert.equal(result.same, true);
  assert.equal(result.aliased, 'Aliased');
  assert.deepEqual(result.codes, []);

  const bin = spawnSync(path.join(project, 'node_modules', '.bin', 'postrender'), ['render', '-'],
    { cwd: project, input: '*packed*\n', encoding: 'utf8' });
  assert.equal(bin.status, 0, bin.stderr);
  assert.equal(bin.stdout, '<p><em>packed</em></p>\n');
});

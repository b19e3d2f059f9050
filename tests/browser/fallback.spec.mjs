// The default module and the full one in chromium: an ordinary post fetches only
// dist/postrender.wasm; front matter beyond the common YAML subset (an anchor and an alias)
// makes render() load dist/postrender-full.wasm once, on the page's main thread and in a
// worker, and the result is the full one (no `yaml.unsupported`).
//
// Needs the wasm build first: scripts/build-wasm.sh (web/dist/).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, openPage } from './helpers.mjs';

let env;  // the test server and browser (useServerAndBrowser)

const ANCHORED = '---\ntitle: &t Anchored\nsubtitle: *t\ntags: [a, b]\n---\n# Hello *there*\n';
const PLAIN = '---\ntitle: Plain\ntags: [a, b]\n---\n# Hello *there*\n';

describe('default and full module', () => {
  env = useServerAndBrowser();

  it('main thread: plain posts use the default module, an alias loads the full one once', async () => {
    const { page, errors } = await openPage(env.browser.context, `${env.server.url}/tests/blank.html`);
    const wasm = [];
    page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(r.url().split('/').pop()));
    const result = await page.evaluate(async ({ ANCHORED, PLAIN }) => {
      const { createRenderer } = await import('/web/src/index.js');
      const renderer = await createRenderer();
      const plain = renderer.render(PLAIN);
      const before = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length;
      const anchored = renderer.render(ANCHORED);
      const again = renderer.render(ANCHORED);
      const fm = renderer.parseFrontMatter(ANCHORED);
      return {
        before,
        plain: { title: plain.title, html: plain.html },
        anchored: { subtitle: anchored.frontMatter?.subtitle, html: anchored.html, codes: anchored.warnings.map((w) => w.code) },
        again: again.frontMatter?.subtitle,
        fm: fm.frontMatter?.subtitle,
      };
    }, { ANCHORED, PLAIN });
    assert.equal(result.before, 1, 'only the default module before the alias');
    assert.equal(result.plain.title, 'Plain');
    assert.equal(result.anchored.subtitle, 'Anchored');
    assert.deepEqual(result.anchored.codes, []);
    assert.equal(result.anchored.html, result.plain.html);
    assert.equal(result.again, 'Anchored');
    assert.equal(result.fm, 'Anchored');
    assert.deepEqual(wasm.sort(), ['postrender-full.wasm', 'postrender.wasm']);
    assert.deepEqual(errors, []);
  });

  it('worker: the full module is loaded synchronously inside render()', async () => {
    const { page, errors } = await openPage(env.browser.context, `${env.server.url}/tests/blank.html`);
    const result = await page.evaluate(async (ANCHORED) => {
      const source = `
        import { createRenderer } from '${location.origin}/web/src/index.js';
        const renderer = await createRenderer();
        self.onmessage = (e) => {
          const post = renderer.render(e.data);
          self.postMessage({ subtitle: post.frontMatter?.subtitle, codes: post.warnings.map((w) => w.code) });
        };
        self.postMessage('ready');`;
      const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      const worker = new Worker(url, { type: 'module' });
      await new Promise((resolve) => { worker.onmessage = resolve; });
      const reply = new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); });
      worker.postMessage(ANCHORED);
      const data = await reply;
      worker.terminate();
      return data;
    }, ANCHORED);
    assert.deepEqual(result, { subtitle: 'Anchored', codes: [] });
    assert.deepEqual(errors, []);
  });
});

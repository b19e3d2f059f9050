// Block-level DOM patching (web/src/dom-patch.js): the pure splitter and differ in Node, and
// BlockList against a real DOM in chromium (random edit sequences: the patched DOM must equal a
// fresh parse, and blocks that did not change must keep their nodes).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { splitBlocks, diffBlocks, encodePatch } from '../../web/src/dom-patch.js';
import { useServerAndBrowser, openPage } from './helpers.mjs';

describe('splitBlocks', () => {
  it('splits canonical HTML into top-level blocks, text between them included', () => {
    const html = '<h2 id="a" data-source-line="3">A</h2>\n<ul data-source-line="5">\n<li data-source-line="5">x<br>y</li>\n</ul>\n<p>z</p>';
    const blocks = splitBlocks(html);
    assert.deepEqual(
      blocks.map((b) => b.html),
      ['<h2 id="a" data-source-line="3">A</h2>', '\n', '<ul data-source-line="5">\n<li data-source-line="5">x<br>y</li>\n</ul>', '\n', '<p>z</p>'],
    );
    assert.equal(blocks.map((b) => b.html).join(''), html);
  });

  it('cuts data-source-line out of the key and lists the lines in document order', () => {
    const [block] = splitBlocks('<blockquote data-source-line="7">\n<p data-source-line="8">q</p>\n</blockquote>');
    assert.equal(block.key, '<blockquote>\n<p>q</p>\n</blockquote>');
    assert.deepEqual(block.lines, [7, 8]);
    const moved = splitBlocks('<blockquote data-source-line="9">\n<p data-source-line="10">q</p>\n</blockquote>')[0];
    assert.equal(moved.key, block.key, 'the same block two lines lower has the same key');
  });

  it('reads quoted attribute values containing ">" and the attribute name as text', () => {
    const [b] = splitBlocks('<p title="a > b" data-source-line="2">data-source-line="9" &lt;b&gt;</p>');
    assert.equal(b.key, '<p title="a > b">data-source-line="9" &lt;b&gt;</p>');
    assert.deepEqual(b.lines, [2]);
  });

  it('handles void elements at the top level and inside blocks', () => {
    assert.deepEqual(splitBlocks('<hr>\n<p><img src="x.png" alt="x"></p>').map((b) => b.html), ['<hr>', '\n', '<p><img src="x.png" alt="x"></p>']);
  });

  it('gives up (null) on HTML that is not canonical', () => {
    for (const html of ['<p>a', '<p>a</b></p>', '<script>x</script>', '<p a=b>x</p>', "<p a='b'>x</p>", 'a < b', '<p>x</p></div>', '<style>p{}</style>']) {
      assert.equal(splitBlocks(html), null, html);
    }
  });
});

describe('diffBlocks', () => {
  const blocks = (...keys) => keys.map((k) => (typeof k === 'string' ? { key: k, lines: [] } : k));

  it('keeps the prefix and suffix and creates only the changed middle', () => {
    const d = diffBlocks(blocks('a', 'b', 'c', 'd'), blocks('a', 'b', 'X', 'd'));
    assert.deepEqual(d.ops, [0, 1, -1, 3]);
    assert.equal(d.kept, 3);
    assert.equal(d.added, 1);
  });

  it('reuses moved and duplicated blocks', () => {
    assert.deepEqual(diffBlocks(blocks('a', 'b', 'c'), blocks('c', 'a', 'b')).ops, [2, 0, 1]);
    assert.deepEqual(diffBlocks(blocks('n', 'a', 'n'), blocks('n', 'n', 'a', 'n')).ops.filter((p) => p >= 0).length, 3);
  });

  it('reports new line numbers for kept blocks whose lines moved', () => {
    const prev = [{ key: 'p', lines: [3] }, { key: 'q', lines: [5, 6] }];
    const next = [{ key: 'new', lines: [3] }, { key: 'p', lines: [5] }, { key: 'q', lines: [7, 8] }];
    const d = diffBlocks(prev, next);
    assert.deepEqual(d.ops, [-1, 0, 1]);
    assert.deepEqual(d.lines, [[1, [5]], [2, [7, 8]]]);
    const patch = encodePatch(d, next.map((b) => ({ ...b, html: `<p>${b.key}</p>` })));
    assert.deepEqual(patch.blocks, ['<p>new</p>', 0, 1]);
  });
});

describe('BlockList in chromium', () => {
  const env = useServerAndBrowser({ needsWasm: false });

  it('random edit sequences: the DOM equals a fresh parse, unchanged blocks keep their nodes', async () => {
    const { page, errors } = await openPage(env.browser.context, `${env.server.url}/tests/blank.html`);
    const result = await page.evaluate(async () => {
      const { splitBlocks, diffBlocks, encodePatch, BlockList } = await import('/web/src/dom-patch.js');
      let seed = 42;
      const rand = (n) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
      const pool = [
        (t) => `<p>${t}</p>`,
        (t) => `<h2 id="h-${t}">${t}</h2>`,
        (t) => `<ul>\n<li>${t}</li>\n<li><input type="checkbox" disabled checked>${t}</li>\n</ul>`,
        (t) => `<blockquote>\n<p>${t} &amp; more</p>\n</blockquote>`,
        () => '<hr>',
        (t) => `<table>\n<thead>\n<tr>\n<th>${t}</th>\n</tr>\n</thead>\n</table>`,
        (t) => `<p><img src="/x/${t}.png" alt="${t}"></p>`,
      ];
      const withLines = (blocksText) => {
        let line = 1;
        return blocksText.map((b) => b.replace(/^<(\w+)/, (m) => `${m} data-source-line="${(line += 2)}"`)).join('\n');
      };
      const host = document.createElement('div');
      document.body.append(host);
      const list = new BlockList(host);
      let prev = [];
      let doc = Array.from({ length: 12 }, (_, i) => pool[rand(pool.length)](`b${i}`));
      let failures = [];
      let keptTotal = 0;
      for (let step = 0; step < 200; step++) {
        // Mutate: replace, insert, delete or move a block.
        const op = rand(4);
        const at = rand(doc.length || 1);
        const fresh = pool[rand(pool.length)](`s${step}`);
        if (op === 0 && doc.length) doc[at] = fresh;
        else if (op === 1) doc.splice(at, 0, fresh);
        else if (op === 2 && doc.length > 1) doc.splice(at, 1);
        else if (doc.length > 1) doc.splice(rand(doc.length), 0, ...doc.splice(at, 1));
        const html = withLines(doc);
        const before = new Set(host.childNodes);
        const next = splitBlocks(html);
        if (!next) {
          failures.push(`step ${step}: not canonical`);
          break;
        }
        const diff = diffBlocks(prev, next);
        prev = next.map(({ key, lines }) => ({ key, lines }));
        list.applyPatch(encodePatch(diff, next));
        const expected = document.createElement('template');
        expected.innerHTML = html;
        if (host.innerHTML !== expected.innerHTML) failures.push(`step ${step}: DOM differs`);
        const kept = [...host.childNodes].filter((n) => before.has(n)).length;
        if (kept !== diff.kept) failures.push(`step ${step}: kept ${kept} nodes, diff said ${diff.kept}`);
        keptTotal += kept;
      }
      // The fallback path (non-canonical HTML parsed on the page) must converge the same way.
      const fallback = document.createElement('div');
      const list2 = new BlockList(fallback);
      list2.applyHtml('<p data-source-line="1">a</p><div><p>b</div><p data-source-line="5">c</p>');
      const c = fallback.lastChild;
      list2.applyHtml('<p data-source-line="1">a!</p><div><p>b</div><p data-source-line="6">c</p>');
      const fallbackOk = fallback.lastChild === c && c.getAttribute('data-source-line') === '6' && fallback.firstChild.textContent === 'a!';
      return { failures, keptTotal, fallbackOk };
    });
    assert.deepEqual(result.failures, []);
    assert.ok(result.keptTotal > 1000, `blocks were kept (${result.keptTotal})`);
    assert.ok(result.fallbackOk, 'applyHtml keeps unchanged nodes and moves their lines');
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('createPreview without the demo', () => {
  const env = useServerAndBrowser();

  for (const worker of [true, false]) {
    it(`renders ${worker ? 'in a worker' : 'on the main thread (worker: false)'}, safe by default, trusted only when asked`, async () => {
      const { page, errors } = await openPage(env.browser.context, `${env.server.url}/tests/blank.html`);
      const result = await page.evaluate(async (useWorker) => {
        const { createPreview } = await import('/web/src/preview.js');
        const host = document.createElement('div');
        document.body.append(host);
        const renders = [];
        const preview = createPreview(host, { worker: useWorker, onRender: (d) => renders.push(d) });
        const source = '---\ntitle: T\n---\nHello *there*\n\n<p onclick="x()">raw</p>\n';
        preview.update(source);
        await preview.flush();
        const body = () => preview.root.querySelector('.body');
        const safe = { mode: preview.mode, em: body().querySelectorAll('em').length, onclick: body().querySelectorAll('[onclick]').length, title: preview.root.querySelector('[part~="title"]').textContent };
        preview.setOptions({ trusted: true });
        await preview.flush();
        const trusted = { onclick: body().querySelectorAll('[onclick]').length };
        preview.destroy();
        return { safe, trusted, renders: renders.length, empty: preview.root.childNodes.length };
      }, worker);
      assert.deepEqual(result.safe, { mode: worker ? 'worker' : 'main-thread', em: 1, onclick: 0, title: 'T' });
      assert.equal(result.trusted.onclick, 1);
      assert.equal(result.renders, 2);
      assert.equal(result.empty, 0, 'destroy() empties the shadow root');
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});

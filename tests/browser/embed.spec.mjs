// <post-view> on a foreign page (web/demo/embed.html) in Debian's chromium: every element
// renders, the wasm is fetched once, styles do not leak in either direction, theming works
// through custom properties and ::part, the accessibility surface, inline content, trusted
// mode only by explicit attribute, and fetch errors shown in place.
//
// Needs the wasm build first: scripts/build-wasm.sh (web/dist/).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useServerAndBrowser, openPage, ensureArtifactsDir, sharedDir } from './helpers.mjs';

let env;  // the test server and browser (useServerAndBrowser)

async function openEmbed() {
  const requests = [];
  const { page, errors } = await openPage(env.browser.context, null);
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${env.server.url}/web/demo/embed.html`);
  await page.waitForFunction(() => customElements.get('post-view'));
  await page.evaluate(() => Promise.all([...document.querySelectorAll('post-view')].map((el) => el.ready)));
  return { page, errors, requests };
}

/** Computed style of the first match of `selector` inside the shadow root of `#id`. */
const shadowStyle = (page, id, selector, props) =>
  page.evaluate(
    ({ id, selector, props }) => {
      const el = document.getElementById(id).shadowRoot.querySelector(selector);
      if (!el) return null;
      const cs = getComputedStyle(el);
      return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
    },
    { id, selector, props },
  );

const pageStyle = (page, selector, props) =>
  page.evaluate(
    ({ selector, props }) => {
      const cs = getComputedStyle(document.querySelector(selector));
      return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
    },
    { selector, props },
  );

describe('<post-view> embedding page', () => {
  env = useServerAndBrowser();

  it('renders every <post-view>, loads the wasm once, and logs no errors', async () => {
    const { page, errors, requests } = await openEmbed();
    const views = await page.evaluate(() =>
      [...document.querySelectorAll('post-view')].map((el) => ({
        id: el.id,
        rendered: !!el.post,
        busy: el.hasAttribute('aria-busy'),
        error: !!el.shadowRoot.querySelector('[part~="error"]'),
        bodyText: el.shadowRoot.querySelector('.body').textContent.trim().length,
        header: !!el.shadowRoot.querySelector('header'),
        wantsHeader: el.hasAttribute('header'),
      })),
    );
    assert.equal(views.length, 5);
    for (const v of views) {
      assert.ok(v.rendered && !v.error && !v.busy, `${v.id} rendered`);
      assert.ok(v.bodyText > 50, `${v.id} has body text`);
      assert.equal(v.header, v.wantsHeader, `${v.id} header only when asked`);
    }
    assert.equal(requests.filter((u) => u.endsWith('.wasm')).length, 1, 'one wasm fetch for the whole page');
    assert.deepEqual(errors, []);
    const dir = ensureArtifactsDir();
    await page.screenshot({ path: path.join(dir, 'embed-page.png'), fullPage: true });
    await page.close();
  });

  it('keeps the host page’s styles out of the shadow roots', async () => {
    const { page } = await openEmbed();
    // The host styles every p red, every h2 uppercase, every img with a magenta border.
    assert.equal((await pageStyle(page, '#host-tagline', ['color'])).color, 'rgb(120, 20, 20)');
    const p = await shadowStyle(page, 'pv-en', '.body p', ['color', 'letter-spacing']);
    assert.notEqual(p.color, 'rgb(120, 20, 20)');
    assert.equal(p['letter-spacing'], 'normal');
    const h2 = await shadowStyle(page, 'pv-en', '.body h2', ['text-transform', 'color']);
    assert.equal(h2['text-transform'], 'none');
    assert.notEqual(h2.color, 'rgb(0, 90, 60)');
    const img = await shadowStyle(page, 'pv-news', 'header img', ['border-top-width', 'filter']);
    assert.equal(img['border-top-width'], '0px');
    assert.equal(img.filter, 'none');
    await page.close();
  });

  it('keeps post styles inside: even a trusted post’s <style> cannot restyle the page', async () => {
    const { page, errors } = await openEmbed();
    const bodyBg = (await pageStyle(page, 'body', ['background-color']))['background-color'];
    await page.evaluate(async () => {
      const el = document.createElement('post-view');
      el.id = 'pv-trusted';
      el.setAttribute('policy', 'trusted');
      el.setAttribute('trusted', '');
      const script = document.createElement('script');
      script.type = 'text/markdown';
      script.textContent = 'Hello\n\n<style>p { color: rgb(0, 255, 0) !important } body { background: rgb(255, 0, 0) !important }</style>\n\n<p class="inner">inside</p>\n';
      el.append(script);
      document.querySelector('main').append(el);
      await el.ready;
    });
    const inner = await shadowStyle(page, 'pv-trusted', 'p.inner', ['color']);
    assert.equal(inner.color, 'rgb(0, 255, 0)', 'trusted mode kept the <style>, inside its shadow root');
    assert.equal((await pageStyle(page, '#host-tagline', ['color'])).color, 'rgb(120, 20, 20)');
    assert.equal((await pageStyle(page, 'body', ['background-color']))['background-color'], bodyBg);
    // The inline post on the page tried the same without `trusted`: sanitized away.
    assert.equal(await page.evaluate(() => document.getElementById('pv-inline').shadowRoot.querySelectorAll('style').length), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('is themable through custom properties and ::part', async () => {
    const { page } = await openEmbed();
    const themedLink = await shadowStyle(page, 'pv-kyoto', '.body a, header a', ['color']);
    const title = await shadowStyle(page, 'pv-kyoto', '[part~="title"]', ['font-variant-caps', 'color']);
    assert.equal(title['font-variant-caps'], 'small-caps');
    assert.equal(title.color, 'rgb(90, 62, 27)');
    const plainTitle = await shadowStyle(page, 'pv-news', '[part~="title"]', ['font-variant-caps']);
    assert.equal(plainTitle['font-variant-caps'], 'normal');
    if (themedLink) assert.equal(themedLink.color, 'rgb(181, 101, 29)');
    await page.close();
  });

  it('has an accessible surface: article role, language, heading levels, alt text', async () => {
    const { page } = await openEmbed();
    const info = await page.evaluate(() => {
      const news = document.getElementById('pv-news');
      const root = news.shadowRoot;
      return {
        lang: root.querySelector('.article').getAttribute('lang'),
        kyotoLang: document.getElementById('pv-kyoto').shadowRoot.querySelector('.article').getAttribute('lang'),
        headings: [...root.querySelectorAll('.body h1, .body h2, .body h3')].map((h) => h.tagName),
        alts: [...root.querySelectorAll('.body img')].map((i) => i.getAttribute('alt')),
        titleTag: root.querySelector('header [part~="title"]').tagName,
        zhTitleTag: document.getElementById('pv-zh').shadowRoot.querySelector('header [part~="title"]').tagName,
      };
    });
    assert.equal(info.lang, 'ko');
    assert.equal(info.kyotoLang, 'ja');
    assert.ok(info.headings.length >= 3 && info.headings.every((t) => t === 'H2'), `the post's <h2>s stay h2: ${info.headings}`);
    assert.deepEqual(info.alts, ['스마트도서관 무인 대출기 그림']);
    assert.equal(info.titleTag, 'H1');
    assert.equal(info.zhTitleTag, 'H3', 'title-level="3"');
    const articles = page.getByRole('article', { name: '동네 도서관이 달라진다, 스마트도서관 서비스 전면 확대' });
    assert.equal(await articles.count(), 1, 'the element is exposed as an article named by its title');
    await page.close();
  });

  it('renders inline content, honours policy="strict", and ignores policy="trusted" without `trusted`', async () => {
    const { page, errors } = await openEmbed();
    const inline = await page.evaluate(() => {
      const root = document.getElementById('pv-inline').shadowRoot;
      return { text: root.querySelector('.body').textContent, imgs: root.querySelectorAll('.body img').length, strong: root.querySelectorAll('.body strong').length };
    });
    assert.match(inline.text, /This post lives inside the page/);
    assert.equal(inline.strong, 1);
    assert.equal(inline.imgs, 0, 'the strict policy has no images');
    const onclick = await page.evaluate(async () => {
      const el = document.createElement('post-view');
      el.setAttribute('policy', 'trusted'); // without the `trusted` attribute: still sanitized
      el.innerHTML = '<script type="text/markdown"><p onclick="alert(1)">x</p>\n</script>';
      document.body.append(el);
      await el.ready;
      return el.shadowRoot.querySelectorAll('[onclick]').length;
    });
    assert.equal(onclick, 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('shows a fetch failure in place and fires an error event', async () => {
    const { page, errors } = await openEmbed();
    const result = await page.evaluate(async () => {
      const el = document.createElement('post-view');
      const failed = new Promise((resolve) => el.addEventListener('error', (e) => resolve(String(e.detail.error.message))));
      el.setAttribute('src', 'no-such-post.md');
      document.body.append(el);
      const message = await failed;
      return { message, shown: el.shadowRoot.querySelector('[part~="error"]')?.textContent };
    });
    assert.match(result.message, /404/);
    assert.match(result.shown, /could not be shown/);
    assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
    await page.close();
  });

  it('renders the seed post in a <post-view> (screenshot saved to tests/browser/artifacts/)', async () => {
    const { page, errors } = await openEmbed();
    const seed = readFileSync(path.join(sharedDir, 'seed/000_df5a8b09b0ad8a9a.txt'), 'utf8');
    const title = await page.evaluate(async (text) => {
      document.querySelector('main').replaceChildren();
      const el = document.createElement('post-view');
      el.id = 'pv-seed';
      el.setAttribute('header', '');
      const script = document.createElement('script');
      script.type = 'text/markdown';
      script.textContent = text;
      el.append(script);
      document.querySelector('main').append(el);
      const post = await el.ready;
      return post && post.title;
    }, seed);
    assert.equal(title, '혁신성장 조달청과 메인비즈의 특별한 협력!');
    await page.locator('#pv-seed').screenshot({ path: path.join(ensureArtifactsDir(), 'seed-post-view.png') });
    assert.deepEqual(errors.filter((e) => !/404|newsdao_breakingnews/.test(e)), []);
    await page.close();
  });
});

// The XSS corpus (tests/fixtures/xss/*.json) in a real browser (Debian's chromium through
// playwright-core). Every vector's sanitized output, from both pipelines (sanitize_html and
// render), produced natively by xss_dump, is inserted into a host element of a page served
// from 127.0.0.1, and events are dispatched on every inserted element. The test fails on:
//   - any script execution: alert/confirm/prompt/print/open hooks, page 'dialog' and
//     'pageerror' events;
//   - any navigation, popup or network request other than the host page itself (images named
//     by an <img src> of the output are answered locally with a 1x1 GIF and allowed; nothing
//     ever leaves the machine);
//   - any surviving on* attribute, script-capable URL (javascript:, vbscript:, data: ...) or
//     style that loads or positions, and any dangerous element (script, style, iframe, ...);
//   - any element outside the host, a changed <head>, title or base URL, a host that is
//     hidden, or content covering the page around the host;
// and it checks parse stability: the browser's own serialisation (host.innerHTML) of each
// output, sanitized again natively, must give back the output byte for byte.
//
// Needs a native build with the tests first (xss_dump), e.g.
//   cmake --preset native-debug && cmake --build --preset native-debug --target xss_dump
// The newest build/*/tests/browser/xss_dump is used; XSS_DUMP=path overrides.
// Run: npm ci --prefix tests/browser && node --test tests/browser/xss.spec.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { launchBrowser, startTestServer, repoRoot, ensureArtifactsDir } from './helpers.mjs';

const CORPUS_DIR = path.join(repoRoot, 'tests/fixtures/xss');
// 1x1 transparent GIF: the answer to every allowed image request.
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function findXssDump() {
  if (process.env.XSS_DUMP) return process.env.XSS_DUMP;
  const buildDir = path.join(repoRoot, 'build');
  const candidates = existsSync(buildDir)
    ? readdirSync(buildDir)
        .map((d) => path.join(buildDir, d, 'tests/browser/xss_dump'))
        .filter((f) => existsSync(f))
    : [];
  if (candidates.length === 0) {
    throw new Error('xss_dump not found: build the native tests first (cmake --build --preset native-debug), or set XSS_DUMP');
  }
  return candidates.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

/** Runs in the page before anything else: records every way a payload could show it ran. */
function installHooks() {
  window.__executed = [];
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
    const hook = (...args) => {
      window.__executed.push(`${name}(${args.map(String).join(', ')})`);
      return null;
    };
    Object.defineProperty(window, name, { value: hook, writable: false, configurable: false });
  }
  // Synthetic clicks on links and controls would follow them. URLs are checked statically
  // below, so cancelling the default action loses nothing and keeps the page in place.
  window.addEventListener('click', (event) => event.preventDefault(), true);
  window.addEventListener('submit', (event) => event.preventDefault(), true);
}

/** Runs in the page: inserts one output into the host, fires events, inspects the result. */
async function probe(html) {
  const EVENTS = [
    'click', 'dblclick', 'auxclick', 'contextmenu', 'mousedown', 'mouseup', 'mouseover', 'mouseout',
    'mouseenter', 'mouseleave', 'mousemove', 'pointerdown', 'pointerup', 'pointerover', 'pointerenter',
    'focus', 'blur', 'focusin', 'focusout', 'keydown', 'keyup', 'keypress', 'input', 'change', 'submit',
    'reset', 'select', 'load', 'error', 'abort', 'animationstart', 'animationend', 'animationiteration',
    'transitionend', 'transitionrun', 'toggle', 'beforetoggle', 'scroll', 'wheel', 'copy', 'cut', 'paste',
    'drag', 'dragstart', 'drop', 'play', 'playing', 'canplay', 'loadstart', 'begin', 'end', 'search',
    'invalid', 'show', 'formdata', 'pageshow', 'hashchange', 'message', 'beforeinput', 'selectstart',
  ];
  const URL_ATTRIBUTES = new Set([
    'href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'cite', 'data',
    'codebase', 'longdesc', 'manifest', 'icon', 'ping', 'lowsrc', 'dynsrc', 'usemap',
  ]);
  const DANGEROUS = new Set([
    'SCRIPT', 'STYLE', 'IFRAME', 'FRAME', 'FRAMESET', 'OBJECT', 'EMBED', 'APPLET', 'BASE', 'META', 'LINK',
    'FORM', 'TEMPLATE', 'NOSCRIPT', 'TEXTAREA', 'SELECT', 'BUTTON', 'PORTAL', 'DIALOG', 'svg', 'math',
  ]);
  const failures = [];
  const host = document.getElementById('host');
  const before = document.getElementById('before');
  const after = document.getElementById('after');
  window.__executed.length = 0;
  window.scrollTo(0, 0);
  host.replaceChildren();

  // createContextualFragment (unlike innerHTML) leaves <script> elements executable.
  host.appendChild(document.createRange().createContextualFragment(html));
  const serialised = host.innerHTML;
  const elements = [...host.querySelectorAll('*')];
  const images = elements.filter((el) => el.tagName === 'IMG' && el.getAttribute('src')).map((el) => el.src);

  for (const el of [host, ...elements]) {
    for (const type of EVENTS) {
      try {
        el.dispatchEvent(new Event(type, { bubbles: true, cancelable: true }));
      } catch {}
    }
    try {
      el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
      el.focus?.();
      el.blur?.();
    } catch {}
  }
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  await new Promise((resolve) => setTimeout(resolve, 10));

  for (const el of host.querySelectorAll('*')) {
    if (DANGEROUS.has(el.tagName) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      failures.push(`dangerous element <${el.localName}> (${el.namespaceURI})`);
    }
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) failures.push(`event handler ${name} on <${el.localName}>`);
      if (URL_ATTRIBUTES.has(name)) {
        // What the URL parser sees: C0 controls and spaces trimmed, tab/CR/LF removed.
        const url = attr.value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '').toLowerCase();
        const scheme = /^([a-z][a-z0-9+.-]*):/.exec(url)?.[1];
        if (scheme && !['http', 'https', 'mailto', 'tel'].includes(scheme)) {
          failures.push(`${scheme}: URL in ${name} on <${el.localName}>`);
        }
      }
      if (name === 'style' && /url\(|expression|image|@|\\/i.test(attr.value)) {
        failures.push(`style loads or escapes: ${attr.value}`);
      }
    }
    const position = getComputedStyle(el).position;
    if (position !== 'static' && position !== 'relative') failures.push(`<${el.localName}> has position: ${position}`);
  }

  if (document.title !== 'postrender XSS host') failures.push(`title changed to ${document.title}`);
  if (document.baseURI !== location.href) failures.push(`base URL changed to ${document.baseURI}`);
  if (document.head.innerHTML !== window.__head) failures.push('<head> changed');
  const bodyShape = [...document.body.children].map((el) => el.id).join(',');
  if (bodyShape !== 'before,main,after') failures.push(`body children are now ${bodyShape}`);
  const mainShape = [...document.getElementById('main').children].map((el) => el.id).join(',');
  if (mainShape !== 'host') failures.push(`host container children are now ${mainShape}`);
  if (document.querySelectorAll('*').length - host.querySelectorAll('*').length !== window.__outside) {
    failures.push('elements appeared outside the host');
  }
  if ([...host.attributes].map((a) => a.name).join(',') !== 'id') failures.push('host attributes changed');
  const hostStyle = getComputedStyle(host);
  if (hostStyle.display !== 'block' || hostStyle.visibility !== 'visible') failures.push('host hidden');

  // Nothing may cover the page around the host.
  for (const sentinel of [before, after]) {
    sentinel.scrollIntoView({ block: 'center' });
    const box = sentinel.getBoundingClientRect();
    if (!sentinel.checkVisibility() || box.height < 40) failures.push(`#${sentinel.id} not visible`);
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (hit !== sentinel) failures.push(`#${sentinel.id} covered by <${hit?.localName}>`);
  }
  if (after.getBoundingClientRect().top < host.getBoundingClientRect().bottom) failures.push('#after moved above the host end');
  window.scrollTo(0, 0);

  return { failures, serialised, images, executed: [...window.__executed] };
}

describe('XSS corpus in chromium', () => {
  let server;
  let browser;
  let page;
  let hostUrl;
  let vectors = [];
  let current = null; // the output being probed, for attributing asynchronous events
  const results = []; // { vector, pipeline, html, serialised, failures[] }
  const seenImages = new Set();
  const stray = []; // failures that arrive outside any probe

  const fail = (message) => (current ? current.failures.push(message) : stray.push(message));

  before(async () => {
    const dump = findXssDump();
    vectors = JSON.parse(execFileSync(dump, [CORPUS_DIR], { maxBuffer: 256 << 20, encoding: 'utf8' }));
    server = await startTestServer({ mounts: { '/xss/': 'tests/browser/pages/xss' } });
    hostUrl = `${server.url}/xss/host.html`;
    browser = await launchBrowser();
    const { context } = browser;
    await context.route('**/*', async (route) => {
      const request = route.request();
      const url = request.url();
      if (url === hostUrl && request.resourceType() === 'document') return route.continue();
      if (request.resourceType() === 'image' && seenImages.has(url)) {
        return route.fulfill({ status: 200, contentType: 'image/gif', body: GIF });
      }
      fail(`network request: ${request.resourceType()} ${url}`);
      return route.abort();
    });
    // A persistent context starts with one page: use it, and treat any other page as a popup.
    page = context.pages()[0] ?? (await context.newPage());
    context.on('page', (popup) => {
      if (popup === page) return;
      fail(`popup opened: ${popup.url()}`);
      popup.close().catch(() => {});
    });
    page.on('dialog', (dialog) => {
      fail(`dialog: ${dialog.type()} ${dialog.message()}`);
      dialog.dismiss().catch(() => {});
    });
    page.on('pageerror', (error) => fail(`page error (script ran): ${error.message}`));
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) fail(`frame navigated: ${frame.url()}`);
      else if (frame.url() !== hostUrl) fail(`navigation to ${frame.url()}`);
    });
    await page.addInitScript(installHooks);
    await openHost();

    for (const vector of vectors) {
      for (const pipeline of ['html', 'other']) {
        const html = vector[pipeline];
        current = { vector, pipeline, html, serialised: '', failures: [] };
        if (vector.problem && pipeline === 'html') current.failures.push(`native invariant check: ${vector.problem}`);
        try {
          // Images of this output may load; learn their absolute URLs before inserting it.
          const wanted = await page.evaluate((h) => {
            const t = document.createElement('template');
            t.innerHTML = h;
            return [...t.content.querySelectorAll('img[src]')].map((img) => new URL(img.getAttribute('src'), document.baseURI).href);
          }, html);
          wanted.forEach((u) => seenImages.add(u));
          const r = await page.evaluate(probe, html);
          current.serialised = r.serialised;
          current.failures.push(...r.failures, ...r.executed.map((e) => `script ran: ${e}`));
        } catch (error) {
          current.failures.push(`probe failed: ${error.message}`);
        }
        if (page.url() !== hostUrl) await openHost();
        results.push(current);
        current = null;
      }
    }
  });

  async function openHost() {
    await page.goto(hostUrl);
    await page.evaluate(() => {
      window.__head = document.head.innerHTML;
      window.__outside = document.querySelectorAll('*').length - document.getElementById('host').querySelectorAll('*').length;
    });
  }

  after(async () => {
    await browser?.close();
    await server?.close();
    // Every output with its verdict, for review: tests/browser/artifacts/xss-results.json.
    const report = results.map((r) => ({ file: r.vector.file, title: r.vector.title, pipeline: r.pipeline, html: r.html, serialised: r.serialised, failures: r.failures }));
    writeFileSync(path.join(ensureArtifactsDir(), 'xss-results.json'), JSON.stringify(report, null, 1));
  });

  const describeFailures = (list) =>
    list
      .slice(0, 25)
      .map((r) => `  [${r.vector.file}] ${r.vector.title} (${r.pipeline}): ${r.failures.join('; ')}\n    output: ${r.html.slice(0, 300)}`)
      .join('\n');

  it('covers the whole corpus through both pipelines', () => {
    assert.ok(vectors.length >= 300, `only ${vectors.length} vectors`);
    assert.equal(results.length, vectors.length * 2);
  });

  it('no output runs script, navigates, loads anything or breaks out of the host', () => {
    const failed = results.filter((r) => r.failures.length > 0);
    assert.deepEqual(stray, [], 'events outside any probe');
    assert.equal(failed.length, 0, `${failed.length} of ${results.length} outputs failed:\n${describeFailures(failed)}`);
  });

  it("the browser's serialisation of every output sanitizes back to the same bytes", () => {
    const dump = findXssDump();
    const serialisations = results.map((r) => r.serialised);
    const again = JSON.parse(
      execFileSync(dump, ['--sanitize'], { input: JSON.stringify(serialisations), maxBuffer: 256 << 20, encoding: 'utf8' }),
    );
    const unstable = results
      .map((r, i) => ({ ...r, failures: again[i] === r.html ? [] : [`browser serialised: ${r.serialised.slice(0, 300)}\n    sanitized again: ${again[i].slice(0, 300)}`] }))
      .filter((r) => r.failures.length > 0);
    assert.equal(unstable.length, 0, `${unstable.length} of ${results.length} outputs are not parse-stable:\n${describeFailures(unstable)}`);
  });
});

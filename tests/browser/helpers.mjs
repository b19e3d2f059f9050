// Shared helpers for the browser tests: a static server on 127.0.0.1 (random port) and
// Debian's chromium driven by playwright-core. Browsers are never downloaded.
import { mkdtempSync, rmSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer, defaultMounts } from '../../scripts/serve.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const artifactsDir = path.join(repoRoot, 'tests/browser/artifacts');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** True when the wasm build the pages need exists (scripts/build-wasm.sh writes it to web/dist/). */
export function wasmBuilt() {
  try {
    const dist = process.env.POSTRENDER_DIST ? path.resolve(process.env.POSTRENDER_DIST) : path.join(repoRoot, 'web/dist');
    return readdirSync(dist).some((f) => f.endsWith('.wasm'));
  } catch {
    return false;
  }
}

/**
 * Starts the repo's static server (scripts/serve.mjs) on 127.0.0.1 with a random port.
 * POSTRENDER_DIST=dir serves the wasm build from `dir` instead of web/dist/ (to try a build
 * made elsewhere without touching web/dist/).
 */
export async function startTestServer(options = {}) {
  const mounts = { ...defaultMounts, ...(options.mounts || {}) };
  if (process.env.POSTRENDER_DIST) mounts['/web/dist/'] = path.resolve(process.env.POSTRENDER_DIST);
  return startServer({ port: 0, host: '127.0.0.1', ...options, mounts });
}

/**
 * Launches chromium with a fresh profile. Returns { browser, close() }; close() also removes
 * the profile directory.
 */
export async function launchBrowser() {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'postrender-chromium-'));
  // launchPersistentContext is the only way to pass --user-data-dir through playwright.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Registers before/after hooks in the current describe() that start the test server and a
 * browser and close both afterwards. Returns an object whose `server` and `browser` are set
 * once the before hook has run.
 */
export function useServerAndBrowser({ needsWasm = true } = {}) {
  const env = { server: null, browser: null };
  before(async () => {
    if (needsWasm) assert.ok(wasmBuilt(), 'web/dist/postrender.wasm is missing: run scripts/build-wasm.sh first');
    env.server = await startTestServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * Opens a new page that records console errors and page errors.
 * Returns { page, errors } where errors is a live array of strings.
 */
export async function openPage(context, url, { allowConsole = [] } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (allowConsole.some((re) => re.test(text))) return;
    errors.push(`console.error: ${text}`);
  });
  page.on('requestfailed', (req) => errors.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`));
  if (url) await page.goto(url);
  return { page, errors };
}

export function ensureArtifactsDir() {
  mkdirSync(artifactsDir, { recursive: true });
  return artifactsDir;
}

// Whether the postrender JS package and its wasm are built (web/dist is built by scripts/build-wasm.sh).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_DIR = path.join(REPO_ROOT, 'web');

export function postrenderAvailable() {
  const dist = path.join(WEB_DIR, 'dist');
  return (
    fs.existsSync(path.join(WEB_DIR, 'src', 'index.js')) &&
    fs.existsSync(dist) &&
    fs.readdirSync(dist).some((f) => f.endsWith('.wasm'))
  );
}

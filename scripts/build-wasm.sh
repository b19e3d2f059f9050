#!/usr/bin/env bash
# Builds the WebAssembly module and puts it into the npm package: web/dist/postrender.{js,wasm}.
#   scripts/build-wasm.sh          configure + build with the wasm-release preset, then copy
# Needs Emscripten (scripts/bootstrap.sh --wasm). NODE_PATH for emcc is set by the build itself.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v emcc >/dev/null; then
  echo "build-wasm: emcc not found; run scripts/bootstrap.sh --wasm (as root) first" >&2
  exit 1
fi

jobs=$(nproc 2>/dev/null || echo 2)
[ "$jobs" -gt 2 ] || jobs=2
cmake --preset wasm-release >/dev/null
cmake --build --preset wasm-release -j"$jobs" --target postrender_wasm

mkdir -p web/dist
cp build/wasm-release/wasm/postrender.js build/wasm-release/wasm/postrender.wasm web/dist/

size() { wc -c <"$1" | tr -d ' '; }
gz() { gzip -9c "$1" | wc -c | tr -d ' '; }
for f in web/dist/postrender.wasm web/dist/postrender.js; do
  printf 'build-wasm: %-26s %8s bytes, %8s gzip -9\n' "$f" "$(size "$f")" "$(gz "$f")"
done

#!/usr/bin/env bash
# Builds the two WebAssembly modules and puts them into the npm package:
#   web/dist/postrender.wasm        default module, without yaml-cpp (POSTRENDER_YAML_CPP=OFF)
#   web/dist/postrender-full.wasm   with yaml-cpp: loaded by the package only for front matter
#                                   beyond the common YAML subset (`yaml.unsupported`)
#
#   scripts/build-wasm.sh [OUT_DIR]   configure + build with the wasm-release preset's settings
#                                     (build/wasm-release and build/wasm-release-full), copy to
#                                     OUT_DIR (default web/dist)
# POSTRENDER_WASM_BUILD_DIR=build/x puts the two builds into build/x and build/x-full instead.
# Needs Emscripten (scripts/bootstrap.sh --wasm). NODE_PATH for emcc is set by the build itself.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v emcc >/dev/null; then
  echo "build-wasm: emcc not found; run scripts/bootstrap.sh --wasm (as root) first" >&2
  exit 1
fi

out=${1:-web/dist}
build=${POSTRENDER_WASM_BUILD_DIR:-build/wasm-release}
jobs=$(nproc 2>/dev/null || echo 2)
[ "$jobs" -gt 2 ] || jobs=2

cmake --preset wasm-release -B "$build" -DPOSTRENDER_YAML_CPP=OFF >/dev/null
cmake --build "$build" -j"$jobs" --target postrender_wasm
cmake --preset wasm-release -B "$build-full" -DPOSTRENDER_YAML_CPP=ON >/dev/null
cmake --build "$build-full" -j"$jobs" --target postrender_wasm

mkdir -p "$out"
cp "$build/wasm/postrender.wasm" "$build-full/wasm/postrender-full.wasm" "$out/"
# emcc's JavaScript glue is not used (web/src/loader.js links the modules); drop an old copy.
rm -f "$out/postrender.js"

size() { wc -c <"$1" | tr -d ' '; }
gz() { gzip -9c "$1" | wc -c | tr -d ' '; }
for f in "$out/postrender.wasm" "$out/postrender-full.wasm"; do
  printf 'build-wasm: %-32s %8s bytes, %8s gzip -9\n' "$f" "$(size "$f")" "$(gz "$f")"
done

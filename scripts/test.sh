#!/usr/bin/env bash
# Runs every test of postrender on a fresh Debian bookworm machine, as root.
# Installs what it needs first (idempotent): apt packages, pinned sources, npm packages, the browser.
#   FUZZ_SECONDS=N   seconds per fuzz target (default 20; 0 skips the fuzz smoke run)
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs  # emcc's optimizer needs Debian's acorn
jobs=$(nproc 2>/dev/null || echo 2)

suites=0
# Each section either passes or stops the script (set -e), so reaching the next one counts it.
section() { printf '\n==== %s ====\n' "$1"; suites=$((suites + 1)); }

section "bootstrap"
scripts/bootstrap.sh --wasm --browser

section "native core (ASan + UBSan)"
cmake --preset native-asan >/dev/null
cmake --build --preset native-asan -j"$jobs"
ctest --preset native-asan

section "core without yaml-cpp (POSTRENDER_YAML_CPP=OFF: the common YAML subset only)"
cmake -S . -B build/no-yaml-cpp -DCMAKE_BUILD_TYPE=Debug -DPOSTRENDER_YAML_CPP=OFF >/dev/null
cmake --build build/no-yaml-cpp -j"$jobs" --target postrender_tests postrender_cli
build/no-yaml-cpp/tests/postrender_tests --no-intro

section "CommonMark conformance"
npm ci --prefix tests/conformance --no-audit --no-fund --loglevel=error
node tests/conformance/run.mjs build/native-asan

section "WebAssembly module and JavaScript package"
scripts/build-wasm.sh
npm ci --prefix web --no-audit --no-fund --loglevel=error
# Byte-identity checks compare with the native CLI built above.
POSTRENDER_NATIVE_CLI="$PWD/build/native-asan/cli/postrender" node --test tests/web/

section "browser (Debian chromium + playwright-core)"
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
# The XSS proof inserts what the native build (under ASan) renders for every corpus vector.
XSS_DUMP="$PWD/build/native-asan/tests/browser/xss_dump" npm test --prefix tests/browser

if [ "${FUZZ_SECONDS:-20}" != 0 ]; then
  section "fuzz smoke run"
  scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
fi

# bootstrap is a set-up step, not a suite.
printf '\nsuites: %d passed, 0 failed\n' "$((suites - 1))"

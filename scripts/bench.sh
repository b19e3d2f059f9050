#!/usr/bin/env bash
# The benchmark (issue 6; never part of the tests). Installs the peers, builds the native
# release (postrender_bench + md2html) and the wasm module, runs bench/run.mjs, prints the
# report and saves it as bench/results/latest.md + latest.json.
#
#   scripts/bench.sh [--quick] [--only=throughput,breakdown,native,coldstart,memory,sizes,site] [--stress-all]
#
#   --quick       fewer rounds and no 10 MB post (about 2-3 min instead of 4-7)
#   --no-build    use the builds as they are (the wasm in web/dist, the native bench binary)
# Environment: POSTRENDER_BENCH_BUILD_DIR  native build directory (default build/native-release,
#              the native-release preset's own).
# Needs what scripts/bootstrap.sh --wasm installs (cmake, a C++17 compiler, emscripten, Node 20).
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs  # emcc's optimizer needs Debian's acorn

build=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) args+=("$arg") ;;
  esac
done

native_dir="${POSTRENDER_BENCH_BUILD_DIR:-build/native-release}"

echo "bench: installing the peer packages (npm ci --prefix bench)" >&2
npm ci --prefix bench --no-audit --no-fund --loglevel=error >&2

if [ "$build" = 1 ]; then
  echo "bench: building the native release into $native_dir" >&2
  if [ "$native_dir" = build/native-release ]; then
    cmake --preset native-release >/dev/null
  else
    cmake -S . -B "$native_dir" -DCMAKE_BUILD_TYPE=Release -DPOSTRENDER_BENCH=ON >/dev/null
  fi
  cmake --build "$native_dir" -j2 --target postrender_bench md2html >&2
  echo "bench: building the wasm module (scripts/build-wasm.sh)" >&2
  scripts/build-wasm.sh >&2
fi

exec node bench/run.mjs --native-dir="$native_dir" "${args[@]+"${args[@]}"}"

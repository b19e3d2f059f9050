#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`, clang + ASan + UBSan) and runs each for a
# bounded time, one after the other.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     default: 30 seconds, every target
# First replays the committed regressions (tests/fuzz/regressions/<target>/*), then fuzzes
# from the committed seeds (tests/fuzz/corpus/<target>/) into a work corpus under build/fuzz/.
# A failed invariant or sanitizer report stops the run with a non-zero exit and leaves the
# reproducer in build/fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_tokenizer fuzz_render fuzz_front_matter)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc 2>/dev/null || echo 2)" --target "${targets[@]}"

for target in "${targets[@]}"; do
  binary=build/fuzz/tests/fuzz/$target
  work=build/fuzz/corpus/$target
  artifacts=build/fuzz/artifacts/$target/
  mkdir -p "$work" "$artifacts"
  regressions=tests/fuzz/regressions/$target
  if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    echo "== $target: replaying $(ls "$regressions" | wc -l) regression input(s)"
    "$binary" "$regressions"/*
  fi
  dict=tests/fuzz/html.dict
  [ -f "tests/fuzz/$target.dict" ] && dict=tests/fuzz/$target.dict
  echo "== $target: fuzzing for ${seconds}s"
  "$binary" "$work" "tests/fuzz/corpus/$target" \
    -dict="$dict" -max_total_time="$seconds" -max_len=16384 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts"
done

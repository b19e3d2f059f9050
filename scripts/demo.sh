#!/usr/bin/env bash
# Builds everything the demo needs and serves it on http://127.0.0.1:${PORT:-8080}/.
#   scripts/demo.sh               install (as root, idempotent), build the wasm and the example site, serve
#   PORT=9000 scripts/demo.sh     another port
#   scripts/demo.sh --no-install  skip the apt step (when bootstrap already ran)
# Pages: /web/demo/ (editor + live preview), /web/demo/embed.html (<post-view> on a foreign
# page), /site/ (the site `postrender build` made from examples/posts).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-8080}"
install=1
for arg in "$@"; do
  case "$arg" in
    --no-install) install=0 ;;
    *) echo "demo: unknown option $arg" >&2; exit 2 ;;
  esac
done

step() { printf '\n== %s\n' "$1"; }

if [ "$install" = 1 ]; then
  step "installing what the demo needs (apt packages, pinned sources)"
  scripts/bootstrap.sh --wasm
fi

step "building the WebAssembly module (web/dist/)"
scripts/build-wasm.sh

if [ -f web/bin/postrender.js ]; then
  step "building the example site (postrender build examples/posts --out build/site)"
  if ! node web/bin/postrender.js build examples/posts --out build/site --title "postrender examples" --quiet; then
    echo "demo: the example site did not build; the editor and embedding pages still work" >&2
  fi
else
  echo "demo: web/bin/postrender.js not found; skipping the example site" >&2
fi

step "serving"
exec node scripts/serve.mjs --port "$port"

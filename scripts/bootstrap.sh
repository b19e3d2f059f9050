#!/usr/bin/env bash
# Installs everything postrender needs on a fresh Debian bookworm machine, as root.
# Idempotent: packages already present and sources already unpacked are left alone.
#   scripts/bootstrap.sh            native toolchain + pinned sources
#   scripts/bootstrap.sh --wasm     also emscripten
#   scripts/bootstrap.sh --browser  also chromium (for browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
deps="$root/.deps"
want_wasm=0
want_browser=0
for arg in "$@"; do
  case "$arg" in
    --wasm) want_wasm=1 ;;
    --browser) want_browser=1 ;;
    *) echo "bootstrap: unknown option $arg" >&2; exit 2 ;;
  esac
done

export DEBIAN_FRONTEND=noninteractive
packages=(build-essential cmake clang lld doctest-dev dpkg-dev nodejs npm ca-certificates xz-utils)
[ "$want_wasm" = 1 ] && packages+=(emscripten binaryen)
[ "$want_browser" = 1 ] && packages+=(chromium fonts-noto-cjk fonts-noto-color-emoji)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# Node and npm may come from elsewhere than Debian; keep whatever works.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

# The pinned md4c and yaml-cpp sources come from Debian's source archive (trixie holds our versions).
src_list=/etc/apt/sources.list.d/postrender-trixie-src.sources
need_update=0
if [ ! -f "$src_list" ]; then
  # Reuse the mirror of the machine's own first Debian stanza rather than naming one.
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  if [ -z "$uri" ]; then
    uri=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  fi
  [ -n "$uri" ] || { echo "bootstrap: cannot find the Debian mirror in the apt sources" >&2; exit 1; }
  printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" > "$src_list"
  need_update=1
fi
[ "${#missing[@]}" -gt 0 ] && need_update=1
if [ "$need_update" = 1 ]; then
  apt-get update -qq
fi
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

"$root/scripts/fetch-sources.sh" "$deps"

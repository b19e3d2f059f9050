#!/usr/bin/env bash
# Fetches md4c and yaml-cpp from Debian's source archive at pinned versions, checks their
# SHA-256 against cmake/pins.txt and unpacks them into DIR (default .deps).
set -euo pipefail
cd "$(dirname "$0")/.."
pins="$(pwd)/cmake/pins.txt"
deps="${1:-.deps}"
mkdir -p "$deps"
deps=$(cd "$deps" && pwd)

while read -r name debversion tarball sha dir; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  if [ -f "$deps/$dir/.postrender-verified" ]; then continue; fi
  if [ ! -f "$deps/$tarball" ]; then
    (cd "$deps" && apt-get source --tar-only --download-only "$name=$debversion" >/dev/null)
  fi
  echo "$sha  $deps/$tarball" | sha256sum -c --quiet - || {
    echo "fetch-sources: checksum mismatch for $tarball" >&2; rm -f "$deps/$tarball"; exit 1; }
  rm -rf "${deps:?}/$dir"
  tar -xf "$deps/$tarball" -C "$deps"
  [ -d "$deps/$dir" ] || { echo "fetch-sources: $tarball did not unpack to $dir" >&2; exit 1; }
  touch "$deps/$dir/.postrender-verified"
done < "$pins"

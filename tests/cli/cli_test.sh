#!/usr/bin/env bash
# Checks the native CLI's contract: exit codes, JSON output, stdin, warnings on stderr.
# Usage: cli_test.sh PATH_TO_POSTRENDER SHARED_DIR
set -u
cli="$1"
seed="$2/seed/000_df5a8b09b0ad8a9a.txt"
passed=0
failed=0
check() {  # check NAME COMMAND...: the command must succeed
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name"; fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check "--help exits 0 and prints usage" bash -c "'$cli' --help | grep -q 'Usage: postrender render'"
check "--version prints the version" bash -c "'$cli' --version | grep -qE '^postrender [0-9]+\.[0-9]+\.[0-9]+$'"
"$cli" render --bogus - </dev/null >/dev/null 2>"$tmp/err"; rc=$?
check "an unknown option exits 2" test "$rc" = 2
check "an unknown option is named on stderr" grep -q -- "--bogus" "$tmp/err"
"$cli" render "$tmp/missing.md" >/dev/null 2>"$tmp/err"; rc=$?
check "an unreadable file exits 2" test "$rc" = 2
check "an unreadable file is named on stderr" grep -q "missing.md" "$tmp/err"
check "stdin is read with -" bash -c "printf 'hello *world*\n' | '$cli' render - | grep -q '<em>world</em>'"
"$cli" render "$seed" --json >"$tmp/seed.json" 2>/dev/null
check "--json prints one valid JSON object" node -e "
  const r = JSON.parse(require('fs').readFileSync('$tmp/seed.json', 'utf8'));
  if (typeof r.html !== 'string' || !Array.isArray(r.warnings) || !('frontMatter' in r)) process.exit(1);"
check "--json keeps the seed's Hangul title" node -e "
  const r = JSON.parse(require('fs').readFileSync('$tmp/seed.json', 'utf8'));
  if (r.title !== '혁신성장 조달청과 메인비즈의 특별한 협력!') process.exit(1);"
printf -- '---\ntitle: [unclosed\n---\nbody text\n' >"$tmp/bad.md"
"$cli" render "$tmp/bad.md" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "malformed front matter still renders the body" grep -q "body text" "$tmp/out"
check "malformed front matter is reported as FILE:LINE:COLUMN" grep -qE "bad.md:[0-9]+:[0-9]+: (error|warning): " "$tmp/err"
check "error diagnostics give exit status 1" test "$rc" = 1
check "--trusted passes raw HTML through" bash -c "printf '<div onclick=\"x\">a</div>\n' | '$cli' render - --trusted | grep -q 'onclick'"

echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]

#!/usr/bin/env bash
# Parse the mermaid charts of the golden risk reports (reports/testdata/*.md)
# with mermaid's own parser, so a chart GitHub would show as an error fails
# CI. Installs mermaid and jsdom at pinned versions with npm into a private
# prefix under $TMPDIR (kept, so later runs on the same machine are fast).
# Needs Node.js and npm (.ci/markdownlint.sh installs them when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

mermaid=11.17.2
jsdom=24.1.3
prefix="${TMPDIR:-/tmp}/vitals-mermaid-$mermaid-$jsdom"
if [ ! -d "$prefix/node_modules/mermaid" ] || [ ! -d "$prefix/node_modules/jsdom" ]; then
  echo "installing mermaid@$mermaid and jsdom@$jsdom into $prefix"
  npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "mermaid@$mermaid" "jsdom@$jsdom" >&2
fi

shopt -s nullglob
reports=(reports/testdata/*.md reports/testdata/workshop/*.md reports/testdata/history/*.md)
if [ ${#reports[@]} -eq 0 ]; then
  echo "mermaid: no golden reports in reports/testdata (run go test ./reports -update)" >&2
  exit 1
fi
# The script imports mermaid and jsdom from the prefix's node_modules.
cp scripts/mermaid-check.mjs "$prefix/check.mjs"
node "$prefix/check.mjs" "${reports[@]}"

#!/usr/bin/env bash
# Draw the mermaid chart of every golden risk report (reports/testdata/*.md)
# in headless Chromium, with the pinned mermaid that .ci/mermaid.sh installs,
# and check the drawing: one bar per scored sign in its band's colour, the
# full labels, both threshold lines (scripts/chart-check.py). Screenshots go
# to $VITALS_ARTIFACTS/charts (default $TMPDIR/vitals-artifacts/charts).
# Installs chromium with apt-get when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "chart: chromium missing and no apt-get to install it" >&2
    exit 1
  fi
  echo "installing chromium with apt-get"
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >&2
fi

mermaid=11.17.2
jsdom=24.1.3
prefix="${TMPDIR:-/tmp}/vitals-mermaid-$mermaid-$jsdom"
if [ ! -f "$prefix/node_modules/mermaid/dist/mermaid.min.js" ]; then
  echo "installing mermaid@$mermaid and jsdom@$jsdom into $prefix"
  npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "mermaid@$mermaid" "jsdom@$jsdom" >&2
fi

shots="${VITALS_ARTIFACTS:-${TMPDIR:-/tmp}/vitals-artifacts}/charts"
shopt -s nullglob
reports=(reports/testdata/*.md)
if [ ${#reports[@]} -eq 0 ]; then
  echo "chart: no golden reports in reports/testdata (run go test ./reports -update)" >&2
  exit 1
fi
python3 scripts/chart-check.py --mermaid "$prefix/node_modules/mermaid/dist/mermaid.min.js" --shots "$shots" "${reports[@]}"
echo "screenshots in $shots"

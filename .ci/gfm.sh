#!/usr/bin/env bash
# Render the golden risk reports (reports/testdata/*.md) with cmark-gfm,
# GitHub's own fork of cmark, and check their structure survived: tables
# with every row as wide as its header, the headings of the source, no raw
# HTML (scripts/gfm-check.py). Installs cmark-gfm (and python3 if missing)
# with apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v cmark-gfm >/dev/null 2>&1 || need+=(cmark-gfm)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "gfm: ${need[*]} missing and no apt-get to install them" >&2
    exit 1
  fi
  echo "installing ${need[*]} with apt-get"
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
fi

shopt -s nullglob
reports=(reports/testdata/*.md reports/testdata/workshop/*.md reports/testdata/history/*.md testdata/portfolio/*.md testdata/check/*.md)
if [ ${#reports[@]} -eq 0 ]; then
  echo "gfm: no golden reports in reports/testdata (run go test ./reports -update)" >&2
  exit 1
fi
python3 scripts/gfm-check.py "${reports[@]}"

#!/usr/bin/env bash
# Lint the golden risk reports (reports/testdata/*.md) with markdownlint-cli2,
# using the rules in .markdownlint-cli2.jsonc. The reports are what users
# commit, so they must stay lint-clean.
#
# Uses markdownlint-cli2 at the pinned version when it is on PATH; otherwise
# installs that version with npm into a private prefix under $TMPDIR (kept,
# so later runs on the same machine are fast). Needs Node.js and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

version=0.22.1
bin=markdownlint-cli2
installed=""
if command -v "$bin" >/dev/null 2>&1; then
  installed=$("$bin" --help 2>&1 || true)
fi
if [[ "$installed" != "markdownlint-cli2 v$version "* ]]; then
  if ! command -v npm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    echo "installing Node.js and npm with apt-get"
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >&2
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "markdownlint: npm is needed to install markdownlint-cli2@$version; install Node.js" >&2
    exit 1
  fi
  prefix="${TMPDIR:-/tmp}/vitals-markdownlint-$version"
  bin="$prefix/node_modules/.bin/markdownlint-cli2"
  if [ ! -x "$bin" ]; then
    echo "installing markdownlint-cli2@$version into $prefix"
    npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "markdownlint-cli2@$version" >&2
  fi
fi

shopt -s nullglob
reports=(reports/testdata/*.md reports/testdata/workshop/*.md reports/testdata/history/*.md testdata/portfolio/*.md testdata/check/*.md)
if [ ${#reports[@]} -eq 0 ]; then
  echo "markdownlint: no golden reports in reports/testdata (run go test ./reports -update)" >&2
  exit 1
fi
"$bin" "${reports[@]}"

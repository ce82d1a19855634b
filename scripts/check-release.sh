#!/usr/bin/env bash
# Checks what `goreleaser release --snapshot --clean` left in dist/: an
# archive per platform with the binary, README, man page and completions,
# checksums that match, and a linux/amd64 binary that is static, built with
# -trimpath, and knows its version and commit.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "check-release: $*" >&2; exit 1; }

version=$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' dist/metadata.json)
[ -n "$version" ] || fail "no version in dist/metadata.json"
commit=$(git rev-parse HEAD)

for target in linux_amd64 linux_arm64 darwin_amd64 darwin_arm64 windows_amd64 windows_arm64; do
  base="dist/vitals_${version}_${target}"
  case $target in
    windows_*) archive="$base.zip"; list=$(unzip -Z1 "$archive"); bin=vitals.exe ;;
    *) archive="$base.tar.gz"; list=$(tar tzf "$archive"); bin=vitals ;;
  esac
  [ -f "$archive" ] || fail "no $archive"
  for f in "$bin" README.md vitals.1 completions/vitals.bash completions/_vitals completions/vitals.fish completions/vitals.ps1; do
    grep -qx "$f" <<<"$list" || fail "$archive has no $f"
  done
  grep -q " $(basename "$archive")\$" dist/checksums.txt || fail "checksums.txt does not list $archive"
done
(cd dist && sha256sum --quiet -c checksums.txt) || fail "checksums do not match"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar xzf "dist/vitals_${version}_linux_amd64.tar.gz" -C "$tmp"
info=$(go version -m "$tmp/vitals")
grep -q 'CGO_ENABLED=0' <<<"$info" || fail "the linux/amd64 binary was built with cgo"
grep -q -- '-trimpath=true' <<<"$info" || fail "the linux/amd64 binary was built without -trimpath"
[ "$("$tmp/vitals" --version)" = "vitals v$version" ] || fail "--version says '$("$tmp/vitals" --version)', not 'vitals v$version'"
"$tmp/vitals" version | grep -qx "commit:  $commit" || fail "version does not name commit $commit"
# roff writes the version's hyphens as \-.
grep -qF ".TH VITALS 1 \"\" \"vitals v${version//-/\\-}\"" "$tmp/vitals.1" || fail "the man page does not name version v$version"
bash -n "$tmp/completions/vitals.bash" || fail "the bash completion script does not parse"
echo "check-release: 6 archives, checksums, static linux/amd64 binary v$version at $commit: ok"

#!/usr/bin/env bash
# Writes what release archives hold besides the binary: the man page and
# the shell completions, made by vitals itself from its command tree, into
# build/release-assets. GoReleaser runs this before it builds (see
# .goreleaser.yaml) with the version being released, which the man page
# names; it needs only Go.
#
#   bash scripts/release-assets.sh v1.2.3
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/release-assets
rm -rf "$out"
mkdir -p "$out/completions"
bin=$(mktemp -d)/vitals
trap 'rm -rf "$(dirname "$bin")"' EXIT
CGO_ENABLED=0 go build -trimpath -ldflags "-X main.version=${1:-dev}" -o "$bin" .
"$bin" man > "$out/vitals.1"
"$bin" completion bash > "$out/completions/vitals.bash"
"$bin" completion zsh > "$out/completions/_vitals"
"$bin" completion fish > "$out/completions/vitals.fish"
"$bin" completion powershell > "$out/completions/vitals.ps1"

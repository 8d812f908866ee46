#!/usr/bin/env bash
# Package a release build of brief: package.sh TAG TARGET OUTDIR (TAG such as v0.1.0, TARGET a
# Rust target triple whose `cargo build --release --target TARGET` is done) writes
# OUTDIR/brief-TAG-TARGET.tar.gz (.zip for Windows) holding brief-TAG-TARGET/{brief,README.md},
# and beside it the archive's SHA-256 as `<hash>  <archive>` in <archive>.sha256.
# Run by .github/workflows/release.yml; runs the same on a developer's machine.
set -euo pipefail
tag=$1 target=$2 out=$3
cd "$(dirname "$0")/../.."
name="brief-$tag-$target"
exe=brief
case "$target" in *windows*) exe=brief.exe ;; esac
binary="${CARGO_TARGET_DIR:-target}/$target/release/$exe"
[ -f "$binary" ] || { echo "package.sh: no $binary: build it first" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
mkdir "$staging/$name"
cp "$binary" README.md "$staging/$name/"
case "$target" in
  *windows*) archive="$name.zip"; (cd "$staging" && 7z a -tzip -bso0 "$out/$archive" "$name") ;;
  *) archive="$name.tar.gz"; tar -C "$staging" -czf "$out/$archive" "$name" ;;
esac
if command -v sha256sum >/dev/null 2>&1; then
  (cd "$out" && sha256sum "$archive" > "$archive.sha256")
else
  (cd "$out" && shasum -a 256 "$archive" > "$archive.sha256")
fi
echo "$out/$archive"

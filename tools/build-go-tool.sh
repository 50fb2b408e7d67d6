#!/usr/bin/env bash
# Builds the Go tool in the folder given (tools/<name>) into <repo>/.cache/bin/<name> with `go build`
# (modules from the Go module proxy, pinned by go.mod/go.sum); does nothing when the
# binary is newer than every source file. Prints the binary's path on stdout.
set -euo pipefail

src="$(cd "$1" && pwd)"
name="$(basename "$src")"
root="$(cd "$src/../.." && pwd)"
bin="$root/.cache/bin/$name"

if [[ -x "$bin" ]] &&
  [[ -z "$(find "$src" "${BASH_SOURCE[0]}" -maxdepth 1 -type f \( -name '*.go' -o -name go.mod -o -name go.sum -o -name build.sh -o -name build-go-tool.sh \) -newer "$bin" -print -quit)" ]]; then
  echo "$bin"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "$name: the Go toolchain (go) is required to build the validator" >&2
  exit 1
fi

mkdir -p "$(dirname "$bin")"
# Build to a private temporary name, then rename: concurrent builds (parallel
# test workers) never expose a half-written binary.
tmp="$(mktemp "$bin.tmp.XXXXXX")"
trap 'rm -f "$tmp"' EXIT

start=$SECONDS
(
  cd "$src"
  # -mod=readonly: go.mod/go.sum are authoritative; GOTOOLCHAIN=local: never fetch a toolchain.
  GOTOOLCHAIN=local go build -mod=readonly -buildvcs=false -trimpath -o "$tmp" .
)
mv -f "$tmp" "$bin"
trap - EXIT
echo "$name: built $bin in $((SECONDS - start))s" >&2
echo "$bin"

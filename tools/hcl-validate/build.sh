#!/usr/bin/env bash
# Builds tools/hcl-validate into <repo>/.cache/bin/hcl-validate with `go build`
# (modules from the Go module proxy, pinned by go.mod/go.sum); does nothing when the
# binary is newer than every source file. Prints the binary's path on stdout.
set -euo pipefail

src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$src/../.." && pwd)"
bin="$root/.cache/bin/hcl-validate"

if [[ -x "$bin" ]] &&
  [[ -z "$(find "$src" -maxdepth 1 -type f \( -name '*.go' -o -name go.mod -o -name go.sum -o -name build.sh \) -newer "$bin" -print -quit)" ]]; then
  echo "$bin"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "hcl-validate: the Go toolchain (go) is required to build the validator" >&2
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
echo "hcl-validate: built $bin in $((SECONDS - start))s" >&2
echo "$bin"

#!/usr/bin/env bash
# Builds a real kube-apiserver and etcd from sources and prints their two paths on stdout (kube-apiserver first):
#   - kube-apiserver: the Go module k8s.io/kubernetes from the Go module proxy. `go install` refuses it (its go.mod
#     replaces the k8s.io/* staging modules with ./staging/src directories the module zip does not hold), so the
#     module is copied out, vendor/ and go.work* removed, the replace block dropped, every `k8s.io/* v0.0.0`
#     requirement pinned to the matching published staging version (v0.<minor>.<patch>), and
#     k8s.io/sample-apiserver (not needed by kube-apiserver) dropped; then `go build -mod=mod ./cmd/kube-apiserver`.
#   - etcd: tools/kube-apiserver/etcd, a main calling go.etcd.io/etcd/server/v3/etcdmain (pinned by its go.sum).
# Everything lands under <repo>/.cache/kube-apiserver/<version>/. A no-op when both binaries exist; holds a lock so
# concurrent test workers build once. The build is heavy (minutes, ~2 GB), so it runs under `nice -n 10`.
set -euo pipefail

KUBE_VERSION="${GRAFT_KUBE_APISERVER_VERSION:-v1.35.4}"

# Pinned Go module hashes; `go` also checks every module against the Go checksum database.
declare -A PINNED=(
  [v1.35.4]='h1:o/8dBC/pHVpYoGV4OAIytAlNPZbdYVTXJHoYvXC4qzM='
)

src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$src/../.." && pwd)"
cache="$root/.cache/kube-apiserver"
out="$cache/$KUBE_VERSION"
apiserver="$out/kube-apiserver"
etcd="$out/etcd"
stamp="$(cat "${BASH_SOURCE[0]}" "$src/etcd/main.go" "$src/etcd/go.mod" "$src/etcd/go.sum" | sha256sum | cut -c1-16)"

done_already() { [[ -x "$apiserver" && -x "$etcd" && "$(cat "$out/stamp" 2>/dev/null)" == "$stamp" ]]; }
if done_already; then
  echo "$apiserver"
  echo "$etcd"
  exit 0
fi

need() {
  command -v "$1" >/dev/null 2>&1 || {
    echo "kube-apiserver: $1 is required ($2)" >&2
    exit 1
  }
}
need go 'builds kube-apiserver and etcd from the Go module proxy'
need flock 'serialises concurrent builds'

mkdir -p "$out"
exec 9>"$cache/.lock"
flock 9
if done_already; then # built by another process while this one waited for the lock
  echo "$apiserver"
  echo "$etcd"
  exit 0
fi

tmp="$(mktemp -d "$cache/tmp.XXXXXX")"
trap 'chmod -R u+w "$tmp" 2>/dev/null || true; rm -rf "$tmp"' EXIT
export GOTOOLCHAIN=local GOFLAGS="-buildvcs=false -modcacherw"

start=$SECONDS
json="$(go mod download -json "k8s.io/kubernetes@$KUBE_VERSION")" || {
  echo "kube-apiserver: go mod download k8s.io/kubernetes@$KUBE_VERSION failed: $json" >&2
  exit 1
}
field() { sed -n "s/^\t\"$1\": \"\(.*\)\",\{0,1\}$/\1/p" <<<"$json"; }
dir="$(field Dir)"
sum="$(field Sum)"
pinned="${PINNED[$KUBE_VERSION]:-}"
if [[ -n "$pinned" && "$sum" != "$pinned" ]]; then
  echo "kube-apiserver: k8s.io/kubernetes@$KUBE_VERSION has checksum $sum, expected $pinned" >&2
  exit 1
fi

# v1.35.4 -> v0.35.4: the staging modules are published with the same minor and patch
staging="v0.${KUBE_VERSION#v1.}"
minor="${KUBE_VERSION#v1.}"
minor="${minor%%.*}"
cp -r "$dir" "$tmp/kubernetes"
chmod -R u+w "$tmp/kubernetes"
(
  cd "$tmp/kubernetes"
  rm -rf vendor go.work go.work.sum
  sed -i \
    -e '/^replace (/,/^)/d' \
    -e '/k8s.io\/sample-apiserver/d' \
    -e "s#^\(\tk8s.io/[a-z0-9./-]*\) v0.0.0\$#\1 $staging#" \
    go.mod
  pkg=k8s.io/component-base/version
  ldflags="-s -w -X $pkg.gitVersion=$KUBE_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
  nice -n 10 go build -mod=mod -trimpath -ldflags "$ldflags" -o "$tmp/kube-apiserver" ./cmd/kube-apiserver
)
echo "kube-apiserver: built kube-apiserver $KUBE_VERSION in $((SECONDS - start))s" >&2

start=$SECONDS
(
  cd "$src/etcd"
  nice -n 10 go build -mod=readonly -trimpath -ldflags '-s -w' -o "$tmp/etcd" .
)
echo "kube-apiserver: built etcd in $((SECONDS - start))s" >&2

mv -f "$tmp/kube-apiserver" "$apiserver"
mv -f "$tmp/etcd" "$etcd"
echo "$stamp" >"$out/stamp"
echo "$apiserver"
echo "$etcd"

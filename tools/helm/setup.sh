#!/usr/bin/env bash
# Builds a real helm (the Go module helm.sh/helm/v3, cmd/helm) with `go install` from the Go module proxy and prints
# its path on stdout. The module version and its `h1:` hash are pinned; `go` also checks every module against the Go
# checksum database. Everything lands under <repo>/.cache/helm/<version>/. A no-op when the binary exists; holds a
# lock so concurrent test workers build once. The build takes minutes, so it runs under `nice -n 10`.
set -euo pipefail

HELM_VERSION="${GRAFT_HELM_VERSION:-v3.16.4}"

declare -A PINNED=(
  [v3.16.4]='h1:rBn/h9MACw+QlhxQTjpl8Ifx+VTWaYsw3rguGBYBzr0='
)

src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$src/../.." && pwd)"
cache="$root/.cache/helm"
out="$cache/$HELM_VERSION"
helm="$out/helm"
stamp="$(sha256sum <"${BASH_SOURCE[0]}" | cut -c1-16)"

done_already() { [[ -x "$helm" && "$(cat "$out/stamp" 2>/dev/null)" == "$stamp" ]]; }
if done_already; then
  echo "$helm"
  exit 0
fi

need() {
  command -v "$1" >/dev/null 2>&1 || {
    echo "helm: $1 is required ($2)" >&2
    exit 1
  }
}
need go 'builds helm from the Go module proxy'
need flock 'serialises concurrent builds'

mkdir -p "$out"
exec 9>"$cache/.lock"
flock 9
if done_already; then # built by another process while this one waited for the lock
  echo "$helm"
  exit 0
fi

tmp="$(mktemp -d "$cache/tmp.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
export GOTOOLCHAIN=local GOFLAGS="-buildvcs=false -modcacherw"

start=$SECONDS
json="$(go mod download -json "helm.sh/helm/v3@$HELM_VERSION")" || {
  echo "helm: go mod download helm.sh/helm/v3@$HELM_VERSION failed: $json" >&2
  exit 1
}
sum="$(sed -n 's/^\t"Sum": "\(.*\)",\{0,1\}$/\1/p' <<<"$json")"
pinned="${PINNED[$HELM_VERSION]:-}"
if [[ -n "$pinned" && "$sum" != "$pinned" ]]; then
  echo "helm: helm.sh/helm/v3@$HELM_VERSION has checksum $sum, expected $pinned" >&2
  exit 1
fi

# the same stamps as helm's own Makefile: its version, and the Kubernetes version `helm template` and `helm lint`
# assume (client-go v0.31 -> 1.31), which a chart's `kubeVersion:` is checked against
kube=1.31
ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
for p in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
  ldflags+=" -X $p.k8sVersionMajor=${kube%%.*} -X $p.k8sVersionMinor=${kube#*.}"
done
GOBIN="$tmp" nice -n 10 go install -trimpath -ldflags "$ldflags" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
echo "helm: built helm $HELM_VERSION in $((SECONDS - start))s" >&2

mv -f "$tmp/helm" "$helm"
echo "$stamp" >"$out/stamp"
echo "$helm"

#!/usr/bin/env bash
# Installs and builds graft's client runners into <repo>/.cache/runners (idempotent: a runner whose inputs
# did not change since its last build is skipped).
# Usage: testbed/runners/setup.sh [java|spring|python|node|go|all]...   (default: all, built one after another)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/.cache/runners"
mkdir -p "$OUT"

# stamp NAME FILE...: hash of the inputs; fresh NAME succeeds when the last build had the same hash.
stamp() { local name=$1; shift; (cd "$HERE" && find "$@" -type f -not -path '*/node_modules/*' | LC_ALL=C sort | xargs sha256sum) | sha256sum | cut -c1-16; }
fresh() { [[ -f "$OUT/$1.stamp" && "$(cat "$OUT/$1.stamp")" == "$2" ]]; }
done_() { echo "$2" > "$OUT/$1.stamp"; }

log() { echo "[setup] $*" >&2; }

setup_python() {
  local h; h=$(stamp python python/requirements.txt)
  if fresh python "$h" && [[ -x "$OUT/python/venv/bin/python" ]]; then log "python: up to date"; return; fi
  log "python: venv + pip install -r python/requirements.txt"
  rm -rf "$OUT/python/venv"
  python3 -m venv "$OUT/python/venv"
  "$OUT/python/venv/bin/pip" install -q --disable-pip-version-check -r "$HERE/python/requirements.txt"
  "$OUT/python/venv/bin/python" -c 'import confluent_kafka as c; print("[setup] confluent-kafka", c.version(), "librdkafka", c.libversion()[0])' >&2
  done_ python "$h"
}

setup_node() {
  local h; h=$(stamp node node/package.json node/package-lock.json)
  if fresh node "$h" && [[ -d "$HERE/node/node_modules/kafkajs" ]]; then log "node: up to date"; return; fi
  log "node: npm ci in testbed/runners/node"
  (cd "$HERE/node" && npm ci --no-audit --no-fund --loglevel=error >&2)
  done_ node "$h"
}

# Compiled runners are built into .cache/runners/NAME-<hash of their sources> (commands.ts computes the same hash),
# so checkouts with different runner sources that share one cache never rebuild or remove each other's build.
# publish NAME H TMP: moves a finished build into place, unless a concurrent setup got there first.
publish() {
  touch "$3/.complete"
  if [[ -e "$OUT/$1-$2" ]]; then rm -rf "$3"; else mv "$3" "$OUT/$1-$2"; fi
}

setup_go() {
  local h; h=$(stamp go go)
  if [[ -f "$OUT/go-$h/.complete" ]]; then log "go: up to date"; return; fi
  log "go: go build"
  local tmp="$OUT/go-$h.tmp-$$"
  rm -rf "$tmp"; mkdir -p "$tmp"
  (cd "$HERE/go" && go build -trimpath -o "$tmp/runner" .)
  publish go "$h" "$tmp"
}

# setup_maven NAME: mvn package into .cache/runners/NAME-<hash> (classes/ + lib/*.jar).
setup_maven() {
  local name=$1 h; h=$(stamp "$name" "$name")
  if [[ -f "$OUT/$name-$h/.complete" ]]; then log "$name: up to date"; return; fi
  log "$name: mvn package"
  local tmp="$OUT/$name-$h.tmp-$$"
  rm -rf "$tmp"
  # Debian's Maven 3.8 prints stray colour resets even with -B; strip them.
  (cd "$HERE/$name" && mvn -q -B -ntp -Dstyle.color=never package -Drunner.out="$tmp" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2)
  publish "$name" "$h" "$tmp"
}

targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(all)
for t in "${targets[@]}"; do
  case "$t" in
    python|python-librdkafka) setup_python ;;
    node) setup_node ;;
    go) setup_go ;;
    java|spring) setup_maven "$t" ;;
    all) setup_python; setup_node; setup_go; setup_maven java; setup_maven spring ;;
    *) echo "usage: $0 [java|spring|python|node|go|all]..." >&2; exit 2 ;;
  esac
done

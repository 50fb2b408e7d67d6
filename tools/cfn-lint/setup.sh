#!/usr/bin/env bash
# Installs AWS's CloudFormation linter cfn-lint (PyPI, pinned) into a virtualenv under <repo>/.cache/cfn-lint/ and prints
# the path of its cfn-lint executable on stdout. Idempotent and safe to run concurrently: a no-op when the venv for
# this version exists.
set -euo pipefail

CFN_LINT_VERSION="${CFN_LINT_VERSION:-1.51.0}"

src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$src/../.." && pwd)"
# the physical path: a venv records its own path in its scripts, so one made through a symlinked .cache must not be
# found under a path that may later vanish
mkdir -p "$root/.cache/cfn-lint"
cache="$(cd "$root/.cache/cfn-lint" && pwd -P)"
venv="$cache/venv-$CFN_LINT_VERSION"
bin="$venv/bin/cfn-lint"

# complete and still runnable (its interpreter path intact)
usable() { [[ -x "$bin" && -f "$venv/.complete" ]] && "$bin" --version >/dev/null 2>&1; }

if usable; then
  echo "$bin"
  exit 0
fi

exec 9>"$cache/.lock"
flock 9
if usable; then
  echo "$bin"
  exit 0
fi

python="${PYTHON:-python3}"
rm -rf "$venv"
"$python" -m venv "$venv" >&2
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-input "cfn-lint==$CFN_LINT_VERSION" >&2
"$bin" --version >&2
touch "$venv/.complete"
echo "$bin"

#!/usr/bin/env bash
# Builds tools/hcl-validate into <repo>/.cache/bin/hcl-validate and prints the binary's path (see ../build-go-tool.sh).
exec "$(dirname "${BASH_SOURCE[0]}")/../build-go-tool.sh" "$(dirname "${BASH_SOURCE[0]}")"

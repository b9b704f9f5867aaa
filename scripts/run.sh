#!/usr/bin/env bash
# Set up and run Confidant (README command 1).
#  - installs dependencies if needed, builds the UI, creates a local data folder on first run;
#  - opens the desktop app, downloading Electron's binary first where it can; where it cannot (offline, a
#    blocked download, no display) it says why in one line and serves browser mode on 127.0.0.1 instead.
# Environment: CONFIDANT_DATA_DIR (default ./.confidant-data), CONFIDANT_PORT (default 0 = any free port),
# CONFIDANT_PASSPHRASE (the store key; see the demo default below), CONFIDANT_USER_PASSWORD (the first
# admin's and the demo users' password on first run; demo default below), CONFIDANT_MODE=auto|browser|desktop
# (desktop fails instead of falling back), ELECTRON_MIRROR (where to download Electron from).
set -euo pipefail
cd "$(dirname "$0")/.."

# Electron's binary is fetched below, not by npm ci, so that an offline install still succeeds.
# A symlinked node_modules belongs to another checkout (a worktree sharing it): reinstalling here would
# replace that checkout's packages under it, so it is left alone and only warned about.
if [ -L node_modules ]; then
  if [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "run: node_modules is a link to another checkout and older than package-lock.json; not reinstalling into it" >&2
  fi
elif [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 NODE_LLAMA_CPP_SKIP_DOWNLOAD=true npm ci
fi
# The UI is rebuilt only when a source of it changed since the last build.
if [ ! -f renderer/dist/index.html ] ||
  [ -n "$(find renderer shared -type f -newer renderer/dist/index.html -not -path 'renderer/dist/*' -print -quit)" ]; then
  npm run --silent build:renderer
fi

DATA_DIR=${CONFIDANT_DATA_DIR:-$PWD/.confidant-data}
if [ -z "${CONFIDANT_PASSPHRASE:-}" ]; then
  # DEMO ONLY. A real desk sets its own passphrase (or uses the desktop app's OS keychain).
  export CONFIDANT_PASSPHRASE='confidant-demo-only'
  echo "run: CONFIDANT_PASSPHRASE not set; using the DEMO-ONLY passphrase 'confidant-demo-only' for $DATA_DIR" >&2
fi

if [ ! -f "$DATA_DIR/confidant.db" ]; then
  if [ -z "${CONFIDANT_USER_PASSWORD:-}" ]; then
    # DEMO ONLY. Sign in as "Demo Admin" (or demo-agent, demo-supervisor, demo-compliance) with it.
    export CONFIDANT_USER_PASSWORD='confidant-demo-password'
    echo "run: CONFIDANT_USER_PASSWORD not set; the first admin 'Demo Admin' and the demo users get the DEMO-ONLY password 'confidant-demo-password'" >&2
  fi
  node bin/confidant.js init --data-dir "$DATA_DIR" --role-admin "Demo Admin"
  # Seed a knowledge base, staff of every role and sample conversations through the real pipeline.
  node bin/confidant.js demo --data-dir "$DATA_DIR" --as "Demo Admin" || echo "run: demo data not seeded (see message above)" >&2
fi

MODE=${CONFIDANT_MODE:-auto}
if [ "$MODE" != browser ]; then
  if ! why=$(node scripts/fetch-electron.mjs); then
    : # $why says what stopped the download
  elif [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    why="no display (DISPLAY and WAYLAND_DISPLAY are unset)"
  fi
  if [ -z "$why" ]; then
    # Desktop keeps its own store under the OS user-data folder, unlocked by the OS keychain.
    # Native modules must match Electron's ABI; `npm rebuild` switches them back for the Node CLI and tests.
    npx electron-builder install-app-deps
    npm run --silent build:app
    exec npx electron .
  fi
  if [ "$MODE" = desktop ]; then
    echo "run: desktop app unavailable: $why" >&2
    exit 5
  fi
  echo "run: desktop app unavailable: $why; serving browser mode instead" >&2
fi
exec node bin/confidant.js web --data-dir "$DATA_DIR" --port "${CONFIDANT_PORT:-0}"

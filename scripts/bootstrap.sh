#!/usr/bin/env bash
# The main job on a fresh machine: system packages the tests need, npm packages from
# the lockfile, then the full build (specs bundles, generated types, packages, docs site).
set -euo pipefail
cd "$(dirname "$0")/.."

# Headless Chromium for the docs browser test (Debian's package; never a downloaded build).
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "warning: /usr/bin/chromium is missing; install Debian's 'chromium' package (as root: apt-get install chromium) for the browser tests" >&2
  fi
fi

# Install exactly what package-lock.json records (`npm ci`: it refuses a lockfile that is out of step
# with a package.json). The lockfile lists every platform's optional packages, so this works on any OS;
# packaging-tests/test/lockfile.test.ts keeps it so. No dependency's install script runs: the only ones,
# esbuild's, are denied in package.json `allowScripts` (esbuild runs from its platform package without it).
npm ci --no-audit --no-fund
npm run build

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

# Install exactly what package-lock.json records. (Not `npm ci`: this machine's registry serves only
# the Linux builds of packages with per-platform binaries such as turbo and biome, so the lockfile
# cannot list the others and `npm ci` refuses it. The check below gives the same guarantee.)
lock_before=$(sha256sum package-lock.json)
npm install --no-audit --no-fund
if [ "$(sha256sum package-lock.json)" != "$lock_before" ]; then
  echo "package-lock.json is out of date with package.json: run 'npm install' and commit the lockfile" >&2
  exit 1
fi
npm run build

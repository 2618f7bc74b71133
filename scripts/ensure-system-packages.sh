#!/usr/bin/env bash
# Installs the Debian packages some tests need when they are missing: Chromium for the what-if
# page's browser test, Jupyter's nbconvert (and ipykernel) to execute the notebooks, redis-server
# for the distributed sweeps (tests start their own on 127.0.0.1; apt does not start it here). Run by `npm test` (and so by CI); idempotent, and quick when everything is
# there. Without root or apt-get it stops with the list to install, never skipping silently.
set -euo pipefail

# Each package and a file it installs.
declare -A NEEDED=(
  [chromium]=/usr/bin/chromium
  [jupyter-nbconvert]=/usr/bin/jupyter-nbconvert
  [python3-ipykernel]=/usr/lib/python3/dist-packages/ipykernel/__init__.py
  [redis-server]=/usr/bin/redis-server
)

missing=()
for package in "${!NEEDED[@]}"; do
  [[ -e "${NEEDED[$package]}" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "installing system packages the tests need: ${missing[*]}"
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
  echo "cannot install them here (needs root and apt-get): install ${missing[*]} and run again" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for package in "${missing[@]}"; do
  [[ -e "${NEEDED[$package]}" ]] || { echo "$package installed but ${NEEDED[$package]} is missing" >&2; exit 1; }
done

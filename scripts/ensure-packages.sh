#!/usr/bin/env bash
# ensure-packages.sh COMMAND=DEBIAN-PACKAGE ...
#
# Installs each Debian package whose command is missing, so that `make test`
# passes on a fresh machine. Installing needs root (as on this project's
# machines and CI); elsewhere it stops with a message saying what to install.
set -euo pipefail

missing=()
for pair in "$@"; do
  cmd=${pair%%=*} pkg=${pair#*=}
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "ensure-packages: installing ${missing[*]} (Debian packages)"
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-packages: cannot install ${missing[*]}: this needs root and apt-get." >&2
  echo "ensure-packages: install them yourself (sudo apt-get install ${missing[*]}) and run make again." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# The package lists of a fresh machine may be empty or old.
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for pair in "$@"; do
  cmd=${pair%%=*}
  command -v "$cmd" >/dev/null 2>&1 || { echo "ensure-packages: $cmd still missing after installing ${pair#*=}" >&2; exit 1; }
done

#!/usr/bin/env bash
# Installs the Debian packages Errata links against (cmark-gfm and its GFM extensions)
# when they are missing. Safe to run again: it does nothing once they are installed.
set -euo pipefail

packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
echo "Installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null

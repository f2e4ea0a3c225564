#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian/Ubuntu packages Plugboard needs that are missing. Sourced by
# run-demo.sh and run-tests.sh; the one list of dependencies of the project.
#   usage: deps.sh [build|test]

pb_packages_build=(
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev
  libjson-glib-dev libsecret-1-dev libgnutls28-dev desktop-file-utils appstream libxml2-utils
)
pb_packages_test=(
  xvfb xauth xdotool dbus dbus-x11 gnome-keyring libsecret-tools curl python3
  clang libclang-rt-14-dev debootstrap
)

pb_install_deps () {
  local want=("${pb_packages_build[@]}")
  [[ ${1:-build} == test ]] && want+=("${pb_packages_test[@]}")
  local missing=()
  local p
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  echo "Installing: ${missing[*]}" >&2
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  pb_install_deps "${1:-build}"
fi

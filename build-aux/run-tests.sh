#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds Plugboard and runs the whole test suite headless: a private
# X server (Xvfb), a private D-Bus session with a real, unlocked gnome-keyring, throwaway XDG
# folders. The last line is "N passed, N failed" (N counts the individual test cases).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
source build-aux/deps.sh
pb_install_deps test

build=${PB_BUILDDIR:-_build}
[[ -f $build/build.ninja ]] || meson setup "$build"
meson compile -C "$build"

status=0
xvfb-run -a -s '-screen 0 1280x1024x24' \
  dbus-run-session -- "$top/build-aux/test-session.sh" "$build" "$@" || status=$?

python3 "$top/build-aux/count-tests.py" "$build/meson-logs/testlog.json" || status=1
exit $status

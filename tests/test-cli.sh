#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# plugboard --version and --help work without a display (TAP).
plugboard=$1
unset DISPLAY WAYLAND_DISPLAY
echo "1..4"
out=$("$plugboard" --version 2>&1); status=$?
[ $status -eq 0 ] && echo "ok 1 - --version exits 0 without a display" || echo "not ok 1 - --version exits $status: $out"
case $out in
  "plugboard "[0-9]*) echo "ok 2 - --version prints the version ($out)" ;;
  *) echo "not ok 2 - --version printed: $out" ;;
esac
out=$("$plugboard" --help 2>&1); status=$?
[ $status -eq 0 ] && echo "ok 3 - --help exits 0 without a display" || echo "not ok 3 - --help exits $status: $out"
case $out in
  *--demo*) echo "ok 4 - --help lists --demo" ;;
  *) echo "not ok 4 - --help printed: $out" ;;
esac

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs inside xvfb-run and dbus-run-session (see run-tests.sh): throwaway XDG folders, a real
# gnome-keyring unlocked with a throwaway password, then meson test.
set -uo pipefail
build=$1; shift
root=$(mktemp -d)
trap 'kill $GNOME_KEYRING_PID 2>/dev/null; rm -rf "$root"' EXIT
export XDG_CONFIG_HOME=$root/config XDG_DATA_HOME=$root/data XDG_CACHE_HOME=$root/cache
export XDG_STATE_HOME=$root/state XDG_RUNTIME_DIR=$root/run
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
GNOME_KEYRING_PID=
eval "$(printf 'plugboard-tests' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL GNOME_KEYRING_PID
meson test -C "$build" --print-errorlogs "$@"

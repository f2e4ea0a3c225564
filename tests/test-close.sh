#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A user's round with the real program (TAP): open Plugboard on a saved account, close its
# window with Ctrl+W, start again with the server gone, close again. Closing is not signing
# out: the account and its offline copy stay, and nothing logs a warning on the way.
# Runs in the headless test session (Xvfb, D-Bus, an unlocked keyring); needs xdotool and
# secret-tool. usage: test-close.sh PLUGBOARD DEMO-SERVER
set -u
plugboard=$1 demo=$2
tmp=$(mktemp -d)
demo_pid= app_pid=
cleanup () {
  [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null
  [[ -n $demo_pid ]] && kill "$demo_pid" 2>/dev/null
  secret-tool clear xdg:schema io.github.plugboard.Plugboard.Account account-id close-test \
    2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
export XDG_CACHE_HOME=$tmp/cache XDG_CONFIG_HOME=$tmp/config
cache=$XDG_CACHE_HOME/plugboard/connections-close-test.json
n=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); echo "not ok $n - $1"; }
check () { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
bail () { echo "Bail out! $1"; exit 1; }

for tool in xdotool secret-tool; do
  command -v $tool >/dev/null || bail "$tool is missing (build-aux/deps.sh installs it)"
done
[[ -n ${DISPLAY:-} ]] || bail "no display (run through build-aux/test-session.sh under xvfb-run)"

# Waits up to $1 tenths of a second for the command that follows to succeed.
wait_for () {
  local tenths=$1; shift
  for ((i = 0; i < tenths; i++)); do "$@" && return 0; sleep 0.1; done
  return 1
}

# Starts Plugboard; its output goes to $tmp/$1.log.
start_app () {
  "$plugboard" >"$tmp/$1.log" 2>&1 &
  app_pid=$!
}

# Presses Ctrl+W in Plugboard's window and waits for the program to end; its exit status.
close_with_ctrl_w () {
  local wid status
  wait_for 150 eval 'wid=$(xdotool search --pid "$app_pid" --onlyvisible --name "" | head -1); [[ -n $wid ]]' \
    || return 1
  sleep 1
  xdotool windowfocus --sync "$wid" key ctrl+w
  wait_for 100 eval '! kill -0 "$app_pid" 2>/dev/null' || return 1
  wait "$app_pid"; status=$?
  app_pid=
  return $status
}

quiet_log () { ! grep -E "CRITICAL|WARNING" "$tmp/$1.log"; }

echo "1..8"

"$demo" --port 0 --token close-test-token >"$tmp/demo.log" 2>&1 &
demo_pid=$!
wait_for 100 grep -q "^Base URL: " "$tmp/demo.log" || bail "the demo server did not start"
url=$(sed -n 's/^Base URL: //p' "$tmp/demo.log")
printf %s close-test-token | secret-tool store --label "Plugboard: Close test" \
  xdg:schema io.github.plugboard.Plugboard.Account account-id close-test name "Close test" \
  base-url "$url" sign-in access-token || bail "could not save the account in the keyring"

start_app first
check "the list is kept for offline use after it loads" wait_for 200 test -s "$cache"
check "Ctrl+W closes the window and the program ends cleanly" close_with_ctrl_w
check "nothing warned while opening and closing" quiet_log first
check "closing kept the offline copy" test -s "$cache"
check "closing kept the account" eval 'secret-tool search xdg:schema io.github.plugboard.Plugboard.Account account-id close-test 2>&1 | grep -q close-test'

kill "$demo_pid"; wait "$demo_pid" 2>/dev/null; demo_pid=

start_app offline
sleep 3
check "started again offline, Ctrl+W closes it cleanly" close_with_ctrl_w
check "nothing warned while offline" quiet_log offline
check "the offline copy is still there" test -s "$cache"

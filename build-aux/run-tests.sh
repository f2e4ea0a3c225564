#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds Plugboard and runs the whole test suite headless: a private
# X server (Xvfb), a private D-Bus session with a real, unlocked gnome-keyring, throwaway XDG
# folders. Four passes:
#   1. the suite as built normally ($PB_BUILDDIR, default _build);
#   2. the same suite built with AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer
#      ($PB_ASAN_BUILDDIR, default _build-asan; leaks in system libraries that Plugboard cannot
#      fix are listed in tests/lsan.supp; LeakSanitizer for the core and data tests only);
#      PB_TEST_ASAN=0 skips it;
#   3. a short run of each fuzz target of fuzz/ (clang, $PB_FUZZ_BUILDDIR, default _build-fuzz);
#      PB_TEST_FUZZ=0 skips it, and so does naming tests on the command line;
#   4. the whole suite (UI included) built and run inside a Debian 13 chroot, the nearest stack
#      to the Flatpak's GNOME runtime that can be installed here (build-aux/debian13.sh; made
#      the first time in _debian13, which needs root: through sudo when you are not root);
#      PB_TEST_DEBIAN13=0 skips it.
# Arguments go to `meson test` (e.g. test names). The last line is "N passed, N failed"
# (N counts the individual test cases of every pass).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
source build-aux/deps.sh
pb_install_deps test

build=${PB_BUILDDIR:-_build}
asan=${PB_ASAN_BUILDDIR:-_build-asan}
fuzz=${PB_FUZZ_BUILDDIR:-_build-fuzz}
logs=()
status=0

# Runs tests of a build folder in the headless session: run_suite DIR LOGBASE [meson test
# arguments]; the results go to DIR/meson-logs/LOGBASE.json.
run_suite () {
  local dir=$1 logbase=$2 start=$SECONDS
  shift 2
  xvfb-run -a -s '-screen 0 1280x1024x24' \
    dbus-run-session -- "$top/build-aux/test-session.sh" "$dir" --logbase "$logbase" "$@" \
    || status=1
  logs+=("$dir/meson-logs/$logbase.json")
  echo "== $dir ($logbase): $((SECONDS - start)) s" >&2
}

[[ -f $build/build.ninja ]] || meson setup "$build"
meson compile -C "$build"
run_suite "$build" testlog "$@"

if [[ ${PB_TEST_ASAN:-1} != 0 ]]; then
  [[ -f $asan/build.ninja ]] || meson setup "$asan" -Db_sanitize=address,undefined
  meson compile -C "$asan"
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:abort_on_error=1:print_summary=1
  export LSAN_OPTIONS=suppressions=$top/tests/lsan.supp:print_suppressions=0
  export G_SLICE=always-malloc G_DEBUG=fatal-criticals,gc-friendly
  # Core and data tests with LeakSanitizer. The slow unwinder lets tests/lsan.supp see the
  # frames of system libraries built without frame pointers (GLib's slice allocator would hide
  # leaks from ASan: G_SLICE).
  ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:malloc_context_size=20:halt_on_error=1:abort_on_error=1:print_summary=1 \
    run_suite "$asan" asan-core --timeout-multiplier 6 --suite core --suite data "$@"
  # UI tests: memory errors and undefined behaviour only. With the slow unwinder GTK runs ten
  # times slower again; every UI test asserts that its windows and objects are freed instead.
  ASAN_OPTIONS=detect_leaks=0:halt_on_error=1:abort_on_error=1:print_summary=1 \
    run_suite "$asan" asan-ui --timeout-multiplier 6 --suite ui "$@"
fi

if [[ ${PB_TEST_FUZZ:-1} != 0 && $# -eq 0 ]]; then
  start=$SECONDS
  [[ -f $fuzz/build.ninja ]] || CC=clang meson setup "$fuzz" -Dfuzzing=true
  # Only the targets (the application itself is not needed here): one per fuzz/fuzz-*.c.
  targets=()
  for src in fuzz/fuzz-*.c; do targets+=("fuzz/$(basename "$src" .c)"); done
  meson compile -C "$fuzz" "${targets[@]}"
  meson test -C "$fuzz" --suite fuzz --no-rebuild --print-errorlogs || status=1
  logs+=("$fuzz/meson-logs/testlog.json")
  echo "== $fuzz: $((SECONDS - start)) s" >&2
fi

if [[ ${PB_TEST_DEBIAN13:-1} != 0 ]]; then
  start=$SECONDS
  debian13=${PB_DEBIAN13_BUILDDIR:-_build-debian13}
  "$top/build-aux/debian13.sh" "$debian13" "$@" || status=1
  logs+=("$debian13/meson-logs/testlog.json")
  echo "== $debian13 (Debian 13 chroot): $((SECONDS - start)) s" >&2
fi

all=$(mktemp)
trap 'rm -f "$all"' EXIT
cat "${logs[@]}" > "$all" 2>/dev/null || true
python3 "$top/build-aux/count-tests.py" "$all" || status=1
exit $status

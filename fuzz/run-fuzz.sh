#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the libFuzzer targets of fuzz/ (see fuzz/README.md).
#
#   fuzz/run-fuzz.sh SECONDS [TARGET…]   fuzz each target (all by default) for SECONDS, one
#                                        after the other; sets up _build-fuzz (CC=clang,
#                                        -Dfuzzing=true) when missing. The corpus grows in
#                                        $PB_FUZZ_WORKDIR (default _build-fuzz/fuzz-work/TARGET);
#                                        crashes land in its artifacts/ folder, and the script
#                                        ends non-zero when any target found one.
#   fuzz/run-fuzz.sh --smoke EXE CORPUS  what `meson test --suite fuzz` runs: a fixed number of
#                                        runs from the seed corpus (nothing is written into it).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)

# Leaks count as findings; GLib's slice allocator would hide them from ASan. The targets that
# reach json-glib need the slow unwinder for tests/lsan.supp to match (see there).
asan_options () {
  case $(basename "$1") in
    fuzz-error-body|fuzz-token|fuzz-json)
      echo "${ASAN_OPTIONS:-detect_leaks=1:fast_unwind_on_malloc=0:malloc_context_size=12}" ;;
    *) echo "${ASAN_OPTIONS:-detect_leaks=1}" ;;
  esac
}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$top/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export G_SLICE=always-malloc
export G_DEBUG=fatal-criticals,gc-friendly

if [[ ${1:-} == --smoke ]]; then
  exe=$2 corpus=$3
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # New inputs go to the first folder (a throwaway one); the seeds are only read.
  ASAN_OPTIONS=$(asan_options "$exe") "$exe" -runs="${PB_FUZZ_SMOKE_RUNS:-20000}" -seed=1 -max_len=16384 -timeout=10 \
    -rss_limit_mb=2048 -dict="$here/json.dict" -artifact_prefix="$work/" \
    -print_final_stats=1 "$work" "$corpus"
  status=$?
  for crash in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
    [[ -e $crash ]] || continue
    echo "# finding: $(basename "$crash") ($(wc -c <"$crash") bytes):"
    head -c 300 "$crash" | od -c | head -8
  done
  exit $status
fi

seconds=${1:?usage: fuzz/run-fuzz.sh SECONDS [TARGET…]}
shift
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(fuzz-json fuzz-list fuzz-connection fuzz-error-body fuzz-token fuzz-diff)

build=${PB_FUZZ_BUILDDIR:-$top/_build-fuzz}
if [[ ! -f $build/build.ninja ]]; then
  CC=clang meson setup "$build" "$top" -Dfuzzing=true || exit 1
fi
names=()
for t in "${targets[@]}"; do names+=("fuzz/$t"); done
meson compile -C "$build" "${names[@]}" || exit 1

declare -A seeds=([fuzz-json]=json [fuzz-list]=list [fuzz-connection]=connection [fuzz-error-body]=error-body
                  [fuzz-token]=token [fuzz-diff]=diff)
status=0
for t in "${targets[@]}"; do
  work=${PB_FUZZ_WORKDIR:-$build/fuzz-work}/$t
  mkdir -p "$work/corpus" "$work/artifacts"
  echo "== $t: $seconds s, corpus $work/corpus"
  ASAN_OPTIONS=$(asan_options "$t") "$build/fuzz/$t" -max_total_time="$seconds" -max_len="${PB_FUZZ_MAX_LEN:-131072}" \
    -timeout=10 -rss_limit_mb=4096 -dict="$here/json.dict" -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "$work/corpus" "$here/corpus/${seeds[$t]}" \
    2>&1 | tee "$work/log.txt" | grep -E '^(#[0-9]+ +(INITED|DONE)|==[0-9]+==|SUMMARY|stat::)' \
    || true
  if compgen -G "$work/artifacts/*" >/dev/null; then
    echo "!! $t found something:"; ls -l "$work/artifacts"
    status=1
  fi
done
exit $status

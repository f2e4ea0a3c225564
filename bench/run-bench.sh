#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the load benchmark (bench/plugboard-bench.c) and the Python baseline (bench/baseline.py)
# for every data set size and latency, one fresh process per case, and prints a Markdown table.
#
#   bench/run-bench.sh [BUILD_DIR]        (default: _build-bench)
#
# Environment: BENCH_SIZES (default "100 1000 10000 50000"), BENCH_LATENCIES (default "0 50"),
# BENCH_REPEAT (default 3: each case runs this many times, the table shows the run with the
# median complete time), BENCH_RAW (a file to keep the raw result lines in), BENCH_UI=0 to skip
# the window under Xvfb, BENCH_UI_SIZES (default "10000 50000") the window's sizes.
set -euo pipefail

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-$srcdir/_build-bench}
sizes=${BENCH_SIZES:-100 1000 10000 50000}
latencies=${BENCH_LATENCIES:-0 50}
repeat=${BENCH_REPEAT:-3}
ui_sizes=${BENCH_UI_SIZES:-10000 50000}
case_timeout=300

if [ ! -d "$builddir" ]; then
  meson setup --buildtype=debugoptimized "$builddir" "$srcdir" >/dev/null
fi
# Timing an unoptimized build measures the compiler's -O0, not the code.
optimization=$(meson introspect --buildoptions "$builddir" | python3 -c '
import json, sys
print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "optimization"))')
case $optimization in
  0|g)
    echo "run-bench.sh: $builddir is built with -O$optimization; use" \
      "meson configure $builddir -Dbuildtype=debugoptimized (or release)" >&2
    exit 1 ;;
esac
ui=${BENCH_UI:-1}
if [ "$ui" = 1 ] && ! command -v xvfb-run >/dev/null; then
  echo "run-bench.sh: xvfb-run is missing: skipping the window" >&2
  ui=0
fi
targets="plugboard-bench plugboard-demo-server"
if [ "$ui" = 1 ]; then
  targets="$targets plugboard-bench-ui gschemas.compiled"
fi
# shellcheck disable=SC2086
meson compile -C "$builddir" $targets >/dev/null

bench=$builddir/bench/plugboard-bench
bench_ui=$builddir/bench/plugboard-bench-ui
demo_server=$builddir/src/core/plugboard-demo-server
seed=8
workdir=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT

raw=$workdir/results
: > "$raw"

# Starts the standalone plugboard-demo-server with the data set plugboard-bench generates
# (same size, same seed) and a throwaway token, and waits for its base URL.
start_server() {
  local n=$1 latency=$2
  server_token=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
  # Not the previous server's address: the new one truncates the file only once it runs.
  rm -f "$workdir/serve.out"
  LC_ALL=C "$demo_server" --generate "$n" --seed "$seed" --latency "$latency" \
    --token "$server_token" > "$workdir/serve.out" &
  server_pid=$!
  for _ in $(seq 1 600); do
    server_url=$(sed -n 's/^Base URL: //p' "$workdir/serve.out" 2>/dev/null)
    if [ -n "$server_url" ]; then
      return 0
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "run-bench.sh: the demo server for n=$n did not start" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "run-bench.sh: the demo server for n=$n did not start within 60 s" >&2
  return 1
}

run_ui() {
  GSETTINGS_SCHEMA_DIR=$builddir/data GSETTINGS_BACKEND=memory GDK_BACKEND=x11 \
    GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 \
    timeout "$case_timeout" xvfb-run -a -s "-screen 0 1280x800x24" "$bench_ui" "$@"
}

stop_server() {
  kill "$server_pid"
  wait "$server_pid" || true
  server_pid=
}

echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)" > "$workdir/load"
for latency in $latencies; do
  for n in $sizes; do
    for run in $(seq 1 "$repeat"); do
      echo "… n=$n latency=${latency} ms, run $run of $repeat" >&2
      timeout "$case_timeout" "$bench" --n "$n" --latency "$latency" --seed "$seed" >> "$raw"

      start_server "$n" "$latency"
      PB_BENCH_TOKEN=$server_token timeout "$case_timeout" \
        python3 "$srcdir/bench/baseline.py" --url "$server_url" --n "$n" --latency "$latency" \
        >> "$raw"
      stop_server
    done
  done
done

if [ "$ui" = 1 ]; then
  for latency in $latencies; do
    for n in $ui_sizes; do
      # Each run also leaves the offline copy, for the cold starts after it.
      export XDG_CACHE_HOME=$workdir/cache-$n-$latency
      for run in $(seq 1 "$repeat"); do
        echo "… window: n=$n latency=${latency} ms, run $run of $repeat" >&2
        run_ui --n "$n" --latency "$latency" --seed "$seed" --cache-id bench >> "$raw"
      done
      for run in $(seq 1 "$repeat"); do
        echo "… window from the offline copy: n=$n, run $run of $repeat" >&2
        # The copy's port may still be held a moment by the previous run: try again.
        for attempt in 1 2 3; do
          if line=$(run_ui --cold-start --cache-id bench); then
            echo "$line n=$n latency_ms=$latency" >> "$raw"
            break
          fi
          sleep 2
        done
      done
      unset XDG_CACHE_HOME
    done
  done
fi

echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$workdir/load"

if [ -n "${BENCH_RAW:-}" ]; then
  cp "$raw" "$BENCH_RAW"
fi

python3 - "$raw" <<'EOF'
import sys

runs = {}
for line in open(sys.argv[1], encoding="utf-8"):
    words = line.split()
    if not words:
        continue
    fields = dict(word.split("=", 1) for word in words[1:])
    key = (int(fields["n"]), int(fields["latency_ms"]))
    runs.setdefault(key, {}).setdefault(words[0], []).append(fields)

# Of the repeated runs of a case, the one with the median complete time.
rows = {}
for key, by_impl in runs.items():
    for impl, lines in by_impl.items():
        time_key = {"ui": "complete_drawn_ms", "cold": "first_rows_ms"}.get(impl, "complete_ms")
        lines.sort(key=lambda fields: float(fields[time_key]))
        rows.setdefault(key, {})[impl] = lines[(len(lines) - 1) // 2]

def mib(kb):
    return f"{int(kb) / 1024:.1f}"

print("| N | latency | first rows | complete | baseline | ratio | max stall: pages (all)"
      " | append (sum / max), replace_all"
      " | CPU main / server / all (baseline) | RSS empty → after (peak) | after − empty"
      " | JSON | (after − empty) / JSON | baseline RSS after |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for (n, latency), case in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    if "plugboard" not in case and "baseline" not in case:
        continue
    p = case.get("plugboard")
    b = case.get("baseline")
    if p is None or b is None:
        print(f"| {n} | {latency} ms | (missing: {'plugboard' if p is None else 'baseline'}) |")
        continue
    complete = float(p["complete_ms"])
    base = float(b["complete_ms"])
    growth = int(p["rss_after_kb"]) - int(p["rss_empty_kb"])
    peak = int(p["peak_kb"]) - int(p["rss_empty_kb"])
    json_bytes = int(p["json_bytes"])
    warn = "" if p["json_bytes"] == b["json_bytes"] else " (≠ baseline!)"
    print(f"| {n:,} | {latency} ms | {p['first_ms']} ms | {complete:.0f} ms | {base:.0f} ms"
          f" | {complete / base:.2f}× | {p['max_stall_pages_ms']} ({p['max_stall_ms']}) ms"
          f" | {p['append_ms']} / {p['append_max_ms']} ms, {p['replace_ms']} ms"
          f" | {p['main_cpu_ms']} / {p['server_cpu_ms']} / {p['process_cpu_ms']}"
          f" ({b['process_cpu_ms']}) ms"
          f" | {mib(p['rss_empty_kb'])} → {mib(p['rss_after_kb'])} ({mib(p['peak_kb'])}) MiB"
          f" | {growth / 1024:.1f} MiB (peak +{peak / 1024:.1f})"
          f" | {json_bytes / 1048576:.1f} MiB{warn} | {growth * 1024 / json_bytes:.2f}×"
          f" | {mib(b['rss_after_kb'])} MiB |")

# The window: of its runs, the median of each figure.
def median(values):
    values = sorted(values)
    return values[(len(values) - 1) // 2] if values else None

def ui_figure(key, name):
    values = [float(fields[name]) for fields in runs.get(key, {}).get("ui", []) if name in fields]
    return median(values)

def cold_figure(key):
    values = [float(fields["first_rows_ms"]) for fields in runs.get(key, {}).get("cold", [])]
    return median(values)

ui_keys = sorted({key for key, by_impl in runs.items() if "ui" in by_impl and key[0] > 0},
                 key=lambda key: (key[1], key[0]))
if ui_keys:
    print()
    print("The window (Xvfb, cairo renderer), the median of each figure over the runs. CPU: the"
          " main thread's CPU time, which other processes of a busy machine do not stretch;"
          " wall clock in brackets.")
    print()
    print("| N | latency | memory after − before load (÷ JSON) | longest list change"
          " | sort and filter while loading (of all list changes) | longest stall outside frames"
          " (wall, frames too) | first keystroke | later keystrokes max / avg"
          " | cold start to rows drawn |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for key in ui_keys:
        n, latency = key
        f = lambda name: ui_figure(key, name)
        grown = f("rss_after_kb") - f("rss_empty_kb")
        json_bytes = f("json_bytes")
        ratio = f" ({grown * 1024 / json_bytes:.2f}×)" if json_bytes and json_bytes > 0 else ""
        cold = cold_figure(key)
        print(f"| {n:,} | {latency} ms | {grown / 1024:.1f} MiB{ratio}"
              f" | {f('change_cpu_max_ms'):.1f} ({f('change_max_ms'):.0f}) ms"
              f" | {f('filter_cpu_ms'):.1f} ({f('filter_ms'):.0f}) of {f('change_cpu_ms'):.0f}"
              f" ({f('change_ms'):.0f}) ms"
              f" | {f('stall_cpu_max_ms'):.1f} ({f('max_stall_ms'):.0f}) ms"
              f" | {f('keystroke_first_cpu_ms'):.1f} ({f('keystroke_first_ms'):.1f}) ms"
              f" | {f('keystroke_max_cpu_ms'):.1f} / {f('keystroke_avg_cpu_ms'):.1f}"
              f" ({f('keystroke_max_ms'):.1f} / {f('keystroke_avg_ms'):.1f}) ms"
              f" | {'%.0f ms' % cold if cold is not None else '–'} |")
    print()
    print("| N | latency | window drawn | first rows drawn | complete drawn | frames: n, sum / longest"
          " | main CPU | RSS after (peak) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for key in ui_keys:
        n, latency = key
        u = rows[key]["ui"]
        set_ms = float(u["client_set_ms"])
        def since(name):
            value = float(u[name])
            return f"{value:.0f} ({value - set_ms:.0f}) ms" if value >= 0 else "never"
        print(f"| {n:,} | {latency} ms | {float(u['first_frame_ms']):.0f} ms"
              f" | {since('first_rows_ms')} | {since('complete_drawn_ms')}"
              f" | {u['frames']}, {u['frame_ms']} / {u['frame_max_ms']} ms | {u['main_cpu_ms']} ms"
              f" | {mib(u['rss_after_kb'])} ({mib(u['peak_kb'])}) MiB |")
EOF
echo
echo "$(nproc) CPUs, -O$optimization; $(paste -sd ';' "$workdir/load"). Median of $repeat runs per cell."

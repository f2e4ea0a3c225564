#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints "N passed, N failed" for a meson test log, counting each TAP case of a test program
(a program that produced no TAP counts as one case, by its result)."""
import json
import re
import sys

passed = failed = skipped = 0
try:
    lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
except OSError as e:
    print(f"no test log: {e}", file=sys.stderr)
    print("0 passed, 1 failed")
    sys.exit(1)

for line in lines:
    entry = json.loads(line)
    result = entry.get("result")
    tap = re.findall(r"^(not ok|ok)\b(.*)$", entry.get("stdout") or "", re.M)
    if not tap:
        if result == "SKIP":
            skipped += 1
        elif result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        else:
            failed += 1
        continue
    for verdict, rest in tap:
        if "# SKIP" in rest.upper():
            skipped += 1
        elif verdict == "ok":
            passed += 1
        else:
            failed += 1
    if result not in ("OK", "SKIP", "EXPECTEDFAIL") and not any(v == "not ok" for v, _ in tap):
        failed += 1  # crashed or timed out after its last case

tail = f", {skipped} skipped" if skipped else ""
print(f"{passed} passed, {failed} failed{tail}")
sys.exit(1 if failed else 0)

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The baseline Plugboard is measured against: what a user might write instead.

Fetches every page of GET /v2/connections one after the other (limit=100&offset=...), with the
bearer token, parses each with json.loads and keeps the items. Standard library only. It uses
one kept-alive HTTP connection (http.client), the faster of the standard library's ways, so the
ratio in the table does not flatter Plugboard.

The token comes from the environment (PB_BENCH_TOKEN), not the command line. Prints one line
of key=value pairs, like plugboard-bench.
"""

import argparse
import http.client
import json
import os
import resource
import sys
import time
import urllib.parse

PAGE_SIZE = 100


def read_status_kb(key):
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return -1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="base URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("--n", type=int, default=-1, help="connections served (for the record)")
    parser.add_argument("--latency", type=int, default=-1, help="server latency (for the record)")
    args = parser.parse_args()

    token = os.environ.get("PB_BENCH_TOKEN")
    if not token:
        sys.exit("baseline.py: set PB_BENCH_TOKEN to the server's token")

    url = urllib.parse.urlsplit(args.url)
    if url.scheme != "http" or url.hostname is None:
        sys.exit("baseline.py: --url must be http://HOST:PORT")
    headers = {"Authorization": "Bearer " + token, "Accept": "application/json"}

    rss_start = read_status_kb("VmRSS")
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    items = []
    json_bytes = 0
    requests = 0
    first = None
    offset = 0

    cpu_start = time.process_time()
    start = time.monotonic()
    while True:
        connection.request("GET", f"/v2/connections?limit={PAGE_SIZE}&offset={offset}",
                           headers=headers)
        response = connection.getresponse()
        body = response.read()
        requests += 1
        if response.status != 200:
            sys.exit(f"baseline.py: HTTP {response.status} at offset {offset}")
        json_bytes += len(body)
        page = json.loads(body)["items"]
        items.extend(page)
        if first is None:
            first = time.monotonic()
        if len(page) < PAGE_SIZE:
            break
        offset += PAGE_SIZE
    complete = time.monotonic()
    cpu = time.process_time() - cpu_start
    connection.close()

    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"baseline n={args.n} latency_ms={args.latency}"
          f" first_ms={(first - start) * 1000:.1f} complete_ms={(complete - start) * 1000:.1f}"
          f" items={len(items)} requests={requests} json_bytes={json_bytes}"
          f" process_cpu_ms={cpu * 1000:.0f}"
          f" rss_start_kb={rss_start} rss_after_kb={read_status_kb('VmRSS')} peak_kb={peak_kb}")


if __name__ == "__main__":
    main()

"""Load test for `unionlint serve` (localhost only, bounded): starts the server, sends N LanguageTool
`/v2/check` requests (the seeds' paragraphs in turn) over keep-alive connections from a few client
threads, and prints throughput, latency and the server's resident memory every 1,000 requests.

    python bench/serve_load.py                      # 10,000 requests, 4 clients
    python bench/serve_load.py --requests 2000 --clients 2

Exit status 1 when a request fails or memory is not flat: the server's RSS at the end may exceed
its RSS after the first 1,000 requests (warm: every rule and word list loaded) by at most
--max-growth (default 10%). Linux (RSS from /proc). Standard library only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_EVERY = 1000


def paragraphs() -> list[str]:
    found = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        found += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return found


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def start_server(command: list[str]) -> tuple[subprocess.Popen, int]:
    process = subprocess.Popen([*command, "serve", "--port", "0", "--isolated"], stderr=subprocess.PIPE, text=True)
    line = process.stderr.readline()
    if "http://127.0.0.1:" not in line:
        process.kill()
        raise SystemExit(f"serve did not start: {line}{process.stderr.read()}")
    return process, int(line.split("http://127.0.0.1:")[1].split("/")[0])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--max-growth", type=float, default=0.10)
    parser.add_argument("--unionlint-cmd", default=str(Path(sys.executable).with_name("unionlint")))
    args = parser.parse_args(argv)
    bodies = [urlencode({"language": "zh-CN", "text": text}).encode() for text in paragraphs()]
    process, port = start_server(args.unionlint_cmd.split())
    lock = threading.Lock()
    state = {"next": 0, "done": 0, "failed": 0, "matches": 0}
    latencies: list[float] = []
    samples: list[tuple[int, float, float]] = []  # (requests done, seconds, RSS MB)
    started = time.perf_counter()

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                number = state["next"]
                if number >= args.requests:
                    break
                state["next"] += 1
            began = time.perf_counter()
            connection.request(
                "POST", "/v2/check", bodies[number % len(bodies)], {"Content-Type": "application/x-www-form-urlencoded"}
            )
            response = connection.getresponse()
            data = response.read()
            took = time.perf_counter() - began
            ok = response.status == 200 and "matches" in json.loads(data)
            with lock:
                latencies.append(took)
                state["done"] += 1
                state["failed"] += not ok
                state["matches"] += len(json.loads(data).get("matches", [])) if ok else 0
                if state["done"] % SAMPLE_EVERY == 0:
                    samples.append((state["done"], time.perf_counter() - started, rss_mb(process.pid)))
        connection.close()

    try:
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(timeout=10)
    print(f"unionlint serve load test: {args.requests} requests, {args.clients} clients, localhost, keep-alive")
    print(f"{len(bodies)} distinct paragraphs (seeds), {state['matches']} matches returned, {state['failed']} failed\n")
    print("| requests | seconds | requests/s (cumulative) | server RSS MB |")
    print("|---:|---:|---:|---:|")
    for done, seconds, rss in samples:
        print(f"| {done} | {seconds:.1f} | {done / seconds:.0f} | {rss:.1f} |")
    ordered = sorted(latencies)
    p50, p95 = statistics.median(ordered), ordered[int(len(ordered) * 0.95)]
    rate = args.requests / elapsed
    print(f"\nthroughput {rate:.0f} requests/s; latency p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms")
    growth = (samples[-1][2] - samples[0][2]) / samples[0][2] if len(samples) > 1 else 0.0
    flat = growth <= args.max_growth
    print(
        f"RSS after {samples[0][0]}: {samples[0][2]:.1f} MB, at the end: {samples[-1][2]:.1f} MB "
        f"({growth:+.1%}; target ≤ {args.max_growth:.0%}) {'PASS' if flat else 'FAIL'}"
    )
    return 0 if flat and not state["failed"] else 1


if __name__ == "__main__":
    sys.exit(main())

"""A soak you can rerun: 64 threads of mixed calls against the local emulator while faults are
injected at random, then what happened. Run it through `scripts/soak.sh [SECONDS]`.

Calls: token reads, webhook and template lists, SMS app creates, Sinch India sends, on shared
clients (one OAuth2 and one India credential, as a service would hold them). Faults, one every
~50 ms on a random endpoint family: 500, 429 with Retry-After, 503, connection reset, delay,
malformed JSON, an HTML error page, an oversized body, a trickling body, and every token expired.

It fails (exit 1) if any call ended in `InternalError` (a bug in sinch-core), if a log record
showed the key secret or the password, or if a call hung: still running `--hang-after` seconds
after it started, which no timeout or retry budget of the clients here allows.
"""

from __future__ import annotations

import argparse
import collections
import json
import logging
import os
import random
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import timedelta

import sinch_core

THREADS = 64
PROJECT = "soak-project"
BANNER = "sinch-emulator listening on "


def proc_stats() -> dict:
    status = dict(
        line.split(":", 1) for line in open("/proc/self/status").read().splitlines() if ":" in line
    )
    return {
        "fds": len(os.listdir("/proc/self/fd")),
        "threads": int(status["Threads"].strip()),
        "rss_mb": int(status["VmRSS"].split()[0]) / 1024,
    }


class Emulator:
    def __init__(self, binary: str) -> None:
        self.process = subprocess.Popen(
            [binary, "--port", "0", "--token-lifetime", "30"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        line = self.process.stdout.readline().strip()
        if not line.startswith(BANNER):
            raise SystemExit(f"soak: the emulator did not start: {line!r}")
        self.url = line[len(BANNER) :].rstrip("/")

    def control(self, path: str, body: dict) -> None:
        req = urllib.request.Request(
            f"{self.url}/_emulator/{path}",
            data=json.dumps(body).encode(),
            method="POST",
            headers={"content-type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            resp.read()

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


FAULTS = [
    ("status 500", {"kind": "status", "status": 500}),
    ("status 503", {"kind": "status", "status": 503}),
    ("429 + Retry-After", {"kind": "status", "status": 429, "retry_after": "1"}),
    ("reset", {"kind": "reset"}),
    ("delay 3 s", {"kind": "delay", "ms": 3000}),
    ("delay 300 ms", {"kind": "delay", "ms": 300}),
    ("malformed JSON", {"kind": "malformed_json"}),
    ("HTML", {"kind": "html"}),
    ("oversized 17 MiB", {"kind": "oversized", "bytes": 17 * 1024 * 1024}),
    ("trickle", {"kind": "trickle", "interval_ms": 500, "bytes": 100}),
]
TARGETS = ["token", "keycloak", "api", "india", "any"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--emulator", required=True)
    parser.add_argument("--hang-after", type=float, default=90)
    args = parser.parse_args()

    secrets = ("demo-key-secret", "demo-password")
    log_counts: collections.Counter = collections.Counter()

    class CountingHandler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            text = record.getMessage()
            log_counts[record.levelname] += 1
            if any(s in text for s in secrets):
                log_counts["with a secret"] += 1

    logger = logging.getLogger("sinch_core")
    logger.addHandler(CountingHandler())
    logger.propagate = False
    sinch_core.set_log_level(logging.WARNING)

    emu = Emulator(args.emulator)
    http = sinch_core.HttpOptions(
        connect_timeout=timedelta(seconds=2), request_timeout=timedelta(seconds=2)
    )
    auth = sinch_core.SinchAuth.oauth(
        key_id="demo-key-id",
        key_secret="demo-key-secret",
        token_url=f"{emu.url}/oauth2/token",
        http=http,
    )
    india_auth = sinch_core.SinchAuth.india(
        username="demo-user",
        password="demo-password",
        token_url=f"{emu.url}/realms/ipmessaging/protocol/openid-connect/token",
        http=http,
    )
    client = sinch_core.ProvisioningClient(
        project_id=PROJECT, auth=auth, base_url=emu.url, http=http
    )
    india = sinch_core.IndiaWhatsappClient(
        auth=india_auth, send_url=f"{emu.url}/pull-platform-receiver/v2/wa/messages", http=http
    )
    emu.control("whatsapp/templates", {"project_id": PROJECT, "count": 120})
    message = sinch_core.TextMessage(to="919876543210", body="soak")

    operations = {
        "token read": auth.access_token,
        "india token read": india_auth.access_token,
        "list webhooks": lambda: client.webhooks().list(),
        "list templates (pages of 50)": lambda: sum(1 for _ in client.whatsapp_templates().iter()),
        "create SMS app": lambda: client.sms_apps().create(name="soak", region="EU"),
        "India send": lambda: india.send_text(message),
    }
    names = list(operations)

    lock = threading.Lock()
    outcomes: collections.Counter = collections.Counter()
    by_operation: collections.Counter = collections.Counter()
    faults: collections.Counter = collections.Counter()
    internal: list[str] = []
    started_at: dict[int, tuple[float, str]] = {}  # thread index -> (start, operation)
    longest = [0.0, ""]
    deadline = time.monotonic() + args.seconds
    stop = threading.Event()

    # Warm up (clients, pools, worker threads) before the "start" figures.
    auth.access_token()
    india_auth.access_token()
    client.webhooks().list()
    before = proc_stats()

    def worker(i: int) -> None:
        rng = random.Random(i)
        while time.monotonic() < deadline:
            name = rng.choice(names)
            t0 = time.monotonic()
            with lock:
                started_at[i] = (t0, name)
            try:
                operations[name]()
                outcome = "ok"
            except sinch_core.InternalError as e:
                outcome = "InternalError"
                with lock:
                    internal.append(f"{name}: {e}")
            except sinch_core.SinchError as e:
                outcome = type(e).__name__
            took = time.monotonic() - t0
            with lock:
                del started_at[i]
                outcomes[outcome] += 1
                by_operation[name] += 1
                if took > longest[0]:
                    longest[:] = [took, name]

    rss_samples: list[float] = []

    def sampler() -> None:
        # RSS every tenth of the run: growth that levels off is caches filling, a steady climb
        # a leak.
        while not stop.wait(args.seconds / 10):
            rss_samples.append(proc_stats()["rss_mb"])

    def injector() -> None:
        rng = random.Random(12345)
        while not stop.wait(0.05):
            if rng.random() < 0.04:
                emu.control("expire-tokens", {})
                label = "expire-tokens"
            else:
                label, kind = rng.choice(FAULTS)
                emu.control("faults", {"target": rng.choice(TARGETS), "count": 1, "kind": kind})
            with lock:
                faults[label] += 1

    workers = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(THREADS)]
    inject = threading.Thread(target=injector, daemon=True)
    inject.start()
    threading.Thread(target=sampler, daemon=True).start()
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=max(0.0, deadline - time.monotonic()) + args.hang_after)
    stop.set()
    inject.join(timeout=10)
    now = time.monotonic()
    with lock:
        hangs = [f"{op} running for {now - t0:.0f} s" for t0, op in started_at.values()]
    # Give the reaped clients' connections a moment to close before the "end" figures.
    time.sleep(1)
    after = proc_stats()
    emu.stop()

    calls = sum(outcomes.values())
    rate = calls / args.seconds
    print(f"soak: {args.seconds:.0f} s, {THREADS} threads, {calls} calls ({rate:.0f}/s)")
    for name in names:
        print(f"  {name:30} {by_operation[name]:8}")
    print(f"faults injected: {sum(faults.values())}")
    for label, n in sorted(faults.items()):
        print(f"  {label:30} {n:8}")
    print("outcomes:")
    for label, n in outcomes.most_common():
        print(f"  {label:30} {n:8}")
    print("log records: " + ", ".join(f"{k} {v}" for k, v in sorted(log_counts.items())))
    print(f"longest call: {longest[0]:.1f} s ({longest[1]})")
    print(f"Internal errors: {len(internal)}")
    for line in internal[:10]:
        print(f"  {line}")
    print(f"hangs: {len(hangs)}")
    for line in hangs[:10]:
        print(f"  {line}")
    print("rss every tenth of the run (MB): " + " ".join(f"{r:.0f}" for r in rss_samples))
    for key, unit in (("fds", ""), ("threads", ""), ("rss_mb", " MB")):
        print(f"{key}: {before[key]:.0f}{unit} at start, {after[key]:.0f}{unit} at end")
    return 1 if internal or hangs or log_counts["with a secret"] else 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark of sinch_core from Python, against a local sinch-emulator. Prints numbers.

    python python/benchmarks/bench.py [--emulator PATH] [--runs 9]

(a) Listing 1000 WhatsApp templates: sinch_core vs `requests` + `json` on the same emulator and
    the same pages (one page of 1000; ten pages of 100 and twenty of 50, the default size, every
    item visited). Both sides send a
    cached Bearer token; both parse the whole JSON (sinch_core into typed records).
(b) A cached `SinchAuth.access_token()` read from Python (µs per call).
(c) Token requests made by 8 cold OS processes sharing a `TokenStore.file` (OAuth and India).
(d) A small call: listing 5 webhooks with a cached token, sinch_core vs `http.client` + `json`
    on one kept-alive connection (alternating, median per call), and how many times one
    sinch_core call crosses the FFI.
(e) The first authenticated call of a new Python process (token request + one webhooks list;
    imports excluded): sinch_core vs authlib's `OAuth2Session` (requests underneath),
    alternating fresh processes.
(f) asyncio: 64 concurrent awaited webhooks lists (5 webhooks), sinch_core.aio vs
    `httpx.AsyncClient` with a hand-written token cache (an asyncio lock around one OAuth2
    client_credentials request), each contender in fresh processes run alternately: calls/s
    and the peak of the process's OS threads (/proc/self/task) during the run; then the cost
    of the async form of one call against the blocking form (sequential, same process).

`--only a,d,f` runs some of them (letters as above).

The emulator binary: --emulator, else $SINCH_EMULATOR, else target/release, else target/debug
(under $CARGO_TARGET_DIR or <repo>/target). scripts/bench-python.sh runs all of it in release.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import typing
import urllib.request
from pathlib import Path

import requests

import sinch_core

REPO = Path(__file__).resolve().parents[2]
PROJECT = "bench-project"
KEY_ID, KEY_SECRET = "demo-key-id", "demo-key-secret"
BANNER = "sinch-emulator listening on "


def emulator_binary(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    if os.environ.get("SINCH_EMULATOR"):
        return Path(os.environ["SINCH_EMULATOR"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    for profile in ("release", "debug"):
        if (target / profile / "sinch-emulator").is_file():
            return target / profile / "sinch-emulator"
    sys.exit(f"sinch-emulator not found under {target}; cargo build --release -p sinch-emulator")


def start_emulator(binary: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [str(binary), "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    line = proc.stdout.readline().strip()
    if not line.startswith(BANNER):
        proc.kill()
        sys.exit(f"emulator did not start: {line!r}")
    # Drain the per-request stderr log so the pipe never blocks the server.
    threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
    return proc, line[len(BANNER) :].rstrip("/")


def control(base: str, method: str, path: str, body: dict | None = None) -> dict:
    req = urllib.request.Request(
        f"{base}/_emulator/{path}",
        data=None if body is None else json.dumps(body).encode(),
        method=method,
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        raw = resp.read()
    return json.loads(raw) if raw.strip() else {}


def timed_pair(a, b, runs: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """(best, median) wall time in ms of `a` and of `b`, run alternately `runs` times each after
    one warm-up run, so that both see the same machine noise."""
    a()
    b()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for fn, out in ((a, times[0]), (b, times[1])):
            start = time.perf_counter()
            fn()
            out.append((time.perf_counter() - start) * 1000)
    return (
        (min(times[0]), statistics.median(times[0])),
        (min(times[1]), statistics.median(times[1])),
    )


def bench_list(base: str, runs: int) -> None:
    control(base, "POST", "whatsapp/templates", {"project_id": PROJECT, "count": 1000})
    auth = sinch_core.SinchAuth.oauth(KEY_ID, KEY_SECRET, token_url=f"{base}/oauth2/token")
    templates = sinch_core.ProvisioningClient(PROJECT, auth, base_url=base).whatsapp_templates()

    token = auth.access_token()  # requests side: the same cached token, fetched once
    session = requests.Session()
    session.headers["authorization"] = f"Bearer {token}"
    url = f"{base}/v1/projects/{PROJECT}/whatsapp/templates"

    def sc_one_page() -> None:
        page = templates.list(page_size=1000)
        assert len(page.templates) == 1000

    def rq_one_page() -> None:
        resp = session.get(url, params={"pageSize": 1000})
        resp.raise_for_status()
        assert len(json.loads(resp.content)["templates"]) == 1000

    def sc_all_items(size: int | None) -> typing.Callable[[], None]:
        def run() -> None:
            n = sum(1 for t in templates.iter(page_size=size) if t.name)
            assert n == 1000

        return run

    def rq_all_items(size: int | None) -> typing.Callable[[], None]:
        def run() -> None:
            n, params = 0, {} if size is None else {"pageSize": size}
            while True:
                resp = session.get(url, params=params)
                resp.raise_for_status()
                body = json.loads(resp.content)
                n += sum(1 for t in body["templates"] if t["name"])
                if not body.get("nextPageToken"):
                    break
                params = {**params, "pageToken": body["nextPageToken"]}
            assert n == 1000

        return run

    print(f"(a) list 1000 WhatsApp templates, {runs} runs each, alternating, best / median ms")
    for label, sc, rq in (
        ("1 page of 1000", sc_one_page, rq_one_page),
        ("10 pages of 100, all items", sc_all_items(100), rq_all_items(100)),
        ("20 pages of 50 (default)", sc_all_items(None), rq_all_items(None)),
    ):
        (sc_best, sc_med), (rq_best, rq_med) = timed_pair(sc, rq, runs)
        print(
            f"    {label:28} sinch_core {sc_best:7.2f} / {sc_med:7.2f}   "
            f"requests+json {rq_best:7.2f} / {rq_med:7.2f}   "
            f"ratio (sinch_core/requests, median) {sc_med / rq_med:.2f}"
        )


def bench_cached_token(base: str) -> None:
    auth = sinch_core.SinchAuth.oauth(KEY_ID, KEY_SECRET, token_url=f"{base}/oauth2/token")
    auth.access_token()
    per_call = []
    for _ in range(20):
        n = 2000
        start = time.perf_counter()
        for _ in range(n):
            auth.access_token()
        per_call.append((time.perf_counter() - start) / n * 1e6)
    print(
        f"(b) cached access_token() from Python: median {statistics.median(per_call):.2f} µs/call"
        f" (best batch {min(per_call):.2f} µs; 20 batches of 2000)"
    )


CHILD = """
import os, sys, time
import sinch_core
kind, path, token_url, user, secret, go = sys.argv[1:7]
make = sinch_core.SinchAuth.india if kind == "india" else sinch_core.SinchAuth.oauth
auth = make(user, secret, token_url=token_url, store=sinch_core.TokenStore.file(path))
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.002)
auth.access_token()
"""


def ffi_crossings(call: typing.Callable[[], object]) -> int:
    """How many Rust functions one `call()` enters, counted at the generated modules' two entry
    points (every UniFFI call goes through one of them)."""
    from sinch_core._native import sinch_core as core_mod
    from sinch_core._native import sinch_core_ffi as ffi_mod

    count = 0
    saved = []
    for module in (core_mod, ffi_mod):
        for name in ("_uniffi_rust_call", "_uniffi_rust_call_with_error"):
            original = getattr(module, name)
            saved.append((module, name, original))

            def counted(*args, _original=original, **kwargs):
                nonlocal count
                count += 1
                return _original(*args, **kwargs)

            setattr(module, name, counted)
    try:
        call()
    finally:
        for module, name, original in saved:
            setattr(module, name, original)
    return count


def bench_small_list(base: str, runs: int) -> None:
    import http.client
    from urllib.parse import urlsplit

    auth = sinch_core.SinchAuth.oauth(KEY_ID, KEY_SECRET, token_url=f"{base}/oauth2/token")
    webhooks = sinch_core.ProvisioningClient(PROJECT, auth, base_url=base).webhooks()
    for i in range(5):
        webhooks.create(f"https://example.com/bench/{i}", f"secret-{i}", ["ALL"])
    token = auth.access_token()
    host = urlsplit(base)
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
    path = f"/v1/projects/{PROJECT}/webhooks"
    headers = {"authorization": f"Bearer {token}", "accept": "application/json"}

    def sc() -> None:
        assert len(webhooks.list().webhooks) == 5

    def hc() -> None:
        conn.request("GET", path, headers=headers)
        resp = conn.getresponse()
        assert len(json.loads(resp.read())["webhooks"]) == 5

    calls = 200

    def many(fn: typing.Callable[[], None]) -> typing.Callable[[], None]:
        def run() -> None:
            for _ in range(calls):
                fn()

        return run

    (sc_best, sc_med), (hc_best, hc_med) = timed_pair(many(sc), many(hc), runs)

    def us(ms: float) -> str:
        return f"{ms / calls * 1000:.0f}"

    print(f"(d) list 5 webhooks, cached token, {runs} x {calls} calls each, alternating")
    print(
        f"    sinch_core {us(sc_med)} µs/call (best {us(sc_best)}), "
        f"http.client+json {us(hc_med)} µs/call (best {us(hc_best)}), "
        f"ratio (median) {sc_med / hc_med:.2f}"
    )
    print(f"    FFI crossings per sinch_core list call: {ffi_crossings(sc)}")


def bench_processes(binary: Path) -> None:
    print("(c) 8 cold processes sharing one TokenStore.file, released together:")
    for kind in ("oauth", "india"):
        proc, base = start_emulator(binary)
        try:
            with tempfile.TemporaryDirectory() as tmp:
                go = Path(tmp) / "go"
                if kind == "india":
                    url = f"{base}/realms/ipmessaging/protocol/openid-connect/token"
                    creds = [url, "demo-user", "demo-password"]
                    counter = "keycloak_password_grants"
                else:
                    creds = [f"{base}/oauth2/token", KEY_ID, KEY_SECRET]
                    counter = "token_requests"
                args = [kind, str(Path(tmp) / "tokens.json"), *creds, str(go)]
                children = [
                    subprocess.Popen(
                        [sys.executable, "-c", CHILD, *args], stdout=subprocess.PIPE, text=True
                    )
                    for _ in range(8)
                ]
                for c in children:
                    assert c.stdout.readline().strip() == "ready"
                start = time.perf_counter()
                go.touch()
                for c in children:
                    c.wait(timeout=60)
                elapsed = (time.perf_counter() - start) * 1000
                n = control(base, "GET", "counters")[counter]
                print(f"    {kind:6} {counter} = {n}  (all 8 done in {elapsed:.0f} ms)")
        finally:
            proc.kill()
            proc.wait()


FIRST_CALL = {
    "sinch_core": (
        "import sinch_core",
        "auth = sinch_core.SinchAuth.oauth(KEY_ID, KEY_SECRET, token_url=BASE + '/oauth2/token')\n"
        "sinch_core.ProvisioningClient(PROJECT, auth, base_url=BASE).webhooks().list()",
    ),
    "authlib": (
        "from authlib.integrations.requests_client import OAuth2Session",
        "s = OAuth2Session(KEY_ID, KEY_SECRET, token_endpoint=BASE + '/oauth2/token')\n"
        "s.fetch_token(grant_type='client_credentials')\n"
        "s.get(BASE + f'/v1/projects/{PROJECT}/webhooks').raise_for_status()",
    ),
}


def first_call_ms(base: str, name: str) -> float:
    imports, call = FIRST_CALL[name]
    script = (
        f"import time\n{imports}\n"
        f"BASE, PROJECT, KEY_ID, KEY_SECRET = {base!r}, {PROJECT!r}, {KEY_ID!r}, {KEY_SECRET!r}\n"
        f"t = time.perf_counter()\n{call}\nprint((time.perf_counter() - t) * 1000)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    return float(done.stdout.strip().splitlines()[-1])


def bench_first_call(base: str, runs: int) -> None:
    try:
        import authlib  # noqa: F401
    except ImportError:
        print("(e) skipped: authlib is not installed (scripts/bench-python.sh installs it)")
        return
    times: dict[str, list[float]] = {name: [] for name in FIRST_CALL}
    for _ in range(runs):
        for name in FIRST_CALL:  # alternating
            times[name].append(first_call_ms(base, name))
    print(
        f"(e) first authenticated call in a new process (imports excluded), {runs} processes each"
    )
    line = "    " + ", ".join(
        f"{name} {min(ts):.2f} / {statistics.median(ts):.2f} ms" for name, ts in times.items()
    )
    ratio = statistics.median(times["sinch_core"]) / statistics.median(times["authlib"])
    print(f"{line}  (best / median), ratio (median) {ratio:.2f}")


ASYNC_CHILD = """
import asyncio, json, os, sys, threading, time
kind, base, project, key_id, key_secret, rounds, width = sys.argv[1:8]
rounds, width = int(rounds), int(width)


def threads():
    return len(os.listdir("/proc/self/task"))


class TokenCache:
    # What an httpx user writes by hand: one token request at a time, reused until near expiry.
    def __init__(self, client, url):
        self.client, self.url, self.lock = client, url, asyncio.Lock()
        self.token, self.until = None, 0.0

    async def get(self):
        if self.token and time.monotonic() < self.until:
            return self.token
        async with self.lock:
            if not (self.token and time.monotonic() < self.until):
                resp = await self.client.post(
                    self.url, data={"grant_type": "client_credentials"}, auth=(key_id, key_secret)
                )
                resp.raise_for_status()
                body = resp.json()
                self.token = body["access_token"]
                self.until = time.monotonic() + body["expires_in"] - 60
        return self.token


async def main():
    start_threads = threads()
    if kind == "sinch_core":
        import sinch_core
        from sinch_core import aio

        auth = sinch_core.SinchAuth.oauth(key_id, key_secret, token_url=base + "/oauth2/token")
        hooks = aio.ProvisioningClient(project, auth, base_url=base).webhooks()

        async def one():
            assert len((await hooks.list()).webhooks) == 5

    else:
        import httpx

        limits = httpx.Limits(max_connections=width, max_keepalive_connections=width)
        client = httpx.AsyncClient(limits=limits)
        tokens = TokenCache(client, base + "/oauth2/token")
        url = f"{base}/v1/projects/{project}/webhooks"

        async def one():
            headers = {"authorization": "Bearer " + await tokens.get()}
            resp = await client.get(url, headers=headers)
            resp.raise_for_status()
            assert len(resp.json()["webhooks"]) == 5

    await asyncio.gather(*(one() for _ in range(width)))  # warm-up: token, connections, pool
    peak, stop = [0], threading.Event()

    def sample():  # this sampler is one thread of the count: taken off below
        while not stop.wait(0.002):
            peak[0] = max(peak[0], threads())

    sampler = threading.Thread(target=sample)
    sampler.start()
    t = time.perf_counter()
    for _ in range(rounds):
        await asyncio.gather(*(one() for _ in range(width)))
    elapsed = time.perf_counter() - t
    stop.set()
    sampler.join()
    calls = rounds * width
    print(json.dumps({"rate": calls / elapsed, "threads": peak[0] - 1, "start": start_threads}))


asyncio.run(main())
"""


def async_run(base: str, kind: str, rounds: int, width: int) -> dict:
    args = [kind, base, PROJECT, KEY_ID, KEY_SECRET, str(rounds), str(width)]
    done = subprocess.run(
        [sys.executable, "-c", ASYNC_CHILD, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def spread(values: list[float], fmt: str = "{:.0f}") -> str:
    """min / median / max"""
    return " / ".join(fmt.format(v) for v in (min(values), statistics.median(values), max(values)))


def bench_async(base: str, runs: int) -> None:
    try:
        import httpx  # noqa: F401
    except ImportError:
        print("(f) skipped: httpx is not installed (scripts/bench-python.sh installs it)")
        return
    auth = sinch_core.SinchAuth.oauth(KEY_ID, KEY_SECRET, token_url=f"{base}/oauth2/token")
    client = sinch_core.ProvisioningClient(PROJECT, auth, base_url=base)
    sync_hooks = client.webhooks()
    while len(sync_hooks.list().webhooks) < 5:  # (d) made 5 already when it ran
        n = len(sync_hooks.list().webhooks)
        sync_hooks.create(f"https://example.com/bench/{n}", f"secret-{n}", ["ALL"])

    width, rounds = 64, 30
    results: dict[str, list[dict]] = {"sinch_core.aio": [], "httpx": []}
    for _ in range(runs):
        for name, kind in (("sinch_core.aio", "sinch_core"), ("httpx", "httpx")):  # alternating
            results[name].append(async_run(base, kind, rounds, width))
    rates = {name: [r["rate"] for r in rs] for name, rs in results.items()}
    threads = {name: [r["threads"] for r in rs] for name, rs in results.items()}
    ratios = [a / b for a, b in zip(rates["sinch_core.aio"], rates["httpx"])]
    print(
        f"(f) async {width}x webhooks.list (5 webhooks), {rounds} rounds of {width} concurrent "
        f"awaited calls per process, {runs} fresh processes each, alternating; "
        "min / median / max"
    )
    start = results["sinch_core.aio"][0]["start"]
    print(
        f"    async {width}x webhooks.list: sinch_core.aio {spread(rates['sinch_core.aio'])} "
        f"calls/s (threads {spread(threads['sinch_core.aio'])}) vs httpx "
        f"{spread(rates['httpx'])} calls/s (threads {spread(threads['httpx'])}): "
        f"ratio (sinch_core.aio/httpx) {spread(ratios, '{:.2f}')}"
    )
    print(
        f"    (threads: peak OS threads of the process during the run, sampler excluded; "
        f"{start} before the first call)"
    )

    # The async form's own cost: one awaited call at a time against one blocking call.
    async_hooks = sinch_core.aio.ProvisioningClient(PROJECT, auth, base_url=base).webhooks()
    calls = 200

    def sync_batch() -> float:
        start = time.perf_counter()
        for _ in range(calls):
            assert len(sync_hooks.list().webhooks) == 5
        return (time.perf_counter() - start) / calls * 1e6

    async def async_batch() -> float:
        start = time.perf_counter()
        for _ in range(calls):
            assert len((await async_hooks.list()).webhooks) == 5
        return (time.perf_counter() - start) / calls * 1e6

    loop = asyncio.new_event_loop()
    try:
        sync_batch()  # warm-up
        loop.run_until_complete(async_batch())
        per_call: dict[str, list[float]] = {"async": [], "sync": []}
        for _ in range(runs):
            per_call["async"].append(loop.run_until_complete(async_batch()))
            per_call["sync"].append(sync_batch())
    finally:
        loop.close()
    ratio = [a / s for a, s in zip(per_call["async"], per_call["sync"])]
    print(
        f"    one call at a time, {runs} x {calls} calls each, alternating: awaited "
        f"{spread(per_call['async'])} µs/call vs blocking {spread(per_call['sync'])} µs/call: "
        f"ratio (async/sync) {spread(ratio, '{:.2f}')}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--emulator", help="path of the sinch-emulator binary")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--only", default="abcdef", help="which measurements, e.g. a,f")
    args = parser.parse_args()
    only = set(args.only.replace(",", ""))
    binary = emulator_binary(args.emulator)
    print(f"sinch_core {sinch_core.sinch_core_version()}, emulator {binary}")
    proc, base = start_emulator(binary)
    try:
        if "a" in only:
            bench_list(base, args.runs)
        if "b" in only:
            bench_cached_token(base)
        if "d" in only:
            bench_small_list(base, args.runs)
        if "e" in only:
            bench_first_call(base, min(args.runs, 15))
        if "f" in only:
            bench_async(base, min(args.runs, 15))
    finally:
        proc.kill()
        proc.wait()
    if "c" in only:
        bench_processes(binary)


if __name__ == "__main__":
    main()

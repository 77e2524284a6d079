"""One process of a simulated fleet (driven by the JVM test RedisFleetTest, beside JVM processes
running FleetWorker.kt with the same arguments and output).

    worker.py STORE TOKEN_URL KEY_ID KEY_SECRET KEYCLOAK_URL USER PASSWORD GO TIMEOUT_MS [LOOP_S]

STORE is a redis:// URL or file:PATH; KEYCLOAK_URL "-" skips the India credential. The process
builds its clients, prints "ready", waits (at most 60 s) for the file GO to exist, then prints
"oauth=<token>" (and "india=<token>"). With LOOP_S, it then reads the India token every 25 ms
for LOOP_S seconds (each read may refresh it) and prints "reads=<count>" and the last token; any
failed read fails the process.
"""

import datetime
import pathlib
import sys
import time

import sinch_core

(
    store_arg,
    token_url,
    key_id,
    key_secret,
    keycloak_url,
    user,
    password,
    go,
    timeout_ms,
) = sys.argv[1:10]
loop_seconds = float(sys.argv[10]) if len(sys.argv) > 10 else 0.0
store = (
    sinch_core.TokenStore.file(store_arg[len("file:") :])
    if store_arg.startswith("file:")
    else sinch_core.TokenStore.redis(store_arg)
)
http = sinch_core.HttpOptions(
    request_timeout=datetime.timedelta(milliseconds=int(timeout_ms)),
    retry_budget=datetime.timedelta(milliseconds=500),
)
oauth = sinch_core.SinchAuth.oauth(
    key_id, key_secret, token_url=token_url, store=store, http=http
)
india = None
if keycloak_url != "-":
    india = sinch_core.SinchAuth.india(
        user, password, token_url=keycloak_url, store=store, http=http
    )
print("ready", flush=True)
deadline = time.monotonic() + 60
while not pathlib.Path(go).exists():
    if time.monotonic() > deadline:
        sys.exit("no go file after 60 s")
    time.sleep(0.005)
print(f"oauth={oauth.access_token()}", flush=True)
if india is not None:
    token = india.access_token()
    stop, reads = time.monotonic() + loop_seconds, 0
    while time.monotonic() < stop:
        token = india.access_token()
        reads += 1
        time.sleep(0.025)
    if loop_seconds:
        print(f"reads={reads}", flush=True)
    print(f"india={token}", flush=True)

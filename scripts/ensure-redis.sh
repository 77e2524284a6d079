#!/usr/bin/env bash
# The Redis token store's tests start their own redis-server: install Debian's package if it is
# missing (as root, or through sudo). Other systems: install Redis ≥ 6 yourself.
set -euo pipefail
command -v redis-server >/dev/null && exit 0
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if command -v apt-get >/dev/null; then
    echo "ensure-redis.sh: installing redis-server (apt-get)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
else
    echo "ensure-redis.sh: redis-server is missing; install Redis >= 6 (the tests start their own instance)" >&2
    exit 1
fi

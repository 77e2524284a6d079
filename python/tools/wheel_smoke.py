"""Smoke test of the installed packages, run by scripts/dist-python.sh in fresh venvs (after
installing the release wheels, and again after installing sinch-core from its sdist).

Checks what a user would notice first: both packages import from the environment (not from
this source tree), the emulator binary the sinch-emulator wheel installed starts, and a token
request plus a create/list round trip work, blocking and with asyncio.
"""

from __future__ import annotations

import asyncio
import sys
import sysconfig
from pathlib import Path

import sinch_emulator
from sinch_emulator import Emulator

import sinch_core
from sinch_core import aio


def main() -> None:
    site = Path(sysconfig.get_paths()["purelib"]).resolve()
    for module in (sinch_core, sinch_emulator):
        where = Path(module.__file__).resolve()
        assert site in where.parents, f"{module.__name__} imported from {where}, not {site}"
    assert Path(sys.prefix).resolve() in sinch_emulator.binary().resolve().parents, (
        sinch_emulator.binary()
    )

    with Emulator.start() as emu:
        auth = sinch_core.SinchAuth.oauth(
            key_id=emu.key_id, key_secret=emu.key_secret, token_url=emu.token_url
        )
        client = sinch_core.ProvisioningClient(project_id="smoke", auth=auth, base_url=emu.base_url)
        hook = client.webhooks().create(
            target="https://example.com/hook", secret="s3cret", triggers=["ALL"]
        )
        assert [h.id for h in client.webhooks().iter()] == [hook.id]

        async def listed() -> list:
            async with aio.ProvisioningClient(
                project_id="smoke", auth=auth, base_url=emu.base_url
            ) as aclient:
                return [h.id async for h in aclient.webhooks().iter()]

        assert asyncio.run(listed()) == [hook.id]
        counters = emu.counters()
        assert counters["token_requests"] == 1, counters
        assert counters["api_requests"] == 3, counters

    print(
        f"smoke: ok (sinch_core {sinch_core.sinch_core_version()} from "
        f"{Path(sinch_core.__file__).parent}, emulator {sinch_emulator.binary()})"
    )


if __name__ == "__main__":
    main()

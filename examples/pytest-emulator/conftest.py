"""The user's own fixtures, built on the plugin's `sinch_emulator`: one auth object for the
whole session (its token cached across tests, which survives the plugin's reset)."""

import pytest
import sinch_core


@pytest.fixture(scope="session")
def auth(_sinch_emulator_session):
    emu = _sinch_emulator_session
    return sinch_core.SinchAuth.oauth(
        key_id=emu.key_id, key_secret=emu.key_secret, token_url=emu.token_url
    )


@pytest.fixture
def client(sinch_emulator, auth):
    return sinch_core.ProvisioningClient(
        project_id="shop", auth=auth, base_url=sinch_emulator.base_url
    )

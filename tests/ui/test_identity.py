"""Issue 13, part 4: a trusted identity header counts only with the proxy's proof.

The attack: `anshin serve` with ANSHIN_IDENTITY_HEADER=X-Forwarded-User listens on
127.0.0.1, so any local client may send `X-Forwarded-User: kobayashi`. Without the shared
secret the configured proxy adds, that header must not make anyone the Director: the page says
who it is showing (the demo identity, 未認証), why, and grants no role above staff.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from ui_helpers import UI

pytestmark = pytest.mark.browser

FORGED_SECRETS = {
    "no-secret": None,
    "wrong-secret": "ui-tests-proxy-secret-5c0f2b9e7d4a41c9",
    "empty-secret": "",
}


@pytest.mark.parametrize("secret", FORGED_SECRETS.values(), ids=FORGED_SECRETS.keys())
def test_a_forged_identity_header_does_not_open_the_directors_admin_page(
        open_ui: Callable[..., UI], secret: str | None) -> None:
    ui = open_ui("kobayashi", secret=secret)
    ui.open("/voila/render/admin.ipynb")
    identity = ui.widget("anshin-identity").inner_text()
    assert "小林" not in identity
    assert "デモ 職員（市民課・職員）" in identity
    assert "未認証" in identity and "認証済み" not in identity
    note = ui.widget("anshin-identity-note")
    assert note.count() == 1
    assert "プロキシからの証明がない" in note.inner_text()
    assert ui.widget("anshin-role-gate").count() == 1
    assert ui.widget("anshin-admin").count() == 0
    ui.shot("forged-admin")


def test_the_same_header_with_the_proxys_secret_is_the_authenticated_director(
        open_ui: Callable[..., UI]) -> None:
    ui = open_ui("kobayashi")
    ui.open("/voila/render/admin.ipynb")
    identity = ui.widget("anshin-identity").inner_text()
    assert "小林 健（デジタル市役所推進室・デジタル市役所推進室長）" in identity
    assert "認証済み" in identity
    assert ui.widget("anshin-identity-note").count() == 0
    assert ui.widget("anshin-admin").count() == 1
    ui.shot("proxied-admin")

"""Inputs that must never be stored are refused before they are stored (issue 15, part 4):
a key-like string in a registration field, a reason or a comment gets a clear Japanese
message and nothing is appended; re-registering a service id needs an explicit replace."""

from __future__ import annotations

import pytest
from oversight_helpers import answers, in_review, person

from anshin import oversight
from anshin.app import Anshin
from anshin.services import RegistryError, ServiceExists
from anshin.session import ValidationError
from checks.secrets import find_secret

OPENAI_KEY = "sk-proj-Q3x9TfLm2Vb8Kc1Zr7Hw4Ny6Pd0Sa5Ue"
JWT = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ5YW1hZGEiLCJpYXQiOjE3MzMxMDAwMDB9."
       "kX2c9Qm1b7Zr4Vt0Hn8Lp3Ws6Ya5Ud2Fe1Gi9Jo7Kq")
AZURE_KEY = "3f9c2b7e1a4d4c8f9b0e6d5a2c1f7e8d"
RANDOM_TOKEN = "ghp_R7kT2mQ9xV4bN8cZ1wL5yH3jF6dS0aPu"


@pytest.mark.parametrize("text,kind", [
    (OPENAI_KEY, "openai_key"), (f"鍵は {JWT} です", "jwt"), (AZURE_KEY, "hex"),
    (RANDOM_TOKEN, "base64"), ("PRIVATE+KEY+niiza+1234abcd+AQID", "private_key"),
    ("AKIAIOSFODNN7EXAMPLE", "aws_key")])
def test_key_like_strings_are_found(text, kind):
    assert find_secret(text).kind == kind


@pytest.mark.parametrize("text", [
    "ANSHIN_OPENAI_KEY", "ANSHIN_AZURE_OPENAI_KEY_FOR_CITY_HALL_2025",
    "https://www.city.niiza.lg.jp/soshiki/2025/04/01/kouhou-oshirase.html",
    "OpenAI Business Terms：API の入出力をモデル学習に使用しない", "令和7年4月1日付け 第1234号",
    "契約第12条（秘密の保持）に基づき入力を学習に利用しない", ""])
def test_ordinary_field_values_are_not_keys(text):
    assert find_secret(text) is None


def _stored(app: Anshin) -> bytes:
    db = app.settings.database_url.removeprefix("sqlite:///")
    return b"".join(p.read_bytes() for p in
                    __import__("pathlib").Path(db).parent.glob("anshin.db*"))


def test_a_key_in_the_key_variable_field_is_refused_and_never_stored(app: Anshin) -> None:
    director = person(app, "kobayashi")
    before = app.store.head()
    entry = {"id": "openai-city", "name": "OpenAI API（市契約）", "kind": "openai",
             "base_url": "https://api.openai.com/v1", "model": "gpt-4o-mini",
             "api_key_env": OPENAI_KEY}
    with pytest.raises(ValidationError) as refused:
        oversight.register_service(app, director, entry)
    assert "「鍵の環境変数名」に、鍵やトークンのような文字列（API キー（sk-…））" in refused.value.message_ja
    for field, value in (("name", f"市契約 {AZURE_KEY}"), ("base_url",
                                                          f"https://x.invalid/{RANDOM_TOKEN}")):
        with pytest.raises(ValidationError):
            oversight.register_service(app, director, {**entry, "api_key_env": "", field: value})
    with pytest.raises(RegistryError, match="環境変数の名前"):
        oversight.register_service(app, director, {**entry, "api_key_env": "鍵は金庫に"})
    assert app.store.head() == before, "nothing was appended"
    assert OPENAI_KEY.encode() not in _stored(app) and AZURE_KEY.encode() not in _stored(app)
    oversight.register_service(app, director, {**entry, "api_key_env": "ANSHIN_OPENAI_KEY"})
    assert app.registry.get("openai-city").api_key_env == "ANSHIN_OPENAI_KEY"


def test_keys_in_reasons_and_comments_are_refused_and_the_session_is_kept(app: Anshin) -> None:
    view = in_review(app, person(app, "yamada"))
    sid, before = view.session_id, app.store.head()
    with pytest.raises(ValidationError, match="「コメント」に、鍵やトークン"):
        app.sessions.submit_review(sid, person(app, "sato"), answers=answers(app),
                                   comment=f"この鍵で試しました {JWT}")
    director = person(app, "kobayashi")
    with pytest.raises(ValidationError, match="「お知らせ」に"):
        oversight.suspend(app, director, f"停止します {OPENAI_KEY}")
    assert app.store.head() == before
    assert app.sessions.get(sid).state == view.state
    for reviewer in ("sato", "tanaka"):
        app.sessions.submit_review(sid, person(app, reviewer), answers=answers(app),
                                   comment="確認しました")
    reviewed = app.store.head()
    with pytest.raises(ValidationError, match="「決定の理由」に、鍵やトークン"):
        app.sessions.decide(sid, person(app, "kato"), outcome="adopted",
                            reason=f"確認済み {AZURE_KEY}")
    assert app.store.head() == reviewed and not app.sessions.get(sid).sealed
    assert JWT.encode() not in _stored(app) and AZURE_KEY.encode() not in _stored(app)
    decided = app.sessions.decide(sid, person(app, "kato"), outcome="adopted", reason="確認済み")
    assert decided.sealed


def test_re_registering_a_service_id_needs_an_explicit_replace(app: Anshin) -> None:
    director = person(app, "kobayashi")
    entry = {"id": "onprem", "name": "庁内LLM", "kind": "openai_compatible",
             "base_url": "http://10.0.0.5:8000/v1", "model": "m1"}
    oversight.register_service(app, director, entry)
    oversight.approve_service(app, director, "onprem", "庁内サーバーで動作し学習に使用しない")
    before = app.store.head()
    with pytest.raises(ServiceExists, match="すでに登録されています"):
        oversight.register_service(app, director, {**entry, "model": "m2"})
    assert app.store.head() == before and app.registry.get("onprem").approved
    oversight.register_service(app, director, {**entry, "model": "m2"}, replace=True)
    assert app.registry.get("onprem").model == "m2"
    assert app.registry.get("onprem").status == "registered"

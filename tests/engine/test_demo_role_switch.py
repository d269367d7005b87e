"""The trainers' role switch (issue 16.7) holds only on a demo server: asked for, no proxy
header configured, not under the Hub. Anywhere else `?as=` changes nothing."""

from __future__ import annotations

import pytest

from anshin.identity import current_person
from anshin.policy import PolicyError, load_policy


def test_a_demo_server_with_the_switch_shows_the_chosen_person_with_their_role(directory):
    person = current_person(directory, "demo", environ={"QUERY_STRING": "as=kobayashi"},
                            demo_role_switch=True)
    assert (person.id, person.role, person.authenticated) == ("kobayashi", "director", False)
    assert "研修用デモ" in person.note


def test_an_unknown_choice_falls_back_to_the_demo_identity(directory):
    person = current_person(directory, "demo", environ={"QUERY_STRING": "as=nobody"},
                            demo_role_switch=True)
    assert person.id == "demo" and person.role == "staff"


@pytest.mark.parametrize("environ", [
    {"QUERY_STRING": "as=kobayashi"},                                       # switch not asked for
    {"QUERY_STRING": "as=kobayashi", "JUPYTERHUB_USER": "yamada"},          # under the Hub
    {"QUERY_STRING": "as=kobayashi", "ANSHIN_ENGINE_URL": "http://127.0.0.1:1"},
])
def test_the_choice_is_ignored_without_the_switch_or_under_the_hub(directory, environ):
    switch = "JUPYTERHUB_USER" in environ or "ANSHIN_ENGINE_URL" in environ
    person = current_person(directory, "demo", environ=environ, demo_role_switch=switch)
    assert person.id in ("demo", "yamada") and person.role == "staff"


def test_behind_a_proxy_the_choice_gives_no_role(directory):
    person = current_person(directory, "demo", "X-Forwarded-User", "s" * 40,
                            environ={"QUERY_STRING": "as=kobayashi"}, demo_role_switch=True)
    assert person.id == "demo" and person.role == "staff"


def test_a_mail_table_is_validated_with_its_key_and_line(tmp_path):
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "policy"
    for name in ("trademarks.csv", "biased_terms.csv", "niiza-guideline.ja.txt"):
        (tmp_path / name).write_bytes((root / name).read_bytes())
    source = (root / "niiza.toml").read_text(encoding="utf-8")
    path = tmp_path / "city.toml"
    path.write_text(source + '\n[mail]\nhost = "smtp.example"\nport = 70000\nsender = "a@b"\n',
                    encoding="utf-8")
    with pytest.raises(PolicyError, match=r"mail\.port"):
        load_policy(path)
    path.write_text(source + '\n[mail]\nhost = "smtp.example"\nsender = "a@b"\n', encoding="utf-8")
    mail = load_policy(path).mail
    assert mail is not None and (mail.host, mail.port, mail.starttls) == ("smtp.example", 25, False)
    assert load_policy(root / "niiza.toml").mail is None

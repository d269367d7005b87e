"""The Director's investigation finds declared published material (issue 12 §3): a filter
「公開資料として申告あり」, and the source's title and issuer in the full-text index; an index
made before the column existed gets it on start-up."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from oversight_helpers import person

from anshin import oversight
from anshin.app import Anshin
from anshin.index import SearchQuery, SessionIndex, session_index
from anshin.session import ValidationError

TITLE = "第3回定例会会議録"
ISSUER = "新座市議会事務局"


def declared(app: Anshin, author: str, purpose: str, *, source: bool) -> str:
    who = person(app, author)
    sid = app.sessions.start_session(who).session_id
    app.sessions.declare_purpose(sid, who, category="organize_public", purpose=purpose,
                                 intended_use="議会だよりの下書き", service_id="training-sim")
    if source:
        app.sessions.declare_published_source(sid, who, title=TITLE, issuer=ISSUER,
                                              url="https://www.city.niiza.lg.jp/gikai/3.html")
    return sid


def ids(app: Anshin, **query) -> list[str]:
    director = person(app, "kobayashi")
    return [r.session_id for r in oversight.investigate(app, director, SearchQuery(**query))[1]]


def _searches(app: Anshin) -> None:
    minutes = declared(app, "yamada", "会議録の要点整理", source=True)
    plain = declared(app, "ito", "挨拶文の素案", source=False)
    assert ids(app, published=True) == [minutes]
    assert ids(app, published=False) == [plain]
    assert set(ids(app)) == {minutes, plain}
    assert ids(app, text="定例会会議") == [minutes]             # the title, by trigram
    assert ids(app, text=ISSUER) == [minutes]
    assert ids(app, text="gikai/3") == [minutes]
    row = oversight.investigate(app, person(app, "kobayashi"), SearchQuery(published=True))[1][0]
    assert row.published is True
    app.sessions.withdraw_published_source(minutes, person(app, "yamada"))
    assert ids(app, published=True) == []
    assert ids(app, text=ISSUER) == []


def test_the_director_finds_declared_sessions_by_filter_and_by_source(app: Anshin) -> None:
    _searches(app)
    with app.store.engine.connect() as conn:
        before = conn.execute(sa.select(session_index.c.session_id, session_index.c.published,
                                        session_index.c.search_text)
                              .order_by(session_index.c.session_id)).all()
    assert app.index.rebuild() == 2
    with app.store.engine.connect() as conn:
        after = conn.execute(sa.select(session_index.c.session_id, session_index.c.published,
                                       session_index.c.search_text)
                             .order_by(session_index.c.session_id)).all()
    assert after == before


def test_the_same_search_on_postgresql(pg_app: Anshin) -> None:
    _searches(pg_app)


def test_a_crafted_filter_value_is_refused(app: Anshin) -> None:
    with pytest.raises(ValidationError, match="公開資料の申告"):
        ids(app, published="yes")


def _old_index_gains_the_column(target: Anshin) -> None:
    with target.store.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE IF EXISTS session_fts"))
        session_index.drop(conn)
        old = sa.MetaData()
        sa.Table(session_index.name, old,
                 *(sa.Column(c.name, c.type, nullable=c.nullable, primary_key=c.primary_key)
                   for c in session_index.columns if c.name != "published")).create(conn)
    target.index = SessionIndex(target.store)
    target.sessions.observers = [target.index.update]
    columns = {c["name"] for c in sa.inspect(target.store.engine).get_columns(session_index.name)}
    assert "published" in columns
    sid = declared(target, "yamada", "会議録の要点整理", source=True)
    assert ids(target, published=True) == [sid]
    assert ids(target, text=TITLE) == [sid]


def test_an_index_made_before_the_published_column_gets_it(app: Anshin) -> None:
    _old_index_gains_the_column(app)


def test_an_index_made_before_the_published_column_gets_it_on_postgresql(pg_app: Anshin) -> None:
    _old_index_gains_the_column(pg_app)

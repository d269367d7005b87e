"""The `anshin` command: serve the pages, verify the archive, export, screen, suspend.

Each subcommand imports what it needs only when it runs, so `anshin screen` stays fast and
`anshin verify` does not load Voila.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence

from anshin import cli_texts as t


def _app():
    from anshin.app import get_app

    return get_app()


def cmd_serve(args: argparse.Namespace) -> int:
    from anshin.serve import serve

    return serve(port=args.port, model_port=args.model_port, open_browser=False)


def cmd_model_server(args: argparse.Namespace) -> int:
    from anshin import model_server

    argv = ["--host", args.host, "--port", str(args.port)]
    if args.chunk_delay is not None:
        argv += ["--chunk-delay", str(args.chunk_delay)]
    return model_server.main(argv)


def cmd_gateway_service(args: argparse.Namespace) -> int:
    from anshin import gateway_service

    return gateway_service.main(args.rest)  # its own options, parsed by gateway_service


def cmd_engine_service(args: argparse.Namespace) -> int:
    from anshin import engine_service

    return engine_service.main(args.rest)  # its own options, parsed by engine_service


def cmd_init(_args: argparse.Namespace) -> int:
    """Create the store, the signing key and the first checkpoint; start signing a store of
    schema 1 (its events stay as they are, named as predating signing)."""
    from anshin import integrity_texts

    app = _app()
    started = app.store.start_signing()
    seq, _ = app.store.head()
    print(t.INIT_DONE.format(db=app.settings.database_url, events=seq,
                             version=app.store.schema_version))
    if started is not None:
        print(integrity_texts.SIGNING_STARTED.format(through=started.payload["unsigned_through"]))
    elif seq:
        print(integrity_texts.SIGNING_ALREADY.format(key_id=app.store.key.key_id))
    return 0


def cmd_verify(_args: argparse.Namespace) -> int:
    """Open the store as found — no key or checkpoint is created, start-up checks are what
    it reports — and verify it with the archive."""
    from anshin.settings import Settings
    from anshin.store import EventStore
    from anshin.verify import verify_all

    settings = Settings.from_env()
    store = EventStore(settings.database_url, settings.head_path,
                       key_path=settings.signing_key_path, initialise=False)
    report = verify_all(store, settings.archive_dir)
    print(report.render())
    return report.exit_code


def cmd_reindex(_args: argparse.Namespace) -> int:
    app = _app()
    started = time.perf_counter()
    count = app.index.rebuild()
    print(t.REINDEX_DONE.format(count=count, seconds=time.perf_counter() - started))
    return 0


def cmd_rebuild_records(_args: argparse.Namespace) -> int:
    from anshin.records import RecordWriter
    from anshin.verify import stale_sessions

    app = _app()
    safe, refused = stale_sessions(app.store, app.settings.archive_dir)
    writer = RecordWriter(app.settings.archive_dir, app.store, app.policy)
    for session_id in safe:
        writer.rebuild(app.sessions.get(session_id))
    print(t.REBUILT.format(count=len(safe)))
    for session_id in refused:
        print(t.REBUILD_REFUSED.format(session_id=session_id), file=sys.stderr)
    return 1 if refused else 0


def cmd_import_trademarks(args: argparse.Namespace) -> int:
    """§6(4): merge the Director's CSV into the policy's trademark list (validated first)."""
    import os

    from checks.output import TrademarkList

    app = _app()
    actor = _operator(app)
    if actor is not None and actor.role != "director":
        print(t.DIRECTOR_ONLY, file=sys.stderr)
        return 2
    path = app.policy.trademarks_path
    result = TrademarkList.load(path).import_csv(args.file)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.added:
        tmp = path.with_suffix(".csv.tmp")
        tmp.write_text(result.trademarks.to_csv(), encoding="utf-8")
        os.replace(tmp, path)
    print(t.TRADEMARKS_IMPORTED.format(added=len(result.added), total=len(result.trademarks.entries),
                                       file=path))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from anshin.export import export_sessions_csv

    app = _app()
    out = sys.stdout if args.output in (None, "-") else open(args.output, "w", encoding="utf-8-sig",
                                                              newline="")
    try:
        count = export_sessions_csv(app, out, bom=out is sys.stdout)
    finally:
        if out is not sys.stdout:
            out.close()
    print(t.EXPORT_DONE.format(count=count), file=sys.stderr)
    return 0


WARM_UP_TEXT = "起動確認：山田太郎様（090-1234-5678）、東京都新座市野火止1-1-1、ジョン・スミス氏。"


def cmd_screen(args: argparse.Namespace) -> int:
    from anshin.policy import load_policy
    from anshin.settings import Settings
    from checks import screen

    severities = load_policy(Settings.from_env().policy_path).severities
    if not args.jsonl:
        text = sys.stdin.read()
        findings = screen(text, severities)
        json.dump({"findings": [_finding_out(f, text, full=True) for f in findings]},
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    screen(WARM_UP_TEXT, severities)  # load the dictionary before timing (start-up, not work)
    spent = 0.0
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        t0 = time.perf_counter()
        findings = screen(case["text"], severities)
        spent += time.perf_counter() - t0
        print(json.dumps({"id": case.get("id"),
                          "findings": [_finding_out(f, case["text"]) for f in findings]},
                         ensure_ascii=False))
    print(json.dumps({"_timing_s": spent}))
    return 0


def _finding_out(f, text: str, full: bool = False) -> dict:
    out = {"start": f.start, "end": f.end, "category": f.category, "severity": f.severity,
           "rule": f.rule_id}
    if full:
        out["message_ja"] = f.message_ja
    return out


def cmd_suspend(args: argparse.Namespace) -> int:
    from anshin.clock import japan_time
    from anshin.suspension import suspend_use

    app = _app()
    actor = _operator(app)
    notice = args.notice or app.policy.default_suspension_notice
    status = suspend_use(app.store, actor, notice)
    print(t.SUSPENDED.format(since=japan_time(status.since), notice=notice))
    return 0


def cmd_resume(_args: argparse.Namespace) -> int:
    from anshin.clock import japan_time
    from anshin.lifecycle import Kind
    from anshin.suspension import resume_use

    app = _app()
    resume_use(app.store, _operator(app))
    resumed = app.store.last([Kind.USE_RESUMED.value])
    print(t.RESUMED.format(at=japan_time(resumed.at if resumed else None)))
    return 0


def _operator(app):
    """Where identity is known (JupyterHub user or ANSHIN_OPERATOR), it must be the Director."""
    import os

    user = os.environ.get("JUPYTERHUB_USER") or os.environ.get("ANSHIN_OPERATOR")
    return app.directory.get(user, authenticated=True) if user else None


def cmd_demo(args: argparse.Namespace) -> int:
    """N decided demo sessions through the engine, marked demo/training in every record."""
    from anshin.demo import fill

    started = time.perf_counter()
    views = fill(_app(), args.sessions, args.seed)
    outcomes: dict[str, int] = {}
    for view in views:
        key = view.decision.outcome if view.decision else "none"
        outcomes[key] = outcomes.get(key, 0) + 1
    print(t.DEMO_DONE.format(count=len(views), seconds=time.perf_counter() - started,
                             outcomes=json.dumps(outcomes, ensure_ascii=False, sort_keys=True)))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="anshin", description=t.DESCRIPTION)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", help=t.HELP_SERVE)
    p.add_argument("--port", type=int, default=8866)
    p.add_argument("--model-port", type=int, default=8765)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("model-server", help=t.HELP_MODEL_SERVER)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--chunk-delay", type=float, default=None)
    p.set_defaults(func=cmd_model_server)

    p = sub.add_parser("gateway-service", help=t.HELP_GATEWAY_SERVICE, add_help=False)
    p.set_defaults(func=cmd_gateway_service, rest=[])
    p = sub.add_parser("engine-service", help=t.HELP_ENGINE_SERVICE, add_help=False)
    p.set_defaults(func=cmd_engine_service, rest=[])

    sub.add_parser("init", help=t.HELP_INIT).set_defaults(func=cmd_init)
    sub.add_parser("verify", help=t.HELP_VERIFY).set_defaults(func=cmd_verify)
    sub.add_parser("rebuild-records", help=t.HELP_REBUILD).set_defaults(func=cmd_rebuild_records)
    sub.add_parser("reindex", help=t.HELP_REINDEX).set_defaults(func=cmd_reindex)

    p = sub.add_parser("import-trademarks", help=t.HELP_IMPORT_TRADEMARKS)
    p.add_argument("file")
    p.set_defaults(func=cmd_import_trademarks)

    p = sub.add_parser("export", help=t.HELP_EXPORT)
    p.add_argument("--format", choices=["csv"], default="csv")
    p.add_argument("--output", "-o", default=None)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("screen", help=t.HELP_SCREEN)
    p.add_argument("--jsonl", action="store_true")
    p.set_defaults(func=cmd_screen)

    p = sub.add_parser("suspend", help=t.HELP_SUSPEND)
    p.add_argument("--notice", default=None)
    p.set_defaults(func=cmd_suspend)
    sub.add_parser("resume", help=t.HELP_RESUME).set_defaults(func=cmd_resume)
    p = sub.add_parser("demo", help=t.HELP_DEMO)
    p.add_argument("--sessions", type=int, required=True, help=t.HELP_DEMO_SESSIONS)
    p.add_argument("--seed", type=int, default=0, help=t.HELP_DEMO_SEED)
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from anshin.errors import AnshinError
    from anshin.policy import PolicyError

    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if args.func in (cmd_gateway_service, cmd_engine_service):
        args.rest = extra
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return int(args.func(args) or 0)
    except PolicyError as exc:
        print(exc.message_ja, file=sys.stderr)
        print(exc.message_en, file=sys.stderr)
        return 2
    except AnshinError as exc:
        print(exc.message_ja, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

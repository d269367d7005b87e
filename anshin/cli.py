"""The `anshin` command: serve the pages, verify the archive, export, screen, suspend.

Each subcommand imports what it needs only when it runs, so `anshin screen` stays fast and
`anshin verify` does not load Voila.
"""

from __future__ import annotations

import argparse
import base64
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


def cmd_verify(args: argparse.Namespace) -> int:
    """Open the store as found — no key or checkpoint is created, start-up checks are what
    it reports — and verify it with the archive; with `--checkpoint FILE`, prove instead
    that today's log extends that older signed checkpoint (fast: stored subtrees only)."""
    from pathlib import Path

    from anshin.policy import load_policy
    from anshin.settings import Settings
    from anshin.store import EventStore

    settings = Settings.from_env()
    policy = load_policy(settings.policy_path)
    store = EventStore(settings.database_url, settings.head_path, initialise=False,
                       key_location=settings.key_location(policy.transparency.signing_key))
    if args.checkpoint:
        from anshin.tlog_checkpoints import Notary
        from anshin.verify_checkpoint import verify_extension

        notary = Notary.for_store(store, policy, settings.archive_dir)
        extension = verify_extension(store, notary,
                                     Path(args.checkpoint).read_text(encoding="utf-8"),
                                     settings.archive_dir)
        print(extension.render())
        return 0 if extension.ok else 1
    from anshin.verify import verify_all

    report = verify_all(store, settings.archive_dir)
    print(report.render())
    return report.exit_code


def cmd_checkpoint(_args: argparse.Namespace) -> int:
    """Sign the log as it is now (and co-sign, where the witness key is configured), keep
    it in the archive's checkpoints folder and print it."""
    path, note = _app().notary.checkpoint_now()
    print(note, end="")
    print(t.CHECKPOINT_WRITTEN.format(path=path), file=sys.stderr)
    return 0


def cmd_verify_record(args: argparse.Namespace) -> int:
    """One record against a checkpoint and the city's public key, with no database and
    nothing of anshin but the standalone verifier."""
    from pathlib import Path

    from anshin import tlog_verify

    def key_text(value: str) -> str:
        path = Path(value)
        return path.read_text(encoding="utf-8") if path.is_file() else value

    try:
        key = tlog_verify.VerifierKey.parse(key_text(args.key))
        witness = (tlog_verify.VerifierKey.parse(key_text(args.witness_key))
                   if args.witness_key else None)
    except ValueError as exc:
        print(t.VERIFY_RECORD_BAD_KEY.format(detail=exc), file=sys.stderr)
        return 2
    consistency = None
    if args.consistency:
        consistency = [base64.b64decode(line) for line in
                       Path(args.consistency).read_text(encoding="utf-8").split() if line]
    check = tlog_verify.verify_record(Path(args.record).read_bytes(),
                                      Path(args.checkpoint).read_text(encoding="utf-8"),
                                      key, witness, consistency)
    if check.ok:
        print(t.VERIFY_RECORD_OK.format(session=check.session_id, index=check.leaf_index,
                                        size=check.tree_size))
        return 0
    print(t.VERIFY_RECORD_FAILED.format(reason=t.RECORD_PROBLEMS.get(check.code or "", ""),
                                        problem=check.problem))
    return 1


def cmd_record_pdf(args: argparse.Namespace) -> int:
    """A sealed record as PDF (公文書), printed from its HTML by chromium headless."""
    from pathlib import Path

    from anshin import records_texts
    from anshin.record_pdf import print_pdf
    from anshin.records import record_paths

    app = _app()
    view = app.sessions.get(args.session_id)
    if not view.sealed:
        print(records_texts.PDF_NOT_SEALED.format(session_id=view.session_id), file=sys.stderr)
        return 2
    html = record_paths(app.settings.archive_dir, view.session_id, view.created_at).html
    if not html.is_file():
        print(records_texts.PDF_NO_RECORD.format(session_id=view.session_id, path=html),
              file=sys.stderr)
        return 2
    out = print_pdf(html, Path(args.output or f"{view.session_id}.pdf"))
    print(t.PDF_WRITTEN.format(path=out))
    return 0


def cmd_retention(_args: argparse.Namespace) -> int:
    """List the records whose retention period has ended; nothing is deleted."""
    import datetime as dt

    from anshin.clock import japan_date
    from anshin.retention import due_records
    from anshin.texts import RECORD_KIND_LABELS

    app = _app()
    today = japan_date(dt.datetime.now(dt.UTC))
    due = due_records(app.index, app.policy, app.settings.archive_dir, today)
    print(t.RETENTION_HEADER.format(count=len(due)))
    for item in due:
        print(t.RETENTION_ROW.format(
            session_id=item.session_id, kind=RECORD_KIND_LABELS.get(item.kind, item.kind),
            finished=item.finished_on, years=item.years, due=item.due_on, path=item.ipynb))
    print(t.RETENTION_NOTHING_DELETED.format(today=today))
    return 0


def cmd_keys(args: argparse.Namespace) -> int:
    """`keys init`: create the keys the policy names as files (mode 0600) where absent;
    `keys show`: print the public keys auditors verify with. Never prints a private key."""
    from anshin.policy import load_policy
    from anshin.settings import Settings
    from anshin.signing import KeyLocation, write_private_file
    from anshin.store import EventStore
    from anshin.tlog_checkpoints import load_witness
    from anshin.tlog_keys import NoteSigner
    from anshin.tlog_verify import SIG_COSIGNATURE

    settings = Settings.from_env()
    policy = load_policy(settings.policy_path)
    tp = policy.transparency
    city_at = settings.key_location(tp.signing_key)
    base = settings.head_path.parent
    if args.action == "init":
        if tp.witness_key:
            witness_at = KeyLocation.parse(tp.witness_key, base)
            if witness_at.path is not None and not witness_at.path.exists():
                signer = NoteSigner.generate(f"{tp.origin}/witness", SIG_COSIGNATURE)
                write_private_file(witness_at.path, signer.encoded() + "\n")
                print(t.KEY_CREATED.format(what=t.WITNESS_KEY, where=witness_at.describe()))
            elif witness_at.path is None and witness_at.read_text() is None:
                print(t.KEY_ENV_NEEDED.format(what=t.WITNESS_KEY, name=witness_at.where))
        if city_at.path is None and city_at.read_text() is None:
            print(t.KEY_ENV_NEEDED.format(what=t.CITY_KEY, name=city_at.where))
            return 2
        existed = city_at.path is None or city_at.path.exists()
        store = EventStore(settings.database_url, settings.head_path, key_location=city_at)
        store.dispose()
        if not existed:
            print(t.KEY_CREATED.format(what=t.CITY_KEY, where=city_at.describe()))
    store = EventStore(settings.database_url, settings.head_path, key_location=city_at,
                       initialise=False)
    try:
        if store.key is None:
            print(t.KEY_ABSENT.format(what=t.CITY_KEY, where=city_at.describe()), file=sys.stderr)
            return 2
        print(t.KEY_PUBLIC.format(what=t.CITY_KEY, where=city_at.describe()))
        print(store.key.note_signer(tp.origin).verifier)
        witness = load_witness(tp.witness_key, base)
        if witness is not None:
            print(t.KEY_PUBLIC.format(what=t.WITNESS_KEY,
                                      where=KeyLocation.parse(tp.witness_key, base).describe()))
            print(witness.verifier)
    finally:
        store.dispose()
    return 0


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
    writer = RecordWriter(app.settings.archive_dir, app.store, app.policy, app.notary)
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
    if actor is not None and not app.policy.may(actor.role, "maintain_lists"):
        print(t.ONLY_ROLES.format(roles=app.wording.who_may("maintain_lists")), file=sys.stderr)
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


WARM_UP_TEXT = "起動確認：山田太郎様（090-1234-5678）、埼玉県みどり台市本町1-1-1、ジョン・スミス氏。"


def cmd_screen(args: argparse.Namespace) -> int:
    from anshin.policy import load_policy
    from anshin.settings import Settings
    from checks import screen

    policy = load_policy(Settings.from_env().policy_path)
    severities, local = policy.severities, policy.local_rules
    if args.file is not None:
        return _screen_file(args.file, policy)
    if not args.jsonl:
        text = sys.stdin.read()
        findings = screen(text, severities, local=local, progress=progress_on_stderr(len(text)))
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
        findings = screen(case["text"], severities, local=local,
                          progress=progress_on_stderr(len(case["text"])))
        spent += time.perf_counter() - t0
        print(json.dumps({"id": case.get("id"),
                          "findings": [_finding_out(f, case["text"]) for f in findings]},
                         ensure_ascii=False))
    print(json.dumps({"_timing_s": spent}))
    return 0


PROGRESS_AFTER_S = 1.0  # issue 13.7: a check taking longer than this shows how far it has got


def progress_on_stderr(length: int):
    """A `progress` callback for `checks.screen` that writes 「確認しています… N%」 to stderr
    once a check has run `PROGRESS_AFTER_S` seconds (stdout keeps only the results)."""
    began = time.perf_counter()

    def report(fraction: float) -> None:
        if time.perf_counter() - began >= PROGRESS_AFTER_S:
            print(t.SCREENING_PROGRESS.format(percent=round(100 * fraction), length=length),
                  file=sys.stderr, flush=True)

    return report


def _screen_file(path: str, policy) -> int:
    """`anshin screen FILE`: the file's text extracted as the session page does, screened;
    findings with their positions (offset, line, column) in the extracted text, never the
    values themselves."""
    from anshin.file_text import FileTextError, extract_file
    from checks import screen

    try:
        extracted = extract_file(path, policy.input_files)
    except FileTextError as exc:
        print(exc.message_ja, file=sys.stderr)
        return 2
    except OSError as exc:
        print(t.FILE_UNREADABLE.format(path=path, error=exc.strerror or exc), file=sys.stderr)
        return 2
    text = extracted.text
    findings = []
    for f in screen(text, policy.severities, local=policy.local_rules,
                    progress=progress_on_stderr(len(text))):
        out = _finding_out(f, text, full=True)
        line_start = text.rfind("\n", 0, f.start) + 1
        out["line"] = text.count("\n", 0, f.start) + 1
        out["column"] = f.start - line_start + 1
        findings.append(out)
    json.dump({"file": extracted.name, "length": len(text), "findings": findings},
              sys.stdout, ensure_ascii=False, indent=2)
    print()
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


def cmd_policy_check(args: argparse.Namespace) -> int:
    """Validate a municipality's policy folder and print what its staff will see."""
    from pathlib import Path

    from anshin.policy_check import check_folder

    _policy, lines = check_folder(Path(args.folder))
    print("\n".join(lines))
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
    p = sub.add_parser("verify", help=t.HELP_VERIFY)
    p.add_argument("--checkpoint", default=None, help=t.HELP_VERIFY_CHECKPOINT)
    p.set_defaults(func=cmd_verify)
    sub.add_parser("checkpoint", help=t.HELP_CHECKPOINT).set_defaults(func=cmd_checkpoint)
    p = sub.add_parser("verify-record", help=t.HELP_VERIFY_RECORD)
    p.add_argument("record")
    p.add_argument("--checkpoint", required=True)
    p.add_argument("--key", required=True, help=t.HELP_VERIFY_RECORD_KEY)
    p.add_argument("--witness-key", default=None)
    p.add_argument("--consistency", default=None, help=t.HELP_VERIFY_RECORD_CONSISTENCY)
    p.set_defaults(func=cmd_verify_record)
    p = sub.add_parser("record-pdf", help=t.HELP_RECORD_PDF)
    p.add_argument("session_id")
    p.add_argument("--output", "-o", default=None)
    p.set_defaults(func=cmd_record_pdf)
    sub.add_parser("retention", help=t.HELP_RETENTION).set_defaults(func=cmd_retention)
    p = sub.add_parser("keys", help=t.HELP_KEYS)
    p.add_argument("action", choices=["init", "show"])
    p.set_defaults(func=cmd_keys)
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
    p.add_argument("file", nargs="?", default=None, help=t.HELP_SCREEN_FILE)
    p.add_argument("--jsonl", action="store_true")
    p.set_defaults(func=cmd_screen)

    p = sub.add_parser("suspend", help=t.HELP_SUSPEND)
    p.add_argument("--notice", default=None)
    p.set_defaults(func=cmd_suspend)
    sub.add_parser("resume", help=t.HELP_RESUME).set_defaults(func=cmd_resume)
    p = sub.add_parser("policy", help=t.HELP_POLICY)
    policy = p.add_subparsers(dest="policy_command", required=True)
    p = policy.add_parser("check", help=t.HELP_POLICY_CHECK)
    p.add_argument("folder")
    p.set_defaults(func=cmd_policy_check)
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

"""The ``cluehub`` command line: serve the hub and manage its embedded store."""

from __future__ import annotations

import getpass
import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cluehub import __version__
from cluehub.graph.store import GraphStore
from cluehub.settings import Settings, load

app = typer.Typer(
    name="cluehub",
    help="Clue-sharing and cross-region coordination hub for IP enforcement.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
store_app = typer.Typer(help="Manage the embedded FalkorDB store.", no_args_is_help=True)
app.add_typer(store_app, name="store")
console = Console(stderr=True)

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Data directory [env CLUEHUB_DATA_DIR; default ./var/cluehub]"),
]


def _place(code: str) -> str:
    """A region code as people read it: 福建省莆田市荔城区; 100000 is SAMR."""
    from cluehub.graph.regions import NATIONAL, full_name

    return "国家市场监督管理总局 (national)" if code == NATIONAL else full_name(code) or code


def _version(value: bool) -> None:
    if value:
        print(f"cluehub {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """cluehub: clues in, graph, link analysis, joint cases out."""
    from cluehub.graph.files import private_umask

    private_umask()  # whatever the hub creates (store, secrets, checkpoints) is 0600/0700


def _loading_printer(every_s: float = 3.0):
    """Print the AOF replay's progress while a store starts (at most every few seconds)."""
    last = [0.0]

    def show(state) -> None:
        if time.monotonic() - last[0] >= every_s:
            last[0] = time.monotonic()
            console.print(f"store: {state.line()}")

    return show


def _exit_on_sigterm(signum: int, frame: object) -> None:
    """SIGTERM ends `cluehub serve` like SIGINT: through the finally that stops the store."""
    raise SystemExit(128 + signum)


def _export(settings: Settings) -> None:
    """Hand resolved settings to uvicorn's worker processes through the environment."""
    for name, value in settings.model_dump().items():
        if value is not None and not name.startswith("neo4j"):
            os.environ[f"CLUEHUB_{name.upper()}"] = str(value)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address [env CLUEHUB_HOST]")] = None,
    port: Annotated[int | None, typer.Option(help="Port [env CLUEHUB_PORT]")] = None,
    data_dir: DataDir = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes")] = 1,
    demo: Annotated[
        bool, typer.Option(help="Load the demo world first if the store is empty")
    ] = False,
) -> None:
    """Run the hub (GraphQL, intake, health) on the configured store."""
    import uvicorn

    settings = load(host=host, port=port, data_dir=data_dir)
    _export(settings)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    # starts the embedded server if needed and waits for its AOF replay
    store = _open_or_exit(settings)
    started = getattr(store, "started_server", False)
    console.print(f"[bold]cluehub {__version__}[/] store: {store.describe()}")
    if demo:
        if store.counts()[0] == 0:
            _load_demo(store, "small", 7, settings.data_dir / "demo-small-7")
        else:
            console.print("the store holds data already: the demo world is not loaded again")
    try:
        uvicorn.run(
            "cluehub.api.app:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=workers,
            log_level=settings.log_level,
            # a worker importing the app on a busy machine must not be taken for dead
            timeout_worker_healthcheck=60,
        )
    finally:
        if started:
            console.print("stopping the embedded store")
            store.shutdown_server()  # type: ignore[attr-defined]
        else:
            store.close()


def _open_or_exit(settings: Settings) -> GraphStore:
    """The configured store, or a clear message and exit 2 (e.g. two stores configured)."""
    from cluehub.graph.open import open_store
    from cluehub.graph.store import StoreError

    try:
        return open_store(settings.store_config(), on_loading=_loading_printer())
    except StoreError as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None


@contextmanager
def _store(data_dir: Path | None) -> Iterator[GraphStore]:
    """The configured store for one command; an embedded server this command had to
    start is stopped again at the end (a running hub's server is left alone)."""

    settings = load(data_dir=data_dir)
    store = _open_or_exit(settings)
    try:
        yield store
    finally:
        if getattr(store, "started_server", False):
            store.shutdown_server()  # type: ignore[attr-defined]
        else:
            store.close()


def _now_ms() -> int:
    return int(time.time() * 1000)


def _actor() -> str:
    return f"cli:{getpass.getuser()}"


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSONL or CSV file")],
    kind: Annotated[str, typer.Option(help="listing | takedown | waybill | complaint | tracing")],
    partner: Annotated[str, typer.Option(help="Partner id the records come from")] = "file",
    fmt: Annotated[
        str | None, typer.Option("--format", help="jsonl | csv [default: from the file name]")
    ] = None,
    rejects: Annotated[
        Path | None, typer.Option(help="Rejects file [default: FILE.rejects.jsonl]")
    ] = None,
    rings: Annotated[
        bool,
        typer.Option(help="Update the stored rings afterwards (off: run `cluehub analyze` later)"),
    ] = True,
    data_dir: DataDir = None,
) -> None:
    """Import a file of partner records: same validation and idempotency as the push API,
    resumable after interruption, rejects written with their reasons; then the stored
    rings are updated."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    from cluehub.ingest.feeds import KINDS
    from cluehub.ingest.importer import import_file
    from cluehub.ingest.pipeline import default_enrichment

    if kind not in KINDS:
        raise typer.BadParameter(f"kind must be one of {', '.join(KINDS)}", param_hint="--kind")
    if kind == "authentication":
        raise typer.BadParameter(
            "answers to authentication requests come from the rights holder's own key: "
            "POST /intake/v1/authentication (a file would be stored unanswered)",
            param_hint="--kind",
        )
    fmt = fmt or ("csv" if file.suffix.lower() == ".csv" else "jsonl")
    if fmt not in ("jsonl", "csv"):
        raise typer.BadParameter("format must be jsonl or csv", param_hint="--format")
    from cluehub.graph.files import UnsafeFileError

    settings = load(data_dir=data_dir)
    with _store(data_dir) as store:
        progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TextColumn("{task.fields[counts]}"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        with progress:
            task = progress.add_task(f"import {file.name}", total=file.stat().st_size, counts="")

            def report(offset: int, summary) -> None:
                progress.update(
                    task,
                    completed=offset,
                    counts=f"{summary.accepted} accepted {summary.duplicate} duplicate "
                    f"{summary.rejected} rejected",
                )

            try:
                summary = import_file(
                    store,
                    file,
                    kind=kind,
                    partner=partner,
                    fmt=fmt,  # type: ignore[arg-type]
                    state_dir=settings.data_dir / "imports",
                    now_ms=_now_ms,
                    enrichment=default_enrichment(),
                    rejects_path=rejects,
                    on_progress=report,
                )
            except UnsafeFileError as exc:
                console.print(f"[red]{exc}[/]")
                raise typer.Exit(2) from None
        if hasattr(store, "compact") and summary.accepted > 50_000:
            store.compact()  # type: ignore[attr-defined]
        if rings and kind != "takedown" and summary.accepted:
            _rebuild_rings(store)
    console.print(
        f"{summary.lines} records: {summary.accepted} accepted, {summary.duplicate} duplicate, "
        f"{summary.rejected} rejected, {summary.skipped} already imported"
        + (f", {summary.warned} with field warnings" if summary.warned else "")
        + (f"; rejects in {summary.rejects_path}" if summary.rejects_path else "")
    )


@app.command()
def extract(
    file: Annotated[
        Path | None, typer.Argument(help="One document per line [default: standard input]")
    ] = None,
) -> None:
    """Print the entities found in each line of text as one JSON line:
    {"entities": [{"type", "value", "text", "start", "end"}]}."""
    import json
    import sys

    from cluehub.ingest.extract import extract as read
    from cluehub.ingest.extract import extract_lines, to_json

    if file is None and sys.stdin.isatty():  # someone typing: answer each line at once
        for line in sys.stdin:
            print(json.dumps(to_json(read(line.rstrip("\n"))), ensure_ascii=False), flush=True)
        return
    lines = file.open(encoding="utf-8") if file else sys.stdin
    try:
        for line in extract_lines(line.rstrip("\n") for line in lines):
            print(line, flush=file is None)
    finally:
        if file:
            lines.close()


@app.command()
def report(
    quarter: Annotated[str, typer.Option(help="Quarter, e.g. 2026Q3")],
    region: Annotated[str, typer.Option(help="Region code, e.g. 350000 (100000: national)")],
    fmt: Annotated[str, typer.Option("--format", help="xlsx | csv")] = "xlsx",
    out: Annotated[Path, typer.Option(help="File or directory to write")] = Path("."),
    data_dir: DataDir = None,
) -> None:
    """Write the quarterly statistics of a region (and the regions below it)."""
    from cluehub.cases.errors import CasesError
    from cluehub.cases.stats.report import report_command
    from cluehub.graph.files import UnsafeFileError

    with _store(data_dir) as store:
        try:
            path = report_command(store, quarter, region, fmt, out)
        except (CasesError, UnsafeFileError) as exc:
            console.print(f"[red]{exc}[/]")
            raise typer.Exit(2) from None
    console.print(f"wrote {path}")


credit_app = typer.Typer(help="Credit records (信用信息).", no_args_is_help=True)
app.add_typer(credit_app, name="credit")


@credit_app.command("export")
def credit_export(
    quarter: Annotated[str, typer.Option(help="Quarter, e.g. 2026Q3")],
    region: Annotated[str, typer.Option(help="Region code, e.g. 350000 (100000: national)")],
    fmt: Annotated[str, typer.Option("--format", help="csv | xlsx")] = "csv",
    out: Annotated[Path, typer.Option(help="File or directory to write")] = Path("."),
    data_dir: DataDir = None,
) -> None:
    """Write a region's credit entries of a quarter (docs/credit-export.md), as `GET
    /exports/credit` does: refused (exit 2) until a supervisor has reviewed the quarter's
    entries as they are (GraphQL `reviewCreditEntries`). Audited as cli:<unix user> for
    the region's bureau, refusals too."""
    from cluehub.cases import bureaus
    from cluehub.cases.context import Actor
    from cluehub.cases.credit.export import export_command
    from cluehub.cases.errors import CasesError
    from cluehub.graph.files import UnsafeFileError

    with _store(data_dir) as store:
        try:
            actor = Actor(_actor(), bureaus.of_region(region.strip()).id, "coordinator")
            found, path = export_command(
                store,
                quarter=quarter,
                region=region,
                fmt=fmt,
                out_path=out,
                actor=actor,
                now_ms=_now_ms(),
            )
        except (CasesError, UnsafeFileError) as exc:
            console.print(f"[red]{exc}[/]")
            raise typer.Exit(2) from None
    review = found.review
    console.print(f"wrote {path} ({len(found.rows)} entries, reviewed by {review.approved_by})")


jobs_app = typer.Typer(help="Scheduled coordination jobs.", no_args_is_help=True)
app.add_typer(jobs_app, name="jobs")


@jobs_app.command("run")
def jobs_run(data_dir: DataDir = None) -> None:
    """Escalate overdue notifications, mark overdue tasks, raise repeat alerts and put
    their infringers on the cases' credit records, pending review (idempotent; `cluehub
    serve` also runs this every few minutes)."""
    from cluehub.cases.jobs import run_due_jobs

    with _store(data_dir) as store:
        run = run_due_jobs(store, now_ms=_now_ms())
    console.print(
        f"{len(run.escalations)} escalations, {len(run.overdue_tasks)} overdue tasks, "
        f"{len(run.repeat_alerts)} repeat alerts, {len(run.credit_entries)} credit entries"
    )


@app.command()
def demo(
    size: Annotated[str, typer.Option(help="small | medium | large (≥ 1M nodes)")] = "small",
    seed: Annotated[int, typer.Option(help="Random seed (the same seed, the same world)")] = 7,
    out: Annotated[
        Path | None, typer.Option(help="Where records and truth.json go [DATA_DIR/demo-SIZE-SEED]")
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Generate a synthetic counterfeiting world and load it through the real intake path;
    its ground truth is written beside the records."""
    from cluehub.demo import SIZES

    if size not in SIZES:
        raise typer.BadParameter(f"size must be one of {', '.join(SIZES)}", param_hint="--size")
    settings = load(data_dir=data_dir)
    with _store(data_dir) as store:
        _load_demo(store, size, seed, out or settings.data_dir / f"demo-{size}-{seed}")


def _rebuild_rings(store: GraphStore) -> None:
    """Recompute the stored rings (``ring_docs``) with a spinner; rings the import changed
    are what bureaus read next."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from cluehub.analysis import ring_docs

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        progress.add_task("updating rings (团伙)…", total=None)
        rings = ring_docs.rebuild(store, now_ms=_now_ms())
    console.print(f"{len(rings)} rings stored")


def _load_demo(store: GraphStore, size: str, seed: int, out: Path) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from cluehub.demo import plan_world
    from cluehub.demo.run import build_demo

    total = sum(plan_world(size, seed).counts().values())
    with Progress(
        TextColumn("[bold]demo {task.fields[kind]}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
    ) as progress:
        task = progress.add_task("demo", total=total, kind="")
        summary, truth, truth_path = build_demo(
            store,
            out,
            size=size,
            seed=seed,
            on_progress=lambda kind, n: progress.update(task, advance=n, kind=kind),
        )
    console.print(
        f"loaded {summary.total('accepted')} records "
        f"({summary.total('duplicate')} already there, {summary.total('rejected')} rejected); "
        f"{len(truth.rings)} planted rings; ground truth in {truth_path}"
    )
    for reason in summary.reasons:
        console.print(f"[yellow]rejected: {reason}[/]")
    _rebuild_rings(store)
    if truth.complaints:
        console.print(f"try: cluehub trace {truth.complaints[0].complaint}")


@app.command()
def trace(
    key: Annotated[str, typer.Argument(help="Node key: complaint:…, shop:…, tel:…, waybill:…")],
    top: Annotated[int, typer.Option(help="How many candidates to show")] = 5,
    paths: Annotated[int, typer.Option(help="Evidence paths shown per candidate")] = 2,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole trace as JSON")] = False,
    data_dir: DataDir = None,
) -> None:
    """Rank the production sources upstream of a clue, shop, phone or waybill, each with
    its evidence paths (the records behind every hop). Runs with national scope: this is
    the operator's console; people use GraphQL, where region visibility applies."""
    import json

    from cluehub.analysis import AnalysisError, trace_sources

    with _store(data_dir) as store:
        try:
            found = trace_sources(store, key)
        except AnalysisError as exc:
            console.print(f"[red]{exc}[/]")
            raise typer.Exit(2) from None
    if as_json:
        print(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
        return
    print(f"sources upstream of {key} ({found.waybills_read} waybills read)")
    for rank, candidate in enumerate(found.candidates[:top], start=1):
        where = ", ".join(_place(r) for r in candidate.regions[:2]) or "region unknown"
        print(f"{rank}. {candidate.key}  {candidate.role}  score {candidate.score:.3f}  {where}")
        print(
            f"   {candidate.facts.waybills} waybills into the chain, "
            f"{candidate.facts.shops_reached} shops reached"
        )
        for path in candidate.paths[:paths]:
            steps = [path.nodes[0]]
            for hop, node in zip(path.hops, path.nodes[1:], strict=True):
                record = f" ({hop.sources[0]})" if hop.sources else ""
                arrow = f"-[{hop.rel}]->" if hop.direction == "out" else f"<-[{hop.rel}]-"
                steps.append(f"{arrow}{record} {node}")
            print("   evidence: " + "\n             ".join(steps))
    for hub in found.hubs[:3]:
        print(f"hub skipped: {hub.key} ({hub.reason})")


@app.command()
def analyze(
    top: Annotated[int, typer.Option(help="How many rings to list")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print rings and cases as JSON")] = False,
    data_dir: DataDir = None,
) -> None:
    """Recompute the rings of the whole graph (batch job) and list the cross-region ones
    as proposed joint cases with the regions that must act."""
    import json

    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from cluehub.analysis import propose_joint_case, ring_docs

    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    with _store(data_dir) as store, progress:
        progress.add_task("finding rings (components, then communities)…", total=None)
        rings = ring_docs.rebuild(store, now_ms=int(time.time() * 1000))
    proposals = [(ring, propose_joint_case(ring)) for ring in rings]
    if as_json:
        print(
            json.dumps(
                [
                    {"ring": r.to_dict(), "proposed_case": p.to_dict() if p else None}
                    for r, p in proposals
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    cross = [(r, p) for r, p in proposals if p is not None]
    print(f"{len(rings)} rings, {len(cross)} cross-region")
    for ring, case in cross[:top]:
        provinces = ", ".join(_place(c) for c, _ in ring.regions.provinces)
        print(f"ring {ring.id}: {ring.size} members, {len(ring.shops)} shops, {provinces}")
        decided = case.jurisdiction
        print(
            f"   joint case: {decided.level} level{', major' if decided.major else ''}, "
            f"coordinated by {', '.join(_place(c) for c in decided.coordinators)}; "
            f"lead {_place(decided.lead)}"
        )
        if decided.notify:
            print(f"   notify: {', '.join(_place(c) for c in decided.notify)}")
        for participant in case.participants:
            print(f"   {_place(participant.region)}: {', '.join(participant.roles)}")


partner_app = typer.Typer(help="Manage feed partners and their API keys.", no_args_is_help=True)
app.add_typer(partner_app, name="partner")


@partner_app.command("add")
def partner_add(
    partner_id: Annotated[str, typer.Argument(help="Short id, e.g. sf-express")],
    kinds: Annotated[
        str,
        typer.Option(help="Comma-separated partner kinds: listing, takedown, waybill, complaint"),
    ],
    name: Annotated[str | None, typer.Option(help="Display name")] = None,
    rate: Annotated[str, typer.Option(help="Rate limit, e.g. 600/minute")] = "600/minute",
    data_dir: DataDir = None,
) -> None:
    """Register a partner and print its API key (shown once)."""
    from cluehub.ingest.partners import PartnerError, add_partner

    with _store(data_dir) as store:
        try:
            key = add_partner(
                store,
                partner_id,
                name or partner_id,
                [k.strip() for k in kinds.split(",")],
                now_ms=_now_ms(),
                actor=_actor(),
                rate_limit=rate,
            )
        except PartnerError as exc:
            console.print(f"[red]{exc}[/]")
            raise typer.Exit(2) from None
    print(key)


@partner_app.command("rotate")
def partner_rotate(
    partner_id: str,
    grace: Annotated[int, typer.Option(help="Minutes the old key stays valid")] = 60,
    data_dir: DataDir = None,
) -> None:
    """Issue a new API key; the old one keeps working for --grace minutes."""
    from cluehub.ingest.partners import PartnerError, rotate_key

    with _store(data_dir) as store:
        try:
            key = rotate_key(
                store, partner_id, now_ms=_now_ms(), actor=_actor(), grace_ms=grace * 60_000
            )
        except PartnerError as exc:
            console.print(f"[red]{exc}[/]")
            raise typer.Exit(2) from None
    print(key)


@partner_app.command("revoke")
def partner_revoke(
    partner_id: str,
    reason: Annotated[str, typer.Option(help="Why (kept in the audit log)")],
    data_dir: DataDir = None,
) -> None:
    """End every API key of a partner at once."""
    from cluehub.ingest.partners import PartnerError, revoke

    with _store(data_dir) as store:
        try:
            revoke(store, partner_id, now_ms=_now_ms(), actor=_actor(), reason=reason)
        except PartnerError as exc:
            console.print(f"[red]{exc}[/]")
            raise typer.Exit(2) from None
    print(f"revoked {partner_id}")


@partner_app.command("list")
def partner_list(data_dir: DataDir = None) -> None:
    """List partners, their kinds and whether they are revoked."""
    from cluehub.ingest.partners import list_partners

    with _store(data_dir) as store:
        for partner in list_partners(store):
            state = "revoked" if partner.revoked else "active"
            print(f"{partner.partner_id}\t{','.join(partner.kinds)}\t{partner.rate_limit}\t{state}")


@store_app.command("status")
def store_status(data_dir: DataDir = None) -> None:
    """Say whether the embedded server for the data directory is running (or still
    replaying its AOF), and warn about anything in the data directory others can read."""
    import redis

    from cluehub.graph.embedded import EmbeddedServer, EmbeddedServerError
    from cluehub.graph.files import privacy_problems

    settings = load(data_dir=data_dir)
    try:
        server = EmbeddedServer(settings.data_dir.resolve(), settings.fsync)
        state = "running" if server.is_alive() else "stopped"
        if state == "running":
            try:
                loading = server.loading()
                if loading is not None:
                    state = f"loading ({loading.line()})"
            except redis.exceptions.TimeoutError:
                state = "busy (replaying the append-only file; not answering)"
            except redis.exceptions.RedisError:
                pass
        print(
            f"{state}  data_dir={server.data_dir}  socket={server.socket_path}  pid={server.pid()}"
        )
    except EmbeddedServerError as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None
    problems = privacy_problems(server.data_dir)
    for problem in problems[:20]:
        console.print(f"[yellow]warning: {problem}[/]")
    if problems:
        console.print(
            f"[yellow]{len(problems)} paths in the data directory are not private to this "
            "user; opening the store repairs the modes (or run `chmod -R go-rwx "
            f"{server.data_dir}`)[/]"
        )


@store_app.command("stop")
def store_stop(data_dir: DataDir = None) -> None:
    """Stop the embedded server cleanly."""
    from cluehub.graph.embedded import EmbeddedServer

    settings = load(data_dir=data_dir)
    EmbeddedServer(settings.data_dir.resolve(), settings.fsync).shutdown()
    print("stopped")


@store_app.command("compact")
def store_compact(data_dir: DataDir = None) -> None:
    """Rewrite the append-only file so the next start replays less."""
    from cluehub.graph.falkordb_store import FalkorDBStore

    settings = load(data_dir=data_dir)
    store = FalkorDBStore(settings.data_dir)
    store.compact()
    print("AOF rewrite started")


@app.command()
def token(
    user: Annotated[str, typer.Option("--user", help="Token subject (the person's user id)")],
    bureau: Annotated[
        str, typer.Option("--bureau", help="Region code of the user's bureau (100000: SAMR)")
    ],
    role: Annotated[
        str, typer.Option("--role", help="investigator, coordinator, supervisor or admin")
    ],
    ttl: Annotated[str, typer.Option("--ttl", help="Lifetime, e.g. 30m, 8h, 1d")] = "8h",
    name: Annotated[str | None, typer.Option("--name", help="Display name [the user]")] = None,
    data_dir: DataDir = None,
) -> None:
    """Print a locally signed bearer token (development, demo, sites without OIDC)."""
    from cluehub.api.identity import issue_token, parse_ttl

    settings = load(data_dir=data_dir)
    try:
        print(
            issue_token(
                settings, sub=user, bureau=bureau, role=role, name=name, ttl_s=parse_ttl(ttl)
            )
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.command()
def schema(
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the SDL")] = Path(
        "schema.graphql"
    ),
) -> None:
    """Write the GraphQL schema (SDL) exported from the code; CI checks it is current."""
    from cluehub.api.gql.schema import export_sdl

    output.write_text(export_sdl(), encoding="utf-8")
    console.print(f"wrote {output}")


# --- moving a hub: migrate between stores, export to files ------------------------------


def _register_all_documents() -> None:
    """Import the rooms whose document kinds a whole-hub copy or export must know."""
    import cluehub.api.app  # (registers users, bureaus, cases, intake…)
    import cluehub.cases.jobs  # noqa: F401  (job runs)


def _target_store(to: str, database: str | None) -> GraphStore:
    """``neo4j://HOST[:PORT]`` (any Neo4j driver scheme) or ``embedded:DIR``."""
    settings = load()
    if to.startswith("embedded:"):
        from cluehub.graph.falkordb_store import FalkorDBStore

        return FalkorDBStore(Path(to.removeprefix("embedded:")), fsync=settings.fsync)
    if to.split("://", 1)[0] in ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc"):
        from cluehub.graph.neo4j_store import Neo4jStore

        return Neo4jStore(
            to, settings.neo4j_user, settings.neo4j_password, database or settings.neo4j_database
        )
    raise typer.BadParameter(
        f"'{to}' is neither neo4j://HOST[:PORT] (or bolt://, neo4j+s://) nor embedded:DIR",
        param_hint="--to",
    )


def _close(store: GraphStore) -> None:
    if getattr(store, "started_server", False):
        store.shutdown_server()  # type: ignore[attr-defined]
    else:
        store.close()


@app.command()
def migrate(
    to: Annotated[
        str,
        typer.Option(
            "--to",
            help="neo4j://HOST[:PORT] (user/password: NEO4J_USER, NEO4J_PASSWORD) or embedded:DIR",
        ),
    ],
    database: Annotated[
        str | None, typer.Option(help="Neo4j database of the target [env NEO4J_DATABASE]")
    ] = None,
    batch: Annotated[int, typer.Option(min=1, help="Elements per transaction")] = 2_000,
    sample: Annotated[int, typer.Option(min=1, help="Elements compared at the end")] = 200,
    data_dir: DataDir = None,
) -> None:
    """Copy the whole hub (nodes, relationships, ledger, receipts, audit, cases…) from the
    configured store to another one, resumable after interruption, verified at the end.
    Stop the hub first; a re-run copies what came in since."""
    from datetime import UTC, datetime

    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from cluehub.graph import transfer
    from cluehub.graph.open import mark_migrated, open_store

    _register_all_documents()
    settings = load(data_dir=data_dir)
    source = open_store(settings.store_config(), check=False)
    try:
        target = _target_store(to, database)
    except transfer.StoreError as exc:
        _close(source)
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None
    try:
        totals = transfer.counts(source).totals()
        progress = Progress(
            TextColumn("[bold]{task.description:<13}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
        )
        with progress:
            tasks = {
                phase: progress.add_task(phase, total=totals[phase]) for phase in transfer.PHASES
            }
            report = transfer.migrate(
                source,
                target,
                state_dir=settings.data_dir / "migrations",
                batch_size=batch,
                sample=sample,
                on_progress=lambda phase, n: progress.advance(tasks[phase], n),
            )
    except transfer.StoreError as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None
    finally:
        _close(source)
        _close(target)
    check = report.verification
    copied = ", ".join(f"{n} {phase}" for phase, n in report.copied.items())
    print(("resumed; " if report.resumed else "") + f"copied {copied}")
    for name, n in check.target.totals().items():
        print(f"target holds {n} {name} (source {check.source.totals()[name]})")
    if not check.ok:
        for problem in check.mismatches[:50]:
            console.print(f"[red]mismatch: {problem}[/]")
        console.print(f"[red]verification failed: {len(check.mismatches)} mismatches[/]")
        raise typer.Exit(1)
    print(f"verified: counts per kind and type equal, {check.sampled} sampled elements equal")
    if not settings.neo4j_uri:
        at = datetime.now(UTC).isoformat(timespec="seconds")
        marker = mark_migrated(settings.data_dir.resolve(), to, at)
        print(f"this data directory now refuses to serve (remove {marker} to undo)")


@app.command("export")
def export_(
    out: Annotated[Path, typer.Argument(help="Directory (neo4j-csv) or file to write")],
    fmt: Annotated[str, typer.Option("--format", help="neo4j-csv | graphml | jsonl")] = "jsonl",
    case: Annotated[
        str | None, typer.Option("--case", help="Only this joint case's members (its id)")
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Write the graph (or one joint case's subgraph) as neo4j-admin import CSV files,
    GraphML (Gephi, yEd) or JSON lines, streamed page by page. Personal data is exported
    in clear: the export is audited."""
    from rich.progress import Progress, SpinnerColumn, TextColumn

    from cluehub.cases import audit
    from cluehub.cases.context import RANDOM_IDS
    from cluehub.cases.errors import CasesError
    from cluehub.cases.jointcase import service as cases
    from cluehub.graph.export import FORMATS, ExportError, export
    from cluehub.graph.records import Batch
    from cluehub.graph.regions import NATIONAL

    if fmt not in FORMATS:
        raise typer.BadParameter(
            f"format must be one of {', '.join(FORMATS)}", param_hint="--format"
        )
    _register_all_documents()
    with _store(data_dir) as store:
        keys = None
        if case:
            try:
                keys = list(cases.get(store, case).member_keys)
            except CasesError as exc:
                console.print(f"[red]{exc}[/]")
                raise typer.Exit(2) from None
        counts: dict[str, int] = {}
        progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), console=console)
        with progress:
            task = progress.add_task(f"export {fmt}", total=None)

            def report(element: str, n: int) -> None:
                counts[element] = counts.get(element, 0) + n
                shown = ", ".join(f"{v} {k}" for k, v in counts.items())
                progress.update(task, description=f"export {fmt}: {shown}")

            try:
                files = export(store, fmt, out, keys=keys, on_progress=report)  # type: ignore[arg-type]
            except ExportError as exc:
                console.print(f"[red]{exc}[/]")
                raise typer.Exit(2) from None
        batch = Batch()
        audit.record(
            batch, RANDOM_IDS, at=_now_ms(), actor=_actor(), bureau=NATIONAL, operation="export",
            object_keys=[case] if case else [], reason=f"cluehub export --format {fmt} {out}",
        )  # fmt: skip
        store.write(batch)
    print(", ".join(f"{v} {k}" for k, v in counts.items()) + f" written to {len(files)} file(s)")
    for path in files:
        print(path)

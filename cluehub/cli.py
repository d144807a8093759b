"""The ``cluehub`` command line: serve the hub and manage its embedded store."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cluehub import __version__
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

    from cluehub.graph.open import open_store

    settings = load(host=host, port=port, data_dir=data_dir)
    _export(settings)
    store = open_store(settings.store_config())  # starts the embedded server if needed
    started = getattr(store, "started_server", False)
    console.print(f"[bold]cluehub {__version__}[/] store: {store.describe()}")
    if demo:
        console.print("[yellow]The demo world is not built yet; serving the store as it is.[/]")
    try:
        uvicorn.run(
            "cluehub.api.app:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=workers,
            log_level=settings.log_level,
        )
    finally:
        if started:
            console.print("stopping the embedded store")
            store.shutdown_server()  # type: ignore[attr-defined]
        else:
            store.close()


@store_app.command("status")
def store_status(data_dir: DataDir = None) -> None:
    """Say whether the embedded server for the data directory is running."""
    from cluehub.graph.embedded import EmbeddedServer

    settings = load(data_dir=data_dir)
    server = EmbeddedServer(settings.data_dir.resolve(), settings.fsync)
    state = "running" if server.is_alive() else "stopped"
    print(f"{state}  data_dir={server.data_dir}  socket={server.socket_path}  pid={server.pid()}")


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

"""A progress bar on the terminal for the command's long operations.

Shown on standard error, only when it is a terminal a person is watching: never in a
pipe, a file or a log, and never when the command writes JSON for a program (the
caller says so with ``wanted``). The bar moves by steps the command names
(reading, checking, writing…, or one analysis after another), with the time spent.

    with steps(4, "Import", wanted=True) as step:
        step("lecture des fichiers")
        ...
        step("écriture")
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

__all__ = ["on_terminal", "steps"]


def on_terminal(stream: TextIO | None = None) -> bool:
    """Whether ``stream`` (standard error by default) is a terminal."""
    stream = sys.stderr if stream is None else stream
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or not a real stream
        return False


@contextmanager
def steps(total: int, title: str, *, wanted: bool = True,
          stream: TextIO | None = None) -> Iterator[Callable[[str], None]]:  # fmt: skip
    """A bar of ``total`` steps titled ``title``; yields ``step(label)``, called as each
    step starts (the step before it is then done). Nothing is shown unless ``wanted``
    and ``stream`` (standard error by default) is a terminal: ``step`` still works,
    and does nothing. The bar is removed when the work ends."""
    stream = sys.stderr if stream is None else stream
    if not (wanted and on_terminal(stream)):
        yield lambda label: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=stream, highlight=False, force_terminal=True)
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[step]}"),
        console=console,
        transient=True,
    )
    with bar:
        task = bar.add_task(title, total=total, step="")
        started = [False]

        def step(label: str) -> None:
            if started[0]:
                bar.advance(task)
            started[0] = True
            bar.update(task, step=label)
            bar.refresh()  # each step drawn as it starts, however short (few steps)

        yield step
        bar.update(task, completed=total)

"""What the benchmark scripts share: a median of timed runs, and a scratch data folder."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


def median_s(action: Callable[[], object], runs: int, before: Callable[[], object] = lambda: None) -> float:
    """Median seconds of `action` over `runs` runs; `before` runs untimed ahead of each."""
    samples = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def medians_alternated(actions: list[Callable[[], object]], runs: int,
                       before: Callable[[], object] = lambda: None) -> list[float]:
    """Median seconds of each action, the actions taking turns within each run (A B A B …), so that a
    change of load on the machine falls on all of them alike; `before` runs untimed ahead of each."""
    samples: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for action, timings in zip(actions, samples, strict=True):
            before()
            start = time.perf_counter()
            action()
            timings.append(time.perf_counter() - start)
    return [statistics.median(timings) for timings in samples]


@contextmanager
def scratch_folder() -> Iterator[Path]:
    """A temporary folder that is also the app's data folder, so no benchmark touches the real one."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        os.environ["LIUZHOU_GUI_DATA_DIR"] = str(folder / "data")
        yield folder

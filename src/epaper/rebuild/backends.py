"""Where issue builds run: in this process, in a pool of local processes, or on a
Dask distributed cluster. Every backend keeps at most ``slots`` builds in flight (so
the progress display knows which issues are current), calls ``started`` and
``finished`` in the calling thread, and on Ctrl-C stops its workers before the
KeyboardInterrupt goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Protocol

from .task import FAILED, Outcome, Task, build_task

Started = Callable[[Task], None]
Finished = Callable[[Task, Outcome], None]
# How long to try reaching a scheduler: a cluster starting up may take a while.
CONNECT_TIMEOUT = "20s"
POLL_SECONDS = 0.2  # how often the loop wakes to let Ctrl-C and the display through

INSTALL_HINT = ("--scheduler needs Dask distributed, which is not installed: "
                "pip install 'epaper[cluster]' (on this machine and on every worker)")


class Backend(Protocol):
    """Runs tasks; see the module docstring."""

    slots: int
    name: str

    def run(self, tasks: Sequence[Task], started: Started, finished: Finished) -> None:
        """Run every task; call ``started``/``finished`` for each."""


def usable_cores() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


class InProcess:
    """One build after another in this process (``-j 1``)."""

    slots = 1
    name = "1 process"

    def run(self, tasks: Sequence[Task], started: Started, finished: Finished) -> None:
        """Build each task in turn, here."""
        for task in tasks:
            started(task)
            finished(task, build_task(task))


def _ignore_sigint() -> None:
    # Ctrl-C reaches the whole process group; the coordinator alone decides what
    # stops, and terminates the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _DaemonProcess(multiprocessing.get_context("spawn").Process):  # type: ignore[misc]
    """A spawned worker marked daemonic: it dies with the coordinator, and the page
    rasteriser then runs in the worker itself instead of forking its own pool (the
    issues already keep every core busy, and a terminated worker would orphan that
    pool's processes)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.daemon = True


class _DaemonSpawnContext(type(multiprocessing.get_context("spawn"))):  # type: ignore[misc]
    Process = _DaemonProcess


class LocalPool:
    """``jobs`` worker processes on this machine."""

    def __init__(self, jobs: int):
        self.slots = jobs
        self.name = f"{jobs} processes"

    def run(self, tasks: Sequence[Task], started: Started, finished: Finished) -> None:
        """Keep ``slots`` tasks in the pool; report each as it finishes."""
        # spawn, not fork: the coordinator has threads (the progress display), and a
        # forked child could inherit a lock one of them holds.
        pool = ProcessPoolExecutor(self.slots, mp_context=_DaemonSpawnContext(),
                                   initializer=_ignore_sigint)
        pending = list(reversed(tasks))
        running: dict[Future[Outcome], Task] = {}
        try:
            while pending or running:
                while pending and len(running) < self.slots:
                    task = pending.pop()
                    running[pool.submit(build_task, task)] = task
                    started(task)
                done, _ = wait(running, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                for future in sorted(done, key=lambda f: running[f].date):
                    task = running.pop(future)
                    finished(task, _result(task, future))
        except BaseException:
            _stop(pool)
            raise
        pool.shutdown(wait=True)


def _result(task: Task, future: Future[Outcome]) -> Outcome:
    """The future's outcome; a worker that died (killed, out of memory) fails its issue."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - BrokenProcessPool and the like
        return Outcome(task.date, FAILED, error=f"worker failed: {type(exc).__name__}: {exc}",
                       crash=True)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers now (their staging folders are
    removed by the coordinator)."""
    processes = list(getattr(pool, "_processes", {}).values())  # no public way to kill
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


class DaskCluster:
    """Builds as tasks of a Dask distributed cluster at ``address``."""

    def __init__(self, address: str):
        try:
            from distributed import Client
        except ImportError:
            raise RuntimeError(INSTALL_HINT) from None
        self.client = Client(address, timeout=CONNECT_TIMEOUT)
        threads = sum(self.client.nthreads().values())
        self.slots = max(1, threads)
        self.name = f"Dask at {address}, {threads} threads"

    def run(self, tasks: Sequence[Task], started: Started, finished: Finished) -> None:
        """Keep ``slots`` tasks on the cluster; report each as it finishes."""
        from distributed import as_completed

        pending = list(reversed(tasks))
        live: dict[str, tuple[object, Task]] = {}
        queue = as_completed()

        def submit() -> None:
            task = pending.pop()
            # The key names the build in the Dask dashboard; the staging folder's
            # token keeps two rebuilds of one date apart.
            key = f"epaper-build-{Path(task.staging_root).name}"
            future = self.client.submit(build_task, task, pure=False, key=key)
            live[future.key] = (future, task)
            queue.add(future)
            started(task)

        try:
            while pending and len(live) < self.slots:
                submit()
            for future in queue:
                _, task = live.pop(future.key)
                try:
                    outcome = future.result()
                except Exception as exc:  # noqa: BLE001 - a worker lost, a pickling error
                    outcome = Outcome(task.date, FAILED, crash=True,
                                      error=f"task failed: {type(exc).__name__}: {exc}")
                finished(task, outcome)
                if pending:
                    submit()
        except BaseException:
            self.client.cancel([future for future, _ in live.values()], force=True)
            raise
        finally:
            self.client.close()


def make_backend(jobs: int, scheduler: str | None) -> Backend:
    """The backend for ``-j`` and ``--scheduler``. RuntimeError with an install hint
    when a scheduler is given but Dask is missing."""
    if scheduler:
        return DaskCluster(scheduler)
    return InProcess() if jobs <= 1 else LocalPool(jobs)

"""``epaper serve``: a live preview of one issue for the desk.

Builds the issue into an output folder, serves that folder on 127.0.0.1 and
watches the issue folder and the reader's templates. Any change (an article saved,
a photo replaced, issue.yaml edited, a template or reader.css touched) rebuilds
the issue, and every open page reloads itself: each HTML page served gets a small
script that asks ``/__epaper/version`` twice a second. When a build fails, every
page shows the errors instead, each with its ``path:line``, until a build works.

The watcher polls modification times (no platform file-event API, nothing to
install); a save is picked up within ``POLL`` seconds.
"""

from __future__ import annotations

import html
import http.server
import io
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote, urlsplit

from .build import BuildOptions, run_build

POLL = 0.4  # s between scans of the watched folders: quick enough to feel live
VERSION_PATH = "/__epaper/version"
RELOAD_SCRIPT = """<script>/* epaper serve: reload when the issue is rebuilt */
(function () {
  var seen = %d;
  function poll() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.json(); })
      .then(function (v) {
        if (v.version !== seen) { location.reload(); } else { setTimeout(poll, 500); }
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 500);
}());
</script>"""


def templates_dir() -> Path:
    """The reader's templates and assets (watched: editing them rebuilds)."""
    return Path(str(resources.files("epaper").joinpath("templates")))


def snapshot(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """Path → (mtime in ns, size) of every file under ``folders``."""
    found: dict[str, tuple[int, int]] = {}
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
            for name in files:
                if name.startswith(".") or name.endswith("~"):
                    continue  # editors' swap and backup files
                path = os.path.join(root, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue  # removed between listing and stat: the next scan sees it
                found[path] = (st.st_mtime_ns, st.st_size)
    return found


@dataclass
class BuildState:
    """The latest build: its number (bumped on every build), its errors, its issue."""

    version: int = 0
    errors: str = ""  # what the build printed to stderr when it failed; "" when it worked
    issue: str | None = None  # the issue folder under the output root
    lock: threading.Lock = field(default_factory=threading.Lock)


class Preview:
    """One issue folder built into ``out_root`` and kept current."""

    def __init__(self, issue_dir: Path, out_root: Path,
                 options: BuildOptions | None = None,
                 log: TextIO | None = None) -> None:
        self.issue_dir = Path(issue_dir)
        self.out_root = Path(out_root)
        self.options = options or BuildOptions()
        self.log = log
        self.state = BuildState()
        self.watched = [self.issue_dir, templates_dir()]
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _say(self, text: str) -> None:
        if self.log is not None:
            print(text, file=self.log, flush=True)

    def build(self) -> bool:
        """Build the issue now; True when it worked. The errors of a failed build are
        kept for the pages to show."""
        out, err = io.StringIO(), io.StringIO()
        try:
            code = run_build(self.issue_dir, self.out_root, self.options, stream=out,
                             errors=err)
        except Exception:  # noqa: BLE001 - any failure must reach the page, not kill serve
            code = 1
            err.write(f"epaper: {self.issue_dir}: the build failed unexpectedly\n"
                      + traceback.format_exc())
        issue = self._newest_issue()
        with self.state.lock:
            self.state.version += 1
            self.state.errors = "" if code == 0 else (err.getvalue() or "build failed\n")
            if issue is not None:
                self.state.issue = issue
        lines = (out.getvalue() if code == 0 else err.getvalue()).rstrip().splitlines()
        self._say(f"epaper serve: build {self.state.version}: "
                  + ("ok" if code == 0 else "FAILED") + ("\n  " + "\n  ".join(lines[-3:])
                                                         if lines else ""))
        return code == 0

    def _newest_issue(self) -> str | None:
        found = sorted(self.out_root.glob("*/issue.json"), key=lambda p: p.stat().st_mtime_ns)
        return found[-1].parent.name if found else None

    def watch(self) -> None:
        """Rebuild whenever a watched file changes, until :meth:`stop`."""
        before = snapshot(self.watched)
        while not self._stop.wait(POLL):
            now = snapshot(self.watched)
            if now != before:
                # Let a burst of saves (an editor writing a file, then its backup) settle.
                self._stop.wait(POLL)
                before = snapshot(self.watched)
                self.build()

    def start_watching(self) -> None:
        """Watch in a background thread."""
        self._thread = threading.Thread(target=self.watch, name="epaper-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop watching."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)


def error_page(errors: str, version: int) -> bytes:
    """The page shown instead of the reader while the latest build has failed."""
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>"
                      for line in errors.rstrip().splitlines())
    return ("<!DOCTYPE html>\n<html lang=\"zh\">\n<head><meta charset=\"utf-8\">"
            "<title>epaper: build failed</title>\n<style>body{font:15px/1.5 sans-serif;"
            "margin:2em;color:#1b1b1b}h1{color:#a4161a}li{margin:.3em 0}code{white-space:"
            "pre-wrap}</style></head>\n<body class=\"build-error\">\n"
            "<h1>構建失敗 / build failed</h1>\n<p>The issue did not build; fix the "
            "file named below and save it: this page reloads by itself.</p>\n"
            f"<ol class=\"errors\">\n{items}\n</ol>\n{RELOAD_SCRIPT % (version, VERSION_PATH)}"
            "\n</body>\n</html>\n").encode()


def make_handler(preview: Preview) -> Callable[..., http.server.BaseHTTPRequestHandler]:
    """A request handler serving ``preview.out_root`` with live reload."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, directory=str(preview.out_root), **kwargs)

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base's name
            pass  # one line per request would drown the build messages

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
            self.do_GET()

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            path = unquote(urlsplit(self.path).path)
            with preview.state.lock:
                version, errors, issue = (preview.state.version, preview.state.errors,
                                          preview.state.issue)
            if path == VERSION_PATH:
                body = json.dumps({"version": version, "ok": not errors}).encode()
                self._send(200, body, "application/json")
                return
            if path == "/" and issue and not errors:
                self.send_response(302)
                self.send_header("Location", f"/{issue}/index.html")
                self.end_headers()
                return
            if errors and (path == "/" or path.endswith(".html")):
                self._send(500, error_page(errors, version), "text/html; charset=utf-8")
                return
            if path.endswith(".html"):
                file = Path(self.translate_path(path))
                if file.is_file():
                    text = file.read_text("utf-8")
                    script = RELOAD_SCRIPT % (version, VERSION_PATH)
                    at = text.rfind("</body>")
                    text = text[:at] + script + "\n" + text[at:] if at >= 0 else text + script
                    self._send(200, text.encode("utf-8"), "text/html; charset=utf-8")
                    return
            super().do_GET()

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")  # always the latest build
            super().end_headers()

    return Handler


class Server:
    """A running preview: HTTP server and watcher. Use :meth:`close` to stop both."""

    def __init__(self, issue_dir: Path, out_root: Path | None = None, port: int = 8000,
                 options: BuildOptions | None = None, log: TextIO | None = None) -> None:
        self._tmp = None if out_root else tempfile.mkdtemp(prefix="epaper-serve-")
        self.preview = Preview(issue_dir, Path(out_root or self._tmp), options, log)
        self.preview.out_root.mkdir(parents=True, exist_ok=True)
        # Bind first: a port in use fails at once, before a build that takes seconds.
        try:
            self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                                         make_handler(self.preview))
        except OSError:
            if self._tmp:
                shutil.rmtree(self._tmp, ignore_errors=True)
            raise
        self.httpd.daemon_threads = True
        self.preview.build()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.preview.start_watching()
        self._thread: threading.Thread | None = None

    def serve_in_background(self) -> None:
        """Serve requests in a background thread (tests, embedding)."""
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="epaper-http",
                                        daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Stop serving and watching; remove the temporary output folder if ours."""
        self.preview.stop()
        if self._thread is not None:
            self.httpd.shutdown()
        self.httpd.server_close()
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_serve(issue_dir: Path, port: int, out_root: Path | None,
              options: BuildOptions | None = None, stream: TextIO | None = None) -> int:
    """``epaper serve``: build, serve and rebuild until interrupted (Ctrl-C)."""
    stream = stream or sys.stdout
    if not Path(issue_dir).is_dir():
        print(f"epaper: {issue_dir}: no such issue folder", file=sys.stderr)
        return 2
    try:
        server = Server(issue_dir, out_root, port, options, log=stream)
    except OSError as err:
        print(f"epaper: cannot serve on 127.0.0.1:{port}: {err.strerror or err}",
              file=sys.stderr)
        return 2
    print(f"epaper serve: {server.url} (watching {issue_dir} and the templates; "
          "Ctrl-C stops)", file=stream, flush=True)
    if threading.current_thread() is threading.main_thread():
        # `kill` stops the preview as Ctrl-C does: the temporary output folder goes too.
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        print("epaper serve: stopped", file=stream)
    finally:
        server.close()
    return 0

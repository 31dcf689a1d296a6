"""PDF from a report's HTML: headless Chromium (the default) or WeasyPrint.

Both print the same HTML, the one a browser shows: the charts' Arabic labels are real text in
logical order, for the engine to shape and order. Chromium was chosen by measurement
(CHANGELOG 2026-12-01): `pam report all --format pdf` on the example workspace (46 PDFs)
takes 6.9 s with one Chromium kept open for every file, where WeasyPrint 70 takes 24.6 s;
and WeasyPrint draws SVG text without Arabic shaping or reordering, so its charts' Arabic
labels come out unjoined and reversed (the HTML no longer pre-reverses them for it).

Chromium is driven through the DevTools protocol over a pipe (`--remote-debugging-pipe`:
JSON messages separated by NUL bytes on file descriptors 3 and 4), so no port is opened and
no package beyond the standard library is needed. One browser prints every file of a run,
a few pages at a time. The PDF's dates and id are fixed, so the same HTML gives the same
bytes.

PAM_PDF_ENGINE=weasyprint chooses WeasyPrint (pip install 'pam-pac[pdf]'); PAM_CHROMIUM names
the browser when it is not `chromium` on PATH.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable

from pam.errors import Unavailable

ENGINES = ("chromium", "weasyprint")
INSTALL_CHROMIUM = (
    "PDF needs headless Chromium: on Debian or Ubuntu, apt-get install chromium "
    "fonts-noto-core (tests/setup_browser.sh does it); or set PAM_CHROMIUM to the browser's "
    "path, or PAM_PDF_ENGINE=weasyprint with pip install 'pam-pac[pdf]'")
INSTALL_WEASYPRINT = "PDF needs WeasyPrint: pip install 'pam-pac[pdf]'"
IN_FLIGHT = 2  # tabs printing at once: each loads its next page while another prints (2 cores)
TIMEOUT = 120.0


def engine_name() -> str:
    """The engine PAM_PDF_ENGINE names (chromium by default)."""
    name = os.environ.get("PAM_PDF_ENGINE", "chromium").strip().lower() or "chromium"
    if name not in ENGINES:
        raise Unavailable(f"PAM_PDF_ENGINE={name!r} is not one of: {', '.join(ENGINES)}")
    return name


def chromium_path() -> str | None:
    given = os.environ.get("PAM_CHROMIUM")
    if given:
        return given if os.access(given, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def render_pdfs(htmls: Iterable[str]) -> list[bytes]:
    """PDF bytes of each HTML text, in order, with the chosen engine."""
    htmls = list(htmls)
    if not htmls:
        return []
    if engine_name() == "weasyprint":
        return [_weasyprint(h) for h in htmls]
    with Chromium() as browser:
        return [mark(pdf) for pdf in browser.print_all(htmls)]


def mark(pdf: bytes) -> bytes:
    """pam's mark on a PDF the browser printed, so that pam knows the file as its own
    (pam.outputs.written_by_pam) and may write it again: an incremental update (PDF 1.4,
    section 3.4.5: the bytes printed, then one new object, its cross-reference section and a
    trailer pointing back to the old one) whose document information keeps the title and says
    /Producer (pam VERSION) and /Keywords (pam-report). A PDF whose end is not a plain trailer
    is returned unchanged."""
    import re

    from pam import __version__

    end = re.search(rb"trailer\s*<<(.*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$", pdf[-2048:], re.S)
    if end is None:
        return pdf
    trailer, previous = end.group(1), int(end.group(2))
    size, root = re.search(rb"/Size (\d+)", trailer), re.search(rb"/Root (\d+ \d+ R)", trailer)
    if size is None or root is None:
        return pdf
    title = b""
    info = re.search(rb"/Info (\d+) 0 R", trailer)
    if info is not None:
        old = re.search(rb"(?:^|\n)" + info.group(1) + rb" 0 obj\s*<<(.*?)>>\s*endobj", pdf,
                        re.S)
        found = old and re.search(rb"/Title\s*(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\()])*\))",
                                  old.group(1))
        if found:
            title = b"/Title " + found.group(1) + b" "
    number = int(size.group(1))
    body = pdf if pdf.endswith(b"\n") else pdf + b"\n"
    obj = (b"%d 0 obj\n<<%s/Producer (pam %s) /Keywords (pam-report)>>\nendobj\n"
           % (number, title, __version__.encode("ascii")))
    xref_at = len(body) + len(obj)
    return (body + obj + b"xref\n%d 1\n%010d 00000 n \n" % (number, len(body))
            + b"trailer\n<</Size %d /Root %s /Info %d 0 R /Prev %d>>\nstartxref\n%d\n%%%%EOF\n"
            % (number + 1, root.group(1), number, previous, xref_at))


# --- WeasyPrint ----------------------------------------------------------------------------

def _weasyprint(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        raise Unavailable(
            INSTALL_WEASYPRINT
            + ("" if isinstance(exc, ImportError) else f" (it failed to load: {exc})")) from None
    return HTML(string=html, base_url=None).write_pdf(
        uncompressed_pdf=False, pdf_identifier=b"pam-report", pdf_variant=None,
        custom_metadata=False)


# --- Chromium over the DevTools pipe ---------------------------------------------------------

class Chromium:
    """One headless Chromium, driven over --remote-debugging-pipe."""

    def __init__(self, path: str | None = None):
        found = path or chromium_path()
        if found is None:
            raise Unavailable(INSTALL_CHROMIUM)
        self.path: str = found
        self._next = 0
        self._buffer = b""
        self._events: list[dict] = []

    def __enter__(self) -> Chromium:
        self._profile = tempfile.mkdtemp(prefix="pam-chromium-")
        to_child, self._out = os.pipe()  # we write commands; Chromium reads them on fd 3
        self._in, from_child = os.pipe()  # Chromium writes answers on fd 4; we read them

        def fds():  # in the child: the pipe ends at 3 and 4, whatever their numbers were
            high_r, high_w = os.dup(to_child), os.dup(from_child)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        args = [self.path, "--headless", "--remote-debugging-pipe", "--no-sandbox",
                "--disable-gpu", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
                "--font-render-hinting=none", f"--user-data-dir={self._profile}",
                "about:blank"]
        try:
            self._proc = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                          preexec_fn=fds, close_fds=False)
        except OSError as exc:
            self._close_fds(to_child, from_child)
            raise Unavailable(f"{INSTALL_CHROMIUM} ({self.path} did not start: {exc})") from None
        os.close(to_child)
        os.close(from_child)
        return self

    def __exit__(self, *exc) -> None:
        try:
            self._send("Browser.close")
        except OSError:
            pass
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._close_fds(self._out, self._in)
        shutil.rmtree(self._profile, ignore_errors=True)

    @staticmethod
    def _close_fds(*fds: int) -> None:
        for fd in fds:
            try:
                os.close(fd)
            except OSError:
                pass

    # messages
    def _send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self._out, data):]
        return self._next

    def _receive(self) -> dict:
        import select

        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._in], [], [], TIMEOUT)
            chunk = os.read(self._in, 1 << 20) if ready else b""
            if not chunk:
                raise Unavailable(f"{INSTALL_CHROMIUM} (Chromium at {self.path} stopped "
                                  "answering)")
            self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(raw)

    def _wait(self, wanted: set[int]) -> dict[int, dict]:
        """The answers to the commands in `wanted` (events are kept aside)."""
        got: dict[int, dict] = {}
        while wanted - got.keys():
            message = self._receive()
            if "id" in message:
                if "error" in message:
                    raise Unavailable(f"Chromium refused a command: {message['error']}")
                got[message["id"]] = message.get("result", {})
            else:
                self._events.append(message)
        return got

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        return self._wait({self._send(method, params, session)})[self._next]

    # pages
    def print_all(self, htmls: list[str]) -> list[bytes]:
        """Each HTML printed to PDF, in order. A few tabs are kept open and each goes from
        loading one page to printing it to loading the next, so the renderers keep busy."""
        out: list[bytes | None] = [None] * len(htmls)
        todo = iter(range(len(htmls)))
        pending: dict[int, tuple[str, int, str]] = {}  # command -> (step, page, session)
        tabs = [self._open() for _ in range(min(IN_FLIGHT, len(htmls)))]

        def load(session: str) -> None:
            page = next(todo, None)
            if page is not None:
                pending[self._send("Runtime.evaluate", {
                    "expression": f"document.open();document.write({json.dumps(htmls[page])});"
                                  "document.close();document.fonts.ready.then(() => true)",
                    "awaitPromise": True, "returnByValue": True}, session)] = (
                    "load", page, session)

        for _target, session in tabs:
            load(session)
        while pending:
            message = self._receive()
            step = pending.pop(message["id"], None) if "id" in message else None
            if step is None:
                continue
            if "error" in message:
                raise Unavailable(f"Chromium refused a command: {message['error']}")
            kind, page, session = step
            if kind == "load":
                pending[self._send("Page.printToPDF", {
                    "printBackground": True, "preferCSSPageSize": True,
                    "displayHeaderFooter": False, "generateTaggedPDF": False,
                    "transferMode": "ReturnAsBase64"}, session)] = ("print", page, session)
            else:
                out[page] = fixed_ids(base64.b64decode(message["result"]["data"]))
                load(session)
        for target, _session in tabs:
            self.call("Target.closeTarget", {"targetId": target})
        return [pdf or b"" for pdf in out]

    def _open(self) -> tuple[str, str]:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target,
                                                      "flatten": True})["sessionId"]
        return target, session


_DATE = re.compile(rb"/(?:CreationDate|ModDate) \(D:([0-9+\-Z']+)\)")
_ID = re.compile(rb"/ID \[<([0-9A-Fa-f]+)> <([0-9A-Fa-f]+)>\]")
_FIXED_DATE = b"20000101000000"


def fixed_ids(pdf: bytes) -> bytes:
    """The PDF with its creation dates and file id replaced by constants of the same length
    (so the cross-reference offsets stay right): the same HTML gives the same bytes."""
    def date(m: re.Match) -> bytes:
        digits = iter(_FIXED_DATE)
        stamp = bytes(next(digits, 48) if 48 <= c <= 57 else c for c in m.group(1))
        return m.group(0)[:m.start(1) - m.start(0)] + stamp + b")"

    pdf = _DATE.sub(date, pdf)
    return _ID.sub(lambda m: b"/ID [<" + b"0" * len(m.group(1)) + b"> <"
                   + b"0" * len(m.group(2)) + b">]", pdf)

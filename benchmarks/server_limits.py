"""The local server under hostile documents (issue 8, items 4 and 5): each request fails with
the limit it hit (or completes), `/v1/health` keeps answering, and the peak resident memory of
the server's whole process tree (server + engine worker processes) stays under 500 MB.

Each scenario starts a fresh server (the real app, `skillkit.server.create_app`, under uvicorn
on a free loopback port, as `skillkit serve` runs it) with the default limits unless the
scenario says otherwise, uploads one document made here, asks for a batch prediction and waits
for it, while two threads run: one sums VmRSS over the server and all its descendants every
20 ms, one GETs /v1/health every 100 ms and keeps the slowest answer.

    python benchmarks/server_limits.py [--only NAME ...] [--max-rss-mb 500]

Scenarios:
  docx-bomb-2gib   a ~2 MB DOCX whose word/document.xml expands to 2 GiB (the issue's case)
  text-20mb        a 20 MB text file (the issue's case: was 188 s and 4.4 GB)
  text-at-limit    1,000,000 characters of receipts: within the limits, completes
  docx-60mb-xml    a DOCX with 60 MB of varied XML (under the zip limits): parsing it is what
                   the memory limit is for
  runaway          the text-at-limit document with the time limit lowered to 2 s
  hostile-pattern  a json_schema pattern that backtracks catastrophically, and a value it hits
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
KEY = "bench-key-0123456789"
MB = 1024 * 1024
RECEIPT = "HARBOR HARDWARE\nDate: 2026-02-21\nSUBTOTAL 155.43\nTOTAL $172.14\n\n"
SCHEMA = {
    "type": "object",
    "properties": {"total": {"type": ["number", "null"]}, "vendor": {"type": ["string", "null"]}},
}
LAUNCHER = """
import json, socket, sys
import uvicorn
from skillkit.limits import Limits
from skillkit.server import ServerSettings, create_app
data_dir, key, port, limits = sys.argv[1], sys.argv[2], int(sys.argv[3]), json.loads(sys.argv[4])
settings = ServerSettings(data_dir=data_dir, api_key=key, limits=Limits(**limits))
uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
"""


# --------------------------------------------------------------------------- documents


def docx_with(path: Path, write_xml) -> Path:
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info, src.read(info))
        with out.open("word/document.xml", "w", force_zip64=True) as f:
            write_xml(f)
    return path


def docx_bomb(path: Path) -> Path:
    def write(f) -> None:
        f.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/')
        f.write(b'main"><w:body><w:p><w:r><w:t>')
        chunk = b"a" * (4 * MB)
        for _ in range(2 * 1024 * MB // len(chunk)):  # one 2 GiB text run
            f.write(chunk)
        f.write(b"</w:t></w:r></w:p></w:body></w:document>")

    return docx_with(path, write)


def docx_varied_xml(path: Path, size: int = 60 * MB) -> Path:
    rng = random.Random(8)
    words = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))
        for _ in range(5000)
    ]

    def write(f) -> None:
        f.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/')
        f.write(b'main"><w:body>')
        written = 0
        while written < size:
            text = " ".join(rng.choices(words, k=12))
            para = f'<w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'
            data = para.encode()
            f.write(data)
            written += len(data)
        f.write(b"</w:body></w:document>")

    return docx_with(path, write)


def text_file(path: Path, chars: int) -> Path:
    path.write_text((RECEIPT * (chars // len(RECEIPT) + 1))[:chars], encoding="utf-8")
    return path


def code_file(path: Path) -> Path:
    path.write_text("Code: " + "a" * 40 + "!\nTotal: 12.50\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- measuring


def tree_rss(root: int) -> tuple[int, int, int]:
    """(RSS of root and all its descendants, RSS of root, process count), bytes."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    total, own, count, stack = 0, 0, 0, [root]
    while stack:
        pid = stack.pop()
        rss = _rss(pid)
        total += rss
        count += 1
        if pid == root:
            own = rss
        stack += children.get(pid, [])
    return total, own, count


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


@dataclass
class Sample:
    peak_tree: int = 0
    peak_server: int = 0
    peak_processes: int = 0
    health_max: float = 0.0
    health_count: int = 0
    health_failures: int = 0
    stop: threading.Event = field(default_factory=threading.Event)


def sample_rss(pid: int, s: Sample) -> None:
    while not s.stop.wait(0.02):
        total, own, count = tree_rss(pid)
        s.peak_tree = max(s.peak_tree, total)
        s.peak_server = max(s.peak_server, own)
        s.peak_processes = max(s.peak_processes, count)


def probe_health(base: str, s: Sample) -> None:
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {KEY}"}) as c:
        while not s.stop.wait(0.1):
            started = time.monotonic()
            try:
                ok = c.get("/health", timeout=30).status_code == 200
            except httpx.HTTPError:
                ok = False
            s.health_max = max(s.health_max, time.monotonic() - started)
            s.health_count += 1
            s.health_failures += not ok


# --------------------------------------------------------------------------- one scenario


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data_dir: Path, limits: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-c", LAUNCHER, str(data_dir), KEY, str(port), json.dumps(limits)]
    proc = subprocess.Popen(cmd, env=env)
    base = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("the server exited while starting")
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code in (200, 401):
                return proc, base
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    proc.kill()
    raise SystemExit("the server did not start in 60 s")


def run(name: str, document: Path, work: Path, limits: dict, schema: dict) -> dict:
    proc, base = start_server(work / f"data-{name}", limits)
    sample = Sample()
    threads = [
        threading.Thread(target=sample_rss, args=(proc.pid, sample), daemon=True),
        threading.Thread(target=probe_health, args=(base, sample), daemon=True),
    ]
    try:
        with httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {KEY}"}, timeout=300
        ) as c:
            idle, _, _ = tree_rss(proc.pid)
            for t in threads:
                t.start()
            started = time.monotonic()
            with document.open("rb") as f:
                file_id = c.post("/files", files={"file": (document.name, f)}).json()["id"]
            r = c.post(
                "/document/generate",
                json={"file_id": file_id, "batch": True, "config": {"json_schema": schema}},
            )
            r.raise_for_status()
            pid = r.json()["id"]
            while True:
                body = c.get(f"/predictions/{pid}").json()
                if body["status"] in ("completed", "failed"):
                    break
                time.sleep(0.1)
            seconds = time.monotonic() - started
            time.sleep(0.3)  # a few more samples after the end
    finally:
        sample.stop.set()
        for t in threads:
            t.join(timeout=40)
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    outcome = body["status"]
    if outcome == "failed":
        outcome += ": " + body["response"]["error"]
    return {
        "name": name,
        "doc_mb": document.stat().st_size / MB,
        "seconds": seconds,
        "idle_mb": idle / MB,
        "peak_tree_mb": sample.peak_tree / MB,
        "peak_server_mb": sample.peak_server / MB,
        "processes": sample.peak_processes,
        "health_max_ms": sample.health_max * 1000,
        "health_probes": sample.health_count,
        "health_failures": sample.health_failures,
        "outcome": outcome,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--max-rss-mb", type=float, default=500.0)
    args = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        print("this benchmark reads /proc: Linux only")
        return 2
    with tempfile.TemporaryDirectory(prefix="skillkit-bench-") as tmp:
        work = Path(tmp)
        hostile = {
            "type": "object",
            "properties": {
                "code": {"type": ["string", "null"], "pattern": "^(a|a)*$"},
                "total": {"type": ["number", "null"]},
            },
        }
        scenarios = {
            "docx-bomb-2gib": (lambda: docx_bomb(work / "bomb.docx"), {}, SCHEMA),
            "text-20mb": (lambda: text_file(work / "big.txt", 20 * MB), {}, SCHEMA),
            "text-at-limit": (lambda: text_file(work / "limit.txt", 1_000_000), {}, SCHEMA),
            "docx-60mb-xml": (lambda: docx_varied_xml(work / "varied.docx"), {}, SCHEMA),
            "runaway": (
                lambda: text_file(work / "runaway.txt", 1_000_000),
                {"seconds": 2},
                SCHEMA,
            ),
            "hostile-pattern": (lambda: code_file(work / "code.txt"), {}, hostile),
        }
        results = []
        for name, (make, limits, schema) in scenarios.items():
            if args.only and name not in args.only:
                continue
            made = time.monotonic()
            document = make()
            print(
                f"[{name}] document {document.stat().st_size / MB:.1f} MB made in "
                f"{time.monotonic() - made:.1f} s; limits {limits or 'default'}",
                flush=True,
            )
            results.append(run(name, document, work, limits, schema))
    print()
    print(
        f"{'scenario':<16} {'doc MB':>7} {'s':>6} {'idle MB':>8} {'peak tree MB':>13} "
        f"{'server MB':>10} {'procs':>5} {'health max ms':>14} {'probes':>6}  outcome"
    )
    worst = 0.0
    for r in results:
        worst = max(worst, r["peak_tree_mb"])
        print(
            f"{r['name']:<16} {r['doc_mb']:>7.1f} {r['seconds']:>6.1f} {r['idle_mb']:>8.0f} "
            f"{r['peak_tree_mb']:>13.0f} {r['peak_server_mb']:>10.0f} {r['processes']:>5} "
            f"{r['health_max_ms']:>14.0f} {r['health_probes']:>6}  {r['outcome'][:150]}"
        )
    failures = sum(r["health_failures"] for r in results)
    ok = worst < args.max_rss_mb and failures == 0
    print(
        f"\npeak RSS of the server process tree: {worst:.0f} MB (target < {args.max_rss_mb:.0f}); "
        f"health probes failed: {failures} -> {'PASS' if ok else 'FAIL'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""The runner against a service with latency (issue 13, item 3).

N generated cases (a one-line text receipt each, with its expected file) run through
`skillkit test --base-url` against a real `skillkit serve --latency L` (every prediction
completes L seconds after it was submitted, its extraction done meanwhile, without holding a
worker, so that predictions wait concurrently, as on a hosted service), at -j 1, 8 and 32. The ideal wall time is ceil(N / j) x L; efficiency = ideal / wall.
Peak RSS is the `skillkit test` process's own.

The peer: the same N documents through the official SDK at its defaults, in its best case:
`client.document.generate(file=path, batch=True, config=GenerationConfig(skills=[skill]))` for
every document first, then `client.predictions.wait(id)` (polls every 5 s) for each. (A loop
that waits for each document before sending the next would take about N x 5 s.) The SDK's skill
is `AgentSkill.from_directory` of the skill folder without its tests/ (with them, the SDK would
zip all N documents into every request).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _measure import measured, python, python_env, tool  # noqa: E402

KEY = "bench-key"
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "receipt_number": {"type": ["string", "null"], "description": "Receipt No."},
        "total": {"type": ["number", "null"], "description": "The total paid."},
    },
}
SKILL_MD = """---
name: bench-receipts
description: Reads the receipt number and the total of a one-line receipt. Use for the runner benchmark.
---

# Bench receipts

Report the receipt number as printed and the total as a number.
"""


def make_skill(root: Path, n: int) -> Path:
    """A skill with n text cases, each with its expected file."""
    skill = root / "bench-receipts"
    if skill.exists():
        shutil.rmtree(skill)
    tests = skill / "tests"
    tests.mkdir(parents=True)
    (skill / "SKILL.md").write_text(SKILL_MD, encoding="utf-8")
    (skill / "schema.json").write_text(json.dumps(SCHEMA, indent=2), encoding="utf-8")
    for i in range(n):
        total = round(10 + i * 0.37, 2)
        (tests / f"r-{i:04d}.txt").write_text(
            f"Receipt No: R-{i:04d}\nTotal: {total:.2f}\n", encoding="utf-8"
        )
        expected = {"receipt_number": f"R-{i:04d}", "total": total}
        (tests / f"r-{i:04d}.expected.json").write_text(json.dumps(expected), encoding="utf-8")
    return skill


class Server:
    """`skillkit serve --port 0 --latency L` as a subprocess; the URL from its first line."""

    def __init__(self, data_dir: Path, latency: float) -> None:
        self.proc = subprocess.Popen(
            [*tool("skillkit"), "serve", "--port", "0", "--data-dir", str(data_dir)]
            + ["--latency", str(latency), "--log-level", "warning"],
            env={**os.environ, "SKILLKIT_SERVER_API_KEY": KEY},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        if not line.startswith("skillkit server: "):
            self.close()
            raise RuntimeError(f"skillkit serve did not start: {line!r}")
        self.url = line.split()[2]
        self._wait_healthy()

    def _wait_healthy(self) -> None:
        import httpx

        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                r = httpx.get(
                    f"{self.url}/health", headers={"Authorization": f"Bearer {KEY}"}, timeout=2
                )
                if r.status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.05)  # waiting for a subprocess to listen: nothing to wait on instead
        raise RuntimeError("skillkit serve did not answer /v1/health within 30 s")

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


SDK_LOOP = """
import sys
from pathlib import Path
from vlmrun.client import VLMRun
from vlmrun.client.types import AgentSkill, GenerationConfig

url, key, skill_dir, tests = sys.argv[1:5]
client = VLMRun(api_key=key, base_url=url)
config = GenerationConfig(skills=[AgentSkill.from_directory(Path(skill_dir))])
docs = sorted(p for p in Path(tests).glob("*.txt"))
submitted = [client.document.generate(file=p, batch=True, config=config) for p in docs]
done = [client.predictions.wait(p.id) for p in submitted]
bad = [p.id for p in done if p.status != "completed"]
if bad:
    raise SystemExit(f"{len(bad)} predictions did not complete")
print(len(done))
"""


def bench(workdir: Path, repeats: int = 5, tiny: bool = False) -> dict:
    n = 12 if tiny else 200
    latency = 0.2 if tiny else 0.5
    jobs = (1, 4) if tiny else (1, 8, 32)
    workdir.mkdir(parents=True, exist_ok=True)
    skill = make_skill(workdir, n)
    sdk_skill = workdir / "sdk-skill" / skill.name
    if sdk_skill.parent.exists():
        shutil.rmtree(sdk_skill.parent)
    shutil.copytree(skill, sdk_skill, ignore=shutil.ignore_patterns("tests"))
    rows, targets = [], []
    env = python_env(workdir)  # bytecode cached, one warm-up run per tool (as installed)
    server = Server(workdir / "serve-data", latency)
    try:
        base = [*tool("skillkit"), "test", str(skill), "--base-url", server.url]
        base += ["--api-key", KEY, "-q"]
        by_jobs = {}
        for j in jobs:
            report = workdir / f"report-j{j}.json"
            runs: list[float] = []  # the run's own seconds (after start-up, lint and planning)

            def keep_run_seconds(report: Path = report, runs: list[float] = runs) -> None:
                if report.is_file():
                    runs.append(json.loads(report.read_text(encoding="utf-8"))["seconds"])

            m = measured(
                f"skillkit test -j {j}",
                [*base, "-j", str(j), "--json", str(report)],
                repeats,
                env,
                after=keep_run_seconds,
            )
            runs[:] = runs[-repeats:]  # not the warm-up's
            ideal = math.ceil(n / j) * latency
            by_jobs[j] = m
            run_median = statistics.median(runs)
            rows.append(
                m.row(
                    f"ideal {ideal:.1f} s: {ideal / m.median_s:.0%} of ideal; the run "
                    f"itself (after start-up) {run_median:.2f} s, {ideal / run_median:.0%}"
                )
            )
        sdk = None
        try:
            sdk = measured(
                "vlmrun SDK loop (generate batch=True, then predictions.wait)",
                [*python(SDK_LOOP), server.url, KEY, str(sdk_skill), str(skill / "tests")],
                repeats,
                env,
            )
        except RuntimeError as exc:
            rows.append({"tool": "vlmrun SDK loop", "note": f"did not run: {exc}"})
        if sdk is not None:
            rows.append(sdk.row("peer", peer=True))
    finally:
        server.close()
    top = max(jobs)
    best = by_jobs[top]
    efficiency = math.ceil(n / top) * latency / best.median_s
    targets.append(
        {
            "target": f">= 90% of ideal at -j {top}",
            "value": f"{efficiency:.0%}",
            "met": efficiency >= 0.9,
        }
    )
    targets.append(
        {
            "target": f"peak RSS <= 150 MiB (-j {top})",
            "value": f"{best.peak_rss_mib:.0f} MiB",
            "met": best.peak_rss_mib <= 150,
        }
    )
    if sdk is not None:
        targets.append(
            {
                "target": f"wall time vs the SDK loop (-j {top}; printed, no target)",
                "value": f"{best.median_s / sdk.median_s:.2f}x",
                "met": None,
            }
        )
    return {
        "name": "runner",
        "inputs": f"{n} text cases, `skillkit serve --latency {latency}` (2 workers)",
        "rows": rows,
        "checks": {},
        "targets": targets,
    }

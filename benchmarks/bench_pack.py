"""Pack benchmark (issue 13, item 1): `skillkit pack` against the official SDK's bundling and
`zip -X -r` on one large generated skill.

The skill (made here, seeded, so every run packs the same bytes): ~2,000 files and ~50 MB, half
compressible text (words from a small vocabulary) and half random bytes (incompressible, like
images and PDFs); `tiny=True` makes ~40 files and ~1 MB for a smoke test.

Measured, each in its own child process, start-up included (`_measure.measure`: median wall
time, peak RSS of the child):

- `skillkit pack DIR -o OUT --no-validate`: the default output, an AgentSkill payload (base64 in
  JSON). The skill is over the bundle limits on purpose (2,000 entries against 500, ~50 MB in
  all): `pack` has no option to raise them; `--no-validate` skips the validation step, which is
  where they are checked (the writer itself never applies them).
- the SDK: `vlmrun.client.skills.bundle_from_directory(Path(DIR))` (zip in memory, deflate
  level 6, base64 string), written to a file, in a `python -c` child.
- `zip -X -r -q OUT.zip .` (Info-ZIP, level 6, no extra fields), in the skill folder; skipped
  with a note when `zip` is not installed.

Every child runs with bytecode caching on and after one unmeasured warm-up run
(`python_env`, `measured`): as installed packages run, whatever the caller's
PYTHONDONTWRITEBYTECODE.

Checks: two `skillkit pack` runs give byte-identical outputs.
Targets: skillkit's wall time <= 0.5x the SDK's, its peak memory <= 0.25x the SDK's.
"""

from __future__ import annotations

import importlib.util
import random
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _measure import measure, measured, python, python_env, ratio, tool  # noqa: E402

SEED = 13
WALL_TARGET = 0.5  # skillkit wall time / the SDK's
RSS_TARGET = 0.25  # skillkit peak RSS / the SDK's


_WORDS = (
    "invoice total amount due date vendor customer address line item quantity price tax "
    "subtotal currency payment terms net account number reference order shipping billing "
    "description unit discount balance receipt statement period issued signed approved the "
    "of and to in for with on by from at as is are be this that which each every field value "
    "extract return null when missing schema json object array string number boolean"
).split()


def _text(rng: random.Random, size: int) -> bytes:
    """`size` bytes of word soup: compresses like prose (to roughly a third)."""
    out: list[str] = []
    length = 0
    while length < size:
        line = " ".join(rng.choices(_WORDS, k=rng.randint(6, 16))) + "\n"
        out.append(line)
        length += len(line)
    return "".join(out).encode("ascii")[:size]


def make_skill(base: Path, *, tiny: bool = False, seed: int = SEED) -> tuple[Path, str]:
    """The benchmark skill under `base` (made afresh), and a line describing it."""
    n_files, total = (40, 1_000_000) if tiny else (2_000, 50_000_000)
    root = base / ("bench-pack-tiny" if tiny else "bench-pack")
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "SKILL.md").write_text(
        f"---\nname: {root.name}\ndescription: Benchmark skill for pack. Use when measuring "
        "pack speed.\n---\n\n# Benchmark\n\nNothing to do.\n",
        encoding="utf-8",
    )
    rng = random.Random(seed)
    # Sizes vary (log-uniform, 1 KB to ~200 KB), scaled so that they add up to `total`.
    weights = [2 ** rng.uniform(0, 7.6) for _ in range(n_files - 1)]
    scale = total / sum(weights)
    sizes = [max(1, round(w * scale)) for w in weights]
    text_bytes = random_bytes = 0
    for i, size in enumerate(sizes):
        folder = root / ("references" if i % 2 == 0 else "assets") / f"d{i % 20:02}"
        folder.mkdir(parents=True, exist_ok=True)
        if i % 2 == 0:
            (folder / f"notes-{i:04}.md").write_bytes(_text(rng, size))
            text_bytes += size
        else:
            (folder / f"blob-{i:04}.bin").write_bytes(rng.randbytes(size))
            random_bytes += size
    files = len(sizes) + 1
    mb = (text_bytes + random_bytes) / 1e6
    inputs = (
        f"{files:,} files, {mb:.1f} MB: {text_bytes / 1e6:.1f} MB of compressible text in "
        f"{(len(sizes) + 1) // 2:,} files, {random_bytes / 1e6:.1f} MB of random bytes in "
        f"{len(sizes) // 2:,} files (seed {seed}); over the bundle limits on purpose, so "
        "skillkit runs with --no-validate"
    )
    return root, inputs


_SDK = (
    "import sys\n"
    "from pathlib import Path\n"
    "from vlmrun.client.skills import bundle_from_directory\n"
    "data = bundle_from_directory(Path(sys.argv[1]))\n"
    "Path(sys.argv[2]).write_text(data, encoding='ascii')\n"
)


def bench(workdir: Path, repeats: int = 5, tiny: bool = False) -> dict:
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    root, inputs = make_skill(workdir, tiny=tiny)
    out_dir = workdir / "pack-out"
    out_dir.mkdir(exist_ok=True)

    def remover(*paths: Path):
        def before() -> None:
            for p in paths:
                p.unlink(missing_ok=True)

        return before

    rows: list[dict] = []
    sk_out = out_dir / "skillkit.payload.json"
    sk_cmd = [*tool("skillkit"), "pack", str(root), "-o", str(sk_out), "--no-validate"]
    env = python_env(workdir)
    sk = measured("skillkit pack", sk_cmd, repeats, env, before=remover(sk_out))
    first = sk_out.read_bytes()
    rows.append(
        sk.row(f"--no-validate (limits exceeded on purpose); payload JSON, {len(first):,} B")
    )
    # A second, separate run for the byte-identical check (the measured runs overwrite OUT).
    sk_out2 = out_dir / "skillkit-2.payload.json"
    measure(
        "skillkit pack (again)", [*sk_cmd[:-3], "-o", str(sk_out2), "--no-validate"], 1, env=env
    )
    byte_identical = first == sk_out2.read_bytes()

    sdk_out = out_dir / "sdk.b64"
    sdk = None
    if importlib.util.find_spec("vlmrun") is None:
        rows.append(_skipped("vlmrun SDK bundle_from_directory", "vlmrun is not installed"))
    else:
        sdk = measured(
            "vlmrun SDK bundle_from_directory",
            [*python(_SDK), str(root), str(sdk_out)],
            repeats,
            env,
            before=remover(sdk_out),
        )
        rows.append(sdk.row(f"deflate level 6, base64 str, {sdk_out.stat().st_size:,} B"))

    zip_bin = shutil.which("zip")
    if zip_bin:
        zip_out = out_dir / "info-zip.zip"
        z = measured(
            "zip -X -r",
            [zip_bin, "-X", "-r", "-q", str(zip_out), "."],
            repeats,
            env,
            cwd=root,
            before=remover(zip_out),
        )
        rows.append(z.row(f"Info-ZIP, level 6, raw zip, {zip_out.stat().st_size:,} B"))
    else:
        rows.append(_skipped("zip -X -r", "zip is not installed (apt-get install zip)"))

    targets = [
        {"target": "byte-identical bundles", "value": str(byte_identical), "met": byte_identical}
    ]
    if sdk is not None:
        wall = sk.median_s / sdk.median_s
        rss = sk.peak_rss_mib / sdk.peak_rss_mib
        targets = [
            {
                "target": f"wall <= {WALL_TARGET}x SDK",
                "value": ratio(sk.median_s, sdk.median_s),
                "met": wall <= WALL_TARGET,
            },
            {
                "target": f"peak RSS <= {RSS_TARGET}x SDK",
                "value": ratio(sk.peak_rss_mib, sdk.peak_rss_mib),
                "met": rss <= RSS_TARGET,
            },
            *targets,
        ]
    shutil.rmtree(out_dir, ignore_errors=True)
    return {
        "name": "pack",
        "rows": rows,
        "checks": {"byte_identical": byte_identical},
        "targets": targets,
        "inputs": inputs,
    }


def _skipped(label: str, why: str) -> dict:
    return {"tool": label, "median_s": None, "peak_rss_mib": None, "note": f"skipped: {why}"}


if __name__ == "__main__":  # python benchmarks/bench_pack.py [--tiny] [-n REPEATS]
    import argparse
    import json
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true")
    parser.add_argument("-n", "--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="skillkit-bench-pack-") as tmp:
        print(json.dumps(bench(Path(tmp), args.repeats, args.tiny), indent=2))

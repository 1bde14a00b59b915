"""Validate benchmark (issue 13, item 2): `skillkit validate TREE` against the reference
validator of the Agent Skills spec (`skills-ref`) over the same skill folders.

The tree (made here, seeded): 1,000 small valid skills (`tiny=True`: 20), each a SKILL.md
(name, description, license, compatibility, metadata.version; a short body) and a schema.json,
one in four with a references/ file and one in four with tests/cases.yaml. Every skill is valid
for both tools.

Measured, each in its own child process, start-up included (`_measure.measure`):

- `skillkit validate TREE` (one command; the default profile, vlmrun, which checks more than
  the open spec: schema.json, cases, file references, bundle limits, ...). For a tree this
  large it lints in one forked process per CPU (`lint_paths(jobs=)`): the wall time is what a
  user waits, the peak RSS that of the largest process;
- `skills_ref.validate(Path(folder))` for every folder of TREE, in one `python -c` child (the
  library call its CLI makes, once per skill; frontmatter and name rules only).

Every child runs with bytecode caching on and after one unmeasured warm-up run
(`python_env`, `measured`): as installed packages run, whatever the caller's
PYTHONDONTWRITEBYTECODE.

Checks: both tools find every skill valid (skillkit: no findings in `--format json`).
Target: skillkit's wall time <= 0.5x skills-ref's.
"""

from __future__ import annotations

import importlib.util
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _measure import measured, python, python_env, ratio, tool  # noqa: E402

SEED = 13
WALL_TARGET = 0.5  # skillkit wall time / skills-ref's


_FIELDS = ["vendor", "customer", "total", "subtotal", "tax", "currency", "issued", "due", "number"]

_SKILL_MD = """---
name: {name}
description: >-
  Extracts the {a}, {b} and {c} from a {kind} into JSON that matches schema.json. Use when a
  document is a {kind} and you need its {a} and {b}.
license: Apache-2.0
compatibility: Written for the VLM Run document generate API; the answer must match schema.json.
metadata:
  version: "1.{minor}"
  author: skillkit benchmark
---

# {title}

You are given one {kind}. Return **one JSON object** that matches `schema.json`. Report only
what is printed; never compute a missing value or invent one.

## Output rules

- Return every key of the schema; use `null` for a value that is not printed.
- **Dates**: ISO 8601 `YYYY-MM-DD`.
- **Amounts**: numbers, without currency symbols or thousands separators.
{more}"""

_CASES = """cases:
  - id: sample
    document: sample.txt
    expected: sample.expected.json
"""


def make_tree(base: Path, *, tiny: bool = False, seed: int = SEED) -> tuple[Path, list[Path], str]:
    """The tree of skills under `base` (made afresh), its folders, and a line describing it."""
    count = 20 if tiny else 1_000
    tree = base / ("bench-validate-tiny" if tiny else "bench-validate")
    if tree.exists():
        shutil.rmtree(tree)
    tree.mkdir(parents=True)
    rng = random.Random(seed)
    folders: list[Path] = []
    files = 0
    for i in range(count):
        kind = rng.choice(["invoice", "receipt", "purchase order", "bank statement", "payslip"])
        a, b, c = rng.sample(_FIELDS, 3)
        name = f"{kind.replace(' ', '-')}-extraction-{i:04}"
        root = tree / name
        root.mkdir()
        more = ""
        if i % 4 == 1:
            (root / "references").mkdir()
            (root / "references" / "guide.md").write_text(
                f"# Guide\n\nWhere the {a} is printed on a {kind}.\n", encoding="utf-8"
            )
            more = "\nSee [the guide](references/guide.md) for where each field is printed.\n"
            files += 1
        if i % 4 == 2:
            (root / "tests").mkdir()
            (root / "tests" / "cases.yaml").write_text(_CASES, encoding="utf-8")
            (root / "tests" / "sample.txt").write_text(f"{a}: x\n", encoding="utf-8")
            (root / "tests" / "sample.expected.json").write_text(
                json.dumps({a: "x", b: None, c: None}) + "\n", encoding="utf-8"
            )
            files += 3
        (root / "SKILL.md").write_text(
            _SKILL_MD.format(
                name=name,
                a=a,
                b=b,
                c=c,
                kind=kind,
                minor=i % 10,
                title=name.replace("-", " ").capitalize(),
                more=more,
            ),
            encoding="utf-8",
        )
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "properties": {f: {"type": ["string", "null"]} for f in (a, b, c)},
            "required": [a, b, c],
            "additionalProperties": False,
        }
        (root / "schema.json").write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")
        files += 2
        folders.append(root)
    inputs = (
        f"{count:,} small valid skills, {files:,} files (SKILL.md and schema.json each; "
        "references/ in 1 of 4, tests/cases.yaml in 1 of 4), seed "
        f"{seed}; skillkit with its default profile (vlmrun)"
    )
    return tree, folders, inputs


_SKILLS_REF = (
    "import sys\n"
    "from pathlib import Path\n"
    "from skills_ref import validate\n"
    "errors = 0\n"
    "for folder in sorted(Path(sys.argv[1]).iterdir()):\n"
    "    errors += len(validate(folder))\n"
    "print(errors)\n"
)


def bench(workdir: Path, repeats: int = 5, tiny: bool = False) -> dict:
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    tree, folders, inputs = make_tree(workdir, tiny=tiny)
    rows: list[dict] = []

    sk_cmd = [*tool("skillkit"), "validate", str(tree)]
    env = python_env(workdir)
    sk = measured("skillkit validate", sk_cmd, repeats, env)
    rows.append(
        sk.row(
            f"{len(folders):,} skills, profile vlmrun; one command (a process per CPU "
            "from 200 skills)",
        )
    )
    check = subprocess.run([*sk_cmd, "--format", "json"], capture_output=True, check=False)
    try:
        findings = json.loads(check.stdout)
    except json.JSONDecodeError:
        findings = None
    skillkit_clean = check.returncode == 0 and findings == []

    ref = None
    refs_clean = None
    if importlib.util.find_spec("skills_ref") is None:
        rows.append(
            {
                "tool": "skills-ref validate()",
                "median_s": None,
                "peak_rss_mib": None,
                "note": "skipped: skills-ref is not installed",
            }
        )
    else:
        ref = measured("skills-ref validate()", [*python(_SKILLS_REF), str(tree)], repeats, env)
        refs_clean = ref.output.strip() == b"0"
        rows.append(ref.row(f"skills_ref.validate(folder) x {len(folders):,}, one process"))

    targets = []
    if ref is not None:
        targets.append(
            {
                "target": f"wall <= {WALL_TARGET}x skills-ref",
                "value": ratio(sk.median_s, ref.median_s),
                "met": sk.median_s / ref.median_s <= WALL_TARGET,
            }
        )
    return {
        "name": "validate",
        "rows": rows,
        "checks": {"skillkit_all_valid": skillkit_clean, "skills_ref_all_valid": refs_clean},
        "targets": targets,
        "inputs": inputs,
    }


if __name__ == "__main__":  # python benchmarks/bench_validate.py [--tiny] [-n REPEATS]
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true")
    parser.add_argument("-n", "--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="skillkit-bench-validate-") as tmp:
        print(json.dumps(bench(Path(tmp), args.repeats, args.tiny), indent=2))

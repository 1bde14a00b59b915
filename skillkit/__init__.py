"""skillkit: write, check, package and regression-test inline skills for VLM Run."""

__version__ = "0.1.0"

# The name on PyPI. `skillkit` there is an unrelated project, so the distribution is
# `skillkit-vlm`; the import package and the command stay `skillkit`.
DISTRIBUTION = "skillkit-vlm"


def install_hint(extra: str | None = None) -> str:
    """The pip command that brings an extra, e.g. `pip install "skillkit-vlm[local]"`."""
    return f'pip install "{DISTRIBUTION}[{extra}]"' if extra else f"pip install {DISTRIBUTION}"

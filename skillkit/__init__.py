"""skillkit: write, check, package and regression-test inline skills for VLM Run."""

__version__ = "0.1.0"

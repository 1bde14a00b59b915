"""The hostile-input corpus: skill folders and bundle files that try to break skillkit.

`entries.py` is the manifest (each entry: how to build it, which commands to run on it, and the
exit code and message each must give), written with `manifest.py` (what a run expects, one
constructor per command, entry builders); `build.py` holds the low-level builders (skill
folders, byte-exact zips, bombs). Nothing big is committed:
bombs, 50 MB files, FIFOs, symlinks and odd names are made at test time in a temporary folder.
`tests/test_corpus.py` walks every entry; `python tests/corpus/generate.py DIR` builds them all
into DIR for a look by hand.
"""

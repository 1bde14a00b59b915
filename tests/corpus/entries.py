"""The hostile-input corpus manifest: every entry, how it is built and what each command must
answer (see manifest.py for how expectations are stated). tests/test_corpus.py walks it.
"""

from __future__ import annotations

import json
import os
import stat

from corpus import build as b
from corpus.build import MB, Member
from corpus.manifest import (
    ACCEPTED,
    ALIAS_FM,
    CLEAN,
    CRLF_MD,
    DEEP_FM,
    GOOD_FILES,
    NON_UTF8,
    PACKED,
    PASSED,
    SCHEMA_BYTES,
    SLOW,
    UNPACKED,
    WROTE,
    CorpusEntry,
    Run,
    absolute_entry,
    bad_local_offset,
    big_expected,
    bundle_file,
    corrupt_deflate,
    dev_zero,
    directory_bundle,
    expect_tree,
    fs_name,
    generate,
    inspect,
    link_pair,
    long_path,
    lying_central,
    many_files,
    nested_verify,
    nonempty_out,
    outside_file,
    outside_schema,
    pack,
    refused_bundle,
    refused_skill,
    replace_with_dir,
    replace_with_fifo,
    schema_zip,
    skill_md_link_out,
    skill_md_zip,
    sparse,
    sparse_parts,
    symlink_at,
    symlink_then_write,
    test,
    text_file,
    then,
    total_over,
    truncated,
    unpack,
    unreadable,
    unreadable_document,
    unreadable_folder,
    validate,
    with_cases_yaml,
    with_fm,
    with_md,
    with_skill,
    with_test_doc,
    write_file,
    zip_of,
)

# --------------------------------------------------------------------------- the corpus

ENTRIES: list[CorpusEntry] = [
    # ---- SKILL.md frontmatter
    CorpusEntry(
        "fm-missing",
        "frontmatter",
        "SKILL.md with no frontmatter at all: SK101.",
        with_md("# Demo\n\nNo frontmatter here.\n"),
        refused_skill("SK101"),
    ),
    CorpusEntry(
        "fm-unclosed",
        "frontmatter",
        "An opening '---' that is never closed: SK101.",
        with_md(f"---\n{b.frontmatter()}\n# Demo\n\nBody.\n"),
        refused_skill("SK101"),
    ),
    CorpusEntry(
        "fm-empty-file",
        "frontmatter",
        "A zero-byte SKILL.md: SK101.",
        with_md(b""),
        refused_skill("SK101"),
    ),
    CorpusEntry(
        "fm-not-mapping",
        "frontmatter",
        "Frontmatter that is a YAML list, not a mapping: SK103.",
        with_fm("- name\n- demo\n"),
        refused_skill("SK103"),
    ),
    CorpusEntry(
        "yaml-alias-bomb",
        "frontmatter",
        "Billion laughs under metadata (9**9 leaves through aliases): refused without expanding "
        "it, as invalid YAML (SK102) or as metadata that is not a map of strings (SK111).",
        with_fm(ALIAS_FM),
        refused_skill("SK102", "SK111"),
    ),
    CorpusEntry(
        "yaml-deep-nesting",
        "frontmatter",
        "A flow sequence nested 10,000 deep under metadata (PyYAML's composer recurses): "
        "SK102, or SK111 if it could be read.",
        with_fm(DEEP_FM),
        refused_skill("SK102", "SK111"),
    ),
    CorpusEntry(
        "yaml-tabs",
        "frontmatter",
        "Tab-indented YAML (tabs cannot indent YAML): SK102.",
        with_fm(b.frontmatter() + "metadata:\n\tauthor: me\n"),
        refused_skill("SK102"),
    ),
    CorpusEntry(
        "yaml-nul-byte",
        "frontmatter",
        "A NUL byte inside the frontmatter (not a printable YAML character): SK102.",
        with_fm("name: de\x00mo\ndescription: " + b.DESCRIPTION + "\n"),
        refused_skill("SK102"),
    ),
    CorpusEntry(
        "yaml-python-tag",
        "frontmatter",
        "A !!python/object/apply tag that would run a command with an unsafe loader: SK102, "
        "and nothing is created.",
        with_fm(
            f"name: !!python/object/apply:os.system ['touch pwned']\ndescription: {b.DESCRIPTION}\n"
        ),
        refused_skill("SK102"),
    ),
    CorpusEntry(
        "yaml-duplicate-keys",
        "frontmatter",
        "`description` given twice: YAML mapping keys must be unique, and silently keeping the "
        "last one hides a mistake: SK102 (duplicate key).",
        with_fm(b.frontmatter() + "description: A second description. Use when confused.\n"),
        refused_skill("SK102", "duplicate"),
    ),
    CorpusEntry(
        "skill-md-not-utf8",
        "frontmatter",
        "SKILL.md in Latin-1 (invalid UTF-8 bytes): SK114.",
        with_md(
            b"---\nname: demo\ndescription: Caf\xe9 receipts. Use when testing.\n---\n\nBody\n"
        ),
        refused_skill("SK114"),
    ),
    CorpusEntry(
        "description-1mb",
        "frontmatter",
        "A description of 1,000,000 characters (SKILL.md just under 1 MiB): SK109, over 1024.",
        with_fm(b.frontmatter(description="Use when testing. " + "a" * 1_000_000)),
        refused_skill("SK109"),
    ),
    CorpusEntry(
        "name-with-newline",
        "frontmatter",
        'A quoted name holding a newline ("de\\nmo"): SK106.',
        with_fm('name: "de\\nmo"\ndescription: ' + b.DESCRIPTION + "\n"),
        refused_skill("SK106"),
    ),
    CorpusEntry(
        "skill-md-is-directory",
        "frontmatter",
        "SKILL.md is a folder (how an unreadable SKILL.md is simulated when running as root): "
        "no SKILL.md file (SK100) or one that cannot be read (SK115).",
        then(replace_with_dir("SKILL.md")),
        refused_skill("SK100", "SK115", "not a regular file"),
    ),
    CorpusEntry(
        "skill-md-is-fifo",
        "special-files",
        "SKILL.md is a named pipe with no writer: reading it would block forever. Not a "
        "SKILL.md file: SK100, or SK115 (cannot be read: not a regular file), never a hang.",
        then(replace_with_fifo("SKILL.md")),
        refused_skill("SK100", "SK115", "not a regular file"),
    ),
    CorpusEntry(
        "skill-md-duplicate-case",
        "names",
        "SKILL.md and skill.md side by side: SK201.",
        with_skill(files={"skill.md": b.ok_md()}),
        refused_skill("SK201"),
    ),
    # ---- odd names in the skill folder
    CorpusEntry(
        "name-not-utf8",
        "names",
        "A bundled file whose name is not valid UTF-8: bundles hold UTF-8 names, so it cannot "
        "be packed; validate names it (exit 1) and pack refuses.",
        then(write_file("references/" + fs_name(NON_UTF8), "# Latin-1 name\n")),
        refused_skill("utf-8"),
    ),
    CorpusEntry(
        "name-newline",
        "names",
        "A bundled file named 'line\\nbreak.md': a control character in a name forges output "
        "lines and is refused by the bundle reader, so pack must refuse it too.",
        then(write_file("references/line\nbreak.md", "# Newline\n")),
        refused_skill("control", "\\n", "newline"),
    ),
    CorpusEntry(
        "name-escape-sequence",
        "names",
        "A bundled file whose name holds an ANSI escape (ESC[2J clears the terminal): refused "
        "like any control character.",
        then(write_file("references/\x1b[2Jclear.md", "# Escape\n")),
        refused_skill("control", "\\x1b", "escape"),
    ),
    CorpusEntry(
        "name-backslash",
        "names",
        "A bundled file named 'a\\b.md' (legal on Linux): the bundle reader refuses backslashes "
        "in entry names, so pack must not make such a bundle; validate names it, pack refuses.",
        then(write_file("references/a\\b.md", "# Backslash\n")),
        refused_skill("backslash", "a\\b.md"),
    ),
    CorpusEntry(
        "name-drive-like",
        "names",
        "A bundled file named 'c:notes.md' at the root: the reader refuses it as a drive letter, "
        "so pack must not make such a bundle; validate names it, pack refuses.",
        with_skill(files={"c:notes.md": "# Colon\n"}),
        refused_skill("drive", "c:notes.md"),
    ),
    CorpusEntry(
        "path-too-long",
        "names",
        "references/ nested until the path is over 4,200 characters (beyond PATH_MAX): cannot "
        "be read by name, so not bundled; one line saying the path is too long.",
        then(long_path),
        refused_skill("too long"),
    ),
    CorpusEntry(
        "names-differ-in-case",
        "names",
        "references/Guide.md and references/guide.md: the bundle reader refuses names equal but "
        "for case, so validate flags them and pack refuses.",
        with_skill(files={"references/Guide.md": "# A\n", "references/guide.md": "# B\n"}),
        refused_skill("only in case", "case-insensitiv"),
    ),
    # ---- symlinks
    CorpusEntry(
        "link-out-absolute",
        "symlinks",
        "references/passwd -> /etc/passwd: SK202.",
        then(symlink_at("references/passwd", "/etc/passwd")),
        refused_skill("SK202"),
    ),
    CorpusEntry(
        "link-out-relative",
        "symlinks",
        "references/up.md -> ../../outside.md (a real file outside the skill): SK202.",
        then(outside_file),
        refused_skill("SK202"),
    ),
    CorpusEntry(
        "link-dir-out",
        "symlinks",
        "references/etc -> /etc (a folder outside): SK202, and /etc is never walked.",
        then(symlink_at("references/etc", "/etc")),
        refused_skill("SK202"),
    ),
    CorpusEntry(
        "link-broken",
        "symlinks",
        "references/gone.md -> a file that does not exist: SK202.",
        then(symlink_at("references/gone.md", "nowhere.md")),
        refused_skill("SK202"),
    ),
    CorpusEntry(
        "link-loop-self",
        "symlinks",
        "references/loop.md -> loop.md (a link to itself): a broken link, SK202.",
        then(symlink_at("references/loop.md", "loop.md")),
        refused_skill("SK202"),
    ),
    CorpusEntry(
        "link-loop-pair",
        "symlinks",
        "a.md -> b.md -> a.md: a broken link, SK202.",
        then(link_pair),
        refused_skill("SK202"),
    ),
    CorpusEntry(
        "link-dir-cycle",
        "symlinks",
        "references/again -> .. (a folder link back to the skill root): following it walks "
        "forever; refused as a symlink loop (SK202 or a message naming the loop).",
        then(symlink_at("references/again", "..")),
        refused_skill("SK202", "loop", "cycle"),
    ),
    CorpusEntry(
        "link-dev-zero",
        "symlinks",
        "references/zero.md -> /dev/zero (endless bytes): leaves the skill, SK202, never read.",
        then(symlink_at("references/zero.md", "/dev/zero")),
        refused_skill("SK202"),
    ),
    CorpusEntry(
        "skill-md-link-out",
        "symlinks",
        "SKILL.md itself is a link to a SKILL.md outside the skill folder: SK202.",
        then(skill_md_link_out),
        refused_skill("SK202"),
    ),
    # ---- FIFOs and devices
    CorpusEntry(
        "fifo-in-references",
        "special-files",
        "references/pipe.md is a named pipe with no writer: pack must not hang on it. It is not "
        "a file that can be bundled: validate names it, pack refuses.",
        then(lambda place, root: b.fifo(root / "references/pipe.md")),
        refused_skill("pipe.md"),
    ),
    CorpusEntry(
        "device-in-references",
        "special-files",
        "references/zero.md is a character device (1,5: /dev/zero, endless bytes; needs "
        "CAP_MKNOD): not a file that can be bundled; validate names it, pack refuses, no hang.",
        then(lambda place, root: b.char_device(root / "references/zero.md")),
        refused_skill("zero.md"),
    ),
    CorpusEntry(
        "fifo-expected",
        "special-files",
        "tests/a.expected.json is a named pipe: reading it would block; SK303 (not readable).",
        then(replace_with_fifo("tests/a.expected.json")),
        refused_skill("SK303", lint_only=True),
    ),
    CorpusEntry(
        "fifo-document",
        "special-files",
        "tests/b.pdf is a named pipe (with b.expected.json): not a document that can be read; "
        "SK305 or SK306, and no run opens it.",
        then(
            lambda place, root: b.fifo(root / "tests/b.pdf"),
            files={"tests/b.expected.json": json.dumps(b.EXPECTED)},
        ),
        refused_skill("SK305", "SK306"),
    ),
    CorpusEntry(
        "fifo-generate-argument",
        "special-files",
        "`generate SKILL pipe.pdf` where pipe.pdf is a named pipe: a usage error naming it "
        "(exit 2), never a hang.",
        lambda place: {**with_skill()(place), "pipe": b.fifo(place.work / "pipe.pdf")},
        (validate(0, *CLEAN), generate(2, "pipe.pdf", doc="pipe.pdf")),
    ),
    # ---- unreadable files
    CorpusEntry(
        "unreadable-reference",
        "unreadable",
        "references/private.md is chmod 000: it cannot be bundled; validate names it (exit 1), "
        "pack refuses. Needs a non-root user.",
        then(unreadable("references/private.md")),
        refused_skill("private.md"),
        needs_non_root=True,
    ),
    CorpusEntry(
        "unreadable-expected",
        "unreadable",
        "tests/a.expected.json is chmod 000: SK303. Needs a non-root user.",
        then(unreadable("tests/a.expected.json")),
        refused_skill("SK303", lint_only=True),
        needs_non_root=True,
    ),
    CorpusEntry(
        "unreadable-folder",
        "unreadable",
        "references/ is chmod 000: its files cannot be listed or bundled; validate names it "
        "(exit 1). Needs a non-root user.",
        then(unreadable_folder),
        refused_skill("references"),
        needs_non_root=True,
    ),
    CorpusEntry(
        "expected-is-directory",
        "unreadable",
        "tests/a.expected.json is a folder (an unreadable expected file, as root sees one): SK303.",
        then(replace_with_dir("tests/a.expected.json")),
        refused_skill("SK303", lint_only=True),
    ),
    CorpusEntry(
        "cases-yaml-is-directory",
        "unreadable",
        "tests/cases.yaml is a folder: SK307.",
        then(replace_with_dir("tests/cases.yaml")),
        refused_skill("SK307", lint_only=True),
    ),
    # ---- secrets
    CorpusEntry(
        "secret-env",
        "secrets",
        "A .env file at the root: SK203.",
        with_skill(files={".env": "API_KEY=sk-live-123\n"}),
        refused_skill("SK203", lint_only=True),
    ),
    CorpusEntry(
        "secret-private-key",
        "secrets",
        "A private key in assets/ (by name and by content): SK203.",
        with_skill(
            files={
                "assets/server.pem": "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"
            }
        ),
        refused_skill("SK203", lint_only=True),
    ),
    # ---- limits
    CorpusEntry(
        "too-many-files",
        "limits",
        "501 files in references/: over the 500-file limit, SK205.",
        then(many_files(501)),
        refused_skill("SK205", lint_only=True),
    ),
    CorpusEntry(
        "file-over-25mb",
        "limits",
        "A 26 MB (sparse) file in assets/: over the per-file limit, SK206.",
        then(sparse("assets/big.bin", 26 * MB)),
        refused_skill("SK206", lint_only=True),
        tags=SLOW,
    ),
    CorpusEntry(
        "total-over-50mb",
        "limits",
        "Three 20 MB (sparse) files in assets/: over the 50 MB total, SK204.",
        then(sparse_parts(3, 20 * MB)),
        refused_skill("SK204", lint_only=True),
        tags=SLOW,
    ),
    # ---- schema.json
    CorpusEntry(
        "schema-not-json",
        "schema",
        "schema.json that is not JSON: SK301.",
        then(write_file("schema.json", '{"type": "object",\n  "properties": {\n')),
        refused_skill("SK301"),
    ),
    CorpusEntry(
        "schema-is-fifo",
        "special-files",
        "schema.json is a named pipe: reading it would block; refused as unreadable (SK301 or "
        "SK302, or saying it is not a regular file), never a hang.",
        then(replace_with_fifo("schema.json")),
        refused_skill("SK301", "SK302", "not a regular file"),
    ),
    CorpusEntry(
        "schema-deep-nesting",
        "schema",
        "schema.json nested 100,000 deep: cannot be parsed by a recursive parser, SK301.",
        then(write_file("schema.json", b.deep_json(100_000))),
        refused_skill("SK301"),
    ),
    CorpusEntry(
        "schema-invalid",
        "schema",
        'schema.json with "type": "nmber": not a valid JSON Schema, SK302.',
        then(
            write_file(
                "schema.json", '{"type": "object", "properties": {"total": {"type": "nmber"}}}'
            )
        ),
        refused_skill("SK302"),
    ),
    CorpusEntry(
        "schema-ref-self",
        "schema",
        'schema.json is {"$ref": "#"}: a reference to itself that never reaches a type; '
        "validating anything against it recurses forever. SK302.",
        then(write_file("schema.json", '{"$ref": "#"}')),
        refused_skill("SK302"),
    ),
    CorpusEntry(
        "schema-ref-file-cycle",
        "schema",
        "schema.json -> defs/a.json -> ../schema.json: a cycle of file refs that inlining "
        "never finishes. SK302.",
        with_skill(
            files={
                "schema.json": '{"$ref": "defs/a.json"}',
                "defs/a.json": '{"$ref": "../schema.json"}',
            }
        ),
        refused_skill("SK302"),
    ),
    CorpusEntry(
        "schema-ref-outside",
        "schema",
        "schema.json refs ../outside.json, a file outside the skill: SK302, never read.",
        then(outside_schema),
        refused_skill("SK302"),
    ),
    CorpusEntry(
        "schema-ref-remote",
        "schema",
        "schema.json refs http://127.0.0.1:9/schema.json: never fetched, SK302.",
        then(write_file("schema.json", '{"$ref": "http://127.0.0.1:9/schema.json"}')),
        refused_skill("SK302"),
    ),
    CorpusEntry(
        "schema-recursive-tree",
        "schema",
        "A legitimately recursive schema (a node with child nodes, $ref '#'): valid; the engine "
        "must not recurse forever filling it. The case is schema-only.",
        with_skill(
            schema={
                "type": "object",
                "properties": {
                    "total": {"type": "number"},
                    "children": {"type": "array", "items": {"$ref": "#"}},
                },
            },
            case=False,
            files={"tests/a.txt": b.DOC_TEXT},
        ),
        (validate(0, *CLEAN), pack(0, *PACKED), test(0, *PASSED), generate(0, *WROTE)),
    ),
    # ---- expected files
    CorpusEntry(
        "expected-deep-nesting",
        "expected",
        "tests/a.expected.json nested 100,000 deep: SK303.",
        then(write_file("tests/a.expected.json", b.deep_json(100_000))),
        refused_skill("SK303", lint_only=True),
    ),
    CorpusEntry(
        "expected-50mb",
        "expected",
        "A valid 50 MB expected file (the total plus ~500,000 strings): refused by the size "
        "limit on expected files (5 MB, SK303) in bounded time and memory.",
        then(big_expected(50 * MB)),
        refused_skill("SK303", lint_only=True),
        tags=SLOW,
    ),
    CorpusEntry(
        "expected-4mb",
        "expected",
        "A valid 4 MB expected file (the total plus ~40,000 strings, under the limit): read and "
        "judged in bounded time; the output lacks the list, so the case fails (exit 1).",
        then(big_expected(4 * MB)),
        (validate(0, *CLEAN), pack(0, *PACKED), test(1, "FAILED")),
        tags=SLOW,
    ),
    CorpusEntry(
        "expected-not-utf8",
        "expected",
        "An expected file in UTF-16: SK303.",
        then(write_file("tests/a.expected.json", '{"total": 12.5}'.encode("utf-16"))),
        refused_skill("SK303", lint_only=True),
    ),
    # ---- cases.yaml
    CorpusEntry(
        "cases-document-dotdot",
        "cases",
        "cases.yaml names document ../../outside.txt (outside the skill): cases.yaml is "
        "invalid, SK307; the file is never read.",
        with_cases_yaml("cases:\n  - id: outside\n    document: ../../outside.txt\n"),
        refused_skill("SK307", "outside", lint_only=True),
    ),
    CorpusEntry(
        "cases-document-absolute",
        "cases",
        "cases.yaml names an absolute document path outside the skill: SK307.",
        with_cases_yaml(
            lambda place: f"cases:\n  - id: outside\n    document: {place.work / 'outside.txt'}\n"
        ),
        refused_skill("SK307", "outside", lint_only=True),
    ),
    CorpusEntry(
        "cases-expected-outside",
        "cases",
        "cases.yaml names expected ../../outside.expected.json: SK307.",
        with_cases_yaml(
            "cases:\n  - id: a\n    document: a.txt\n    expected: ../../outside.expected.json\n"
        ),
        refused_skill("SK307", "outside", lint_only=True),
    ),
    CorpusEntry(
        "cases-alias-bomb",
        "cases",
        "Billion laughs in cases.yaml (defaults.match.ignore): refused without expanding, SK307.",
        with_cases_yaml("bomb:\n" + b.alias_bomb() + "defaults:\n  match:\n    ignore: *l8\n"),
        refused_skill("SK307", lint_only=True),
    ),
    CorpusEntry(
        "cases-deep-nesting",
        "cases",
        "cases.yaml with a flow sequence nested 10,000 deep: SK307.",
        with_cases_yaml("defaults:\n  match:\n    ignore: " + b.deep_yaml_flow(10_000) + "\n"),
        refused_skill("SK307", lint_only=True),
    ),
    CorpusEntry(
        "cases-unsupported-document",
        "cases",
        "cases.yaml names a.xlsx (exists, not a supported type): SK306.",
        with_cases_yaml(
            "cases:\n  - id: sheet\n    document: a.xlsx\n    expected: a.expected.json\n",
            files={"tests/a.xlsx": b"PK\x03\x04 not really a sheet"},
        ),
        refused_skill("SK306", lint_only=True),
    ),
    # ---- documents that lie, break or explode
    CorpusEntry(
        "doc-pdf-is-text",
        "documents",
        "tests/liar.pdf holds plain text: the prediction fails naming it (exit 3).",
        with_test_doc("liar.pdf", b"Total: 12.50 - this is not a PDF\n"),
        unreadable_document("liar.pdf"),
    ),
    CorpusEntry(
        "doc-docx-not-zip",
        "documents",
        "tests/liar.docx holds PDF-looking bytes, not a zip: exit 3 naming it.",
        with_test_doc("liar.docx", b"%PDF-1.4\n%garbage\n"),
        unreadable_document("liar.docx", generate_too=False),
    ),
    CorpusEntry(
        "doc-png-is-text",
        "documents",
        "tests/liar.png holds text, not an image: exit 3 naming it.",
        with_test_doc("liar.png", b"Total: 12.50\n"),
        unreadable_document("liar.png", generate_too=False),
    ),
    CorpusEntry(
        "doc-empty-pdf",
        "documents",
        "tests/empty.pdf is zero bytes: exit 3 naming it.",
        with_test_doc("empty.pdf", b""),
        unreadable_document("empty.pdf", generate_too=False),
    ),
    CorpusEntry(
        "doc-encrypted-pdf",
        "documents",
        "tests/locked.pdf needs a user password: exit 3 naming it.",
        with_test_doc("locked.pdf", b.encrypted_pdf),
        unreadable_document("locked.pdf"),
    ),
    CorpusEntry(
        "doc-docx-bomb",
        "documents",
        "tests/bomb.docx: a 2 MB DOCX whose document.xml inflates to 2 GB (over the memory cap "
        "the walker sets): refused before it is inflated, exit 3 naming it.",
        with_test_doc("bomb.docx", lambda: b.docx(2048)),
        unreadable_document("bomb.docx"),
        tags=SLOW,
    ),
    CorpusEntry(
        "doc-html-deep",
        "documents",
        "tests/a.html: the total inside <div>s nested 50,000 deep (550 KB, under the text "
        "limit): read without recursing out of stack; the total is found (exit 0).",
        with_test_doc("a.html", ("<div>" * 50_000 + "Total: 12.50" + "</div>" * 50_000).encode()),
        (
            validate(0, *CLEAN),
            pack(0, *PACKED),
            test(0, *PASSED),
            generate(0, *WROTE, doc="{skill}/tests/a.html"),
        ),
        tags=SLOW,
    ),
    # ---- zip paths
    CorpusEntry(
        "zip-slip-dotdot",
        "zip-paths",
        "An entry ../../../../evil.txt: path traversal.",
        zip_of(Member("../../../../evil.txt", b"owned\n")),
        refused_bundle("traversal"),
    ),
    CorpusEntry(
        "zip-slip-nested",
        "zip-paths",
        "An entry references/../../../../../evil.txt: path traversal.",
        zip_of(Member("references/../../../../../evil.txt", b"owned\n")),
        refused_bundle("traversal"),
    ),
    CorpusEntry(
        "zip-absolute-path",
        "zip-paths",
        "An entry with an absolute path into the sentinel folder: refused, nothing written.",
        bundle_file(absolute_entry),
        refused_bundle("absolute"),
    ),
    CorpusEntry(
        "zip-drive-letter",
        "zip-paths",
        "An entry C:/Windows/evil.txt: drive letter.",
        zip_of(Member("C:/Windows/evil.txt", b"owned\n")),
        refused_bundle("drive"),
    ),
    CorpusEntry(
        "zip-drive-relative",
        "zip-paths",
        "An entry C:evil.txt (drive-relative on Windows): drive letter.",
        zip_of(Member("C:evil.txt", b"owned\n")),
        refused_bundle("drive"),
    ),
    CorpusEntry(
        "zip-backslash",
        "zip-paths",
        "An entry ..\\..\\evil.txt: backslashes.",
        zip_of(Member("..\\..\\evil.txt", b"owned\n")),
        refused_bundle("backslash"),
    ),
    CorpusEntry(
        "zip-symlink-entry",
        "zip-paths",
        "A symlink entry references/passwd -> /etc/passwd: refused.",
        zip_of(Member("references/passwd", b"/etc/passwd", mode=stat.S_IFLNK | 0o777)),
        refused_bundle("symlink"),
    ),
    CorpusEntry(
        "zip-symlink-then-write",
        "zip-paths",
        "A symlink entry to the sentinel folder, then a file written through it: refused, "
        "nothing lands in the sentinel.",
        bundle_file(symlink_then_write),
        refused_bundle("symlink"),
    ),
    CorpusEntry(
        "zip-nul-name",
        "zip-paths",
        "An entry named 'references/a.md\\x00../../evil' (zipfile cuts names at NUL): refused "
        "for the NUL byte.",
        zip_of(Member("references/a.md\x00../../evil", b"owned\n")),
        refused_bundle("NUL", "\\x00"),
    ),
    CorpusEntry(
        "zip-bad-utf8-name",
        "zip-paths",
        "An entry flagged UTF-8 whose name bytes are not UTF-8: refused naming the encoding.",
        zip_of(Member(b"references/\xff\xfe.md", b"x", flags=0x800)),
        refused_bundle("utf-8"),
    ),
    CorpusEntry(
        "zip-control-name",
        "zip-paths",
        "An entry whose name holds a newline and a forged 'ok:' line: refused for the control "
        "character (text and JSON inspect output alike).",
        zip_of(Member("references/x.md\nok: the bundle would be accepted", b"x")),
        (*refused_bundle("control", "\\n"), inspect(1, "control", "\\n", fmt="json")),
    ),
    CorpusEntry(
        "zip-long-name",
        "zip-paths",
        "An entry whose file name is 300 characters (over the 255 a folder entry allows): "
        "unpack cannot write it; exit 1, nothing written.",
        zip_of(Member("references/" + "n" * 300 + ".md", b"x")),
        (unpack(1, "too long"),),
    ),
    CorpusEntry(
        "zip-dot-segment",
        "zip-paths",
        "An entry ./references/extra.md: not a canonical path.",
        zip_of(Member("./references/extra.md", b"x")),
        refused_bundle("canonical", "'.'"),
    ),
    CorpusEntry(
        "zip-file-and-folder",
        "zip-paths",
        "An entry 'references/guide.md/x.md' under the file references/guide.md.",
        zip_of(Member("references/guide.md/x.md", b"x")),
        refused_bundle("file and a folder"),
    ),
    CorpusEntry(
        "zip-duplicate-entry",
        "zip-paths",
        "references/guide.md twice, different contents: refused as a duplicate.",
        zip_of(Member("references/guide.md", b"# The other guide\n")),
        refused_bundle("more than once", "duplicate"),
    ),
    CorpusEntry(
        "zip-no-skill-md",
        "zip-paths",
        "A zip without SKILL.md.",
        bundle_file(lambda place: b.raw_zip(b.good_members()[1:])),
        refused_bundle("no SKILL.md"),
    ),
    CorpusEntry(
        "zip-two-skill-md",
        "zip-paths",
        "SKILL.md at the root and references/SKILL.md.",
        zip_of(Member("references/SKILL.md", b.ok_md())),
        refused_bundle("more than one SKILL.md"),
    ),
    CorpusEntry(
        "zip-skill-md-case",
        "zip-paths",
        "SKILL.md and skill.md at the root.",
        zip_of(Member("skill.md", b.ok_md())),
        refused_bundle("more than one SKILL.md", "only in case"),
    ),
    CorpusEntry(
        "zip-folder-stray-file",
        "zip-paths",
        "Folder layout demo/SKILL.md with a stray file at the root: no single top folder.",
        bundle_file(lambda place: b.raw_zip([*b.good_members("demo/"), Member("stray.txt", b"x")])),
        refused_bundle("top-level folder"),
    ),
    # ---- zip structure: bombs, zip64, lying headers
    CorpusEntry(
        "zip-ratio-bomb",
        "zip-structure",
        "10 MB of zeros deflated 1000:1: the ratio guard.",
        zip_of(Member("assets/zeros.bin", bytes(10 * MB))),
        refused_bundle("bomb"),
    ),
    CorpusEntry(
        "zip-too-many-entries",
        "zip-structure",
        "501 tiny entries: over the entry-count limit.",
        zip_of(*(Member(f"references/n{i:03d}.md", b"x") for i in range(501))),
        refused_bundle("entries"),
    ),
    CorpusEntry(
        "zip-total-over-limit",
        "zip-structure",
        "Three stored 20 MB entries (ratio 1): over the 50 MB total.",
        bundle_file(total_over),
        refused_bundle("limit"),
        tags=SLOW,
    ),
    CorpusEntry(
        "zip-overlap-total",
        "zip-structure",
        "An overlapping zip bomb: 60 central records share one 1 MB blob (a 1 KB file that "
        "declares 60 MB): refused by the total limit before anything is inflated.",
        bundle_file(lambda place: b.overlapping_zip(60)),
        refused_bundle("limit", "bomb", "overlap"),
    ),
    CorpusEntry(
        "zip-overlap-names",
        "zip-structure",
        "10 central records share one local entry under different names: refused, naming the "
        "first record that does not own its data.",
        bundle_file(lambda place: b.overlapping_zip(10)),
        refused_bundle("bomb-01.bin", "overlap"),
    ),
    CorpusEntry(
        "zip-nested-bomb",
        "zip-structure",
        "assets/nested.zip holds zips of 10 MB zero blobs: a reader must not descend into "
        "archives, so the bundle is accepted and the inner zip extracted byte for byte.",
        bundle_file(lambda place: b.nested_zip()),
        (inspect(0, *ACCEPTED), unpack(0, *UNPACKED, verify=nested_verify)),
    ),
    CorpusEntry(
        "zip64-huge-entry",
        "zip-structure",
        "A zip64 entry that declares 1 TB uncompressed (3 bytes stored): over the per-file "
        "limit, refused before reading.",
        zip_of(Member("assets/huge.bin", b"abc", zip64_size=2**40)),
        refused_bundle("limit", "bomb"),
    ),
    CorpusEntry(
        "zip64-eocd-lies",
        "zip-structure",
        "A zip64 end record claiming 2**40 entries and a 1 TB central directory: refused as a "
        "broken zip, without trying to read it.",
        bundle_file(
            lambda place: b.raw_zip(
                b.good_members(), zip64_eocd={"entries": 2**40, "cd_size": 2**40}
            )
        ),
        refused_bundle("not a zip", "truncated", "corrupt", "entries", "limit"),
    ),
    CorpusEntry(
        "zip-central-lies-size",
        "zip-structure",
        "The central directory says assets/liar.bin is 10 bytes; its local header and data say "
        "30 MB: headers that disagree are refused, naming the entry.",
        bundle_file(lying_central),
        refused_bundle("liar.bin"),
        tags=SLOW,
    ),
    CorpusEntry(
        "zip-central-bad-offset",
        "zip-structure",
        "A central record whose local header offset points 10 MB past the end of the file.",
        bundle_file(bad_local_offset),
        refused_bundle("guide.md", "truncated", "corrupt", "not a zip"),
    ),
    CorpusEntry(
        "zip-eocd-bad-offset",
        "zip-structure",
        "An end record whose central directory offset is past the end of the file.",
        bundle_file(lambda place: b.raw_zip(b.good_members(), eocd_cd_offset=2**31)),
        refused_bundle("not a zip", "truncated", "corrupt"),
    ),
    CorpusEntry(
        "zip-eocd-count-lies",
        "zip-structure",
        "An end record that says 1,000 entries for a directory of four: a reader trusting it "
        "would see too many entries, one counting records fewer; refused as inconsistent.",
        bundle_file(lambda place: b.raw_zip(b.good_members(), eocd_entries=1000)),
        refused_bundle("not a zip", "truncated", "corrupt", "entries"),
    ),
    CorpusEntry(
        "zip-truncated",
        "zip-structure",
        "The first half of a valid bundle.",
        bundle_file(truncated),
        refused_bundle("not a zip", "truncated"),
    ),
    CorpusEntry(
        "zip-garbage-after-magic",
        "zip-structure",
        "PK\\x03\\x04 followed by random bytes.",
        bundle_file(lambda place: b"PK\x03\x04" + os.urandom(4096)),
        refused_bundle("not a zip", "truncated", "corrupt"),
    ),
    CorpusEntry(
        "zip-encrypted-entry",
        "zip-structure",
        "An entry with the encryption flag set.",
        zip_of(Member("references/secret.md", b"x", flags=0x801)),
        refused_bundle("encrypted"),
    ),
    CorpusEntry(
        "zip-corrupt-deflate",
        "zip-structure",
        "An entry whose deflate stream is damaged: refused naming it.",
        bundle_file(corrupt_deflate),
        refused_bundle("notes.txt"),
    ),
    CorpusEntry(
        "zip-unsupported-method",
        "zip-structure",
        "An entry stored with compression method 99 (AES): refused naming it.",
        zip_of(Member("references/notes.txt", b"x" * 100, method=99)),
        refused_bundle("notes.txt"),
    ),
    # ---- what is inside the bundle
    CorpusEntry(
        "zip-skill-md-alias-bomb",
        "zip-content",
        "A bundle whose SKILL.md frontmatter is a billion-laughs alias bomb: inspect must not "
        "expand it to print the frontmatter; refused as unusable YAML.",
        skill_md_zip(b.skill_md(ALIAS_FM)),
        (
            *refused_bundle("alias", "anchor", "not valid YAML"),
            inspect(1, "alias", "anchor", "not valid YAML", fmt="json"),
        ),
    ),
    CorpusEntry(
        "zip-skill-md-deep-yaml",
        "zip-content",
        "A bundle whose SKILL.md frontmatter nests 10,000 deep: refused as unusable YAML.",
        skill_md_zip(b.skill_md(DEEP_FM)),
        refused_bundle("not valid YAML", "deep", "nest"),
    ),
    CorpusEntry(
        "zip-skill-md-not-utf8",
        "zip-content",
        "A bundle whose SKILL.md is Latin-1.",
        skill_md_zip(b"---\nname: demo\ndescription: Caf\xe9. Use when testing.\n---\n\nBody\n"),
        refused_bundle("utf-8"),
    ),
    CorpusEntry(
        "zip-skill-md-no-frontmatter",
        "zip-content",
        "A bundle whose SKILL.md has no frontmatter.",
        skill_md_zip(b"# Demo\n\nNo frontmatter.\n"),
        refused_bundle("frontmatter"),
    ),
    CorpusEntry(
        "zip-schema-not-json",
        "zip-content",
        "A bundle whose schema.json is not JSON: the reader refuses it (the server would), so "
        "inspect must say so too.",
        schema_zip(b'{"type": "object",'),
        refused_bundle("schema.json"),
    ),
    CorpusEntry(
        "zip-schema-deep",
        "zip-content",
        "A bundle whose schema.json nests 100,000 deep.",
        schema_zip(b.deep_json(100_000).encode()),
        refused_bundle("schema.json"),
    ),
    # ---- payload JSON and base64 files
    CorpusEntry(
        "b64-invalid",
        "payload",
        "A text file of characters outside the base64 alphabet.",
        text_file("@@@ not base64 @@@\n", "bundle.b64"),
        refused_bundle("base64"),
    ),
    CorpusEntry(
        "b64-data-url",
        "payload",
        "A data: URL (data:application/zip;base64,...) instead of bare base64.",
        text_file("data:application/zip;base64," + b.b64(b.good_zip()), "bundle.b64"),
        refused_bundle("base64"),
    ),
    CorpusEntry(
        "b64-not-a-zip",
        "payload",
        "Valid base64 of bytes that are not a zip.",
        text_file(b.b64(b"hello, this is not a zip archive at all"), "bundle.b64"),
        refused_bundle("not a zip"),
    ),
    CorpusEntry(
        "b64-empty-file",
        "payload",
        "An empty bundle file.",
        text_file(b"", "bundle.b64"),
        refused_bundle("empty"),
    ),
    CorpusEntry(
        "payload-media-type",
        "payload",
        "A payload whose media_type is application/x-tar.",
        text_file(b.payload(media_type="application/x-tar"), "payload.json"),
        refused_bundle("media_type"),
    ),
    CorpusEntry(
        "payload-source-url",
        "payload",
        "A payload whose source type is 'url'.",
        text_file(b.payload(type="url"), "payload.json"),
        refused_bundle("url"),
    ),
    CorpusEntry(
        "payload-data-number",
        "payload",
        "A payload whose source.data is a number.",
        text_file(b.payload(12345), "payload.json"),
        refused_bundle("data"),
    ),
    CorpusEntry(
        "payload-source-string",
        "payload",
        "A payload whose source is a string, not an object.",
        text_file(b'{"type": "inline", "name": "demo", "source": "UEsDBA=="}', "payload.json"),
        refused_bundle("source"),
    ),
    CorpusEntry(
        "payload-array",
        "payload",
        "A JSON array instead of a payload object.",
        text_file(b"[1, 2, 3]\n", "payload.json"),
        refused_bundle("object"),
    ),
    CorpusEntry(
        "payload-skill-reference",
        "payload",
        "A skill_reference payload: it holds no bundle.",
        text_file(b'{"type": "skill_reference", "skill_id": "x"}', "payload.json"),
        refused_bundle("skill_reference"),
    ),
    CorpusEntry(
        "payload-not-utf8",
        "payload",
        "A payload JSON with Latin-1 bytes in a string.",
        text_file(b'{"type": "inline", "name": "caf\xe9"}', "payload.json"),
        refused_bundle("not valid", "utf-8"),
    ),
    CorpusEntry(
        "payload-deep-nesting",
        "payload",
        "A payload JSON nested 100,000 deep.",
        text_file(b.deep_json(100_000), "payload.json"),
        refused_bundle("not valid", "deep", "nest"),
    ),
    CorpusEntry(
        "payload-50mb",
        "payload",
        "A 50 MB payload whose data is base64 of 37 MB of zeros (not a zip): refused in bounded "
        "time and memory.",
        text_file(
            b'{"source": {"type": "base64", "data": "' + b"A" * (50 * MB) + b'"}}', "payload.json"
        ),
        refused_bundle("not a zip", "limit", "too large"),
        tags=SLOW,
    ),
    CorpusEntry(
        "payload-legacy-bad-base64",
        "payload",
        "The legacy `bundle` field holding invalid base64.",
        text_file(b'{"bundle": "%%% nope %%%"}', "payload.json"),
        refused_bundle("base64"),
    ),
    CorpusEntry(
        "bundle-dev-zero",
        "payload",
        "inspect /dev/zero: endless bytes; refused in bounded time and memory, never a hang.",
        dev_zero,
        refused_bundle("too large", "limit", "not a regular file", "device"),
    ),
    CorpusEntry(
        "bundle-is-directory",
        "payload",
        "The bundle path is a folder.",
        directory_bundle,
        refused_bundle("directory"),
    ),
    CorpusEntry(
        "unpack-into-nonempty",
        "payload",
        "unpack a good bundle into a folder that already holds a file: refused, the folder "
        "left exactly as it was.",
        nonempty_out,
        (Run("unpack", ("unpack", "{bundle}", "-o", "existing"), 1, ("not empty",)),),
    ),
    # ---- controls: the walker's own checks hold on good inputs too
    CorpusEntry(
        "control-good-skill",
        "controls",
        "A valid skill with BOM, CRLF and a folded description: every command succeeds, the "
        "packed bundle inspects clean and unpacks to the bundled files.",
        with_md(CRLF_MD),
        (
            validate(0, *CLEAN),
            pack(0, *PACKED, fmt="zip", out="packed.zip"),
            inspect(0, *ACCEPTED, bundle="packed.zip"),
            unpack(
                0,
                *UNPACKED,
                bundle="packed.zip",
                verify=expect_tree("unpacked", {"SKILL.md": CRLF_MD, "schema.json": SCHEMA_BYTES}),
            ),
            test(0, *PASSED),
            generate(0, *WROTE),
        ),
        tags=SLOW,
    ),
    CorpusEntry(
        "control-good-bundle",
        "controls",
        "A valid hand-made bundle in the folder layout: accepted, unpacked with its modes.",
        bundle_file(lambda place: b.good_zip("demo/")),
        (
            inspect(0, *ACCEPTED),
            unpack(
                0,
                *UNPACKED,
                verify=expect_tree("unpacked", GOOD_FILES, {"scripts/run.sh": 0o755}),
            ),
        ),
    ),
    CorpusEntry(
        "control-long-body",
        "controls",
        "A 600-line body: only a warning (SK401), so everything still runs.",
        with_skill(md=b.skill_md(body="# Demo\n\n" + "Read the total.\n" * 600)),
        (validate(0, "SK401"), pack(0, *PACKED), test(0, *PASSED)),
    ),
]

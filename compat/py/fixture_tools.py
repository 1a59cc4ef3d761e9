"""Turns a store generated in a temp folder into a committed fixture (used by make-fixtures.sh).

    python fixture_tools.py relocate <root> <new-root-path>
        Rewrites every mention of <root> (as a file: URI and as a plain path) in every file of
        the store to <new-root-path>, as if the store had been made there and then moved.
    python fixture_tools.py same-bytes <root> <rewrite_meta.json>
        Fails unless every meta.yaml is byte-identical to MLflow's own re-serialization of it.
    python fixture_tools.py package <root> <fixtures-dir> <name> <sidecar-inputs.json>
        Copies the store to <fixtures-dir>/<name>/ and writes <fixtures-dir>/<name>.fixture.json.

The sidecar (`<name>.fixture.json`) holds what git cannot: every directory (git drops empty
ones, such as artifacts/ and .trash/) and "extra files" whose paths git refuses or that global
gitignores commonly drop (.git, .DS_Store, .ipynb_checkpoints). test/helpers/fixtures.ts
recreates both when it copies a fixture. It also carries the inputs passed in
<sidecar-inputs.json> (ids, what MLflow reads from the store, ...), unchanged.

Uses only the standard library.
"""

import base64
import json
import os
import pathlib
import shutil
import sys

STRAY_NAMES = {".git", ".DS_Store", ".ipynb_checkpoints", "__pycache__"}


def die(message):
    sys.stderr.write(f"fixture_tools.py: {message}\n")
    sys.exit(1)


def all_files(root):
    for folder, _dirs, files in os.walk(root):
        for name in files:
            yield os.path.join(folder, name)


def relocate(root, new_root):
    resolved = pathlib.Path(root).resolve()
    replacements = [
        (resolved.as_uri().encode(), pathlib.PurePosixPath(new_root).as_uri().encode()),
        (str(resolved).encode(), new_root.encode()),
    ]
    for path in all_files(root):
        with open(path, "rb") as f:
            data = f.read()
        new = data
        for old, replacement in replacements:
            new = new.replace(old, replacement)
        if new != data:
            with open(path, "wb") as f:
                f.write(new)
    leftovers = [p for p in all_files(root) if str(resolved).encode() in open(p, "rb").read()]
    if leftovers:
        die(f"the temp path is still mentioned in {leftovers[:3]}")


def same_bytes(root, rewrite_json):
    with open(rewrite_json, encoding="utf-8") as f:
        files = json.load(f)["files"]
    bad = []
    for rel, entry in sorted(files.items()):
        with open(os.path.join(root, rel), "rb") as f:
            original = f.read()
        if "error" in entry or base64.b64decode(entry["base64"]) != original:
            bad.append(f"{rel}: {entry.get('error', 'bytes differ')}")
    if bad:
        die("meta.yaml files MLflow would not write this way:\n  " + "\n  ".join(bad))


def package(root, fixtures_dir, name, inputs_json):
    with open(inputs_json, encoding="utf-8") as f:
        sidecar = json.load(f)
    directories, extra = [], {}
    for folder, dirs, files in os.walk(root):
        rel_folder = os.path.relpath(folder, root).replace(os.sep, "/")
        for d in dirs:
            directories.append(d if rel_folder == "." else f"{rel_folder}/{d}")
        for name_ in files:
            rel = name_ if rel_folder == "." else f"{rel_folder}/{name_}"
            if STRAY_NAMES & set(rel.split("/")):
                with open(os.path.join(folder, name_), "rb") as f:
                    extra[rel] = base64.b64encode(f.read()).decode()
    dest = os.path.join(fixtures_dir, name)
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(root, dest, ignore=lambda _dir, names: [n for n in names if n in STRAY_NAMES])
    sidecar["directories"] = sorted(d for d in directories if not STRAY_NAMES & set(d.split("/")))
    sidecar["extraFiles"] = {rel: {"base64": data} for rel, data in sorted(extra.items())}
    with open(os.path.join(fixtures_dir, f"{name}.fixture.json"), "w", encoding="utf-8") as f:
        json.dump(sidecar, f, indent=1, sort_keys=True, ensure_ascii=True)
        f.write("\n")


def main():
    commands = {"relocate": (relocate, 2), "same-bytes": (same_bytes, 2), "package": (package, 4)}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        die(f"usage: fixture_tools.py {{{'|'.join(commands)}}} ...")
    command, arity = commands[sys.argv[1]]
    if len(sys.argv) != arity + 2:
        die(f"{sys.argv[1]} takes {arity} arguments")
    command(*sys.argv[2:])


if __name__ == "__main__":
    main()

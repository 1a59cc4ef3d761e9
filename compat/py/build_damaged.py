"""Builds the `damaged` fixture: a store MLflow wrote, then broken the ways real stores break.

    python build_damaged.py <root>         (run with the MLflow 3 venv; <root> must not exist)

MLflow 3 writes four experiments with one healthy run each, then this script damages them
(spec sections 4.1, 4.2, 8.3):

  healthy                   one good run, plus
    run "empty meta"          meta.yaml truncated to 0 bytes (an interrupted rewrite)
    run "no meta"             meta.yaml deleted; metrics/ params/ tags/ remain
    run "ds store"            a macOS .DS_Store (binary) inside tags/
  empty-meta experiment     experiment meta.yaml truncated to 0 bytes
  missing-meta experiment   experiment meta.yaml deleted; tags/ and a run remain
  mismatched experiment     meta.yaml says experiment_id 999999999999999999, folder differs
  <root>/.git/              a stray git folder (HEAD, config)
  <root>/.ipynb_checkpoints a stray Jupyter folder

Python MLflow cannot list this store at all (".git" is not a valid experiment id); a reader
that skips the damage sees Default, "healthy" with its good run, and nothing else.
Prints the symbol -> id map.
"""

import os
import sys

from _common import client_for, die, emit

# Shaped like a real .DS_Store: alignment header, "Bud1" magic, binary that is not UTF-8.
DS_STORE = bytes.fromhex("0000000142756431000010000000080000001000000004") + b"\xff\xfe\x80" + bytes(32)


def write_bytes(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def main():
    if len(sys.argv) != 2:
        die("usage: build_damaged.py <root>")
    root = sys.argv[1]
    if os.path.exists(root):
        die(f"{root} exists already")
    client = client_for(root)
    t = 1714000000000
    ids = {"default": "0"}

    def experiment(symbol, name):
        ids[symbol] = client.create_experiment(name, tags={"purpose": symbol})
        return ids[symbol]

    def run(symbol, exp, name, offset):
        run_id = client.create_run(exp, start_time=t + offset, run_name=name,
                                   tags={"mlflow.user": "alice"}).info.run_id
        client.log_param(run_id, "lr", "0.1")
        client.log_metric(run_id, "loss", 0.5, timestamp=t + offset + 1, step=0)
        client.set_terminated(run_id, end_time=t + offset + 2)
        ids[symbol] = run_id
        return os.path.join(root, exp, run_id)

    # Write everything first: MLflow's own name check lists the store and would trip over
    # (and log) the damage.
    healthy = experiment("healthy", "healthy")
    run("good", healthy, "good", 0)
    empty_run = run("empty_meta", healthy, "empty meta", 10)
    no_meta_run = run("no_meta", healthy, "no meta", 20)
    ds_store_run = run("ds_store", healthy, "ds store", 30)
    empty = experiment("empty_meta_exp", "empty meta experiment")
    run("in_empty_meta_exp", empty, "run under an empty experiment meta", 40)
    missing = experiment("missing_meta_exp", "missing meta experiment")
    run("in_missing_meta_exp", missing, "run under a missing experiment meta", 50)
    mismatched = experiment("mismatched_exp", "mismatched experiment")
    run("in_mismatched_exp", mismatched, "run under a mismatched experiment", 60)

    write_bytes(os.path.join(empty_run, "meta.yaml"), b"")
    os.remove(os.path.join(no_meta_run, "meta.yaml"))
    write_bytes(os.path.join(ds_store_run, "tags", ".DS_Store"), DS_STORE)
    write_bytes(os.path.join(root, empty, "meta.yaml"), b"")
    os.remove(os.path.join(root, missing, "meta.yaml"))
    meta = os.path.join(root, mismatched, "meta.yaml")
    with open(meta, encoding="utf-8") as f:
        text = f.read()
    with open(meta, "w", encoding="utf-8", newline="\n") as f:
        f.write(text.replace(f"experiment_id: '{mismatched}'", "experiment_id: '999999999999999999'"))

    write_bytes(os.path.join(root, ".git", "HEAD"), b"ref: refs/heads/main\n")
    write_bytes(os.path.join(root, ".git", "config"),
                b"[core]\n\trepositoryformatversion = 0\n\tbare = false\n")
    write_bytes(os.path.join(root, ".ipynb_checkpoints", "explore-checkpoint.ipynb"),
                b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n')
    emit(ids)


if __name__ == "__main__":
    main()

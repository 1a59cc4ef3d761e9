"""Writes a store with MLflow 3 logged models, some deleted, for the garbage-collection test.

    python build_logged_models.py <root>

    experiment "kept" (active):
        run "trainer" with three logged models, each with an artifact file:
            keep     active
            old      deleted, then its last_updated_timestamp set 40 days back (as if deleted then)
            recent   deleted now
        a deleted run, deleted now
    experiment "gone" (deleted after its models were made):
        a run with two logged models: "active-in-gone" active, "deleted-in-gone" deleted

Prints {"kept": id, "gone": id, "models": {name: model_id}, "runs": {name: run_id}}.
"""

import os
import sys
import tempfile
import time

from _common import client_for, die, emit

DAY_MS = 86_400_000


def add_model(client, experiment_id, run_id, name, scratch):
    model = client.create_logged_model(experiment_id, name=name, source_run_id=run_id)
    path = os.path.join(scratch, f"{name}.txt")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f"weights of {name}\n")
    client.log_model_artifact(model.model_id, path)
    client.finalize_logged_model(model.model_id, "READY")
    return model.model_id


def backdate(root, experiment_id, model_id, millis):
    """Rewrites a logged model's last_updated_timestamp, keeping every other line as written."""
    path = os.path.join(root, experiment_id, "models", model_id, "meta.yaml")
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().splitlines(keepends=True)
    with open(path, "w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(f"last_updated_timestamp: {millis}\n" if line.startswith("last_updated_timestamp:") else line)


def main():
    if len(sys.argv) != 2:
        die("usage: build_logged_models.py <root>")
    root = os.path.abspath(sys.argv[1])
    client = client_for(root)
    models, runs = {}, {}
    with tempfile.TemporaryDirectory() as scratch:
        kept = client.create_experiment("kept")
        trainer = client.create_run(kept, run_name="trainer").info.run_id
        runs["trainer"] = trainer
        for name in ("keep", "old", "recent"):
            models[name] = add_model(client, kept, trainer, name, scratch)
        client.set_terminated(trainer)
        client.delete_logged_model(models["old"])
        client.delete_logged_model(models["recent"])
        backdate(root, kept, models["old"], int(time.time() * 1000) - 40 * DAY_MS)
        runs["deleted"] = client.create_run(kept, run_name="deleted").info.run_id
        client.delete_run(runs["deleted"])

        gone = client.create_experiment("gone")
        in_gone = client.create_run(gone, run_name="in-gone").info.run_id
        runs["in-gone"] = in_gone
        for name in ("active-in-gone", "deleted-in-gone"):
            models[name] = add_model(client, gone, in_gone, name, scratch)
        client.delete_logged_model(models["deleted-in-gone"])
        client.delete_experiment(gone)
    emit({"kept": kept, "gone": gone, "models": models, "runs": runs})


if __name__ == "__main__":
    main()

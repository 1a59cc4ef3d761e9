"""Replays a scenario (a JSON list of operations) through Python MLflow's MlflowClient.

    python apply_scenario.py <root> <scenario.json>

<root> should not exist yet (MLflow then creates it with .trash/ and the Default experiment
"0") or be an existing store. Prints a JSON object mapping every symbolic experiment and run
name to its real id; the symbol "default" always maps to experiment "0".

Operations (the TS replayer in test/helpers/scenario.ts understands the same list). Experiments
and runs are named symbolically with "exp" and "run"; any operation may carry a "note".

  create_experiment      exp, name, tags? {k: v}, artifactLocation?
  create_run             run, exp, runName?, startTime?, tags? {k: v}, parent? (a run symbol,
                         stored as the mlflow.parentRunId tag)
  log_param              run, key, value
  log_metric             run, key, value, step?, timestamp?
  set_tag / delete_tag   run, key, value (set only)
  log_batch              run, metrics? [{key, value, timestamp, step}],
                         params? [{key, value}], tags? [{key, value}]
  update_run             run, runName?, status?
  set_terminated         run, status?, endTime?
  delete_run / restore_run                 run
  delete_experiment / restore_experiment   exp
  rename_experiment      exp, name
  set_experiment_tag     exp, key, value
  delete_experiment_tag  exp, key
  log_inputs             run, datasets [{name, digest, sourceType, source, schema?, profile?,
                         tags? {k: v}}]   (MLflow >= 2.4; our TS client does not model it yet)

Metric values are JSON numbers or the markers "NaN", "Infinity", "-Infinity". Every value is
converted to float first, as MLflow's own client does and as a JavaScript number already is.
"""

import json
import sys

from _common import client_for, die, emit, to_float


class Replayer:
    def __init__(self, client):
        self.client = client
        self.ids = {"default": "0"}

    def ref(self, op, field):
        symbol = op.get(field)
        if symbol not in self.ids:
            raise KeyError(f"unknown {field} symbol {symbol!r}")
        return self.ids[symbol]

    def define(self, symbol, real_id):
        if symbol in self.ids:
            raise KeyError(f"symbol {symbol!r} is defined twice")
        self.ids[symbol] = real_id

    def create_experiment(self, op):
        self.define(op["exp"], self.client.create_experiment(
            op["name"], artifact_location=op.get("artifactLocation"), tags=op.get("tags")))

    def create_run(self, op):
        tags = dict(op.get("tags") or {})
        if "parent" in op:
            tags["mlflow.parentRunId"] = self.ref(op, "parent")
        run = self.client.create_run(self.ref(op, "exp"), start_time=op.get("startTime"),
                                     tags=tags, run_name=op.get("runName"))
        self.define(op["run"], run.info.run_id)

    def log_param(self, op):
        self.client.log_param(self.ref(op, "run"), op["key"], op["value"])

    def log_metric(self, op):
        self.client.log_metric(self.ref(op, "run"), op["key"], to_float(op["value"]),
                               timestamp=op.get("timestamp"), step=op.get("step"))

    def set_tag(self, op):
        self.client.set_tag(self.ref(op, "run"), op["key"], op["value"])

    def delete_tag(self, op):
        self.client.delete_tag(self.ref(op, "run"), op["key"])

    def log_batch(self, op):
        from mlflow.entities import Metric, Param, RunTag

        metrics = [Metric(m["key"], to_float(m["value"]), m["timestamp"], m["step"])
                   for m in op.get("metrics", [])]
        params = [Param(p["key"], p["value"]) for p in op.get("params", [])]
        tags = [RunTag(t["key"], t["value"]) for t in op.get("tags", [])]
        self.client.log_batch(self.ref(op, "run"), metrics=metrics, params=params, tags=tags)

    def update_run(self, op):
        self.client.update_run(self.ref(op, "run"), status=op.get("status"),
                               name=op.get("runName"))

    def set_terminated(self, op):
        self.client.set_terminated(self.ref(op, "run"), status=op.get("status"),
                                   end_time=op.get("endTime"))

    def delete_run(self, op):
        self.client.delete_run(self.ref(op, "run"))

    def restore_run(self, op):
        self.client.restore_run(self.ref(op, "run"))

    def delete_experiment(self, op):
        self.client.delete_experiment(self.ref(op, "exp"))

    def restore_experiment(self, op):
        self.client.restore_experiment(self.ref(op, "exp"))

    def rename_experiment(self, op):
        self.client.rename_experiment(self.ref(op, "exp"), op["name"])

    def set_experiment_tag(self, op):
        self.client.set_experiment_tag(self.ref(op, "exp"), op["key"], op["value"])

    def delete_experiment_tag(self, op):
        exp_id = self.ref(op, "exp")
        if hasattr(self.client, "delete_experiment_tag"):
            self.client.delete_experiment_tag(exp_id, op["key"])
            return
        # MLflow 2.x has no delete_experiment_tag at all (client or FileStore). MLflow 3's
        # FileStore.delete_experiment_tag checks the experiment is active and removes
        # <exp>/tags/<key>; do exactly that so both versions leave the same store behind.
        import os

        from mlflow.entities import LifecycleStage

        store = self.client._tracking_client.store
        if store.get_experiment(exp_id).lifecycle_stage != LifecycleStage.ACTIVE:
            raise RuntimeError(f"experiment {exp_id} must be active to delete a tag")
        os.remove(store._get_experiment_tag_path(exp_id, op["key"]))

    def log_inputs(self, op):
        from mlflow.entities import Dataset, DatasetInput, InputTag

        inputs = [DatasetInput(
            Dataset(name=d["name"], digest=d["digest"], source_type=d["sourceType"],
                    source=d["source"], schema=d.get("schema"), profile=d.get("profile")),
            tags=[InputTag(k, v) for k, v in (d.get("tags") or {}).items()],
        ) for d in op["datasets"]]
        self.client.log_inputs(self.ref(op, "run"), datasets=inputs)

    OPS = frozenset({
        "create_experiment", "create_run", "log_param", "log_metric", "set_tag", "delete_tag",
        "log_batch", "update_run", "set_terminated", "delete_run", "restore_run",
        "delete_experiment", "restore_experiment", "rename_experiment", "set_experiment_tag",
        "delete_experiment_tag", "log_inputs",
    })

    def apply(self, index, op):
        if op.get("op") not in self.OPS:
            raise ValueError(f"operation #{index}: unknown op {op.get('op')!r}")
        try:
            getattr(self, op["op"])(op)
        except Exception as error:  # noqa: BLE001 - re-raised with the failing operation
            raise RuntimeError(f"operation #{index} failed: {json.dumps(op)[:300]}") from error


def main():
    if len(sys.argv) != 3:
        die("usage: apply_scenario.py <root> <scenario.json>")
    with open(sys.argv[2], encoding="utf-8") as f:
        scenario = json.load(f)
    if not isinstance(scenario, list):
        die("a scenario is a JSON list of operations")
    replayer = Replayer(client_for(sys.argv[1]))
    for index, op in enumerate(scenario):
        replayer.apply(index, op)
    emit(replayer.ids)


if __name__ == "__main__":
    main()

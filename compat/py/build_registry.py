"""Writes the `registry` fixture: a model registry made by Python MLflow's client.

    python build_registry.py <root>

One run logs a tiny ml.js LogisticRegression (two one-vs-all classifiers whose weights send
[1, 0] to class 0 and [0, 1] to class 1) as an MLflow model directory with the `mljs` flavor
and a signature, through mlflow.models.Model and log_artifacts. Then, in the registry:

    toy        v1 from mlflow.register_model(runs:/…/model) (source: the run's artifact URI),
               v2 from create_model_version with the runs:/ URI as source, v3 deleted;
               v1 Production, v2 Staging; aliases champion → 1, challenger → 2;
               a model tag, a version tag, a description
    new-name   renamed from old-name (MLflow leaves the old name's tags behind)
    summarize  a prompt (mlflow.genai.register_prompt), hidden from model searches

Prints {"experiment": id, "run": run_id} for the sidecar.
"""

import json
import os
import sys
import tempfile

from _common import die, emit, file_uri

MODEL_JSON = {
    "name": "LogisticRegression", "numSteps": 1, "learningRate": 0.001, "numberClasses": 2,
    "classifiers": [
        {"numSteps": 1, "learningRate": 0.001, "weights": [[-5.0, 5.0]]},
        {"numSteps": 1, "learningRate": 0.001, "weights": [[5.0, -5.0]]},
    ],
}


def log_toy_model(client, run_id):
    import numpy as np
    from mlflow.models import Model, ModelSignature
    from mlflow.types import Schema, TensorSpec

    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "model.json"), "w", encoding="utf-8") as f:
            json.dump(MODEL_JSON, f)
        model = Model(artifact_path="model", run_id=run_id)
        model.add_flavor("mljs", class_name="LogisticRegression", data="model.json", model_name="LogisticRegression")
        model.signature = ModelSignature(
            inputs=Schema([TensorSpec(np.dtype("float64"), (-1, 2))]),
            outputs=Schema([TensorSpec(np.dtype("int64"), (-1,))]))
        model.save(os.path.join(tmp, "MLmodel"))
        client.log_artifacts(run_id, tmp, "model")


def main():
    if len(sys.argv) != 2:
        die("usage: build_registry.py <root>")
    import mlflow

    root = sys.argv[1]
    mlflow.set_tracking_uri(file_uri(root))
    mlflow.set_registry_uri(file_uri(root))
    client = mlflow.MlflowClient()
    experiment = client.create_experiment("registry")
    run_id = client.create_run(experiment, run_name="toy-logreg").info.run_id
    log_toy_model(client, run_id)
    client.set_terminated(run_id)

    mlflow.register_model(f"runs:/{run_id}/model", "toy")
    client.create_model_version("toy", f"runs:/{run_id}/model", run_id)
    client.create_model_version("toy", "file:///nowhere/model", description="deleted below")
    client.transition_model_version_stage("toy", 1, "Production")
    client.transition_model_version_stage("toy", 2, "staging")
    client.set_registered_model_alias("toy", "champion", 1)
    client.set_registered_model_alias("toy", "challenger", 2)
    client.set_registered_model_tag("toy", "team", "ml")
    client.set_model_version_tag("toy", 2, "validated", "no")
    client.update_registered_model("toy", description="A toy classifier")
    client.delete_model_version("toy", 3)

    client.create_registered_model("old-name", tags={"kept": "no"})
    client.create_model_version("old-name", f"runs:/{run_id}/model", run_id)
    client.rename_registered_model("old-name", "new-name")
    mlflow.genai.register_prompt(name="summarize", template="Summarize: {{text}}")
    emit({"experiment": experiment, "run": run_id})


if __name__ == "__main__":
    main()

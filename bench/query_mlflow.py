"""Times Python MLflow's search_runs on a store, in this process, imports excluded.

usage: query_mlflow.py <root> <experiment_id> <filter> <order_by_json> <repeats>
Prints one JSON line: firstMs, repeatMs (median), returned, ids (first 20), maxRssMb.
"""
import json
import os
import pathlib
import resource
import sys
import time

os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")
root, experiment_id, filter_string, order_by_json, repeats = sys.argv[1:6]
order_by = json.loads(order_by_json)

from mlflow.tracking import MlflowClient  # noqa: E402  (imports are outside the timing)

t0 = time.perf_counter()
client = MlflowClient(tracking_uri=pathlib.Path(root).resolve().as_uri())
runs = client.search_runs([experiment_id], filter_string, order_by=order_by, max_results=1000)
first_ms = (time.perf_counter() - t0) * 1000

repeat_ms = []
for _ in range(int(repeats)):
    t = time.perf_counter()
    client.search_runs([experiment_id], filter_string, order_by=order_by, max_results=1000)
    repeat_ms.append((time.perf_counter() - t) * 1000)
repeat_ms.sort()

print(json.dumps({
    "firstMs": first_ms,
    "repeatMs": repeat_ms[len(repeat_ms) // 2] if repeat_ms else None,
    "returned": len(runs),
    "ids": [r.info.run_id for r in runs],
    "maxRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))

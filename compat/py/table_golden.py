"""Prints the golden outputs of pandas' JSON table writer that MLflow's log_table uses.

    python table_golden.py > test/format/table-golden.json

Needs pandas (not part of the pinned compat venvs, which hold mlflow-skinny): run it with any
Python that has pandas; the output was made with pandas 3.1.1. mlflow.log_table writes
``DataFrame(data).to_json(path, orient="split", index=False, date_format="iso")``.

Shape: {"pandas": version,
        "floats": [[repr(x), text pandas writes for a float64 cell holding x], ...],
        "tables": [{"data": <column dict or list of records>, "json": <file content>}, ...]}
Floats are given as repr strings so the reader gets the exact double back with Number();
non-finite floats inside "data" are written as {"$float": "nan" | "inf" | "-inf"}.
"""

import json
import math
import sys

import pandas as pd

FLOATS = [0.0, -0.0, 0.1, 0.5, 1.0, 2.5, 1 / 3, 2 / 3, 1e-05, 1.5e-10, 2.5e-10, 1e-11, 1.23456789012345e-09,
          123456789.123456789, 1234567890123.456, 0.99999999999, 0.999999999949, 9.99999999995,
          0.00001234, 3e-07, 5e-06, 1e-15, 1e-16, 5e-324, 2 ** 53, 1e15, 1e16, 1.5e16, 1e17, 1e20,
          1e21, 12345678901234567.0, 1.7976931348623157e308, -1.5, -0.3333333333333333, -1e-20,
          -2.5e17, 10000000005000000.0, 10000000015000000.0, 0.05, 0.15, 0.25, 0.35, 1.00000000005,
          math.pi, math.e, 6.02214076e23, 1.602176634e-19]

TABLES = [
    {"inputs": ["a", "b"], "x": [1, 2], "y": [0.1, 1 / 3], "z": [1.0, None], "b": [True, False]},
    {"s": ["a/b", "\u00e9", "\n\t\u0001", "\"\\", "\u2028", "\U0001F600", "<>&", None],
     "i": [1, None, 3, 4, 5, 6, 7, 8], "bb": [True, None, False, True, True, True, True, True]},
    {"mixed": [1, "a", True, None, 2.5, [1, 2], {"k": 1}, "z"]},
    [{"a": 1, "b": 2}, {"b": 3, "c": "x"}],
    {"a": 1, "b": "x"},
    {"a": [], "b": []},
    {"n": [None, None], "f": [float("nan"), 1.5], "inf": [float("inf"), -float("inf")]},
    {"big": [2 ** 53 + 2, -(2 ** 40)], "neg": [-1, -2]},
]


def marked(value):
    """The data with non-finite floats as {"$float": ...} markers, for strict JSON."""
    if isinstance(value, float) and not math.isfinite(value):
        return {"$float": repr(value)}
    if isinstance(value, dict):
        return {k: marked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [marked(v) for v in value]
    return value


def main():
    floats = []
    for value in FLOATS:
        text = pd.DataFrame({"a": [float(value)]}).to_json(orient="split", index=False, date_format="iso")
        floats.append([repr(float(value)), text[text.index("[[") + 2:-3]])
    tables = []
    for data in TABLES:
        frame = pd.DataFrame(data) if not (isinstance(data, dict) and not any(isinstance(v, list) for v in data.values())) else pd.DataFrame([data])
        tables.append({"data": marked(data), "json": frame.to_json(orient="split", index=False, date_format="iso")})
    json.dump({"pandas": pd.__version__, "floats": floats, "tables": tables}, sys.stdout, indent=1, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

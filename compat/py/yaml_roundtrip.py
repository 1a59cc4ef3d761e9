"""PyYAML as MLflow calls it, as an oracle for src/format/yaml/.

    python yaml_roundtrip.py dump < values.json   # JSON list of values -> JSON list of YAML texts
    python yaml_roundtrip.py load < texts.json    # JSON list of YAML texts -> JSON list of values

`dump` writes each value exactly as MLflow writes a meta.yaml (mlflow/utils/file_utils.py,
write_yaml): yaml.dump(value, default_flow_style=False, allow_unicode=True, sort_keys=True,
Dumper=CSafeDumper). `load` reads each text as MLflow does: yaml.load(text, Loader=CSafeLoader).
JSON integers of any size pass through exactly in both directions. Needs PyYAML built with
libyaml: the pure-Python emitter writes some strings differently (emoji, for one).
"""

import json
import sys

import yaml


def dump(value):
    return yaml.dump(value, default_flow_style=False, allow_unicode=True, sort_keys=True, Dumper=yaml.CSafeDumper)


def load(text):
    return yaml.load(text, Loader=yaml.CSafeLoader)


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "dump"
    if mode not in ("dump", "load"):
        sys.exit("usage: yaml_roundtrip.py [dump|load] < list.json")
    if not getattr(yaml, "__with_libyaml__", False):
        sys.exit("yaml_roundtrip.py: this PyYAML has no libyaml; MLflow's CSafeDumper output cannot be reproduced")
    items = json.load(sys.stdin)
    results = [dump(item) if mode == "dump" else load(item) for item in items]
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()

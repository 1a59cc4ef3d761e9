import { describe, expect, it } from 'vitest';
import { parseFlatYaml } from '../../src/format/flat-yaml.js';
import { parseYaml, renderYaml } from '../../src/format/yaml/index.js';

const RUN_META = `artifact_uri: file:///home/alice/mlruns/0/df61532aafa046dbae5892121ff3a511/artifacts
end_time: null
entry_point_name: ''
experiment_id: '473869837152367325'
lifecycle_stage: active
run_id: df61532aafa046dbae5892121ff3a511
run_name: caring-lynx-840
source_type: 4
start_time: 1795440078931
status: 3
tags: []
user_id: root
`;

describe('the flat meta.yaml fast path', () => {
  it('reads a typical run meta.yaml exactly as the full parser does', () => {
    expect(parseFlatYaml(RUN_META)).toEqual(parseYaml(RUN_META));
  });

  it('keeps a legacy unquoted 18-digit experiment id exact', () => {
    expect(parseFlatYaml('experiment_id: 473869837152367325\n')).toEqual({ experiment_id: 473869837152367325n });
  });

  it.each([
    'name: yes\n',
    'value: 1.5\n',
    'when: 2024-01-01\n',
    'n: 0x1F\n',
    "a: 'folded\n  line'\n",
    'tags:\n  k: v\n',
    'name: a b \n',
    'no newline: x',
  ])('leaves %j to the full parser', (text) => {
    expect(parseFlatYaml(text)).toBeUndefined();
  });

  it('gives the full parser’s value for every text it accepts, over random metas', () => {
    const alphabet = ["'", ' ', 'a', 'Z', '1', '0', ':', '#', '-', '.', 'é', '~', 'y', 'e', 'n', '_', '%', '\n', '/', '"'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let accepted = 0;
    for (let i = 0; i < 3000; i += 1) {
      const fields: Record<string, unknown> = {};
      for (const key of ['a', 'b_c', 'name']) {
        const kind = random();
        fields[key] =
          kind < 0.6
            ? Array.from({ length: Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')
            : kind < 0.8
              ? Math.floor(random() * 1e6) - 5
              : kind < 0.9
                ? null
                : [];
      }
      const text = renderYaml(fields);
      const fast = parseFlatYaml(text);
      if (fast === undefined) continue;
      accepted += 1;
      expect(fast).toEqual(parseYaml(text));
    }
    expect(accepted).toBeGreaterThan(1000);
  });
});

/**
 * The YAML dialect of MLflow's `meta.yaml` files, both ways, with no I/O.
 *
 * MLflow writes every meta.yaml with
 * `yaml.dump(data, default_flow_style=False, allow_unicode=True, sort_keys=True,
 * Dumper=yaml.CSafeDumper)` and reads it with `yaml.load(text, Loader=yaml.CSafeLoader)`
 * (spec §2.1). The C dumper is libyaml's emitter driven by PyYAML's Python representer and
 * YAML 1.1 resolver; the loader is libyaml's parser followed by PyYAML's SafeConstructor.
 *
 * - {@link renderYaml} re-implements the libyaml emitter rules that the meta.yaml value subset
 *   exercises (scalar analysis, style choice, the three quoted/plain writers with folding at
 *   80 columns, block indentation), so output is byte-identical to the PyYAML call above.
 * - {@link parseYaml} lets the `yaml` package build the node tree (all scalars as text) and
 *   applies PyYAML's YAML 1.1 resolver and safe constructors itself, so `1e3` stays a string,
 *   `yes` is `true` and 18-digit experiment ids come back as exact `bigint`s.
 *
 * Both directions share one resolver, {@link resolvePlainScalar}, which is what decides whether
 * a string must be quoted on the way out and what a plain scalar means on the way in.
 *
 * Layout: `resolve` (the shared resolver); `analyze`, `emit`, `writer`, `render`, `renderable`
 * (the dumper); `load`, `construct`, `construct-scalar`, `scalar-constructors` (the loader).
 */
export { YamlParseError } from './errors.js';
export { parseYaml } from './load.js';
export { renderYaml } from './render.js';
export { type PlainScalarKind, resolvePlainScalar } from './resolve.js';
export type { YamlMapping, YamlScalar, YamlValue } from './types.js';

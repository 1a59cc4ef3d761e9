/** PyYAML's SafeConstructor over the `yaml` package's node tree: aliases, merges, collections. */
import { yamlPackage } from './package.js';
import type { Document, Node as YamlNode, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { YAML_TAG_PREFIX, constructScalar } from './construct-scalar.js';
import { fail } from './errors.js';
import { resolvePlainScalar } from './resolve.js';

export interface ConstructContext {
  readonly doc: Document.Parsed;
  readonly source: string;
}

function deref(node: unknown, ctx: ConstructContext): unknown {
  return yamlPackage().isAlias(node) ? node.resolve(ctx.doc) : node;
}

function isMergeKey(key: unknown): boolean {
  if (!yamlPackage().isScalar(key)) return false;
  if (key.tag !== undefined) return key.tag === `${YAML_TAG_PREFIX}merge`;
  return key.type === 'PLAIN' && resolvePlainScalar(String(key.value)) === 'merge';
}

/**
 * PyYAML flatten_mapping: entries pulled in by `<<` come first (from a list of mappings, the
 * earliest mapping wins), then the mapping's own entries, so explicit keys override merged ones.
 */
function flattenPairs(map: YAMLMap, ctx: ConstructContext): Pair[] {
  const merged: Pair[] = [];
  const own: Pair[] = [];
  for (const pair of map.items as Pair[]) {
    if (!isMergeKey(pair.key)) {
      own.push(pair);
      continue;
    }
    const value = deref(pair.value, ctx);
    if (yamlPackage().isMap(value)) merged.push(...flattenPairs(value, ctx));
    else if (yamlPackage().isSeq(value)) {
      const sources = value.items.map((item) => {
        const target = deref(item, ctx);
        if (!yamlPackage().isMap(target)) fail('expected a mapping for merging', item as YamlNode);
        return flattenPairs(target, ctx);
      });
      for (const pairs of sources.reverse()) merged.push(...pairs);
    } else fail('expected a mapping or list of mappings for merging', value as YamlNode);
  }
  return [...merged, ...own];
}

/** JS objects need string keys; other scalar keys are converted with `String()`. */
function keyString(key: unknown, node: unknown): string {
  if (typeof key === 'string') return key;
  if (key === null || typeof key !== 'object') return String(key);
  if (key instanceof Date) return key.toISOString();
  return fail('found unhashable key', node as YamlNode);
}

function constructMapping(map: YAMLMap, ctx: ConstructContext): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const pair of flattenPairs(map, ctx)) {
    // A plain `=` key is a string to PyYAML (flatten_mapping re-tags it).
    const key = yamlPackage().isScalar(pair.key) && pair.key.type === 'PLAIN' && pair.key.value === '=' ? '=' : construct(pair.key, ctx);
    // defineProperty: a key named `__proto__` must become data, not change the prototype.
    Object.defineProperty(result, keyString(key, pair.key), {
      value: construct(pair.value, ctx),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

/** A collection may carry its standard tag or the bare `!`; the safe loader knows no other. */
function checkCollectionTag(node: YAMLSeq | YAMLMap, standard: 'seq' | 'map'): void {
  const tag = node.tag ?? `${YAML_TAG_PREFIX}${standard}`;
  if (tag !== `${YAML_TAG_PREFIX}${standard}` && tag !== '!') fail(`unsupported tag ${tag}`, node);
}

export function construct(node: unknown, ctx: ConstructContext): unknown {
  const target = deref(node, ctx);
  if (target === null || target === undefined) return null; // `key:` with nothing after it
  if (yamlPackage().isScalar(target)) return constructScalar(target, ctx.source);
  if (yamlPackage().isSeq(target)) {
    checkCollectionTag(target, 'seq');
    return target.items.map((item) => construct(item, ctx));
  }
  if (yamlPackage().isMap(target)) {
    checkCollectionTag(target, 'map');
    return constructMapping(target, ctx);
  }
  return fail('unexpected YAML node', target as YamlNode);
}

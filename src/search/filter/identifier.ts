/**
 * From identifier text (`metrics."my key"`, `` `tag`.a ``, `run_id`) to an entity and a key,
 * with MLflow's string handling (`_get_identifier`, `_strip_quotes`, `_trim_backticks`): split at
 * the first `.`, no dot means an attribute, strip one level of quotes and then of backticks.
 * Operating on the identifier's raw text reproduces MLflow's quirks (`metrics. acc` has the key
 * " acc"; `metrics."a".b` has the key `"a".b`).
 */
import {
  DATASET_FIELDS,
  EXPERIMENT_ATTRIBUTES,
  EXPERIMENT_ENTITY_TYPES,
  MESSAGES,
  RUN_ENTITY_ALIASES,
  type EntityType,
} from './vocabulary.js';

export interface ResolvedIdentifier {
  readonly entity: EntityType;
  /** The key after quote stripping (before alias resolution). */
  readonly key: string;
}

/** Thrown by the resolvers; the caller turns it into a FilterSyntaxError at `offset`. */
export class IdentifierError extends Error {
  constructor(
    readonly reason: string,
    /** Offset within the identifier text. */
    readonly offset: number,
  ) {
    super(reason);
  }
}

function isQuoted(value: string, quote: string): boolean {
  return value.length >= 2 && value.startsWith(quote) && value.endsWith(quote);
}

/** MLflow's `_strip_quotes` (without the "expected quoted" check). */
export function stripQuotes(value: string): string {
  return isQuoted(value, "'") || isQuoted(value, '"') ? value.slice(1, -1) : value;
}

/** True if MLflow's `_strip_quotes(value, expect_quoted_value=True)` would accept `value`. */
export function isQuotedValue(value: string): boolean {
  return isQuoted(value, "'") || isQuoted(value, '"');
}

export function trimBackticks(value: string): string {
  return isQuoted(value, '`') ? value.slice(1, -1) : value;
}

/** Splits identifier text at its first dot into entity and key (MLflow's `split('.', 1)`). */
export function split(text: string): { entity: string | undefined; key: string; keyOffset: number } {
  const dot = text.indexOf('.');
  return dot === -1 ? { entity: undefined, key: text, keyOffset: 0 } : { entity: text.slice(0, dot), key: text.slice(dot + 1), keyOffset: dot + 1 };
}

function hasKey(record: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/** `SearchUtils._get_identifier` for runs. */
export function resolveRunIdentifier(text: string, attributes: Readonly<Record<string, string>>): ResolvedIdentifier {
  const parts = split(text);
  const entityText = trimBackticks(parts.entity ?? 'attribute');
  if (!hasKey(RUN_ENTITY_ALIASES, entityText)) throw new IdentifierError(MESSAGES.runEntity(entityText), 0);
  const entity = RUN_ENTITY_ALIASES[entityText]!;
  const key = trimBackticks(stripQuotes(parts.key));
  if (entity === 'attribute' && !hasKey(attributes, key)) {
    throw new IdentifierError(MESSAGES.attributeKey(key, Object.keys(attributes)), parts.keyOffset);
  }
  if (entity === 'dataset' && !(DATASET_FIELDS as readonly string[]).includes(key)) {
    throw new IdentifierError(MESSAGES.datasetKey(key), parts.keyOffset);
  }
  return { entity, key };
}

/**
 * `SearchExperimentsUtils._get_identifier`: only `attribute`, `tag` and `tags` are entities.
 * The registry's order_by reuses it with its own attribute keys.
 */
export function resolveExperimentIdentifier(text: string, attributes: Readonly<Record<string, string>> = EXPERIMENT_ATTRIBUTES): ResolvedIdentifier {
  const parts = split(text);
  if (parts.entity !== undefined && !EXPERIMENT_ENTITY_TYPES.includes(parts.entity)) {
    throw new IdentifierError(MESSAGES.experimentEntity(parts.entity), 0);
  }
  const entity: EntityType = parts.entity === undefined || parts.entity === 'attribute' ? 'attribute' : 'tag';
  const key = trimBackticks(stripQuotes(parts.key));
  if (entity === 'attribute' && !hasKey(attributes, key)) {
    throw new IdentifierError(MESSAGES.attributeKey(key, Object.keys(attributes)), parts.keyOffset);
  }
  return { entity, key };
}

/**
 * Small readers for fields of a parsed meta.yaml mapping. YAML 1.1 may hand back a number, a
 * bigint (ids beyond 2^53), a boolean or null where MLflow meant text, so each reader says
 * exactly what it accepts and names the field when it does not.
 */

/** A meta.yaml that cannot be understood; the store adds the file's path and skips or raises. */
export class MetaFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetaFormatError';
  }
}

/**
 * A meta.yaml with nothing in it. Python MLflow rewrites run metas in place, so a reader can
 * catch one empty for a moment: readers wait and read such a file again before they give up.
 */
export class EmptyMetaError extends MetaFormatError {
  constructor(path: string) {
    super(`'${path}' is empty`);
    this.name = 'EmptyMetaError';
  }
}

export type MetaMapping = Readonly<Record<string, unknown>>;

export function asMapping(parsed: unknown, what: string): MetaMapping {
  if (parsed === null || parsed === undefined) throw new MetaFormatError(`the ${what} meta.yaml is empty`);
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new MetaFormatError(`the ${what} meta.yaml does not hold a mapping of fields`);
  }
  return parsed as MetaMapping;
}

/** Text from a scalar: strings as they are, integers (also bigint) as their decimal digits. */
export function scalarText(meta: MetaMapping, field: string): string | undefined {
  const value = meta[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  throw new MetaFormatError(`field '${field}' should be text, found ${JSON.stringify(value)}`);
}

export function requiredText(meta: MetaMapping, field: string): string {
  const text = scalarText(meta, field);
  if (text === undefined) throw new MetaFormatError(`required field '${field}' is missing`);
  return text;
}

/** Milliseconds: an integer, or null when absent. */
export function optionalMillis(meta: MetaMapping, field: string): number | null {
  const value = meta[field];
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  throw new MetaFormatError(`field '${field}' should be a whole number of milliseconds, found ${JSON.stringify(value)}`);
}

export function lifecycleStage(meta: MetaMapping, fallback: 'active' | 'deleted'): 'active' | 'deleted' {
  const value = meta.lifecycle_stage;
  if (value === undefined || value === null) return fallback;
  if (value === 'active' || value === 'deleted') return value;
  throw new MetaFormatError(`field 'lifecycle_stage' should be 'active' or 'deleted', found ${JSON.stringify(value)}`);
}

/** The values {@link renderYaml} writes, and the run-time shape it checks them against. */

/** A scalar that {@link renderYaml} can write. Numbers must be safe integers. */
export type YamlScalar = string | number | bigint | boolean | null;

/** Any value {@link renderYaml} can write: scalars, arrays and string-keyed mappings. */
export type YamlValue = YamlScalar | readonly YamlValue[] | { readonly [key: string]: YamlValue };

/**
 * The top-level mapping {@link renderYaml} takes. Its values must be {@link YamlValue}s; that is
 * checked at run time (a `TypeError` names the offending field), so callers may assemble the
 * fields in a plain `Record<string, unknown>`.
 */
export type YamlMapping = Readonly<Record<string, unknown>>;

/** A nested mapping after the run-time check. */
export type CheckedMapping = { readonly [key: string]: YamlValue };

export function isMapping(value: unknown): value is CheckedMapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

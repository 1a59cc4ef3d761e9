/** The run-time check {@link renderYaml} makes before it writes anything. */

/** With the `u` flag a surrogate range matches only unpaired halves. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/** Reject what PyYAML could not have dumped, so bad input fails here and not in a reader. */
export function assertRenderable(value: unknown, path: string, seen: Set<object>): void {
  if (value === null || typeof value === 'boolean' || typeof value === 'bigint') return;
  if (typeof value === 'string') {
    // Python cannot UTF-8-encode a lone surrogate; PyYAML fails on it too.
    if (LONE_SURROGATE.test(value)) throw new TypeError(`renderYaml: ${path} contains a lone surrogate`);
    return;
  }
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return;
    throw new TypeError(`renderYaml: ${path} is ${value}; only safe integers (or bigint) can be written`);
  }
  if (typeof value !== 'object') throw new TypeError(`renderYaml: ${path} has unsupported type ${typeof value}`);
  if (seen.has(value)) throw new TypeError(`renderYaml: ${path} refers back to one of its parents`);
  seen.add(value);
  if (Array.isArray(value)) value.forEach((item, i) => assertRenderable(item, `${path}[${i}]`, seen));
  else if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
    throw new TypeError(`renderYaml: ${path} is a ${value.constructor.name}; use a plain object`);
  } else {
    for (const [key, item] of Object.entries(value)) assertRenderable(item, `${path}.${key}`, seen);
  }
  seen.delete(value);
}

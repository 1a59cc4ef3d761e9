import type { Node as YamlNode } from 'yaml';

/**
 * Thrown by {@link parseYaml} when the text is not YAML PyYAML's safe loader would accept.
 *
 * It is a plain `Error` on purpose: the codec knows nothing about stores, so callers wrap it in
 * `InternalError` (with this error as `cause`) and add the file path.
 */
export class YamlParseError extends Error {
  /** Character offset in the parsed text where the problem was found, when known. */
  readonly offset: number | undefined;

  constructor(message: string, options: { offset?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'YamlParseError';
    this.offset = options.offset;
  }
}

/** Throw a {@link YamlParseError} that points at the start of `node`, when there is one. */
export function fail(message: string, node?: YamlNode | null, cause?: unknown): never {
  throw new YamlParseError(message, { offset: node?.range?.[0], cause });
}

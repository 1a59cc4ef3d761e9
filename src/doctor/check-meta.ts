import { MetaFormatError } from '../format/meta-fields.js';
import { YamlParseError, parseYaml } from '../format/yaml/index.js';
import { readTextOrNull } from '../backends/file/fs-io.js';
import type { ScanContext } from './scan-context.js';

/**
 * Reads the meta.yaml of an experiment or run and reports it when it is missing, empty
 * or not YAML; `parse` turns the YAML into the entity (and may throw MetaFormatError).
 * Returns the parsed entity, or undefined after reporting why there is none.
 */
export async function readMeta<T>(
  scan: ScanContext,
  path: string,
  what: string,
  parse: (yaml: unknown) => T,
  onMissing: () => void,
): Promise<T | undefined> {
  const text = await readTextOrNull(path);
  if (text === null) {
    onMissing();
    return undefined;
  }
  if (text.trim() === '') {
    scan.add('META_EMPTY', path, `the meta.yaml of ${what} is empty; restore it from a backup or remove the folder`);
    return undefined;
  }
  try {
    return parse(parseYaml(text));
  } catch (error) {
    if (!(error instanceof MetaFormatError) && !(error instanceof YamlParseError)) throw error;
    scan.add('META_INVALID', path, `the meta.yaml of ${what} cannot be read: ${error.message}`);
    return undefined;
  }
}

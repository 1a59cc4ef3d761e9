import { EmptyMetaError, MetaFormatError } from '../../format/meta-fields.js';
import { parseFlatYaml } from '../../format/flat-yaml.js';
import { parseYaml } from '../../format/yaml/index.js';
import { REWRITE_RETRY_DELAYS_MS, readTextOrNull, sleep } from './fs-io.js';

/**
 * Reads and parses a YAML file. Returns undefined when the file does not exist. An empty file
 * is read again twice after short pauses before it counts as malformed, as MLflow does: Python
 * MLflow rewrites run meta.yaml files in place, so a reader can catch one empty for a moment.
 */
export async function readYamlFile(path: string, retryDelays: readonly number[] = REWRITE_RETRY_DELAYS_MS): Promise<unknown> {
  let text = await readTextOrNull(path);
  for (const delay of retryDelays) {
    if (text === null || text.trim() !== '') break;
    await sleep(delay);
    text = await readTextOrNull(path);
  }
  if (text === null) return undefined;
  if (text.trim() === '') throw new EmptyMetaError(path);
  try {
    // The flat reader gives the same value for the one-level files MLflow writes, much faster.
    return parseFlatYaml(text) ?? parseYaml(text);
  } catch (error) {
    throw new MetaFormatError(`'${path}' is not valid YAML: ${(error as Error).message}`);
  }
}

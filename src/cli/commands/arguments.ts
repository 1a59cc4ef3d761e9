import type { Experiment, ViewType } from '../../entities/index.js';
import { ResourceNotFoundError, isMlflowError } from '../../errors/index.js';
import type { Cli } from '../context.js';
import { UsageError } from '../errors.js';

/** `--view active|deleted|all` as MLflow's view type. */
export const VIEWS: Readonly<Record<string, ViewType>> = { active: 'ACTIVE_ONLY', deleted: 'DELETED_ONLY', all: 'ALL' };

/** Collects a repeatable option's values (commander's reducer). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A positive whole number option (`--max 50`). */
export function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${name} takes a whole number of at least 1; got '${value}'.`);
    return n;
  };
}

/** `key=value` pairs (`--param lr=0.1`) as a record; the value may contain '='. */
export function keyValues(pairs: readonly string[] | undefined, option: string): Record<string, string> {
  const record: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`${option} takes key=value; got '${pair}'. Example: ${option} lr=0.01`);
    record[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return record;
}

/**
 * The experiment a command line names, by id first, then by exact name (active or deleted).
 */
export async function findExperiment(cli: Cli, ref: string): Promise<Experiment> {
  try {
    return await cli.client.getExperiment(ref);
  } catch (error) {
    if (!isMlflowError(error) || !['RESOURCE_DOES_NOT_EXIST', 'INVALID_PARAMETER_VALUE'].includes(error.errorCode)) throw error;
  }
  const byName = await cli.client.getExperimentByName(ref).catch((error: unknown) => {
    if (isMlflowError(error) && error.errorCode === 'INVALID_PARAMETER_VALUE') return null;
    throw error;
  });
  if (byName === null) {
    throw new ResourceNotFoundError(`No experiment with id or name '${ref}' in ${cli.client.root}. List them with 'mlruns experiments list --view all'.`);
  }
  return byName;
}

import { constants } from 'node:os';
import type { Command } from 'commander';
import type { RunStatus } from '../../entities/index.js';
import { isMlflowError } from '../../errors/index.js';
import { SYSTEM_TAGS, gitCommit } from '../../client/system-tags.js';
import type { Cli } from '../context.js';
import { handler } from '../handler.js';
import { UsageError } from '../errors.js';
import { collect, findExperiment, keyValues } from './arguments.js';
import { runTracked, type ProcessOutcome } from './tracked-process.js';

interface RunOptions {
  experiment?: string;
  name?: string;
  param?: string[];
  tag?: string[];
}

/** The command line as one string a shell would read back the same. */
function shellLine(command: readonly string[]): string {
  return command.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)).join(' ');
}

/** The experiment named (-e, else $MLFLOW_EXPERIMENT_ID / _NAME, else Default), created when a name is new. */
async function experimentFor(cli: Cli, ref: string | undefined): Promise<{ id: string; name: string }> {
  const wanted = ref ?? (process.env.MLFLOW_EXPERIMENT_ID || process.env.MLFLOW_EXPERIMENT_NAME || '0');
  try {
    const experiment = await findExperiment(cli, wanted);
    return { id: experiment.experimentId, name: experiment.name };
  } catch (error) {
    if (!isMlflowError(error) || error.errorCode !== 'RESOURCE_DOES_NOT_EXIST') throw error;
    cli.note(`mlruns: creating experiment '${wanted}'.`);
    return { id: await cli.client.createExperiment(wanted), name: wanted };
  }
}

/** Status from how the command ended: killed by a signal, failed with a non-zero exit code, or finished. */
function statusOf(outcome: ProcessOutcome): RunStatus {
  if (outcome.signal !== null) return 'KILLED';
  return outcome.code === 0 ? 'FINISHED' : 'FAILED';
}

/** Our exit code: the command's, 128 + signal number when a signal ended it, 127 when it could not start (as shells do). */
function exitCodeOf(outcome: ProcessOutcome): number {
  if (outcome.spawnError !== undefined) return 127;
  if (outcome.code !== null) return outcome.code;
  return 128 + (outcome.signal === null ? 0 : (constants.signals[outcome.signal] ?? 0));
}

async function trackedRun(cli: Cli, options: RunOptions, command: string[]): Promise<void> {
  if (command.length === 0) throw new UsageError(`Give the command to run after '--', e.g. mlruns run -e demo -- python train.py.`);
  const experiment = await experimentFor(cli, options.experiment);
  const line = shellLine(command);
  const commit = await gitCommit(process.cwd());
  const tags: Record<string, string> = { [SYSTEM_TAGS.sourceName]: line, [SYSTEM_TAGS.sourceType]: 'LOCAL', 'mlruns.command': line, ...keyValues(options.tag, '--tag') };
  if (commit !== undefined) tags[SYSTEM_TAGS.gitCommit] = commit;
  const params = keyValues(options.param, '--param');
  const run = await cli.client.createRun(experiment.id, { runName: options.name, tags });
  const runId = run.info.runId;
  // The client takes the commit from its own script's folder when none is given; this run's
  // code is the command's, so that commit is dropped when the working directory has none.
  if (commit === undefined && run.data.tags[SYSTEM_TAGS.gitCommit] !== undefined) await cli.client.deleteTag(runId, SYSTEM_TAGS.gitCommit);
  if (Object.keys(params).length > 0) await cli.client.logBatch(runId, { params });
  cli.note(cli.colors.dim(`mlruns: run ${runId} ('${run.info.runName}') in experiment '${experiment.name}' (${experiment.id})`));
  const env = {
    ...process.env,
    MLFLOW_TRACKING_URI: cli.client.root,
    MLFLOW_EXPERIMENT_ID: experiment.id,
    MLFLOW_EXPERIMENT_NAME: experiment.name,
    MLFLOW_RUN_ID: runId,
    // Python MLflow 3.13+ refuses a file store unless allowed; Python buffers piped output unless told not to.
    MLFLOW_ALLOW_FILE_STORE: process.env.MLFLOW_ALLOW_FILE_STORE ?? 'true',
    PYTHONUNBUFFERED: process.env.PYTHONUNBUFFERED ?? '1',
  };
  const outcome = await runTracked(command, env);
  try {
    await cli.client.logArtifact(runId, outcome.logs.stdout);
    await cli.client.logArtifact(runId, outcome.logs.stderr);
    const ended = outcome.signal !== null ? `signal ${outcome.signal}` : outcome.spawnError !== undefined ? 'could not start' : `exit code ${outcome.code}`;
    await cli.client.setTag(runId, 'mlruns.exit', ended);
    const status = statusOf(outcome);
    await cli.client.setTerminated(runId, status);
    const paint = status === 'FINISHED' ? cli.colors.green : cli.colors.red;
    if (outcome.spawnError !== undefined) cli.note(`error: could not start '${command[0]}': ${outcome.spawnError.message}. Check the command name and your PATH.`);
    cli.note(`mlruns: run ${runId} ${paint(status)} (${ended}); output saved as artifacts stdout.log and stderr.log`);
  } finally {
    await outcome.cleanup();
  }
  process.exitCode = exitCodeOf(outcome);
}

/** `mlruns run [-e <experiment>] [--name ...] [--param k=v]... -- <command> [args...]`. */
export function registerRun(command: Command): void {
  command
    .argument('<command...>', 'the command and its arguments, after --')
    .option('-e, --experiment <experiment>', 'experiment id or name, created if new (default: $MLFLOW_EXPERIMENT_ID or _NAME, else Default)')
    .option('--name <name>', 'run name (default: a random one)')
    .option('--param <key=value>', 'a param to log (repeatable)', collect)
    .option('--tag <key=value>', 'a tag to set (repeatable)', collect)
    .configureOutput({ outputError: (text, write) => write(`${text.trimEnd()} (put -- before the command: mlruns run [options] -- <command> [args...])\n`) })
    .action(handler(async (cli, options: RunOptions, command: string[]) => trackedRun(cli, options, command)));
}

import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { OUTPUT_FORMATS } from './context.js';
import { registerExperiments } from './commands/experiments.js';
import { registerRuns } from './commands/runs.js';
import { registerMetrics } from './commands/metrics.js';
import { registerGc } from './commands/gc.js';
import { registerDoctor } from './commands/doctor.js';
import { registerRun } from './commands/run.js';

/** The package version, read from package.json next to src/ or dist/. */
function version(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/**
 * The `mlruns` command line: global options, then the command groups. Errors from the argument
 * parser are thrown (exitOverride) so that main decides the exit code.
 */
export function buildProgram(): Command {
  const program = new Command('mlruns')
    .description('Browse, search, compare and track MLflow runs in an mlruns folder, offline.')
    .version(version(), '-V, --version', 'print the version')
    .option('--root <path>', 'the store: a folder or file:// URI (default: $MLFLOW_TRACKING_URI, else ./mlruns)')
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default(undefined, 'table'))
    .option('--no-color', 'no colors (also when NO_COLOR is set or output is not a terminal)')
    .option('--debug', 'print stack traces of errors')
    .helpOption('-h, --help', 'show help for a command')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`${text.trimEnd()} (see 'mlruns --help')\n`) });
  registerExperiments(program);
  registerRuns(program);
  registerMetrics(program);
  registerGc(program);
  registerDoctor(program);
  registerRun(program);
  return program;
}

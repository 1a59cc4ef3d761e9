import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { OUTPUT_FORMATS } from './output/formats.js';

/** The package version, read from package.json next to src/ or dist/. */
function version(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/**
 * The top-level commands, each defined in its own module and loaded only when it is the one
 * being run: `mlruns --version` or `mlruns runs list` never loads doctor or gc code, which
 * keeps start-up fast for scripts.
 */
const COMMANDS: Readonly<Record<string, { description: string; load: () => Promise<(command: Command) => void> }>> = {
  experiments: { description: 'list, create, rename, delete and restore experiments', load: async () => (await import('./commands/experiments.js')).registerExperiments },
  runs: { description: 'list, show, compare, delete and restore runs', load: async () => (await import('./commands/runs.js')).registerRuns },
  metrics: { description: 'metric histories, with a line chart on a terminal', load: async () => (await import('./commands/metrics.js')).registerMetrics },
  gc: { description: 'permanently remove deleted runs, logged models and experiments with their artifacts, as mlflow gc does', load: async () => (await import('./commands/gc.js')).registerGc },
  doctor: { description: 'check a store and list every problem with its path; --fix repairs what is safe to repair', load: async () => (await import('./commands/doctor.js')).registerDoctor },
  run: { description: 'run a command as a tracked run: status from its exit code, output saved as artifacts, MLFLOW_RUN_ID passed to it', load: async () => (await import('./commands/run.js')).registerRun },
};

/** The command a command line runs: its first word that is not a global option or its value (`help runs` → runs). */
function selectedCommand(args: readonly string[]): string | undefined {
  const words: string[] = [];
  for (let i = 0; i < args.length && args[i] !== '--'; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--root' || arg === '--format') i += 1;
    else if (!arg.startsWith('-')) words.push(arg);
  }
  return words[0] === 'help' ? words[1] : words[0];
}

/**
 * The `mlruns` command line for `args` (without node and the script): global options, the
 * command being run with its options and subcommands, and the others as names for --help. Errors from
 * the argument parser are thrown (exitOverride) so that main decides the exit code.
 */
export async function buildProgram(args: readonly string[]): Promise<Command> {
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
  const selected = selectedCommand(args);
  for (const [name, command] of Object.entries(COMMANDS)) {
    const defined = program.command(name).description(command.description);
    if (name === selected) (await command.load())(defined);
  }
  return program;
}

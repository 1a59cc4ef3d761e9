#!/usr/bin/env node
import { CommanderError } from 'commander';
import { FilterSyntaxError, isMlflowError } from '../errors/index.js';
import { EXIT, UsageError, oneLine } from './errors.js';
import { buildProgram } from './program.js';

/** Exit code and the one line to print for an error that ended a command. */
function report(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // The parser has printed its message already; help and --version end here too.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  const usage = error instanceof UsageError || error instanceof FilterSyntaxError;
  const message = error instanceof Error ? error.message : String(error);
  const hint = isMlflowError(error) || debug ? '' : ' (an unexpected error; run again with --debug for the stack trace)';
  process.stderr.write(`error: ${oneLine(message)}${hint}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return usage ? EXIT.usage : EXIT.failure;
}

const args = process.argv.slice(2);
const end = args.indexOf('--');
const debug = (end === -1 ? args : args.slice(0, end)).includes('--debug');
try {
  await (await buildProgram(args)).parseAsync(process.argv);
} catch (error) {
  process.exitCode = report(error, debug);
}

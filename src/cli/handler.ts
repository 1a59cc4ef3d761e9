import type { Command } from 'commander';
import { Cli, type GlobalOptions } from './context.js';

/**
 * Wraps a command's handler for commander: builds the Cli from the global and the command's
 * own options, runs the handler with the positional arguments, then reports damaged entries
 * that were skipped on the way.
 */
export function handler<A extends unknown[], O>(fn: (cli: Cli, options: O, ...args: A) => Promise<void>) {
  return async (...params: unknown[]): Promise<void> => {
    const command = params.at(-1) as Command;
    const options = command.optsWithGlobals<GlobalOptions & O>();
    const cli = new Cli(options);
    await fn(cli, options, ...(params.slice(0, -2) as A));
    cli.finish();
  };
}

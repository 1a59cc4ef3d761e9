import type { Cli } from '../context.js';

/** A progress bar on stderr, or nothing when stderr is not a terminal or the output is JSON. */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

/**
 * A cli-progress bar for long work, shown only on a terminal (never in JSON output or when
 * piped). The library is loaded only when a bar is shown, to keep start-up fast.
 */
export async function progressBar(cli: Cli, label: string): Promise<Progress> {
  if (!cli.interactive) return SILENT;
  const { SingleBar, Presets } = (await import('cli-progress')).default;
  const bar = new SingleBar({ format: `${label} [{bar}] {value}/{total}`, stream: process.stderr, clearOnComplete: true, hideCursor: true }, Presets.shades_classic);
  let started = false;
  return {
    update(done, total) {
      if (!started) bar.start(total, 0);
      started = true;
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

import pc from 'picocolors';
import { MlflowClient } from '../client/mlflow-client.js';
import { defaultTrackingUri } from '../client/tracking-uri.js';
import type { StoreWarning } from '../store/tracking-store.js';
import type { OutputFormat } from './output/formats.js';
import { toJson } from './output/values.js';

export type Colors = ReturnType<typeof pc.createColors>;
export type { OutputFormat } from './output/formats.js';

/** The options every command takes (see program.ts). */
export interface GlobalOptions {
  root?: string;
  format?: OutputFormat;
  color: boolean;
  debug?: boolean;
}

/** What a command works with: the resolved global options, a client, and the output streams. */
export class Cli {
  readonly trackingUri: string;
  readonly format: OutputFormat;
  readonly colors: Colors;
  readonly debug: boolean;
  private opened: MlflowClient | undefined;
  private readonly skipped: StoreWarning[] = [];

  constructor(options: GlobalOptions) {
    this.trackingUri = options.root ?? defaultTrackingUri();
    this.format = options.format ?? 'table';
    this.debug = options.debug === true;
    const noColorEnv = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
    this.colors = pc.createColors(options.color && !noColorEnv && process.stdout.isTTY === true);
  }

  /** The client on the store, opened on first use. */
  get client(): MlflowClient {
    this.opened ??= new MlflowClient(this.trackingUri, { onWarning: (warning) => this.skipped.push(warning) });
    return this.opened;
  }

  /** True when progress bars and questions may be shown: a terminal on stderr, and not JSON. */
  get interactive(): boolean {
    return process.stderr.isTTY === true && this.format !== 'json';
  }

  /** Writes a line (or block) to stdout. */
  print(text: string): void {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Writes one JSON document to stdout. */
  printJson(value: unknown): void {
    this.print(toJson(value));
  }

  /** A message for people on stderr, never mixed into data on stdout. */
  note(text: string): void {
    process.stderr.write(`${text}\n`);
  }

  /** Damaged entries a command skipped while reading the store without the client; `finish` reports them. */
  addSkipped(warnings: readonly StoreWarning[]): void {
    this.skipped.push(...warnings);
  }

  /** After a command: says on stderr how many damaged entries were skipped (each one with --debug). */
  finish(): void {
    if (this.skipped.length === 0) return;
    const seen = new Set<string>();
    const unique = this.skipped.filter((w) => !seen.has(w.path) && seen.add(w.path));
    if (this.debug) for (const w of unique) this.note(this.colors.yellow(`warning: ${w.path}: ${w.message}`));
    this.note(this.colors.yellow(`warning: ${unique.length} damaged entr${unique.length === 1 ? 'y was' : 'ies were'} skipped; run 'mlruns doctor' to see and fix them.`));
  }
}

import type { Command } from 'commander';
import { checkStore, describeFix, fixStore, type StoreProblem, type StoreReport } from '../../doctor/index.js';
import type { Cli } from '../context.js';
import { handler } from '../handler.js';
import { progressBar } from '../output/progress.js';
import { toCsv } from '../output/values.js';

function printProblems(cli: Cli, report: StoreReport): void {
  const c = cli.colors;
  cli.print(c.dim(`Checked ${report.checked.experiments} experiment(s) and ${report.checked.runs} run folder(s) in ${report.root}.`));
  if (report.problems.length === 0) {
    cli.print(c.green('No problems found.'));
    return;
  }
  for (const p of report.problems) {
    cli.print(`${c.red(p.code)} ${c.bold(p.path || '.')}\n  ${p.message}${p.fix ? c.cyan(`\n  fixable: ${describeFix(p.fix)}`) : ''}`);
  }
  const fixable = report.problems.filter((p) => p.fix !== undefined).length;
  cli.print(`\n${report.problems.length} problem(s), ${fixable} fixable${fixable > 0 ? " with 'mlruns doctor --fix'" : ''}.`);
}

const problemJson = (p: StoreProblem) => ({ code: p.code, path: p.path, message: p.message, fix: p.fix === undefined ? null : describeFix(p.fix) });

async function doctor(cli: Cli, options: { fix?: boolean }): Promise<void> {
  const progress = await progressBar(cli, 'Checking runs');
  const report = await checkStore(cli.trackingUri, { onProgress: (done, total) => progress.update(done, total) }).finally(() => progress.stop());
  const fixable = report.problems.filter((p) => p.fix !== undefined);
  if (cli.format === 'csv') cli.print(toCsv(['code', 'path', 'message', 'fix'], report.problems.map((p) => [p.code, p.path, p.message, p.fix ? describeFix(p.fix) : ''])));
  else if (cli.format === 'table') printProblems(cli, report);
  let fixedCount = 0;
  const fixed: StoreProblem[] = [];
  if (options.fix && fixable.length > 0) {
    if (cli.format === 'table') {
      cli.print(cli.colors.bold(`\nFixing ${fixable.length} problem(s):`));
      for (const p of fixable) cli.print(`  ${p.path || '.'}: ${describeFix(p.fix!)}`);
    }
    for (const result of await fixStore(report)) {
      if (result.applied) fixed.push(result.problem);
      else if (cli.format !== 'json') cli.note(`skipped ${result.problem.path}: it changed since the check; run the check again.`);
    }
    fixedCount = fixed.length;
    if (cli.format === 'table') cli.print(cli.colors.green(`Fixed ${fixedCount} problem(s).`));
  }
  if (cli.format === 'json') cli.printJson({ root: report.root, checked: report.checked, problems: report.problems.map(problemJson), fixed: fixed.map(problemJson) });
  // Problems left make the exit code 1, so `mlruns doctor` can guard a script or CI job.
  if (report.problems.length > fixedCount) process.exitCode = 1;
}

/** `mlruns doctor [--fix]`. */
export function registerDoctor(command: Command): void {
  command
    .option('--fix', 'recreate missing folders, point stale artifact locations at this store, remove leftover temporary files, stale locks and OS junk files')
    .action(handler(doctor));
}

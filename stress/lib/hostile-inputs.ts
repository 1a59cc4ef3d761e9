import type { Random } from '../../test/helpers/random.js';

/**
 * Names and paths meant to escape a folder, break a file system or confuse a parser: used as
 * keys, experiment, run and model names, values and artifact paths by the hostile scenario.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  // Escapes and absolute paths, plain and encoded.
  '..', '../x', '../../outside/secret.txt', 'a/../../x', 'a/..', '/abs', '/etc/passwd', './a', 'a/./b', 'a//b', 'a/',
  'C:\\Windows\\x', 'C:/x', 'c:x', '\\\\server\\share\\x', 'a\\b', '..\\..\\x',
  '%2e%2e', '%2e%2e%2fx', '..%2f..%2fx', '%252e%252e/x', '%00', '%2fabs',
  // NUL and control characters.
  '\0', 'x\0y', 'ctl\u0001\u001f\u007f', 'line\nbreak', 'cr\rx', 'tab\tx', '\u202eevil', '\ufeffbom', '\u2028sep',
  // Names Windows reserves for devices, and names Windows trims or forbids.
  'CON', 'con', 'NUL', 'nul', 'PRN', 'AUX', 'COM1', 'LPT9', 'aux.txt', 'Con.Log', 'nul/x', 'a/CON/b', 'CONIN$',
  'x.', 'x ', ' x', 'a:b', 'a*b?c', '<x>', 'x|y', '"q"',
  // Very long names and values, in ASCII and in multi-byte characters.
  'a'.repeat(250), 'a'.repeat(251), 'a'.repeat(5000), '界'.repeat(250), '😀'.repeat(120), `${'a/'.repeat(200)}x`,
  // Names of our own files and of the store's folders.
  '.mlruns-tmp-x', '.mlruns-lock', '.mlruns-lock.trash', 'meta.yaml', '.trash', 'tags', 'metrics', 'artifacts', '.', '~', '$HOME',
  '.artifact.uploading.x', '.DS_Store',
  // Things a YAML or filter parser might trip on.
  "it's", 'a"b', '`tick`', '- item', 'key: value', '# hash', '&anchor', '*alias', '!tag', '%percent', '@at', '{a: 1}', '[1]',
  'yes', 'null', '~', '0x1F', '1e3', '', ' ',
];

const PIECES = ['..', '/', '\\', '\0', '\n', '.', 'CON', '%2e', '%2f', 'é', '😀', ':', ' ', 'a', 'meta.yaml', '.trash', 'x'.repeat(300)];

/** `count` random strings made of the pieces above, from a seeded generator. */
export function randomHostileStrings(random: Random, count: number): string[] {
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(random() * 6);
    return Array.from({ length }, () => PIECES[Math.floor(random() * PIECES.length)]!).join('');
  });
}

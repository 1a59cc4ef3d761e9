import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/search/filter/lexer.js';
import { seeded } from '../helpers/random.js';

/** Texts that follow the first character: words, numbers, quotes, operators, spaces, keywords. */
const FOLLOWERS = [
  '', ' ', '\t', '\n', '.', '..', '.5', '5', '55.5', 'e5', 'E-5', 'x1F', 'xg', '_', 'a', 'abc', 'abc.def', 'abc (', 'bc(',
  "'", "'x'", "''", '"', '"x"', '`', '`x`', '[x]', ']', '(', ')', ',', ';', ':', '=', '==', '>=', '!=', '<>', '~', '-', '--',
  '->', '->>', '>', '@', '#', '% s', 's', '(x)s', '|', '&', '+', '*', '/', '?', '\\x', '$', '$x$', '$$', 'ſ', 'K', 'é', 'ß',
  'SC', 'ESC', 'ND', 'S', 'N', 'OT', 'OT NULL', 'ULLS FIRST', 'IKE', 'LIKE', 'EGEXP', 'ROM', 'ALUES', 'SING', 'OIN', 'EFT JOIN',
  'F EXISTS', 'F NOT EXISTS', 'NION ALL', 'REATE', 'OUBLE PRECISION', 'ROUP BY', 'RDER BY', 'RIMARY KEY', 'ANDLER FOR',
  'O 5', 'ATERAL VIEW STACK', "T TIME ZONE 'x'", "ITH' TIME ZONE 'x'", 'S ', 'N ', 'ASE', 'f', 'in', 'ull', 'ot like',
];

describe('the lexer skipping rules that cannot start at an ASCII character', () => {
  it('tokenizes every ASCII character followed by any of the sample texts exactly as trying every rule does', () => {
    for (let code = 0; code < 128; code += 1) {
      for (const follower of FOLLOWERS) {
        for (const before of ['', 'x', '.', ' ']) {
          const text = before + String.fromCharCode(code) + follower;
          expect(tokenize(text), JSON.stringify(text)).toEqual(tokenize(text, Infinity, false));
        }
      }
    }
  });

  it('tokenizes random filter-like strings exactly as trying every rule does', () => {
    const seed = Number(process.env['MLRUNS_LEXER_SEED'] ?? Date.now() % 1_000_000);
    const random = seeded(seed);
    const pieces = [...FOLLOWERS, 'metrics', 'params', 'tags', 'attributes', 'run_name', 'AND', 'and', 'IS NULL', 'IN', "('a', 'b')", '0.5', '1e5', '-3'];
    for (let i = 0; i < 3000; i += 1) {
      const length = 1 + Math.floor(random() * 8);
      const text = Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)]).join(random() < 0.5 ? ' ' : '');
      expect(tokenize(text), `seed ${seed}: ${JSON.stringify(text)}`).toEqual(tokenize(text, Infinity, false));
    }
  });
});

/**
 * The tokenizer MLflow's search language effectively uses: a port of the ordered regular
 * expression table of `sqlparse` (the SQL lexer MLflow parses filters with), kept to what a
 * filter or order_by string can contain. Matching is first-match in table order, exactly as
 * sqlparse does, because that order is what decides the language's odd corners: `params.from`
 * fails because the keyword rule for FROM precedes the "word after a dot is a name" rule,
 * `1e+5` is not a number, `metrics.a>1AND` reads `1AND` as one word.
 *
 * Python's `re` character classes differ from JavaScript's, so `\w`, `\s`, `\d` and `\b` are
 * spelled out below with Python's (Unicode) meaning.
 */

/** Token types, named after the sqlparse token types they stand for. */
export type TokenType =
  | 'whitespace' // Text.Whitespace and Newline
  | 'comment' // Comment.Single, Comment.Multiline (and hints)
  | 'literal' // a dollar-quoted string
  | 'name' // Name and Name.Builtin: bare words, `backticked`, [bracketed], @names
  | 'placeholder' // Name.Placeholder: ?, %s, $x, :x
  | 'keyword' // Keyword (and DML/DDL): normalised to upper case for comparisons
  | 'order' // Keyword.Order: ASC, DESC, NULLS FIRST/LAST
  | 'tzcast' // Keyword.TZCast
  | 'string' // String.Single: '...'
  | 'symbol' // String.Symbol: "..."
  | 'integer'
  | 'float'
  | 'hex'
  | 'comparator' // Operator.Comparison: runs of <>=~! and [NOT] LIKE/ILIKE/RLIKE/REGEXP
  | 'operator'
  | 'wildcard'
  | 'punctuation'
  | 'assignment'
  | 'command'
  | 'error';

export interface Token {
  readonly type: TokenType;
  readonly text: string;
  /** UTF-16 offsets into the lexed string. */
  readonly start: number;
  readonly end: number;
}

// Python `re` classes (str patterns are Unicode-aware there, ASCII-only in JavaScript).
const W = String.raw`[\p{L}\p{N}_]`;
const S = String.raw`[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]`;
const D = String.raw`\p{Nd}`;
const B = `(?!${W})`; // `\b` after a word character
const L = String.raw`[A-ZÀ-Ü]`;
const WORD = `${L}${W}*`;

/**
 * A rule: its regular expression, what it yields, and which ASCII characters a match can start
 * with (undefined: any). The table's expressions are compiled when first run, and those with
 * Unicode classes cost ~0.5 ms each, so a filter's first parse skipped none and took ~30 ms;
 * skipping the rules that cannot start at an ASCII character leaves most of them uncompiled.
 * A character beyond ASCII tries every rule, as sqlparse does.
 */
type Rule = readonly [regex: RegExp, type: TokenType | 'word', asciiStarts: Uint8Array | undefined];

// ASCII start sets. Letters are listed upper-case and stand for both cases (the rules ignore case).
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const WORD_CHARS = `${LETTERS}${DIGITS}_`;
const SPACES = '\t\n\v\f\r\x1c\x1d\x1e\x1f ';

function rule(source: string, type: TokenType | 'word', starts?: string): Rule {
  let asciiStarts: Uint8Array | undefined;
  if (starts !== undefined) {
    asciiStarts = new Uint8Array(128);
    for (const char of starts + starts.toLowerCase()) asciiStarts[char.charCodeAt(0)] = 1;
  }
  return [new RegExp(source, 'iuy'), type, asciiStarts];
}

/** sqlparse's SQL_REGEX, in order, minus rules that cannot change a filter's meaning. */
const RULES: readonly Rule[] = [
  rule(String.raw`(--|# )\+[^\n]*?(\r\n|\r|\n|$)`, 'comment', '-#'),
  rule(String.raw`(--|# )[^\n]*?(\r\n|\r|\n|$)`, 'comment', '-#'),
  rule(String.raw`(\r\n|\r|\n)`, 'whitespace', '\r\n'),
  rule(S, 'whitespace', SPACES),
  rule(':=', 'assignment', ':'),
  rule('::', 'punctuation', ':'),
  rule(String.raw`\*`, 'wildcard', '*'),
  rule('`(``|[^`])*`', 'name', '`'),
  rule('´(´´|[^´])*´', 'name', ''),
  rule(String.raw`\?`, 'placeholder', '?'),
  rule(String.raw`%(\(${W}+\))?s`, 'placeholder', '%'),
  rule(String.raw`(?<!${W})[$:?]${W}+`, 'placeholder', '$:?'),
  rule(String.raw`\\${W}+`, 'command', '\\'),
  rule(`(CASE|IN|VALUES|USING|FROM|AS)${B}`, 'keyword', 'CIVUFA'),
  rule(`(@|##|#)${L}${W}+`, 'name', '@#'),
  rule(String.raw`${WORD}(?=${S}*\.(?!${D}))`, 'name', LETTERS),
  rule(String.raw`(?<=\.)${WORD}`, 'name', LETTERS),
  rule(String.raw`${WORD}(?=\()`, 'name', LETTERS),
  rule(`-?0x[${D}A-F]+`, 'hex', '-0'),
  rule(String.raw`-?${D}+(\.${D}+)?E-?${D}+`, 'float', `-${DIGITS}`),
  rule(String.raw`(?![_A-ZÀ-Ü])-?(${D}+(\.${D}*)|\.${D}+)(?![_A-ZÀ-Ü])`, 'float', `-.${DIGITS}`),
  rule(`(?![_A-ZÀ-Ü])-?${D}+(?![_A-ZÀ-Ü])`, 'integer', `-${DIGITS}`),
  rule(String.raw`'(''|\\'|[^'])*'`, 'string', "'"),
  rule(String.raw`"(""|\\"|[^"])*"`, 'symbol', '"'),
  rule(String.raw`(""|"[^\n]*?[^\\]")`, 'symbol', '"'),
  rule(String.raw`(?<![\p{L}\p{N}_\])])(\[[^\]\[]+\])`, 'name', '['),
  rule(String.raw`((LEFT${S}+|RIGHT${S}+|FULL${S}+)?(INNER${S}+|OUTER${S}+|STRAIGHT${S}+)?|(CROSS${S}+|NATURAL${S}+)?)?JOIN${B}`, 'keyword', 'LRFIOSCNJ'),
  rule(`END(${S}+IF|${S}+LOOP|${S}+WHILE|${S}+FOR|${S}+CASE)?${B}`, 'keyword', 'E'),
  rule(`IF${S}+(NOT${S}+)?EXISTS${B}`, 'keyword', 'I'),
  rule(`NOT${S}+NULL${B}`, 'keyword', 'N'),
  rule(`(ASC|DESC)(${S}+NULLS${S}+(FIRST|LAST))?${B}`, 'order', 'AD'),
  rule(`(ASC|DESC)${B}`, 'order', 'AD'),
  rule(`NULLS${S}+(FIRST|LAST)${B}`, 'order', 'N'),
  rule(`UNION${S}+ALL${B}`, 'keyword', 'U'),
  rule(`CREATE(${S}+OR${S}+REPLACE)?${B}`, 'keyword', 'C'),
  rule(`DOUBLE${S}+PRECISION${B}`, 'name', 'D'),
  rule(`GROUP${S}+BY${B}`, 'keyword', 'G'),
  rule(`ORDER${S}+BY${B}`, 'keyword', 'O'),
  rule(`PRIMARY${S}+KEY${B}`, 'keyword', 'P'),
  rule(`HANDLER${S}+FOR${B}`, 'keyword', 'H'),
  rule(`GO(${S}${D}+)${B}`, 'keyword', 'G'),
  rule(`(LATERAL${S}+VIEW${S}+)(EXPLODE|INLINE|PARSE_URL_TUPLE|POSEXPLODE|STACK)${B}`, 'keyword', 'L'),
  rule(`(AT|WITH')${S}+TIME${S}+ZONE${S}+'[^']+'`, 'tzcast', 'AW'),
  rule(`(NOT${S}+)?(LIKE|ILIKE|RLIKE)${B}`, 'comparator', 'NLIR'),
  rule(`(NOT${S}+)?(REGEXP)(${S}+(BINARY))?${B}`, 'comparator', 'NR'),
  rule(`${W}[$#\\p{L}\\p{N}_]*`, 'word', WORD_CHARS),
  rule(String.raw`[;:()\[\],.]`, 'punctuation', ';:()[],.'),
  rule(String.raw`(->>?|#>>?|@>|<@|\?\|?|\?&|-|#-)`, 'operator', '-#@<?'),
  rule('[<>=~!]+', 'comparator', '<>=~!'),
  rule(String.raw`[+/@#%^&|-]+`, 'operator', '+/@#%^&|-'),
];

/**
 * Words sqlparse classifies as keywords. sqlparse knows about 750 (every SQL dialect's); a word's
 * class only matters for error messages and for the odd key written after a dot and a space
 * (`metrics. acc`), so the structural and most common ones are listed.
 */
const KEYWORDS = new Set(
  `ALL ALTER AND ANY BEGIN BETWEEN BY CASE CAST COLLATE CROSS CURRENT_DATE CURRENT_TIME
  CURRENT_TIMESTAMP DECLARE DEFAULT DELETE DISTINCT DROP ELSE END ESCAPE EXCEPT EXISTS FALSE FETCH
  FOR FROM FULL GRANT GROUP HAVING IF ILIKE IN INNER INSERT INTERSECT INTO IS JOIN KEY LEFT LIKE
  LIMIT NOT NULL OFFSET ON OR ORDER OUTER OVER REPLACE RETURNING REVOKE RIGHT SELECT SET SOME TABLE
  THEN TRUE UNION UNIQUE UPDATE USING VALUES WHEN WHERE WITH`.split(/\s+/),
);

const DOLLAR_TAG = new RegExp(String.raw`\$(?:${L}${W}*)?\$`, 'iuy');
const DOLLAR_OPENER_BLOCKED = new RegExp(String.raw`[\p{L}\p{N}_"$]`, 'u');

/**
 * Tokenizes `text` the way sqlparse does. Never throws: unknown characters become `error`.
 * Stops early, after the first token past `maxStatementTokens` in one statement (statements
 * end at `;`), so that a caller that refuses longer statements never reads all of a huge input.
 * `shortcut` false tries every rule at every position (to test that the shortcut changes nothing).
 */
export function tokenize(text: string, maxStatementTokens = Infinity, shortcut = true): Token[] {
  const tokens: Token[] = [];
  const unclosed = new Set<string>();
  let inStatement = 0;
  let pos = 0;
  while (pos < text.length && inStatement <= maxStatementTokens) {
    const delimited = delimitedSpanAt(text, pos, unclosed);
    const token = delimited === undefined ? ruleTokenAt(text, pos, shortcut) : { type: delimited.type, text: text.slice(pos, delimited.end), start: pos, end: delimited.end };
    tokens.push(token);
    pos = token.end;
    inStatement = token.type === 'punctuation' && token.text === ';' ? 0 : inStatement + 1;
  }
  return tokens;
}

function ruleTokenAt(text: string, pos: number, shortcut = true): Token {
  const code = text.charCodeAt(pos);
  for (const [regex, type, asciiStarts] of RULES) {
    if (shortcut && code < 128 && asciiStarts !== undefined && asciiStarts[code] === 0) continue;
    regex.lastIndex = pos;
    const match = regex.exec(text);
    if (match === null) continue;
    const value = match[0];
    if (value.length === 0) continue;
    const resolved = type === 'word' ? (KEYWORDS.has(value.toUpperCase()) ? 'keyword' : 'name') : type;
    return { type: resolved, text: value, start: pos, end: pos + value.length };
  }
  const width = (text.codePointAt(pos) ?? 0) > 0xffff ? 2 : 1;
  return { type: 'error', text: text.slice(pos, pos + width), start: pos, end: pos + width };
}

/**
 * Dollar-quoted literals (`$tag$...$tag$`) and block comments, which sqlparse pairs with the
 * first closer after the opener (and only at positions the lexer actually reaches). `unclosed`
 * remembers closers already found missing from the rest of the text, so that thousands of
 * openers do not each search to the end again.
 */
function delimitedSpanAt(text: string, pos: number, unclosed: Set<string>): { end: number; type: TokenType } | undefined {
  if (text.startsWith('/*', pos)) {
    const openerEnd = pos + 2 + (text[pos + 2] === '+' ? 1 : 0);
    const close = unclosed.has('*/') ? -1 : text.indexOf('*/', openerEnd);
    if (close === -1) unclosed.add('*/');
    return close === -1 ? undefined : { end: close + 2, type: 'comment' };
  }
  if (text[pos] !== '$') return undefined;
  DOLLAR_TAG.lastIndex = pos;
  const tag = DOLLAR_TAG.exec(text)?.[0];
  if (tag === undefined) return undefined;
  if (pos > 0 && DOLLAR_OPENER_BLOCKED.test(previousChar(text, pos))) return undefined;
  const close = unclosed.has(tag) ? -1 : text.indexOf(tag, pos + tag.length);
  if (close === -1) unclosed.add(tag);
  return close === -1 ? undefined : { end: close + tag.length, type: 'literal' };
}

function previousChar(text: string, pos: number): string {
  const low = text.charCodeAt(pos - 1);
  if (low >= 0xdc00 && low <= 0xdfff && pos >= 2) return text.slice(pos - 2, pos);
  return text.slice(pos - 1, pos);
}

/** sqlparse's `is_whitespace`. */
export function isWhitespace(token: Token): boolean {
  return token.type === 'whitespace';
}

/** True for a keyword token whose normalised (upper-case) text is one of `words`. */
export function isKeyword(token: Token, ...words: string[]): boolean {
  return token.type === 'keyword' && words.includes(token.text.toUpperCase());
}

/** sqlparse's T.Name family: names, placeholders (and built-in type names). */
export function isNameLike(token: Token): boolean {
  return token.type === 'name' || token.type === 'placeholder';
}

/** sqlparse's T.Number family. */
export function isNumber(token: Token): boolean {
  return token.type === 'integer' || token.type === 'float' || token.type === 'hex';
}

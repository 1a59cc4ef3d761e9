/**
 * The grouping step of sqlparse, reduced to what decides a filter's meaning: which top-level
 * runs of tokens become one Identifier (a dotted, quoted, indexed, cast or ordered name), one
 * Parenthesis, or one Comparison (`operand comparator operand`). MLflow accepts a filter only if
 * its top level consists of Comparisons, whitespace and AND, so every other sqlparse grouping
 * (aliases, identifier lists, CASE/IF blocks, ...) can only turn an invalid filter into another
 * invalid filter and is left out.
 *
 * Each pass below mirrors the sqlparse function of the same name, including its quirks
 * (for example, the "previous token" of a chained `a.b.c` is the last token absorbed, not the
 * group, which is why `metrics.'x'.y` does not chain).
 */
import { isKeyword, isNameLike, isNumber, isWhitespace, type Token, type TokenType } from './lexer.js';

export type GroupType = 'parenthesis' | 'brackets' | 'function' | 'identifier' | 'operation' | 'comparison';

/** A token or a group of nodes; `text` is the exact source text it spans. */
export interface Node {
  readonly type: TokenType | GroupType;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly children?: readonly Node[];
}

/**
 * sqlparse 0.5.4+ refuses to group a statement of more than 10,000 tokens (a guard against
 * inputs that make grouping slow), and MLflow reports that as "Error on parsing filter".
 */
export const MAX_GROUPING_TOKENS = 10_000;

/** True when some statement of `tokens` (they are split after each `;`) has more than MAX_GROUPING_TOKENS. */
export function exceedsGroupingLimit(tokens: readonly Token[]): boolean {
  let count = 0;
  for (const token of tokens) {
    count += 1;
    if (count > MAX_GROUPING_TOKENS) return true;
    if (token.type === 'punctuation' && token.text === ';') count = 0;
  }
  return false;
}

/** Groups the tokens of one statement; returns the top-level nodes. */
export function groupTokens(source: string, tokens: readonly Token[]): Node[] {
  let nodes: Node[] = groupMatching(source, tokens, '[', ']', 'brackets');
  nodes = groupMatching(source, nodes, '(', ')', 'parenthesis');
  groupFunctions(source, nodes);
  groupPeriod(source, nodes);
  groupArrays(source, nodes);
  groupIdentifier(source, nodes);
  groupOrder(source, nodes);
  groupTypecasts(source, nodes);
  groupOperator(source, nodes);
  groupComparison(source, nodes);
  groupAs(source, nodes);
  groupAliased(source, nodes);
  return nodes;
}

function makeGroup(source: string, type: GroupType, children: readonly Node[]): Node {
  const start = children[0]!.start;
  const end = children[children.length - 1]!.end;
  return { type, text: source.slice(start, end), start, end, children };
}

function isPunct(node: Node, text: string): boolean {
  return node.type === 'punctuation' && node.text === text;
}

/** sqlparse `_group_matching`: pair open/close punctuation; unmatched closers are left alone. */
function groupMatching(source: string, input: readonly Node[], open: string, close: string, type: GroupType): Node[] {
  const out: Node[] = [];
  const opens: number[] = [];
  for (const node of input) {
    out.push(node);
    if (isPunct(node, open)) opens.push(out.length - 1);
    else if (isPunct(node, close)) {
      const from = opens.pop();
      if (from === undefined) continue;
      const children = out.splice(from, out.length - from);
      out.push(makeGroup(source, type, children));
    }
  }
  return out;
}

/** Index of the next non-whitespace node after `idx` (sqlparse `token_next`). */
function nextIndex(nodes: readonly Node[], idx: number): number | undefined {
  for (let i = idx + 1; i < nodes.length; i++) if (!isWhitespace(nodes[i] as Token)) return i;
  return undefined;
}

function prevIndex(nodes: readonly Node[], idx: number): number | undefined {
  for (let i = idx - 1; i >= 0; i--) if (!isWhitespace(nodes[i] as Token)) return i;
  return undefined;
}

/** sqlparse `TokenList.group_tokens` (in place). */
function groupRange(source: string, nodes: Node[], type: GroupType, from: number, to: number, extend: boolean): Node {
  const first = nodes[from]!;
  let children: Node[];
  if (extend && first.type === type) {
    // The group being extended was made by this module and is being replaced: appending to
    // its children in place keeps a long chain (`a.b.c...`, thousands of links) linear.
    children = first.children as Node[];
    for (let i = from + 1; i <= to; i++) children.push(nodes[i]!);
  } else {
    children = nodes.slice(from, to + 1);
  }
  const group = makeGroup(source, type, children);
  nodes.splice(from, to - from + 1, group);
  return group;
}

type Post = (pidx: number, tidx: number, nidx: number | undefined) => readonly [number, number];

/** sqlparse `_group`: joins `prev MATCH next` triples, with its snapshot/offset iteration. */
function groupBinary(
  source: string,
  nodes: Node[],
  type: GroupType,
  match: (node: Node) => boolean,
  valid: { prev: (node: Node) => boolean; next: (node: Node | undefined) => boolean },
  post: Post,
  extend: boolean,
): void {
  const snapshot = [...nodes];
  let offset = 0;
  let pidx = -1;
  let prev: Node | undefined;
  for (let idx = 0; idx < snapshot.length; idx++) {
    const tidx = idx - offset;
    const node = snapshot[idx]!;
    if (tidx < 0 || isWhitespace(node as Token)) continue;
    if (match(node)) {
      const nidx = nextIndex(nodes, tidx);
      const next = nidx === undefined ? undefined : nodes[nidx];
      if (prev !== undefined && valid.prev(prev) && valid.next(next)) {
        const [from, to] = post(pidx, tidx, nidx);
        const group = groupRange(source, nodes, type, from, to, extend);
        offset += to - from;
        pidx = from;
        prev = group;
        continue;
      }
    }
    pidx = tidx;
    prev = node;
  }
}

const spanToNext: Post = (pidx, tidx, nidx) => [pidx, nidx ?? tidx];

/** sqlparse `group_functions`: a name followed by a parenthesis is a function call. */
function groupFunctions(source: string, nodes: Node[]): void {
  for (let i = 0; i < nodes.length; i++) {
    if (!isNameLike(nodes[i] as Token)) continue;
    const n = nextIndex(nodes, i);
    if (n !== undefined && nodes[n]!.type === 'parenthesis') groupRange(source, nodes, 'function', i, n, false);
  }
}

/** sqlparse `group_period`: `name.name`, `name."x"`, `name.'x'`, `name.*`, `a->b`, chained. */
function groupPeriod(source: string, nodes: Node[]): void {
  const isDot = (n: Node) => isPunct(n, '.') || (n.type === 'operator' && (n.text === '->' || n.text === '->>'));
  const validPrev = (n: Node) => ['identifier', 'brackets', 'name', 'symbol'].includes(n.type);
  const validNext = (n: Node | undefined) =>
    n !== undefined && ['brackets', 'function', 'name', 'symbol', 'wildcard', 'string'].includes(n.type);
  // The next token is optional ("issue261"): `metrics.` alone still becomes an identifier.
  const post: Post = (pidx, tidx, nidx) => [pidx, nidx !== undefined && validNext(nodes[nidx]) ? nidx : tidx];
  groupBinary(source, nodes, 'identifier', isDot, { prev: validPrev, next: () => true }, post, true);
}

/** sqlparse `group_arrays`: `name[0]`. */
function groupArrays(source: string, nodes: Node[]): void {
  const validPrev = (n: Node) => ['brackets', 'identifier', 'function', 'name', 'symbol'].includes(n.type);
  const post: Post = (pidx, tidx) => [pidx, tidx];
  groupBinary(source, nodes, 'identifier', (n) => n.type === 'brackets', { prev: validPrev, next: () => true }, post, true);
}

/** sqlparse `group_identifier`: every remaining name or "quoted name" is an identifier. */
function groupIdentifier(source: string, nodes: Node[]): void {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.type === 'name' || n.type === 'symbol') groupRange(source, nodes, 'identifier', i, i, false);
  }
}

/** sqlparse `group_order`: `identifier ASC|DESC` (and `number ASC|DESC`) is one identifier. */
function groupOrder(source: string, nodes: Node[]): void {
  for (let i = 0; i < nodes.length; i++) {
    if (nodes[i]!.type !== 'order') continue;
    const p = prevIndex(nodes, i);
    if (p !== undefined && (nodes[p]!.type === 'identifier' || isNumber(nodes[p] as Token))) {
      groupRange(source, nodes, 'identifier', p, i, false);
      i = p;
    }
  }
}

/** sqlparse `group_typecasts`: `anything::anything`. */
function groupTypecasts(source: string, nodes: Node[]): void {
  const any = (n: Node | undefined) => n !== undefined;
  groupBinary(source, nodes, 'identifier', (n) => isPunct(n, '::'), { prev: any, next: any }, spanToNext, true);
}

// sqlparse passes these type lists as tuples, which match token types exactly (a hexadecimal
// number is not an operand; a placeholder is, but never becomes an identifier).
const OPERANDS: readonly string[] = [
  'parenthesis', 'function', 'identifier', 'operation', 'integer', 'float', 'string', 'symbol', 'name', 'placeholder',
];

function isOperand(n: Node | undefined): boolean {
  return n !== undefined && OPERANDS.includes(n.type);
}

/** sqlparse `group_operator`: `a + b` (never valid in a filter, but it changes the grouping). */
function groupOperator(source: string, nodes: Node[]): void {
  const valid = (n: Node | undefined) =>
    isOperand(n) || n?.type === 'brackets' || (n !== undefined && isKeyword(n as Token, 'CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP'));
  const match = (n: Node) => n.type === 'operator' || n.type === 'wildcard';
  groupBinary(source, nodes, 'operation', match, { prev: valid, next: valid }, spanToNext, false);
}

/** sqlparse `group_comparison`: `operand comparator operand`; NULL counts as an operand. */
function groupComparison(source: string, nodes: Node[]): void {
  const valid = (n: Node | undefined) => isOperand(n) || (n !== undefined && isKeyword(n as Token, 'NULL'));
  groupBinary(source, nodes, 'comparison', (n) => n.type === 'comparator', { prev: valid, next: valid }, spanToNext, false);
}

const KEYWORD_TYPES: readonly string[] = ['keyword', 'order', 'tzcast'];
/** Statement keywords (sqlparse DML/DDL/CTE) that cannot follow AS. */
const STATEMENT_WORDS: readonly string[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'MERGE', 'CREATE', 'DROP', 'ALTER', 'TRUNCATE', 'WITH'];

/** sqlparse `group_as`: `x AS y` is one identifier. */
function groupAs(source: string, nodes: Node[]): void {
  const match = (n: Node) => isKeyword(n as Token, 'AS');
  const validPrev = (n: Node) => isKeyword(n as Token, 'NULL') || !KEYWORD_TYPES.includes(n.type);
  const validNext = (n: Node | undefined) => n !== undefined && !isKeyword(n as Token, ...STATEMENT_WORDS);
  groupBinary(source, nodes, 'identifier', match, { prev: validPrev, next: validNext }, spanToNext, true);
}

const ALIASABLE: readonly string[] = ['parenthesis', 'function', 'identifier', 'operation', 'comparison'];

/**
 * sqlparse `group_aliased`: something followed by an identifier is an aliased identifier. This is
 * why MLflow reads `params.a = 'x' tags.b IS NULL` as one IS NULL clause on the param key
 * `a = 'x' tags.b`.
 */
function groupAliased(source: string, nodes: Node[]): void {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (!ALIASABLE.includes(node.type) && !isNumber(node as Token)) continue;
    const n = nextIndex(nodes, i);
    if (n !== undefined && nodes[n]!.type === 'identifier') groupRange(source, nodes, 'identifier', i, n, true);
  }
}

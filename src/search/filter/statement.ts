/**
 * From filter text to a list of raw clauses (`identifier comparator value`), as MLflow's
 * `SearchUtils.parse_search_filter` does it before it looks at entity names: tokenize and group
 * (sqlparse), join `IN (...)`, `NOT IN (...)`, `IS NULL` and `IS NOT NULL` into clauses
 * (`_join_in_comparison_tokens`), then require that nothing but clauses, whitespace and AND is
 * left at the top level (`_process_statement`). Note that AND is optional between clauses:
 * `a = 1 b = 2` is accepted by MLflow, and so here.
 */
import { FilterSyntaxError } from '../../errors/filter-syntax-error.js';
import { MAX_GROUPING_TOKENS, exceedsGroupingLimit, groupTokens, type Node } from './group.js';
import { isKeyword, isWhitespace, tokenize, type Token } from './lexer.js';
import { MESSAGES } from './vocabulary.js';

export interface RawClause {
  /** The identifier group on the left (for IS [NOT] NULL, the only operand). */
  readonly left: Node;
  /** The comparator as MLflow sees it: the token's text, or `IS NULL` / `IS NOT NULL` / `NOT IN`. */
  readonly comparator: string;
  readonly comparatorStart: number;
  readonly right?: Node;
  readonly start: number;
  readonly end: number;
}

/** Splits `filter` into raw clauses; throws FilterSyntaxError for anything that is not one. */
export function readClauses(filter: string): RawClause[] {
  const tokens = tokenize(filter, MAX_GROUPING_TOKENS);
  if (exceedsGroupingLimit(tokens)) throw new FilterSyntaxError(MESSAGES.parseFailure(filter), filter, 0);
  rejectMultipleStatements(filter, tokens);
  if (tokens.every((t) => isWhitespace(t))) throw new FilterSyntaxError(MESSAGES.unparsable(filter), filter, 0);
  const nodes = groupTokens(filter, tokens).filter((n) => !isWhitespace(n as Token));
  const joined = joinClauses(nodes);
  const invalid = joined.filter((n): n is Node => !('comparator' in n) && !isKeyword(n as Token, 'AND'));
  if (invalid.length > 0) {
    throw new FilterSyntaxError(MESSAGES.invalidClauses(invalid.map((n) => n.text)), filter, invalid[0]!.start);
  }
  return joined.filter((n): n is RawClause => 'comparator' in n).map((c) => checkShape(filter, c));
}

/** sqlparse splits statements at `;`: either a second statement or a stray `;` is an error. */
function rejectMultipleStatements(filter: string, tokens: readonly Token[]): void {
  const semicolon = tokens.findIndex((t) => t.type === 'punctuation' && t.text === ';');
  if (semicolon === -1) return;
  const rest = tokens.slice(semicolon + 1).some((t) => !isWhitespace(t) && t.type !== 'comment');
  const reason = rest ? MESSAGES.multipleStatements(filter) : MESSAGES.invalidClauses([';']);
  throw new FilterSyntaxError(reason, filter, tokens[semicolon]!.start);
}

function fromComparison(group: Node): RawClause | Node {
  const parts = (group.children ?? []).filter((n) => !isWhitespace(n as Token));
  const [left, op, right] = parts;
  return { left: left!, comparator: op!.text, comparatorStart: op!.start, right: right!, start: group.start, end: group.end };
}

/** MLflow's `_join_in_comparison_tokens`, over non-whitespace top-level nodes. */
function joinClauses(nodes: readonly Node[]): Array<RawClause | Node> {
  const out: Array<RawClause | Node> = [];
  let i = 0;
  while (i < nodes.length) {
    const first = nodes[i]!;
    if (nodes.length - i < 3) {
      out.push(...nodes.slice(i).map((n) => (n.type === 'comparison' ? fromComparison(n) : n)));
      break;
    }
    if (first.type !== 'identifier') {
      out.push(first.type === 'comparison' ? fromComparison(first) : first);
      i++;
      continue;
    }
    const [second, third, fourth] = [nodes[i + 1]!, nodes[i + 2]!, nodes[i + 3]];
    const clause = (comparator: string, opNode: Node, right: Node | undefined, last: Node): RawClause => ({
      left: first, comparator, comparatorStart: opNode.start, right, start: first.start, end: last.end,
    });
    if (isKeyword(second as Token, 'IN') && third.type === 'parenthesis') {
      out.push(clause(second.text, second, third, third));
      i += 3;
    } else if (isKeyword(second as Token, 'IS') && isKeyword(third as Token, 'NULL')) {
      out.push(clause('IS NULL', second, undefined, third));
      i += 3;
    } else if (isKeyword(second as Token, 'IS') && third.type === 'keyword' && third.text.toUpperCase() === 'NOT NULL') {
      // Only a single space between NOT and NULL is recognised (MLflow compares the token text).
      out.push(clause('IS NOT NULL', second, undefined, third));
      i += 3;
    } else if (fourth === undefined) {
      out.push(first, second, third);
      break;
    } else if (isKeyword(second as Token, 'NOT') && isKeyword(third as Token, 'IN') && fourth.type === 'parenthesis') {
      out.push(clause('NOT IN', second, fourth, fourth));
      i += 4;
    } else {
      out.push(...[first, second, third, fourth].map((n) => (n.type === 'comparison' ? fromComparison(n) : n)));
      i += 4;
    }
  }
  return out;
}

/** MLflow's `_validate_comparison`: the left side of a comparison must be an identifier. */
function checkShape(filter: string, clause: RawClause): RawClause {
  if (clause.left.type !== 'identifier') {
    throw new FilterSyntaxError(MESSAGES.expectedIdentifier(clause.left.text), filter, clause.left.start);
  }
  return clause;
}

/**
 * An assertion line of a `.sugar` file (`?? status == 200`), as parsed: what it looks at and how
 * it compares. Evaluated against an answer by evaluate.ts; parsed by assertionSyntax.ts.
 */

export type AssertionSubject = { kind: 'status' } | { kind: 'header'; name: string } | { kind: 'duration' } | { kind: 'body'; path: string };

/** The operators, as written canonically (`not contains` is read as `!contains`). */
export const ASSERTION_OPERATORS = ['==', '!=', '>', '>=', '<', '<=', 'contains', '!contains', 'exists', '!exists', 'matches', '!matches'] as const;
export type AssertionOperator = (typeof ASSERTION_OPERATORS)[number];

export interface Assertion {
  /** 0-based line of the file. */
  line: number;
  /** As written after `??`, trimmed. */
  text: string;
  subject: AssertionSubject;
  /** One of ASSERTION_OPERATORS. */
  operator: string;
  /** A JSON literal when the text parses as one, else the bare text; absent for exists/!exists. */
  expected?: unknown;
  /** For matches/!matches: the user's pattern, compiled once when the file is read. */
  pattern?: RegExp;
}

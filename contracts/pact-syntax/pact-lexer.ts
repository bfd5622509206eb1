import { PactSyntaxError } from './pact-syntax.errors';

/**
 * A lexer for Pact 5 source text that follows pact-5's `Pact/Core/Syntax/Lexer.x` (kadena-io/pact-5
 * bfc5310c): the same token classes, keywords, longest-match rule (ties go to the earlier rule, so
 * keywords and integers beat identifiers) and string escapes. We cannot run Pact here, so this is
 * what makes a malformed contract fail CI.
 */
export type PactTokenKind =
  | 'keyword'
  | 'ident'
  | 'number'
  | 'string'
  | 'tick'
  | '('
  | ')'
  | '['
  | ']'
  | '{'
  | '}'
  | ','
  | '.'
  | ':='
  | '::'
  | ':';

export interface PactToken {
  readonly kind: PactTokenKind;
  /** Keyword/identifier/number text, the decoded string value, or the tick symbol without its quote. */
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

export const PACT_KEYWORDS: ReadonlySet<string> = new Set([
  'let*',
  'let',
  'defun',
  'defcap',
  'defconst',
  'defschema',
  'deftable',
  'defpact',
  'interface',
  'module',
  'bless',
  'implements',
  'use',
  'true',
  'false',
  'lambda',
  '@doc',
  '@model',
  '@event',
  '@managed',
  'step-with-rollback',
  'step',
]);

const PSYMBOL = '%#+-_&$@<>=^?*!|/~';

const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isIdentStart = (c: string): boolean => isAlpha(c) || PSYMBOL.includes(c);
const isIdentChar = (c: string): boolean => isAlpha(c) || isDigit(c) || PSYMBOL.includes(c);
// Alex's $white: space, tab, newline, carriage return, vertical tab, form feed.
const isWhite = (c: string): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';

const PUNCTUATION: ReadonlyArray<PactTokenKind> = ['(', ')', '[', ']', '{', '}', ',', '.'];

export function lexPact(source: string): PactToken[] {
  if (typeof source !== 'string')
    throw new PactSyntaxError('invalid_input', 'Pact source must be a string', 1, 1);
  const tokens: PactToken[] = [];
  let i = 0;
  let line = 1;
  let column = 1;

  const advance = (count: number): void => {
    for (let k = 0; k < count; k++) {
      if (source[i] === '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
      i++;
    }
  };
  const fail = (message: string, atLine = line, atColumn = column): never => {
    throw new PactSyntaxError('lexical_error', message, atLine, atColumn);
  };

  while (i < source.length) {
    const c = source[i]!;
    if (c.charCodeAt(0) > 0xff) fail(`character ${JSON.stringify(c)} is outside Latin-1`);
    if (isWhite(c)) {
      advance(1);
      continue;
    }
    if (c === ';') {
      while (i < source.length && source[i] !== '\n') advance(1);
      continue;
    }
    const startLine = line;
    const startColumn = column;
    const push = (kind: PactTokenKind, text: string): void => {
      tokens.push({ kind, text, line: startLine, column: startColumn });
    };
    if (c === '"') {
      advance(1);
      push('string', readString());
      continue;
    }
    if (c === ':') {
      const next = source[i + 1];
      if (next === '=') {
        advance(2);
        push(':=', ':=');
      } else if (next === ':') {
        advance(2);
        push('::', '::');
      } else {
        advance(1);
        push(':', ':');
      }
      continue;
    }
    if ((PUNCTUATION as readonly string[]).includes(c)) {
      advance(1);
      push(c as PactTokenKind, c);
      continue;
    }
    if (c === "'") {
      if (!isAlpha(source[i + 1] ?? '')) fail('a single-tick symbol must start with a letter');
      let end = i + 2;
      while (
        end < source.length &&
        (isAlpha(source[end]!) || isDigit(source[end]!) || source[end] === '-' || source[end] === '_')
      )
        end++;
      const text = source.slice(i + 1, end);
      advance(end - i);
      push('tick', text);
      continue;
    }
    // Longest match between @integer and @ident; a tie goes to @integer (it comes first in Lexer.x).
    let integerEnd = i;
    if (source[integerEnd] === '-') integerEnd++;
    const digitsStart = integerEnd;
    while (integerEnd < source.length && isDigit(source[integerEnd]!)) integerEnd++;
    const integerLength = integerEnd > digitsStart ? integerEnd - i : 0;
    let identLength = 0;
    if (isIdentStart(c)) {
      let end = i + 1;
      while (end < source.length && isIdentChar(source[end]!)) end++;
      identLength = end - i;
    }
    if (integerLength === 0 && identLength === 0) fail(`unexpected character ${JSON.stringify(c)}`);
    if (integerLength >= identLength) {
      const text = source.slice(i, i + integerLength);
      advance(integerLength);
      push('number', text);
    } else {
      const text = source.slice(i, i + identLength);
      advance(identLength);
      push(PACT_KEYWORDS.has(text) ? 'keyword' : 'ident', text);
    }
  }
  return tokens;

  function readString(): string {
    const startLine = line;
    const startColumn = column - 1;
    let value = '';
    for (;;) {
      if (i >= source.length) fail('string literal is not closed', startLine, startColumn);
      const ch = source[i]!;
      if (ch === '\n') fail('newline in string literal');
      if (ch === '\r') fail('carriage return in string literal');
      if (ch.charCodeAt(0) > 0xff) fail(`character ${JSON.stringify(ch)} is outside Latin-1`);
      if (ch === '"') {
        advance(1);
        return value;
      }
      if (ch !== '\\') {
        value += ch;
        advance(1);
        continue;
      }
      advance(1);
      const escaped = source[i];
      if (escaped === undefined) fail('string literal is not closed', startLine, startColumn);
      if (isWhite(escaped!)) {
        // A backslash-whitespace gap continues the string after the next backslash.
        while (i < source.length && isWhite(source[i]!)) advance(1);
        if (source[i] !== '\\') fail('invalid multiline string');
        advance(1);
        continue;
      }
      const replacement = { n: '\n', t: '\t', '\\': '\\', '"': '"', "'": "'" }[escaped as 'n'];
      if (replacement === undefined) fail(`invalid escape sequence \\${escaped}`);
      value += replacement;
      advance(1);
    }
  }
}

/** Pact string literal for a value (the inverse of the lexer's escapes). */
export function pactStringLiteral(value: string): string {
  if (typeof value !== 'string')
    throw new PactSyntaxError('invalid_input', 'a Pact string must be a string', 1, 1);
  let out = '"';
  for (const ch of value) {
    if (ch.charCodeAt(0) > 0xff)
      throw new PactSyntaxError(
        'invalid_input',
        `character ${JSON.stringify(ch)} cannot appear in a Pact string`,
        1,
        1,
      );
    if (ch === '\r')
      throw new PactSyntaxError('invalid_input', 'carriage returns cannot appear in a Pact string', 1, 1);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return `${out}"`;
}

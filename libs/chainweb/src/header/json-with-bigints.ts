import { ChainwebError } from '../errors';

/**
 * Strict JSON (RFC 8259) parsing that keeps integers beyond 2^53 exact as bigint. chainweb-node
 * writes a header's `featureFlags` (a u64) as a bare number, which JSON.parse would round.
 */
export function parseJsonWithBigInts(text: string): unknown {
  if (typeof text !== 'string') throw new ChainwebError('bad_encoding', 'JSON: expected text');
  const parser = new JsonParser(text);
  const value = parser.value();
  parser.end();
  return value;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// JSON strings: no raw control characters (U+0000–U+001F), only the standard escapes.
// eslint-disable-next-line no-control-regex -- excluding control characters is the point
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const MAX_DEPTH = 64;

class JsonParser {
  private at = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  value(): unknown {
    this.space();
    const c = this.text[this.at];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (this.text.startsWith('true', this.at)) return this.literal('true', true);
    if (this.text.startsWith('false', this.at)) return this.literal('false', false);
    if (this.text.startsWith('null', this.at)) return this.literal('null', null);
    return this.number();
  }

  end(): void {
    this.space();
    if (this.at !== this.text.length) this.fail('trailing characters');
  }

  private object(): Record<string, unknown> {
    this.enter();
    const out: Record<string, unknown> = {};
    this.at++;
    this.space();
    if (this.text[this.at] === '}') {
      this.at++;
      this.depth--;
      return out;
    }
    for (;;) {
      this.space();
      if (this.text[this.at] !== '"') this.fail('expected a key');
      const key = this.string();
      this.space();
      if (this.text[this.at] !== ':') this.fail('expected ":"');
      this.at++;
      if (Object.prototype.hasOwnProperty.call(out, key)) this.fail(`duplicate key ${JSON.stringify(key)}`);
      Object.defineProperty(out, key, {
        value: this.value(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.space();
      const c = this.text[this.at++];
      if (c === '}') break;
      if (c !== ',') this.fail('expected "," or "}"');
    }
    this.depth--;
    return out;
  }

  private array(): unknown[] {
    this.enter();
    const out: unknown[] = [];
    this.at++;
    this.space();
    if (this.text[this.at] === ']') {
      this.at++;
      this.depth--;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.space();
      const c = this.text[this.at++];
      if (c === ']') break;
      if (c !== ',') this.fail('expected "," or "]"');
    }
    this.depth--;
    return out;
  }

  private string(): string {
    STRING.lastIndex = this.at;
    const match = STRING.exec(this.text);
    if (match === null) this.fail('bad string');
    this.at += match[0].length;
    return JSON.parse(match[0]) as string;
  }

  private number(): number | bigint {
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(this.text);
    if (match === null) this.fail('unexpected character');
    this.at += match[0].length;
    const literal = match[0];
    if (/^-?\d+$/.test(literal)) {
      const n = Number(literal);
      return Number.isSafeInteger(n) ? n : BigInt(literal);
    }
    return Number(literal);
  }

  private literal<T>(word: string, value: T): T {
    this.at += word.length;
    return value;
  }

  private space(): void {
    while (this.at < this.text.length && ' \t\n\r'.includes(this.text[this.at] as string)) this.at++;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail('nested too deeply');
  }

  private fail(message: string): never {
    throw new ChainwebError('bad_encoding', `JSON: ${message} at offset ${this.at}`);
  }
}

import { lexPact, type PactToken, type PactTokenKind } from './pact-lexer';
import { PactSyntaxError } from './pact-syntax.errors';

/**
 * A parser for Pact 5 programs following pact-5's `Pact/Core/Syntax/Parser.y` (kadena-io/pact-5
 * bfc5310c): modules, definitions, expressions, types, object literals and binding forms. Interfaces
 * and @model property bodies are accepted but not interpreted.
 */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export interface PactArg {
  readonly name: string;
  /** Rendered type: `string`, `object{batch}`, `[object{batch}]`, `module{fungible-v2}`; absent when untyped. */
  readonly type?: string;
  readonly pos: SourcePosition;
}

export type PactExpr =
  | { readonly kind: 'var'; readonly name: string; readonly pos: SourcePosition }
  | { readonly kind: 'integer'; readonly value: bigint; readonly pos: SourcePosition }
  | { readonly kind: 'decimal'; readonly text: string; readonly pos: SourcePosition }
  | { readonly kind: 'string'; readonly value: string; readonly pos: SourcePosition }
  | { readonly kind: 'bool'; readonly value: boolean; readonly pos: SourcePosition }
  | { readonly kind: 'unit'; readonly pos: SourcePosition }
  | { readonly kind: 'list'; readonly items: readonly PactExpr[]; readonly pos: SourcePosition }
  | {
      readonly kind: 'object';
      readonly fields: ReadonlyArray<{ readonly field: string; readonly value: PactExpr }>;
      readonly pos: SourcePosition;
    }
  | {
      readonly kind: 'app';
      readonly fn: PactExpr;
      readonly args: readonly PactAppArg[];
      readonly pos: SourcePosition;
    }
  | {
      readonly kind: 'lambda';
      readonly params: readonly PactArg[];
      readonly body: readonly PactExpr[];
      readonly pos: SourcePosition;
    }
  | {
      readonly kind: 'let';
      readonly star: boolean;
      readonly binders: ReadonlyArray<{ readonly arg: PactArg; readonly value: PactExpr }>;
      readonly body: readonly PactExpr[];
      readonly pos: SourcePosition;
    };

/** `{ "field" := name, … }` in an application (with-read, with-default-read, bind, resume). */
export interface PactBindings {
  readonly kind: 'bindings';
  readonly pairs: ReadonlyArray<{ readonly field: string; readonly arg: PactArg }>;
  readonly pos: SourcePosition;
}

export type PactAppArg = PactExpr | PactBindings;

export interface PactDocAnnotations {
  readonly doc?: string;
  readonly hasModel: boolean;
}

export type PactCapabilityMeta =
  | { readonly kind: 'event' }
  | { readonly kind: 'managed'; readonly param?: string; readonly manager?: string };

export type PactDef =
  | ({
      readonly kind: 'defun';
      readonly name: string;
      readonly returnType?: string;
      readonly params: readonly PactArg[];
      readonly body: readonly PactExpr[];
      readonly pos: SourcePosition;
    } & PactDocAnnotations)
  | ({
      readonly kind: 'defcap';
      readonly name: string;
      readonly returnType?: string;
      readonly params: readonly PactArg[];
      readonly meta?: PactCapabilityMeta;
      readonly body: readonly PactExpr[];
      readonly pos: SourcePosition;
    } & PactDocAnnotations)
  | ({
      readonly kind: 'defpact';
      readonly name: string;
      readonly returnType?: string;
      readonly params: readonly PactArg[];
      readonly steps: readonly PactStep[];
      readonly pos: SourcePosition;
    } & PactDocAnnotations)
  | {
      readonly kind: 'defconst';
      readonly name: string;
      readonly type?: string;
      readonly value: PactExpr;
      readonly doc?: string;
      readonly pos: SourcePosition;
    }
  | ({
      readonly kind: 'defschema';
      readonly name: string;
      readonly fields: readonly PactArg[];
      readonly pos: SourcePosition;
    } & PactDocAnnotations)
  | {
      readonly kind: 'deftable';
      readonly name: string;
      readonly schema: string;
      readonly doc?: string;
      readonly pos: SourcePosition;
    };

export interface PactStep {
  readonly rollback: boolean;
  readonly exprs: readonly PactExpr[];
  readonly pos: SourcePosition;
}

export type PactModuleExtension =
  | {
      readonly kind: 'use';
      readonly module: string;
      readonly hash?: string;
      readonly imports?: readonly string[];
    }
  | { readonly kind: 'implements'; readonly interface: string }
  | { readonly kind: 'bless'; readonly hash: string };

export interface PactModule {
  readonly kind: 'module';
  readonly name: string;
  readonly governance:
    | { readonly kind: 'keyset'; readonly name: string }
    | { readonly kind: 'capability'; readonly name: string };
  readonly doc?: string;
  readonly defs: readonly PactDef[];
  readonly extensions: readonly PactModuleExtension[];
  readonly pos: SourcePosition;
}

export type PactTopLevel =
  | PactModule
  | { readonly kind: 'interface'; readonly name: string; readonly pos: SourcePosition }
  | { readonly kind: 'use'; readonly module: string; readonly pos: SourcePosition }
  | { readonly kind: 'expr'; readonly expr: PactExpr }
  /** The REPL also accepts top-level defun/defconst. */
  | { readonly kind: 'repl-def'; readonly def: PactDef };

export function parsePactProgram(source: string, options: { repl?: boolean } = {}): PactTopLevel[] {
  return new PactParser(lexPact(source), options.repl ?? false).program();
}

/** Parses one expression (for example a command's code); anything after it is an error. */
export function parsePactExpression(source: string): PactExpr {
  const parser = new PactParser(lexPact(source), false);
  const expr = parser.expression();
  parser.expectEnd();
  return expr;
}

const PRIMITIVE_TYPES = new Set([
  'integer',
  'bool',
  'unit',
  'guard',
  'decimal',
  'time',
  'string',
  'list',
  'object',
  'keyset',
]);

class PactParser {
  private index = 0;

  constructor(
    private readonly tokens: readonly PactToken[],
    private readonly repl: boolean,
  ) {}

  program(): PactTopLevel[] {
    const out: PactTopLevel[] = [];
    while (this.index < this.tokens.length) out.push(this.topLevel());
    return out;
  }

  expectEnd(): void {
    const extra = this.tokens[this.index];
    if (extra) this.fail(`unexpected input after the expression: ${extra.text}`, extra);
  }

  private topLevel(): PactTopLevel {
    if (this.at('(')) {
      const head = this.peek(1);
      if (head?.kind === 'keyword') {
        if (head.text === 'module') return this.module();
        if (head.text === 'interface') return this.skipInterface();
        if (head.text === 'use') {
          const open = this.take('(');
          this.take('keyword', 'use');
          const module = this.moduleName();
          if (this.at('string')) this.take('string');
          if (this.at('[')) this.importList();
          this.take(')');
          return { kind: 'use', module, pos: pos(open) };
        }
        if (this.repl && (head.text === 'defun' || head.text === 'defconst'))
          return { kind: 'repl-def', def: this.def() };
      }
    }
    return { kind: 'expr', expr: this.expression() };
  }

  private module(): PactModule {
    const open = this.take('(');
    this.take('keyword', 'module');
    const name = this.take('ident').text;
    let governance: PactModule['governance'];
    if (this.at('string') || this.at('tick')) governance = { kind: 'keyset', name: this.next().text };
    else governance = { kind: 'capability', name: this.take('ident').text };
    const annotations = this.docOrModel();
    const defs: PactDef[] = [];
    const extensions: PactModuleExtension[] = [];
    while (!this.at(')')) {
      if (this.index >= this.tokens.length)
        this.failAtEnd('unexpected end of input: the module is not closed');
      const head = this.peek(1);
      if (!this.at('(') || head === undefined)
        this.fail('expected a definition or (use …), (implements …), (bless …) in the module body');
      if (head.kind === 'keyword' && head.text === 'use') {
        this.take('(');
        this.take('keyword', 'use');
        const module = this.moduleName();
        const hash = this.at('string') ? this.take('string').text : undefined;
        const imports = this.at('[') ? this.importList() : undefined;
        this.take(')');
        extensions.push({
          kind: 'use',
          module,
          ...(hash === undefined ? {} : { hash }),
          ...(imports === undefined ? {} : { imports }),
        });
      } else if (head.kind === 'keyword' && head.text === 'implements') {
        this.take('(');
        this.take('keyword', 'implements');
        extensions.push({ kind: 'implements', interface: this.moduleName() });
        this.take(')');
      } else if (head.kind === 'keyword' && head.text === 'bless') {
        this.take('(');
        this.take('keyword', 'bless');
        if (!this.at('string') && !this.at('tick')) this.fail('bless takes a module hash string');
        extensions.push({ kind: 'bless', hash: this.next().text });
        this.take(')');
      } else {
        defs.push(this.def());
      }
    }
    if (defs.length === 0) this.fail('a module needs at least one definition');
    this.take(')');
    return {
      kind: 'module',
      name,
      governance,
      ...(annotations.doc === undefined ? {} : { doc: annotations.doc }),
      defs,
      extensions,
      pos: pos(open),
    };
  }

  private def(): PactDef {
    const open = this.take('(');
    const keyword = this.take('keyword');
    const p = pos(open);
    switch (keyword.text) {
      case 'defun':
      case 'defcap':
      case 'defpact': {
        const name = this.take('ident').text;
        const returnType = this.optionalTypeAnnotation();
        this.take('(');
        const params = this.args(')');
        this.take(')');
        const annotations = this.docOrModel();
        if (keyword.text === 'defpact') {
          const steps: PactStep[] = [];
          while (!this.at(')')) steps.push(this.step());
          if (steps.length === 0) this.fail('a defpact needs at least one step');
          this.take(')');
          return {
            kind: 'defpact',
            name,
            ...opt('returnType', returnType),
            params,
            steps,
            ...annotations,
            pos: p,
          };
        }
        let meta: PactCapabilityMeta | undefined;
        if (keyword.text === 'defcap') {
          if (this.atKeyword('@event')) {
            this.next();
            meta = { kind: 'event' };
          } else if (this.atKeyword('@managed')) {
            this.next();
            // `@managed param manager` — the grammar takes the two names when they are there.
            if (this.at('ident') && this.peek(1)?.kind === 'ident') {
              const param = this.take('ident').text;
              const manager = this.parsedName();
              meta = { kind: 'managed', param, manager };
            } else {
              meta = { kind: 'managed' };
            }
          }
        }
        const body = this.block();
        this.take(')');
        if (keyword.text === 'defcap')
          return {
            kind: 'defcap',
            name,
            ...opt('returnType', returnType),
            params,
            ...opt('meta', meta),
            body,
            ...annotations,
            pos: p,
          };
        return {
          kind: 'defun',
          name,
          ...opt('returnType', returnType),
          params,
          body,
          ...annotations,
          pos: p,
        };
      }
      case 'defconst': {
        const name = this.take('ident').text;
        const type = this.optionalTypeAnnotation();
        const value = this.expression();
        const doc = this.optionalDoc();
        this.take(')');
        return { kind: 'defconst', name, ...opt('type', type), value, ...opt('doc', doc), pos: p };
      }
      case 'defschema': {
        const name = this.take('ident').text;
        const annotations = this.docOrModel();
        const fields: PactArg[] = [];
        while (!this.at(')')) {
          const ident = this.take('ident');
          if (this.at(':')) {
            this.take(':');
            fields.push({ name: ident.text, type: this.type(), pos: pos(ident) });
          } else {
            fields.push({ name: ident.text, pos: pos(ident) });
          }
        }
        this.take(')');
        return { kind: 'defschema', name, fields, ...annotations, pos: p };
      }
      case 'deftable': {
        const name = this.take('ident').text;
        this.take(':');
        this.take('{');
        const schema = this.parsedName();
        this.take('}');
        const doc = this.optionalDoc();
        this.take(')');
        return { kind: 'deftable', name, schema, ...opt('doc', doc), pos: p };
      }
      default:
        return this.fail(
          `expected defun, defcap, defpact, defconst, defschema or deftable, found ${keyword.text}`,
          keyword,
        );
    }
  }

  private step(): PactStep {
    const open = this.take('(');
    const keyword = this.take('keyword');
    if (keyword.text !== 'step' && keyword.text !== 'step-with-rollback')
      this.fail('expected (step …) or (step-with-rollback …)', keyword);
    const exprs: PactExpr[] = [];
    while (!this.at(')') && !this.atKeyword('@model')) exprs.push(this.expression());
    if (this.atKeyword('@model')) this.modelAnnotation();
    this.take(')');
    const rollback = keyword.text === 'step-with-rollback';
    // (step EXPR) | (step ENTITY EXPR) | (step-with-rollback EXPR RB) | (step-with-rollback ENTITY EXPR RB)
    const allowed = rollback ? [2, 3] : [1, 2];
    if (!allowed.includes(exprs.length))
      this.fail(`${keyword.text} takes ${allowed.join(' or ')} expressions, found ${exprs.length}`, keyword);
    return { rollback, exprs, pos: pos(open) };
  }

  private docOrModel(): PactDocAnnotations {
    let doc: string | undefined;
    let hasModel = false;
    for (let k = 0; k < 2; k++) {
      if (this.atKeyword('@doc') && doc === undefined) {
        this.next();
        doc = this.take('string').text;
      } else if (this.atKeyword('@model') && !hasModel) {
        this.modelAnnotation();
        hasModel = true;
      } else if (k === 0 && this.at('string')) {
        // A bare string right after the arguments is a docstring (Parser.y resolves the ambiguity that way).
        doc = this.take('string').text;
        break;
      } else {
        break;
      }
    }
    return { ...opt('doc', doc), hasModel };
  }

  private optionalDoc(): string | undefined {
    if (this.atKeyword('@doc')) {
      this.next();
      return this.take('string').text;
    }
    if (this.at('string')) return this.take('string').text;
    return undefined;
  }

  private modelAnnotation(): void {
    this.take('keyword', '@model');
    this.take('[');
    let depth = 1;
    while (depth > 0) {
      const token = this.next();
      if (token.kind === '[' || token.kind === '(') depth++;
      else if (token.kind === ']' || token.kind === ')') depth--;
    }
  }

  private optionalTypeAnnotation(): string | undefined {
    if (!this.at(':')) return undefined;
    this.take(':');
    return this.type();
  }

  private type(): string {
    if (this.at('[')) {
      this.take('[');
      const inner = this.type();
      this.take(']');
      return `[${inner}]`;
    }
    if (this.atKeyword('module')) {
      this.next();
      this.take('{');
      const names = [this.moduleName()];
      while (this.at(',')) {
        this.take(',');
        names.push(this.moduleName());
      }
      this.take('}');
      return `module{${names.join(',')}}`;
    }
    const ident = this.take('ident');
    if (this.at('{')) {
      if (ident.text !== 'object' && ident.text !== 'table')
        this.fail(`invalid base type ${ident.text}`, ident);
      this.take('{');
      const schema = this.parsedName();
      this.take('}');
      return `${ident.text}{${schema}}`;
    }
    if (!PRIMITIVE_TYPES.has(ident.text)) this.fail(`invalid base type ${ident.text}`, ident);
    return ident.text;
  }

  private args(closer: PactTokenKind): PactArg[] {
    const out: PactArg[] = [];
    while (!this.at(closer)) {
      const ident = this.take('ident');
      if (this.at(':')) {
        this.take(':');
        out.push({ name: ident.text, type: this.type(), pos: pos(ident) });
      } else {
        out.push({ name: ident.text, pos: pos(ident) });
      }
    }
    return out;
  }

  private block(): PactExpr[] {
    const body: PactExpr[] = [];
    while (!this.at(')')) body.push(this.expression());
    if (body.length === 0) this.fail('expected at least one expression in the body');
    return body;
  }

  expression(): PactExpr {
    const token = this.current();
    switch (token.kind) {
      case '(':
        return this.sexpr();
      case '[':
        return this.list();
      case '{':
        return this.object();
      case 'number':
        return this.number();
      case 'string':
        this.next();
        return { kind: 'string', value: token.text, pos: pos(token) };
      case 'tick':
        this.next();
        return { kind: 'string', value: token.text, pos: pos(token) };
      case 'ident':
        return { kind: 'var', name: this.parsedName(), pos: pos(token) };
      case 'keyword':
        if (token.text === 'true' || token.text === 'false') {
          this.next();
          return { kind: 'bool', value: token.text === 'true', pos: pos(token) };
        }
        return this.fail(`unexpected keyword ${token.text}`, token);
      case ')':
      case ']':
      case '}':
      case ',':
      case '.':
      case ':':
      case ':=':
      case '::':
        return this.fail(`unexpected ${token.text}`, token);
    }
  }

  private sexpr(): PactExpr {
    const open = this.take('(');
    if (this.at(')')) {
      this.take(')');
      return { kind: 'unit', pos: pos(open) };
    }
    if (this.atKeyword('lambda')) {
      this.next();
      this.take('(');
      const params = this.args(')');
      this.take(')');
      const body = this.block();
      this.take(')');
      return { kind: 'lambda', params, body, pos: pos(open) };
    }
    if (this.atKeyword('let') || this.atKeyword('let*')) {
      const star = this.next().text === 'let*';
      this.take('(');
      const binders: Array<{ arg: PactArg; value: PactExpr }> = [];
      while (!this.at(')')) {
        this.take('(');
        const ident = this.take('ident');
        const type = this.optionalTypeAnnotation();
        const value = this.expression();
        this.take(')');
        binders.push({ arg: { name: ident.text, ...opt('type', type), pos: pos(ident) }, value });
      }
      if (binders.length === 0) this.fail('let needs at least one binder');
      this.take(')');
      const body = this.block();
      this.take(')');
      return { kind: 'let', star, binders, body, pos: pos(open) };
    }
    const fn = this.expression();
    const args: PactAppArg[] = [];
    while (!this.at(')')) {
      if (this.at('{') && this.isBindingForm()) args.push(this.bindings());
      else args.push(this.expression());
    }
    this.take(')');
    return { kind: 'app', fn, args, pos: pos(open) };
  }

  private isBindingForm(): boolean {
    const key = this.peek(1);
    const op = this.peek(2);
    return (key?.kind === 'string' || key?.kind === 'tick') && op?.kind === ':=';
  }

  private bindings(): PactBindings {
    const open = this.take('{');
    const pairs: Array<{ field: string; arg: PactArg }> = [];
    for (;;) {
      if (!this.at('string') && !this.at('tick')) this.fail('expected "field" := name');
      const field = this.next().text;
      this.take(':=');
      const ident = this.take('ident');
      const type = this.optionalTypeAnnotation();
      pairs.push({ field, arg: { name: ident.text, ...opt('type', type), pos: pos(ident) } });
      if (this.at(',')) {
        this.take(',');
        continue;
      }
      break;
    }
    this.take('}');
    return { kind: 'bindings', pairs, pos: pos(open) };
  }

  private list(): PactExpr {
    const open = this.take('[');
    const items: PactExpr[] = [];
    if (!this.at(']')) {
      items.push(this.expression());
      if (this.at(',')) {
        while (this.at(',')) {
          this.take(',');
          items.push(this.expression());
        }
      } else {
        while (!this.at(']')) items.push(this.expression());
      }
    }
    this.take(']');
    return { kind: 'list', items, pos: pos(open) };
  }

  private object(): PactExpr {
    const open = this.take('{');
    const fields: Array<{ field: string; value: PactExpr }> = [];
    if (!this.at('}')) {
      for (;;) {
        if (!this.at('string') && !this.at('tick')) this.fail('expected "field": value in an object literal');
        const field = this.next().text;
        this.take(':');
        fields.push({ field, value: this.expression() });
        if (this.at(',')) {
          this.take(',');
          continue;
        }
        break;
      }
    }
    this.take('}');
    return { kind: 'object', fields, pos: pos(open) };
  }

  private number(): PactExpr {
    const whole = this.take('number');
    if (this.at('.') && this.peek(1)?.kind === 'number') {
      this.take('.');
      const fraction = this.take('number');
      if (fraction.text.startsWith('-')) this.fail('invalid decimal literal', fraction);
      if (fraction.text.length > 255) this.fail('decimal precision above 255 digits', fraction);
      return { kind: 'decimal', text: `${whole.text}.${fraction.text}`, pos: pos(whole) };
    }
    return { kind: 'integer', value: BigInt(whole.text), pos: pos(whole) };
  }

  /** IDENT ('.' IDENT ('.' IDENT)?)? | IDENT '::' IDENT */
  private parsedName(): string {
    const first = this.take('ident').text;
    if (this.at('::')) {
      this.take('::');
      return `${first}::${this.take('ident').text}`;
    }
    if (this.at('.') && this.peek(1)?.kind === 'ident') {
      this.take('.');
      let name = `${first}.${this.take('ident').text}`;
      if (this.at('.') && this.peek(1)?.kind === 'ident') {
        this.take('.');
        name += `.${this.take('ident').text}`;
      }
      return name;
    }
    return first;
  }

  private moduleName(): string {
    const first = this.take('ident').text;
    if (this.at('.') && this.peek(1)?.kind === 'ident') {
      this.take('.');
      return `${first}.${this.take('ident').text}`;
    }
    return first;
  }

  private importList(): string[] {
    this.take('[');
    const names: string[] = [];
    while (!this.at(']')) names.push(this.take('ident').text);
    this.take(']');
    return names;
  }

  private skipInterface(): PactTopLevel {
    const open = this.take('(');
    this.take('keyword', 'interface');
    const name = this.take('ident').text;
    let depth = 1;
    while (depth > 0) {
      const token = this.next();
      if (token.kind === '(') depth++;
      else if (token.kind === ')') depth--;
    }
    return { kind: 'interface', name, pos: pos(open) };
  }

  // ---------------------------------------------------------------- token helpers

  private current(): PactToken {
    const token = this.tokens[this.index];
    if (!token) return this.failAtEnd('unexpected end of input');
    return token;
  }

  private peek(offset: number): PactToken | undefined {
    return this.tokens[this.index + offset];
  }

  private at(kind: PactTokenKind): boolean {
    return this.tokens[this.index]?.kind === kind;
  }

  private atKeyword(text: string): boolean {
    const token = this.tokens[this.index];
    return token?.kind === 'keyword' && token.text === text;
  }

  private next(): PactToken {
    const token = this.current();
    this.index++;
    return token;
  }

  private take(kind: PactTokenKind, text?: string): PactToken {
    const token = this.tokens[this.index];
    if (!token) return this.failAtEnd(`expected ${text ?? kind}, found the end of input`);
    if (token.kind !== kind || (text !== undefined && token.text !== text)) {
      return this.fail(
        `expected ${text ?? kind}, found ${token.kind === 'string' ? JSON.stringify(token.text) : token.text}`,
        token,
      );
    }
    this.index++;
    return token;
  }

  private fail(message: string, token: PactToken | undefined = this.tokens[this.index]): never {
    if (!token) return this.failAtEnd(message);
    throw new PactSyntaxError('parse_error', message, token.line, token.column);
  }

  private failAtEnd(message: string): never {
    const last = this.tokens[this.tokens.length - 1];
    throw new PactSyntaxError('parse_error', message, last?.line ?? 1, last?.column ?? 1);
  }
}

function pos(token: PactToken): SourcePosition {
  return { line: token.line, column: token.column };
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

import { PactFailure } from './pact-failure';
import type { PactKeyset, PactObject } from './pact-value';

export type ContractModuleName = 'spv-anchor' | 'provenance-log' | 'spv-forwarder';

/**
 * The state our modules read: their tables and the keysets, all in one deployment namespace. The
 * devnet implements this over its own storage; InMemoryContractState is a complete implementation.
 */
export interface ContractStateView {
  /** The namespace the modules are deployed in (their names are `<namespace>.<module>`). */
  readonly namespace: string;
  /** A keyset by its full name, e.g. `spv.spv-cloud-operator`. */
  keyset(name: string): PactKeyset | undefined;
  read(module: ContractModuleName, table: string, key: string): PactObject | undefined;
  /** Every row of a table, in any order (the effects sort as Pact does). */
  rows(module: ContractModuleName, table: string): Iterable<readonly [string, PactObject]>;
}

/** One row write of a successful call; `row` is the full row after the write. */
export interface TableWrite {
  readonly module: ContractModuleName;
  readonly table: string;
  readonly key: string;
  readonly kind: 'insert' | 'write' | 'update';
  readonly row: PactObject;
}

/** The view of one transaction: the committed state plus this transaction's own writes. */
export class TransactionState {
  private readonly pending = new Map<string, TableWrite>();
  readonly writes: TableWrite[] = [];

  constructor(readonly base: ContractStateView) {}

  get namespace(): string {
    return this.base.namespace;
  }

  keyset(name: string): PactKeyset | undefined {
    return this.base.keyset(name);
  }

  read(module: ContractModuleName, table: string, key: string): PactObject | undefined {
    const own = this.pending.get(rowId(module, table, key));
    return own ? own.row : this.base.read(module, table, key);
  }

  rows(module: ContractModuleName, table: string): Array<readonly [string, PactObject]> {
    const merged = new Map<string, PactObject>();
    for (const [key, row] of this.base.rows(module, table)) merged.set(key, row);
    for (const w of this.writes) if (w.module === module && w.table === table) merged.set(w.key, w.row);
    return [...merged];
  }

  /** `(insert …)`: fails when the row exists, with Pact 5's message. */
  insert(module: ContractModuleName, table: string, key: string, row: PactObject): void {
    if (this.read(module, table, key) !== undefined) {
      throw new PactFailure({ type: 'EvalError', message: `Insert: row found for key ${key}`, exact: false });
    }
    this.record({ module, table, key, kind: 'insert', row });
  }

  /** `(write …)`: creates or replaces the row. */
  write(module: ContractModuleName, table: string, key: string, row: PactObject): void {
    this.record({ module, table, key, kind: 'write', row });
  }

  /** `(update …)`: merges fields into an existing row. */
  update(module: ContractModuleName, table: string, key: string, fields: PactObject): void {
    const existing = this.read(module, table, key);
    if (existing === undefined)
      throw new PactFailure({
        type: 'EvalError',
        message: `Update: no row found for key ${key}`,
        exact: false,
      });
    this.record({ module, table, key, kind: 'update', row: Object.freeze({ ...existing, ...fields }) });
  }

  private record(write: TableWrite): void {
    this.pending.set(rowId(write.module, write.table, write.key), write);
    this.writes.push(write);
  }
}

function rowId(module: string, table: string, key: string): string {
  return `${module}\u0000${table}\u0000${key}`;
}

/** A complete in-memory state (tests, tools, a simple devnet): apply the writes of successful calls. */
export class InMemoryContractState implements ContractStateView {
  private readonly keysets = new Map<string, PactKeyset>();
  private readonly tables = new Map<string, Map<string, PactObject>>();

  constructor(readonly namespace: string) {
    if (!/^[A-Za-z][A-Za-z0-9%#+\-_&$@<>=^?*!|/~]*$/.test(namespace))
      throw new RangeError(`invalid namespace: ${namespace}`);
  }

  defineKeyset(name: string, keyset: PactKeyset): void {
    this.keysets.set(name, keyset);
  }

  keyset(name: string): PactKeyset | undefined {
    return this.keysets.get(name);
  }

  read(module: ContractModuleName, table: string, key: string): PactObject | undefined {
    return this.tables.get(`${module}.${table}`)?.get(key);
  }

  rows(module: ContractModuleName, table: string): Iterable<readonly [string, PactObject]> {
    return this.tables.get(`${module}.${table}`)?.entries() ?? [];
  }

  applyWrites(writes: readonly TableWrite[]): void {
    for (const w of writes) {
      const id = `${w.module}.${w.table}`;
      let table = this.tables.get(id);
      if (!table) {
        table = new Map();
        this.tables.set(id, table);
      }
      table.set(w.key, w.row);
    }
  }
}

import {
  contracts,
  type ContractModuleName,
  type ContractStateView,
  type PactObject,
  type PactValue,
} from './contracts-package';
import { loadPactValue, type StoredPactValue, storePactValue } from './pact-value-codec';

type PactKeysetValue = InstanceType<typeof contracts.PactKeyset>;

/** A module of ours loaded on a chain: its namespace, its name and the hash its events carry. */
export interface DeployedModule {
  readonly namespace: string;
  readonly module: ContractModuleName;
  readonly hash: string;
}

/** One committed change of a chain's Pact state, in block order. */
export type StateChange =
  | {
      readonly kind: 'row';
      readonly namespace: string;
      readonly module: ContractModuleName;
      readonly table: string;
      readonly key: string;
      readonly row: PactObject;
    }
  | { readonly kind: 'keyset'; readonly name: string; readonly keyset: PactKeysetValue }
  | {
      readonly kind: 'module';
      readonly namespace: string;
      readonly module: ContractModuleName;
      readonly hash: string;
    };

/** The JSON form of a StateChange in the block log. */
export type StoredStateChange =
  | { kind: 'row'; namespace: string; module: string; table: string; key: string; row: StoredPactValue }
  | { kind: 'keyset'; name: string; keyset: StoredPactValue }
  | { kind: 'module'; namespace: string; module: string; hash: string };

/**
 * Namespaces are not modelled: chainweb's development chains have `free` and `user` (anyone may load
 * code there) and others are made with `define-namespace` under the `ns` module's rules; on the devnet
 * every well-formed namespace name exists and is open, so deployments may target any of them.
 */
const NAMESPACE_NAME = /^[A-Za-z][A-Za-z0-9%#+\-_&$@<>=^?*!|/~]*$/;

/**
 * The Pact state of one devnet chain that our contract functions can see: keysets, the modules of
 * ours loaded into each namespace, and their table rows. It only changes through `apply`, with the
 * changes of committed transactions.
 */
export class ChainContractState {
  private readonly keysets = new Map<string, PactKeysetValue>();
  private readonly modules = new Map<string, DeployedModule>();
  private readonly tables = new Map<string, Map<string, PactObject>>();

  hasNamespace(namespace: string): boolean {
    return NAMESPACE_NAME.test(namespace);
  }

  keyset(name: string): PactKeysetValue | undefined {
    return this.keysets.get(name);
  }

  /** A keyset as the committed state plus `pending` changes define it. */
  keysetWith(name: string, pending: readonly StateChange[]): PactKeysetValue | undefined {
    let found = this.keysets.get(name);
    for (const change of pending) if (change.kind === 'keyset' && change.name === name) found = change.keyset;
    return found;
  }

  deployedModule(namespace: string, module: string): DeployedModule | undefined {
    return this.modules.get(`${namespace}.${module}`);
  }

  /** The view `applyContractCall` reads, for modules loaded in `namespace`. */
  view(namespace: string, pending: readonly StateChange[] = []): ContractStateView {
    const rowsOf = (module: ContractModuleName, table: string): Map<string, PactObject> => {
      const rows = new Map(this.tables.get(tableId(namespace, module, table)) ?? []);
      for (const change of pending) {
        if (
          change.kind === 'row' &&
          change.namespace === namespace &&
          change.module === module &&
          change.table === table
        ) {
          rows.set(change.key, change.row);
        }
      }
      return rows;
    };
    return {
      namespace,
      keyset: (name) => this.keysetWith(name, pending),
      read: (module, table, key) => rowsOf(module, table).get(key),
      rows: (module, table) => rowsOf(module, table).entries(),
    };
  }

  apply(changes: readonly StateChange[]): void {
    for (const change of changes) {
      switch (change.kind) {
        case 'row': {
          const id = tableId(change.namespace, change.module, change.table);
          let table = this.tables.get(id);
          if (table === undefined) {
            table = new Map();
            this.tables.set(id, table);
          }
          table.set(change.key, change.row);
          break;
        }
        case 'keyset':
          this.keysets.set(change.name, change.keyset);
          break;
        case 'module':
          this.modules.set(`${change.namespace}.${change.module}`, {
            namespace: change.namespace,
            module: change.module,
            hash: change.hash,
          });
          break;
      }
    }
  }
}

function tableId(namespace: string, module: string, table: string): string {
  return `${namespace}.${module}.${table}`;
}

export function storeStateChange(change: StateChange): StoredStateChange {
  switch (change.kind) {
    case 'row':
      return { ...change, row: storePactValue(change.row) };
    case 'keyset':
      return { kind: 'keyset', name: change.name, keyset: storePactValue(change.keyset) };
    case 'module':
      return { ...change };
  }
}

export function loadStateChange(stored: unknown): StateChange {
  const change = stored as StoredStateChange;
  const module = (name: string): ContractModuleName => {
    if (!(contracts.CONTRACT_MODULES as readonly string[]).includes(name))
      throw new TypeError(`unknown module ${name}`);
    return name as ContractModuleName;
  };
  switch (change?.kind) {
    case 'row': {
      const row = loadPactValue(change.row);
      if (!contracts.isPactObject(row)) throw new TypeError('stored row is not an object');
      return {
        kind: 'row',
        namespace: change.namespace,
        module: module(change.module),
        table: change.table,
        key: change.key,
        row,
      };
    }
    case 'keyset': {
      const keyset: PactValue = loadPactValue(change.keyset);
      if (!(keyset instanceof contracts.PactKeyset)) throw new TypeError('stored keyset is not a keyset');
      return { kind: 'keyset', name: change.name, keyset };
    }
    case 'module':
      return {
        kind: 'module',
        namespace: change.namespace,
        module: module(change.module),
        hash: change.hash,
      };
    default:
      throw new TypeError('stored state change: unknown kind');
  }
}

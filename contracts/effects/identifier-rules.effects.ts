import type { ContractFunctionEffect } from './contract-effect';
import type { ContractModuleName } from './contract-state';
import { allInCharset, asString, validId, validRoot } from './contract-rules';

/**
 * The identifier checks every one of our modules defines for itself (`all-in-charset`, `valid-id`,
 * `valid-root`, in that source order): each .pact file carries its own copy so a module deploys
 * alone, so each module's effects table lists them too, built here once per module.
 */
export function identifierRuleEffects(module: ContractModuleName): ContractFunctionEffect[] {
  return [
    {
      module,
      name: 'all-in-charset',
      params: [
        { name: 'text', type: 'string' },
        { name: 'charset', type: 'string' },
      ],
      returnType: 'bool',
      kind: 'pure',
      capabilities: [],
      events: [],
      writes: [],
      summary: 'True when every character of text occurs in charset.',
      apply: (_ctx, args) => allInCharset(asString(args[0]), asString(args[1])),
    },
    {
      module,
      name: 'valid-id',
      params: [{ name: 'id', type: 'string' }],
      returnType: 'bool',
      kind: 'pure',
      capabilities: [],
      events: [],
      writes: [],
      summary: 'True when id has 1-128 characters from A-Z a-z 0-9 - _ . :',
      apply: (_ctx, args) => validId(asString(args[0])),
    },
    {
      module,
      name: 'valid-root',
      params: [{ name: 'root', type: 'string' }],
      returnType: 'bool',
      kind: 'pure',
      capabilities: [],
      events: [],
      writes: [],
      summary: 'True when root is the canonical unpadded base64url text of 32 bytes.',
      apply: (_ctx, args) => validRoot(asString(args[0])),
    },
  ];
}

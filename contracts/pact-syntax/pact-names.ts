/**
 * Names Pact 5 resolves without a definition: natives (pact-5 `Pact/Core/Builtin.hs`, user-facing
 * names), special forms (`Pact/Core/IR/Desugar.hs` toSpecialForm) and names the desugarer
 * rewrites (`constantly`, `CHARSET_ASCII`, `CHARSET_LATIN1`). kadena-io/pact-5 bfc5310c.
 */
export const PACT_SPECIAL_FORMS: ReadonlySet<string> = new Set([
  'and',
  'or',
  'if',
  'enforce',
  'with-capability',
  'suspend',
  'enforce-one',
  'try',
  'map',
  'do',
  'cond',
  'create-user-guard',
  'error',
  'pure',
]);

export const PACT_NATIVES: ReadonlySet<string> = new Set([
  '!=', '&', '<', '<=', '=', '>', '>=', '^', '*', '+', '-', '/', '|', '~',
  'abs', 'acquire-module-admin', 'add-time', 'and?', 'at', 'base64-decode', 'base64-encode', 'bind',
  'ceiling', 'chain-data', 'compose', 'compose-capability', 'concat', 'contains', 'continue',
  'create-capability-guard', 'create-capability-pact-guard', 'create-module-guard', 'create-pact-guard',
  'create-principal', 'create-table', 'days', 'dec', 'define-keyset', 'define-namespace',
  'describe-keyset', 'describe-module', 'describe-namespace', 'describe-table', 'diff-time', 'distinct',
  'drop', 'emit-event', 'enforce-guard', 'enforce-keyset', 'enforce-verifier', 'enumerate', 'exp',
  'filter', 'floor', 'fold', 'fold-db', 'format', 'format-time', 'hash', 'hash-keccak256', 'hash-poseidon',
  'hours', 'hyperlane-decode-token-message', 'hyperlane-encode-token-message', 'hyperlane-message-id',
  'identity', 'insert', 'install-capability', 'int-to-str', 'is-charset', 'is-principal', 'keys',
  'keyset-ref-guard', 'length', 'list-modules', 'ln', 'log', 'make-list', 'minutes', 'mod', 'namespace',
  'not', 'not?', 'or?', 'pact-id', 'pairing-check', 'parse-time', 'point-add', 'poseidon-hash-hack-a-chain',
  'read', 'read-decimal', 'read-integer', 'read-keyset', 'read-msg', 'read-string', 'remove',
  'require-capability', 'resume', 'reverse', 'round', 'scalar-mult', 'select', 'shift', 'show', 'sort',
  'sqrt', 'static-redeploy', 'str-to-int', 'str-to-list', 'take', 'time', 'tx-hash', 'typeof',
  'typeof-principal', 'update', 'validate-principal', 'verify-spv', 'where', 'with-default-read',
  'with-read', 'write', 'xor', 'yield', 'zip',
  'constantly', 'CHARSET_ASCII', 'CHARSET_LATIN1',
]);

/** REPL-only natives (`replBuiltinsToText`). */
export const PACT_REPL_NATIVES: ReadonlySet<string> = new Set([
  'expect', 'expect-failure', 'expect-that', 'print', 'pact-state', 'reset-pact-state', 'env-stackframe',
  'env-chain-data', 'env-data', 'env-events', 'env-hash', 'env-keys', 'env-sigs', 'begin-tx', 'commit-tx',
  'rollback-tx', 'sig-keyset', 'test-capability', 'continue-pact', 'env-exec-config', 'env-namespace-policy',
  'env-gas', 'env-set-gas', 'env-milligas', 'env-set-milligas', 'env-gaslimit', 'env-gaslog', 'env-gasmodel',
  'env-ask-gasmodel', 'pact-version', 'enforce-pact-version', 'env-enable-repl-natives', 'env-module-admin',
  'env-verifiers', 'env-set-debug-flag', 'load', 'typecheck',
]);

/** Natives whose first argument is a table. */
export const PACT_TABLE_NATIVES: ReadonlySet<string> = new Set([
  'insert', 'write', 'update', 'read', 'with-read', 'with-default-read', 'select', 'keys', 'fold-db',
  'create-table', 'describe-table',
]);

/** Higher-order natives: a module function passed to them may be partially applied. */
export const PACT_HIGHER_ORDER: ReadonlySet<string> = new Set(['map', 'filter', 'fold', 'zip', 'compose', 'where', 'and?', 'or?', 'not?']);

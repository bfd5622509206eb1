import { classifyNodeError, nodeMessageOf } from './chain-client.errors';

// Texts chainweb-node answers with (kadena-io/chainweb-node 5e46fa79: src/Chainweb/Pact/RestAPI/Server.hs,
// src/Chainweb/SPV/CreateProof.hs, src/Chainweb/Mempool/Mempool.hs, src/Chainweb/*/RestAPI/Server.hs) and spec §6.
const RK = 'bKT10kNSeAyE4LgfFInhorKpK_tNLcNjsaWgug4v82s';

describe('classifyNodeError', () => {
  it.each([
    [400, `Transaction hash not found: ${RK}`, 'spv', 'tx_not_found', false],
    [
      400,
      'SPV target not reachable: target chain not reachable. Chainweb instance is too young',
      'spv',
      'target_not_reachable',
      true,
    ],
    [
      400,
      "SPV target not reachable: Target of SPV proof can't be reached from the source transaction",
      'spv',
      'target_not_reachable',
      false,
    ],
    [400, 'SPV verification failed: target header is not in the chain', 'spv', 'spv_failed', false],
    [
      400,
      'Internal error: transaction hash lookup failed: PactInternalError "x"',
      'spv',
      'node_error',
      false,
    ],
    [400, 'Internal error: Index lookup for hash failed: x', 'spv', 'node_error', false],
    [400, 'Request Key abc has incorrect hash of length 2', 'spv', 'bad_request', false],
    [
      400,
      `One or more transactions were invalid: Transaction "${RK}" at index 0 failed with: Transaction already exists on chain`,
      'send',
      'duplicate',
      false,
    ],
    [
      400,
      `One or more transactions were invalid: Transaction "${RK}" at index 0 failed with: Transaction already exists on chain, Transaction "${RK}" at index 1 failed with: Transaction gas price (1.0e-9) is below minimum gas price (1.0e-8)`,
      'send',
      'invalid_command',
      false,
    ],
    [
      400,
      `One or more transactions were invalid: Transaction "${RK}" at index 0 failed with: Transaction time-to-live is expired`,
      'send',
      'invalid_command',
      false,
    ],
    [
      400,
      `One or more transactions were invalid: Transaction "${RK}" at index 0 failed with: Invalid transaction sigs: bad`,
      'send',
      'invalid_command',
      false,
    ],
    [
      400,
      'reading JSON for transaction failed: Error in $: key "networkId" not found',
      'send',
      'invalid_command',
      false,
    ],
    [400, 'Validation failed: Invalid transaction hash', 'local', 'invalid_command', false],
    [400, 'Metadata validation failed: ["Chain id mismatch"]', 'local', 'invalid_command', false],
    [400, 'Execution failed: PactInternalError "boom"', 'local', 'execution_failed', false],
    [400, 'Error in $: not enough input', 'send', 'invalid_command', false],
    [
      400,
      JSON.stringify('upper branch bound limit exceeded. Only 32 values are supported.'),
      'header',
      'bad_request',
      false,
    ],
    [404, JSON.stringify({ reason: 'key not found', key: RK }), 'header', 'not_found', false],
    [404, JSON.stringify('payload batch limit is 0'), 'payload', 'not_found', false],
    [500, 'Something went wrong', 'cut', 'unavailable', true],
    [503, '', 'cut', 'unavailable', true],
    [504, '', 'listen', 'timeout', true],
    [401, 'unauthorized', 'cut', 'forbidden', false],
    [429, 'rate limited', 'cut', 'rate_limited', false],
    [413, 'too large', 'send', 'bad_request', false],
  ] as const)('%i %s (%s) → %s', (status, body, kind, code, retryable) => {
    expect(classifyNodeError(status, body, kind)).toMatchObject({ code, retryable });
  });

  it('reads JSON string and {reason, key} bodies', () => {
    expect(nodeMessageOf(JSON.stringify({ reason: 'key not found', key: RK }))).toBe(`key not found: ${RK}`);
    expect(nodeMessageOf('"quoted"')).toBe('quoted');
    expect(nodeMessageOf('{not json')).toBe('{not json');
    expect(nodeMessageOf('x'.repeat(5_000))).toHaveLength(2_001);
  });
});

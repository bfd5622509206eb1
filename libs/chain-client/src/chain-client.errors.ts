/**
 * Every failure of the chain client is a ChainClientError with a machine-readable code, so callers
 * (worker, API, deploy tool) never match on chainweb-node's message texts.
 */
export type ChainClientErrorCode =
  // configuration and caller input, detected before any request
  | 'unknown_network'
  | 'unknown_chain'
  | 'invalid_argument'
  // answers of the node
  | 'bad_request'
  | 'not_found'
  | 'tx_not_found'
  | 'target_not_reachable'
  | 'spv_failed'
  | 'invalid_command'
  | 'duplicate'
  | 'execution_failed'
  | 'node_error'
  | 'forbidden'
  | 'rate_limited'
  | 'bad_response'
  // transport
  | 'unavailable'
  | 'timeout'
  | 'aborted';

export interface ChainClientErrorDetails {
  /** HTTP status of the last answer, when there was one. */
  readonly status?: number;
  /** `METHOD /path template`, e.g. `POST /chain/{c}/pact/spv`. */
  readonly endpoint?: string;
  /** Requests made (1 when it was not retried). */
  readonly attempts?: number;
  /** The node's message, truncated: for logs only; branch on `code`. */
  readonly nodeMessage?: string;
  /** Whether the same request may succeed later (outages, timeouts, an SPV target not yet reached). */
  readonly retryable?: boolean;
  readonly cause?: unknown;
}

export class ChainClientError extends Error {
  override readonly name = 'ChainClientError';
  readonly status: number | undefined;
  readonly endpoint: string | undefined;
  readonly attempts: number;
  readonly nodeMessage: string | undefined;
  readonly retryable: boolean;

  constructor(
    readonly code: ChainClientErrorCode,
    message: string,
    details: ChainClientErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.endpoint = details.endpoint;
    this.attempts = details.attempts ?? 0;
    this.nodeMessage = details.nodeMessage;
    this.retryable = details.retryable ?? (code === 'unavailable' || code === 'timeout');
  }
}

const NODE_MESSAGE_LIMIT = 2000;

/** The message text of an error body: chainweb answers with text, a JSON string, or a JSON object. */
export function nodeMessageOf(body: string): string {
  const trimmed = body.trim();
  let text = trimmed;
  if (trimmed.startsWith('"') || trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (typeof parsed === 'string') text = parsed;
      else if (parsed && typeof parsed === 'object') {
        const reason = (parsed as Record<string, unknown>)['reason'];
        const key = (parsed as Record<string, unknown>)['key'];
        text =
          typeof reason === 'string'
            ? key === undefined
              ? reason
              : `${reason}: ${typeof key === 'string' ? key : JSON.stringify(key)}`
            : trimmed;
      }
    } catch {
      text = trimmed;
    }
  }
  return text.length > NODE_MESSAGE_LIMIT ? `${text.slice(0, NODE_MESSAGE_LIMIT)}…` : text;
}

/** What the request was, for the classification of a 4xx/5xx answer. */
export type NodeEndpointKind =
  'header' | 'payload' | 'cut' | 'info' | 'send' | 'poll' | 'listen' | 'local' | 'spv' | 'other';

/**
 * Maps a chainweb-node error answer to a code. The texts are chainweb-node's
 * (src/Chainweb/Pact/RestAPI/Server.hs, src/Chainweb/Mempool/Mempool.hs InsertError,
 * src/Chainweb/{BlockHeaderDB,Payload}/RestAPI/Server.hs; kadena-io/chainweb-node 5e46fa79).
 */
export function classifyNodeError(
  status: number,
  body: string,
  kind: NodeEndpointKind,
): { code: ChainClientErrorCode; retryable: boolean; message: string } {
  const message = nodeMessageOf(body);
  if (status >= 500) {
    // listen answers 504 when no result arrived within its own wait (180 s): wait again.
    if (status === 504) return { code: 'timeout', retryable: true, message: message || 'gateway timeout' };
    return { code: 'unavailable', retryable: true, message: message || `HTTP ${status}` };
  }
  if (status === 404) return { code: 'not_found', retryable: false, message: message || 'not found' };
  if (status === 401 || status === 403)
    return { code: 'forbidden', retryable: false, message: message || `HTTP ${status}` };
  if (status === 429) return { code: 'rate_limited', retryable: false, message: message || 'rate limited' };
  if (status !== 400) return { code: 'bad_request', retryable: false, message: message || `HTTP ${status}` };

  if (message.startsWith('Transaction hash not found'))
    return { code: 'tx_not_found', retryable: false, message };
  if (message.startsWith('SPV target not reachable')) {
    // "target chain not reachable. Chainweb instance is too young" clears once the target chain grows;
    // "Target of SPV proof can't be reached from the source transaction" does not.
    return { code: 'target_not_reachable', retryable: /too young/.test(message), message };
  }
  if (message.startsWith('SPV verification failed')) return { code: 'spv_failed', retryable: false, message };
  if (message.startsWith('Internal error')) return { code: 'node_error', retryable: false, message };
  if (message.startsWith('One or more transactions were invalid')) {
    const failures = message.split(' failed with: ').length - 1;
    const duplicates = message.split(' failed with: Transaction already exists on chain').length - 1;
    return {
      code: failures > 0 && failures === duplicates ? 'duplicate' : 'invalid_command',
      retryable: false,
      message,
    };
  }
  if (
    /^(reading JSON for transaction failed|Validation failed|Metadata validation failed|Command failed validation|Pact parsing error)/.test(
      message,
    )
  ) {
    return { code: 'invalid_command', retryable: false, message };
  }
  if (message.startsWith('Execution failed')) return { code: 'execution_failed', retryable: false, message };
  if (kind === 'send' || kind === 'local') return { code: 'invalid_command', retryable: false, message };
  return { code: 'bad_request', retryable: false, message: message || 'bad request' };
}

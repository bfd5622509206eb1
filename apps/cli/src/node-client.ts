import { CliError, usageError } from './cli.errors';

/** How long one request to the node may take before the CLI gives up on it. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface NodeClientOptions {
  readonly requestTimeoutMs?: number;
}

/** One chain's entry of `GET /cut`. */
export interface CutEntry {
  readonly height: number;
  readonly hash: string;
}

/** `/poll` metadata: where the transaction landed. */
export interface PollResult {
  readonly result: Record<string, unknown>;
  readonly blockHash: string;
  readonly blockHeight: number;
}

/**
 * A small chainweb-node REST client (service API, `/chainweb/0.0/<version>/…`), enough for the CLI:
 * `/info`, the cut, headers, payloads and `/poll`. Answers are parsed but not trusted: the chainweb
 * library re-hashes every header and payload it is given.
 */
export class ChainwebNodeClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(
    baseUrl: string,
    private versionName: string | undefined,
    options: NodeClientOptions = {},
  ) {
    this.baseUrl = normalizeBaseUrl(baseUrl);
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  /** The chainweb version name the service API paths use (from `/info` or `--network`). */
  setVersionName(name: string): void {
    this.versionName = name;
  }

  async info(): Promise<unknown> {
    return this.requestJson('GET', '/info');
  }

  async cut(): Promise<ReadonlyMap<number, CutEntry>> {
    const body = await this.requestJson('GET', this.servicePath('/cut'));
    const hashes = isRecord(body) ? body['hashes'] : undefined;
    if (!isRecord(hashes)) throw this.malformed('GET /cut', 'no "hashes" object');
    const cut = new Map<number, CutEntry>();
    for (const [chain, entry] of Object.entries(hashes)) {
      if (
        !/^(0|[1-9]\d*)$/.test(chain) ||
        !isRecord(entry) ||
        !isHeight(entry['height']) ||
        typeof entry['hash'] !== 'string'
      ) {
        throw this.malformed('GET /cut', `bad entry for chain ${JSON.stringify(chain)}`);
      }
      cut.set(Number(chain), { height: entry['height'], hash: entry['hash'] });
    }
    return cut;
  }

  /** The header with this hash as the node serves it (a base64url JSON string); undefined on 404. */
  async header(chain: number, hash: string): Promise<unknown> {
    return this.requestJson(
      'GET',
      this.servicePath(`/chain/${chain}/header/${encodeURIComponent(hash)}`),
      undefined,
      true,
    );
  }

  /** The headers at `height` that are ancestors of `upper` (the node's branch query): the canonical one when `upper` is the cut's. */
  async branchHeadersAt(chain: number, height: number, upper: string): Promise<unknown[]> {
    const path = this.servicePath(`/chain/${chain}/header/branch?minheight=${height}&maxheight=${height}`);
    const body = await this.requestJson('POST', path, { lower: [], upper: [upper] });
    const items = isRecord(body) ? body['items'] : undefined;
    if (!Array.isArray(items)) throw this.malformed(`POST ${path}`, 'no "items" list');
    return items as unknown[];
  }

  /** PayloadWithOutputs JSON; undefined on 404. */
  async payloadWithOutputs(chain: number, payloadHash: string, height: number): Promise<unknown> {
    return this.requestJson(
      'GET',
      this.servicePath(`/chain/${chain}/payload/${encodeURIComponent(payloadHash)}/outputs?height=${height}`),
      undefined,
      true,
    );
  }

  /** The transaction's result and block, or undefined while it is not in a block yet. */
  async poll(chain: number, requestKey: string): Promise<PollResult | undefined> {
    const path = this.servicePath(`/chain/${chain}/pact/api/v1/poll`);
    const body = await this.requestJson('POST', path, { requestKeys: [requestKey] });
    if (!isRecord(body)) throw this.malformed(`POST ${path}`, 'not a JSON object');
    const result = body[requestKey];
    if (result === undefined) return undefined;
    const metaData = isRecord(result) ? result['metaData'] : undefined;
    if (
      !isRecord(result) ||
      !isRecord(metaData) ||
      typeof metaData['blockHash'] !== 'string' ||
      !isHeight(metaData['blockHeight'])
    ) {
      throw this.malformed(
        `POST ${path}`,
        `the result for ${requestKey} has no metaData.blockHash/blockHeight`,
      );
    }
    return { result, blockHash: metaData['blockHash'], blockHeight: metaData['blockHeight'] };
  }

  private servicePath(path: string): string {
    if (this.versionName === undefined) throw new Error('node client: chainweb version not set');
    return `/chainweb/0.0/${encodeURIComponent(this.versionName)}${path}`;
  }

  private async requestJson(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    notFoundIsUndefined = false,
  ): Promise<unknown> {
    const what = `${method} ${path}`;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw this.unreachable(what, error);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.unreachable(what, error);
    }
    if (response.status === 404 && notFoundIsUndefined) return undefined;
    if (!response.ok) {
      const detail = text.trim().split('\n')[0]?.slice(0, 200) ?? '';
      throw new CliError(
        'node',
        `node ${this.baseUrl} answered HTTP ${response.status} to ${what}${detail ? `: ${detail}` : ''}`,
      );
    }
    try {
      return JSON.parse(text);
    } catch {
      throw this.malformed(what, 'not JSON');
    }
  }

  private unreachable(what: string, error: unknown): CliError {
    const err = error as Error & { cause?: { code?: string; message?: string } };
    if (err.name === 'TimeoutError' || err.name === 'AbortError') {
      return new CliError(
        'node',
        `node ${this.baseUrl} did not answer ${what} within ${Math.round(this.timeoutMs / 1000)} s`,
      );
    }
    const cause = err.cause?.code ?? err.cause?.message ?? err.message;
    return new CliError('node', `cannot reach node ${this.baseUrl}: ${cause}`);
  }

  malformed(what: string, detail: string): CliError {
    return new CliError('node', `node ${this.baseUrl} answered ${what} with something unexpected: ${detail}`);
  }
}

/** `--node` is a base URL such as http://127.0.0.1:1848 (a trailing slash is fine). */
export function normalizeBaseUrl(text: string, command?: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(
      `--node must be a URL such as http://127.0.0.1:1848, got ${JSON.stringify(text)}`,
      command,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`--node must be an http or https URL, got ${JSON.stringify(text)}`, command);
  }
  if (url.search !== '' || url.hash !== '')
    throw usageError('--node must be a base URL without query or fragment', command);
  return url.href.replace(/\/+$/, '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHeight(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

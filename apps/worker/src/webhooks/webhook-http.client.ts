/** What one delivery attempt got back. */
export interface WebhookHttpResponse {
  readonly status: number;
  readonly bodyExcerpt: string;
}

/** The HTTP side effect of webhooks, behind a port (tests answer in memory). */
export interface WebhookHttpClient {
  post(
    url: string,
    body: string,
    headers: Readonly<Record<string, string>>,
    timeoutMs: number,
  ): Promise<WebhookHttpResponse>;
}

export const WEBHOOK_HTTP_CLIENT = Symbol('WebhookHttpClient');

export class FetchWebhookHttpClient implements WebhookHttpClient {
  async post(
    url: string,
    body: string,
    headers: Readonly<Record<string, string>>,
    timeoutMs: number,
  ): Promise<WebhookHttpResponse> {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: { ...headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text().catch(() => '');
    return { status: response.status, bodyExcerpt: text.slice(0, 500) };
  }
}

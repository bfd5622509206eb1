import { createHmac } from 'node:crypto';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` (Stripe's scheme). */
export const WEBHOOK_SIGNATURE_HEADER = 'spv-signature';

/**
 * The signature of one delivery attempt: the timestamp is signed with the body, so a receiver that
 * refuses old timestamps (5 minutes is usual) cannot be fed a captured request again later.
 */
export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

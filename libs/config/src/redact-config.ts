import type { SpvConfig } from './spv-config';

const REDACTED = '[redacted]';

function redactUrlPassword(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = REDACTED;
    return url.toString();
  } catch {
    return REDACTED;
  }
}

/** A copy safe to log at start-up: secrets replaced, URLs without passwords, keys as their ids. */
export function redactConfig(config: SpvConfig): Record<string, unknown> {
  return {
    ...config,
    auth: { ...config.auth, jwtSecret: REDACTED },
    database: { ...config.database, url: redactUrlPassword(config.database.url) },
    redis: { ...config.redis, url: redactUrlPassword(config.redis.url) },
    s3: {
      ...config.s3,
      credentials: config.s3.credentials
        ? { accessKeyId: config.s3.credentials.accessKeyId, secretAccessKey: REDACTED }
        : undefined,
    },
    anchoring: {
      ...config.anchoring,
      signingKey: config.anchoring.signingKey ? { keyId: config.anchoring.signingKey.keyId } : undefined,
    },
    signing: { keyId: config.signing.keyId, publicKeyHex: config.signing.publicKeyHex },
    stripe: config.stripe ? { ...config.stripe, secretKey: REDACTED, webhookSecret: REDACTED } : null,
  };
}

import type { RequestContext } from '@spv-cloud/observability';
import type { Principal } from '../auth/principal';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set in the first hook; log lines and metrics of this request read it. */
    requestContext: RequestContext;
    /** `process.hrtime.bigint()` when the request arrived. */
    receivedAt: bigint;
    /** Set by the authentication guard. */
    principal?: Principal;
    /** Set once the rate limiter charged this request (GraphQL runs guards per root field). */
    rateLimitCharged?: boolean;
  }
}

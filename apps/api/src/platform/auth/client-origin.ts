import type { FastifyRequest } from 'fastify';

/** Where an unauthenticated request (sign-up, login) came from, for sessions and audit rows. */
export function clientOriginOf(request: FastifyRequest): {
  ip: string;
  userAgent: string | null;
  requestId: string;
} {
  const userAgent = request.headers['user-agent'];
  return {
    ip: request.ip,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null,
    requestId: request.id,
  };
}

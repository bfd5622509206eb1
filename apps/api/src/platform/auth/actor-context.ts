import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { PlatformErrors } from '../errors/platform.errors';
import type { Principal } from './principal';

/**
 * Who is acting and from where: what services need to authorize target-dependent rules and to
 * write the audit trail. Built by the transport from the authenticated request.
 */
export interface ActorContext {
  readonly principal: Principal;
  readonly ip: string;
  readonly userAgent: string | null;
  readonly requestId: string;
}

/** The HTTP request behind a REST handler or a GraphQL resolver. */
export function requestOf(context: ExecutionContext): FastifyRequest {
  if (context.getType<GqlContextType>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: FastifyRequest }>().req;
  }
  return context.switchToHttp().getRequest<FastifyRequest>();
}

export function actorContextOf(request: FastifyRequest): ActorContext {
  const principal = request.principal;
  // Only reachable if a route that needs an actor were declared public: a programming error.
  if (!principal) throw PlatformErrors.internal();
  const userAgent = request.headers['user-agent'];
  return {
    principal,
    ip: request.ip,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null,
    requestId: request.id,
  };
}

/** Injects the ActorContext of the authenticated caller (REST and GraphQL alike). */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  actorContextOf(requestOf(context)),
);

/** Injects the tenant id of the authenticated caller. */
export const TenantId = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => actorContextOf(requestOf(context)).principal.tenantId,
);

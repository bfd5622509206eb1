import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { bindTenantToRequestContext } from '@spv-cloud/observability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ACCESS_METADATA,
  type Access,
  RATE_LIMIT_EXEMPT_METADATA,
} from '../../../platform/auth/access.decorator';
import { requestOf } from '../../../platform/auth/actor-context';
import { authorize } from '../../../platform/auth/authorize';
import { actorOf } from '../../../platform/auth/principal';
import { PlatformErrors } from '../../../platform/errors/platform.errors';
import { RateLimitPolicy } from '../rate-limit-policy.service';
import { RequestAuthenticator } from '../request-authenticator.service';

interface AccessRule {
  /** Undefined when the handler declares none: refused (default deny). */
  readonly access: Access | undefined;
  readonly rateLimited: boolean;
}

/**
 * The one global guard, for REST and GraphQL alike: who is calling (authentication), how often
 * (rate limits), and may they (permission or scope) — in that order. Route rules are read from the
 * decorators once per handler and cached.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly rules = new WeakMap<object, AccessRule>();

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: RequestAuthenticator,
    private readonly rateLimits: RateLimitPolicy,
  ) {}

  /**
   * Synchronous end to end for a cached API key with leased rate-limit tokens (the hot path);
   * any step that needs Redis or the database makes the rest asynchronous.
   */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const rule = this.ruleFor(context);
    const request = requestOf(context);
    // GraphQL runs guards once per root field; authenticate the HTTP request once.
    if (rule.access !== 'public' && !request.principal) {
      const principal = this.authenticator.authenticate(request);
      if (principal instanceof Promise) {
        return principal.then((resolved) => {
          request.principal = resolved;
          return this.limitAndAuthorize(context, rule, request);
        });
      }
      request.principal = principal;
    }
    return this.limitAndAuthorize(context, rule, request);
  }

  private limitAndAuthorize(
    context: ExecutionContext,
    rule: AccessRule,
    request: FastifyRequest,
  ): boolean | Promise<boolean> {
    if (request.principal) bindTenantToRequestContext(request.principal.tenantId, actorOf(request.principal));
    if (rule.rateLimited) {
      const charged = this.rateLimits.enforce(request, replyOf(context));
      if (charged instanceof Promise) return charged.then(() => this.authorizeRule(rule, request));
    }
    return this.authorizeRule(rule, request);
  }

  private authorizeRule(rule: AccessRule, request: FastifyRequest): boolean {
    if (rule.access === 'public') return true;
    if (!rule.access) throw PlatformErrors.forbidden('This operation is not available.');
    authorize(request.principal!, rule.access);
    return true;
  }

  private ruleFor(context: ExecutionContext): AccessRule {
    const handler = context.getHandler();
    let rule = this.rules.get(handler);
    if (!rule) {
      const targets = [handler, context.getClass()];
      rule = {
        access: this.reflector.getAllAndOverride<Access | undefined>(ACCESS_METADATA, targets),
        rateLimited: !this.reflector.getAllAndOverride<boolean | undefined>(
          RATE_LIMIT_EXEMPT_METADATA,
          targets,
        ),
      };
      this.rules.set(handler, rule);
    }
    return rule;
  }
}

function replyOf(context: ExecutionContext): FastifyReply | undefined {
  if (context.getType<GqlContextType>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ reply?: FastifyReply }>().reply;
  }
  return context.switchToHttp().getResponse<FastifyReply>();
}

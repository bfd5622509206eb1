import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { API_SETTINGS, type ApiSettings } from '../config/api-settings';
import { APP_LOGGER, type AppLogger } from '../logging/logger.provider';
import type { ApiError } from './api-error';
import { PROBLEM_CONTENT_TYPE, toProblemDocument } from './problem-document';
import { toApiError } from './to-api-error';
import { toGraphqlError } from './graphql-error';

/**
 * The one place errors become responses: REST gets `application/problem+json`, GraphQL gets a
 * GraphQLError whose `extensions.code` is the same code. Unexpected errors are logged with their
 * stack and answered as `internal_error` without their message.
 */
@Catch()
export class ProblemExceptionFilter implements ExceptionFilter {
  constructor(
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const apiError = toApiError(exception, this.settings.bodyLimitBytes);
    this.log(exception, apiError);
    if (host.getType<GqlContextType>() === 'graphql') {
      if (exception instanceof GraphQLError) return exception;
      return toGraphqlError(apiError);
    }
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    sendProblem(reply, apiError, request.id);
    return undefined;
  }

  private log(exception: unknown, apiError: ApiError): void {
    if (apiError.status >= 500) {
      this.logger.error({ err: exception, code: apiError.code }, 'request failed');
    } else if (apiError.logReason) {
      this.logger.info({ code: apiError.code, reason: apiError.logReason }, apiError.title);
    }
  }
}

export function sendProblem(reply: FastifyReply, apiError: ApiError, requestId: string): void {
  if (reply.sent) return;
  if (apiError.headers) reply.headers(apiError.headers);
  void reply
    .status(apiError.status)
    .header('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`)
    .send(JSON.stringify(toProblemDocument(apiError, requestId)));
}

import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { ApiError } from './api-error';
import { toApiError } from './to-api-error';

function fastifyError(code: string, statusCode: number): Error {
  return Object.assign(new Error(`fastify ${code}`), { name: 'FastifyError', code, statusCode });
}

describe('toApiError', () => {
  it('keeps ApiErrors as they are', () => {
    const error = new ApiError({ code: 'x', status: 409, title: 'X', detail: 'd' });
    expect(toApiError(error, 10)).toBe(error);
  });

  it.each([
    ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 'malformed_json', 400],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 'malformed_json', 400],
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 'payload_too_large', 413],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'unsupported_media_type', 415],
    ['FST_ERR_MAX_PARAM_LENGTH', 414, 'uri_too_long', 414],
    ['FST_ERR_BAD_URL', 400, 'bad_request', 400],
  ])('maps Fastify %s (also when Nest wrapped it)', (code, statusCode, expected, status) => {
    const raw = fastifyError(code, statusCode);
    expect(toApiError(raw, 4096)).toMatchObject({ code: expected, status });
    const wrapped = new HttpException(raw.message, statusCode, { cause: raw });
    expect(toApiError(wrapped, 4096)).toMatchObject({ code: expected, status });
  });

  it('maps JSON syntax errors from the body parser', () => {
    expect(
      toApiError(Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 }), 1),
    ).toMatchObject({ code: 'malformed_json' });
  });

  it('maps Nest HTTP exceptions by status without their messages', () => {
    expect(toApiError(new NotFoundException('Cannot GET /secret/path'), 1)).toMatchObject({
      code: 'not_found',
      status: 404,
    });
    const badRequest = toApiError(new BadRequestException('internal detail'), 1);
    expect(badRequest).toMatchObject({ code: 'bad_request', status: 400 });
    expect(badRequest.detail).not.toContain('internal detail');
  });

  it('turns anything else into internal_error without its message', () => {
    const mapped = toApiError(new Error('connection to 10.0.0.5:5432 refused, password=hunter2'), 1);
    expect(mapped).toMatchObject({ code: 'internal_error', status: 500 });
    expect(JSON.stringify(mapped)).not.toContain('hunter2');
    expect(toApiError('a string', 1).code).toBe('internal_error');
    expect(toApiError(undefined, 1).code).toBe('internal_error');
    expect(toApiError(new HttpException('boom', 503), 1).code).toBe('internal_error');
  });
});

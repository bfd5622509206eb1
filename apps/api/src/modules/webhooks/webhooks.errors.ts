import { ApiError } from '../../platform/errors/api-error';

export type WebhookErrorCode =
  'webhook_not_found' | 'webhook_delivery_not_found' | 'webhook_limit_reached' | 'webhook_url_insecure';

export const WebhookErrors = {
  notFound: () =>
    new ApiError({
      code: 'webhook_not_found',
      status: 404,
      title: 'Webhook endpoint not found',
      detail: 'No such webhook endpoint in this tenant.',
    }),
  deliveryNotFound: () =>
    new ApiError({
      code: 'webhook_delivery_not_found',
      status: 404,
      title: 'Webhook delivery not found',
      detail: 'No such webhook delivery in this tenant.',
    }),
  limitReached: (limit: number) =>
    new ApiError({
      code: 'webhook_limit_reached',
      status: 409,
      title: 'Webhook endpoint limit reached',
      detail: `At most ${limit} webhook endpoints per tenant; delete one first.`,
    }),
  urlInsecure: () =>
    new ApiError({
      code: 'webhook_url_insecure',
      status: 400,
      title: 'Webhook URL must use HTTPS',
      detail: 'Production webhook endpoints must be https:// URLs.',
      invalidParams: [{ name: 'body.url', reason: 'must be an https:// URL' }],
    }),
} as const;

export const WEBHOOK_PROBLEM_CODES = [
  { code: 'webhook_not_found', status: 404, title: 'Webhook endpoint not found' },
  { code: 'webhook_delivery_not_found', status: 404, title: 'Webhook delivery not found' },
  { code: 'webhook_limit_reached', status: 409, title: 'Webhook endpoint limit reached' },
  { code: 'webhook_url_insecure', status: 400, title: 'Webhook URL must use HTTPS' },
] as const satisfies readonly { code: WebhookErrorCode; status: number; title: string }[];

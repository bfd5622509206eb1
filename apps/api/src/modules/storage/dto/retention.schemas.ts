import { HOT_TTL_DAY_CHOICES, MAX_ARCHIVE_YEARS } from '@spv-cloud/proof-service';
import { z } from 'zod';
import { Timestamp } from '../../../platform/http/common.schemas';

const HotTtlDays = z
  .number()
  .int()
  .refine((days) => (HOT_TTL_DAY_CHOICES as readonly number[]).includes(days), {
    message: `must be one of ${HOT_TTL_DAY_CHOICES.join(', ')}`,
  })
  .describe(`Days an issued proof stays in the hot storage class: ${HOT_TTL_DAY_CHOICES.join(', ')}.`);

export const RetentionPolicyView = z
  .object({
    hotTtlDays: z.number().int(),
    archiveYears: z.number().int(),
    legalHold: z.boolean(),
    legalHoldReason: z.string().nullable(),
    legalHoldSetAt: Timestamp.nullable(),
    hotTtlDayChoices: z.array(z.number().int()),
    /** Days after issue at which a proof is deleted (hot days + 365 × archive years), unless on hold. */
    deleteAfterDays: z.number().int().nullable(),
  })
  .meta({ id: 'RetentionPolicy' });
export type RetentionPolicyView = z.output<typeof RetentionPolicyView>;

export const UpdateRetentionBody = z
  .strictObject({
    hotTtlDays: HotTtlDays.optional(),
    archiveYears: z.number().int().min(0).max(MAX_ARCHIVE_YEARS).optional(),
    legalHold: z.boolean().optional(),
    legalHoldReason: z.string().trim().min(1).max(500).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'give at least one field')
  .refine((body) => body.legalHold !== true || body.legalHoldReason !== undefined, {
    message: 'a legal hold needs a legalHoldReason',
    path: ['legalHoldReason'],
  })
  .meta({ id: 'UpdateRetentionPolicyRequest' });
export type UpdateRetentionBody = z.output<typeof UpdateRetentionBody>;

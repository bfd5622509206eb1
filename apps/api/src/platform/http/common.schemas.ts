import { z } from 'zod';

/** Resource ids are UUIDs; anything else in an id position is a 404-free 400. */
export const ResourceId = z.uuid({ error: 'must be a UUID' });

/** An ISO-8601 timestamp with offset, as every API timestamp is written. */
export const Timestamp = z.iso.datetime({ offset: true });

/** Cursor pagination shared by every list: `limit` (1–100, default 50) and an opaque `cursor`. */
export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(200).optional(),
});
export type PageQuery = z.output<typeof PageQuery>;

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z
        .string()
        .nullable()
        .describe('Pass as `cursor` to get the next page; null on the last page.'),
    })
    .meta({ id });
}

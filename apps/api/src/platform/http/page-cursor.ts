import { z } from 'zod';
import { PlatformErrors } from '../errors/platform.errors';

/** Keyset position: lists are ordered by (createdAt desc, id desc). */
export interface PagePosition {
  readonly createdAt: Date;
  readonly id: string;
}

const CursorPayload = z.tuple([z.iso.datetime(), z.uuid()]);

export function encodeCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

/** An unreadable cursor is the caller's mistake: 400 naming `query.cursor`. */
export function decodeCursor(
  cursor: string | undefined,
  location = 'query.cursor',
): PagePosition | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = CursorPayload.safeParse(parsed);
  if (!result.success)
    throw PlatformErrors.validationFailed([{ name: location, reason: 'is not a cursor this API issued' }]);
  return { createdAt: new Date(result.data[0]), id: result.data[1] };
}

/** Builds a page from `limit + 1` rows: the extra row only tells whether another page exists. */
export function toPage<Row extends PagePosition, Item>(
  rows: readonly Row[],
  limit: number,
  map: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(map), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

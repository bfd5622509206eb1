const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "25 Nov 2026, 14:03" in the user's locale and time zone; "—" for none. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? dateOnly.format(new Date(iso)) : '—';
}

/** The ISO timestamp `days` days after `now`. */
export function daysFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * 24 * 3600 * 1000).toISOString();
}

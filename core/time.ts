/** `YYYYMMDD` of an instant in the hotline's time zone (ticket numbers are per local day). */
export function localDay(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}`;
}

/** `20261121-000123`: the day, then the day's sequence number. */
export function formatTicketNumber(day: string, sequence: number): string {
  return `${day}-${String(sequence).padStart(6, '0')}`;
}

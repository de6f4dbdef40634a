/**
 * suqiu ticket numbers (`20261121-000123`: the local day, then the day's sequence; core/time.ts) as
 * citizens type them: with or without the hyphen, with spaces, full-width digits or another dash.
 * The day must be a real date, and the digits must stand alone, so an 11-digit mobile number or an
 * 18-digit ID number (whose 14-digit stretches are glued to more digits) is never read as one.
 */
const DASHES = /[\u2010-\u2015\u2212\ufe63\uff0d_]/gu;
const TICKET = /(?<![0-9a-z])(20\d{2}) ?(0[1-9]|1[0-2]) ?(0[1-9]|[12]\d|3[01]) ?(?:- ?)?(\d{6})(?![0-9a-z])/giu;

export function findTicketNumbers(text: string): string[] {
  const folded = text.normalize('NFKC').replace(DASHES, '-');
  const found = new Set<string>();
  for (const [, year, month, day, sequence] of folded.matchAll(TICKET)) {
    if (isRealDate(Number(year), Number(month), Number(day))) found.add(`${year}${month}${day}-${sequence}`);
  }
  return [...found];
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

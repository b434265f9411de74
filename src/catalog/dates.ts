import { type Text, text } from '../model/text.js';

const MONTHS = [
  text('janvier', 'January'),
  text('février', 'February'),
  text('mars', 'March'),
  text('avril', 'April'),
  text('mai', 'May'),
  text('juin', 'June'),
  text('juillet', 'July'),
  text('août', 'August'),
  text('septembre', 'September'),
  text('octobre', 'October'),
  text('novembre', 'November'),
  text('décembre', 'December'),
] as const;

const daysIn = (year: number, month: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

/**
 * Why a `YYYY-MM-DD` text names no day (`February 2026 has 28 days`, `there is no month 13`); undefined for a real
 * day, and for text of another shape (the schema says what shape it wants).
 */
export function dateProblem(written: string): Text | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(written);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return text(`il n’y a pas de mois ${month}`, `there is no month ${month}`);
  const days = daysIn(year, month);
  const name = MONTHS[month - 1] as Text;
  if (day < 1 || day > days) return text(`${name.fr} ${year} a ${days} jours`, `${name.en} ${year} has ${days} days`);
  return undefined;
}

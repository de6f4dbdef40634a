/** 一键查询: a ticket's progress by number, or the citizen's recent tickets — only their own. */
import type { Tx } from '../../core/db/database.js';
import { localDay } from '../../core/time.js';
import { STATUS_LABELS, STATUS_LABELS_EN } from '../../router/ticket-labels.js';
import type { IntakeDeps } from '../deps.js';
import type { Language } from '../texts.js';

type Deps = Pick<IntakeDeps, 'texts' | 'timeZone'>;

const LIST_SIZE = 5;

export async function describeTicket(tx: Tx, deps: Deps, number: string, citizenId: string, language: Language): Promise<string> {
  // Someone else's number reads exactly like a wrong one: nothing about other citizens leaks.
  const ticket = await tx.ticket.findFirst({
    where: { number, citizenId },
    select: {
      number: true,
      status: true,
      createdAt: true,
      answer: true,
      leadDepartment: { select: { name: true, nameEn: true } },
      duplicateOf: { select: { number: true, status: true, leadDepartment: { select: { name: true, nameEn: true } } } },
    },
  });
  if (!ticket) return deps.texts.render('statusNotFound', language, { number });
  // A merged report is followed through the ticket it joined: its state and unit, never its answer
  // or anything else another citizen wrote.
  const unit = ticket.duplicateOf?.leadDepartment ?? ticket.leadDepartment;
  const detail = [
    ticket.duplicateOf
      ? deps.texts.render('statusMergedInto', language, {
          parent: ticket.duplicateOf.number,
          status: statusLabel(ticket.duplicateOf.status, language),
        })
      : '',
    unit
      ? deps.texts.render('statusDepartment', language, {
          department: (language === 'en' ? unit.nameEn : undefined) ?? unit.name,
        })
      : '',
    ticket.answer ? deps.texts.render('statusAnswer', language, { answer: ticket.answer }) : '',
  ].join('');
  return deps.texts
    .render('status', language, {
      number: ticket.number,
      date: day(ticket.createdAt, deps.timeZone),
      status: statusLabel(ticket.status, language),
      detail,
    })
    .trim();
}

export async function listTickets(tx: Tx, deps: Deps, citizenId: string, language: Language): Promise<string> {
  const tickets = await tx.ticket.findMany({
    where: { citizenId },
    orderBy: { createdAt: 'desc' },
    take: LIST_SIZE,
    select: { number: true, status: true, description: true },
  });
  if (tickets.length === 0) return deps.texts.render('myTicketsNone', language);
  const list = tickets.map((t) => `${t.number} ${clip(t.description, 16)} — ${statusLabel(t.status, language)}`).join('\n');
  return deps.texts.render('myTickets', language, { list });
}

function statusLabel(status: keyof typeof STATUS_LABELS, language: Language): string {
  return (language === 'en' ? STATUS_LABELS_EN : STATUS_LABELS)[status];
}

function day(at: Date, timeZone: string): string {
  const d = localDay(at, timeZone);
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

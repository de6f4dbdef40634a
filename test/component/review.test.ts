/** The agent's decision: confirm in one click or correct the routing; every decision is audited and learnt from. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { apiMessage, createAgent, createApiKey } from '../helpers/actors.js';
import { startTestApp, type TestApp } from '../helpers/backend.js';
import { http, waitFor } from '../helpers/http.js';

let app: TestApp;
let key: string;
let agent: { token: string; username: string };

beforeAll(async () => {
  app = await startTestApp();
  key = await createApiKey(app.url);
  agent = await createAgent(app.url);
});
afterAll(async () => app?.close());

async function newTicket(text = '楼下烧烤店每天晚上油烟直排，整栋楼都是油烟味，窗户都不敢开。') {
  const { body } = await http(`${app.url}/api/v1/intake/messages`, { body: apiMessage({ text }), token: key });
  return waitFor(async () => {
    const ticket = (await app.db.prisma.message.findUnique({ where: { id: body.id }, include: { ticket: true } }))?.ticket;
    return ticket?.status === 'ACCEPTED' ? ticket : undefined;
  });
}

const review = (id: string, body: unknown, token = agent.token) => http(`${app.url}/api/v1/tickets/${id}/review`, { body, token });
const detail = async (id: string) => (await http(`${app.url}/api/v1/tickets/${id}`, { token: agent.token })).body;

describe('agent review', () => {
  test('when the agent confirms the suggestion, then the ticket waits for dispatch with the suggested routing, and the decision is an event and a correct training example', async () => {
    const ticket = await newTicket();
    const suggestion = (await detail(ticket.id)).suggestion;
    const response = await review(ticket.id, { action: 'confirm' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'PENDING_DISPATCH',
      category: { code: suggestion.categories[0].code },
      leadDepartment: { code: suggestion.departments[0].code },
    });
    const confirm = response.body.events.at(-1);
    expect(confirm).toMatchObject({ event: 'confirm', fromStatus: 'ACCEPTED', toStatus: 'PENDING_DISPATCH', actorType: 'AGENT' });
    const example = await app.db.prisma.trainingExample.findUnique({ where: { ticketId: ticket.id } });
    expect(example).toMatchObject({
      source: 'REVIEW',
      categoryCode: suggestion.categories[0].code,
      categoryCorrect: true,
      departmentCorrect: true,
      modelVersion: suggestion.modelVersion,
    });
    const queue = await http(`${app.url}/api/v1/review/queue`, { token: agent.token });
    expect(queue.body.items.map((i: { id: string }) => i.id)).not.toContain(ticket.id);
  });

  test('when the agent overrides category, department, type and urgency, then those are stored and the suggestion is recorded as wrong', async () => {
    const ticket = await newTicket();
    const suggested = (await detail(ticket.id)).suggestion;
    const response = await review(ticket.id, {
      action: 'confirm',
      categoryCode: 'LABOR.WAGE_ARREARS',
      departmentCode: 'CITY-HR-SOCIAL',
      coDepartmentCodes: ['D01'],
      requestType: 'REPORT',
      urgency: 'PRIORITY',
      note: '市民补充：其实是欠薪问题',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({
      category: { code: 'LABOR.WAGE_ARREARS' },
      leadDepartment: { code: 'CITY-HR-SOCIAL' },
      coDepartments: [{ code: 'D01' }],
      requestType: 'REPORT',
      urgency: 'PRIORITY',
      reporterConfidential: true,
    });
    const event = response.body.events.at(-1);
    expect(event.before.categoryCode).toBe(suggested.categories[0].code);
    expect(event.after).toMatchObject({ categoryCode: 'LABOR.WAGE_ARREARS', departmentCode: 'CITY-HR-SOCIAL' });
    expect(event.reason).toBe('市民补充：其实是欠薪问题');
    const example = await app.db.prisma.trainingExample.findUnique({ where: { ticketId: ticket.id } });
    expect(example).toMatchObject({
      categoryCode: 'LABOR.WAGE_ARREARS',
      suggestedCategoryCode: suggested.categories[0].code,
      categoryCorrect: false,
    });
  });

  test('when only the category is corrected, then the lead unit follows the new category', async () => {
    const ticket = await newTicket();
    const response = await review(ticket.id, { categoryCode: 'UTIL.WATER' });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.leadDepartment.code).toBe('CITY-WATER');
  });

  test('when the ticket was already decided, then a second decision is refused with 422 and changes nothing', async () => {
    const ticket = await newTicket();
    expect((await review(ticket.id, { action: 'confirm' })).status).toBe(200);
    const events = await app.db.prisma.ticketEvent.count({ where: { ticketId: ticket.id } });
    const again = await review(ticket.id, { action: 'confirm', categoryCode: 'ENV' });
    expect(again.status).toBe(422);
    expect(again.body.error).toMatchObject({ kind: 'INVALID_STATE', message: expect.stringContaining('PENDING_DISPATCH') });
    expect(await app.db.prisma.ticketEvent.count({ where: { ticketId: ticket.id } })).toBe(events);
  });

  test('when two agents confirm at the same moment, then exactly one decision is recorded', async () => {
    const ticket = await newTicket();
    const other = await createAgent(app.url);
    const answers = await Promise.all([review(ticket.id, { action: 'confirm' }), review(ticket.id, { action: 'confirm' }, other.token)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 422]);
    expect(await app.db.prisma.ticketEvent.count({ where: { ticketId: ticket.id, event: 'confirm' } })).toBe(1);
    expect(await app.db.prisma.trainingExample.count({ where: { ticketId: ticket.id } })).toBe(1);
  });

  test.each([
    { description: 'an unknown category', body: { categoryCode: 'NOPE' }, message: /unknown or inactive category/ },
    { description: 'an unknown department', body: { departmentCode: 'CITY-NOPE' }, message: /unknown or inactive department/ },
    { description: 'an unknown request type', body: { requestType: 'GOSSIP' }, message: /requestType/ },
    { description: 'an unknown action', body: { action: 'dispatch' }, message: /action/ },
    { description: 'a rejection without a reason', body: { action: 'reject' }, message: /reasonCode/ },
    {
      description: 'the lead unit also as co-handler',
      body: { departmentCode: 'D01', coDepartmentCodes: ['D01'] },
      message: /cannot also co-handle/,
    },
  ])('when the decision names $description, then 400 with the reason and the ticket is unchanged', async ({ body, message }) => {
    const ticket = await newTicket();
    const response = await review(ticket.id, body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(message);
    expect((await app.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('ACCEPTED');
  });

  test('when the agent rejects with a reason code, then the ticket is closed as not accepted', async () => {
    const ticket = await newTicket('我要起诉我的前雇主，法院什么时候开庭？');
    const response = await review(ticket.id, { action: 'reject', reasonCode: 'LEGAL_ROUTE', note: '属诉讼事项' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'REJECTED', reasonCode: 'LEGAL_ROUTE', disposition: 'REJECTED' });
  });

  test('when someone without an agent login reviews, then 401; with an API key, 403', async () => {
    const ticket = await newTicket();
    expect((await http(`${app.url}/api/v1/tickets/${ticket.id}/review`, { body: {} })).status).toBe(401);
    expect((await review(ticket.id, {}, key)).status).toBe(403);
  });

  test('when anyone tries to change the audit trail, then the database refuses', async () => {
    const ticket = await newTicket();
    await expect(app.db.prisma.ticketEvent.updateMany({ where: { ticketId: ticket.id }, data: { reason: 'rewritten' } })).rejects.toThrow(
      /append-only/,
    );
    await expect(app.db.prisma.ticketEvent.deleteMany({ where: { ticketId: ticket.id } })).rejects.toThrow(/append-only/);
  });
});

describe('并单 (merge into the open ticket a report repeats)', () => {
  test('when the agent merges an accepted ticket by the parent number, then it is closed as MERGED into it, audited, not learnt from, and the parent lists it', async () => {
    const parent = await newTicket();
    const repeat = await newTicket();
    const response = await review(repeat.id, { action: 'merge', duplicateOf: parent.number, note: '同一油烟问题' });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({
      status: 'MERGED',
      disposition: 'MERGED',
      duplicateOf: { id: parent.id, number: parent.number },
    });
    expect(response.body.closedAt).not.toBeNull();
    expect(response.body.events.at(-1)).toMatchObject({
      event: 'merge',
      fromStatus: 'ACCEPTED',
      toStatus: 'MERGED',
      actorType: 'AGENT',
      reason: '同一油烟问题',
      after: { duplicateOf: parent.number },
    });
    expect(await app.db.prisma.trainingExample.count({ where: { ticketId: repeat.id } })).toBe(0);
    const parentNow = await detail(parent.id);
    expect(parentNow).toMatchObject({ status: 'ACCEPTED', duplicates: [{ id: repeat.id, number: repeat.number, status: 'MERGED' }] });
  });

  test('when a ticket already confirmed (waiting for dispatch) turns out to repeat another, then it can still be merged by the parent id (T8)', async () => {
    const parent = await newTicket();
    const repeat = await newTicket();
    expect((await review(repeat.id, { action: 'confirm' })).status).toBe(200);
    const response = await review(repeat.id, { action: 'merge', duplicateOf: parent.id });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ status: 'MERGED', duplicateOf: { number: parent.number } });
    expect(response.body.events.at(-1)).toMatchObject({ event: 'merge', fromStatus: 'PENDING_DISPATCH', toStatus: 'MERGED' });
  });

  test.each([
    { description: 'no parent', parent: () => undefined, status: 400, message: /duplicateOf/ },
    { description: 'itself', parent: (self: { number: string }) => self.number, status: 400, message: /into itself/ },
    { description: 'a ticket number that does not exist', parent: () => '19990101-000001', status: 404, message: /19990101-000001/ },
  ])('when the merge names $description, then $status with the reason and the ticket is unchanged', async ({ parent, status, message }) => {
    const ticket = await newTicket();
    const response = await review(ticket.id, { action: 'merge', duplicateOf: parent(ticket) });
    expect(response.status).toBe(status);
    expect(response.body.error.message).toMatch(message);
    expect(await app.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({
      status: 'ACCEPTED',
      duplicateOfId: null,
    });
    expect(await app.db.prisma.ticketEvent.count({ where: { ticketId: ticket.id, event: 'merge' } })).toBe(0);
  });

  test('when the parent has ended (here: not taken up), then 422 and the ticket is unchanged', async () => {
    const closed = await newTicket();
    expect((await review(closed.id, { action: 'reject', reasonCode: 'INVALID' })).status).toBe(200);
    const ticket = await newTicket();
    const response = await review(ticket.id, { action: 'merge', duplicateOf: closed.number });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ kind: 'INVALID_STATE', message: expect.stringContaining('REJECTED') });
    expect((await app.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('ACCEPTED');
  });

  test('when a merged ticket is merged again, then 422: it has ended', async () => {
    const parent = await newTicket();
    const repeat = await newTicket();
    expect((await review(repeat.id, { action: 'merge', duplicateOf: parent.number })).status).toBe(200);
    const again = await review(repeat.id, { action: 'merge', duplicateOf: parent.number });
    expect(again.status).toBe(422);
    expect(await app.db.prisma.ticketEvent.count({ where: { ticketId: repeat.id, event: 'merge' } })).toBe(1);
  });
});

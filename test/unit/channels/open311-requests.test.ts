/** Tickets as Open311 service requests: the status mapping, the privacy rule and the query rules of GET requests. */
import { describe, expect, test } from 'vitest';

import { maskPersonalData } from '../../../channels/open311/privacy.js';
import { dateRange, parseIsoDateTime, parseRequestQuery } from '../../../channels/open311/request-query.js';
import { open311Status, statusesOf, toServiceRequest, tokenAnswer, type TicketView } from '../../../channels/open311/service-requests.js';
import { TICKET_STATUSES, type TicketStatus } from '../../../router/ticket-state-machine.js';

const ZONE = 'Asia/Shanghai';

function ticket(overrides: Partial<TicketView> = {}): TicketView {
  return {
    number: '20261121-000042',
    status: 'ACCEPTED',
    consentPublish: false,
    reporterConfidential: false,
    description: '幸福路垃圾桶三天没清运，我叫张三，电话13800138000。',
    locationText: '幸福路12号',
    lat: 31.2304,
    lng: 121.4737,
    createdAt: new Date('2026-11-21T02:00:00Z'),
    updatedAt: new Date('2026-11-21T03:00:00Z'),
    closedAt: null,
    deadlineAt: new Date('2026-12-05T09:30:00Z'),
    service: { code: 'URBAN.SANITATION', name: '市容环卫' },
    agency: '市城市管理和综合执法局',
    mergedInto: null,
    mediaUrl: 'https://img.example.com/1.jpg',
    personal: ['张三', '+8613800138000'],
    ...overrides,
  };
}

describe('status mapping (DOMAIN.md §6.1)', () => {
  const expected: Record<TicketStatus, { status: 'open' | 'closed'; notes: string }> = {
    DRAFT: { status: 'open', notes: '草稿' },
    ACCEPTED: { status: 'open', notes: '已受理' },
    PENDING_DISPATCH: { status: 'open', notes: '待派单' },
    DISPATCHED: { status: 'open', notes: '已派单' },
    RETURN_REQUESTED: { status: 'open', notes: '申请退回' },
    SIGNED: { status: 'open', notes: '办理中' },
    EXTENSION_REQUESTED: { status: 'open', notes: '申请延期' },
    REPLIED: { status: 'open', notes: '已答复' },
    REVIEWED: { status: 'open', notes: '待回访' },
    CALLBACK_DONE: { status: 'open', notes: '已回访' },
    REOPENED: { status: 'open', notes: '重办' },
    CLOSED: { status: 'closed', notes: '已办结' },
    CLOSED_DIRECT: { status: 'closed', notes: '直接办结' },
    REJECTED: { status: 'closed', notes: '不予受理' },
    MERGED: { status: 'closed', notes: '已并单' },
    TRANSFERRED_EMERGENCY: { status: 'closed', notes: '已转紧急热线' },
  };

  test.each(TICKET_STATUSES.map((state) => ({ state, ...expected[state] })))(
    'when a ticket is $state, then it is $status with status_notes $notes',
    ({ state, status, notes }) => {
      expect(open311Status(state)).toBe(status);
      expect(toServiceRequest(ticket({ status: state }), ZONE)).toMatchObject({ status, status_notes: notes });
    },
  );

  test('when queried by status, then open covers every published non-terminal state and no draft', () => {
    expect(statusesOf('closed').sort()).toEqual(['CLOSED', 'CLOSED_DIRECT', 'MERGED', 'REJECTED', 'TRANSFERRED_EMERGENCY']);
    expect(statusesOf('open')).not.toContain('DRAFT');
    expect(statusesOf('open').length + statusesOf('closed').length).toBe(TICKET_STATUSES.length - 1);
  });
});

describe('the service request object', () => {
  test('when the citizen consented to publication, then the case is shown with personal data masked, times with +08:00', () => {
    expect(toServiceRequest(ticket({ consentPublish: true }), ZONE)).toEqual({
      service_request_id: '20261121-000042',
      status: 'open',
      status_notes: '已受理',
      service_name: '市容环卫',
      service_code: 'URBAN.SANITATION',
      description: '幸福路垃圾桶三天没清运，我叫[个人信息已隐去]，电话[电话已隐去]。',
      agency_responsible: '市城市管理和综合执法局',
      service_notice: null,
      requested_datetime: '2026-11-21T10:00:00+08:00',
      updated_datetime: '2026-11-21T11:00:00+08:00',
      expected_datetime: '2026-12-05T17:30:00+08:00',
      address: '幸福路12号',
      lat: 31.2304,
      long: 121.4737,
      media_url: 'https://img.example.com/1.jpg',
    });
  });

  test.each([
    { description: 'there is no publication consent', overrides: { consentPublish: false } },
    {
      description: 'the ticket is a confidential 举报, even with consent',
      overrides: { consentPublish: true, reporterConfidential: true },
    },
  ])('when $description, then only the status is shown: no description, address, coordinates or media', ({ overrides }) => {
    const request = toServiceRequest(ticket(overrides), ZONE);
    expect(request).toMatchObject({ description: null, address: null, lat: null, long: null, media_url: null, status: 'open' });
    expect(JSON.stringify(request)).not.toMatch(/张三|13800138000|幸福路/);
  });

  test('when a ticket is closed, then updated_datetime is the close time; merged tickets name their parent', () => {
    const closed = toServiceRequest(ticket({ status: 'CLOSED', closedAt: new Date('2026-11-25T08:00:00Z') }), ZONE);
    expect(closed).toMatchObject({ status: 'closed', updated_datetime: '2026-11-25T16:00:00+08:00' });
    const merged = toServiceRequest(ticket({ status: 'MERGED', mergedInto: '20261120-000007' }), ZONE);
    expect(merged.service_notice).toBe('已并入工单 20261120-000007');
  });

  test('when nothing is known yet, then the optional fields are null, not missing', () => {
    const request = toServiceRequest(ticket({ service: null, agency: null, deadlineAt: null, locationText: null }), ZONE);
    expect(request).toMatchObject({
      service_code: null,
      service_name: null,
      agency_responsible: null,
      expected_datetime: null,
      address: null,
    });
    expect(Object.keys(request)).toHaveLength(15);
  });

  test('when a token is looked up, then the ticket number comes with it once there is one', () => {
    expect(tokenAnswer('t', '20261121-000001')).toEqual({ service_request_id: '20261121-000001', token: 't' });
    expect(tokenAnswer('t', undefined)).toEqual({ token: 't' });
  });
});

describe('masking personal data', () => {
  test.each([
    { text: '电话 138 0013 8000 或 +86-138-0013-8000', expects: '电话 [电话已隐去] 或 [电话已隐去]' },
    { text: '座机010-12345678', expects: '座机[电话已隐去]' },
    { text: '身份证11010519491231002X', expects: '身份证[证件号已隐去]' },
    { text: '卡号6222020200112233445', expects: '卡号[卡号已隐去]' },
    { text: '邮箱 li.si@example.com.cn', expects: '邮箱 [邮箱已隐去]' },
    { text: '幸福路12号3单元502室，2026年11月', expects: '幸福路12号3单元502室，2026年11月' },
    { text: '工单20261121-000001', expects: '工单20261121-000001' },
  ])('when the text is "$text", then it reads "$expects"', ({ text, expects }) => {
    expect(maskPersonalData(text)).toBe(expects);
  });

  test("when the citizen's own name appears, then it is masked; a one-character value is not", () => {
    expect(maskPersonalData('我是王小明', ['王小明', '王', null])).toBe('我是[个人信息已隐去]');
  });
});

describe('GET requests parameters', () => {
  const now = new Date('2026-11-21T12:00:00Z');
  const day = 86_400_000;

  test('when nothing is given, then the last 90 days, the first 1000 requests', () => {
    expect(parseRequestQuery({}, now)).toEqual({
      ok: true,
      value: { kind: 'search', from: new Date(now.getTime() - 90 * day), to: now, page: 1, pageSize: 1000 },
    });
  });

  test('when service_request_id is given, then it overrides every other parameter', () => {
    expect(parseRequestQuery({ service_request_id: '20261121-000001, 20261121-000002,', status: 'bogus', start_date: 'x' }, now)).toEqual({
      ok: true,
      value: { kind: 'ids', ids: ['20261121-000001', '20261121-000002'] },
    });
  });

  test('when codes, statuses and pages are given, then they are lists and numbers; empty values are absent', () => {
    const parsed = parseRequestQuery({ service_code: 'A,B', status: 'open,closed', page: '3', page_size: '50', start_date: '' }, now);
    expect(parsed).toMatchObject({ ok: true, value: { serviceCodes: ['A', 'B'], statuses: ['open', 'closed'], page: 3, pageSize: 50 } });
  });

  test.each([
    { description: 'status is unknown', query: { status: 'open,pending' }, error: /status/ },
    { description: 'page is zero', query: { page: '0' }, error: /page/ },
    { description: 'page_size is above 1000', query: { page_size: '1001' }, error: /page_size/ },
    { description: 'page_size is not a number', query: { page_size: '10x' }, error: /page_size/ },
    { description: 'start_date is not a date', query: { start_date: 'yesterday' }, error: /start_date/ },
    {
      description: 'there are too many ids',
      query: { service_request_id: Array.from({ length: 101 }, (_, i) => `n${i}`).join(',') },
      error: /100/,
    },
  ])('when $description, then the query is refused', ({ query, error }) => {
    const parsed = parseRequestQuery(query, now);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(error);
  });
});

describe('date-range rules', () => {
  const now = new Date('2026-11-21T12:00:00Z');
  const cases = [
    { description: 'both bounds within 90 days', start: '2026-09-01T00:00:00+08:00', end: '2026-11-01T00:00:00+08:00', ok: true },
    { description: 'exactly 90 days', start: '2026-08-01T00:00:00Z', end: '2026-10-30T00:00:00Z', ok: true },
    { description: '90 days and one second', start: '2026-08-01T00:00:00Z', end: '2026-10-30T00:00:01Z', ok: false },
    { description: 'the end before the start', start: '2026-11-02T00:00:00Z', end: '2026-11-01T00:00:00Z', ok: false },
  ];
  test.each(cases)('when $description, then accepted is $ok', ({ start, end, ok }) => {
    expect(dateRange(start, end, now).ok).toBe(ok);
  });

  test('when only one bound is given, then the other is 90 days away', () => {
    expect(dateRange('2026-01-01T00:00:00Z', undefined, now)).toEqual({
      ok: true,
      value: { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') },
    });
    expect(dateRange(undefined, '2026-04-01T00:00:00Z', now)).toEqual({
      ok: true,
      value: { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') },
    });
  });

  test.each([
    { text: '2026-11-21T10:00:00+08:00', expects: '2026-11-21T02:00:00.000Z' },
    { text: '2026-11-21T10:00:00+0800', expects: '2026-11-21T02:00:00.000Z' },
    { text: '2026-11-21T10:00Z', expects: '2026-11-21T10:00:00.000Z' },
    { text: '2026-11-21T10:00:00.25-05:30', expects: '2026-11-21T15:30:00.250Z' },
    { text: '2024-02-29T00:00:00Z', expects: '2024-02-29T00:00:00.000Z' },
  ])('when the date is $text, then it is the instant $expects', ({ text, expects }) => {
    expect(parseIsoDateTime(text)?.toISOString()).toBe(expects);
  });

  test.each([
    '2026-11-21',
    '2026-11-21T10:00:00',
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-21T24:00:00Z',
    '2026-11-21T10:00:00+15:00',
    'now',
  ])('when the date is %s, then it is refused (no timezone, or no such day)', (text) => {
    expect(parseIsoDateTime(text)).toBeNull();
  });
});

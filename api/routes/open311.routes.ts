/**
 * Open311 GeoReport v2 read endpoints (DOMAIN.md §11.6): discovery, services, tokens and requests,
 * in JSON and XML. POST requests is the channel's webhook (channels/open311 through channels.routes.ts).
 * These answer anyone without a key, so they show only Open311-filed or publication-consented tickets,
 * and never who filed them (channels/open311/privacy.ts). Mapping and formatting live in the channel
 * folder; this file holds the queries.
 */
import { Router, type Request } from 'express';

import { parseRequestQuery, type RequestQuery } from '../../channels/open311/request-query.js';
import { discoveryAnswer } from '../../channels/open311/discovery.js';
import { BASE_PATH } from '../../channels/open311/definition.js';
import { parseFormat, renderList, renderObject, type Open311Format } from '../../channels/open311/format.js';
import { Open311Adapter } from '../../channels/open311/index.js';
import { statusesOf, toServiceRequest, tokenAnswer, type TicketView } from '../../channels/open311/service-requests.js';
import { liveServices, serviceDefinition, toOpen311Service } from '../../channels/open311/services.js';
import { checkJurisdiction } from '../../channels/open311/signature.js';
import type { HttpAck } from '../../channels/types.js';
import type { Prisma } from '../../core/db/generated/client.js';
import { InvalidDataError, NotFoundError } from '../../core/errors/index.js';
import type { AppContext } from '../context.js';
import { sendAck as send } from './channels.routes.js';
import { isUuid } from '../../core/validation.js';

export function open311Routes(ctx: AppContext): Router {
  const router = Router();
  const adapter = ctx.deps.channels.get('open311');
  if (!(adapter instanceof Open311Adapter)) return router; // channel disabled: no endpoint at all
  const { config } = adapter;
  const { db } = ctx.deps;

  router.use(BASE_PATH, (req, res, next) => {
    res.locals.errorFormat = 'open311';
    checkJurisdiction(config.jurisdictionId, queryValue(req, 'jurisdiction_id'));
    next();
  });

  router.get(`${BASE_PATH}/discovery.:format`, (req, res) => {
    send(res, discoveryAnswer(formatOf(req), config, `${req.protocol}://${req.get('host') ?? 'localhost'}`));
  });

  router.get(`${BASE_PATH}/services.:format`, async (req, res) => {
    const format = formatOf(req);
    const services = [...liveServices(ctx.deps.catalogue.current()).values()];
    // The in-memory catalogue has the tree and names; descriptions and keywords are read here.
    const rows = await db.prisma.category.findMany({
      where: { code: { in: services.map((service) => service.code) } },
      select: { code: true, description: true, keywords: true },
    });
    const details = new Map(rows.map((row) => [row.code, row]));
    const list = services.map((entry) => toOpen311Service(entry, details.get(entry.code)));
    send(res, renderList(format, 'services', 'service', list));
  });

  router.get(`${BASE_PATH}/services/:code.:format`, (req, res) => {
    const format = formatOf(req);
    const entry = liveServices(ctx.deps.catalogue.current()).get(req.params.code);
    if (!entry) throw new NotFoundError(`service_code ${req.params.code} not found`);
    const definition = serviceDefinition(entry);
    // An empty list still shows as <attributes/> in XML, as `[]` does in JSON.
    send(res, renderObject(format, definition, 'service_definition', { service_code: definition.service_code, attributes: null }));
  });

  router.get(`${BASE_PATH}/tokens/:token.:format`, async (req, res) => {
    const format = formatOf(req);
    const token = req.params.token;
    const message = isUuid(token)
      ? await db.prisma.message.findFirst({
          where: { id: token, channel: 'open311', direction: 'INBOUND' },
          select: { ticket: { select: { number: true, status: true } } },
        })
      : null;
    if (!message) throw new NotFoundError(`token ${token} not found`);
    const number = message.ticket && message.ticket.status !== 'DRAFT' ? message.ticket.number : undefined;
    send(res, renderList(format, 'service_requests', 'request', [tokenAnswer(token, number)]));
  });

  router.get(`${BASE_PATH}/requests.:format`, async (req, res) => {
    const format = formatOf(req);
    const query = parseRequestQuery(flatQuery(req), ctx.deps.now());
    if (!query.ok) throw new InvalidDataError(query.error.message, { details: query.error.issues });
    const tickets = await findTickets(ctx, query.value);
    send(res, requestsAnswer(ctx, format, tickets));
  });

  router.get(`${BASE_PATH}/requests/:id.:format`, async (req, res) => {
    const format = formatOf(req);
    const [ticket] = await findTickets(ctx, { kind: 'ids', ids: [req.params.id] });
    if (!ticket) throw new NotFoundError(`service_request_id ${req.params.id} not found`);
    send(res, requestsAnswer(ctx, format, [ticket]));
  });

  router.all([BASE_PATH, `${BASE_PATH}/*rest`], (req) => {
    throw new NotFoundError(`no such Open311 resource: ${req.method} ${req.path}`);
  });
  return router;
}

function formatOf(req: Request): Open311Format {
  const value = req.params.format;
  const format = parseFormat(typeof value === 'string' ? value : undefined);
  if (!format) throw new NotFoundError(`format "${String(value ?? '')}" not found: use .json or .xml`);
  return format;
}

function queryValue(req: Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  return typeof value === 'string' ? value : undefined;
}

/** Repeated or nested query parameters are not part of GeoReport; they count as absent. */
function flatQuery(req: Request): Record<string, string | undefined> {
  return Object.fromEntries(Object.keys(req.query).map((name) => [name, queryValue(req, name)]));
}

const ticketSelect = {
  number: true,
  status: true,
  channel: true,
  consentPublish: true,
  reporterConfidential: true,
  description: true,
  locationText: true,
  lat: true,
  lng: true,
  createdAt: true,
  updatedAt: true,
  closedAt: true,
  deadlineAt: true,
  category: { select: { code: true, name: true } },
  leadDepartment: { select: { name: true } },
  duplicateOf: { select: { number: true } },
  // Read only to mask them where the citizen repeated them in the text; never answered.
  citizen: { select: { displayName: true, phone: true } },
  originMessage: {
    select: {
      channel: true,
      payload: true,
      attachments: { where: { sourceUrl: { not: null } }, select: { sourceUrl: true }, orderBy: { createdAt: 'asc' }, take: 1 },
    },
  },
} as const satisfies Prisma.TicketSelect;

type TicketRow = Prisma.TicketGetPayload<{ select: typeof ticketSelect }>;

/** The privacy rule as a filter: drafts never; otherwise filed through Open311 or consented to publication. */
const PUBLISHED: Prisma.TicketWhereInput = { status: { not: 'DRAFT' }, OR: [{ consentPublish: true }, { channel: 'open311' }] };

async function findTickets(ctx: AppContext, query: RequestQuery): Promise<TicketRow[]> {
  const orderBy: Prisma.TicketOrderByWithRelationInput[] = [{ createdAt: 'desc' }, { number: 'desc' }];
  if (query.kind === 'ids') {
    return ctx.deps.db.prisma.ticket.findMany({
      where: { AND: [PUBLISHED, { number: { in: query.ids } }] },
      select: ticketSelect,
      orderBy,
    });
  }
  const filters: Prisma.TicketWhereInput[] = [PUBLISHED, { createdAt: { gte: query.from, lte: query.to } }];
  if (query.statuses) filters.push({ status: { in: query.statuses.flatMap(statusesOf) } });
  if (query.serviceCodes) filters.push(serviceFilter(query.serviceCodes));
  return ctx.deps.db.prisma.ticket.findMany({
    where: { AND: filters },
    select: ticketSelect,
    orderBy,
    skip: (query.page - 1) * query.pageSize,
    take: query.pageSize,
  });
}

/** The confirmed category, or — until an agent confirms one — the service the Open311 client chose. */
function serviceFilter(codes: string[]): Prisma.TicketWhereInput {
  return {
    OR: [
      { category: { code: { in: codes } } },
      {
        categoryId: null,
        originMessage: { channel: 'open311', OR: codes.map((code) => ({ payload: { path: ['raw', 'service_code'], equals: code } })) },
      },
    ],
  };
}

function requestsAnswer(ctx: AppContext, format: Open311Format, tickets: TicketRow[]): HttpAck {
  const catalogue = ctx.deps.catalogue.current();
  const views = tickets.map((ticket): TicketView => {
    const chosen = ticket.originMessage?.channel === 'open311' ? submittedServiceCode(ticket.originMessage.payload) : undefined;
    return {
      ...ticket,
      service: ticket.category ?? (chosen ? { code: chosen, name: catalogue.get(chosen)?.name ?? null } : null),
      agency: ticket.leadDepartment?.name ?? null,
      mergedInto: ticket.duplicateOf?.number ?? null,
      mediaUrl: ticket.originMessage?.attachments[0]?.sourceUrl ?? null,
      personal: [ticket.citizen.displayName, ticket.citizen.phone],
    };
  });
  return renderList(
    format,
    'service_requests',
    'request',
    views.map((view) => toServiceRequest(view, ctx.deps.timeZone)),
  );
}

function submittedServiceCode(payload: Prisma.JsonValue): string | undefined {
  const code = (payload as { raw?: { service_code?: unknown } } | null)?.raw?.service_code;
  return typeof code === 'string' ? code : undefined;
}

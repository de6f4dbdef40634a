/**
 * A ticket as a GeoReport v2 service request (DOMAIN.md §11.6 "Mapping for suqiu"): `open` is every
 * non-terminal state, `closed` the terminal ones; the Chinese state label goes in status_notes, the
 * lead unit in agency_responsible, the deadline in expected_datetime.
 */
import { STATUS_LABELS } from '../../router/ticket-labels.js';
import { TERMINAL_STATUSES, TICKET_STATUSES, type TicketStatus } from '../../router/ticket-state-machine.js';
import { isoDateTime } from './format.js';
import { maskPersonalData, mayShowDetails } from './privacy.js';
import type { Open311ServiceRequest } from './schemas.js';

export type Open311Status = 'open' | 'closed';

export function open311Status(status: TicketStatus): Open311Status {
  return TERMINAL_STATUSES.has(status) ? 'closed' : 'open';
}

/** Drafts are not requests yet (DOMAIN.md §6.1: "not exposed"). */
export function isPublishedStatus(status: TicketStatus): boolean {
  return status !== 'DRAFT';
}

/** The ticket states behind each Open311 status, for queries. */
export function statusesOf(status: Open311Status): TicketStatus[] {
  return TICKET_STATUSES.filter((s) => isPublishedStatus(s) && open311Status(s) === status);
}

/** What the routes read for one ticket; nothing personal beyond what masking needs. */
export interface TicketView {
  number: string;
  status: TicketStatus;
  consentPublish: boolean;
  reporterConfidential: boolean;
  description: string;
  locationText: string | null;
  lat: number | null;
  lng: number | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  deadlineAt: Date | null;
  /** The confirmed category, else the service the Open311 client chose. */
  service: { code: string; name: string | null } | null;
  agency: string | null;
  /** The ticket this one was merged into. */
  mergedInto: string | null;
  mediaUrl: string | null;
  /** The citizen's own name and number, masked wherever the text repeats them. */
  personal: readonly (string | null)[];
}

export function toServiceRequest(ticket: TicketView, timeZone: string): Open311ServiceRequest {
  const details = mayShowDetails(ticket);
  const status = open311Status(ticket.status);
  const updated = status === 'closed' ? (ticket.closedAt ?? ticket.updatedAt) : ticket.updatedAt;
  return {
    service_request_id: ticket.number,
    status,
    status_notes: STATUS_LABELS[ticket.status],
    service_name: ticket.service?.name ?? null,
    service_code: ticket.service?.code ?? null,
    description: details ? maskPersonalData(ticket.description, ticket.personal) : null,
    agency_responsible: ticket.agency,
    service_notice: ticket.status === 'MERGED' && ticket.mergedInto ? `已并入工单 ${ticket.mergedInto}` : null,
    requested_datetime: isoDateTime(ticket.createdAt, timeZone),
    updated_datetime: isoDateTime(updated, timeZone),
    expected_datetime: ticket.deadlineAt ? isoDateTime(ticket.deadlineAt, timeZone) : null,
    address: details && ticket.locationText ? maskPersonalData(ticket.locationText, ticket.personal) : null,
    // Coordinates and photos locate and show the case as precisely as an address does.
    lat: details ? ticket.lat : null,
    long: details ? ticket.lng : null,
    media_url: details ? ticket.mediaUrl : null,
  };
}

/** `GET tokens/{token}`: the ticket number once the ticket exists, the token alone while it is processed. */
export function tokenAnswer(token: string, ticketNumber: string | undefined): Record<string, string> {
  return ticketNumber ? { service_request_id: ticketNumber, token } : { token };
}

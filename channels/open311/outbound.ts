/**
 * What goes back to an Open311 client. GeoReport v2 has no way to reach the reporter afterwards:
 * the POST answer is the only message, and the client reads the status with GET requests.
 */
import type { AcceptOutcome, HttpAck, RawRequest } from '../types.js';
import { parseFormat, renderList } from './format.js';

/**
 * The batch answer: `[{token, service_notice}]` (XML `<service_requests><request>`), 200 for a first
 * delivery and a redelivery alike — a retried POST gets the same token.
 */
export function acknowledgeCreate(outcomes: AcceptOutcome[], req: RawRequest, serviceNotice: string): HttpAck {
  const format = parseFormat(req.params.format) ?? 'json';
  const requests = outcomes.map((outcome) => ({ token: outcome.messageId, service_notice: serviceNotice }));
  return renderList(format, 'service_requests', 'request', requests);
}

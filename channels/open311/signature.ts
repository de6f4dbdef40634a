/**
 * Who may POST, and whether the request names something that exists. The api_key is a suqiu API key
 * the HTTP layer resolves (constant-time hash lookup, channels.routes.ts) before anything here runs;
 * `verify` only checks that it did. Jurisdiction, format and service code decide 404 vs 400 in the
 * GeoReport error scheme, so they are checked before the body is parsed.
 */
import { NotFoundError } from '../../core/errors/index.js';
import type { RawRequest } from '../types.js';
import { checkContentType, decodeForm } from './form.js';
import { parseFormat } from './format.js';

export function verifyOpen311Request(req: RawRequest): boolean {
  return req.principal?.kind === 'apiKey';
}

/**
 * Single-jurisdiction semantics: with OPEN311_JURISDICTION_ID set, an absent jurisdiction_id means
 * this one (the specification requires it only of multi-jurisdiction endpoints) and any other value
 * is not found. Without it, the endpoint names no jurisdiction and the parameter is ignored.
 */
export function checkJurisdiction(configured: string | undefined, given: string | undefined): void {
  if (!configured || !given?.trim()) return;
  if (given.trim() !== configured) throw new NotFoundError(`jurisdiction_id ${given.trim()} not found`);
}

export function checkFormat(value: string | undefined): void {
  if (!parseFormat(value)) throw new NotFoundError(`format "${value ?? ''}" not found: use .json or .xml`);
}

/** Is this code a live leaf category? Absent when the channel was built without the catalogue. */
export type ServiceCheck = (code: string) => boolean;

/**
 * Runs on POST before verify → parse (ChannelHttp.authenticate): a wrong format, jurisdiction or
 * service_code is 404 in GeoReport, which a parse error (always 400) cannot express.
 */
export function precheckCreate(req: RawRequest, jurisdictionId: string | undefined, isService: ServiceCheck | undefined): void {
  checkFormat(req.params.format);
  // A body that is not a form is left to parse, which says what is wrong with it.
  if (checkContentType(req.headers['content-type'])) return;
  const form = decodeForm(req.rawBody);
  if (!form.ok) return;
  checkJurisdiction(jurisdictionId, form.value.fields.jurisdiction_id);
  const code = form.value.fields.service_code;
  if (code && isService && !isService(code)) throw new NotFoundError(`service_code ${code} not found`);
}

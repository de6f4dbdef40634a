/**
 * Aliyun signs no push (DOMAIN.md §11.3), so authenticity rests on what the caller cannot guess or
 * forge from outside: the secret last segment of the push URL (compared in constant time) and the
 * caller's address (ALIYUN_SMS_ALLOWED_IPS). sign_name/dest_code are checked per message while
 * parsing (inbound.ts). Verification only, no I/O.
 */
import { secretsEqual } from '../sms/safe-equal.js';
import type { RawRequest } from '../types.js';
import type { IpAllowlist } from './allowlist.js';

export function verifyAliyunPush(req: RawRequest, pushSecret: string, allowlist: IpAllowlist): boolean {
  const secretOk = secretsEqual(req.params.secret ?? '', pushSecret);
  const addressOk = allowlist.allows(req.remoteAddress);
  return secretOk && addressOk;
}

/**
 * `JSON.parse` that keeps every number as its source text. Aliyun's `sequence_id` is a Java long and
 * exceeds 2^53, where a JavaScript number silently changes its last digits — and with them the
 * dedup key. Node 20 has no JSON.parse source access, so numbers are quoted before parsing.
 */
import { err, ok, type Result } from '../../core/result.js';

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const NUMBER_CHAR = /[-+0-9.eE]/;

export function parseJsonKeepingNumbers(text: string): Result<unknown, string> {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') {
        out += c + (text[i + 1] ?? '');
        i += 1;
      } else {
        if (c === '"') inString = false;
        out += c;
      }
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let end = i + 1;
      while (end < text.length && NUMBER_CHAR.test(text[end]!)) end += 1;
      const token = text.slice(i, end);
      if (!NUMBER.test(token)) return err(`invalid number "${token.slice(0, 30)}"`);
      out += `"${token}"`;
      i = end - 1;
    } else {
      out += c;
    }
  }
  try {
    return ok(JSON.parse(out));
  } catch (error) {
    return err(error instanceof Error ? error.message : 'invalid JSON');
  }
}

/**
 * The integer a numeric text stands for, exactly, as decimal digits: `1234`, `1234.0` and
 * `1.234E3` (a long that went through a double on the way) are all `1234`; a fraction is not an id.
 */
export function integerText(token: string): string | undefined {
  const match = /^(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(token.trim());
  if (!match) return undefined;
  const [, whole = '', fraction = '', exponent = '0'] = match;
  const shift = Number(exponent) - fraction.length;
  if (Math.abs(shift) > 40) return undefined;
  const digits = whole + fraction;
  if (shift >= 0) return BigInt(digits + '0'.repeat(shift)).toString();
  const cut = digits.length + shift;
  if (!/^0*$/.test(digits.slice(Math.max(cut, 0)))) return undefined;
  return cut <= 0 ? '0' : BigInt(digits.slice(0, cut)).toString();
}

/**
 * The one call suqiu makes on every citizen message before anything else reads it. Personal data is
 * found on the original text (so offsets refer to what the citizen wrote), then two texts are derived:
 * `masked` for people and storage that people browse, `normalized` for models.
 */
import { type DetectOptions, detectPii } from './pii/detect.js';
import { applyMasks } from './pii/mask.js';
import { type PiiFinding } from './pii/types.js';
import { normalizeForModels } from './model-text.js';

export interface PreparedText {
  /**
   * For models: personal data replaced by kind tags (`<PHONE>`), then NFKC, simplified characters,
   * URLs as `<URL>`, punctuation runs squeezed, whitespace collapsed.
   */
  readonly normalized: string;
  /** For agents, logs and public pages: the citizen's own wording with personal data partly masked (`138****5678`). */
  readonly masked: string;
  /** Personal data found, sorted and non-overlapping, offsets into the original text. */
  readonly findings: readonly PiiFinding[];
}

export type PrepareOptions = DetectOptions;

export function prepareText(text: string, options: PrepareOptions = {}): PreparedText {
  const findings = detectPii(text, options);
  return {
    normalized: normalizeForModels(applyMasks(text, findings, 'tag')),
    masked: applyMasks(text, findings, 'readable'),
    findings,
  };
}

/**
 * Reporting a problem: the bot asks only for what is missing — what happened, where, a contact number
 * with consent, consent to publish — reads the report back and files it on confirmation. Whatever the
 * citizen sends at any step counts: a location fills the place, photos and voice notes join the
 * report, a number in the text is taken as the contact.
 */
import { extractPhone, extractPlace, parseChoiceIndex, parseYesNo, stripIntentPrefix } from '../../nlu/dialog/index.js';
import { detectAbuse } from '../../nlu/safety/index.js';
import type { Ask, Draft, Flow } from './state.js';
import type { Say, Turn } from './types.js';

type ReportFlow = Extract<Flow, { kind: 'report' }>;

const VOICE_ONLY = '（语音留言，见附件）';
const SKIP = /^\s*(跳过|略过|不清楚|不知道|没有|无|不涉及|skip|none|n\/a|no idea)\s*[。.!！]?\s*$/i;
const NO_PHONE = /^\s*(不留|不方便|不用了?|不需要|不想留|no number|no phone|rather not)\s*[。.!！]?\s*$/i;
const EDIT = /^\s*(修改|更改|改一下|有误|不对|edit|change)\s*[。.!！]?\s*$/i;

/** Starts a report from a first message that says some or all of it. */
export function startReport(text: string, turn: Turn): ReportFlow {
  const draft = absorbMedia({ photos: 0, messageIds: [] }, turn);
  const content = stripIntentPrefix(text).rest.trim();
  if (isContent(content)) {
    draft.what = content;
    draft.where ??= extractPlace(content);
    const phone = extractPhone(content);
    // A number written into the report is given to be called on.
    if (phone) Object.assign(draft, { phone, consentContact: true });
  }
  const asking = nextAsk(draft, turn.input.knownPhone);
  turn.actions.push(askFor(asking, draft, turn));
  return { kind: 'report', asking, draft };
}

export function reportTurn(flow: ReportFlow, turn: Turn): ReportFlow | Flow {
  const draft = absorbMedia({ ...flow.draft, messageIds: [...flow.draft.messageIds] }, turn);
  const { text, event } = turn.input;
  const key = event?.key;
  const understood = answer(flow.asking, draft, text, key, turn);
  if (understood === 'submit') {
    turn.actions.push({
      kind: 'createTicket',
      purpose: 'report',
      description: draft.what ?? VOICE_ONLY,
      draft,
      messageIds: draft.messageIds,
      flags: [],
    });
    turn.actions.push({ kind: 'say', key: 'ticketCreated', args: { days: turn.settings.replyDays.report } });
    return { kind: 'idle' };
  }
  if (understood === 'editWhich') {
    turn.actions.push(askFor('editWhich', draft, turn));
    return { kind: 'report', asking: 'editWhich', draft };
  }
  if (typeof understood === 'object') {
    turn.actions.push(askFor(understood.ask, draft, turn));
    return { kind: 'report', asking: understood.ask, draft };
  }
  const asking = nextAsk(draft, turn.input.knownPhone);
  const addedSomething = draft.photos > flow.draft.photos || turn.input.location !== undefined || turn.input.untranscribedVoice;
  if (!understood && !addedSomething) {
    const abuse = text ? detectAbuse(text) : undefined;
    turn.actions.push({ kind: 'say', key: abuse?.abusive && !abuse.substantive ? 'abusive' : 'didNotUnderstand' });
  }
  turn.actions.push(askFor(asking, draft, turn));
  return { kind: 'report', asking, draft };
}

/** What is still missing, in the order a hotline agent asks for it. */
export function nextAsk(draft: Draft, knownPhone: string | undefined): Ask {
  if (!draft.what) return 'what';
  if (!draft.where && draft.lat === undefined && !draft.whereSkipped) return 'where';
  if (draft.consentContact === undefined) return draft.phone || knownPhone ? 'contactConsent' : 'contact';
  if (draft.publish === undefined) return 'publish';
  return 'confirm';
}

/** The question for a step, with its buttons. */
export function askFor(ask: Ask, draft: Draft, turn: Turn): Say {
  switch (ask) {
    case 'what':
      return { kind: 'say', key: 'askWhat', choices: [{ label: 'choice.cancel', value: 'cancel' }] };
    case 'where':
      return { kind: 'say', key: 'askWhere', choices: [{ label: 'choice.skip', value: 'skip' }] };
    case 'contact':
      return { kind: 'say', key: 'askContact', choices: [{ label: 'choice.noPhone', value: 'noPhone' }] };
    case 'contactConsent':
      return {
        kind: 'say',
        key: 'askContactConsent',
        args: { phone: maskPhone(draft.phone ?? turn.input.knownPhone ?? '') },
        choices: [
          { label: 'choice.yes', value: 'yes' },
          { label: 'choice.no', value: 'no' },
        ],
      };
    case 'publish':
      return {
        kind: 'say',
        key: 'askPublish',
        choices: [
          { label: 'choice.agree', value: 'yes' },
          { label: 'choice.disagree', value: 'no' },
        ],
      };
    case 'confirm':
      return {
        kind: 'say',
        key: 'readback',
        args: {
          what: clip(draft.what ?? VOICE_ONLY, 300),
          where: draft.where ?? (draft.lat !== undefined ? `${draft.lat.toFixed(5)}, ${draft.lng?.toFixed(5)}` : '@noPlace'),
          contact: draft.consentContact && draft.phone ? maskPhone(draft.phone) : '@noContact',
          publish: draft.publish ? '@publishYes' : '@publishNo',
          photos: draft.photos,
        },
        choices: [
          { label: 'choice.confirm', value: 'confirm' },
          { label: 'choice.edit', value: 'edit' },
          { label: 'choice.cancel', value: 'cancel' },
        ],
      };
    case 'editWhich':
      return {
        kind: 'say',
        key: 'askEditWhich',
        choices: [
          { label: 'choice.editWhat', value: 'editWhat' },
          { label: 'choice.editWhere', value: 'editWhere' },
          { label: 'choice.editContact', value: 'editContact' },
          { label: 'choice.editPublish', value: 'editPublish' },
        ],
      };
  }
}

/**
 * Applies the citizen's answer to the step being asked. Returns true when it was understood, 'submit'
 * on confirmation, 'editWhich' when they want to change something, `{ ask }` to ask one step again.
 */
function answer(
  asking: Ask,
  draft: Draft,
  text: string,
  key: string | undefined,
  turn: Turn,
): boolean | 'submit' | 'editWhich' | { ask: Ask } {
  const yesNo = key === 'yes' || key === 'confirm' ? true : key === 'no' ? false : text ? parseYesNo(text) : undefined;
  switch (asking) {
    case 'what': {
      const content = text ? stripIntentPrefix(text).rest.trim() : '';
      if (isContent(content)) {
        draft.what = content;
        draft.where ??= extractPlace(content);
        return true;
      }
      return Boolean(draft.what);
    }
    case 'where':
      if (turn.input.location) return true;
      if (key === 'skip' || SKIP.test(text)) return (draft.whereSkipped = true);
      if (text && !key) return Boolean((draft.where = clip(text, 300)));
      return false;
    case 'contact':
    case 'contactConsent': {
      const phone = text ? extractPhone(text) : undefined;
      if (phone) return Boolean(Object.assign(draft, { phone, consentContact: true }));
      if (key === 'noPhone' || NO_PHONE.test(text) || yesNo === false) return !(draft.consentContact = false);
      if (asking === 'contactConsent' && yesNo === true) {
        draft.phone ??= turn.input.knownPhone;
        return (draft.consentContact = true);
      }
      if (asking === 'contact' && /\d{5,}/.test(text)) {
        turn.actions.push({ kind: 'say', key: 'invalidPhone' });
        return { ask: 'contact' };
      }
      return false;
    }
    case 'publish':
      if (yesNo === undefined) return false;
      draft.publish = yesNo;
      return true;
    case 'confirm':
      if (key === 'edit' || EDIT.test(text) || yesNo === false) return 'editWhich';
      if (yesNo === true) return 'submit';
      // More words at the read-back add to the description, which is then read back again.
      if (text && !key && isContent(text) && draft.what) {
        draft.what = `${draft.what} ${text}`;
        return true;
      }
      return false;
    case 'editWhich':
      return editChoice(draft, text, key);
  }
}

const EDITS: { value: string; words: RegExp; clear: (draft: Draft) => Ask }[] = [
  { value: 'editWhat', words: /描述|问题|内容|problem|description/i, clear: (d) => ((d.what = undefined), 'what') },
  {
    value: 'editWhere',
    words: /地点|地址|位置|place|address|location/i,
    clear: (d) => ((d.where = d.lat = d.lng = d.datum = undefined), (d.whereSkipped = undefined), 'where'),
  },
  {
    value: 'editContact',
    words: /电话|号码|联系|phone|number|contact/i,
    clear: (d) => ((d.phone = d.consentContact = undefined), 'contact'),
  },
  { value: 'editPublish', words: /公开|publish/i, clear: (d) => ((d.publish = undefined), 'publish') },
];

function editChoice(draft: Draft, text: string, key: string | undefined): { ask: Ask } | false {
  const index = text ? parseChoiceIndex(text, EDITS.length) : undefined;
  const chosen = EDITS.find((edit, i) => key === edit.value || index === i || (!key && text && edit.words.test(text)));
  return chosen ? { ask: chosen.clear(draft) } : false;
}

/** Photos, voice notes and a shared location count at every step. */
function absorbMedia(draft: Draft, turn: Turn): Draft {
  const { input } = turn;
  if (!draft.messageIds.includes(input.messageId)) draft.messageIds.push(input.messageId);
  if (input.photos > 0) {
    draft.photos += input.photos;
    turn.actions.push({ kind: 'say', key: 'photoReceived', args: { count: draft.photos } });
  }
  if (input.untranscribedVoice) {
    draft.what ??= VOICE_ONLY;
    turn.actions.push({ kind: 'say', key: 'voiceSaved' });
  }
  if (input.location) {
    const { lat, lng, datum, label } = input.location;
    Object.assign(draft, { lat, lng, datum, whereSkipped: undefined });
    draft.where = label ?? input.locationText ?? draft.where;
    turn.actions.push({ kind: 'say', key: 'locationSaved', args: { where: draft.where ?? `${lat.toFixed(5)}, ${lng.toFixed(5)}` } });
  } else if (input.locationText) draft.where ??= input.locationText;
  return draft;
}

/** Enough words to be a description rather than "hi" or "我要投诉". */
function isContent(text: string): boolean {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const latinWords = (text.match(/[A-Za-z]{2,}/g) ?? []).length;
  return han >= 4 || latinWords >= 3;
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

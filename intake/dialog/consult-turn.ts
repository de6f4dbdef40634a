/**
 * A fresh message with nothing in progress, and consultations (咨询). A question the knowledge base
 * answers with confidence is answered at once (then "did it help?"); a question it only half
 * recognises gets the closest entries to pick from; a question nothing fits becomes a 咨询 ticket
 * for an agent. Everything else is a problem being reported.
 */
import { detectGreeting, isEmptyMessage, parseChoiceIndex, parseResolved, parseYesNo, stripIntentPrefix } from '../../nlu/dialog/index.js';
import { detectAbuse } from '../../nlu/safety/index.js';
import { MENU, YES_NO } from './choices.js';
import { startReport } from './report-turn.js';
import type { Flow } from './state.js';
import type { KnowledgeMatch, Turn } from './types.js';

type OfferFlow = Extract<Flow, { kind: 'offer' }>;
type FeedbackFlow = Extract<Flow, { kind: 'feedback' }>;

/** The longest message the knowledge base may answer without it reading as a question. */
const SHORT_QUESTION = 40;
const NONE_FITS = /^\s*(都不是|都不对|没有|不是|以上都不是|none|none of these|neither)\s*[。.!！]?\s*$/i;

export function idleTurn(turn: Turn): Flow {
  const { input } = turn;
  if (input.event && !input.text) {
    const name = input.event.name.toLowerCase();
    if (name === 'subscribe' || name === 'conversationupdate' || name === 'start')
      turn.actions.push({ kind: 'say', key: 'welcome', choices: MENU });
    return { kind: 'idle' };
  }
  if (input.kind === 'contact' && !input.text) {
    turn.actions.push({ kind: 'say', key: 'contactLinked' });
    return { kind: 'idle' };
  }
  const text = input.text;
  const hasMaterial = input.photos > 0 || input.location !== undefined || input.untranscribedVoice;
  if (!hasMaterial) {
    if (!text || isEmptyMessage(text)) {
      turn.actions.push({ kind: 'say', key: 'empty', choices: MENU });
      return { kind: 'idle' };
    }
    if (detectGreeting(text)) {
      turn.actions.push({ kind: 'say', key: 'welcome', choices: MENU });
      return { kind: 'idle' };
    }
    const abuse = detectAbuse(text);
    if (abuse.abusive && !abuse.substantive) {
      turn.actions.push({ kind: 'say', key: 'abusive' });
      return { kind: 'idle' };
    }
    const consulted = consult(text, turn);
    if (consulted) return consulted;
  }
  return startReport(text, turn);
}

function consult(text: string, turn: Turn): Flow | undefined {
  const { intent } = stripIntentPrefix(text);
  if (intent === 'report') return undefined;
  const question = intent === 'consult' || looksLikeQuestion(text);
  const knowledge = turn.input.knowledge;
  const best = knowledge?.matches[0];
  if (knowledge?.band === 'answer' && best && (question || text.length <= SHORT_QUESTION)) return answerWith(best, text, turn);
  if (!question) return undefined;
  if (knowledge?.band === 'offer' && knowledge.matches.length > 0) {
    const entries = knowledge.matches.slice(0, 3).map(({ id, question: q, answer }) => ({ id, question: q, answer }));
    turn.actions.push({
      kind: 'say',
      key: 'knowledgeOffer',
      args: { list: entries.map((entry, i) => `${i + 1}. ${entry.question}`).join('\n') },
      choices: [
        ...entries.map((entry, i) => ({ value: `kb:${i + 1}`, text: `${i + 1}. ${clip(entry.question, 20)}` })),
        { label: 'choice.noneOfThese', value: 'none' },
      ],
    });
    return { kind: 'offer', question: text, messageId: turn.input.messageId, entries };
  }
  return consultTicket(text, [turn.input.messageId], turn);
}

export function offerTurn(flow: OfferFlow, turn: Turn): Flow {
  const { text, event } = turn.input;
  const key = event?.key;
  const picked = key?.startsWith('kb:') ? Number(key.slice(3)) - 1 : text ? parseChoiceIndex(text, flow.entries.length) : undefined;
  const entry = picked === undefined ? undefined : flow.entries[picked];
  if (entry) return answerWith({ ...entry, score: 1 }, flow.question, turn, flow.messageId);
  if (key === 'none' || NONE_FITS.test(text)) return consultTicket(flow.question, [flow.messageId, turn.input.messageId], turn);
  return idleTurn(turn);
}

export function feedbackTurn(flow: FeedbackFlow, turn: Turn): Flow {
  const { text, event } = turn.input;
  const key = event?.key;
  const helped = key === 'yes' ? true : key === 'no' ? false : text ? (parseYesNo(text) ?? parseResolved(text)) : undefined;
  if (helped === undefined) return idleTurn(turn);
  turn.actions.push({ kind: 'knowledgeFeedback', entryId: flow.entryId, helpful: helped });
  if (helped) {
    turn.actions.push({ kind: 'say', key: 'knowledgeThanks' });
    return { kind: 'idle' };
  }
  return consultTicket(flow.question, [flow.messageId, turn.input.messageId], turn);
}

function answerWith(entry: KnowledgeMatch, question: string, turn: Turn, messageId = turn.input.messageId): Flow {
  turn.actions.push({ kind: 'say', key: 'knowledgeAnswer', args: { answer: entry.answer, question: entry.question }, choices: YES_NO });
  return { kind: 'feedback', question, messageId, entryId: entry.id };
}

function consultTicket(question: string, messageIds: string[], turn: Turn): Flow {
  turn.actions.push(
    { kind: 'createTicket', purpose: 'consult', description: question, messageIds: [...new Set(messageIds)], flags: [] },
    { kind: 'say', key: 'consultTicketCreated', args: { days: turn.settings.replyDays.consult } },
  );
  return { kind: 'idle' };
}

/**
 * A question asks for information (怎么办理, 需要什么材料, 吗？); rhetorical ones in complaints
 * (为什么没人管, 凭什么) are not consultations.
 */
export function looksLikeQuestion(text: string): boolean {
  if (/为什么|为何|凭什么|怎么回事|怎么还|怎么又|怎么没|怎么能|有没有人管|管不管/.test(text)) return false;
  return (
    /请问|怎么办|怎么(办理|申请|查询|领取|提取|缴纳|报销|预约|开具|补办|认定|处理|弄)|如何|怎样|哪里|哪儿|什么(时候|材料|条件|手续|地方|流程)|多少|多久|能否|是否可以|可以.{0,20}吗|能不能|需要.{0,10}(材料|手续|证明|条件)|吗\s*[?？]?\s*$|[?？]\s*$/.test(
      text,
    ) || /^\s*(how|what|where|when|which|who|can|could|do|does|is|are|should)\b|\?\s*$/i.test(text)
  );
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

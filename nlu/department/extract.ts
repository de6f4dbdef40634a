/**
 * Which unit answered a message, read from the government's reply. Replies name it in a few
 * recognisable places, from most to least reliable: the signature before the closing date, the unit
 * the hotline forwarded the message to, the unit that "investigated" (经…调查), the unit that acted
 * (…迅速/高度重视), and any other named unit. Pure; run over stored replies it yields a labelled
 * set "message → answering unit" for the department classifier.
 */
import { canonicalUnitName, jurisdictionsOf, unitNameAtEnd } from './unit-names.js';

export type EvidenceKind = 'signature' | 'forwarded' | 'investigated' | 'acted' | 'mentioned';

export interface ExtractedUnit {
  /** Canonical name with the jurisdiction prefix, e.g. "A市住房和城乡建设局". */
  name: string;
  /** The name as the reply writes it. */
  raw: string;
  evidence: EvidenceKind;
}

/** Evidence ranks: a higher rank wins; within a rank the signature closest to the end wins, otherwise the first. */
const RANK: Record<EvidenceKind, number> = { signature: 4, forwarded: 3, investigated: 2, acted: 1, mentioned: 0 };

const DATE = String.raw`(?:\d{4}年\d{1,2}月\d{1,2}日|二[〇○零][〇○零一二三四五六七八九十]{2}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)`;
const CLAUSE = String.raw`[^，。；！？：,.;!?:“”"《》、]`;

interface Pattern {
  evidence: EvidenceKind;
  regex: RegExp;
}

const PATTERNS: Pattern[] = [
  { evidence: 'signature', regex: new RegExp(`(${CLAUSE}{2,30}?)${DATE}`, 'gu') },
  {
    evidence: 'forwarded',
    regex: new RegExp(
      `已?(?:转交给?|转至|转由|转给|转到|移交|交由|交给|交至|转)(${CLAUSE}{2,24}?)(?=核|调查|处理|办|进行|研究|答复|回复|依法|负责|落实|[，。；、]|$)`,
      'gu',
    ),
  },
  {
    evidence: 'investigated',
    regex: new RegExp(`经过?(${CLAUSE}{2,24}?)(?:进行了?|迅速|立即|派员|组织|)(?=调查|核实|核查|现场|了解|查实|研究|实地)`, 'gu'),
  },
  { evidence: 'signature', regex: new RegExp(`(${CLAUSE}{2,30}?)(?:回复|答复)[：:]`, 'gu') },
  {
    evidence: 'acted',
    regex: new RegExp(
      `(${CLAUSE}{2,30}?)(?=迅速|立即|高度重视|及时|第一时间|随即|马上|专门|派员|成立了?调查组|组织(?:人员|工作人员|相关))`,
      'gu',
    ),
  },
];

/** A named unit anywhere (companies excluded: replies mostly name them as the party complained about): with its jurisdiction code, or with a bare 市/区/县 right after punctuation. */
const MENTION =
  /(?:(?:中共)?(?:西地省|[A-Z]\d{0,2}[市区县])|(?<=^|[^\p{Script=Han}A-Z0-9])[市区县])\p{Script=Han}{1,16}?(?:委员会|办公室|管委会|人民政府|街道办事处|分局|支队|大队|中心|局|委)/gu;
/** A unit the citizen is told to contact is not the one that answered. */
const REFERRAL = /(?:咨询|联系|致电|前往|到|向|去)$/u;

/** Every unit the reply names, with the evidence for each, in text order. */
export function unitsInReply(reply: string, message = ''): ExtractedUnit[] {
  const text = reply.replace(/\s+/gu, '');
  const where = jurisdictionsOf(message, text);
  const found: (ExtractedUnit & { at: number })[] = [];
  for (const { evidence, regex } of PATTERNS) {
    for (const match of text.matchAll(regex)) {
      const raw = unitNameAtEnd(match[1]!);
      if (raw) found.push({ name: canonicalUnitName(raw, where), raw, evidence, at: match.index + match[0].length });
    }
  }
  for (const match of text.matchAll(MENTION)) {
    if (REFERRAL.test(text.slice(Math.max(0, match.index - 3), match.index))) continue;
    const raw = unitNameAtEnd(match[0]);
    if (raw === match[0]) found.push({ name: canonicalUnitName(raw, where), raw, evidence: 'mentioned', at: match.index });
  }
  return found.sort((a, b) => a.at - b.at).map(({ name, raw, evidence }) => ({ name, raw, evidence }));
}

/** The unit that answered, or undefined when the reply names none (e.g. "您的留言已收悉"). */
export function answeringUnit(reply: string, message = ''): ExtractedUnit | undefined {
  let best: ExtractedUnit | undefined;
  for (const unit of unitsInReply(reply, message)) {
    const better = !best || RANK[unit.evidence] > RANK[best.evidence];
    // A reply may quote an earlier exchange: the last signature is the one that closes it.
    const laterSignature = best?.evidence === 'signature' && unit.evidence === 'signature';
    if (better || laterSignature) best = unit;
  }
  return best;
}

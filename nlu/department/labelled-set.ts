/**
 * A labelled set "message text → answering unit" from messages that carry the government's reply.
 * Pure: rows in, examples out; the caller reads the files.
 */
import { answeringUnit, type EvidenceKind } from './extract.js';

export interface RepliedMessage {
  title?: string;
  detail?: string;
  reply: string;
}

export interface DepartmentExample {
  text: string;
  /** Canonical unit name with its jurisdiction, e.g. "A7县教育局". */
  label: string;
  /** The unit's kind without the place: "{区县}教育局", "{区县}街道办事处" (see {@link unitKind}). */
  kind: string;
  evidence: EvidenceKind;
}

export interface LabelledSetOptions {
  /**
   * Keep only labels read from this kind of evidence or a stronger one. "mentioned" (any unit the
   * reply names) doubles the set but also picks up units the reply only talks about.
   * @defaultValue 'acted'
   */
  weakestEvidence: EvidenceKind;
}

const STRENGTH: EvidenceKind[] = ['mentioned', 'acted', 'investigated', 'forwarded', 'signature'];
const TOWNSHIP_KIND = /(街道办事处|镇人民政府|乡人民政府)$/u;
// "A8县市" (a county-level city) before "A8县", or the 市 would be read as part of the unit's name.
const LEVEL = /^(中共)?(西地省|[A-Z]\d{1,2}县市|[A-Z]\d{0,2}市|[A-Z]\d{1,2}[区县])/u;

export function departmentExamples(rows: readonly RepliedMessage[], options: Partial<LabelledSetOptions> = {}): DepartmentExample[] {
  const weakest = STRENGTH.indexOf(options.weakestEvidence ?? 'acted');
  const found = rows.flatMap((row) => {
    const text = `${row.title ?? ''} ${row.detail ?? ''}`.trim();
    const unit = answeringUnit(row.reply, text);
    if (!text || !unit || STRENGTH.indexOf(unit.evidence) < weakest) return [];
    return [{ text, label: unit.name, evidence: unit.evidence }];
  });
  const resolve = townshipResolver(found.map((example) => example.label));
  return found.map((example) => {
    const label = resolve(example.label);
    return { ...example, label, kind: unitKind(label) };
  });
}

/**
 * A township named without its district ("泉塘街道办事处", when the message names no district) is
 * the same unit as the one prefixed elsewhere in the set ("A7县泉塘街道办事处"), if only one matches.
 */
function townshipResolver(labels: string[]): (label: string) => string {
  const prefixed = [...new Set(labels.filter((label) => LEVEL.test(label)))];
  return (label) => {
    if (LEVEL.test(label) || !TOWNSHIP_KIND.test(label)) return label;
    const matches = prefixed.filter(
      (candidate) => candidate.endsWith(label) && LEVEL.exec(candidate)![0].length + label.length === candidate.length,
    );
    return matches.length === 1 ? matches[0]! : label;
  };
}

/**
 * What kind of unit a canonical name is, without the place: the jurisdiction becomes its level
 * ({省}, {市}, {区县}) and a township's own name is dropped. Kinds are shared across cities, so a
 * classifier over kinds learns from every city's replies; {@link placeUnitKind} puts the place back.
 */
export function unitKind(name: string): string {
  const match = LEVEL.exec(name);
  const party = name.startsWith('中共') ? '中共' : '';
  if (!match) {
    const township = TOWNSHIP_KIND.exec(name);
    return township ? `{区县}${township[1]}` : name;
  }
  const place = match[2]!;
  const level = place === '西地省' ? '{省}' : place.endsWith('市') && !place.endsWith('县市') ? '{市}' : '{区县}';
  const rest = name.slice(match[0].length);
  const township = TOWNSHIP_KIND.exec(rest);
  return party + level + (township && rest.length > township[1]!.length ? township[1] : rest);
}

/** A unit kind placed in the message's jurisdiction: "{区县}教育局" + A7县 → "A7县教育局". */
export function placeUnitKind(kind: string, where: { province?: string; city?: string; district?: string }): string {
  return kind
    .replace('{省}', where.province ?? '{省}')
    .replace('{市}', where.city ?? '{市}')
    .replace('{区县}', where.district ?? '{区县}');
}

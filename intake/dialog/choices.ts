/** Buttons the bot offers, as text keys (the label) and the value a press sends back. */
import type { Language } from '../texts.js';
import type { Choice } from './types.js';

export const MENU: Choice[] = [
  { label: 'choice.report', value: 'report' },
  { label: 'choice.myTickets', value: 'myTickets' },
  { label: 'choice.consult', value: 'consult' },
  { label: 'choice.agent', value: 'agent' },
];

export const YES_NO: Choice[] = [
  { label: 'choice.yes', value: 'yes' },
  { label: 'choice.no', value: 'no' },
];

/** A callback answer names its ticket, so an old button cannot rate a newer ticket. */
export const callbackChoices = (number: string, step: 'resolved' | 'satisfaction'): Choice[] =>
  step === 'resolved'
    ? [
        { label: 'choice.resolved', value: `cb:${number}:res:y` },
        { label: 'choice.unresolved', value: `cb:${number}:res:n` },
      ]
    : [
        { label: 'choice.satisfied', value: `cb:${number}:sat:S` },
        { label: 'choice.basicallySatisfied', value: `cb:${number}:sat:B` },
        { label: 'choice.unsatisfied', value: `cb:${number}:sat:U` },
      ];

export const EMERGENCY_SERVICE: Record<'FIRE' | 'CRIME' | 'MEDICAL' | 'TRAFFIC', Record<Language, string>> = {
  FIRE: { zh: '火警', en: 'fire brigade' },
  CRIME: { zh: '报警', en: 'police' },
  MEDICAL: { zh: '急救', en: 'ambulance' },
  TRAFFIC: { zh: '交通事故报警', en: 'traffic police' },
};

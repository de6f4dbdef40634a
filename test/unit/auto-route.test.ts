import { describe, expect, test } from 'vitest';

import { decideAutoRoute, type AutoRouteCandidate, type AutoRouteDecision, type LeadUnits } from '../../router/auto-route.js';

interface TestCase {
  description: string;
  input: Partial<AutoRouteCandidate>;
  expects: AutoRouteDecision;
}

/** A 派单目录 in which street lights have a lead unit and the orphan category has none. */
const catalogue: LeadUnits = {
  leadDepartment: (code) => (code === 'URBAN.STREETLIGHT' ? { code: 'CITY-URBAN-MGMT' } : undefined),
};

/** A clear report about a street light: routed unless a case changes something. */
const clear: AutoRouteCandidate = {
  status: 'ACCEPTED',
  band: 'AUTO',
  topCategory: { code: 'URBAN.STREETLIGHT', score: 0.97 },
  flags: [],
  urgency: 'NORMAL',
  requestType: 'HELP',
  chosenCategoryCode: null,
};

const routed: AutoRouteDecision = { route: true, categoryCode: 'URBAN.STREETLIGHT', departmentCode: 'CITY-URBAN-MGMT', score: 0.97 };

const cases: TestCase[] = [
  { description: 'a clear report in the AUTO band', input: {}, expects: routed },
  { description: 'a 举报 report in the AUTO band', input: { requestType: 'REPORT' }, expects: routed },
  { description: 'an urgent (not 特急) one', input: { urgency: 'URGENT' }, expects: routed },
  { description: 'a ticket without a request type', input: { requestType: undefined }, expects: routed },
  { description: 'the sender chose the same category', input: { chosenCategoryCode: 'URBAN.STREETLIGHT' }, expects: routed },
  { description: 'the band is SUGGEST', input: { band: 'SUGGEST' }, expects: { route: false, reason: 'not-confident' } },
  { description: 'the band is ABSTAIN', input: { band: 'ABSTAIN' }, expects: { route: false, reason: 'not-confident' } },
  { description: 'there is no suggestion', input: { topCategory: undefined }, expects: { route: false, reason: 'no-suggestion' } },
  {
    description: 'the bot sent the citizen to 119',
    input: { flags: ['emergency:FIRE'] },
    expects: { route: false, reason: 'flagged' },
  },
  { description: 'the citizen asked for a person', input: { flags: ['handoff'] }, expects: { route: false, reason: 'flagged' } },
  { description: 'a flag not known yet', input: { flags: ['vip'] }, expects: { route: false, reason: 'flagged' } },
  { description: 'it is 特急', input: { urgency: 'EXTRA_URGENT' }, expects: { route: false, reason: 'extra-urgent' } },
  { description: 'it is a consultation', input: { requestType: 'CONSULT' }, expects: { route: false, reason: 'consultation' } },
  {
    description: 'the sender chose another category',
    input: { chosenCategoryCode: 'UTIL.WATER' },
    expects: { route: false, reason: 'sender-chose-another-category' },
  },
  {
    description: 'the category has no active lead unit',
    input: { topCategory: { code: 'OTHER.ORPHAN', score: 0.99 } },
    expects: { route: false, reason: 'no-lead-department' },
  },
  {
    description: 'the ticket was already confirmed',
    input: { status: 'PENDING_DISPATCH' },
    expects: { route: false, reason: 'not-accepted' },
  },
  { description: 'the ticket is still a draft', input: { status: 'DRAFT' }, expects: { route: false, reason: 'not-accepted' } },
  {
    description: 'the department model agrees with the 派单目录',
    input: {
      departments: [
        { code: 'CITY-URBAN-MGMT', byText: 0.8 },
        { code: 'DISTRICT-GOV', byText: 0.1 },
      ],
    },
    expects: routed,
  },
  {
    description: 'the department model ranks the lead unit first only after the catalogue-only ones',
    input: {
      departments: [
        { code: 'STREET-OFFICE', byText: 0 },
        { code: 'CITY-URBAN-MGMT', byText: 0.6 },
      ],
    },
    expects: routed,
  },
  {
    description: 'there is no department model (catalogue opinion only)',
    input: { departments: [{ code: 'CITY-URBAN-MGMT', byText: 0 }] },
    expects: routed,
  },
  {
    description: 'the department model puts another unit first',
    input: {
      departments: [
        { code: 'CITY-URBAN-MGMT', byText: 0.3 },
        { code: 'DISTRICT-GOV', byText: 0.6 },
      ],
    },
    expects: { route: false, reason: 'departments-disagree' },
  },
  {
    description: 'it likely repeats an open ticket',
    input: { likelyDuplicateOf: '20261122-0001' },
    expects: { route: false, reason: 'likely-duplicate' },
  },
];

describe('auto-route rule (router/auto-route.ts)', () => {
  const table = cases.map((c) => ({ ...c, verdict: c.expects.route ? 'it is routed' : `it waits for review (${c.expects.reason})` }));
  test.each(table)('when $description, then $verdict', ({ input, expects }) => {
    expect(decideAutoRoute({ ...clear, ...input }, catalogue)).toEqual(expects);
  });
});

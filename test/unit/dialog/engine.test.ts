/**
 * Whole conversations through the pure dialog engine: each case is a script of citizen turns and what
 * the bot must say and do. The same paths run through real channels in test/component/dialog.test.ts.
 */
import { describe, expect, test } from 'vitest';

import { step } from '../../../intake/dialog/engine.js';
import { readState, type DialogState } from '../../../intake/dialog/state.js';
import type { Action, DialogSettings, KnowledgeVerdict, TurnInput } from '../../../intake/dialog/types.js';
import { renderDefault, type TextKey } from '../../../intake/texts.js';

const SETTINGS: DialogSettings = {
  timeoutMs: 30 * 60_000,
  handoffTimeoutMs: 24 * 3_600_000,
  callbackTimeoutMs: 7 * 24 * 3_600_000,
  replyDays: { report: 5, consult: 2 },
};

const ENTRIES = [
  { id: 'kb-permit', question: '居住证怎么办理？', answer: '携带身份证和居住证明到社区服务中心申请，15 个工作日内办结。' },
  { id: 'kb-fund', question: '公积金怎么提取？', answer: '通过公积金中心网站或 APP 申请提取。' },
];

const answer: KnowledgeVerdict = { band: 'answer', matches: [{ ...ENTRIES[0]!, score: 0.9 }] };
const offer: KnowledgeVerdict = { band: 'offer', matches: ENTRIES.map((e, i) => ({ ...e, score: 0.4 - i / 10 })) };
const none: KnowledgeVerdict = { band: 'none', matches: [] };

type Said = Partial<Omit<TurnInput, 'now' | 'messageId'>> & { key?: string; after?: number };

interface Turn {
  /** Plain words, or a richer message. */
  citizen: string | Said;
  /** The bot's texts in order. */
  says: TextKey[];
  /** Actions other than texts, by kind, in order. */
  does?: Action['kind'][];
  flow?: DialogState['flow']['kind'];
  check?: (actions: Action[], state: DialogState) => void;
}

interface Case {
  description: string;
  start?: Partial<DialogState>;
  turns: Turn[];
}

const T0 = Date.parse('2026-11-21T02:00:00Z');

function converse(testCase: Case) {
  let state = readState(testCase.start ?? {});
  let clock = T0;
  testCase.turns.forEach((turn, index) => {
    const said: Said = typeof turn.citizen === 'string' ? { text: turn.citizen } : turn.citizen;
    clock += said.after ?? 5_000;
    const input: TurnInput = {
      now: new Date(clock),
      messageId: `m${index}`,
      kind: said.kind ?? (said.text ? 'text' : said.key ? 'event' : 'text'),
      text: said.text ?? '',
      photos: said.photos ?? 0,
      untranscribedVoice: said.untranscribedVoice ?? false,
      event: said.key ? { name: 'callback', key: said.key } : said.event,
      location: said.location,
      knownPhone: said.knownPhone,
      knowledge: said.knowledge,
      rateLimited: said.rateLimited,
    };
    const result = step(state, input, SETTINGS);
    const texts = result.actions.filter((a) => a.kind === 'say');
    const where = `turn ${index + 1} (${JSON.stringify(turn.citizen)})`;
    expect(
      texts.map((a) => a.key),
      where,
    ).toEqual(turn.says);
    expect(
      result.actions.filter((a) => a.kind !== 'say').map((a) => a.kind),
      where,
    ).toEqual(turn.does ?? []);
    if (turn.flow) expect(result.state.flow.kind, where).toBe(turn.flow);
    // Every text renders with its placeholders filled (the runner adds the ticket number).
    for (const say of texts) {
      const args = { number: '20261121-000001', ticket: '20261121-000001', ...say.args };
      expect(renderDefault(say.key, result.state.language ?? 'zh', args), `${where}: ${say.key}`).not.toMatch(/\{[a-zA-Z]+\}/);
    }
    turn.check?.(result.actions, result.state);
    // The state survives a trip through the database (JSON) unchanged.
    state = readState(JSON.parse(JSON.stringify(result.state)));
    expect(state).toEqual(result.state);
  });
}

const created = (actions: Action[]) => actions.find((a) => a.kind === 'createTicket');

const cases: Case[] = [
  {
    description: 'when a citizen says everything in one message, then the bot asks only for the consent to publish and reads it back',
    turns: [
      { citizen: '人民路128号门口的路灯坏了一个星期了，晚上很黑，电话13812345678', says: ['askPublish'], flow: 'report' },
      { citizen: '同意', says: ['readback'] },
      {
        citizen: '确认',
        says: ['ticketCreated'],
        does: ['createTicket'],
        flow: 'idle',
        check: (actions) => {
          const ticket = created(actions);
          expect(ticket?.kind === 'createTicket' && ticket.draft).toMatchObject({
            phone: '13812345678',
            consentContact: true,
            publish: true,
          });
          expect(ticket?.kind === 'createTicket' && ticket.draft?.where).toContain('人民路128号');
          expect(ticket?.kind === 'createTicket' && ticket.messageIds).toEqual(['m0', 'm1', 'm2']);
        },
      },
    ],
  },
  {
    description: 'when a citizen answers step by step, then each missing item is asked once, in order',
    turns: [
      { citizen: '我要反映问题', says: ['askWhat'] },
      { citizen: '垃圾堆了三天没人清理，臭气熏天', says: ['askWhere'] },
      {
        citizen: { kind: 'location', location: { lat: 28.2, lng: 112.9, datum: 'GCJ02', label: '幸福小区北门' } },
        says: ['locationSaved', 'askContact'],
      },
      { citizen: '13912345678', says: ['askPublish'] },
      { citizen: '不同意', says: ['readback'] },
      {
        citizen: { key: 'confirm' },
        says: ['ticketCreated'],
        does: ['createTicket'],
        check: (actions) => {
          const ticket = created(actions);
          expect(ticket?.kind === 'createTicket' && ticket.draft).toMatchObject({ where: '幸福小区北门', lat: 28.2, publish: false });
        },
      },
    ],
  },
  {
    description: 'when photos arrive in the middle of a report, then they are counted and the question is asked again',
    turns: [
      { citizen: '路面塌了一个大坑，车辆经过很危险', says: ['askWhere'] },
      {
        citizen: { kind: 'image', photos: 2 },
        says: ['photoReceived', 'askWhere'],
        check: (_a, s) => expect(s.flow).toMatchObject({ draft: { photos: 2 } }),
      },
      { citizen: '跳过', says: ['askContact'] },
      { citizen: '不留', says: ['askPublish'] },
      { citizen: '否', says: ['readback'] },
    ],
  },
  {
    description: 'when the channel vouches for a number (SMS), then the bot asks whether it may be used instead of asking for one',
    turns: [
      { citizen: { text: '幸福路3号楼下水管爆了，水流了一地', knownPhone: '13700001111' }, says: ['askContactConsent'] },
      {
        citizen: { text: '是', knownPhone: '13700001111' },
        says: ['askPublish'],
        check: (_a, s) => expect(s.flow).toMatchObject({ draft: { phone: '13700001111', consentContact: true } }),
      },
    ],
  },
  {
    description: 'when the contact number is not a phone number, then the bot says so and asks again',
    turns: [
      { citizen: '幸福路3号楼下水管爆了，水流了一地', says: ['askContact'] },
      { citizen: '12345', says: ['invalidPhone', 'askContact'] },
      { citizen: '0731-84561234', says: ['askPublish'] },
    ],
  },
  {
    description: 'when the citizen edits the place at the read-back, then only the place is asked again',
    turns: [
      { citizen: '幸福路1号的井盖丢了，很危险', says: ['askContact'] },
      { citizen: '不留', says: ['askPublish'] },
      { citizen: '同意', says: ['readback'] },
      { citizen: '修改', says: ['askEditWhich'] },
      { citizen: '2', says: ['askWhere'] },
      { citizen: '幸福路2号', says: ['readback'], check: (_a, s) => expect(s.flow).toMatchObject({ draft: { where: '幸福路2号' } }) },
    ],
  },
  {
    description: 'when the citizen cancels or restarts, then the report is dropped',
    turns: [
      { citizen: '幸福路1号的井盖丢了，很危险', says: ['askContact'] },
      { citizen: '取消', says: ['cancelled'], flow: 'idle' },
      { citizen: '我要投诉', says: ['askWhat'], flow: 'report' },
      { citizen: '重新开始', says: ['welcome'], flow: 'idle' },
    ],
  },
  {
    description: 'when a half-told report goes quiet past the time-out, then it is dropped and the new message starts afresh',
    turns: [
      { citizen: '我要反映问题', says: ['askWhat'] },
      { citizen: '噪音扰民，每天晚上十二点还在施工', says: ['askWhere'] },
      { citizen: { text: '你好', after: 31 * 60_000 }, says: ['timedOut', 'welcome'], flow: 'idle' },
    ],
  },
  {
    description:
      'when the citizen asks for a person, then what they said becomes a ticket for agents and the bot keeps quiet until the end',
    turns: [
      { citizen: '噪音扰民，每天晚上十二点还在施工', says: ['askWhere'] },
      {
        citizen: '转人工',
        says: ['handoff'],
        does: ['createTicket'],
        flow: 'human',
        check: (actions) =>
          expect(created(actions)).toMatchObject({
            purpose: 'handoff',
            flags: ['handoff'],
            description: '噪音扰民，每天晚上十二点还在施工',
          }),
      },
      { citizen: '在吗？我等了很久了', says: [], does: ['joinTicket'], flow: 'human' },
      { citizen: '结束', says: ['handoffEnded'], does: ['endHandoff'], flow: 'idle' },
    ],
  },
  {
    description: 'when a message describes an emergency, then the number to call comes at once and a flagged ticket is filed',
    turns: [
      {
        citizen: '楼下着火了！浓烟很大',
        says: ['emergency'],
        does: ['createTicket'],
        check: (actions) => {
          expect(created(actions)).toMatchObject({ purpose: 'emergency', flags: ['emergency:FIRE'] });
          expect(actions.find((a) => a.kind === 'say')).toMatchObject({ args: { number: '119' } });
        },
      },
    ],
  },
  {
    description: 'when an emergency comes in the middle of a report, then the report stays where it was',
    turns: [
      { citizen: '我要反映问题', says: ['askWhat'] },
      { citizen: '有人晕倒了，没有呼吸', says: ['emergency'], does: ['createTicket'], flow: 'report' },
    ],
  },
  {
    description: 'when a message is only abuse, empty or a greeting, then the bot answers politely and files nothing',
    turns: [
      { citizen: '傻逼', says: ['abusive'], flow: 'idle' },
      { citizen: '？？？', says: ['empty'] },
      { citizen: '你好', says: ['welcome'] },
      { citizen: { kind: 'event', event: { name: 'subscribe' } }, says: ['welcome'] },
    ],
  },
  {
    description: 'when a citizen asks about progress, then the bot looks up the number or their tickets',
    turns: [
      { citizen: '20261121-000001 办得怎么样了', says: [], does: ['showStatus'] },
      { citizen: '我的工单', says: [], does: ['listTickets'] },
      { citizen: { key: 'myTickets' }, says: [], does: ['listTickets'] },
    ],
  },
  {
    description: 'when the knowledge base knows the answer, then the bot answers and records whether it helped',
    turns: [
      { citizen: { text: '居住证怎么办理？', knowledge: answer }, says: ['knowledgeAnswer'], flow: 'feedback' },
      {
        citizen: '是',
        says: ['knowledgeThanks'],
        does: ['knowledgeFeedback'],
        flow: 'idle',
        check: (actions) => expect(actions[0]).toEqual({ kind: 'knowledgeFeedback', entryId: 'kb-permit', helpful: true }),
      },
    ],
  },
  {
    description: 'when the answer did not help, then the question becomes a consultation ticket',
    turns: [
      { citizen: { text: '居住证怎么办理？', knowledge: answer }, says: ['knowledgeAnswer'] },
      {
        citizen: '没有解决',
        says: ['consultTicketCreated'],
        does: ['knowledgeFeedback', 'createTicket'],
        check: (actions) =>
          expect(created(actions)).toMatchObject({ purpose: 'consult', description: '居住证怎么办理？', messageIds: ['m0', 'm1'] }),
      },
    ],
  },
  {
    description: 'when the knowledge base is unsure, then it offers the closest entries and answers the one picked',
    turns: [
      { citizen: { text: '请问证件怎么办？', knowledge: offer }, says: ['knowledgeOffer'], flow: 'offer' },
      {
        citizen: '2',
        says: ['knowledgeAnswer'],
        flow: 'feedback',
        check: (actions) => expect(actions[0]).toMatchObject({ args: { answer: ENTRIES[1]!.answer } }),
      },
    ],
  },
  {
    description: 'when none of the offered entries fits, or nothing does, then an agent gets a consultation ticket',
    turns: [
      { citizen: { text: '请问证件怎么办？', knowledge: offer }, says: ['knowledgeOffer'] },
      { citizen: { key: 'none' }, says: ['consultTicketCreated'], does: ['createTicket'] },
      { citizen: { text: '请问养犬登记需要什么材料？', knowledge: none }, says: ['consultTicketCreated'], does: ['createTicket'] },
    ],
  },
  {
    description: 'when a complaint resembles a knowledge-base entry, then it is still a report',
    turns: [
      { citizen: { text: '为什么居住证办了两个月还没办下来，社区工作人员推来推去', knowledge: offer }, says: ['askWhere'], flow: 'report' },
    ],
  },
  {
    description: 'when a ticket was answered, then the citizen rates it: resolved, then satisfaction',
    start: { callback: { ticketId: 't1', number: '20261121-000007', step: 'resolved', askedAt: new Date(T0).toISOString() } },
    turns: [
      {
        citizen: '已解决',
        says: ['callbackAskSatisfaction'],
        does: ['recordCallback'],
        check: (actions) => expect(actions[0]).toEqual({ kind: 'recordCallback', ticketId: 't1', resolved: true }),
      },
      {
        citizen: '2',
        says: ['callbackThanks'],
        does: ['recordCallback'],
        check: (actions, state) => {
          expect(actions[0]).toEqual({ kind: 'recordCallback', ticketId: 't1', satisfaction: 'BASICALLY_SATISFIED' });
          expect(state.callback).toBeUndefined();
        },
      },
    ],
  },
  {
    description: 'when the citizen is not satisfied, then the bot takes their reason; buttons name the ticket',
    start: { callback: { ticketId: 't1', number: '20261121-000007', step: 'resolved', askedAt: new Date(T0).toISOString() } },
    turns: [
      { citizen: { key: 'cb:20261121-000007:res:n' }, says: ['callbackAskSatisfaction'], does: ['recordCallback'] },
      { citizen: { key: 'cb:20261121-000009:sat:S' }, says: [], flow: 'idle' },
      { citizen: '不满意', says: ['callbackThanksUnsatisfied'], does: ['recordCallback'] },
      {
        citizen: '路灯修了两天又坏了',
        says: ['callbackCommentSaved'],
        does: ['recordCallback'],
        check: (actions) => expect(actions[0]).toMatchObject({ comment: '路灯修了两天又坏了' }),
      },
    ],
  },
  {
    description: 'when a citizen writes in English, then the bot answers in English',
    turns: [
      {
        citizen: 'The street light at 12 Renmin Road has been broken for a week',
        says: ['askContact'],
        check: (_a, state) => expect(state.language).toBe('en'),
      },
      { citizen: 'no', says: ['askPublish'], check: (_a, state) => expect(state.language).toBe('en') },
    ],
  },
  {
    description: 'when a citizen sends too many messages, then they are told once and the rest are kept unanswered',
    turns: [
      { citizen: { text: '路灯坏了，幸福路口', rateLimited: 'notify' }, says: ['rateLimited'], flow: 'idle' },
      { citizen: { text: '路灯坏了，幸福路口', rateLimited: 'silent' }, says: [] },
    ],
  },
  {
    description: 'when a voice note cannot be transcribed, then it stands for the description and the bot asks where',
    turns: [{ citizen: { kind: 'voice', untranscribedVoice: true }, says: ['voiceSaved', 'askWhere'], flow: 'report' }],
  },
];

describe('the citizen bot, turn by turn', () => {
  test.each(cases)('$description', (testCase) => converse(testCase));
});

/**
 * The citizen bot end to end: every dialog path as a script, run through three real channels (web
 * chat, WeChat official account against its fake server, Telegram against its fake Bot API) on the
 * embedded default and on PostgreSQL + Redis. Each script talks as a new citizen and then checks
 * what the database holds.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { APP_ID, APP_SECRET } from '../fixtures/wechat/requests.js';
import { TELEGRAM_TOKEN } from '../fixtures/telegram/updates.js';
import { createAgent } from '../helpers/actors.js';
import { startTestApp, type TestApp } from '../helpers/backend.js';
import { telegramDriver, webDriver, weChatDriver, type Citizen, type Driver, type Utterance } from '../helpers/dialog-drivers.js';
import { startFakeTelegram, type FakeTelegram } from '../helpers/fakes/telegram.js';
import { startFakeWeChat, type FakeWeChat } from '../helpers/fakes/wechat.js';
import { http, waitFor } from '../helpers/http.js';

let app: TestApp;
let wechat: FakeWeChat;
let telegram: FakeTelegram;
let agent: { token: string };

interface Context {
  app: TestApp;
  citizen: Citizen;
  agentToken: string;
  /** The last ticket number the bot told the citizen. */
  number?: string;
}

interface Step {
  /** What the citizen sends (worked out from what was said so far); or an agent acts and the bot passes something on. */
  send?: Utterance | ((ctx: Context) => Utterance);
  agent?: (ctx: Context) => Promise<void>;
  /** Every pattern must match the bot's answer (0 replies: the bot must stay quiet). */
  expect: RegExp[];
  replies?: number;
  /** Buttons the answer must offer, by label. */
  buttons?: string[];
}

interface Script {
  description: string;
  steps: Step[];
  check?: (ctx: Context) => Promise<void>;
}

const ticketOf = (ctx: Context) =>
  app.db.prisma.ticket.findUniqueOrThrow({ where: { number: ctx.number! }, include: { messages: { include: { attachments: true } } } });

const agentAnswers =
  (answer: string, save = false) =>
  async (ctx: Context) => {
    const ticket = await ticketOf(ctx);
    const response = await http(`${app.url}/api/v1/tickets/${ticket.id}/review`, {
      body: { action: 'answer', answer, ...(save ? { saveToKnowledge: {} } : {}) },
      token: ctx.agentToken,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  };

const scripts: Script[] = [
  {
    description: 'a report told step by step, with a shared location and buttons, becomes a ticket',
    steps: [
      { send: '我要反映问题', expect: [/请描述您遇到的问题/] },
      { send: '小区门口垃圾堆了三天没人清理，臭气熏天', expect: [/问题发生在哪里/], buttons: ['跳过'] },
      { send: { location: { lat: 28.19, lng: 112.97, label: '幸福小区北门' } }, expect: [/已记录地点/, /联系电话/] },
      { send: '13912345678', expect: [/是否同意.*公开/], buttons: ['同意', '不同意'] },
      { send: { choice: '不同意' }, expect: [/请核对您的诉求/, /139\*\*\*\*5678/, /公开：不公开/], buttons: ['确认提交', '修改', '取消'] },
      { send: { choice: '确认提交' }, expect: [/诉求已受理，工单号 \d{8}-\d{6}/, /5 个工作日/] },
    ],
    check: async (ctx) => {
      const ticket = await ticketOf(ctx);
      expect(ticket).toMatchObject({
        status: 'ACCEPTED',
        consentContact: true,
        consentPublish: false,
        description: '小区门口垃圾堆了三天没人清理，臭气熏天',
      });
      expect(ticket.lat).toBeCloseTo(28.19, 2);
      // Every message of the conversation joined the ticket.
      expect(ticket.messages.filter((m) => m.direction === 'INBOUND').length).toBe(6);
    },
  },
  {
    description: 'a report said in one message gets only the missing questions; a photo on the way is attached',
    steps: [
      { send: '人民路128号门口的路灯坏了一个星期了，晚上很黑，电话13812345678', expect: [/公开/] },
      { send: { photo: true }, expect: [/已收到照片（共 1 张）/, /公开/] },
      { send: '同意', expect: [/请核对/, /人民路128号/, /照片：1 张/] },
      { send: '确认', expect: [/工单号 \d{8}-\d{6}/] },
    ],
    check: async (ctx) => {
      const ticket = await ticketOf(ctx);
      expect(ticket).toMatchObject({ consentContact: true, consentPublish: true });
      expect(ticket.locationText).toContain('人民路128号');
      await waitFor(
        async () => (await ticketOf(ctx)).messages.flatMap((m) => m.attachments).some((a) => a.kind === 'image' && a.storageKey),
        20_000,
        'the photo stored',
      );
    },
  },
  {
    description: 'an emergency gets the number to call at once; progress is shown for own tickets only',
    steps: [
      { send: '楼下着火了！浓烟很大', expect: [/119/, /工单号 \d{8}-\d{6}/] },
      { send: '我的工单', expect: [/您最近的工单/, /已受理/] },
      { send: '20200101-000001', expect: [/没有找到您提交的工单 20200101-000001/] },
    ],
    check: async (ctx) => {
      const ticket = await ticketOf(ctx);
      expect(ticket).toMatchObject({ urgency: 'EXTRA_URGENT', flags: ['emergency:FIRE'] });
    },
  },
  {
    description: 'a consultation is answered from the knowledge base; an unhelpful answer goes to an agent, whose answer is rated',
    steps: [
      { send: '请问居住证怎么办理？', expect: [/社区服务中心/, /是否解决/], buttons: ['是', '否'] },
      { send: '没有解决', expect: [/咨询已记录（工单号 \d{8}-\d{6}）/] },
      {
        agent: agentAnswers('带身份证、租房合同到所在社区服务中心办理，当场受理。', true),
        expect: [/已办理完毕/, /当场受理/, /是否已解决/],
        buttons: ['已解决', '未解决'],
      },
      { send: { choice: '已解决' }, expect: [/是否满意/], buttons: ['满意', '基本满意', '不满意'] },
      { send: '满意', expect: [/感谢您的评价/] },
    ],
    check: async (ctx) => {
      const ticket = await ticketOf(ctx);
      expect(ticket).toMatchObject({ status: 'CLOSED_DIRECT', requestType: 'CONSULT', resolved: true, satisfaction: 'SATISFIED' });
      const saved = await app.db.prisma.knowledgeEntry.findFirst({ where: { ticketId: ticket.id } });
      expect(saved).toMatchObject({ source: 'AGENT', answer: '带身份证、租房合同到所在社区服务中心办理，当场受理。' });
    },
  },
  {
    description: 'abuse is answered politely, cancel drops a report, and "人工" hands the citizen to an agent and back',
    steps: [
      { send: '傻逼', expect: [/文明表达/] },
      { send: '我要投诉', expect: [/请描述/] },
      { send: '取消', expect: [/已取消/] },
      { send: '人工', expect: [/转接人工客服（工单号 \d{8}-\d{6}）/] },
      { send: '我等你们回复', expect: [], replies: 0 },
      {
        agent: async (ctx) => {
          const ticket = await ticketOf(ctx);
          const sent = await http(`${app.url}/api/v1/tickets/${ticket.id}/messages`, {
            body: { text: '您好，我是客服小王，请问有什么可以帮您？', clientMessageId: crypto.randomUUID() },
            token: ctx.agentToken,
          });
          expect(sent.status).toBe(201);
        },
        expect: [/客服小王/],
      },
      {
        agent: async (ctx) => {
          const ticket = await ticketOf(ctx);
          expect((await http(`${app.url}/api/v1/tickets/${ticket.id}/handoff/end`, { method: 'POST', token: ctx.agentToken })).status).toBe(
            204,
          );
        },
        expect: [/人工服务已结束/],
      },
      { send: '你好', expect: [/12345 政务服务便民热线/] },
    ],
    check: async (ctx) => {
      const ticket = await ticketOf(ctx);
      expect(ticket.flags).toEqual(['handoff']);
      expect(ticket.messages.map((m) => m.text)).toContain('我等你们回复');
      expect(
        await app.db.prisma.ticket.count({ where: { citizen: { identities: { some: { channelUserId: ctx.citizen.channelUserId } } } } }),
      ).toBe(1);
    },
  },
  {
    description: 'a report merged into the earlier one (并单) is followed through that ticket',
    steps: [
      { send: '人民路128号门口的路灯坏了一个星期了，晚上很黑，电话13812345678', expect: [/公开/] },
      { send: '同意', expect: [/请核对/] },
      { send: '确认', expect: [/工单号 \d{8}-\d{6}/] },
      { send: '人民路128号门口的路灯还是不亮，晚上很黑，电话13812345678', expect: [/公开/] },
      { send: '同意', expect: [/请核对/] },
      { send: '确认', expect: [/工单号 \d{8}-\d{6}/] },
      {
        agent: async (ctx) => {
          const [first, repeat] = await app.db.prisma.ticket.findMany({
            where: { citizen: { identities: { some: { channelUserId: ctx.citizen.channelUserId } } } },
            orderBy: { createdAt: 'asc' },
          });
          expect(repeat!.number).toBe(ctx.number);
          const response = await http(`${app.url}/api/v1/tickets/${repeat!.id}/review`, {
            body: { action: 'merge', duplicateOf: first!.number },
            token: ctx.agentToken,
          });
          expect(response.status, JSON.stringify(response.body)).toBe(200);
        },
        expect: [/已并入该工单一并办理/],
      },
      { send: (ctx) => ctx.number!, expect: [/已并入工单 \d{8}-\d{6} 一并办理，该工单目前已受理/] },
    ],
  },
  {
    description: 'a citizen writing English is answered in English',
    steps: [
      { send: 'The street light at 12 Renmin Road has been broken for a week', expect: [/phone number/i] },
      { send: 'no', expect: [/publish/i] },
      { send: 'yes', expect: [/check your request/i] },
      { send: 'confirm', expect: [/registered as ticket \d{8}-\d{6}/] },
    ],
  },
];

const drivers: Driver[] = [webDriver, weChatDriver(() => wechat), telegramDriver(() => telegram)];

beforeAll(async () => {
  wechat = await startFakeWeChat({ appId: APP_ID, appSecret: APP_SECRET });
  telegram = await startFakeTelegram(TELEGRAM_TOKEN);
  app = await startTestApp({ env: Object.assign({}, ...drivers.map((d) => d.env())) });
  agent = await createAgent(app.url);
  await app.db.prisma.knowledgeEntry.create({
    data: {
      question: '居住证怎么办理？',
      alternates: ['办理居住证需要什么材料', '怎么申请居住证'],
      answer: '携带身份证和居住证明到居住地社区服务中心申请，15 个工作日内办结。',
    },
  });
});

afterAll(async () => {
  await app?.close();
  await wechat?.close();
  await telegram?.close();
});

describe.each(drivers.map((driver) => ({ driver, channel: driver.channel })))('the citizen bot on $channel', ({ driver }) => {
  test.each(scripts)('$description', async (script) => {
    const ctx: Context = { app, citizen: await driver.citizen(app.url), agentToken: agent.token };
    for (const [index, step] of script.steps.entries()) {
      if (step.send !== undefined) await ctx.citizen.send(typeof step.send === 'function' ? step.send(ctx) : step.send);
      else await step.agent!(ctx);
      const replies = step.replies === 0 ? await ctx.citizen.silence() : await ctx.citizen.replies(step.replies ?? 1);
      const text = replies.map((r) => r.text).join('\n');
      const where = `step ${index + 1} (${JSON.stringify(step.send ?? 'agent')}): the bot said ${JSON.stringify(text)}`;
      if (step.replies === 0) expect(replies, where).toEqual([]);
      for (const pattern of step.expect) expect(text, where).toMatch(pattern);
      if (step.buttons && driver.channel !== 'sms') {
        expect(
          replies.at(-1)?.choices.map((c) => c.label),
          where,
        ).toEqual(expect.arrayContaining(step.buttons));
      }
      ctx.number = /(?:工单号|ticket) (\d{8}-\d{6})/i.exec(text)?.[1] ?? ctx.number;
    }
    await script.check?.(ctx);
  });
});

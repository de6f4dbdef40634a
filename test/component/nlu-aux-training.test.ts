/**
 * Request type, urgency and department are learnt from agents' decisions, as a product feature:
 * agents confirm tickets with the type, urgency and unit the keyword rules and the 派单目录 get wrong,
 * an admin trains and activates a version, and the next such message is suggested what the agents
 * decided. The version's metrics say which models answer and how they did in cross-validation.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { apiMessage, createAgent, createApiKey } from '../helpers/actors.js';
import { BOOTSTRAP_TOKEN, startTestApp, type TestApp } from '../helpers/backend.js';
import { http, waitFor } from '../helpers/http.js';
import { trainThroughApi } from '../helpers/training.js';

let app: TestApp;
let key: string;
let agent: string;
const admin = BOOTSTRAP_TOKEN;

beforeAll(async () => {
  app = await startTestApp();
  key = await createApiKey(app.url);
  agent = (await createAgent(app.url)).token;
});
afterAll(async () => app?.close());

// In this city "随手拍" photo reports are 举报 for the 和平 street office, and "帮办代办" requests are
// 求助, 较急, for the 新华 street office. The rules read both as OTHER / NORMAL, and the catalogue sends
// them to city bureaus by category. Each group spans two categories with different lead units.
const PHOTO_REPORTS = [
  '随手拍：和平街道光明路口的共享单车倒了一地',
  '随手拍：和平街道幸福里小区门口堆着建筑垃圾',
  '随手拍：和平街道朝阳巷有人在绿化带里种菜',
  '随手拍：和平街道文化广场的树被砍了好几棵',
  '随手拍：和平街道光明路的广告横幅挂了半年',
  '随手拍：和平街道菜市场后门的草坪被踩秃了',
  '随手拍：和平街道向阳小区门口的垃圾没人清',
  '随手拍：和平街道胜利路边的花坛被挖了',
];
const ERRANDS = [
  '帮办代办：新华街道的王大爷腿脚不便，居住证续签请社区上门',
  '帮办代办：新华街道李阿姨要办社保卡，家里没人陪同',
  '帮办代办：新华街道张奶奶的养老金认证不会用手机',
  '帮办代办：新华街道刘大爷要换社保卡，行动不方便',
  '帮办代办：新华街道陈阿姨想办养老服务补贴，看不懂表格',
  '帮办代办：新华街道周大爷的高龄津贴申请表需要代填',
  '帮办代办：新华街道吴奶奶要办医保转移，腿脚不好出不了门',
  '帮办代办：新华街道孙先生刚出院，社保报销需要上门办理',
];
// Routed to a unit that closes before the training: it must not be learned.
const SCIENCE_PARK = [
  '科创服务：创新街道的孵化器想了解入驻补贴',
  '科创服务：创新街道有家初创公司问人才公寓怎么申请',
  '科创服务：创新街道的实验室想申请用电增容',
  '科创服务：创新街道企业问研发费用加计扣除',
  '科创服务：创新街道创业团队想找共享办公场地',
];

interface Decision {
  text: string;
  categoryCode: string;
  departmentCode: string;
  requestType: string;
  urgency: string;
}

const alternate = (i: number, a: string, b: string) => (i % 2 === 0 ? a : b);
const DECISIONS: Decision[] = [
  ...PHOTO_REPORTS.map((text, i) => ({
    text,
    categoryCode: alternate(i, 'URBAN.SANITATION', 'URBAN.GREENING'),
    departmentCode: 'D01-S01',
    requestType: 'REPORT',
    urgency: 'NORMAL',
  })),
  ...ERRANDS.map((text, i) => ({
    text,
    categoryCode: alternate(i, 'CIVIL.ELDERLY_CARE', 'LABOR.SOCIAL_INSURANCE'),
    departmentCode: 'D02-S01',
    requestType: 'HELP',
    urgency: 'PRIORITY',
  })),
  ...SCIENCE_PARK.map((text) => ({
    text,
    categoryCode: 'GOV.APPROVAL',
    departmentCode: 'D03-S01',
    requestType: 'CONSULT',
    urgency: 'NORMAL',
  })),
];

/** A citizen's message through intake, and its ticket once it waits for review. */
async function ticketFor(text: string) {
  const sent = await http(`${app.url}/api/v1/intake/messages`, { body: apiMessage({ text }), token: key });
  expect(sent.status).toBe(202);
  return waitFor(async () => {
    const message = await app.db.prisma.message.findUnique({
      where: { id: sent.body.id },
      include: { ticket: { include: { suggestions: { orderBy: { createdAt: 'desc' }, take: 1 } } } },
    });
    return message?.ticket ?? undefined;
  }, 20_000);
}

const refresh = async (provider: unknown) => (provider as { refresh(): Promise<void> }).refresh();

describe('request type, urgency and department learnt from agents', () => {
  test('when agents decided differently from the rules and the catalogue, then a trained version suggests what they decided', async () => {
    // Arrange: agents confirm each ticket with their own type, urgency and unit.
    for (const decision of DECISIONS) {
      const ticket = await ticketFor(decision.text);
      const { text: _text, ...choice } = decision;
      const reviewed = await http(`${app.url}/api/v1/tickets/${ticket.id}/review`, {
        body: { action: 'confirm', ...choice },
        token: agent,
      });
      expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    }
    // The science park's street office closes: its decisions still teach type and urgency, not the unit.
    await app.db.prisma.department.update({ where: { code: 'D03-S01' }, data: { active: false } });
    await refresh(app.runtime.deps.catalogue);

    // Act: the admin trains on the agents' decisions and activates the version.
    const ready = await trainThroughApi(app.url, admin, { sources: ['REVIEW'], activate: 'always' });
    await refresh(app.runtime.deps.classifier);
    expect(app.runtime.deps.classifier.current()?.version).toBe(ready.version);

    // Assert: the version's metrics show the auxiliary evaluation.
    const { auxiliary } = ready.metrics;
    expect(auxiliary.requestType).toMatchObject({
      examples: 21,
      perLabel: { REPORT: 8, HELP: 8, CONSULT: 5 },
      answers: 'model',
      reason: 'model-better',
      crossValidation: { examples: 21, folds: 5 },
    });
    expect(auxiliary.requestType.crossValidation.model.accuracy).toBeGreaterThan(auxiliary.requestType.crossValidation.rules.accuracy);
    expect(auxiliary.requestType.crossValidation.model.macroF1).toBeGreaterThan(auxiliary.requestType.crossValidation.rules.macroF1);
    expect(auxiliary.urgency).toMatchObject({ perLabel: { NORMAL: 13, PRIORITY: 8 }, answers: 'model' });
    expect(auxiliary.department).toMatchObject({
      trained: true,
      learned: ['D01-S01', 'D02-S01'],
      perLabel: { 'D01-S01': 8, 'D02-S01': 8 },
      crossValidation: { examples: 16, folds: 5, accuracy: expect.any(Number), macroF1: expect.any(Number) },
    });
    // The list of versions says the same in a line, so an admin chooses without opening each.
    const listed = (await http(`${app.url}/api/v1/nlu/models`, { token: admin })).body.items.find(
      (item: { id: string }) => item.id === ready.id,
    );
    expect(listed.summary).toMatchObject({
      requestType: { answers: 'model', macroF1: auxiliary.requestType.crossValidation.model.macroF1 },
      urgency: { answers: 'model' },
      department: { trained: true, macroF1: auxiliary.department.crossValidation.macroF1 },
    });

    // A new photo report gets 举报 and the 和平 street office first, and the 举报 keeps its reporter confidential.
    const report = await ticketFor('随手拍：和平街道建设路口的垃圾桶被推倒了，垃圾撒了一地');
    const suggested = report.suggestions[0]!;
    expect(suggested.modelVersion).toBe(ready.version);
    expect((suggested.requestType as { value: string }[])[0]!.value).toBe('REPORT');
    expect(report).toMatchObject({ requestType: 'REPORT', reporterConfidential: true });
    const departments = suggested.departments as { code: string; score: number; byText: number; byCatalogue: number }[];
    expect(departments[0]).toMatchObject({ code: 'D01-S01', name: '东城区和平街道办事处' });
    expect(departments[0]!.byText).toBeGreaterThan(0.5);
    // The catalogue's opinion is still there, for the agent to see.
    expect(departments.some((department) => department.byCatalogue > 0)).toBe(true);

    // A new errand gets 求助, 较急 and the 新华 street office.
    const errand = await ticketFor('帮办代办：新华街道钱大爷的退休证丢了，需要社区上门补办');
    expect(errand).toMatchObject({ requestType: 'HELP', urgency: 'PRIORITY' });
    expect((errand.suggestions[0]!.departments as { code: string }[])[0]!.code).toBe('D02-S01');
    // The closed unit is never suggested, even for its own kind of message.
    const science = await ticketFor('科创服务：创新街道的公司想问高新技术企业认定');
    expect((science.suggestions[0]!.departments as { code: string }[]).map((d) => d.code)).not.toContain('D03-S01');
  }, 240_000);
});

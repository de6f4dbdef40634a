import { describe, expect, test } from 'vitest';

import { scoreRequestType } from '../../../../nlu/rules/request-type.js';
import { scoreUrgency } from '../../../../nlu/rules/urgency.js';
import { normalizeText } from '../../../../nlu/text/normalize.js';
import { HAND_LABELLED } from './fixtures/hand-labelled.js';

const typeOf = (text: string) => scoreRequestType(normalizeText(text))[0]!.value;
const urgencyOf = (text: string) => scoreUrgency(normalizeText(text))[0]!.value;

describe('request type rules: the types agents confuse', () => {
  test.each([
    { text: '有人在河边偷排污水，请查处', expects: 'REPORT', why: 'law-breaking, whoever it affects' },
    { text: '楼下KTV每晚噪音扰民，投诉多次没人管', expects: 'COMPLAINT', why: 'a nuisance affecting the writer' },
    { text: '请问灵活就业人员怎么办理医保？', expects: 'CONSULT', why: 'asks for information' },
    { text: '家里停水两天了，请帮忙联系维修', expects: 'HELP', why: 'practical help for oneself' },
    { text: '建议在学校门口增设减速带', expects: 'SUGGEST', why: 'proposes a change' },
    { text: '表扬环卫工人拾金不昧', expects: 'PRAISE', why: 'praises' },
    { text: '为什么拖欠了三个月工资还不给？', expects: 'COMPLAINT', why: 'a rhetorical question is not a question' },
    { text: '谢谢', expects: 'OTHER', why: 'courtesy alone is not praise' },
  ])('when the text is "$text" ($why), then the type is $expects', ({ text, expects }) => {
    expect(typeOf(text)).toBe(expects);
  });
});

describe('urgency rules: safety cues come first', () => {
  test.each([
    { text: '厨房有很浓的煤气味', expects: 'EXTRA_URGENT' },
    { text: '老楼的阳台突然垮塌了', expects: 'EXTRA_URGENT' },
    { text: '有人被困在电梯里', expects: 'EXTRA_URGENT' },
    { text: '暴雨后小区被淹了', expects: 'EXTRA_URGENT' },
    { text: '小孩差点掉进没有盖的窨井', expects: 'EXTRA_URGENT' },
    { text: '独居老人在家摔倒了没人照顾', expects: 'EXTRA_URGENT' },
    { text: '零下三度暖气还是不热', expects: 'EXTRA_URGENT' },
    { text: '小区停电了', expects: 'URGENT' },
    { text: '高压线离楼太近，一旦触电后果严重', expects: 'NORMAL' },
    { text: '征地补偿款多年来一直没有到位，多次上访', expects: 'COMPLEX' },
  ])('when the text is "$text", then the urgency is $expects', ({ text, expects }) => {
    expect(urgencyOf(text)).toBe(expects);
  });

  test('when a danger is only feared, then it is not an emergency', () => {
    expect(urgencyOf('电线乱拉极易引发火灾')).not.toBe('EXTRA_URGENT');
  });
});

describe('rules on the hand-labelled messages written for suqiu', () => {
  // A regression guard: a rule change that loses more than a few of these shows up here; the bench prints the full figures.
  test('when the rules label them, then at least 90 % of request types and urgencies match the hand labels', () => {
    const types = HAND_LABELLED.filter((e) => typeOf(e.text) === e.type).length;
    const urgencies = HAND_LABELLED.filter((e) => urgencyOf(e.text) === e.urgency).length;
    expect(types / HAND_LABELLED.length).toBeGreaterThanOrEqual(0.9);
    expect(urgencies / HAND_LABELLED.length).toBeGreaterThanOrEqual(0.85);
  });
});

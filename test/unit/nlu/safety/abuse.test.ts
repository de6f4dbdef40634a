import { describe, expect, test } from 'vitest';

import { detectAbuse } from '../../../../nlu/safety/index.js';

interface TestCase<I, E> {
  description: string;
  input: I;
  expects: E;
}

describe('detectAbuse', () => {
  test.each<TestCase<string, { abusive: boolean; substantive: boolean }>>([
    { description: 'a bare insult', input: '傻逼', expects: { abusive: true, substantive: false } },
    { description: 'an insult spaced out to dodge filters', input: '傻 逼！', expects: { abusive: true, substantive: false } },
    { description: 'an insult masked with a star', input: '傻*B', expects: { abusive: true, substantive: false } },
    {
      description: 'a rant at the government and nothing else',
      input: '你们这些垃圾政府什么都不管，一群废物',
      expects: { abusive: true, substantive: false },
    },
    {
      description: 'swearing inside a real complaint',
      input: '他妈的小区门口垃圾堆了三天没人清理',
      expects: { abusive: true, substantive: true },
    },
    {
      description: 'an insult after a real report',
      input: '人民路128号路灯坏了一个月了，你们这群废物',
      expects: { abusive: true, substantive: true },
    },
    { description: '滚 alone', input: '滚！', expects: { abusive: true, substantive: false } },
    { description: '给我滚', input: '都给我滚', expects: { abusive: true, substantive: false } },
    { description: '草泥马', input: '草泥马', expects: { abusive: true, substantive: false } },
    { description: 'a spaced-out obscenity', input: '操 你 妈', expects: { abusive: true, substantive: false } },
    { description: 'sb as a word inside Chinese', input: '你是sb吗', expects: { abusive: true, substantive: false } },
    { description: '去死', input: '去死吧', expects: { abusive: true, substantive: false } },
    { description: 'a rant about officials', input: '你们就知道吃饭不干活，狗官', expects: { abusive: true, substantive: false } },
    { description: 'rubbish aimed at the service', input: '服务真垃圾', expects: { abusive: true, substantive: false } },
    { description: 'a full-width insult', input: 'ｓｂ', expects: { abusive: true, substantive: false } },
    { description: 'English insults only', input: 'fuck you idiots', expects: { abusive: true, substantive: false } },
    { description: 'English spaced out', input: 'f u c k', expects: { abusive: true, substantive: false } },
    { description: 'English masked', input: 'f*ck this', expects: { abusive: true, substantive: false } },
    {
      description: 'English swearing inside a real report',
      input: 'The fucking streetlight on Renmin Road has been broken for a week',
      expects: { abusive: true, substantive: true },
    },
    {
      description: 'rubbish that is really rubbish (都是垃圾)',
      input: '门口都是垃圾，没人清理',
      expects: { abusive: false, substantive: true },
    },
    { description: 'waste sorting (你们垃圾分类)', input: '你们垃圾分类做得不好', expects: { abusive: false, substantive: true } },
    {
      description: 'my mother’s card (我妈的, not 妈的)',
      input: '我妈的医保卡丢了怎么补办',
      expects: { abusive: false, substantive: true },
    },
    { description: 'his mother (他妈妈, not 他妈)', input: '他妈妈生病了需要帮助', expects: { abusive: false, substantive: true } },
    { description: 'scrolling adverts (滚动, not 滚)', input: '滚动播放广告太吵', expects: { abusive: false, substantive: true } },
    { description: 'drafting (草拟, not 我草)', input: '我草拟了一份建议', expects: { abusive: false, substantive: true } },
    { description: 'a place named 尼玛县', input: '尼玛县的公路坑洼不平很难走', expects: { abusive: false, substantive: true } },
    {
      description: 'English "sb" inside words ("his bad")',
      input: 'his bad road near the school is dangerous',
      expects: { abusive: false, substantive: true },
    },
    { description: 'a polite short message', input: '谢谢', expects: { abusive: false, substantive: false } },
  ])('when the message is $description, then abusive is $expects.abusive and substantive $expects.substantive', ({ input, expects }) => {
    expect(detectAbuse(input)).toEqual(expects);
  });
});

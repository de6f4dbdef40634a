import { describe, expect, test } from 'vitest';

import { extractPlace, looksLikePlaceAnswer } from '../../../../nlu/dialog/index.js';

interface TestCase<I, E> {
  description: string;
  input: I;
  expects: E;
}

describe('extractPlace', () => {
  test.each<TestCase<string, string | undefined>>([
    {
      description: 'a crossing of coded roads in a coded district',
      input: 'XX区XX路与YY路交叉口的红绿灯坏了',
      expects: 'XX区XX路与YY路交叉口',
    },
    {
      description: 'a crossing in a named district',
      input: '芙蓉区五一大道与人民路交叉口红绿灯坏了',
      expects: '芙蓉区五一大道与人民路交叉口',
    },
    { description: 'a 小区 with building, unit and door', input: '幸福小区3栋2单元门口垃圾堆积', expects: '幸福小区3栋2单元门口' },
    { description: 'a road with a house number', input: '人民路128号的餐馆油烟扰民', expects: '人民路128号' },
    { description: 'the anonymised form', input: 'a3区b街道c社区', expects: 'a3区b街道c社区' },
    { description: 'a 街道, village and group', input: '麓谷街道金鼎村3组自来水停了', expects: '麓谷街道金鼎村3组' },
    { description: 'a building number alone', input: '3栋2单元门口的灯不亮', expects: '3栋2单元门口' },
    { description: 'a road with 附近', input: '东风路附近有人乱倒垃圾', expects: '东风路附近' },
    { description: 'traditional characters, returned as written', input: '天心區書院路188號', expects: '天心區書院路188號' },
    { description: 'an English street address', input: 'the streetlight at 12 Renmin Road is broken', expects: '12 Renmin Road' },
    { description: 'an English landmark', input: "there is garbage near People's Park", expects: "near People's Park" },
    { description: 'no place', input: '路灯坏了', expects: undefined },
    { description: 'no place in English', input: 'the light is broken', expects: undefined },
  ])('when the message has $description, then the place is $expects', ({ input, expects }) => {
    expect(extractPlace(input)).toBe(expects);
  });
});

describe('looksLikePlaceAnswer', () => {
  test.each<TestCase<string, boolean>>([
    { description: 'a road', input: '人民路', expects: true },
    { description: 'a 小区 door', input: '幸福小区门口', expects: true },
    { description: 'downstairs at home', input: '在我家楼下', expects: true },
    { description: 'east of the school', input: '学校东边', expects: true },
    { description: 'near the park', input: 'near the park', expects: true },
    { description: '"I don’t know"', input: '不知道', expects: false },
    { description: 'a yes', input: '好的', expects: false },
    { description: 'a command', input: '取消', expects: false },
    { description: 'a greeting', input: '你好', expects: false },
    { description: 'nothing', input: '', expects: false },
  ])('when the reply is $description, then it reads as a place: $expects', ({ input, expects }) => {
    expect(looksLikePlaceAnswer(input)).toBe(expects);
  });
});

import { describe, expect, test } from 'vitest';

import { extractPlaces, haversineMeters } from '../../../../nlu/similar/index.js';

describe('extractPlaces', () => {
  test.each([
    { description: 'roads at a crossing', input: '芙蓉路与人民路交叉口的路灯坏了', expects: { spots: ['人民路', '芙蓉路'], areas: [] } },
    {
      description: 'a 小区 after a road, with the anonymised district',
      input: 'A1区远大路东方银座小区水管漏水',
      expects: { spots: ['东方银座小区', '远大路'], areas: ['a1区'] },
    },
    { description: 'a verb before the name', input: '改变麓谷明珠小区6栋架空层使用性质', expects: { spots: ['麓谷明珠小区'], areas: [] } },
    {
      description: 'a town and a village',
      input: 'A7县春华镇金鼎村自来水到户的问题',
      expects: { spots: ['金鼎村'], areas: ['a7县', '春华镇'] },
    },
    {
      description: 'words that only look like places (路灯, 跑路, 城管, 我们小区)',
      input: '老板跑路了，城管不管，我们小区路灯不亮',
      expects: { spots: [], areas: [] },
    },
    {
      description: 'city and province names, which every report of one hotline shares',
      input: '西地省A市人民政府',
      expects: { spots: [], areas: [] },
    },
  ])('when the text has $description, then it finds those names', ({ input, expects }) => {
    expect(extractPlaces(input)).toEqual(expects);
  });

  test('when an address is given apart from the text, then its names are added', () => {
    expect(extractPlaces('路灯坏了', '芙蓉区五一大道100号').spots).toEqual(['五一大道']);
    expect(extractPlaces('路灯坏了', '芙蓉区五一大道100号').areas).toEqual(['芙蓉区']);
  });
});

describe('haversineMeters', () => {
  test('when two points are one thousandth of a degree of latitude apart, then they are about 111 m apart', () => {
    expect(haversineMeters(28.194, 112.982, 28.195, 112.982)).toBeCloseTo(111.2, 0);
  });

  test('when the points are the same, then the distance is zero', () => {
    expect(haversineMeters(28.194, 112.982, 28.194, 112.982)).toBe(0);
  });
});

/** The category tree's own words become prior examples, at the level the labelled data uses. */
import { expect, test } from 'vitest';

import { priorsFromCatalogue, priorsFromTree } from '../../../../nlu/category/priors.js';

test('when a three-level tree is given, then each second-level category is one prior labelled with its first level', () => {
  const rows = [
    { level1: '城乡建设', level2: '市政设施', level3: '路灯' },
    { level1: '城乡建设', level2: '市政设施', level3: '井盖' },
    { level1: '劳动和社会保障', level2: '劳动关系', level3: '拖欠工资' },
  ];
  expect(priorsFromTree(rows)).toEqual([
    { text: '市政设施 路灯 井盖', label: '城乡建设' },
    { text: '劳动关系 拖欠工资', label: '劳动和社会保障' },
  ]);
});

test("when suqiu's catalogue is given, then every category is a prior of its name and its children's names, under its code", () => {
  const categories = [
    { code: 'URBAN', name: '城市管理' },
    { code: 'URBAN.LIGHT', name: '路灯照明', parentCode: 'URBAN' },
    { code: 'URBAN.SANITATION', name: '市容环卫', parentCode: 'URBAN' },
  ];
  expect(priorsFromCatalogue(categories)).toEqual([
    { text: '城市管理 路灯照明 市容环卫', label: 'URBAN' },
    { text: '路灯照明', label: 'URBAN.LIGHT' },
    { text: '市容环卫', label: 'URBAN.SANITATION' },
  ]);
});

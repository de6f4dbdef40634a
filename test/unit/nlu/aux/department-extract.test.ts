import { describe, expect, test } from 'vitest';

import { answeringUnit } from '../../../../nlu/department/extract.js';
import { departmentExamples, placeUnitKind, unitKind } from '../../../../nlu/department/labelled-set.js';
import { canonicalUnitName, jurisdictionsOf, unitNameAtEnd } from '../../../../nlu/department/unit-names.js';

interface TestCase<I, E> {
  description: string;
  input: I;
  expects: E;
}

describe('unit names', () => {
  const cases: TestCase<{ name: string; message: string }, string>[] = [
    { description: 'an abbreviation is spelled out', input: { name: 'A市住建局', message: '' }, expects: 'A市住房和城乡建设局' },
    {
      description: 'a bare 市 takes the city the message names',
      input: { name: '市人社局', message: 'B市某公司拖欠工资' },
      expects: 'B市人力资源和社会保障局',
    },
    {
      description: 'a bare 区 takes the district the message names',
      input: { name: '区教育局', message: 'A5区某小学' },
      expects: 'A5区教育局',
    },
    { description: 'a renamed unit gets its current name', input: { name: 'A7县环保局', message: '' }, expects: 'A7县生态环境局' },
    {
      description: 'a township gets its district and full suffix',
      input: { name: '泉塘街道', message: 'A7县泉塘' },
      expects: 'A7县泉塘街道办事处',
    },
    {
      description: 'the traffic police keep their parent bureau',
      input: { name: 'A7县交警大队', message: '' },
      expects: 'A7县公安局交通警察大队',
    },
  ];
  test.each(cases)('when $description, then the canonical name is $expects', ({ input, expects }) => {
    expect(canonicalUnitName(input.name, jurisdictionsOf(input.message))).toBe(expects);
  });

  test.each(['有关部门', '相关单位', '我局', '县级人民政府', '教育局'])('when the span is "%s", then it names no unit', (span) => {
    expect(unitNameAtEnd(span)).toBeUndefined();
  });

  test('when a name follows a verb in running text, then only the name is kept', () => {
    expect(unitNameAtEnd('我办已转交A市教育局')).toBe('A市教育局');
  });
});

describe('answering unit', () => {
  const cases: TestCase<{ reply: string; message?: string }, { name: string; evidence: string } | undefined>[] = [
    {
      description: 'the reply is signed before its date',
      input: { reply: '网友您好！经核实，该路段已列入维修计划。感谢您的支持。A7县交通运输局 2019年5月10日' },
      expects: { name: 'A7县交通运输局', evidence: 'signature' },
    },
    {
      description: 'the hotline forwarded the message',
      input: { reply: '您好！您反映的问题已收悉，我办已转L1区人力资源和社会保障局核处。2019年5月8日' },
      expects: { name: 'L1区人力资源和社会保障局', evidence: 'forwarded' },
    },
    {
      description: 'a township investigated',
      input: { reply: '您的留言已收悉。经马望堆街道进行调查核实，现将有关情况回复如下：已清理。', message: 'A2区马望堆' },
      expects: { name: 'A2区马望堆街道办事处', evidence: 'investigated' },
    },
    {
      description: 'a bureau acted and the city comes from the message',
      input: { reply: '就你反映的问题，市卫生局迅速成立了调查组进行调查。', message: 'J11市坪石乡卫生院' },
      expects: { name: 'J11市卫生健康委员会', evidence: 'acted' },
    },
    {
      description: 'a signature and an earlier mention disagree',
      input: { reply: '根据A市教育局的文件，入学按学区划分。A5区教育局2018年4月2日' },
      expects: { name: 'A5区教育局', evidence: 'signature' },
    },
    { description: 'the reply only acknowledges receipt', input: { reply: '网友：您好！留言已收悉' }, expects: undefined },
    {
      description: 'the reply only refers the citizen elsewhere',
      input: { reply: '您的诉求不属于本栏目受理范围，建议咨询A市规划局。' },
      expects: undefined,
    },
  ];
  test.each(cases)('when $description, then the unit is found with that evidence', ({ input, expects }) => {
    const unit = answeringUnit(input.reply, input.message);
    expect(unit && { name: unit.name, evidence: unit.evidence }).toEqual(expects);
  });
});

describe('labelled set', () => {
  test('when a township appears once without its district, then it joins the prefixed label', () => {
    const rows = [
      { title: 'A7县泉塘某小区', detail: '路灯不亮', reply: '经泉塘街道调查核实，已修复。' },
      { title: '某小区', detail: '垃圾未清运', reply: '经泉塘街道调查核实，已清运。' },
    ];
    expect(departmentExamples(rows).map((example) => example.label)).toEqual(['A7县泉塘街道办事处', 'A7县泉塘街道办事处']);
  });

  test('when evidence is weaker than asked, then the message is left out', () => {
    const rows = [{ title: 'A市某路', detail: '坑洼', reply: '据了解，A市交通运输局已安排维修。' }];
    expect(departmentExamples(rows, { weakestEvidence: 'acted' })).toEqual([]);
    expect(departmentExamples(rows, { weakestEvidence: 'mentioned' })[0]?.label).toBe('A市交通运输局');
  });

  test.each([
    { name: 'A7县教育局', kind: '{区县}教育局' },
    { name: 'A市公安局', kind: '{市}公安局' },
    { name: 'A7县泉塘街道办事处', kind: '{区县}街道办事处' },
    { name: '西地省发展和改革委员会', kind: '{省}发展和改革委员会' },
    { name: 'A8县市公安局', kind: '{区县}公安局' },
  ])('when the unit is $name, then its kind is $kind', ({ name, kind }) => {
    expect(unitKind(name)).toBe(kind);
  });

  test('when a kind is placed in a message jurisdiction, then the place replaces the level', () => {
    expect(placeUnitKind('{区县}教育局', { district: 'A7县' })).toBe('A7县教育局');
  });
});

import { describe, expect, test } from 'vitest';

import { detectEmergency, EMERGENCY_NUMBERS, type EmergencyKind } from '../../../../nlu/safety/index.js';

interface TestCase<I, E> {
  description: string;
  input: I;
  expects: E;
}

const emergencies: TestCase<string, EmergencyKind>[] = [
  { description: 'fire, 着火了', input: '着火了！', expects: 'FIRE' },
  { description: 'fire, 起火 with a call for help', input: '楼下起火了，快来人', expects: 'FIRE' },
  { description: 'fire, 火灾 with 快来 (traditional characters)', input: '發生火災了，快來人', expects: 'FIRE' },
  { description: 'gas leak', input: '厨房煤气泄漏了', expects: 'FIRE' },
  { description: 'a strong smell of gas', input: '我闻到燃气味很大', expects: 'FIRE' },
  { description: 'an explosion', input: '小区里发生爆炸', expects: 'FIRE' },
  { description: 'smoke from a burning e-bike, now', input: '楼道里的电动车冒烟了，快来', expects: 'FIRE' },
  { description: 'robbery', input: '有人抢劫！', expects: 'CRIME' },
  { description: 'someone with a knife', input: '有人持刀砍人', expects: 'CRIME' },
  { description: 'a beating going on (打人 with 正在)', input: '隔壁正在打人', expects: 'CRIME' },
  { description: 'a burglary going on', input: '有小偷正在入室盗窃', expects: 'CRIME' },
  { description: 'a kidnapping', input: '孩子被绑架了', expects: 'CRIME' },
  { description: 'someone about to jump', input: '有人要跳楼', expects: 'CRIME' },
  { description: 'domestic violence now', input: '我老公正在家暴我', expects: 'CRIME' },
  { description: 'a bag snatched just now', input: '刚才有人抢我的包', expects: 'CRIME' },
  { description: 'someone fainted', input: '我爸晕倒了', expects: 'MEDICAL' },
  { description: 'unconscious', input: '老人昏迷不省人事', expects: 'MEDICAL' },
  { description: 'a heart attack', input: '我妈心脏病发作了', expects: 'MEDICAL' },
  { description: 'difficulty breathing', input: '他呼吸困难', expects: 'MEDICAL' },
  { description: 'heavy bleeding', input: '手割破了大出血', expects: 'MEDICAL' },
  { description: 'gas poisoning (a person, not a leak)', input: '一家人煤气中毒了', expects: 'MEDICAL' },
  { description: 'convulsions', input: '孩子抽搐口吐白沫', expects: 'MEDICAL' },
  { description: 'dying', input: '我爷爷快不行了', expects: 'MEDICAL' },
  { description: 'not breathing (没有 is part of the cue, not a negation)', input: '他没有呼吸了', expects: 'MEDICAL' },
  { description: 'a car crash with someone hurt', input: '门口出车祸了，有人受伤', expects: 'TRAFFIC' },
  { description: 'a rear-end collision with a bleeding driver', input: '两辆车追尾，司机流血了', expects: 'TRAFFIC' },
  { description: 'hit by a car', input: '我被车撞了', expects: 'TRAFFIC' },
  { description: 'full-width English', input: 'ＦＩＲＥ！', expects: 'FIRE' },
  { description: 'English, fire!', input: 'fire!', expects: 'FIRE' },
  { description: 'English, a house on fire', input: 'The house is on fire', expects: 'FIRE' },
  { description: 'English, a stabbing', input: 'someone is stabbing people', expects: 'CRIME' },
  { description: 'English, robbery in progress', input: 'robbery in progress', expects: 'CRIME' },
  { description: 'English, collapsed and not breathing', input: 'he collapsed and is not breathing', expects: 'MEDICAL' },
  { description: 'English, a heart attack', input: 'I think my father is having a heart attack', expects: 'MEDICAL' },
  { description: 'English, a car crash with injured people', input: 'car crash, people injured', expects: 'TRAFFIC' },
];

const reports: TestCase<string, undefined>[] = [
  { description: 'a blocked fire lane', input: '消防通道被占用', expects: undefined },
  { description: 'a fire hazard', input: '存在火灾隐患', expects: undefined },
  { description: 'something that could cause a fire', input: '容易引发火灾', expects: undefined },
  { description: 'compensation for last year’s fire', input: '去年家里失火的赔偿问题', expects: undefined },
  { description: 'who was to blame in an accident', input: '交通事故责任认定咨询', expects: undefined },
  { description: 'an insurance claim after a crash', input: '车祸理赔', expects: undefined },
  { description: 'hospital queues', input: '医院看病排队太久', expects: undefined },
  { description: 'a question about ambulance fees', input: '咨询120收费', expects: undefined },
  { description: 'daily smoke from a barbecue (habitual)', input: '楼下烧烤店天天冒烟', expects: undefined },
  { description: 'a neighbour who often hits people (habitual)', input: '邻居经常打人', expects: undefined },
  { description: 'a negated fire', input: '小区没有着火', expects: undefined },
  { description: 'a hypothetical fire (一旦)', input: '电线老化，一旦起火后果不堪设想', expects: undefined },
  { description: 'an accident black spot', input: '车祸多发路段需要安装红绿灯', expects: undefined },
  { description: 'a robbery case with no progress', input: '抢劫案一直没有进展', expects: undefined },
  { description: 'a fire two days ago', input: '前天晚上楼下失火，到现在还没人处理', expects: undefined },
  { description: 'a fire already put out', input: '火已经扑灭了，但是物业不管', expects: undefined },
  { description: 'a flat tyre (漏气 without gas)', input: '轮胎漏气', expects: undefined },
  { description: 'a child hurt on a playground earlier (injury alone is no cue)', input: '孩子在游乐设施上受伤了', expects: undefined },
  { description: 'last month’s accident and compensation', input: '上个月被车撞了，对方不赔偿', expects: undefined },
  { description: 'a weak gas-stove flame', input: '燃气灶火苗太小', expects: undefined },
  { description: 'a procedure question about accidents', input: '请问交通事故现在怎么处理', expects: undefined },
  { description: 'a sale at "jump-off-the-building" prices', input: '跳楼价甩卖扰民', expects: undefined },
  { description: 'medium-risk areas (中风险, not 中风)', input: '中风险地区出行政策', expects: undefined },
  { description: 'safety knowledge', input: '我想了解防止触电的知识', expects: undefined },
  { description: 'long-term domestic violence and a divorce question', input: '长期遭受家暴，想咨询离婚', expects: undefined },
  { description: 'food poisoning with a claim', input: '食物中毒要求赔偿', expects: undefined },
  { description: 'a slow ambulance (past)', input: '救护车来得太慢', expects: undefined },
  { description: 'a smoking chimney', input: '烟囱冒烟污染空气', expects: undefined },
  { description: 'English, a fire hazard', input: 'fire hazard in the stairwell', expects: undefined },
  { description: 'English, a blocked fire exit', input: 'the fire exit is blocked', expects: undefined },
  { description: 'English, an insurance claim', input: 'car accident insurance claim', expects: undefined },
  { description: 'English, ambulance fees', input: 'how much does an ambulance cost', expects: undefined },
  { description: 'English, last year’s fire and compensation', input: 'last year my house had a fire, compensation', expects: undefined },
  { description: 'English, a website crash', input: 'the website crashed', expects: undefined },
  { description: 'English, a break in a pipe', input: 'a break in the water pipe', expects: undefined },
  { description: 'English, a hypothetical fire', input: 'if there is a fire the exit is locked', expects: undefined },
];

describe('detectEmergency', () => {
  test.each(emergencies)('when the message reports $description, then it is $expects', ({ input, expects }) => {
    const emergency = detectEmergency(input);

    expect(emergency?.kind).toBe(expects);
    expect(emergency?.number).toBe(EMERGENCY_NUMBERS[expects]);
    expect(emergency?.cue).not.toBe('');
  });

  test.each(reports)('when the message is about $description, then it is no emergency', ({ input }) => {
    expect(detectEmergency(input)).toBeUndefined();
  });

  test.each([
    { description: 'a fire with someone unconscious', input: '着火了，有人昏迷', expects: { kind: 'FIRE', injured: true } },
    { description: 'a stabbing with heavy bleeding', input: '有人持刀行凶，伤者大出血', expects: { kind: 'CRIME', injured: true } },
    { description: 'a crash with someone unconscious', input: '车祸，司机昏迷了', expects: { kind: 'TRAFFIC', injured: true } },
    { description: 'a crash without injuries mentioned', input: '路口两车相撞', expects: { kind: 'TRAFFIC', injured: false } },
  ])('when a message names several kinds ($description), then FIRE > CRIME > TRAFFIC > MEDICAL, with injured set', ({ input, expects }) => {
    expect(detectEmergency(input)).toMatchObject(expects);
  });

  test('when the danger was before and is over, a later "now" word about it still makes no emergency', () => {
    expect(detectEmergency('去年失火了，现在房子还没修好')).toBeUndefined();
  });

  test('when a new emergency follows an old one ("昨天 … 现在又 …"), then the new one counts', () => {
    expect(detectEmergency('昨天报过警了，现在又有人在打人')?.kind).toBe('CRIME');
  });
});

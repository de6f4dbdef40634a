import { describe, expect, test } from 'vitest';

import { parseCommand, stripIntentPrefix, type Command } from '../../../../nlu/dialog/index.js';

interface TestCase<I, E> {
  description: string;
  input: I;
  expects: E;
}

const commands: TestCase<string, Command>[] = [
  { description: '取消', input: '取消', expects: 'cancel' },
  { description: '算了不反映了', input: '算了不反映了', expects: 'cancel' },
  { description: 'never mind', input: 'Never mind.', expects: 'cancel' },
  { description: '重新开始', input: '重新开始', expects: 'restart' },
  { description: '重来', input: '重来吧', expects: 'restart' },
  { description: 'Telegram /start', input: '/start', expects: 'restart' },
  { description: '人工', input: '人工', expects: 'agent' },
  { description: '转人工', input: '转人工', expects: 'agent' },
  { description: '人工客服', input: '人工客服', expects: 'agent' },
  { description: '我要找人工', input: '我要找人工', expects: 'agent' },
  { description: 'politeness around 转人工', input: '你好，请帮我转人工，谢谢', expects: 'agent' },
  { description: 'traditional 轉人工', input: '轉人工', expects: 'agent' },
  { description: 'agent', input: 'agent', expects: 'agent' },
  { description: 'human', input: 'HUMAN', expects: 'agent' },
  { description: 'talk to a person', input: "I'd like to talk to a person please", expects: 'agent' },
  { description: '帮助', input: '帮助', expects: 'help' },
  { description: '菜单', input: '菜单', expects: 'help' },
  { description: 'help', input: 'help', expects: 'help' },
  { description: '/help', input: '/help', expects: 'help' },
  { description: 'menu', input: 'Menu', expects: 'help' },
  { description: '我的工单', input: '我的工单', expects: 'myTickets' },
  { description: '我的诉求', input: '我的诉求', expects: 'myTickets' },
  { description: '查询进度', input: '查询进度', expects: 'myTickets' },
  { description: '查进度', input: '查进度', expects: 'myTickets' },
  { description: '进度', input: '进度', expects: 'myTickets' },
  { description: 'my tickets', input: 'my tickets', expects: 'myTickets' },
  { description: 'status', input: 'status?', expects: 'myTickets' },
  { description: '查询 (look up a ticket by number)', input: '查询', expects: 'query' },
  { description: '查工单', input: '查工单', expects: 'query' },
  { description: '我要反映问题', input: '我要反映问题', expects: 'report' },
  { description: '我要投诉', input: '我要投诉', expects: 'report' },
  { description: '我要举报', input: '我要举报！', expects: 'report' },
  { description: '反映问题', input: '反映问题', expects: 'report' },
  { description: 'report a problem', input: 'report a problem', expects: 'report' },
  { description: '我要咨询', input: '我要咨询', expects: 'consult' },
  { description: '咨询', input: '咨询', expects: 'consult' },
  { description: 'I have a question', input: 'I have a question', expects: 'consult' },
];

const notCommands: TestCase<string, undefined>[] = [
  { description: 'a report that mentions 投诉', input: '我要投诉小区门口的垃圾堆了三天', expects: undefined },
  { description: 'a plain report', input: '路灯坏了', expects: undefined },
  { description: '不用了 (a "no", not cancel)', input: '不用了', expects: undefined },
  { description: 'a ticket number', input: '20261121-000123', expects: undefined },
  { description: 'nothing', input: ' ', expects: undefined },
  { description: 'a sentence with help in it', input: 'please help fix the light on Renmin Road', expects: undefined },
];

describe('parseCommand', () => {
  test.each(commands)('when the message is "$description", then the command is $expects', ({ input, expects }) => {
    expect(parseCommand(input)).toBe(expects);
  });

  test.each(notCommands)('when the message is $description, then it is no command', ({ input }) => {
    expect(parseCommand(input)).toBeUndefined();
  });
});

describe('stripIntentPrefix', () => {
  test.each<TestCase<string, { intent?: 'report' | 'consult'; rest: string }>>([
    {
      description: '我要投诉 + report',
      input: '我要投诉小区门口的垃圾堆了三天',
      expects: { intent: 'report', rest: '小区门口的垃圾堆了三天' },
    },
    {
      description: 'a greeting, 反映一下 and a colon',
      input: '你好，我想反映一下：人民路路灯不亮',
      expects: { intent: 'report', rest: '人民路路灯不亮' },
    },
    {
      description: 'traditional characters, kept in the rest',
      input: '投訴：中山區路燈不亮',
      expects: { intent: 'report', rest: '中山區路燈不亮' },
    },
    { description: '举报', input: '举报有人偷排污水', expects: { intent: 'report', rest: '有人偷排污水' } },
    { description: '投诉了 (the report itself, not a prefix)', input: '投诉了好几次都没用', expects: { rest: '投诉了好几次都没用' } },
    { description: '请问', input: '请问社保怎么交', expects: { intent: 'consult', rest: '社保怎么交' } },
    { description: '问一下', input: '问一下公积金怎么提取', expects: { intent: 'consult', rest: '公积金怎么提取' } },
    { description: '问题 (not 问)', input: '问题很严重', expects: { rest: '问题很严重' } },
    {
      description: 'English report',
      input: 'I want to report a broken streetlight on Renmin Road',
      expects: { intent: 'report', rest: 'a broken streetlight on Renmin Road' },
    },
    { description: 'English question', input: 'I have a question about my pension', expects: { intent: 'consult', rest: 'my pension' } },
    { description: 'no prefix', input: '  小区门口垃圾  ', expects: { rest: '小区门口垃圾' } },
    { description: 'the bare command', input: '我要投诉', expects: { intent: 'report', rest: '' } },
  ])('when the message is $description, then it splits into $expects.intent and "$expects.rest"', ({ input, expects }) => {
    expect(stripIntentPrefix(input)).toEqual(expects);
  });
});

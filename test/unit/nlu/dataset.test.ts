/** Labelled training files: every bad line is reported by number, good files give their rows. */
import { describe, expect, test } from 'vitest';

import { parseDataset } from '../../../nlu/dataset.js';

describe('JSON Lines', () => {
  test('when lines have text, or title and detail, then each becomes a row with its line number', () => {
    const file =
      '\uFEFF{"text":"路灯坏了","label":"A"}\n\n{"title":"工资","detail":"三个月没发","label":"B"}\r\n{"title":"只有标题","label":3}\n';
    expect(parseDataset(file, 'jsonl')).toEqual({
      ok: true,
      value: [
        { line: 1, text: '路灯坏了', label: 'A' },
        { line: 3, text: '工资 三个月没发', label: 'B' },
        { line: 4, text: '只有标题', label: '3' },
      ],
    });
  });

  test.each([
    { description: 'broken JSON', line: '{"text": "x", ', message: 'not valid JSON' },
    { description: 'an array', line: '["x", "A"]', message: 'expected an object with text (or title and detail) and label' },
    { description: 'no text', line: '{"label": "A"}', message: 'no text: give "text", or "title" and/or "detail"' },
    { description: 'an empty label', line: '{"text": "x", "label": " "}', message: 'no label' },
  ])('when a line has $description, then the file is refused naming that line', ({ line, message }) => {
    expect(parseDataset(`{"text":"好的一行","label":"A"}\n${line}`, 'jsonl')).toEqual({ ok: false, error: [{ line: 2, message }] });
  });

  test('when a file has many bad lines, then the first 20 are listed and the rest counted', () => {
    const result = parseDataset(Array.from({ length: 30 }, () => 'nope').join('\n'), 'jsonl');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toHaveLength(21);
    expect(result.error[20]).toEqual({ line: 21, message: 'and 10 more lines with problems' });
  });

  test('when lines carry request type, urgency or department, then they are passed on as written; blank ones are absent', () => {
    const file = [
      '{"text":"停水了","label":"A","requestType":"求助","urgency":"URGENT","department":"市水务集团"}',
      '{"text":"欠薪","label":"B","departmentCode":"CITY-HR","urgency":" "}',
    ].join('\n');
    expect(parseDataset(file, 'jsonl')).toEqual({
      ok: true,
      value: [
        { line: 1, text: '停水了', label: 'A', requestType: '求助', urgency: 'URGENT', department: '市水务集团' },
        { line: 2, text: '欠薪', label: 'B', department: 'CITY-HR' },
      ],
    });
    expect(parseDataset('text,label,requestType,Urgency\n停水了,A,HELP,一般\n', 'csv')).toEqual({
      ok: true,
      value: [{ line: 1, text: '停水了', label: 'A', requestType: 'HELP', urgency: '一般' }],
    });
  });

  test('when the file is empty, then it says so', () => {
    expect(parseDataset('\n\n', 'jsonl')).toEqual({ ok: false, error: [{ line: 0, message: 'the file has no rows' }] });
  });
});

describe('CSV', () => {
  test('when fields are quoted with commas, doubled quotes and line breaks, then they are read whole', () => {
    const file = 'Title,Detail,Label\r\n"拖欠工资","老板说""下月发"",\n已三个月",B\r\n路灯,坏了,A\r\n';
    expect(parseDataset(file, 'csv')).toEqual({
      ok: true,
      value: [
        { line: 1, text: '拖欠工资 老板说"下月发",\n已三个月', label: 'B' },
        { line: 2, text: '路灯 坏了', label: 'A' },
      ],
    });
  });

  test.each([
    { description: 'no label column', file: 'text,category\nx,A\n', error: [{ line: 1, message: 'the header has no "label" column' }] },
    {
      description: 'a row with too many fields',
      file: 'text,label\nx,A,extra\n',
      error: [{ line: 1, message: '3 fields where the header has 2' }],
    },
    { description: 'an unclosed quote', file: 'text,label\n"x,A\n', error: [{ line: 1, message: 'a quoted field is not closed' }] },
  ])('when the CSV has $description, then it is refused with the reason', ({ file, error }) => {
    expect(parseDataset(file, 'csv')).toEqual({ ok: false, error });
  });
});

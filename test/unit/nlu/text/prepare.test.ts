import { Writable } from 'node:stream';

import { pino } from 'pino';
import { describe, expect, test } from 'vitest';

import { maskPersonalData, personalDataCensor } from '../../../../nlu/text/redact.js';
import { prepareText } from '../../../../nlu/text/prepare.js';

describe('prepareText', () => {
  test('when a traditional message holds personal data, then models see tags in simplified text and people see readable masks', () => {
    const text = '我叫陳大文，電話：１３８－１２３４－５６７８，車牌粵B·D12345，請儘快處理！！！';

    const prepared = prepareText(text);

    expect(prepared.normalized).toBe('我叫<NAME>,电话:<PHONE>,车牌<PLATE>,请尽快处理!');
    expect(prepared.masked).toBe('我叫陳**，電話：１３８－****－５６７８，車牌粵B·*****5，請儘快處理！！！');
    expect(prepared.findings.map((item) => [item.kind, text.slice(item.start, item.end)])).toEqual([
      ['name', '陳大文'],
      ['mobile', '１３８－１２３４－５６７８'],
      ['plate', '粵B·D12345'],
    ]);
  });

  test('when a message has no personal data, then masked is the original and normalized is the model text', () => {
    const text = '小区门口路灯坏了好几天，晚上很黑。';

    expect(prepareText(text)).toEqual({ normalized: '小区门口路灯坏了好几天,晚上很黑。', masked: text, findings: [] });
  });

  test('when a kind is left out, then it stays in both texts', () => {
    const prepared = prepareText('车牌湘A12345，电话13812345678', { kinds: ['mobile'] });

    expect(prepared.masked).toBe('车牌湘A12345，电话138****5678');
    expect(prepared.normalized).toBe('车牌湘A12345,电话<PHONE>');
  });

  test('when every kind is present, then no digit of the personal data reaches either text', () => {
    const text = '身份证430102199001011238，卡号6222 0212 3456 7894，手机13812345678，座机0731-84512345，邮箱zhangsan@example.com';

    const { normalized, masked } = prepareText(text);

    expect(normalized).toBe('身份证<ID>,卡号<BANKCARD>,手机<PHONE>,座机<PHONE>,邮箱<EMAIL>');
    for (const secret of ['19900101', '0212 3456', '1234', '8451', 'zhangsan']) expect(masked).not.toContain(secret);
  });
});

describe('log redaction', () => {
  test('when a log string holds personal data, then it is masked readably or with tags', () => {
    expect(maskPersonalData('回拨13812345678，身份证11010519491231002X')).toBe('回拨138****5678，身份证1101**********002X');
    expect(maskPersonalData('回拨13812345678', 'tag')).toBe('回拨<PHONE>');
  });

  test('when pino hands the censor a free-text field, then the string is masked', () => {
    const censor = personalDataCensor(['text', 'transcript']);

    expect(censor('电话13812345678', ['msg', 'text'])).toBe('电话138****5678');
    expect(censor('车牌湘A12345', ['transcript'])).toBe('车牌湘A****5');
  });

  test('when pino hands the censor any other redacted value, then it is removed whole', () => {
    const censor = personalDataCensor();

    expect(censor('secret-token-value', ['token'])).toBe('[redacted]');
    expect(censor({ phone: '13812345678' }, ['text'])).toBe('[redacted]');
    expect(censor(13812345678, ['phone'])).toBe('[redacted]');
  });

  test('when a pino logger uses the censor, then message text is logged masked and tokens not at all', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ redact: { paths: ['text', 'token'], censor: personalDataCensor() } }, destination);

    logger.info({ text: '我叫张三，电话13812345678', token: 'abc123' }, 'inbound');

    const line = JSON.parse(lines[0] ?? '{}') as { text?: string; token?: string };
    expect(line.text).toBe('我叫张*，电话138****5678');
    expect(line.token).toBe('[redacted]');
  });
});

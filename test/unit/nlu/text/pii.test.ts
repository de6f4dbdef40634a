import { describe, expect, test } from 'vitest';

import { detectPii, resolveOverlaps } from '../../../../nlu/text/pii/detect.js';
import { type PiiFinding, type PiiKind } from '../../../../nlu/text/pii/types.js';

interface Expected {
  kind: PiiKind;
  /** What the finding's offsets cut out of the input: proves offsets refer to the original text. */
  raw: string;
  masked: string;
}
interface TestCase {
  description: string;
  input: string;
  expects: Expected[];
}

function found(input: string): Expected[] {
  return detectPii(input).map((item) => ({ kind: item.kind, raw: input.slice(item.start, item.end), masked: item.masked }));
}

const mobile = (raw: string, masked: string): Expected => ({ kind: 'mobile', raw, masked });
const landline = (raw: string, masked: string): Expected => ({ kind: 'landline', raw, masked });

const phones: TestCase[] = [
  { description: 'a bare mobile after 电话', input: '电话13812345678', expects: [mobile('13812345678', '138****5678')] },
  { description: 'a mobile with dashes', input: '手机：138-1234-5678。', expects: [mobile('138-1234-5678', '138-****-5678')] },
  { description: 'a mobile with spaces', input: '手机 139 1234 5678 谢谢', expects: [mobile('139 1234 5678', '139 **** 5678')] },
  { description: 'a mobile with +86', input: '联系+8613812345678', expects: [mobile('+8613812345678', '+86138****5678')] },
  {
    description: 'a mobile with +86 and spaces',
    input: '请拨 +86 186 1234 5678',
    expects: [mobile('+86 186 1234 5678', '+86 186 **** 5678')],
  },
  { description: 'a mobile with 0086', input: '0086-15912345678', expects: [mobile('0086-15912345678', '0086-159****5678')] },
  { description: 'a mobile with (+86)', input: '(+86)17712345678', expects: [mobile('(+86)17712345678', '(+86)177****5678')] },
  { description: 'a mobile with a bare 86', input: '号码8619912345678。', expects: [mobile('8619912345678', '86199****5678')] },
  {
    description: 'a full-width mobile',
    input: '电话：１３８１２３４５６７８',
    expects: [mobile('１３８１２３４５６７８', '１３８****５６７８')],
  },
  {
    description: 'a full-width mobile with full-width dashes',
    input: '电话１３８－１２３４－５６７８',
    expects: [mobile('１３８－１２３４－５６７８', '１３８－****－５６７８')],
  },
  {
    description: 'a mobile inside a URL query',
    input: 'https://x.example/?tel=16612345678&a=1',
    expects: [mobile('16612345678', '166****5678')],
  },
  { description: 'a landline with a 4-digit area code', input: '座机0731-84512345', expects: [landline('0731-84512345', '0731-****2345')] },
  { description: 'a Beijing landline', input: '电话010-84512345。', expects: [landline('010-84512345', '010-****2345')] },
  { description: 'a landline in parentheses', input: '(0731)8451 2345', expects: [landline('(0731)8451 2345', '(0731)**** 2345')] },
  {
    description: 'a full-width landline in full-width parentheses',
    input: '（０２１）６４５１２３４５',
    expects: [landline('（０２１）６４５１２３４５', '（０２１）****２３４５')],
  },
  { description: 'a landline without separator', input: '电话075584512345', expects: [landline('075584512345', '0755****2345')] },
  { description: 'a 7-digit local number', input: '0739-8451234', expects: [landline('0739-8451234', '0739-***1234')] },
  {
    description: 'a landline with 转 extension',
    input: '0731-84512345转801',
    expects: [landline('0731-84512345转801', '0731-****2345转801')],
  },
  {
    description: 'a landline with a dash extension',
    input: '0731-8451234-8001',
    expects: [landline('0731-8451234-8001', '0731-***1234-8001')],
  },
  { description: 'a landline with +86', input: '+86 10 8451 2345', expects: [landline('+86 10 8451 2345', '+86 10 **** 2345')] },
  { description: 'a 400 number', input: '客服400-123-4567', expects: [landline('400-123-4567', '400-***-4567')] },
  { description: 'a 400 number without separators', input: '拨打4008123456', expects: [landline('4008123456', '400***3456')] },
  { description: 'an 800 number', input: '800-820-8820', expects: [landline('800-820-8820', '800-***-8820')] },
  { description: 'a local number after 电话', input: '电话：84512345', expects: [landline('84512345', '****2345')] },
  { description: 'a local number after Tel', input: 'Tel: 8451 2345', expects: [landline('8451 2345', '**** 2345')] },
  { description: 'a ticket number', input: '工单20261121-000123已受理', expects: [] },
  { description: 'the 12345 hotline', input: '打12345没人接', expects: [] },
  { description: 'an eleven-digit amount', input: '项目投资15000000000元', expects: [] },
  { description: 'a twelve-digit order number', input: '订单号138123456789', expects: [] },
  { description: 'a code glued to letters', input: '编号A13812345678', expects: [] },
  { description: 'a mobile-like number with second digit 2', input: '12812345678', expects: [] },
  { description: 'ten digits', input: '电话1381234567', expects: [] },
  { description: 'a date', input: '2019-02-28 11:25:05反映', expects: [] },
  { description: 'a date after 电话', input: '电话20190228打过', expects: [] },
  { description: 'a wage', input: '工资3000元', expects: [] },
  { description: 'a house number', input: '幸福路128号', expects: [] },
  { description: 'a year', input: '2019年至2020年', expects: [] },
  { description: 'a Beijing area code with a 7-digit number', input: '010-8451234', expects: [] },
  { description: 'a 400-like amount', input: '预算4000000000元', expects: [] },
  { description: 'an area code after a ticket number', input: '20261121-073184512345', expects: [] },
];

const idCard = (raw: string, masked: string): Expected => ({ kind: 'idCard', raw, masked });
const ids: TestCase[] = [
  { description: 'an 18-digit ID', input: '身份证430102199001011238', expects: [idCard('430102199001011238', '4301**********1238')] },
  { description: 'an ID ending in X', input: '证件号11010519491231002X。', expects: [idCard('11010519491231002X', '1101**********002X')] },
  {
    description: 'an ID ending in lower-case x',
    input: '11010519491231002x',
    expects: [idCard('11010519491231002x', '1101**********002x')],
  },
  {
    description: 'an ID born on 29 February 2000',
    input: '身份证号440306200002290519',
    expects: [idCard('440306200002290519', '4403**********0519')],
  },
  {
    description: 'an ID written 6-8-4',
    input: '身份证 430102 19900101 1238',
    expects: [idCard('430102 19900101 1238', '4301** ******** 1238')],
  },
  {
    description: 'a full-width ID',
    input: '身份证４３０１０２１９９００１０１１２３８',
    expects: [idCard('４３０１０２１９９００１０１１２３８', '４３０１**********１２３８')],
  },
  {
    description: 'an old 15-digit ID after 身份证',
    input: '身份证号：430102900101123',
    expects: [idCard('430102900101123', '4301*******1123')],
  },
  {
    description: 'an ID that is also Luhn-valid (ID wins over bank card)',
    input: '430102199001011051',
    expects: [idCard('430102199001011051', '4301**********1051')],
  },
  { description: 'a wrong check digit', input: '身份证430102199001011235', expects: [] },
  { description: 'a 30 February birth date with a valid check digit', input: '身份证430102199002301237', expects: [] },
  { description: 'an unknown province code with a valid check digit', input: '身份证991102199001011238', expects: [] },
  { description: 'a 15-digit number without an ID label', input: '注册号430102900101123', expects: [] },
];

const bankCard = (raw: string, masked: string): Expected => ({ kind: 'bankCard', raw, masked });
const cards: TestCase[] = [
  { description: 'a 16-digit UnionPay card', input: '卡号6222021234567894', expects: [bankCard('6222021234567894', '6222********7894')] },
  {
    description: 'a card in groups of four',
    input: '卡号 6222 0212 3456 7894。',
    expects: [bankCard('6222 0212 3456 7894', '6222 **** **** 7894')],
  },
  { description: 'a 19-digit card', input: '6217002870001234564', expects: [bankCard('6217002870001234564', '6217***********4564')] },
  {
    description: 'a 19-digit card in groups',
    input: '6217 0028 7000 1234 564',
    expects: [bankCard('6217 0028 7000 1234 564', '6217 **** **** ***4 564')],
  },
  {
    description: 'a Visa card with dashes',
    input: '4367-4212-3456-7896',
    expects: [bankCard('4367-4212-3456-7896', '4367-****-****-7896')],
  },
  { description: 'a Mastercard', input: '卡5309901234567895', expects: [bankCard('5309901234567895', '5309********7895')] },
  { description: 'a failed Luhn check', input: '卡号6222021234567890', expects: [] },
  { description: 'a 16-digit number starting with 2', input: '单号2019022812345678', expects: [] },
  { description: '15 digits', input: '卡号622202123456789', expects: [] },
  { description: 'mixed separators', input: '6222 0212-3456 7894', expects: [] },
];

const plate = (raw: string, masked: string): Expected => ({ kind: 'plate', raw, masked });
const plates: TestCase[] = [
  { description: 'a plate', input: '车牌湘A12345违停', expects: [plate('湘A12345', '湘A****5')] },
  { description: 'a small new-energy plate', input: '粤B·D12345', expects: [plate('粤B·D12345', '粤B·*****5')] },
  { description: 'a large new-energy plate', input: '粤B12345D', expects: [plate('粤B12345D', '粤B*****D')] },
  { description: 'a plate with a letter and a middle dot', input: '京A·F0236', expects: [plate('京A·F0236', '京A·****6')] },
  { description: 'a trailer plate', input: '湘A1234挂', expects: [plate('湘A1234挂', '湘A***4挂')] },
  { description: 'a police plate', input: '京A1234警', expects: [plate('京A1234警', '京A***4警')] },
  { description: 'a learner plate', input: '湘A1234学的车', expects: [plate('湘A1234学', '湘A***4学')] },
  { description: 'a traditional province character', input: '粵B12345', expects: [plate('粵B12345', '粵B****5')] },
  { description: 'a lower-case plate', input: '车牌湘a12345', expects: [plate('湘a12345', '湘a****5')] },
  { description: 'a plate with a space', input: '湘A 12345', expects: [plate('湘A 12345', '湘A ****5')] },
  { description: 'a full-width plate', input: '湘Ａ１２３４５', expects: [plate('湘Ａ１２３４５', '湘Ａ****５')] },
  { description: 'an anonymised district', input: 'A市A3区', expects: [] },
  { description: 'a province character before a district code', input: '新A3区', expects: [] },
  { description: 'letters only', input: '湘ABCDE', expects: [] },
  { description: 'too many characters', input: '湘A123456', expects: [] },
  { description: 'the letter I', input: '湘I12345', expects: [] },
];

const email = (raw: string, masked: string): Expected => ({ kind: 'email', raw, masked });
const emails: TestCase[] = [
  { description: 'an e-mail', input: '邮箱zhangsan@example.com，', expects: [email('zhangsan@example.com', 'z***@example.com')] },
  {
    description: 'an e-mail with dots, plus and a sub-domain',
    input: 'li.si+12345@mail.example.com.cn',
    expects: [email('li.si+12345@mail.example.com.cn', 'l***@mail.example.com.cn')],
  },
  {
    description: 'a QQ e-mail (e-mail wins over the mobile in it)',
    input: '13812345678@qq.com',
    expects: [email('13812345678@qq.com', '1***@qq.com')],
  },
  { description: 'a full-width at sign', input: 'abc＠qq.com', expects: [email('abc＠qq.com', 'a***@qq.com')] },
  { description: 'an e-mail already masked', input: '电邮: jqw********@126.com', expects: [] },
  { description: 'a mention', input: '@J11市房产局', expects: [] },
  { description: 'no top-level domain', input: 'a@b', expects: [] },
];

const name = (raw: string, masked: string): Expected => ({ kind: 'name', raw, masked });
const names: TestCase[] = [
  { description: 'a name after 我叫', input: '我叫张三，住在幸福小区', expects: [name('张三', '张*')] },
  { description: 'a three-character name followed by 今年', input: '我叫王小明今年三十岁', expects: [name('王小明', '王**')] },
  { description: 'a name after 本人姓名', input: '本人姓名：李四，', expects: [name('李四', '李*')] },
  { description: 'a compound surname', input: '联系人：欧阳娜娜 电话', expects: [name('欧阳娜娜', '欧阳**')] },
  { description: 'a name at the end', input: '姓名:刘德华', expects: [name('刘德华', '刘**')] },
  { description: 'a complainant', input: '投诉人：刘伟联系电话', expects: [name('刘伟', '刘*')] },
  { description: 'a traditional name', input: '我叫陳大文，', expects: [name('陳大文', '陳**')] },
  {
    description: 'a list of reporters',
    input: '举报人：杨小玉、杨中玉、李菲 王大海',
    expects: [name('杨小玉', '杨**'), name('杨中玉', '杨**'), name('李菲', '李*'), name('王大海', '王**')],
  },
  {
    description: 'a comma after a name (what follows is not a list)',
    input: '我叫黄小兴，黄兴北路拆迁户',
    expects: [name('黄小兴', '黄**')],
  },
  { description: 'an account holder', input: '开户名：凌小娟，开户行', expects: [name('凌小娟', '凌**')] },
  {
    description: 'names in a contact list, before their phone numbers',
    input: '业主代表 刘其 13612347198、谭慈汉13912342550',
    expects: [name('刘其', '刘*'), mobile('13612347198', '136****7198'), name('谭慈汉', '谭**'), mobile('13912342550', '139****2550')],
  },
  {
    description: 'a name before 电话 and a number',
    input: '（彭志奇，电话: 13612348759）',
    expects: [name('彭志奇', '彭**'), mobile('13612348759', '136****8759')],
  },
  { description: 'a role before a phone number', input: '，车主13812345678', expects: [mobile('13812345678', '138****5678')] },
  { description: 'a title before a phone number', input: '，张经理13812345678', expects: [mobile('13812345678', '138****5678')] },
  { description: 'a city before a landline', input: '，成都028-84512345', expects: [landline('028-84512345', '028-****2345')] },
  { description: 'a word glued to a phone number', input: '请联系管理处13812345678', expects: [mobile('13812345678', '138****5678')] },
  { description: '我叫 followed by a verb', input: '我叫了物业好几次', expects: [] },
  { description: '本人 followed by a preposition', input: '本人于2019年购房', expects: [] },
  { description: '本人 followed by an adverb', input: '本人曾经多次反映', expects: [] },
  { description: 'an anonymised name', input: '我叫张某，', expects: [] },
  { description: 'a title instead of a given name', input: '联系人：王先生', expects: [] },
  { description: 'no clear end after the name', input: '我叫王大明天去', expects: [] },
];

describe('detectPii', () => {
  test.each(phones)('phones: when $description, then the findings are as expected', ({ input, expects }) => {
    expect(found(input)).toEqual(expects);
  });
  test.each(ids)('ID cards: when $description, then the findings are as expected', ({ input, expects }) => {
    expect(found(input)).toEqual(expects);
  });
  test.each(cards)('bank cards: when $description, then the findings are as expected', ({ input, expects }) => {
    expect(found(input)).toEqual(expects);
  });
  test.each(plates)('plates: when $description, then the findings are as expected', ({ input, expects }) => {
    expect(found(input)).toEqual(expects);
  });
  test.each(emails)('e-mails: when $description, then the findings are as expected', ({ input, expects }) => {
    expect(found(input)).toEqual(expects);
  });
  test.each(names)('names: when $description, then the findings are as expected', ({ input, expects }) => {
    expect(found(input)).toEqual(expects);
  });

  test('when a message holds several kinds, then findings come sorted by start with their tags', () => {
    const input = '我叫张三，电话13812345678，车牌湘A12345，邮箱z@example.com';

    const findings = detectPii(input);

    expect(findings.map((item) => [item.kind, item.tag])).toEqual([
      ['name', '<NAME>'],
      ['mobile', '<PHONE>'],
      ['plate', '<PLATE>'],
      ['email', '<EMAIL>'],
    ]);
  });

  test('when only some kinds are asked for, then the others are not reported', () => {
    const input = '我叫张三，电话13812345678，车牌湘A12345';

    const kinds = detectPii(input, { kinds: ['mobile', 'plate'] }).map((item) => item.kind);

    expect(kinds).toEqual(['mobile', 'plate']);
  });
});

describe('resolveOverlaps', () => {
  const candidate = (kind: PiiKind, start: number, end: number): PiiFinding => ({ kind, start, end, masked: '*', tag: `<${kind}>` });

  test('when a phone reading lies inside an ID number, then the ID wins', () => {
    const kept = resolveOverlaps([candidate('mobile', 3, 14), candidate('idCard', 0, 18)]);

    expect(kept.map((item) => item.kind)).toEqual(['idCard']);
  });

  test('when two findings of one kind overlap, then the longer wins', () => {
    const kept = resolveOverlaps([candidate('landline', 5, 13), candidate('landline', 0, 13)]);

    expect(kept.map((item) => [item.start, item.end])).toEqual([[0, 13]]);
  });

  test('when findings only touch, then all are kept, in text order', () => {
    const kept = resolveOverlaps([candidate('name', 21, 23), candidate('email', 0, 10), candidate('mobile', 10, 21)]);

    expect(kept.map((item) => item.kind)).toEqual(['email', 'mobile', 'name']);
  });
});

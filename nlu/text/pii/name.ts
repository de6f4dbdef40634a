/**
 * Names, only where the citizen introduces them: after 我叫, 本人姓名/名叫, 姓名:, 联系人: … A common
 * surname, one or two more Han characters, then a clear end (punctuation, or words such as 今年, 家住,
 * 电话). Precision first: bare "本人…" is not used (本人于…, 本人曾经… begin sentences), and 张某 is
 * already anonymous. The mask keeps the surname (`张*`).
 */
import { finding } from './mask.js';
import { groupSpan } from './shared.js';
import { type PiiFinding } from './types.js';

const COMPOUND =
  '欧阳|歐陽|司马|司馬|诸葛|諸葛|上官|东方|東方|皇甫|慕容|令狐|司徒|夏侯|尉迟|尉遲|长孙|長孫|宇文|公孙|公孫|端木|独孤|獨孤|南宫|南宮|申屠|澹台';
const SINGLE =
  '王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖蕭田董袁潘于於蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈' +
  '姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付傅方白邹鄒孟熊秦邱江尹薛闫閻段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯常温溫' +
  '康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂成苗谷盛' +
  '曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁窦竇戚岑景党宫宮费費' +
  '卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺';
const TRIGGER = String.raw`(?:我叫|我的名字(?:是|叫)|本人(?:姓名|名叫|叫)[:是]?|(?:姓名|联系人|聯繫人|聯系人|申请人|申請人|投诉人|投訴人|反映人|举报人|舉報人|当事人|當事人|开户名|開戶名|户名|戶名|收款人|持卡人|车主|車主)[:] ?)`;
const END = String.raw`(?=[\s,.!?;:)、，。！？；：）]|$|是|今年|现年|現年|家住|住在|现住|現住|身份证|身份證|电话|電話|手机|手機|联系|聯繫|男|女)`;
const CANDIDATE = `((?:${COMPOUND}|[${SINGLE}])\\p{Script=Han}{1,2})`;
const NAME = new RegExp(`${TRIGGER}${CANDIDATE}${END}`, 'dgu');
/**
 * Contact lists (`业主代表 刘其 136…，谭慈汉 139…`): a name standing alone between a separator and a
 * mobile number, optionally with 电话/手机 in between. Mobiles only: before a landline the word is far
 * more often a place or an office (成都028…, 查询电话0731…).
 */
const NAME_BEFORE_PHONE = new RegExp(
  String.raw`(?<=^|[\s,、(;:])${CANDIDATE}(?=[ :,]{0,2}(?:(?:电话|電話|手机|手機)[: ]{0,2})?(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d))`,
  'dgu',
);
const COMPOUND_FIRST = new RegExp(`^(?:${COMPOUND})`);
/** Already anonymous (张某), or a surname with a title or role (王先生, 张经理, 车主), not a name. */
const NOT_A_NAME =
  /某|氏|先生|女士|小姐|师傅|師傅|老师|老師|经理|經理|老板|老闆|主任|书记|書記|局长|局長|科长|科長|所长|所長|队长|隊長|村长|村長|镇长|鎮長|县长|縣長|市长|市長|总|總|医生|醫生|律师|律師|警官|查询|[工主]$/;

/** Further names in a list after a found one (`举报人：张三、李四 王五`): separated by 、 or a space only. */
const NEXT_IN_LIST = new RegExp(`[、 ]${CANDIDATE}${END}`, 'dyu');

export function detectNames(folded: string, original: string): PiiFinding[] {
  const found: PiiFinding[] = [];
  for (const match of [...folded.matchAll(NAME), ...folded.matchAll(NAME_BEFORE_PHONE)]) {
    let next: RegExpExecArray | null = match;
    while (next && !NOT_A_NAME.test(next[1] ?? '')) {
      const [start, end] = groupSpan(next, 1);
      found.push(masked(next[1] ?? '', start, end, original));
      const list = new RegExp(NEXT_IN_LIST);
      list.lastIndex = end;
      next = list.exec(folded);
    }
  }
  return found;
}

function masked(name: string, start: number, end: number, original: string): PiiFinding {
  const surname = COMPOUND_FIRST.test(name) ? 2 : 1;
  const given = Array.from(name).length - surname;
  return finding('name', start, end, original.slice(start, start + surname) + '*'.repeat(given));
}

/**
 * Commands a citizen types to steer the bot. A message is a command only when it is nothing else
 * ("取消", "我要找人工", "/help"); a report that mentions 投诉 in passing is not one, and
 * `stripIntentPrefix` splits "我要投诉小区门口的垃圾堆了三天" into the intent and the report itself.
 *
 * `myTickets` lists the citizen's own tickets and their progress ("我的工单", "查进度"); `query` looks
 * up a ticket by its number ("查询", "查工单"), so the bot asks for the number next.
 */
import { foldWithOrigin } from './fold.js';
import { replyText } from './reply-text.js';

export const COMMANDS = ['cancel', 'restart', 'agent', 'help', 'myTickets', 'query', 'report', 'consult'] as const;
export type Command = (typeof COMMANDS)[number];

/** Politeness around a command: 你好，请帮我…一下吧; hi, please, I'd like to … thanks. */
const PREFIX = String.raw`(?:(?:你好|您好|喂|hi|hello|hey) ?)?(?:请|麻烦你?|帮我|帮忙|我想要|我想|我要|我需要|我得|给我|可以|能不能|能否|我)*(?:please |(?:i|id) (?:want|would like|wanna|need|like) (?:to )?|(?:can|could|may) i |let me )*`;
const SUFFIX = String.raw`(?:一下)?(?:吧|啊|呀|了|吗|呢|哈|啦|哦|嘛|谢谢|好吗|好不好|可以吗|行吗|行不行)*(?: (?:please|thanks|thank you|now))*`;

const CORES: Readonly<Record<Command, string>> = {
  cancel: String.raw`取消(?:反映|投诉|举报|诉求|工单|提交|咨询)?|算了(?:吧)?(?:不(?:反映|投诉|举报|说|办|提交|弄|咨询|要)了?)?|不(?:反映|投诉|举报|提交|咨询|办|说)了|撤销|撤回|退出|结束(?:对话|会话|咨询)?|cancel|quit|exit|never ?mind|forget (?:it|about it)|abort`,
  restart: String.raw`重新开始|重新来过?|重来|从头开始|从头来|重新(?:填写?|说|反映|输入)|重置|再来一次|restart|start over|start again|begin again|reset|start`,
  agent: String.raw`转?人工(?:客服|服务|坐席|台)?|(?:找|接|转|要)(?:人工|真人|客服|工作人员|接线员)(?:客服|服务)?|客服|真人|接线员|agent|human|(?:talk|speak|chat) (?:to|with) (?:a |an )?(?:person|human|agent|operator|someone|real person|representative)|(?:a )?real person|operator|customer service|representative`,
  help: String.raw`帮助|菜单|主菜单|功能|使用说明|怎么用|如何使用|你(?:能|会|可以)(?:做|干)?(?:什么|啥)|help|menu|options|what can you do|how does this work`,
  myTickets: String.raw`(?:我的|我)(?:工单|诉求|反映|投诉|举报|咨询|记录|单子)(?:进度|情况)?|(?:查询|查|看|查看)(?:一下)?(?:我的)?(?:工单|诉求)?(?:进度|办理进度|处理进度|结果|处理结果|办理结果)|(?:办理|处理)(?:进度|情况|结果)|进度|my (?:tickets?|requests?|reports?|complaints?|cases?)|(?:check )?(?:my )?status|track(?: my (?:ticket|request|report))?|progress`,
  query: String.raw`查询|查询工单|工单查询|查工单|查单|查询单号|查工单号|查询诉求|诉求查询|query|look ?up(?: a)? ticket|lookup|check a ticket|find (?:a |my )?ticket`,
  report: String.raw`(?:反映|投诉|举报|报修|求助|报事|提建议|建议)(?:问题|情况|事情|个问题|一个问题)?|(?:新建|提交|发起)(?:诉求|工单)|report(?: a (?:problem|issue))?|complain|(?:file|make) a complaint|complaint|new (?:report|ticket|request)`,
  consult: String.raw`咨询(?:问题|个问题|一个问题|事情|政策)?|问(?:个|一个)?问题|问一下|请问一下|有(?:个|一个)?问题|(?:i )?(?:have|ask) a question|question|enquiry|inquiry|ask`,
};

const COMMAND_PATTERNS: readonly (readonly [Command, RegExp])[] = COMMANDS.map((command) => [
  command,
  new RegExp(`^${PREFIX}(?:${CORES[command]})${SUFFIX}$`, 'u'),
]);

export function parseCommand(text: string): Command | undefined {
  const reply = replyText(text);
  if (!reply) return undefined;
  return COMMAND_PATTERNS.find(([, pattern]) => pattern.test(reply))?.[0];
}

export interface IntentSplit {
  readonly intent?: 'report' | 'consult';
  /** The rest of the message in the citizen's own characters, without the leading intent words. */
  readonly rest: string;
}

const GREETING_LEAD = String.raw`(?:(?:你好|您好|喂|hi|hello|hey)[\s,，!！。.、]*)?`;
// Not before 的/了/过/得: "投诉了好几次" and "反映的问题" are the report, not an announcement of one.
const NOT_A_VERB_PHRASE = '(?![的了过得])';
const REPORT_LEAD = new RegExp(
  `^\\s*${GREETING_LEAD}(?:(?:我|本人)?(?:要|想|想要|需要|来)?(?:反映|投诉|举报|报修|求助|提(?:个|一个)?建议|建议)${NOT_A_VERB_PHRASE}(?:一下)?(?:个|一个)?(?:问题|情况|事情|事)?` +
    String.raw`|(?:i (?:want|would like|wish|need) to |id like to |i wanna )?(?:report|complain(?: about)?|(?:file|make) a complaint(?: about)?)(?: (?:that|about))?(?=[\s:,]))`,
  'u',
);
const CONSULT_LEAD = new RegExp(
  `^\\s*${GREETING_LEAD}(?:(?:我|本人)?(?:要|想|想要)?(?:咨询|问(?!题))${NOT_A_VERB_PHRASE}(?:一下)?(?:个|一个)?(?:问题|事情|事)?|请问(?:一下)?` +
    String.raw`|(?:i have a question(?: about)?|quick question|question|i (?:want|would like) to ask(?: about)?|can i ask(?: about)?)(?=[\s:,]))`,
  'u',
);
const SEPARATORS = /^[\s:：,，.。!！、;；-]*(?:关于|就是|有关|about)?[\s:：,，、]*/u;

export function stripIntentPrefix(text: string): IntentSplit {
  const folded = foldWithOrigin(text);
  for (const [intent, pattern] of [
    ['report', REPORT_LEAD],
    ['consult', CONSULT_LEAD],
  ] as const) {
    const match = pattern.exec(folded.text);
    if (!match) continue;
    const after = folded.text.slice(match[0].length);
    const end = match[0].length + (SEPARATORS.exec(after)?.[0].length ?? 0);
    return { intent, rest: text.slice(folded.origin[end]).trim() };
  }
  return { rest: text.trim() };
}

/**
 * Everything the bot says, in one place: a template per key and language, with `{name}` placeholders.
 * Admins reword any of them (BotText rows, api/routes/bot-texts.routes.ts); these are the defaults and
 * the contract (an override must keep the same placeholders). The language follows the citizen:
 * Chinese unless they write in Latin script.
 */
export type Language = 'zh' | 'en';
export const LANGUAGES: readonly Language[] = ['zh', 'en'];

export function detectLanguage(text: string | null | undefined): Language {
  if (!text) return 'zh';
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  return han === 0 && latin >= 3 ? 'en' : 'zh';
}

/** The language a message decides, or undefined when it is too short to tell ("1", "ok"). */
export function decisiveLanguage(text: string | null | undefined): Language | undefined {
  if (!text) return undefined;
  if (/\p{Script=Han}/u.test(text)) return 'zh';
  return (text.match(/[A-Za-z]{2,}/g) ?? []).join('').length >= 6 ? 'en' : undefined;
}

interface Template {
  zh: string;
  en: string;
  /** Shown to admins next to the text they edit. */
  about: string;
}

const t = (about: string, zh: string, en: string): Template => ({ zh, en, about });

export const TEXTS = {
  welcome: t(
    'Greeting on a follow, a hello, or "menu"',
    '您好，这里是 12345 政务服务便民热线。您可以直接描述遇到的问题（发生了什么、在哪里），也可以回复：\n1 反映问题\n2 查询工单进度\n3 政策咨询\n4 转人工\n随时回复"取消"放弃当前操作。',
    'Hello, this is the 12345 citizen service hotline. Describe your problem (what happened, and where), or reply:\n1 Report a problem\n2 My tickets\n3 Ask a question\n4 Talk to a person\nReply "cancel" at any time to stop.',
  ),
  help: t(
    'Answer to "help"',
    '可以这样使用：直接描述问题即可反映；发送工单号查询进度，或回复"我的工单"；有政策问题直接提问；回复"人工"转人工客服；"取消"放弃当前操作；"重新开始"从头再来。',
    'How this works: describe a problem to report it; send a ticket number or "my tickets" to see progress; ask a question and we answer it; "agent" reaches a person; "cancel" stops; "restart" starts over.',
  ),
  askQuestion: t('After "I have a question"', '请直接输入您想咨询的问题。', 'Please type your question.'),
  askWhat: t('Report: ask what happened', '请描述您遇到的问题（发生了什么）。', 'Please describe the problem (what happened).'),
  askWhere: t(
    'Report: ask where',
    '问题发生在哪里？请回复详细地址（如 某区某路某号、某小区几栋），或发送位置；也可以一并发送现场照片。不涉及具体地点请回复"跳过"。',
    'Where is it? Reply with the address (street and number, estate and building) or share a location; you can also send photos. If there is no particular place, reply "skip".',
  ),
  askContact: t(
    'Report: ask for a contact number',
    '请留下联系电话，便于办理部门联系您（仅用于办理本诉求）。不便留下请回复"不留"。',
    'Please leave a phone number so the responsible department can contact you (used for this request only). Reply "no" if you prefer not to.',
  ),
  askContactConsent: t(
    'Report: ask whether the known number may be used ({phone} is masked)',
    '办理部门可以通过 {phone} 联系您吗？回复"是"或"否"，也可以回复其他号码。',
    'May the responsible department call you on {phone}? Reply "yes" or "no", or send another number.',
  ),
  askPublish: t(
    'Report: ask for consent to publish',
    '办结后，是否同意在隐去个人信息后公开本诉求及答复？回复"同意"或"不同意"。',
    'Once handled, may we publish this request and its answer with your personal data removed? Reply "yes" or "no".',
  ),
  readback: t(
    'Report: read the report back before it is submitted',
    '请核对您的诉求：\n问题：{what}\n地点：{where}\n联系电话：{contact}\n公开：{publish}\n照片：{photos} 张\n回复"确认"提交，"修改"更改，"取消"放弃。',
    'Please check your request:\nProblem: {what}\nPlace: {where}\nPhone: {contact}\nPublish: {publish}\nPhotos: {photos}\nReply "confirm" to submit, "edit" to change, "cancel" to drop it.',
  ),
  askEditWhich: t(
    'Report: which part to change',
    '请问要修改哪一项？回复 1 问题描述，2 地点，3 联系电话，4 是否公开。',
    'What would you like to change? Reply 1 the problem, 2 the place, 3 the phone number, 4 publishing.',
  ),
  didNotUnderstand: t('Prefix when an answer did not fit the question', '抱歉，没有理解您的回复。', 'Sorry, I did not understand that.'),
  invalidPhone: t(
    'Report: the number given is not a phone number',
    '号码格式好像不对，请回复 11 位手机号或带区号的固定电话，或回复"不留"。',
    'That does not look like a phone number. Send a mobile number or a landline with area code, or reply "no".',
  ),
  photoReceived: t('A photo arrived during a report ({count} so far)', '已收到照片（共 {count} 张）。', 'Photo received ({count} so far).'),
  locationSaved: t('A place was recorded during a report', '已记录地点：{where}。', 'Place recorded: {where}.'),
  voiceSaved: t(
    'A voice note arrived that could not be transcribed',
    '已收到语音，工作人员会收听。',
    'We received your voice message; an agent will listen to it.',
  ),
  ticketCreated: t(
    'Report submitted ({number}; {days} working days to the expected answer)',
    '您的诉求已受理，工单号 {number}。我们将尽快审核并转交相关部门办理，一般在 {days} 个工作日内答复（节假日顺延），进展会通过本渠道告知您。回复"查询"可随时了解进度。',
    'Your request has been registered as ticket {number}. We will check it and pass it to the responsible department; expect an answer within {days} working days. Updates will reach you here; reply "my tickets" to check progress.',
  ),
  ticketAccepted: t(
    'A message that became a ticket without a dialog (API, SMS without replies …)',
    '您的诉求已受理，工单号 {number}。我们将核实后转交相关部门办理，办理进展会通过本渠道告知您。',
    'Your request has been registered as ticket {number}. We will check it and pass it to the responsible department; updates will reach you here.',
  ),
  voiceNeedsText: t(
    'A voice-only message became a ticket',
    '已收到您的语音留言（工单号 {number}），工作人员会收听。方便的话，请再用几句文字描述问题和地点，便于尽快处理。',
    'We received your voice message (ticket {number}) and an agent will listen to it. If you can, please also describe the problem and the place in a few words of text.',
  ),
  cancelled: t('After "cancel"', '已取消。如需反映问题或咨询，请随时告诉我们。', 'Cancelled. Write to us any time you need us.'),
  timedOut: t(
    'A half-finished report expired',
    '您上次未提交的诉求因长时间未回复已取消。',
    'Your unfinished request from earlier was dropped after a long pause.',
  ),
  handoff: t(
    'Handed to a person ({number} is the ticket agents see)',
    '已为您转接人工客服（工单号 {number}），工作人员会尽快在这里回复您。回复"结束"可结束人工服务。',
    'You are now waiting for a person (ticket {number}); an agent will answer you here. Reply "end" to leave.',
  ),
  handoffEnded: t(
    'The citizen or the agent ended the hand-off',
    '人工服务已结束，感谢您的耐心。',
    'The conversation with our agent has ended. Thank you.',
  ),
  status: t(
    'Progress of one ticket',
    '工单 {number}（{date} 提交）：{status}。{detail}',
    'Ticket {number} (submitted {date}): {status}. {detail}',
  ),
  statusDepartment: t('Progress detail: the handling unit', '承办单位：{department}。', 'Handled by {department}.'),
  statusAnswer: t('Progress detail: the answer', '答复：{answer}', 'Answer: {answer}'),
  statusMergedInto: t(
    'Progress detail: merged into another ticket (并单)',
    '已并入工单 {parent} 一并办理，该工单目前{status}。',
    'Merged into ticket {parent}, which is handled for both: it is now {status}.',
  ),
  statusNotFound: t(
    "A ticket number that is not the citizen's",
    '没有找到您提交的工单 {number}。请核对工单号；只能查询您本人提交的工单。',
    'We found no ticket {number} of yours. Please check the number; only your own tickets can be shown.',
  ),
  myTickets: t(
    "The citizen's recent tickets ({list})",
    '您最近的工单：\n{list}\n回复工单号可查看详情。',
    'Your recent tickets:\n{list}\nReply with a number for details.',
  ),
  myTicketsNone: t(
    'The citizen has no tickets',
    '您还没有提交过工单。直接描述问题即可反映。',
    'You have no tickets yet. Describe a problem to report it.',
  ),
  knowledgeAnswer: t(
    'Answer from the knowledge base',
    '{answer}\n\n以上答复是否解决了您的问题？回复"是"或"否"。',
    '{answer}\n\nDid this answer your question? Reply "yes" or "no".',
  ),
  knowledgeOffer: t(
    'Closest knowledge-base entries ({list})',
    '您想咨询的是不是以下问题？\n{list}\n回复序号查看答复；都不是请回复"都不是"，我们将转人工解答。',
    'Is your question one of these?\n{list}\nReply with its number; if none fits, reply "none" and an agent will answer.',
  ),
  knowledgeThanks: t('After a helpful answer', '感谢反馈！还有其他问题可以随时咨询。', 'Thank you! Ask us anything else any time.'),
  consultTicketCreated: t(
    'A question the knowledge base could not answer became a 咨询 ticket',
    '您的咨询已记录（工单号 {number}），工作人员将在 {days} 个工作日内答复您。',
    'Your question has been registered (ticket {number}); an agent will answer within {days} working days.',
  ),
  emergency: t(
    'An emergency: the number to call ({number}, {service})',
    '如遇紧急情况，请立即拨打 {number}（{service}）！12345 不能代替紧急救援。您的信息已记录并转交值班人员（工单号 {ticket}）。',
    'If this is an emergency, call {number} ({service}) now! 12345 cannot send emergency help. We have recorded your message for the duty officer (ticket {ticket}).',
  ),
  abusive: t(
    'A message with only abuse in it',
    '我们理解您的心情。请文明表达，具体说明遇到的问题，我们会认真办理。',
    'We understand you are upset. Please tell us calmly what the problem is, and we will take it up.',
  ),
  empty: t(
    'An empty message',
    '请用文字描述您遇到的问题，或发送照片、位置。',
    'Please describe your problem in words, or send a photo or a location.',
  ),
  rateLimited: t(
    'Too many messages in a short time',
    '您发送消息过于频繁，请稍后再试。紧急情况请拨打 110、119、120 或 122。',
    'You are sending messages too quickly; please try again later. In an emergency call 110, 119, 120 or 122.',
  ),
  callbackAsk: t(
    'Callback after an answer: resolved? ({number}, {answer})',
    '您的工单 {number} 已办理完毕。答复：{answer}\n请问您的问题是否已解决？回复"已解决"或"未解决"。',
    'Your ticket {number} has been answered: {answer}\nIs your problem solved? Reply "solved" or "not solved".',
  ),
  callbackAskSatisfaction: t(
    'Callback: how satisfied',
    '您对本次办理结果是否满意？回复 1 满意，2 基本满意，3 不满意。',
    'How satisfied are you with how it was handled? Reply 1 satisfied, 2 partly satisfied, 3 unsatisfied.',
  ),
  callbackThanks: t('Callback recorded', '感谢您的评价！', 'Thank you for your rating!'),
  callbackThanksUnsatisfied: t(
    'Callback recorded as unsatisfied',
    '感谢您的评价，我们会督促办理部门改进。如愿意，可以直接回复不满意的原因。',
    'Thank you; we will follow this up with the department. If you like, reply with what was wrong.',
  ),
  callbackCommentSaved: t(
    'The reason for dissatisfaction was saved',
    '已记录您的意见，谢谢。',
    'Your comment has been recorded. Thank you.',
  ),
  locationReceived: t(
    'A location with nothing else',
    '已收到您的位置。请再用文字说明遇到了什么问题。',
    'We received your location. Please tell us in words what the problem is.',
  ),
  contactLinked: t(
    'A shared phone number',
    '已记录您的手机号码，工单进展也可以通过短信告知您。',
    'We saved your phone number; ticket updates can also reach you by SMS.',
  ),
  ticketConfirmed: t(
    'Status notice: the agent confirmed the routing',
    '您的工单 {number} 已审核，将由{department}办理。',
    'Your ticket {number} has been reviewed and will be handled by {department}.',
  ),
  ticketRerouted: t(
    'Status notice: an agent checking the routing before dispatch named another unit',
    '您的工单 {number} 经复核，改由{department}办理。',
    'Your ticket {number} has been checked again and will now be handled by {department}.',
  ),
  ticketRejected: t(
    'Status notice: not taken up',
    '您的工单 {number} 不予受理：{reason}',
    'Your ticket {number} cannot be taken up: {reason}',
  ),
  ticketMerged: t(
    'Status notice: merged into an open ticket about the same matter (并单)',
    '您的工单 {number} 与工单 {parent} 反映的是同一事项，已并入该工单一并办理。查询工单 {number} 即可了解办理进展。',
    'Your ticket {number} is about the same matter as ticket {parent}; it has been merged into that ticket and is handled with it. Ask for ticket {number} to follow the progress.',
  ),
  ticketAnswered: t(
    'Status notice: an agent answered a consultation directly',
    '您的工单 {number} 答复如下：{answer}',
    'The answer to your ticket {number}: {answer}',
  ),
  // Words inside other texts.
  noPlace: t('Read-back: no place given', '未提供', 'none given'),
  noContact: t('Read-back: no phone number', '不留', 'none'),
  publishYes: t('Read-back: may be published', '同意公开（隐去个人信息）', 'yes, with personal data removed'),
  publishNo: t('Read-back: not to be published', '不公开', 'no'),
  // Button labels (channels with buttons show them; the texts above name the same options).
  'choice.report': t('Button', '反映问题', 'Report a problem'),
  'choice.myTickets': t('Button', '查询进度', 'My tickets'),
  'choice.consult': t('Button', '政策咨询', 'Ask a question'),
  'choice.agent': t('Button', '转人工', 'Talk to a person'),
  'choice.confirm': t('Button', '确认提交', 'Confirm'),
  'choice.edit': t('Button', '修改', 'Edit'),
  'choice.cancel': t('Button', '取消', 'Cancel'),
  'choice.skip': t('Button', '跳过', 'Skip'),
  'choice.yes': t('Button', '是', 'Yes'),
  'choice.no': t('Button', '否', 'No'),
  'choice.agree': t('Button', '同意', 'Yes'),
  'choice.disagree': t('Button', '不同意', 'No'),
  'choice.noPhone': t('Button', '不留', 'No number'),
  'choice.resolved': t('Button', '已解决', 'Solved'),
  'choice.unresolved': t('Button', '未解决', 'Not solved'),
  'choice.satisfied': t('Button', '满意', 'Satisfied'),
  'choice.basicallySatisfied': t('Button', '基本满意', 'Partly satisfied'),
  'choice.unsatisfied': t('Button', '不满意', 'Unsatisfied'),
  'choice.noneOfThese': t('Button', '都不是', 'None of these'),
  'choice.editWhat': t('Button', '问题描述', 'Problem'),
  'choice.editWhere': t('Button', '地点', 'Place'),
  'choice.editContact': t('Button', '联系电话', 'Phone'),
  'choice.editPublish': t('Button', '是否公开', 'Publishing'),
  'choice.endHandoff': t('Button', '结束人工', 'End'),
} as const satisfies Record<string, Template>;

export type TextKey = keyof typeof TEXTS;
export type TextArgs = Record<string, string | number>;

export function isTextKey(key: string): key is TextKey {
  return Object.hasOwn(TEXTS, key);
}

/** The `{name}` placeholders of a template, sorted: an admin's wording must keep exactly these. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1]!))].sort();
}

export function fill(template: string, args: TextArgs = {}): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => (name in args ? String(args[name]) : whole));
}

/** Renders a text: the admin's wording when there is one, else the default. */
export type RenderText = (key: TextKey, language: Language, args?: TextArgs) => string;

export const renderDefault: RenderText = (key, language, args) => fill(TEXTS[key][language], args);

/** DOMAIN.md §3: what the citizen is told for each reason a request is not taken up. */
export const rejectReasons: Record<string, Record<Language, string>> = {
  LEGAL_ROUTE: {
    zh: '该事项属于诉讼、仲裁、行政复议等法定途径，请通过相应途径办理。',
    en: 'this matter belongs to courts, arbitration or administrative review; please use that route.',
  },
  OUT_OF_JURISDICTION: {
    zh: '该事项不属本市管辖，请向所属地区反映。',
    en: 'this matter is outside the city’s jurisdiction; please contact the responsible area.',
  },
  NOT_GOV_DUTY: { zh: '该事项不属于政府职责范围。', en: 'this matter is not a government duty.' },
  REPEAT_NO_NEW_FACTS: {
    zh: '该事项已在办理或已依法处理，且无新的情况和理由。',
    en: 'this matter is already being handled or was handled, with no new facts.',
  },
  SECRET_PRIVACY: { zh: '该事项涉及国家秘密、商业秘密或个人隐私。', en: 'this matter concerns secrets or personal privacy.' },
  INVALID: { zh: '未能识别到具体诉求内容。', en: 'we could not find a concrete request in it.' },
  MALICIOUS: { zh: '该诉求不予受理。', en: 'this request is not accepted.' },
};

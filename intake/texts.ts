/**
 * Everything the bot says, in one place (the dialog issue makes these editable by admins).
 * The language follows the citizen's message: Chinese unless it is written in Latin script.
 */
export type Language = 'zh' | 'en';

export function detectLanguage(text: string | null | undefined): Language {
  if (!text) return 'zh';
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  return han === 0 && latin >= 3 ? 'en' : 'zh';
}

type Text<A extends unknown[] = []> = Record<Language, (...args: A) => string>;

export const texts = {
  ticketAccepted: {
    zh: (number: string) => `您的诉求已受理，工单号 ${number}。我们将核实后转交相关部门办理，办理进展会通过本渠道告知您。`,
    en: (number: string) =>
      `Your request has been registered as ticket ${number}. We will check it and pass it to the responsible department; updates will reach you here.`,
  } satisfies Text<[string]>,
  voiceNeedsText: {
    zh: (number: string) =>
      `已收到您的语音留言（工单号 ${number}），工作人员会收听。方便的话，请再用几句文字描述问题和地点，便于尽快处理。`,
    en: (number: string) =>
      `We received your voice message (ticket ${number}) and an agent will listen to it. If you can, please also describe the problem and the place in a few words of text.`,
  } satisfies Text<[string]>,
  welcome: {
    zh: () =>
      '您好，这里是 12345 政务服务便民热线。请直接发送文字、照片或位置，描述您遇到的问题（发生了什么、在哪里），我们会转交相关部门办理。',
    en: () =>
      'Hello, this is the 12345 citizen service hotline. Send us text, photos or a location describing your problem (what happened, and where); we will pass it to the responsible department.',
  } satisfies Text,
  locationReceived: {
    zh: () => '已收到您的位置。请再用文字说明遇到了什么问题。',
    en: () => 'We received your location. Please tell us in words what the problem is.',
  } satisfies Text,
  contactLinked: {
    zh: () => '已记录您的手机号码，工单进展也可以通过短信告知您。',
    en: () => 'We saved your phone number; ticket updates can also reach you by SMS.',
  } satisfies Text,
  ticketConfirmed: {
    zh: (number: string, department: string) => `您的工单 ${number} 已审核，将由${department}办理。`,
    en: (number: string, department: string) => `Your ticket ${number} has been reviewed and will be handled by ${department}.`,
  } satisfies Text<[string, string]>,
  ticketRejected: {
    zh: (number: string, reason: string) => `您的工单 ${number} 不予受理：${reason}`,
    en: (number: string, reason: string) => `Your ticket ${number} cannot be taken up: ${reason}`,
  } satisfies Text<[string, string]>,
} as const;

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

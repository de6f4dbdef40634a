/** Aliyun's 上行 push items and SendSms answers, validated at the boundary. */
import { z } from 'zod';

import { integerText } from './json.js';

/** Values as the lossless JSON reader gives them: numbers arrive as their source text. */
const text = (max: number) => z.string().max(max);

/** One mobile-originated SMS of an HTTP batch push (DOMAIN.md §11.3); unknown fields are kept in `raw`. */
export const aliyunPushItemSchema = z
  .object({
    phone_number: text(32).min(1, 'must not be empty'),
    send_time: text(40).optional(),
    content: text(5_000).default(''),
    sign_name: text(100).optional(),
    dest_code: text(40).optional(),
    sequence_id: z
      .string()
      .transform((value, ctx) => {
        const digits = integerText(value);
        if (digits === undefined) ctx.addIssue({ code: 'custom', message: 'must be a whole number' });
        return digits ?? '';
      })
      .optional(),
  })
  .loose();

export type AliyunPushItem = z.infer<typeof aliyunPushItemSchema>;

export const aliyunPushSchema = z.array(aliyunPushItemSchema).max(1_000, 'at most 1000 messages per push');

/** SendSms answers `{Code, Message, BizId, RequestId}`; only Code "OK" with a BizId is a sent message. */
export const sendSmsAnswerSchema = z
  .object({
    Code: z.string(),
    Message: z.string().optional(),
    BizId: z.string().optional(),
    RequestId: z.string().optional(),
  })
  .loose();

/**
 * JSON states of the small text classifiers (request type, urgency, department), so a trained model
 * can be saved beside the category model and loaded in every process. Weights and idf travel as
 * base64 of their little-endian Float32 bytes: exact (they are Float32 in memory too) and a quarter
 * of the size of decimal numbers. Loading checks the shape with zod and every array's length, so a
 * damaged file fails with a message instead of classifying with garbage.
 */
import { z } from 'zod';

import { TextModelFormatError } from './errors.js';

export const TEXT_CLASSIFIER_FORMAT = 'suqiu.text-classifier';
export const RULE_PRIOR_FORMAT = 'suqiu.rule-prior';

export const textClassifierStateSchema = z.object({
  format: z.literal(TEXT_CLASSIFIER_FORMAT),
  formatVersion: z.literal(1),
  labels: z.array(z.string().min(1)).min(2),
  temperature: z.number().positive(),
  maxN: z.number().int().min(1),
  /** Trained with extra terms (the keyword rules' hits): loading needs the same feature function. */
  extraFeatures: z.boolean(),
  vocabulary: z.array(z.string()),
  /** base64 of Float32 little-endian, one per vocabulary term. */
  idf: z.string(),
  /** base64 of Float32 little-endian, feature-major (w[f * labels + c]). */
  weights: z.string(),
  bias: z.array(z.number()),
});

export type TextClassifierState = z.infer<typeof textClassifierStateSchema>;

export const handoverSchema = z.object({
  examples: z.number().int().min(0),
  rulesAccuracy: z.number(),
  modelAccuracy: z.number(),
  rulesMacroF1: z.number(),
  modelMacroF1: z.number(),
});

export const rulePriorStateSchema = z.object({
  format: z.literal(RULE_PRIOR_FORMAT),
  formatVersion: z.literal(1),
  /** Absent when too few labels existed to compare model and rules. */
  handover: handoverSchema.nullable(),
  /** Absent when the rules answer. */
  model: textClassifierStateSchema.nullable(),
});

export type RulePriorState = z.infer<typeof rulePriorStateSchema>;

export function parseState<T>(schema: z.ZodType<T>, state: unknown, what: string): T {
  const parsed = schema.safeParse(state);
  if (!parsed.success) throw new TextModelFormatError(`${what} is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

// Float32 bytes are little-endian, which is what every platform Node runs on uses natively.
export function floatsToBase64(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

export function floatsFromBase64(text: string, length: number, what: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength !== length * 4) throw new TextModelFormatError(`${what}: expected ${length} values, found ${bytes.byteLength / 4}`);
  const copy = new Uint8Array(bytes); // aligned, owned memory for the Float32 view
  return new Float32Array(copy.buffer, 0, length);
}

/**
 * Chinese word segmentation with jieba's bundled dictionary. The dictionary takes about a quarter of a
 * second to load, so one instance is built on first use and shared (it is read-only after loading).
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let shared: Jieba | undefined;

export function segmentWords(text: string): string[] {
  shared ??= Jieba.withDict(dict);
  return shared.cut(text, true);
}

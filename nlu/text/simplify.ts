/**
 * Traditional → simplified Chinese for models. Citizens in some cities write Taiwan or Hong Kong
 * traditional characters; others paste the odd traditional character (沒, 強) into simplified text.
 *
 * OpenCC's converters are not safe on text that is already simplified. On the 7,079 TipDM messages,
 * Taiwan phrase conversion turned 文件 into 文档 and 程序 into 进程 in 996 messages, and the Taiwan
 * variant table turned 么 into 幺 (能办证么？) and 显著 into 显着. So: text without traditional-only characters
 * is returned as it is (nearly every message, and the fast path); mostly traditional text goes through
 * the Hong Kong and Taiwan variant tables, then OpenCC's t2s; simplified text with a few traditional
 * characters gets t2s alone. `bench/text.bench.ts` prints how many TipDM messages change.
 */
import { ConverterFactory, type ConverterFunction } from 'opencc-js/core';
import CJK_COMPATIBILITY from 'opencc-js/dict/CJK_Compatibility_Ideographs';
import HK_VARIANTS from 'opencc-js/dict/HKVariantsRev';
import HK_VARIANT_PHRASES from 'opencc-js/dict/HKVariantsRevPhrases';
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';
import TS_PHRASES from 'opencc-js/dict/TSPhrases';
import TW_VARIANTS from 'opencc-js/dict/TWVariantsRev';
import TW_VARIANT_PHRASES from 'opencc-js/dict/TWVariantsRevPhrases';

/**
 * Characters that are traditional-only by OpenCC's table but standard in simplified words too (乾坤,
 * 慰藉, 瞭望, names with 昇): they alone do not make a message traditional.
 */
const ALSO_SIMPLIFIED = '乾昇瞭藉';

const TRADITIONAL = 1;
const SIMPLIFIED = 2;

interface Converters {
  /** Per BMP code unit: TRADITIONAL, SIMPLIFIED or 0. */
  readonly script: Uint8Array;
  readonly variants: ConverterFunction;
  readonly t2s: ConverterFunction;
}

let converters: Converters | undefined;

/** Built on first use (about 50 ms), then shared: the converters hold no per-call state. */
function getConverters(): Converters {
  converters ??= buildConverters();
  return converters;
}

function buildConverters(): Converters {
  const pairs = TS_CHARACTERS.split('|').map((pair) => pair.split(' '));
  const sources = new Set(pairs.map(([source]) => source));
  const targets = new Set(pairs.map(([, target]) => target));
  const script = new Uint8Array(0x10000);
  for (const source of sources) {
    if (source && source.length === 1 && !targets.has(source) && !ALSO_SIMPLIFIED.includes(source))
      script[source.charCodeAt(0)] = TRADITIONAL;
  }
  for (const target of targets) {
    if (target && target.length === 1 && !sources.has(target)) script[target.charCodeAt(0)] = SIMPLIFIED;
  }
  // The dictionary chains of OpenCC's own hk2s/tw2s (variants) and t2s configurations.
  return {
    script,
    variants: ConverterFactory([HK_VARIANT_PHRASES, HK_VARIANTS], [TW_VARIANT_PHRASES, TW_VARIANTS]),
    t2s: ConverterFactory([CJK_COMPATIBILITY], [TS_PHRASES, TS_CHARACTERS]),
  };
}

export function toSimplified(text: string): string {
  const { script, variants, t2s } = getConverters();
  let traditional = 0;
  let simplified = 0;
  for (let i = 0; i < text.length; i += 1) {
    const kind = script[text.charCodeAt(i)];
    if (kind === TRADITIONAL) traditional += 1;
    else if (kind === SIMPLIFIED) simplified += 1;
  }
  if (traditional === 0) return text;
  return traditional > simplified ? t2s(variants(text)) : t2s(text);
}

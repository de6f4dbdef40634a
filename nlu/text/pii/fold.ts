/**
 * A matching view of the text with exactly one UTF-16 unit per original unit, so every offset found in it
 * is an offset in what the citizen wrote. NFKC cannot be used for this: it changes lengths (`①` → `1` is
 * fine, `…` → `...` is not). Folded: full-width ASCII (`１３８`, `＠`, `－`), the ideographic space, the
 * dash and middle-dot look-alikes that input methods produce, and zero-width spaces.
 */
const FOLDABLE = /[\u00a0\u00b7\u2002-\u200b\u2010-\u2015\u2022\u2027\u2212\u2219\u3000\u30fb\ufe63\uff01-\uff5e\uff65]/g;

function foldChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (code === 0x00b7 || code === 0x2022 || code === 0x2027 || code === 0x2219 || code === 0x30fb || code === 0xff65) return '·';
  if ((code >= 0x2010 && code <= 0x2015) || code === 0x2212 || code === 0xfe63) return '-';
  return ' ';
}

export function foldForMatching(text: string): string {
  return text.replace(FOLDABLE, foldChar);
}

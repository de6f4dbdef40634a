/** Reads the TipDM 2020 labelled messages (never copied into the repository; path from the command line). */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const DEFAULT_TIPDM = path.resolve(import.meta.dirname, '../../shared/data/tipdm2020c');

/** The data set's seven first-level labels, mapped onto suqiu's default tree (DOMAIN.md §5). */
export const TIPDM_TO_SUQIU: Record<string, string> = {
  城乡建设: 'URBAN',
  环境保护: 'ENV',
  交通运输: 'TRANS',
  教育文体: 'EDU',
  劳动和社会保障: 'LABOR',
  卫生计生: 'HEALTH',
  商贸旅游: 'MARKET',
};

export interface LabelledRow {
  text: string;
  label: string;
}

export function readLabelled(file: string): LabelledRow[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = JSON.parse(line) as { title?: string; detail?: string; text?: string; label: string };
      return { text: row.text ?? `${row.title ?? ''} ${row.detail ?? ''}`, label: row.label };
    });
}

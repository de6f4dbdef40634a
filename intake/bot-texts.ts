/**
 * Admins reword the bot: every text with its default and the admin's version, per language. An edit
 * must keep exactly the default's placeholders (a ticket number must still reach the citizen), and
 * restoring the default removes the row.
 */
import { z } from 'zod';

import type { Database } from '../core/db/database.js';
import { InvalidDataError, NotFoundError } from '../core/errors/index.js';
import { parseOrThrow } from '../core/validation.js';
import { isTextKey, LANGUAGES, placeholders, TEXTS, type Language, type TextKey } from './texts.js';

const editSchema = z.object({ text: z.string().trim().min(1).max(2_000) }).strict();

export async function listBotTexts(db: Database) {
  const rows = await db.prisma.botText.findMany();
  const custom = new Map(rows.map((row) => [`${row.key}/${row.language}`, row]));
  return Object.entries(TEXTS).map(([key, template]) => ({
    key,
    about: template.about,
    placeholders: placeholders(template.zh),
    ...Object.fromEntries(
      LANGUAGES.map((language) => {
        const row = custom.get(`${key}/${language}`);
        return [
          language,
          { text: row?.text ?? template[language], default: template[language], custom: Boolean(row), updatedAt: row?.updatedAt },
        ];
      }),
    ),
  }));
}

export async function editBotText(db: Database, key: string, language: string, body: unknown, userId?: string): Promise<void> {
  const { textKey, lang } = target(key, language);
  const { text } = parseOrThrow(editSchema, body, 'text');
  const expected = placeholders(TEXTS[textKey][lang]);
  const given = placeholders(text);
  const missing = expected.filter((name) => !given.includes(name));
  const unknown = given.filter((name) => !expected.includes(name));
  if (missing.length > 0 || unknown.length > 0) {
    throw new InvalidDataError(
      [
        missing.length > 0 ? `text: keep the placeholders ${missing.map((n) => `{${n}}`).join(', ')}` : '',
        unknown.length > 0
          ? `text: unknown placeholders ${unknown.map((n) => `{${n}}`).join(', ')} (this text has ${expected.map((n) => `{${n}}`).join(', ') || 'none'})`
          : '',
      ]
        .filter(Boolean)
        .join('; '),
    );
  }
  await db.prisma.botText.upsert({
    where: { key_language: { key: textKey, language: lang } },
    create: { key: textKey, language: lang, text, updatedById: userId },
    update: { text, updatedById: userId },
  });
}

export async function restoreBotText(db: Database, key: string, language: string): Promise<void> {
  const { textKey, lang } = target(key, language);
  await db.prisma.botText.deleteMany({ where: { key: textKey, language: lang } });
}

function target(key: string, language: string): { textKey: TextKey; lang: Language } {
  if (!isTextKey(key)) throw new NotFoundError(`bot text "${key}" does not exist`);
  if (!(LANGUAGES as readonly string[]).includes(language))
    throw new NotFoundError(`language "${language}": use ${LANGUAGES.join(' or ')}`);
  return { textKey: key, lang: language as Language };
}

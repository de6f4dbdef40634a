/** Console sessions: a random cookie token, stored only as its SHA-256. */
import type { Database } from '../db/database.js';
import type { PublicUser } from './users.js';
import { hashToken, randomToken } from './tokens.js';

export async function createSession(
  db: Database,
  userId: string,
  ttlMs: number,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken('sqs');
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db.prisma.session.create({ data: { tokenHash: hashToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

export async function resolveSession(db: Database, token: string, now = new Date()): Promise<PublicUser | undefined> {
  const session = await db.prisma.session.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!session || session.expiresAt <= now || !session.user.active) return undefined;
  const { id, username, displayName, role } = session.user;
  return { id, username, displayName, role };
}

export async function deleteSession(db: Database, token: string): Promise<void> {
  await db.prisma.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}

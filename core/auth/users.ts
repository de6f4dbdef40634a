/** Console users: agents and admins with scrypt-hashed passwords. */
import { z } from 'zod';

import type { Database } from '../db/database.js';
import type { Role } from '../db/generated/client.js';
import { isUniqueViolation } from '../db/helpers.js';
import { ConflictError } from '../errors/index.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { parseOrThrow } from '../validation.js';

export const newUserSchema = z
  .object({
    username: z
      .string()
      .trim()
      .min(3)
      .max(64)
      .regex(/^[a-zA-Z0-9_.-]+$/, 'letters, digits, _ . - only'),
    password: z.string().min(10, 'at least 10 characters').max(200),
    role: z.enum(['AGENT', 'ADMIN']),
    displayName: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

export type NewUser = z.infer<typeof newUserSchema>;

export interface PublicUser {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
}

const publicFields = { id: true, username: true, displayName: true, role: true } as const;

export async function createUser(db: Database, input: unknown): Promise<PublicUser> {
  const { username, password, role, displayName } = parseOrThrow(newUserSchema, input, 'user');
  try {
    return await db.prisma.user.create({
      data: { username: username.toLowerCase(), passwordHash: await hashPassword(password), role, displayName },
      select: publicFields,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`user "${username}" already exists`, { cause: error });
    throw error;
  }
}

/** Same answer and similar time for an unknown user and a wrong password. */
export async function authenticate(db: Database, username: string, password: string): Promise<PublicUser | undefined> {
  const user = await db.prisma.user.findUnique({ where: { username: username.trim().toLowerCase() } });
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.active || !valid) return undefined;
  await db.prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role };
}

// A real scrypt hash of a random string, so unknown users cost the same as known ones.
const DUMMY_HASH = 'scrypt$16384$8$1$2hxFdtJATgLdA0UXzcJVAw==$yXIpUu6n1wEw/FYW94SRhK5aCQJFqMgU4fsPflasxIM=';

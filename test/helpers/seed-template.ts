/** What every test database starts with: migrations, the default catalogue and the seed model. */
import type { Database } from '../../core/db/database.js';
import { createLogger } from '../../core/logger.js';
import { ensureActiveModel } from '../../intake/seed-model.js';
import { seedCatalogue } from '../../prisma/seed/seed.js';

export async function seedTemplate(db: Database): Promise<void> {
  await seedCatalogue(db);
  await ensureActiveModel(db, createLogger('silent'));
}

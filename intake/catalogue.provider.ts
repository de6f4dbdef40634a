/** Keeps the live taxonomy and dispatch catalogue in memory, re-read from the database periodically. */
import type { Database } from '../core/db/database.js';
import { Catalogue } from '../router/catalogue.js';
import type { Provider } from './deps.js';

export async function loadCatalogue(db: Database): Promise<Catalogue> {
  const [categories, departments] = await Promise.all([
    db.prisma.category.findMany({
      where: { active: true },
      include: {
        parent: { select: { code: true } },
        departments: { include: { department: { select: { code: true } } }, orderBy: { rank: 'asc' } },
      },
      orderBy: [{ level: 'asc' }, { sortOrder: 'asc' }],
    }),
    db.prisma.department.findMany({ where: { active: true }, include: { parent: { select: { code: true } } }, orderBy: { code: 'asc' } }),
  ]);
  return new Catalogue(
    categories.map((c) => ({
      code: c.code,
      name: c.name,
      level: c.level,
      parentCode: c.parent?.code,
      departmentCodes: c.departments.map((d) => d.department.code),
    })),
    departments.map((d) => ({ code: d.code, name: d.name, level: d.level, parentCode: d.parent?.code })),
  );
}

export class CatalogueProvider implements Provider<Catalogue> {
  private timer?: NodeJS.Timeout;

  private constructor(
    private readonly db: Database,
    private catalogue: Catalogue,
  ) {}

  public static async load(db: Database): Promise<CatalogueProvider> {
    return new CatalogueProvider(db, await loadCatalogue(db));
  }

  public current(): Catalogue {
    return this.catalogue;
  }

  public async refresh(): Promise<void> {
    this.catalogue = await loadCatalogue(this.db);
  }

  public startRefreshing(intervalMs: number, onError: (error: unknown) => void): void {
    this.timer = setInterval(() => void this.refresh().catch(onError), intervalMs);
    this.timer.unref();
  }

  public stop(): void {
    clearInterval(this.timer);
  }
}

/**
 * Open311 services are the live leaf categories (DOMAIN.md §11.6: service_code ↔ the most specific
 * category, group ↔ its first level). "Live" means active with every ancestor active, and no active
 * children: a citizen files under the most specific category there is.
 */
import type { Open311Service } from './schemas.js';

/** The part of the live catalogue (router/catalogue.ts) this channel reads. */
export interface CategoryTree {
  listCategories(): readonly { code: string; name: string; level: number; parentCode?: string }[];
}

export interface ServiceEntry {
  code: string;
  name: string;
  /** Name of the first-level category. */
  group: string;
}

export interface ServiceDetails {
  description: string | null;
  keywords: readonly string[];
}

/** The catalogue is replaced (not changed) on refresh, so one computation per catalogue instance. */
const cache = new WeakMap<CategoryTree, ReadonlyMap<string, ServiceEntry>>();

export function liveServices(tree: CategoryTree): ReadonlyMap<string, ServiceEntry> {
  const cached = cache.get(tree);
  if (cached) return cached;
  const categories = tree.listCategories();
  const byCode = new Map(categories.map((category) => [category.code, category]));
  const parents = new Set(categories.map((category) => category.parentCode).filter(Boolean));
  const roots = new Map(categories.filter((category) => !category.parentCode).map((root, index) => [root.code, index]));
  const leaves: (ServiceEntry & { rootIndex: number })[] = [];
  for (const category of categories) {
    if (parents.has(category.code)) continue;
    const root = rootOf(category.code, byCode);
    if (!root) continue; // an ancestor is inactive (absent from the live catalogue)
    leaves.push({ code: category.code, name: category.name, group: root.name, rootIndex: roots.get(root.code) ?? 0 });
  }
  // Grouped by first-level category in catalogue order; stable within a group.
  leaves.sort((a, b) => a.rootIndex - b.rootIndex);
  const services = new Map(leaves.map(({ rootIndex: _, ...entry }) => [entry.code, entry]));
  cache.set(tree, services);
  return services;
}

function rootOf(
  code: string,
  byCode: ReadonlyMap<string, { code: string; name: string; parentCode?: string }>,
): { code: string; name: string } | undefined {
  let current = byCode.get(code);
  // The tree has three levels; the bound only guards against a cycle in bad data.
  for (let depth = 0; current && depth < 16; depth += 1) {
    if (!current.parentCode) return current;
    current = byCode.get(current.parentCode);
  }
  return undefined;
}

export function toOpen311Service(entry: ServiceEntry, details: ServiceDetails | undefined): Open311Service {
  return {
    service_code: entry.code,
    service_name: entry.name,
    description: details?.description ?? null,
    metadata: false,
    type: 'batch',
    // GeoReport v2 keywords are one comma-separated string.
    keywords: details && details.keywords.length > 0 ? details.keywords.join(',') : null,
    group: entry.group,
  };
}

/** With metadata=false there are no attributes to describe; the definition is still answered. */
export function serviceDefinition(entry: ServiceEntry): { service_code: string; attributes: [] } {
  return { service_code: entry.code, attributes: [] };
}

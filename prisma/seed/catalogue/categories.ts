/**
 * suqiu's default category tree (DOMAIN.md §5, "suqiu's default L1 list"), one file per first-level
 * category. Demo data: a jurisdiction replaces it with its own 派单目录.
 */
import { agri } from './categories/agri.js';
import { civil } from './categories/civil.js';
import { econ } from './categories/econ.js';
import { edu } from './categories/edu.js';
import { env } from './categories/env.js';
import { gov } from './categories/gov.js';
import { health } from './categories/health.js';
import { labor } from './categories/labor.js';
import { land } from './categories/land.js';
import { market } from './categories/market.js';
import { other } from './categories/other.js';
import { safety } from './categories/safety.js';
import { trans } from './categories/trans.js';
import { urban } from './categories/urban.js';
import { util } from './categories/util.js';
import type { SeedCategory } from './types.js';

export const DEFAULT_CATEGORIES: readonly SeedCategory[] = [
  urban,
  util,
  env,
  trans,
  edu,
  labor,
  health,
  market,
  safety,
  civil,
  agri,
  land,
  gov,
  econ,
  other,
];

/**
 * Latent semantic analysis: a truncated SVD of the TF-IDF matrix of labelled and unlabelled messages
 * (no labels involved), so words that occur in the same kind of letters land near each other even when
 * a labelled message never used them. Randomised range finder with power iterations (Halko et al.,
 * 2011); the small eigenproblem is solved by cyclic Jacobi. Projection rows are L2-normalised and
 * appended to the sparse TF-IDF row as a dense block.
 */
import type { SparseVector } from '../linear/sparse.js';
import { seededRandom } from '../random.js';

export interface LsaProjection {
  dimensions: number;
  features: number;
  /** Feature-major: `matrix[f · dimensions + d]`. */
  matrix: Float32Array;
  /** Scale of the appended block (its L2 norm). */
  weight: number;
}

export interface LsaOptions {
  dimensions: number;
  weight: number;
  powerIterations: number;
  seed: number;
}

export function fitLsa(rows: readonly SparseVector[], features: number, options: LsaOptions): LsaProjection {
  const k = options.dimensions;
  const l = Math.min(k + 10, rows.length);
  const random = seededRandom(options.seed);
  // Ω: features × l Gaussian (Box–Muller).
  let omega: Float64Array = new Float64Array(features * l);
  for (let i = 0; i < omega.length; i += 1) omega[i] = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  let y: Float64Array = multiply(rows, omega, l); // n × l
  orthonormalize(y, rows.length, l);
  for (let q = 0; q < options.powerIterations; q += 1) {
    omega = multiplyTransposed(rows, y, features, l); // features × l
    orthonormalize(omega, features, l);
    y = multiply(rows, omega, l);
    orthonormalize(y, rows.length, l);
  }
  // B = Qᵀ X (l × features, stored features-major as Bᵀ); the right singular vectors of X are B's.
  const bt = multiplyTransposed(rows, y, features, l);
  const gram = new Float64Array(l * l); // B Bᵀ
  for (let f = 0; f < features; f += 1) {
    const base = f * l;
    for (let a = 0; a < l; a += 1) {
      const va = bt[base + a]!;
      if (va === 0) continue;
      for (let b = a; b < l; b += 1) gram[a * l + b]! += va * bt[base + b]!;
    }
  }
  for (let a = 0; a < l; a += 1) for (let b = 0; b < a; b += 1) gram[a * l + b] = gram[b * l + a]!;
  const { values, vectors } = jacobiEigen(gram, l);
  const order = [...values.keys()].sort((a, b) => values[b]! - values[a]!).slice(0, k);
  // V = Bᵀ U Σ⁻¹ (features × k).
  const matrix = new Float32Array(features * k);
  order.forEach((e, d) => {
    const sigma = Math.sqrt(Math.max(values[e]!, 1e-12));
    for (let f = 0; f < features; f += 1) {
      let sum = 0;
      for (let a = 0; a < l; a += 1) sum += bt[f * l + a]! * vectors[a * l + e]!;
      matrix[f * k + d] = sum / sigma;
    }
  });
  return { dimensions: k, features, matrix, weight: options.weight };
}

/** The row with the normalised projection appended at indices `features … features + dimensions − 1`. */
export function appendLsa(row: SparseVector, lsa: LsaProjection, scratch: Float64Array = new Float64Array(lsa.dimensions)): SparseVector {
  const k = lsa.dimensions;
  scratch.fill(0);
  for (let j = 0; j < row.indices.length; j += 1) {
    const base = row.indices[j]! * k;
    const value = row.values[j]!;
    for (let d = 0; d < k; d += 1) scratch[d]! += value * lsa.matrix[base + d]!;
  }
  let norm = 0;
  for (let d = 0; d < k; d += 1) norm += scratch[d]! * scratch[d]!;
  const scale = norm > 0 ? lsa.weight / Math.sqrt(norm) : 0;
  const indices = new Uint32Array(row.indices.length + k);
  const values = new Float32Array(row.indices.length + k);
  indices.set(row.indices);
  values.set(row.values);
  for (let d = 0; d < k; d += 1) {
    indices[row.indices.length + d] = lsa.features + d;
    values[row.values.length + d] = scratch[d]! * scale;
  }
  return { indices, values };
}

function multiply(rows: readonly SparseVector[], m: Float64Array, l: number): Float64Array {
  const out = new Float64Array(rows.length * l);
  rows.forEach((row, i) => {
    const o = i * l;
    for (let j = 0; j < row.indices.length; j += 1) {
      const base = row.indices[j]! * l;
      const v = row.values[j]!;
      for (let a = 0; a < l; a += 1) out[o + a]! += v * m[base + a]!;
    }
  });
  return out;
}

function multiplyTransposed(rows: readonly SparseVector[], m: Float64Array, features: number, l: number): Float64Array {
  const out = new Float64Array(features * l);
  rows.forEach((row, i) => {
    const o = i * l;
    for (let j = 0; j < row.indices.length; j += 1) {
      const base = row.indices[j]! * l;
      const v = row.values[j]!;
      for (let a = 0; a < l; a += 1) out[base + a]! += v * m[o + a]!;
    }
  });
  return out;
}

/** Modified Gram–Schmidt on the l columns of a row-major n × l matrix. */
function orthonormalize(m: Float64Array, n: number, l: number): void {
  for (let a = 0; a < l; a += 1) {
    for (let b = 0; b < a; b += 1) {
      let dot = 0;
      for (let i = 0; i < n; i += 1) dot += m[i * l + a]! * m[i * l + b]!;
      for (let i = 0; i < n; i += 1) m[i * l + a]! -= dot * m[i * l + b]!;
    }
    let norm = 0;
    for (let i = 0; i < n; i += 1) norm += m[i * l + a]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i += 1) m[i * l + a]! /= norm;
  }
}

/** Eigenvalues and column eigenvectors of a symmetric l × l matrix by cyclic Jacobi rotations. */
export function jacobiEigen(input: Float64Array, l: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(input);
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i += 1) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 50; sweep += 1) {
    let off = 0;
    for (let p = 0; p < l; p += 1) for (let q = p + 1; q < l; q += 1) off += a[p * l + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < l; p += 1) {
      for (let q = p + 1; q < l; q += 1) {
        const apq = a[p * l + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * l + q]! - a[p * l + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < l; k += 1) {
          const akp = a[k * l + p]!;
          const akq = a[k * l + q]!;
          a[k * l + p] = c * akp - s * akq;
          a[k * l + q] = s * akp + c * akq;
        }
        for (let k = 0; k < l; k += 1) {
          const apk = a[p * l + k]!;
          const aqk = a[q * l + k]!;
          a[p * l + k] = c * apk - s * aqk;
          a[q * l + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < l; k += 1) {
          const vkp = v[k * l + p]!;
          const vkq = v[k * l + q]!;
          v[k * l + p] = c * vkp - s * vkq;
          v[k * l + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(l);
  for (let i = 0; i < l; i += 1) values[i] = a[i * l + i]!;
  return { values, vectors: v };
}

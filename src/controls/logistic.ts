/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS), small and dependency-free:
 * the crossfit control needs a handful of features, a few thousand rows, and a deterministic fit.
 * Features are standardised on the training rows; the intercept is not penalised.
 */
export interface LogisticModel {
  /** intercept first, then one weight per standardised feature */
  beta: Float64Array;
  mean: Float64Array;
  scale: Float64Array;
  /** set when the training labels were all equal: predict this probability */
  constant: number | null;
}

const MAX_ITERATIONS = 100;

/**
 * Fits P(y = 1 | x) = σ(β₀ + Σ β_j z_j) with z the standardised x, minimising the negative
 * log-likelihood + (λ/2)·Σ_{j≥1} β_j².
 *
 * @example fitLogistic([[0], [1], [2], [3]], [0, 0, 1, 1], 1e-2).beta // intercept ≈ 0, slope > 0
 */
export function fitLogistic(x: number[][], y: number[], lambda = 1e-2): LogisticModel {
  const n = x.length;
  const d = x[0]?.length ?? 0;
  const mean = new Float64Array(d);
  const scale = new Float64Array(d).fill(1);
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i][j];
    mean[j] = s / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (x[i][j] - mean[j]) ** 2;
    const sd = Math.sqrt(ss / n);
    scale[j] = sd > 1e-12 ? sd : 1;
  }
  const positives = y.reduce((a, b) => a + b, 0);
  if (positives === 0 || positives === n) return { beta: new Float64Array(d + 1), mean, scale, constant: positives === 0 ? 0 : 1 };

  const p = d + 1;
  const z = x.map((row) => [1, ...row.map((v, j) => (v - mean[j]) / scale[j])]);
  const beta = new Float64Array(p);
  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    const grad = new Float64Array(p);
    const hess = Array.from({ length: p }, () => new Float64Array(p));
    for (let i = 0; i < n; i++) {
      let eta = 0;
      for (let j = 0; j < p; j++) eta += beta[j] * z[i][j];
      const mu = 1 / (1 + Math.exp(-eta));
      const w = Math.max(mu * (1 - mu), 1e-12);
      for (let j = 0; j < p; j++) {
        grad[j] += (mu - y[i]) * z[i][j];
        for (let l = 0; l <= j; l++) hess[j][l] += w * z[i][j] * z[i][l];
      }
    }
    for (let j = 1; j < p; j++) {
      grad[j] += lambda * beta[j];
      hess[j][j] += lambda;
    }
    for (let j = 0; j < p; j++) for (let l = j + 1; l < p; l++) hess[j][l] = hess[l][j];
    const step = solveSymmetric(hess, grad);
    let size = 0;
    for (let j = 0; j < p; j++) {
      beta[j] -= step[j];
      size = Math.max(size, Math.abs(step[j]));
    }
    if (size < 1e-10) break;
  }
  return { beta, mean, scale, constant: null };
}

export function predictLogistic(model: LogisticModel, x: number[]): number {
  if (model.constant !== null) return model.constant;
  let eta = model.beta[0];
  for (let j = 0; j < x.length; j++) eta += model.beta[j + 1] * ((x[j] - model.mean[j]) / model.scale[j]);
  return 1 / (1 + Math.exp(-eta));
}

/** Solves A·s = b for a symmetric positive-definite A by Gaussian elimination with partial pivoting. */
function solveSymmetric(a: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const diag = m[col][col] || 1e-300;
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / diag;
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  const s = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let v = m[r][n];
    for (let c = r + 1; c < n; c++) v -= m[r][c] * s[c];
    s[r] = v / (m[r][r] || 1e-300);
  }
  return s;
}

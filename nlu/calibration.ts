/**
 * Temperature scaling: one number T that makes softmax scores honest probabilities, fitted on
 * predictions for examples the model did not train on (k-fold cross-validation) by minimising the
 * negative log-likelihood. It changes no ranking, only how sure the model says it is.
 */
export interface HeldOutPrediction {
  /** Log-probabilities of every label at temperature 1. */
  logProbabilities: Float64Array;
  label: number;
}

export function negativeLogLikelihood(held: HeldOutPrediction[], temperature: number): number {
  let total = 0;
  for (const { logProbabilities, label } of held) {
    let max = -Infinity;
    for (const value of logProbabilities) max = Math.max(max, value / temperature);
    let sum = 0;
    for (const value of logProbabilities) sum += Math.exp(value / temperature - max);
    total += max + Math.log(sum) - logProbabilities[label]! / temperature;
  }
  return total / Math.max(1, held.length);
}

/** Golden-section search on log T in [1/100, 10]; NLL is unimodal in T for practical data. */
export function fitTemperature(held: HeldOutPrediction[]): number {
  if (held.length === 0) return 1;
  let low = Math.log(0.01);
  let high = Math.log(10);
  const ratio = (Math.sqrt(5) - 1) / 2;
  const loss = (logT: number) => negativeLogLikelihood(held, Math.exp(logT));
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let fa = loss(a);
  let fb = loss(b);
  for (let i = 0; i < 40; i += 1) {
    if (fa < fb) {
      high = b;
      b = a;
      fb = fa;
      a = high - ratio * (high - low);
      fa = loss(a);
    } else {
      low = a;
      a = b;
      fa = fb;
      b = low + ratio * (high - low);
      fb = loss(b);
    }
  }
  return Math.exp((low + high) / 2);
}

/** A sparse feature vector: parallel arrays of feature indexes and values. */
export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

export interface TrainingOptions {
  /** L2 penalty per example (weight decay): larger generalises more, fits less. */
  l2: number;
  epochs: number;
  learningRate: number;
}

/**
 * Multinomial logistic regression (softmax) over sparse features, trained full-batch with Adam.
 * Full-batch and zero-initialised, so the same data always gives the same weights: a model
 * version names one exact model. Weights are class-major: weights[c * dimensions + f].
 */
export class SoftmaxRegression {
  constructor(
    readonly classes: number,
    readonly dimensions: number,
    readonly weights: Float32Array,
    readonly bias: Float32Array,
  ) {}

  static train(
    examples: readonly SparseVector[],
    labels: readonly number[],
    classes: number,
    dimensions: number,
    { l2, epochs, learningRate }: TrainingOptions,
  ): SoftmaxRegression {
    const size = classes * dimensions;
    const weights = new Float32Array(size);
    const bias = new Float32Array(classes);
    const moments = { w: new Float64Array(size * 2), b: new Float64Array(classes * 2) };
    const gradient = new Float64Array(size);
    const biasGradient = new Float64Array(classes);
    const model = new SoftmaxRegression(classes, dimensions, weights, bias);
    const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
    const n = examples.length;
    for (let epoch = 1; epoch <= epochs; epoch++) {
      gradient.fill(0);
      biasGradient.fill(0);
      examples.forEach((x, i) => {
        const p = model.probabilities(x);
        for (let c = 0; c < classes; c++) {
          const error = (p[c] ?? 0) - (labels[i] === c ? 1 : 0);
          if (error === 0) continue;
          biasGradient[c] = (biasGradient[c] ?? 0) + error / n;
          const row = c * dimensions;
          for (let k = 0; k < x.index.length; k++) {
            const f = row + (x.index[k] ?? 0);
            gradient[f] = (gradient[f] ?? 0) + (error * (x.value[k] ?? 0)) / n;
          }
        }
      });
      const correction1 = 1 - beta1 ** epoch;
      const correction2 = 1 - beta2 ** epoch;
      const step = (
        values: Float32Array,
        grad: Float64Array,
        m: Float64Array,
        j: number,
        decay: number,
      ) => {
        const g = (grad[j] ?? 0) + decay * (values[j] ?? 0);
        const first = beta1 * (m[2 * j] ?? 0) + (1 - beta1) * g;
        const second = beta2 * (m[2 * j + 1] ?? 0) + (1 - beta2) * g * g;
        m[2 * j] = first;
        m[2 * j + 1] = second;
        values[j] =
          (values[j] ?? 0) -
          (learningRate * (first / correction1)) / (Math.sqrt(second / correction2) + epsilon);
      };
      for (let j = 0; j < size; j++) step(weights, gradient, moments.w, j, l2);
      for (let c = 0; c < classes; c++) step(bias, biasGradient, moments.b, c, 0);
    }
    return model;
  }

  /** Raw class scores (logits). */
  scores(x: SparseVector): Float64Array {
    const out = new Float64Array(this.classes);
    for (let c = 0; c < this.classes; c++) {
      let sum = this.bias[c] ?? 0;
      const row = c * this.dimensions;
      for (let k = 0; k < x.index.length; k++) {
        sum += (this.weights[row + (x.index[k] ?? 0)] ?? 0) * (x.value[k] ?? 0);
      }
      out[c] = sum;
    }
    return out;
  }

  /** Class probabilities, the logits divided by `temperature` first (calibration). */
  probabilities(x: SparseVector, temperature = 1): Float64Array {
    return softmax(this.scores(x), temperature);
  }

  /**
   * The `count` features of `x` that add most to class `c`'s score (positive only), strongest
   * first, among those `keep` accepts: a running top-k, cheaper than sorting every feature.
   */
  strongest(
    x: SparseVector,
    c: number,
    count: number,
    keep: (feature: number) => boolean = () => true,
  ): { feature: number; weight: number }[] {
    const row = c * this.dimensions;
    const top: { feature: number; weight: number }[] = [];
    for (let k = 0; k < x.index.length; k++) {
      const feature = x.index[k] ?? 0;
      const weight = (this.weights[row + feature] ?? 0) * (x.value[k] ?? 0);
      if (weight <= 0 || (top.length === count && weight <= (top[count - 1]?.weight ?? 0)))
        continue;
      if (!keep(feature)) continue;
      let at = top.length;
      while (at > 0 && (top[at - 1]?.weight ?? 0) < weight) at--;
      top.splice(at, 0, { feature, weight });
      if (top.length > count) top.pop();
    }
    return top;
  }
}

export function softmax(scores: ArrayLike<number>, temperature = 1): Float64Array {
  let top = -Infinity;
  for (let i = 0; i < scores.length; i++) top = Math.max(top, scores[i] ?? -Infinity);
  const out = new Float64Array(scores.length);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    out[i] = Math.exp(((scores[i] ?? top) - top) / temperature);
    sum += out[i] ?? 0;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / sum;
  return out;
}

/**
 * The temperature that makes held-out probabilities honest (temperature scaling, Guo et al.
 * 2017): the one minimising the negative log-likelihood of the true classes, by golden-section
 * search over [0.05, 20].
 */
export function fitTemperature(logits: readonly ArrayLike<number>[], labels: readonly number[]) {
  const loss = (t: number) =>
    logits.reduce((sum, z, i) => sum - Math.log(softmax(z, t)[labels[i] ?? 0] ?? 1e-12), 0);
  let [low, high] = [Math.log(0.05), Math.log(20)];
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 60; i++) {
    const a = high - ratio * (high - low);
    const b = low + ratio * (high - low);
    if (loss(Math.exp(a)) < loss(Math.exp(b))) high = b;
    else low = a;
  }
  return Math.exp((low + high) / 2);
}

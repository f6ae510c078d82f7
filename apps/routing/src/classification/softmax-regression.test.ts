import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  fitTemperature,
  softmax,
  SoftmaxRegression,
  type SparseVector,
} from './softmax-regression.js';

const vector = (entries: [number, number][]): SparseVector => ({
  index: Int32Array.from(entries.map(([i]) => i)),
  value: Float32Array.from(entries.map(([, v]) => v)),
});

describe('SoftmaxRegression', () => {
  // Feature 0 means class 0, feature 1 class 1, feature 2 class 2; feature 3 is noise.
  const examples = [
    vector([[0, 1]]),
    vector([
      [0, 0.8],
      [3, 0.6],
    ]),
    vector([[1, 1]]),
    vector([
      [1, 0.7],
      [3, 0.7],
    ]),
    vector([[2, 1]]),
    vector([
      [2, 0.9],
      [3, 0.4],
    ]),
  ];
  const labels = [0, 0, 1, 1, 2, 2];
  const options = { l2: 1e-4, epochs: 200, learningRate: 0.1 };

  it('learns separable classes and gives probabilities that sum to one', () => {
    const model = SoftmaxRegression.train(examples, labels, 3, 4, options);
    examples.forEach((x, i) => {
      const p = model.probabilities(x);
      assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-9);
      assert.equal(p.indexOf(Math.max(...p)), labels[i]);
    });
    // What speaks for class 1 in a text with features 1 and 3: feature 1 first.
    const mixed = vector([
      [1, 1],
      [3, 1],
    ]);
    assert.equal(model.strongest(mixed, 1, 1)[0]?.feature, 1);
    // Only what adds to the class: for class 2, features 0 and 1 speak against it.
    const all = vector([
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
    assert.deepEqual(
      model.strongest(all, 2, 3).map((s) => s.feature),
      [2],
    );
    assert.deepEqual(
      model.strongest(all, 2, 3, (f) => f !== 2),
      [],
    );
  });

  it('gives the same weights for the same data: a version names one model', () => {
    const a = SoftmaxRegression.train(examples, labels, 3, 4, options);
    const b = SoftmaxRegression.train(examples, labels, 3, 4, options);
    assert.deepEqual(a.weights, b.weights);
  });

  it('shrinks weights under a stronger penalty', () => {
    const norm = (m: SoftmaxRegression) => m.weights.reduce((s, w) => s + w * w, 0);
    const loose = SoftmaxRegression.train(examples, labels, 3, 4, options);
    const tight = SoftmaxRegression.train(examples, labels, 3, 4, { ...options, l2: 0.1 });
    assert.ok(norm(tight) < norm(loose) / 2);
  });
});

describe('temperature scaling', () => {
  it('softens over-confident scores that are often wrong, and sharpens timid ones that are right', () => {
    // Scores of 10 for the top class, right only 3 times in 5: a temperature above 1.
    const sure = [10, 0, 0];
    const labels = [0, 0, 0, 1, 2];
    assert.ok(
      fitTemperature(
        labels.map(() => sure),
        labels,
      ) > 2,
    );
    // Scores of 0.5 for the top class, always right: below 1.
    const timid = [0.5, 0, 0];
    assert.ok(fitTemperature([timid, timid, timid], [0, 0, 0]) < 0.5);
  });

  it('divides scores by the temperature', () => {
    assert.ok((softmax([2, 0], 2)[0] ?? 0) < (softmax([2, 0], 1)[0] ?? 0));
  });
});

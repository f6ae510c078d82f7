import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Categories } from '#common';
import { CLASSIFIER_TERMS_PATH, loadClassifierTerms } from './classifier-terms.js';

describe('the classifier terms file', () => {
  const shipped = JSON.parse(readFileSync(CLASSIFIER_TERMS_PATH, 'utf8')) as {
    categories: Record<string, Record<string, number>>;
  };
  const write = (content: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), 'terms-')), 'terms.json');
    writeFileSync(path, JSON.stringify(content));
    return path;
  };

  it('holds terms for every category but OTHER, and loads', () => {
    const terms = loadClassifierTerms();
    assert.deepEqual(
      Object.keys(terms.categories).sort(),
      Categories.filter((c) => c !== 'OTHER').sort(),
    );
    assert.equal(terms.categories.LABOR_SOCIAL_SECURITY['欠薪'], 3);
  });

  it('refuses a file with a weight out of range or a category it does not know, naming it', () => {
    const heavy = structuredClone(shipped);
    heavy.categories.HOUSING = { 烂尾: 30 };
    assert.throws(() => loadClassifierTerms(write(heavy)), /categories\.HOUSING\["烂尾"\]/);
    const unknown = structuredClone(shipped);
    unknown.categories.WEATHER = { 下雨: 1 };
    assert.throws(() => loadClassifierTerms(write(unknown)), /WEATHER/);
  });
});

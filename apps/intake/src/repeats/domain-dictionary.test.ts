import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  DOMAIN_DICTIONARY_PATH,
  loadDomainDictionary,
  PETITION_VOCABULARY,
} from './domain-dictionary.js';

describe('the domain dictionary file', () => {
  const shipped = JSON.parse(readFileSync(DOMAIN_DICTIONARY_PATH, 'utf8')) as {
    vocabulary: { words: Record<string, unknown> };
    stopWords: { words: unknown[] };
  };
  const write = (content: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), 'dictionary-')), 'dictionary.json');
    writeFileSync(path, JSON.stringify(content));
    return path;
  };

  it('loads, and gives jieba its vocabulary one "word freq tag" line each', () => {
    assert.equal(loadDomainDictionary().synonyms.terms['欠薪'], '拖欠工资');
    assert.ok(PETITION_VOCABULARY.startsWith('拖欠工资 20000 v\n'));
  });

  it('refuses a word without a frequency or a stop word with a space, naming it', () => {
    const unweighed = structuredClone(shipped);
    unweighed.vocabulary.words['保交楼'] = { tag: 'n' };
    assert.throws(
      () => loadDomainDictionary(write(unweighed)),
      /vocabulary\.words\["保交楼"\]\.frequency/,
    );
    const spaced = structuredClone(shipped);
    spaced.stopWords.words[3] = '我们 你们';
    assert.throws(() => loadDomainDictionary(write(spaced)), /stopWords\.words\[3\]/);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadMatterPhrases, MATTER_PHRASES_PATH } from './matter-terms.js';

describe('the matter phrases file', () => {
  const shipped = JSON.parse(readFileSync(MATTER_PHRASES_PATH, 'utf8')) as {
    countyLeaders: { patterns: { pattern: string }[] };
    unitAliases: { units: { kind: string }[] };
  };
  const write = (content: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), 'phrases-')), 'phrases.json');
    writeFileSync(path, JSON.stringify(content));
    return path;
  };

  it('loads, with its patterns compiled', () => {
    const phrases = loadMatterPhrases();
    const [countyHead] = phrases.countyLeaders.patterns;
    assert.ok(countyHead?.pattern.test('举报副区长'));
    assert.ok(!countyHead?.pattern.test('小区长期无人管理'));
    assert.equal(phrases.legalProceedings.needed, 2);
  });

  it('refuses a pattern that does not compile or a unit kind it does not know, naming it', () => {
    const broken = structuredClone(shipped);
    broken.countyLeaders.patterns[1] = { pattern: '[县区市(?:委' };
    assert.throws(() => loadMatterPhrases(write(broken)), /countyLeaders\.patterns\[1\]\.pattern/);
    const unknown = structuredClone(shipped);
    unknown.unitAliases.units[0] = { kind: 'BUREAU' };
    assert.throws(() => loadMatterPhrases(write(unknown)), /unitAliases\.units\[0\]\.kind/);
  });
});

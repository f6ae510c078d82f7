import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DirectoryFile, DirectoryFileSyntaxError } from './directory-file.js';

const YAML_FILE = `# two units
units:
  - code: 510903-GOV
    name: 船山区人民政府
    divisionCode: 510903
  - code: 510903100-GOV
    name: 龙凤镇人民政府
    divisionCode: 510903100
    superiorCode: 510903-GOV
`;

describe('a directory file', () => {
  it('reads YAML, with codes written unquoted as text', () => {
    const file = DirectoryFile.parse(YAML_FILE);
    assert.deepEqual(file.content(), {
      units: [
        { code: '510903-GOV', name: '船山区人民政府', divisionCode: '510903' },
        {
          code: '510903100-GOV',
          name: '龙凤镇人民政府',
          divisionCode: '510903100',
          superiorCode: '510903-GOV',
        },
      ],
    });
  });

  it('gives the line of a field, or of its unit when the field is missing', () => {
    const file = DirectoryFile.parse(YAML_FILE);
    assert.equal(file.lineOf(['units', 1, 'divisionCode']), 8);
    assert.equal(file.lineOf(['units', 0, 'kind']), 3);
    assert.equal(file.lineOf(['units']), 3);
    assert.equal(file.lineOf([]), 2);
  });

  it('reads JSON the same way', () => {
    const file = DirectoryFile.parse(
      '{\n  "units": [\n    { "code": "510903-GOV",\n      "divisionCode": 510903 }\n  ]\n}\n',
    );
    assert.deepEqual(file.content(), { units: [{ code: '510903-GOV', divisionCode: '510903' }] });
    assert.equal(file.lineOf(['units', 0, 'divisionCode']), 4);
  });

  it('names the line of a syntax error', () => {
    assert.throws(
      () => DirectoryFile.parse('units:\n  - code: A1\n    name: [unclosed\n'),
      (error: unknown) =>
        error instanceof DirectoryFileSyntaxError &&
        error.problems.length > 0 &&
        error.problems.every((problem) => problem.line >= 3),
    );
    assert.throws(
      () => DirectoryFile.parse('units: []\nunits: []\n'),
      (error: unknown) =>
        error instanceof DirectoryFileSyntaxError && error.problems[0]?.line === 2,
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { statusStepOutcome } from './status-steps.js';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 8, minute));

describe('statusStepOutcome', () => {
  const accepted = { from: ['ASSIGNED'], to: 'ACCEPTED', at: at(10) } as const;

  it('applies a step to the status it follows, or to its own (another unit accepted first)', () => {
    assert.equal(statusStepOutcome({ status: 'ASSIGNED', stepAt: at(5) }, accepted), 'APPLY');
    assert.equal(statusStepOutcome({ status: 'ACCEPTED', stepAt: at(5) }, accepted), 'APPLY');
    assert.equal(statusStepOutcome({ status: 'ASSIGNED', stepAt: null }, accepted), 'APPLY');
  });

  it('never lets a late step overwrite a later one', () => {
    // A's assignment arrives after B, to whom the case was transferred, accepted it.
    const lateAssignment = {
      from: ['RECEIVED', 'AWAITING_TRIAGE', 'ASSIGNED', 'ACCEPTED'],
      to: 'ASSIGNED',
      at: at(1),
    } as const;
    assert.equal(
      statusStepOutcome({ status: 'ACCEPTED', stepAt: at(10) }, lateAssignment),
      'SUPERSEDED',
    );
  });

  it('keeps a step that came before what it follows for later', () => {
    assert.equal(statusStepOutcome({ status: 'RECEIVED', stepAt: null }, accepted), 'TOO_EARLY');
    assert.equal(
      statusStepOutcome({ status: 'AWAITING_TRIAGE', stepAt: at(5) }, accepted),
      'TOO_EARLY',
    );
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { publicSubmissionSchema } from '../../apps/intake/src/petitions/petition.schemas.js';
import { PublicSubmissions } from '../../apps/intake/src/petitions/public-submissions.service.js';
import {
  assigned,
  heldMessage,
  minutesFromNow,
  newAssignment,
  step,
  type Assignment,
} from '../support/event-steps.js';
import { samplePetition } from '../support/http.js';
import { withService } from '../support/service-context.js';

/**
 * Routing's events reach intake out of order (retries with backoff, several replicas). Each status
 * step is applied in the order routing took it: a late one never takes the status back, and an
 * early one waits for what it follows instead of silently changing nothing.
 */
describe('intake applies events in the order they occurred', { timeout: 120_000 }, () => {
  const intake = withService('intake');
  const minute = minutesFromNow();
  let lead: Assignment;
  const status = async () => {
    const { rows } = await intake.env.db.query<{ status: string }>(
      `SELECT status FROM intake.petition WHERE id = $1`,
      [lead.petitionId],
    );
    return rows[0]?.status;
  };

  before(async () => {
    const receipt = await intake.app
      .get(PublicSubmissions)
      .submit(publicSubmissionSchema.parse(samplePetition()), '127.0.0.1');
    const { rows } = await intake.env.db.query<{ id: string }>(
      `SELECT id FROM intake.petition WHERE case_no = $1`,
      [receipt.caseNo],
    );
    lead = newAssignment({ caseNo: receipt.caseNo, petitionId: rows[0]?.id ?? '' });
    assert.equal(await intake.deliver('petition.assigned', assigned(lead, minute(0))), true);
    assert.equal(await status(), 'ASSIGNED');
  });

  it('intake: an acceptance before its assignment waits; a late assignment changes nothing', async () => {
    // The lead unit gave the case back; a dispatcher gave it to another unit, which accepted it.
    const other: Assignment = { ...lead, assignmentId: randomUUID(), unitCode: 'OTHER-UNIT' };
    assert.equal(await intake.deliver('case.returned', step(lead, minute(4))), true);
    assert.equal(await status(), 'AWAITING_TRIAGE');
    const accepted = heldMessage(intake, 'case.accepted', step(other, minute(6)));
    await accepted.heldBack();
    assert.equal(await status(), 'AWAITING_TRIAGE');
    assert.equal(await intake.deliver('petition.assigned', assigned(other, minute(5))), true);
    await accepted.completed();
    assert.equal(await status(), 'ACCEPTED');

    // The first unit's assignment, delivered again late, does not take the status back.
    assert.equal(await intake.deliver('petition.assigned', assigned(lead, minute(0))), true);
    assert.equal(await status(), 'ACCEPTED');
    assert.match(intake.output, /status step superseded by a later one/);
  });
});

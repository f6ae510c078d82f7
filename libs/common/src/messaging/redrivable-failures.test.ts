import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AwaitingPredecessor,
  isInfrastructureFailure,
  RedrivableFailure,
  redriveReasonOf,
  redriveReasonRecorded,
} from './redrivable-failures.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('redrivable failures', () => {
  it('recognises PostgreSQL and Redis being unreachable, also when wrapped', () => {
    assert.ok(
      isInfrastructureFailure(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')),
    );
    assert.ok(isInfrastructureFailure(new Error('Connection terminated unexpectedly')));
    assert.ok(isInfrastructureFailure(withCode('terminating connection', '57P01')));
    assert.ok(isInfrastructureFailure(withCode('connection failure', '08006')));
    assert.ok(isInfrastructureFailure(new Error('Connection is closed.')));
    assert.ok(
      isInfrastructureFailure(
        new Error(
          'QueryRunnerProviderAlreadyReleasedError: Database connection provided by a query runner was already released, cannot continue to use its querying methods anymore.',
        ),
      ),
    );
    assert.ok(
      isInfrastructureFailure(
        new Error('Query runner already released. Cannot run queries anymore.'),
      ),
    );
    // TypeORM's QueryFailedError keeps the driver's error; Node's happy eyeballs aggregate them.
    const typeorm = Object.assign(new Error('query failed'), {
      driverError: new Error('Connection terminated'),
    });
    assert.ok(isInfrastructureFailure(typeorm));
    assert.ok(isInfrastructureFailure(new AggregateError([withCode('x', 'ECONNREFUSED')], '')));
    assert.ok(isInfrastructureFailure(new Error('outer', { cause: withCode('y', 'ETIMEDOUT') })));
  });

  it('leaves business failures and bugs to the dead letters', () => {
    assert.ok(!isInfrastructureFailure(withCode('duplicate key value', '23505')));
    assert.ok(!isInfrastructureFailure(new TypeError('Cannot read properties of undefined')));
    assert.ok(!isInfrastructureFailure('ECONNREFUSED'));
    assert.equal(redriveReasonOf(new Error('malformed petition.received')), null);
  });

  it('records the reason at the head of the failure, where the redriver reads it back', () => {
    const early = new RedrivableFailure(
      redriveReasonOf(new AwaitingPredecessor('no conclusion clock yet')) ?? 'infrastructure',
      new AwaitingPredecessor('no conclusion clock yet'),
    );
    assert.equal(early.message, '[awaiting-predecessor] no conclusion clock yet');
    assert.equal(redriveReasonRecorded(early.message), 'awaiting-predecessor');
    const outage = new RedrivableFailure(
      'infrastructure',
      withCode('connect ECONNREFUSED', 'ECONNREFUSED'),
    );
    assert.equal(redriveReasonRecorded(outage.message), 'infrastructure');
    assert.equal(redriveReasonRecorded('malformed petition.received: [infrastructure] '), null);
    assert.equal(redriveReasonRecorded(undefined), null);
  });
});

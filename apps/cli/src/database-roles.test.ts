import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { grantStatements, serviceRoles } from './database-roles.js';

const url = (user: string) => `postgres://${user}@127.0.0.1:5432/xinfang`;

describe('database roles', () => {
  it('grants nothing when the services connect as the migrating role (one URL)', () => {
    assert.deepEqual(serviceRoles({ DATABASE_URL: url('postgres') }, url('postgres')), {});
  });

  it('names each service role from its URL, falling back to DATABASE_URL', () => {
    assert.deepEqual(
      serviceRoles(
        {
          DATABASE_URL: url('shared'),
          INTAKE_DATABASE_URL: url('xinfang_intake'),
          NOTIFY_DATABASE_URL: url('xinfang_notify'),
        },
        url('xinfang_owner'),
      ),
      { intake: 'xinfang_intake', routing: 'shared', notify: 'xinfang_notify' },
    );
  });

  it('keeps the audit trail append-only and the migrations record read-only', () => {
    const statements = grantStatements('intake', 'xinfang_intake', [
      { name: 'petition', kind: 'table' },
      { name: 'audit_event', kind: 'table' },
      { name: 'audit_chain', kind: 'table' },
      { name: 'migrations', kind: 'table' },
      { name: 'petition_for_routing_v1', kind: 'view' },
    ]);
    assert.ok(
      statements.includes('GRANT SELECT, INSERT ON intake."audit_event" TO "xinfang_intake"'),
    );
    assert.ok(
      statements.includes('GRANT SELECT, UPDATE ON intake."audit_chain" TO "xinfang_intake"'),
    );
    assert.ok(statements.includes('GRANT SELECT ON intake."migrations" TO "xinfang_intake"'));
    assert.ok(
      statements.includes('GRANT SELECT ON intake."petition_for_routing_v1" TO "xinfang_intake"'),
    );
    assert.ok(statements.every((s) => !/TRUNCATE|ALL TABLES/.test(s)));
  });
});

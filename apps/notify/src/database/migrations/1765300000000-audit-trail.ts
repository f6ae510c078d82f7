import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAuditTables, dropAuditTables } from '#common';

/** The audit trail: notify's append-only, hash-chained record of who did or read what. */
export class AuditTrail1765300000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await createAuditTables(runner, 'notify');
  }

  async down(runner: QueryRunner) {
    await dropAuditTables(runner, 'notify');
  }
}

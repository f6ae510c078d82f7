import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Routing flags major cases (重复访, 上级交办): the read contract gains how often a petition was
 * repeated and, for one transferred from above, the body that sent it. Columns only at the end.
 */
export class RoutingViewWeight1764810000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE OR REPLACE VIEW intake.petition_for_routing_v1 AS
      SELECT id, case_no, channel, division_code, person_count, nature, category, received_at,
             title, content, repeat_count, transfer ->> 'sourceBody' AS transfer_source_body
      FROM intake.petition`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP VIEW intake.petition_for_routing_v1`);
    await runner.query(`
      CREATE VIEW intake.petition_for_routing_v1 AS
      SELECT id, case_no, channel, division_code, person_count, nature, category, received_at,
             title, content
      FROM intake.petition`);
  }
}

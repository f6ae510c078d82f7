import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * petition_for_routing_v1 gains `repeat_of`: a petition about a matter already answered goes to
 * the unit that answered it (a column added at the end keeps the view's contract).
 */
export class RoutingViewRepeatOf1765800000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE OR REPLACE VIEW intake.petition_for_routing_v1 AS
      SELECT id, case_no, channel, division_code, person_count, nature, category, received_at,
             title, content, repeat_count, transfer ->> 'sourceBody' AS transfer_source_body,
             repeat_of
      FROM intake.petition`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP VIEW intake.petition_for_routing_v1`);
    await runner.query(`
      CREATE VIEW intake.petition_for_routing_v1 AS
      SELECT id, case_no, channel, division_code, person_count, nature, category, received_at,
             title, content, repeat_count, transfer ->> 'sourceBody' AS transfer_source_body
      FROM intake.petition`);
  }
}

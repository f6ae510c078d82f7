import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Routing classifies petitions from their text: the read contract gains title and content. */
export class RoutingViewText1764200000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE OR REPLACE VIEW intake.petition_for_routing_v1 AS
      SELECT id, case_no, channel, division_code, person_count, nature, category, received_at,
             title, content
      FROM intake.petition`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP VIEW intake.petition_for_routing_v1`);
    await runner.query(`
      CREATE VIEW intake.petition_for_routing_v1 AS
      SELECT id, case_no, channel, division_code, person_count, nature, category, received_at
      FROM intake.petition`);
  }
}

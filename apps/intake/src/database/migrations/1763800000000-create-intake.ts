import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '#common';

export class CreateIntake1763800000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE intake.petition (
        id uuid PRIMARY KEY,
        case_no text NOT NULL UNIQUE,
        query_code_hash text NOT NULL,
        channel text NOT NULL,
        title text NOT NULL,
        content text NOT NULL,
        division_code text NOT NULL,
        address text NOT NULL,
        person_count int NOT NULL CHECK (person_count >= 1),
        nature text,
        category text,
        status text NOT NULL,
        received_at timestamptz NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        registered_by_unit text,
        registered_by_user uuid,
        transfer jsonb,
        repeat_of uuid REFERENCES intake.petition (id),
        repeat_count int NOT NULL DEFAULT 0,
        closed_at timestamptz
      )`);
    await runner.query(`CREATE INDEX petition_repeat_of ON intake.petition (repeat_of)`);
    // Replays of a POST with the same Idempotency-Key get the first answer (sealed: it holds
    // the query code).
    await runner.query(`
      CREATE TABLE intake.idempotency_record (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        response_sealed text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
    await runner.query(`
      CREATE TABLE intake.petitioner (
        id uuid PRIMARY KEY,
        petition_id uuid NOT NULL REFERENCES intake.petition (id) DEFERRABLE INITIALLY DEFERRED,
        position int NOT NULL,
        name_sealed text NOT NULL,
        id_number_sealed text,
        id_number_index text,
        phone_sealed text,
        phone_index text,
        address_sealed text,
        UNIQUE (petition_id, position)
      )`);
    // A person's earlier petitions are found by blind index (repeat detection).
    await runner.query(`CREATE INDEX petitioner_id_number ON intake.petitioner (id_number_index)`);
    await runner.query(`CREATE INDEX petitioner_phone ON intake.petitioner (phone_index)`);
    // Per territory and day, so case numbers stay short and readable under concurrency.
    await runner.query(`
      CREATE TABLE intake.case_number_sequence (
        territory char(6) NOT NULL,
        day date NOT NULL,
        last_value int NOT NULL,
        PRIMARY KEY (territory, day)
      )`);
    await createMessagingTables(runner, 'intake');
    // Read contract for routing: the matter, without the people.
    await runner.query(`
      CREATE VIEW intake.petition_for_routing_v1 AS
      SELECT id, case_no, channel, division_code, person_count, nature, category, received_at
      FROM intake.petition`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP VIEW intake.petition_for_routing_v1`);
    await dropMessagingTables(runner, 'intake');
    await runner.query(`DROP TABLE intake.case_number_sequence`);
    await runner.query(`DROP TABLE intake.idempotency_record`);
    await runner.query(`DROP TABLE intake.petitioner`);
    await runner.query(`DROP TABLE intake.petition`);
  }
}

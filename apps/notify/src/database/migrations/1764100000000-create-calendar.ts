import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The working calendar that deadlines are counted on: the days that differ from "Monday to Friday
 * work, weekends rest" (statutory holidays and the make-up working days, 调休), and the years whose
 * State Council schedule is known. A year not listed is one the calendar cannot vouch for.
 */
export class CreateCalendar1764100000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE notify.calendar_day (
        day date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('HOLIDAY', 'WORKDAY')),
        name text NOT NULL,
        source text NOT NULL,
        -- A make-up working day only means something on a weekend.
        CHECK (kind <> 'WORKDAY' OR extract(isodow FROM day) >= 6)
      )`);
    await runner.query(`
      CREATE TABLE notify.calendar_coverage (
        year int PRIMARY KEY,
        source text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP TABLE notify.calendar_coverage`);
    await runner.query(`DROP TABLE notify.calendar_day`);
  }
}

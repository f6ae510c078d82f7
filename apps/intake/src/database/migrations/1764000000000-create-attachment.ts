import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Files given with petitions; the bytes are in the attachment store, not in the database. */
export class CreateAttachment1764000000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE intake.attachment (
        id uuid PRIMARY KEY,
        petition_id uuid NOT NULL REFERENCES intake.petition (id),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        content_type text NOT NULL
          CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL UNIQUE,
        uploaded_by text NOT NULL CHECK (uploaded_by ~ '^(petitioner|staff:.+)$'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX attachment_petition_id ON intake.attachment (petition_id)`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP TABLE intake.attachment`);
  }
}

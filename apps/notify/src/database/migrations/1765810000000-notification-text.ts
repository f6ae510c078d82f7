import type { MigrationInterface, QueryRunner } from 'typeorm';
import { renderStored, TemplateError, type Locale } from '../../notifications/templates.js';

const BATCH = 1000;

interface StoredNotice {
  id: string;
  template: string;
  variables: Record<string, string>;
  locale: Locale;
}

/**
 * Each notification keeps what it says as staff may read it (the staff case view shows it): its
 * subject and text, rendered when stored, with the receipt's query code masked (it is added only
 * when the SMS is sent). Intake reads them through notify.case_notification_v2.
 */
export class NotificationText1765810000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(
      `ALTER TABLE notify.notification ADD COLUMN subject text, ADD COLUMN text text`,
    );
    // The notices stored before, rendered as they are now stored.
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const rows = (await runner.query(
        `SELECT id, template, variables, locale FROM notify.notification
         WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
        [after],
      )) as StoredNotice[];
      const shown = rows.flatMap((row) => {
        try {
          return [{ id: row.id, ...renderStored(row.template, row.variables, row.locale) }];
        } catch (error) {
          // A template since removed: the notice keeps no text.
          if (error instanceof TemplateError) return [];
          throw error;
        }
      });
      await runner.query(
        `UPDATE notify.notification n SET subject = s.subject, text = s.text
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS s (id, subject, text)
         WHERE n.id = s.id`,
        [shown.map((s) => s.id), shown.map((s) => s.subject), shown.map((s) => s.text)],
      );
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]?.id ?? after;
    }
    await runner.query(`
      CREATE VIEW notify.case_notification_v2 AS
      SELECT id, petition_id, channel, recipient_kind, recipient, template, status, created_at,
             sent_at, subject, text
      FROM notify.notification`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP VIEW notify.case_notification_v2`);
    await runner.query(`ALTER TABLE notify.notification DROP COLUMN text, DROP COLUMN subject`);
  }
}

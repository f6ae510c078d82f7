import { AuditActions, AuditTrail, Tx, type AppConfig } from '#common';
import {
  loadCalendarNotice,
  type CalendarLoadResult,
} from '../../../notify/src/calendar/calendar-load.js';
import {
  fieldOf,
  InvalidNoticeError,
  readCalendarNotice,
  type CalendarNotice,
} from '../../../notify/src/calendar/calendar-notice.js';
import { auditDetail } from '../../../notify/src/calendar/calendar-notices.service.js';
import { notifyData } from '../../../notify/src/database/notify-data.js';
import { parseReminderOffsets } from '../../../notify/src/deadlines/deadline-alerts.js';
import { deadlineRules } from '../../../notify/src/deadlines/deadline-rules.js';
import { withDataSource } from '../service-data.js';
import { cliActor } from './audit.js';
import { problemAt, readLoadFile } from './load-file.js';

export type CalendarLoadOutcome =
  { loaded: true; result: CalendarLoadResult } | { loaded: false; problems: string[] };

/**
 * Loads a year's holiday notice file (YAML or JSON, docs/operations.md): every problem is
 * reported with its line and field and nothing is written; a good file is loaded in one
 * transaction with its audit entry, and the year's provisional deadlines are counted again.
 */
export async function calendarLoad(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DEADLINE_WORKING_DAY_KINDS' | 'REMINDER_OFFSETS'>,
  path: string,
  now = new Date(),
): Promise<CalendarLoadOutcome> {
  const read = await readLoadFile(path);
  if ('problems' in read) return { loaded: false, problems: read.problems };
  const { file } = read;
  let notice: CalendarNotice;
  try {
    notice = readCalendarNotice(file.content());
  } catch (error) {
    if (!(error instanceof InvalidNoticeError)) throw error;
    return {
      loaded: false,
      problems: error.issues.map((issue) =>
        problemAt(file.lineOf(issue.path), fieldOf(issue.path), issue),
      ),
    };
  }
  const actor = cliActor();
  return withDataSource(config, notifyData, async (dataSource) => {
    const audit = new AuditTrail(dataSource, 'notify');
    const result = await dataSource.transaction(async (manager) => {
      const tx = new Tx(manager, 'notify');
      const loaded = await loadCalendarNotice(tx, notice, {
        rules: deadlineRules(config.DEADLINE_WORKING_DAY_KINDS),
        offsets: parseReminderOffsets(config.REMINDER_OFFSETS),
        loadedBy: actor.username ?? 'cli',
        now,
      });
      await audit.record(tx, {
        action: AuditActions.CalendarLoad,
        actor,
        clientIp: null,
        target: { type: 'calendar', id: String(notice.year) },
        detail: auditDetail(loaded, 'cli'),
      });
      return loaded;
    });
    return { loaded: true, result };
  });
}

import type { EntityManager } from 'typeorm';

const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day in China (UTC+8) of an instant, as YYYY-MM-DD. */
export function chinaDate(at: Date): string {
  return SHANGHAI_DATE.format(at);
}

/** 信访件编号: XF-{county code}-{YYYYMMDD}-{6-digit sequence of that county and day}. */
export function formatCaseNo(territory: string, day: string, sequence: number): string {
  return `XF-${territory}-${day.replaceAll('-', '')}-${String(sequence).padStart(6, '0')}`;
}

/**
 * Allocates the next case number inside the registering transaction. The upsert locks the
 * territory's row for the day, so concurrent registrations get distinct, gap-free numbers.
 */
export async function nextCaseNo(
  manager: EntityManager,
  divisionCode: string,
  receivedAt: Date,
): Promise<string> {
  const territory = divisionCode.slice(0, 6);
  const day = chinaDate(receivedAt);
  const [row] = await manager.query<[{ last_value: number }]>(
    `INSERT INTO intake.case_number_sequence (territory, day, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (territory, day) DO UPDATE SET last_value = case_number_sequence.last_value + 1
     RETURNING last_value`,
    [territory, day],
  );
  return formatCaseNo(territory, day, row.last_value);
}

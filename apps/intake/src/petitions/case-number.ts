/** 信访件编号: XF-{county code}-{YYYYMMDD}-{6-digit sequence of that county and day}. */
export function formatCaseNo(territory: string, day: string, sequence: number): string {
  return `${caseNoPrefix(territory, day)}${String(sequence).padStart(6, '0')}`;
}

/** What every case number of the county and day starts with. */
export function caseNoPrefix(territory: string, day: string): string {
  return `XF-${territory}-${day.replaceAll('-', '')}-`;
}

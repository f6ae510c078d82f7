/** 信访件编号, as intake numbers cases: XF-{county code}-{YYYYMMDD}-{6-digit sequence}. */
export const CASE_NO_PATTERN = /^XF-\d{6}-\d{8}-\d{6}$/;

import { readFileSync } from 'node:fs';

/** The records of a JSON Lines fixture file (../shared/fixtures/*.jsonl), blank lines skipped. */
export function readJsonLines<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

/** A minimal PDF with one empty page. */
export function tinyPdf(): Buffer {
  return Buffer.from(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
      'trailer << /Root 1 0 R >>',
      '%%EOF',
      '',
    ].join('\n'),
    'latin1',
  );
}

/** Unpaid wages at a site in 射洪市 (the labour bureau's matter), and the same raised again. */
export const WAGES = {
  title: '反映涪江壹号项目拖欠农民工工资问题',
  content:
    '我在射洪市太和街道涪江壹号项目工地做钢筋工，包工头周某拖欠工资38600元，有欠条。项目部说劳务费已拨给川顺公司，川顺公司推说在对账。请求政府督促支付欠薪。',
  divisionCode: '510981001',
  address: '射洪市太和街道涪江壹号项目工地',
};
export const WAGES_AGAIN = {
  ...WAGES,
  title: '涪江壹号工地欠薪至今未解决',
  content:
    '上个月反映的涪江壹号项目拖欠我钢筋工工资38600元的事情，川顺公司和包工头周某到现在还没给钱，请政府抓紧督促支付拖欠的农民工工资。',
};

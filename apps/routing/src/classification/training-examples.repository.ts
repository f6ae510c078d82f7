import type { EntityManager } from 'typeorm';
import type { Category, Nature } from '#common';
import type { LabelledFixture } from './labelled-file.js';

interface CorrectionRow {
  case_no: string;
  title: string;
  content: string;
  division_code: string;
  confirmed_nature: Nature;
  confirmed_category: Category;
  unit_division_code: string;
  unit_level: 'PREFECTURE' | 'COUNTY' | 'TOWNSHIP';
}

/**
 * Dispatchers' triage decisions as labelled petitions: what they confirmed the petition to be and
 * the unit they chose, with the text from intake's read contract. Each decision teaches the model.
 */
export class TrainingExamplesRepository {
  constructor(private readonly manager: EntityManager) {}

  async dispatcherDecisions(): Promise<LabelledFixture[]> {
    const rows = await this.manager.query<CorrectionRow[]>(
      `SELECT k.case_no, p.title, p.content, p.division_code, k.confirmed_nature,
              k.confirmed_category, u.division_code AS unit_division_code, u.level AS unit_level
       FROM routing.classification_correction k
       JOIN intake.petition_for_routing_v1 p ON p.id = k.petition_id
       JOIN routing.unit u ON u.code = k.confirmed_unit_code
       ORDER BY k.decided_at, k.case_no`,
    );
    return rows.map((row) => {
      const prefecture = `${row.division_code.slice(0, 4)}00`;
      const prefectureUnit = row.unit_level === 'PREFECTURE';
      return {
        id: row.case_no,
        title: row.title,
        content: row.content,
        divisionCode: row.division_code,
        nature: row.confirmed_nature,
        category: row.confirmed_category,
        level: row.division_code === prefecture ? null : prefectureUnit ? 'PREFECTURE' : 'COUNTY',
        routeDivisionCode: prefectureUnit ? prefecture : row.unit_division_code.slice(0, 6),
        triage: false,
        accusedUnits: null,
      };
    });
  }
}

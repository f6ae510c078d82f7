import type { EntityManager } from 'typeorm';
import { CaseFile, type MajorReason } from './case-file.entity.js';

/** routing.case_file: routing's record of each case, one per petition. */
export class CaseFileRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The case file, locked: serialises the steps and decisions taken on the case. */
  async lock(petitionId: string): Promise<CaseFile> {
    const file = await this.manager.findOne(CaseFile, {
      where: { petitionId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!file) throw new Error(`case file of petition ${petitionId} missing`);
    return file;
  }

  /** Locks the case file's row without reading it. */
  async lockRow(petitionId: string): Promise<void> {
    await this.manager.query(`SELECT 1 FROM routing.case_file WHERE petition_id = $1 FOR UPDATE`, [
      petitionId,
    ]);
  }

  async update(petitionId: string, changes: Partial<CaseFile>): Promise<void> {
    await this.manager.update(CaseFile, { petitionId }, changes);
  }

  async insert(file: Omit<CaseFile, 'updatedAt'>): Promise<void> {
    await this.manager.insert(CaseFile, file);
  }

  /** The case's reasons to be major, its row locked; undefined when routing has no case file. */
  async lockMajorReasons(petitionId: string): Promise<MajorReason[] | undefined> {
    const [caseFile] = await this.manager.query<{ major_reasons: MajorReason[] }[]>(
      `SELECT major_reasons FROM routing.case_file WHERE petition_id = $1 FOR UPDATE`,
      [petitionId],
    );
    return caseFile?.major_reasons;
  }

  async addMajorReasons(petitionId: string, added: MajorReason[]): Promise<void> {
    await this.manager.query(
      `UPDATE routing.case_file SET major_reasons = major_reasons || $2::text[], updated_at = now()
       WHERE petition_id = $1`,
      [petitionId, added],
    );
  }

  /** The case waits in triage (分流) for a dispatcher, for this reason. */
  async sendToTriage(petitionId: string, reason: string): Promise<void> {
    await this.manager.query(
      `UPDATE routing.case_file
       SET awaiting_triage = true, triage_reason = $2, updated_at = now()
       WHERE petition_id = $1`,
      [petitionId, reason],
    );
  }

  /** The case leaves triage. */
  async leaveTriage(petitionId: string): Promise<void> {
    await this.manager.query(
      `UPDATE routing.case_file SET awaiting_triage = false, triage_reason = NULL, updated_at = now()
       WHERE petition_id = $1`,
      [petitionId],
    );
  }
}

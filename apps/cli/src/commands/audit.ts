import { userInfo } from 'node:os';
import {
  AuditChainBroken,
  purgeAuditChain,
  verifyAuditChain,
  type AppConfig,
  type AuditActor,
  type ChainReport,
} from '#common';
import { allServiceData, withDataSource } from '../service-data.js';

/** The person at the command line, as the audit trail names them. */
export function cliActor(): AuditActor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // No user entry (some containers): the trail still says it was the command line.
  }
  return { id: null, username: `cli:${name}`, unitCode: null };
}

/** Every service's chain, verified. */
export async function auditVerify(config: Pick<AppConfig, 'DATABASE_URL'>) {
  const reports: ChainReport[] = [];
  for (const spec of allServiceData) {
    reports.push(
      await withDataSource(config, spec, (dataSource) => verifyAuditChain(dataSource, spec.schema)),
    );
  }
  return reports;
}

/** One line per chain: ok with its extent and head, or the first broken row and what is wrong. */
export function describeReport(report: ChainReport): string {
  const [first, ...more] = report.problems;
  if (!first) {
    const extent = report.entries === 0 ? 'empty' : `seq ${report.firstSeq}–${report.lastSeq}`;
    return `${report.chain}: ok, ${report.entries} entries (${extent}), head ${report.headHash}`;
  }
  const row = first.id ? ` (id ${first.id})` : '';
  const others = more.length > 0 ? `; ${more.length} more problem(s) after it` : '';
  return `${report.chain}: BROKEN at seq ${first.seq}${row}: ${first.problem}${others}`;
}

export interface PurgeOutcome {
  chain: string;
  deleted: number;
  keptFromSeq: string | null;
  error?: string;
}

/** Removes the entries older than AUDIT_RETENTION_DAYS from every chain that verifies. */
export async function auditPurge(
  config: Pick<AppConfig, 'DATABASE_URL' | 'AUDIT_RETENTION_DAYS'>,
  now = new Date(),
): Promise<PurgeOutcome[]> {
  const before = new Date(now.getTime() - config.AUDIT_RETENTION_DAYS * 86_400_000);
  const outcomes: PurgeOutcome[] = [];
  for (const spec of allServiceData) {
    try {
      outcomes.push(
        await withDataSource(config, spec, (dataSource) =>
          purgeAuditChain(dataSource, spec.schema, before, cliActor()),
        ),
      );
    } catch (error) {
      if (!(error instanceof AuditChainBroken)) throw error;
      outcomes.push({
        chain: `${spec.schema}.audit_event`,
        deleted: 0,
        keptFromSeq: null,
        error: error.message,
      });
    }
  }
  return outcomes;
}

import type { AppConfig, ServiceSchema } from '#common';

/**
 * The other services' versioned views each service reads, and nothing else of theirs. A new
 * cross-schema read needs its line here (tests/security/least-privilege.test.ts compares this
 * list with the SQL of each service).
 */
export const CROSS_SCHEMA_READS: Record<ServiceSchema, readonly string[]> = {
  intake: [
    'notify.case_deadline_v1',
    'notify.case_notification_v1',
    'notify.case_notification_v2',
    'notify.case_timeline_v1',
    'routing.accused_unit_v1',
    'routing.case_assignment_v1',
    'routing.case_reply_v1',
    'routing.case_timeline_v1',
    'routing.staff_directory_v1',
    'routing.unit_directory_v1',
  ],
  routing: [
    'intake.audit_event_v1',
    'intake.petition_for_routing_v1',
    'intake.petition_transfer_v1',
    'notify.audit_event_v1',
    'notify.case_deadline_v1',
    'notify.case_notification_v1',
  ],
  notify: [
    'intake.petition_for_routing_v1',
    'intake.petition_receipt_v1',
    'intake.petition_transfer_v1',
    'intake.petitioner_contact_v1',
    'intake.phone_verification_v1',
    'routing.case_assignment_v1',
    'routing.staff_directory_v1',
    'routing.unit_directory_v1',
  ],
};

/**
 * Tables of its own schema a service may not change freely: the audit trail is append-only
 * (its head moves forward only), and the migrations table is the owner's.
 */
const RESTRICTED_TABLES: Record<string, string> = {
  audit_event: 'SELECT, INSERT',
  audit_chain: 'SELECT, UPDATE',
  migrations: 'SELECT',
};

const SCHEMAS: readonly ServiceSchema[] = ['intake', 'routing', 'notify'];

type DatabaseUrls = Pick<AppConfig, 'DATABASE_URL'> &
  Partial<Pick<AppConfig, 'INTAKE_DATABASE_URL' | 'ROUTING_DATABASE_URL' | 'NOTIFY_DATABASE_URL'>>;

const userOf = (url: string) => decodeURIComponent(new URL(url).username) || 'postgres';

/**
 * The role of each service, when it has one of its own. A service that connects as the
 * migrating role (a development machine with one DATABASE_URL) gets nothing granted.
 */
export function serviceRoles(
  config: DatabaseUrls,
  migrationUrl: string,
): Partial<Record<ServiceSchema, string>> {
  const owner = userOf(migrationUrl);
  const urls: Record<ServiceSchema, string | undefined> = {
    intake: config.INTAKE_DATABASE_URL,
    routing: config.ROUTING_DATABASE_URL,
    notify: config.NOTIFY_DATABASE_URL,
  };
  const roles: Partial<Record<ServiceSchema, string>> = {};
  for (const schema of SCHEMAS) {
    const role = userOf(urls[schema] ?? config.DATABASE_URL);
    if (role !== owner) roles[schema] = role;
  }
  return roles;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Takes every right on the three schemas from a role, so that the grants after it are exact. */
export function revokeStatements(role: string): string[] {
  const r = ident(role);
  return SCHEMAS.flatMap((s) => [
    `REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM ${r}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${s} FROM ${r}`,
    `REVOKE ALL ON SCHEMA ${s} FROM ${r}`,
  ]);
}

/**
 * The statements that give a service role its rights, after revokeStatements: DML on its own
 * tables (less on the restricted ones), its sequences, SELECT on the views it reads of the
 * others. Run by the owner at the end of every `migrate`, so new tables are covered.
 */
export function grantStatements(
  schema: ServiceSchema,
  role: string,
  ownTables: { name: string; kind: 'table' | 'view' }[],
): string[] {
  const r = ident(role);
  const statements = [`GRANT USAGE ON SCHEMA ${schema} TO ${r}`];
  for (const table of ownTables) {
    const rights =
      table.kind === 'view'
        ? 'SELECT'
        : (RESTRICTED_TABLES[table.name] ?? 'SELECT, INSERT, UPDATE, DELETE');
    statements.push(`GRANT ${rights} ON ${schema}.${ident(table.name)} TO ${r}`);
  }
  statements.push(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${r}`);
  const reads = CROSS_SCHEMA_READS[schema];
  for (const other of new Set(reads.map((view) => view.split('.')[0] ?? ''))) {
    statements.push(`GRANT USAGE ON SCHEMA ${other} TO ${r}`);
  }
  for (const view of reads) statements.push(`GRANT SELECT ON ${view} TO ${r}`);
  return statements;
}

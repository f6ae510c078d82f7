import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { auditVerify, describeReport } from '../../apps/cli/src/commands/audit.js';
import { createTestEnvironment, type TestEnvironment } from './environment.js';
import { eventually } from './eventually.js';
import { fuzzRequest } from './fuzz-requests.js';
import { Sender } from './fuzz-sender.js';
import { difference, settled, snapshot } from './fuzz-state.js';
import type { FuzzWorld } from './fuzz-targets.js';
import { Random } from './fuzz-values.js';
import { distinctPetitioner, login, request, samplePetition } from './http.js';
import { startSystem, stopSystem, type ServiceProcess } from './processes.js';
import type { DiscoveredRoute, ServiceName } from './route-discovery.js';

/**
 * Rate limits raised for the run, so that requests reach validation rather than a 429; the
 * limits themselves are tested elsewhere (tests/public-tracking.test.ts, staff-auth.test.ts).
 */
export const RAISED_LIMITS = {
  TRACKING_LIMIT_PER_IP_PER_MINUTE: '1000000',
  TRACKING_LIMIT_PER_CASE_PER_HOUR: '1000000',
  LOGIN_FAILURES_PER_USER: '100',
  LOGIN_FAILURES_PER_IP: '10000',
  LOGIN_LOCKOUT_SECONDS: '1',
  LOGIN_LOCKOUT_MAX_SECONDS: '1',
};

/** The demo account that plays each role (the housing bureau's hold the seeded cases). */
const ROLE_ACCOUNTS: Record<string, string> = {
  admin: 'admin',
  supervisor: 'suining.supervisor',
  dispatcher: 'suining.supervisor',
  registrar: 'suining.registrar',
  handler: 'chuanshan.housing',
  unit_leader: 'chuanshan.housing.leader',
};

/** Tables whose new rows the design requires for refused requests: the records of refusals. */
const RECORD_TABLES = new Set(['audit_event', 'audit_chain', 'login_failure']);

export interface FuzzOptions {
  seed: number;
  requests: number;
  concurrency?: number;
  log?: (line: string) => void;
}

export interface Failure {
  status: number;
  method: string;
  path: string;
  route: string;
  category: string;
  note: string;
  answer: string;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  routes: DiscoveredRoute[];
  /** Routes (method and pattern) that got no request: must be none. */
  unexercised: string[];
  perRoute: Map<string, number>;
  statuses: Map<number, number>;
  serverErrors: Failure[];
  /** Requests the connection failed on (no HTTP answer at all). */
  connectionErrors: Failure[];
  tooManyRequests: number;
  /** Rows added or removed, by table, outside the records of refusals. */
  rowsWritten: Map<string, number>;
  /** New audit entries, by `service action outcome status`. */
  auditEntries: Map<string, number>;
  loginFailures: number;
  /** Problems audit:verify finds in the chains after the run: must be none. */
  brokenChains: string[];
  crashed: ServiceName[];
  durationMs: number;
}

const run = promisify(execFile);

/** Each service's routes, read from its application started with the run's settings. */
export async function discoverAll(env: Record<string, string>): Promise<DiscoveredRoute[]> {
  const tool = fileURLToPath(new URL('../tools/list-routes.js', import.meta.url));
  const services: ServiceName[] = ['intake', 'routing', 'notify'];
  const lists = await Promise.all(
    services.map(async (service) => {
      const { stdout } = await run(process.execPath, [tool, service], {
        env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'silent' },
        maxBuffer: 16 * 1024 * 1024,
      });
      return JSON.parse(stdout) as DiscoveredRoute[];
    }),
  );
  return lists.flat();
}

/** The board gate's own pages, which are Express middleware rather than routes. */
function boardGatePages(): DiscoveredRoute[] {
  const page = (method: string, path: string): DiscoveredRoute => ({
    service: 'routing',
    method,
    path,
    handler: 'board-gate',
    public: true,
    roles: null,
    body: null,
    takesBody: false,
    upload: false,
    query: null,
    board: true,
  });
  return [
    page('GET', '/admin/queues/login'),
    page('GET', '/admin/queues/logout'),
    page('POST', '/admin/queues/session'),
  ];
}

/** Real cases, routed, so that path values can name cases that exist. */
async function seedCases(system: Record<ServiceName, ServiceProcess>, env: TestEnvironment) {
  const cases: FuzzWorld['cases'] = [];
  for (const petitioner of [distinctPetitioner(7), distinctPetitioner(8)]) {
    const answer = await request<{ caseNo: string; queryCode: string }>(
      'POST',
      `${system.intake.url}/api/v1/public/petitions`,
      { body: samplePetition({ petitioners: [petitioner] }) },
    );
    if (answer.status !== 201) throw new Error(`seeding a case: ${answer.status}`);
    cases.push({ caseNo: answer.body.caseNo, queryCode: answer.body.queryCode });
  }
  await eventually(async () => {
    const { rows } = await env.db.query<{ n: string }>(
      'SELECT count(DISTINCT case_no) AS n FROM routing.assignment WHERE case_no = ANY($1)',
      [cases.map((c) => c.caseNo)],
    );
    return Number(rows[0]?.n) >= cases.length;
  }, 'the seeded cases to be routed');
  return cases;
}

const routeKey = (route: DiscoveredRoute) => `${route.service} ${route.method} ${route.path}`;

/**
 * Starts a scratch system (demo directory and accounts, two real routed cases, raised rate
 * limits), discovers its routes, sends the requests and measures what they changed.
 */
export async function fuzzApi(options: FuzzOptions): Promise<FuzzReport> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const env = await createTestEnvironment({ demo: true });
  const callbackToken = randomBytes(24).toString('base64url');
  const settings = {
    ...env.env,
    ...RAISED_LIMITS,
    SMS_CALLBACK_TOKEN: callbackToken,
    LOG_LEVEL: 'warn',
  };
  let system: Record<ServiceName, ServiceProcess> | undefined;
  try {
    log('discovering routes from the three applications…');
    const routes = [...(await discoverAll(settings)), ...boardGatePages()];
    log(`${routes.length} routes discovered; starting the services…`);
    system = await startSystem(settings);
    const cases = await seedCases(system, env);
    const tokens: FuzzWorld['tokens'] = {};
    for (const [role, username] of Object.entries(ROLE_ACCOUNTS)) {
      tokens[role] = await login(system.routing.url, username);
    }
    const { rows: ids } = await env.db.query<{ id: string }>(
      `SELECT id::text FROM routing.staff_account UNION ALL SELECT id::text FROM notify.notification`,
    );
    const world: FuzzWorld = {
      cases,
      ids: ids.map((r) => r.id),
      unitCodes: ['510903-ZJJ', '510903-XFJ', '510900-XFJ'],
      tokens,
      jwtSecret: env.config.JWT_SECRET,
      callbackToken,
    };
    await settled(env);
    const before = await snapshot(env.db);

    log(`sending ${options.requests} requests (seed ${options.seed})…`);
    const sender = new Sender({
      intake: system.intake.url,
      routing: system.routing.url,
      notify: system.notify.url,
    });
    const perRoute = new Map<string, number>(routes.map((r) => [routeKey(r), 0]));
    const statuses = new Map<number, number>();
    const serverErrors: Failure[] = [];
    const connectionErrors: Failure[] = [];
    let next = 0;
    let sent = 0;
    let unsendable = 0;
    const worker = async () => {
      while (next < options.requests + unsendable) {
        // Round robin over the routes, so that each gets its share whatever the seed.
        const n = next++;
        const route = routes[n % routes.length];
        if (!route) return;
        const fuzz = fuzzRequest(route, world, Random.of(options.seed, n));
        const { status, answer } = await sender.send(fuzz);
        if (status === -1) {
          unsendable++; // Node.js would not write it (a header with a line break): another one
          continue;
        }
        sent++;
        perRoute.set(routeKey(route), (perRoute.get(routeKey(route)) ?? 0) + 1);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        const failure = {
          status,
          method: fuzz.method,
          path: fuzz.path.slice(0, 200),
          route: routeKey(route),
          category: fuzz.category,
          note: fuzz.note,
          answer,
        };
        if (status >= 500) serverErrors.push(failure);
        if (
          process.env.FUZZ_TRACE &&
          status >= 200 &&
          status < 300 &&
          !['GET', 'HEAD', 'OPTIONS'].includes(fuzz.method)
        ) {
          log(
            `  accepted: ${status} ${fuzz.method} ${fuzz.path.slice(0, 160)} (${fuzz.category}: ${fuzz.note}) ${JSON.stringify(fuzz.headers).slice(0, 120)}`,
          );
        }
        if (status === 0) connectionErrors.push(failure);
        if (sent % 1000 === 0) log(`  ${sent} sent`);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
    sender.close();

    const crashed = Object.values(system)
      .filter((s) => !s.running)
      .map((s) => s.name);
    if (crashed.length === 0) await settled(env);
    const after = await snapshot(env.db);
    const rowsWritten = new Map<string, number>();
    let loginFailures = 0;
    for (const [table, state] of after) {
      const previous = before.get(table) ?? { rows: 0, hashes: new Map<string, number>() };
      const name = table.split('.')[1] ?? '';
      if (name === 'audit_event') continue;
      const changed = difference(previous, state);
      if (name === 'login_failure') loginFailures += changed;
      else if (!RECORD_TABLES.has(name) && changed > 0) rowsWritten.set(table, changed);
    }
    const auditEntries = new Map<string, number>();
    for (const schema of ['intake', 'routing', 'notify']) {
      const since = before.get(`${schema}.audit_event`)?.maxSeq ?? 0;
      const { rows } = await env.db.query<{
        action: string;
        outcome: string;
        status: number | null;
        n: string;
      }>(
        `SELECT action, outcome, status, count(*) AS n FROM "${schema}".audit_event
          WHERE seq > $1 GROUP BY 1, 2, 3 ORDER BY 4 DESC`,
        [since],
      );
      for (const row of rows) {
        auditEntries.set(
          `${schema} ${row.action} ${row.outcome} ${row.status ?? ''}`,
          Number(row.n),
        );
      }
    }
    const brokenChains = (await auditVerify(env.config))
      .filter((chain) => chain.problems.length > 0)
      .map(describeReport);
    return {
      brokenChains,
      seed: options.seed,
      requests: sent,
      routes,
      unexercised: [...perRoute].filter(([, n]) => n === 0).map(([key]) => key),
      perRoute,
      statuses,
      serverErrors,
      connectionErrors,
      tooManyRequests: statuses.get(429) ?? 0,
      rowsWritten,
      auditEntries,
      loginFailures,
      crashed,
      durationMs: Date.now() - started,
    };
  } finally {
    if (system) await stopSystem(system);
    await env.dispose();
  }
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

export function fuzzPassed(report: FuzzReport): boolean {
  return (
    report.serverErrors.length === 0 &&
    sum(report.rowsWritten.values()) === 0 &&
    report.unexercised.length === 0 &&
    report.brokenChains.length === 0 &&
    report.crashed.length === 0
  );
}

/** The report as printed by `npm run fuzz:api`. */
export function describeFuzzReport(report: FuzzReport): string {
  const lines: string[] = [];
  const audit = sum(report.auditEntries.values());
  const written = sum(report.rowsWritten.values());
  lines.push(
    `xinfang API fuzz: seed ${report.seed}, ${report.requests} malformed requests over ${report.routes.length} routes ` +
      `(${report.routes.filter((r) => r.service === 'intake').length} intake, ` +
      `${report.routes.filter((r) => r.service === 'routing' && !r.board).length} routing, ` +
      `${report.routes.filter((r) => r.board).length} queue board, ` +
      `${report.routes.filter((r) => r.service === 'notify').length} notify), ` +
      `${(report.durationMs / 1000).toFixed(1)} s`,
    `rate limits raised for the run (${Object.entries(RAISED_LIMITS)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}) so that requests reach validation`,
    '',
    `answers: ${[...report.statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status === 0 ? 'no answer' : status} ×${n}`)
      .join(', ')}`,
    `5xx answers: ${report.serverErrors.length}`,
    `429 answers: ${report.tooManyRequests} (counted apart: a limit, not an error)`,
    `connections failed without an answer: ${report.connectionErrors.length}`,
    `rows written (every table of every schema, before and after, outside the audit records): ${written}`,
  );
  for (const [table, n] of report.rowsWritten) lines.push(`  ${table}: ${n}`);
  lines.push(
    `audit records written: ${audit} audit entries and ${report.loginFailures} routing.login_failure rows`,
    '  (required by the design, not a leak: every sign-in attempt, every refused state-changing',
    '  request of signed-in staff and every queue-board session is recorded, and every failed',
    '  login is kept in routing.login_failure; audit_chain heads move with them)',
  );
  for (const [key, n] of [...report.auditEntries].slice(0, 80)) lines.push(`  ${key}: ${n}`);
  if (report.auditEntries.size > 80) lines.push(`  … ${report.auditEntries.size - 80} more kinds`);
  lines.push(
    report.brokenChains.length === 0
      ? 'audit chains verify after the run (audit:verify)'
      : `audit chains broken after the run: ${report.brokenChains.join('; ')}`,
  );
  if (report.unexercised.length > 0) {
    lines.push(`routes that got no request: ${report.unexercised.join('; ')}`);
  } else {
    const counts = [...report.perRoute.values()];
    lines.push(
      `every discovered route exercised (${Math.min(...counts)} to ${Math.max(...counts)} requests each)`,
    );
  }
  if (report.crashed.length > 0) lines.push(`services that died: ${report.crashed.join(', ')}`);
  for (const failure of report.connectionErrors.slice(0, 10)) {
    lines.push(
      `  no answer: ${failure.method} ${failure.path.slice(0, 80)} [${failure.category}: ${failure.note}] ${failure.answer}`,
    );
  }
  for (const failure of report.serverErrors.slice(0, 20)) {
    lines.push(
      `  ${failure.status} ${failure.method} ${failure.path} [${failure.category}: ${failure.note}] → ${failure.answer.slice(0, 200)}`,
    );
  }
  lines.push(fuzzPassed(report) ? 'PASS' : 'FAIL');
  return lines.join('\n');
}

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createTestEnvironment, type TestEnvironment } from './support/environment.js';
import { eventually } from './support/eventually.js';
import { freePort } from './support/processes.js';
import { runWalkthrough } from './support/readme-walkthrough.js';

const cli = fileURLToPath(new URL('../apps/cli/src/main.js', import.meta.url));

describe(
  'the README walk-through, run as written after `npm run demo`',
  { timeout: 420_000 },
  () => {
    let env: TestEnvironment;
    let demo: ChildProcess;
    let demoOutput = '';
    let settings: Record<string, string>;
    const ports = { intake: '', routing: '', notify: '' };

    before(async () => {
      env = await createTestEnvironment();
      for (const service of ['intake', 'routing', 'notify'] as const) {
        ports[service] = String(await freePort());
      }
      settings = {
        PATH: process.env.PATH ?? '',
        ...env.env,
        INTAKE_PORT: ports.intake,
        ROUTING_PORT: ports.routing,
        NOTIFY_PORT: ports.notify,
        DEMO_DIR: await mkdtemp(join(tmpdir(), 'xinfang-walkthrough-')),
      };
      // `npm run demo` is a build and this command.
      demo = spawn(process.execPath, [cli, 'start', '--demo'], {
        env: settings,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      demo.stderr?.on('data', (chunk: Buffer) => (demoOutput += chunk.toString()));
      await eventually(() => {
        if (demo.exitCode !== null) throw new Error(`start --demo exited:\n${demoOutput}`);
        return demoOutput.includes('xinfang is running');
      }, 'the demo to be running');
    });
    after(async () => {
      if (demo.exitCode === null) {
        const exited = once(demo, 'exit');
        demo.kill('SIGTERM');
        await exited;
      }
      await env.dispose();
      await rm(settings.DEMO_DIR ?? '', { recursive: true, force: true });
    });

    it('"Try it": online to 复查, and by telephone with a landline and a 15-digit ID to the final 复核', async () => {
      const run = await runWalkthrough('Try it', ports, settings);
      assert.equal(run.code, 0, run.output);

      // What the walk-through says happened, happened.
      const petitions = await env.db.query<{ case_no: string; status: string; channel: string }>(
        'SELECT case_no, status, channel FROM intake.petition ORDER BY received_at',
      );
      assert.deepEqual(
        petitions.rows.map((p) => [p.channel, p.status]),
        [
          ['ONLINE', 'IN_REVIEW'],
          ['PHONE', 'RE_REVIEWED'],
        ],
      );
      const [online, phoned] = petitions.rows.map((p) => p.case_no);
      const bodies = await env.db.query<{ case_no: string; stage: string; unit_code: string }>(
        `SELECT case_no, stage, unit_code FROM routing.assignment
        WHERE role = 'LEAD' ORDER BY case_no, assigned_at`,
      );
      assert.deepEqual(
        bodies.rows.map((b) => [b.case_no, b.stage, b.unit_code]),
        [
          [online, 'HANDLING', '510903-ZJJ'],
          [online, 'REVIEW', '510903-GOV'],
          [phoned, 'HANDLING', '510903-ZJJ'],
          [phoned, 'REVIEW', '510903-GOV'],
          [phoned, 'RE_REVIEW', '510900-GOV'],
        ],
      );
      assert.match(run.output, /复核意见为最终意见，本信访事项已终结/);
      // messages:tail shows the online petitioner's receipt in full, and no SMS went to the landline.
      assert.match(run.output, new RegExp(`您的信访事项已登记，编号${online}，查询码[0-9A-Z]{10}`));
      assert.doesNotMatch(run.output, new RegExp(`SMS .*\\n.*${phoned}`));
      const called = await env.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notify.call_back WHERE done_at IS NOT NULL`,
      );
      assert.equal(called.rows[0]?.n, 1, 'the receipt was read to the caller');
    });
  },
);

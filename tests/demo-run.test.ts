import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createTestEnvironment, type TestEnvironment } from './support/environment.js';
import { eventually } from './support/eventually.js';
import { request, samplePetition } from './support/http.js';
import { freePort } from './support/processes.js';

const cli = fileURLToPath(new URL('../apps/cli/src/main.js', import.meta.url));
const PHONE = '13280837583';

/** A CLI command as its own process, its output kept. */
function runCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [cli, ...args], {
    // Not the repository: no .env of a developer's is read.
    cwd: tmpdir(),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  return { child, output };
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const [code] = (await exited) as [number | null];
  return code;
}

describe('npm run demo: the flow with a local SMS centre and mailbox', { timeout: 240_000 }, () => {
  let env: TestEnvironment;
  let settings: Record<string, string>;
  let demo: ReturnType<typeof runCli>;
  let demoDir: string;
  let intake: string;

  before(async () => {
    env = await createTestEnvironment();
    demoDir = await mkdtemp(join(tmpdir(), 'xinfang-demo-'));
    const [intakePort, routingPort, notifyPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    intake = `http://127.0.0.1:${intakePort}`;
    settings = {
      PATH: process.env.PATH ?? '',
      ...env.env,
      INTAKE_PORT: String(intakePort),
      ROUTING_PORT: String(routingPort),
      NOTIFY_PORT: String(notifyPort),
      DEMO_DIR: demoDir,
    };
    demo = runCli(['start', '--demo'], settings);
    await eventually(() => {
      if (demo.child.exitCode !== null) {
        throw new Error(`start --demo exited early:\n${demo.output.stderr.slice(-2000)}`);
      }
      return demo.output.stderr.includes('xinfang is running');
    }, 'the demo to be running');
  });

  after(async () => {
    await stop(demo.child);
    await env.dispose();
    await rm(demoDir, { recursive: true, force: true });
  });

  it('texts the receipt through its SMS centre and mails the unit through its mailbox; messages:tail shows both in full', async () => {
    assert.match(demo.output.stderr, /demo SMS centre smpp:\/\/127\.0\.0\.1:\d+ and mailbox smtp:/);
    const follow = runCli(['messages:tail', '--follow'], settings);
    try {
      const submitted = await request<{ caseNo: string; queryCode: string }>(
        'POST',
        `${intake}/api/v1/public/petitions`,
        { body: samplePetition() },
      );
      assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
      const { caseNo, queryCode } = submitted.body;
      const receipt = `您的信访事项已登记，编号${caseNo}，查询码${queryCode}。凭编号和查询码可在网上查询办理进展，请妥善保管。`;
      // The SMS as the handset has it, its two parts joined; the unit's email with its text.
      const sms = new RegExp(`SMS +132\\*\\*\\*\\*7583\\n  ${receipt}\\n`);
      const mail = new RegExp(
        `EMAIL +zjj\\.510903@example\\.gov\\.cn  新交办信访事项 ${caseNo}\\n  信访事项${caseNo}已交你单位办理，时限至`,
      );
      await eventually(
        () => sms.test(follow.output.stdout) && mail.test(follow.output.stdout),
        `messages:tail --follow to show the receipt and the email:\n${follow.output.stdout}`,
      );

      const listed = spawnSync(process.execPath, [cli, 'messages:tail'], {
        cwd: tmpdir(),
        env: settings,
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(listed.status, 0, listed.stderr);
      assert.match(listed.stdout, sms);
      assert.match(listed.stdout, mail);
      assert.ok(!listed.stdout.includes(PHONE), 'the phone is masked');
      // The SMS centre reported each part delivered.
      await eventually(async () => {
        const { rows } = await env.db.query<{ status: string }>(
          `SELECT n.status FROM notify.notification n JOIN intake.petition p ON p.id = n.petition_id
           WHERE p.case_no = $1 AND n.template = 'petition.receipt'`,
          [caseNo],
        );
        return rows[0]?.status === 'DELIVERED';
      }, 'the receipt to be reported delivered');
      const kept = await readFile(join(demoDir, 'messages.jsonl'), 'utf8');
      assert.ok(kept.includes(receipt), 'kept with its whole text');
    } finally {
      await stop(follow.child);
    }
  });

  it('stops the services, the SMS centre and the mailbox on SIGTERM', async () => {
    assert.equal(await stop(demo.child), 0, demo.output.stderr.slice(-2000));
  });
});

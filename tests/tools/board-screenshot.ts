/**
 * `npm run screenshot:board [-- <file>]`: the queue board as an admin sees it, signed in through
 * its sign-in page, in headless Chromium (Debian `chromium`, `fonts-wqy-microhei` for Chinese).
 * Starts a scratch system, submits a few petitions and adds one job that fails, then shoots.
 */
import { Queue } from 'bullmq';
import { chromium } from 'playwright-core';
import { QueueName } from '#common';
import { DEMO_PASSWORD } from '../../apps/cli/src/commands/seed-demo.js';
import { createTestEnvironment } from '../support/environment.js';
import { eventually } from '../support/eventually.js';
import { submitPetitions } from '../support/load.js';
import { startSystem, stopSystem } from '../support/processes.js';

const file = process.argv[2] ?? 'docs/bull-board.png';
const env = await createTestEnvironment({ demo: true });
const system = await startSystem({ ...env.env, LOG_LEVEL: 'warn' });
const queue = new Queue(QueueName.Routing, {
  connection: { url: env.config.REDIS_URL },
  prefix: env.config.QUEUE_PREFIX,
});
try {
  const load = await submitPetitions(system.intake.url, 12, 3);
  await queue.add(
    'petition.received',
    { messageId: crypto.randomUUID(), correlationId: 'screenshot', payload: {} },
    { attempts: 1 },
  );
  await eventually(
    async () =>
      (await queue.getFailedCount()) === 1 &&
      (await queue.getCompletedCount()) === load.accepted.length,
    'the jobs to be processed',
  );

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await page.goto(`${system.routing.url}/admin/queues`);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/admin\/queues\/?$/);
    await page.goto(`${system.routing.url}/admin/queues/queue/routing?status=failed`);
    await page.getByText('petition.received').first().waitFor();
    await page.screenshot({ path: file, fullPage: false });
    process.stdout.write(`wrote ${file}\n`);
  } finally {
    await browser.close();
  }
} finally {
  await queue.close();
  await stopSystem(system);
  await env.dispose();
}

/**
 * SMS throughput to a local SMSC over one SMPP session: messages per second for a window of 1
 * (each submit_sm waits for its response before the next) and wider windows (several awaiting
 * their responses at once), short Chinese texts (one UCS-2 part) and receipts (two parts).
 *
 *   npm run bench:sms [-- --messages 5000 --windows 1,10,50]
 *
 * The SMSC (the smpp package in server mode, as in the tests) runs in a child process. Appends
 * the figures to docs/benchmarks.md (then `npx prettier --write docs/benchmarks.md`).
 */
import { appendFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { SmppSmsProvider } from '../../apps/notify/src/channels/smpp-sms.provider.js';
import { render } from '../../apps/notify/src/notifications/templates.js';
import { SMSC_ACCOUNT, SmscProcess } from './smsc-client.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '5000' },
    windows: { type: 'string', default: '1,10,50' },
    output: { type: 'string', default: 'docs/benchmarks.md' },
  },
});
const count = Number(values.messages);
const windows = values.windows.split(',').map(Number);
Logger.overrideLogger(['error']);

const smsc = await SmscProcess.start();

const short = {
  notificationId: '6f1b1c2e-0d7a-4c55-9a8e-3c2b1a0f9e8d',
  template: 'case.accepted',
  ...render('case.accepted', { caseNo: 'XF-510903-20261122-000001', unitName: '船山区住建局' }),
};
const long = {
  notificationId: '6f1b1c2e-0d7a-4c55-9a8e-3c2b1a0f9e8d',
  template: 'petition.receipt',
  ...render(
    'petition.receipt',
    { caseNo: 'XF-510903-20261122-000001' },
    { queryCode: '7K3M9Q2X5T' },
  ),
};

const lines: string[] = [];
const say = (line = '') => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};

/** Sends `count` messages through one session with `window` of them in flight. */
async function run(window: number, message: typeof short, parts: number) {
  const provider = new SmppSmsProvider({
    url: smsc.url,
    ...SMSC_ACCOUNT,
    enquireLinkMs: 30_000,
    timeoutMs: 30_000,
    window,
  });
  await provider.send('13800138000', message); // bind outside the measurement
  const before = await smsc.parts();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: window }, async () => {
      while (next < count) {
        next++;
        await provider.send(`138${String(next % 100_000_000).padStart(8, '0')}`, message);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const received = (await smsc.parts()) - before;
  await provider.close();
  if (received !== count * parts)
    throw new Error(`SMSC took ${received} parts of ${count * parts}`);
  say(
    `| ${window} | ${parts === 1 ? 'short (1 part)' : 'receipt (2 parts)'} | ${count} | ${seconds.toFixed(2)} | ` +
      `${(count / seconds).toFixed(0)} | ${((count * parts) / seconds).toFixed(0)} |`,
  );
}

try {
  say('');
  say(`## Notify: SMS to a local SMSC over SMPP (${new Date().toISOString().slice(0, 10)})`);
  say('');
  say(`Command: \`npm run bench:sms -- --messages ${count} --windows ${windows.join(',')}\``);
  say(
    `Machine: ${availableParallelism()} × ${cpus()[0]?.model ?? 'cpu'} (nproc ${availableParallelism()}), ` +
      `${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; the SMSC (smpp package, server ` +
      `mode) in a child process; one bound transceiver session; load average ` +
      `${loadavg()[0]?.toFixed(1) ?? '?'} at the start (other work on the machine).`,
  );
  say('');
  say('| window | message | messages | seconds | messages/s | parts/s |');
  say('| --- | --- | --- | --- | --- | --- |');
  for (const window of windows) {
    await run(window, short, 1);
    await run(window, long, 2);
  }
  say('');
  appendFileSync(values.output, `${lines.join('\n')}\n`);
} finally {
  smsc.stop();
}

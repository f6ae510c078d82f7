/**
 * The local SMSC of the benchmarks and the chaos tool (smsc-client.ts is their side), in a process
 * of its own so that it does not share an event loop with what it measures. Tells its parent its
 * URL and notify's settings for it, then, whenever asked, how many parts it took, when it took the
 * first part naming each case number, or which parts it took twice (the same text to the same
 * phone).
 */
import { LocalSmsc } from '../../apps/cli/src/demo/local-smsc.js';
import { SMSC_ACCOUNT } from './smsc-client.js';

const smsc = new LocalSmsc(SMSC_ACCOUNT.systemId, SMSC_ACCOUNT.password);
await smsc.start();
const firstSeen = new Map<string, number>();
let stamped = 0;
// submit_sm are appended as they arrive: stamping new ones every 20 ms is exact to 20 ms.
setInterval(() => {
  const now = Date.now();
  for (; stamped < smsc.submitted.length; stamped++) {
    const caseNo = /XF-\d{6}-\d{8}-\d{6}/.exec(smsc.submitted[stamped]?.text ?? '')?.[0];
    if (caseNo && !firstSeen.has(caseNo)) firstSeen.set(caseNo, now);
  }
}, 20).unref();
process.send?.({ url: smsc.url, serviceSettings: smsc.serviceSettings() });
process.on('message', (message: string) => {
  if (message === 'count') process.send?.({ parts: smsc.submitted.length });
  if (message === 'cases') process.send?.({ cases: Object.fromEntries(firstSeen) });
  if (message === 'twice') {
    const seen = new Set<string>();
    const twice = smsc.submitted
      .map((sm) => `${sm.destination} ${sm.concatenation?.sequence ?? 1} ${sm.text}`)
      .filter((key) => seen.has(key) || !seen.add(key));
    process.send?.({ twice: twice.length });
  }
  if (message === 'stop') void smsc.stop().then(() => process.exit(0));
});

import { parseArgs } from 'node:util';
import { describeFuzzReport, fuzzApi, fuzzPassed } from '../support/fuzz-api.js';

/**
 * `npm run fuzz:api [-- --seed N --requests N]`: malformed requests to every route of the three
 * services and the queue board, in a scratch environment. Exits 1 unless no answer was a 5xx,
 * no row was written outside the audit records, and every discovered route was exercised.
 */
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '20261207' },
    requests: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '8' },
  },
});
const seed = Number(values.seed);
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
if (![seed, requests, concurrency].every((n) => Number.isInteger(n) && n >= 0) || concurrency < 1) {
  process.stderr.write('usage: fuzz-api [--seed N] [--requests N] [--concurrency N]\n');
  process.exit(64);
}
const report = await fuzzApi({
  seed,
  requests,
  concurrency,
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`${describeFuzzReport(report)}\n`);
process.exitCode = fuzzPassed(report) ? 0 : 1;

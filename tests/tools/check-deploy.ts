/**
 * Validates deploy/k8s against the Kubernetes and KEDA JSON schemas (kubernetes-models, offline).
 * `npm run check:deploy`; CI runs it, and `promtool check rules` on deploy/prometheus.
 */
import { fileURLToPath } from 'node:url';
import { readManifests, validateManifests } from '../support/deploy-files.js';

const dir = fileURLToPath(new URL('../../../deploy/k8s', import.meta.url));
const manifests = readManifests(dir);
const problems = validateManifests(manifests);
for (const problem of problems) process.stderr.write(`${problem}\n`);
process.stdout.write(`${manifests.length} manifests, ${problems.length} invalid\n`);
process.exitCode = problems.length === 0 ? 0 : 1;

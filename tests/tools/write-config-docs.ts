/** `npm run docs:config`: writes the configuration reference of docs/operations.md. */
import { writeFileSync } from 'node:fs';
import { OPERATIONS_DOC, operationsDocWithConfig } from '../support/config-docs.js';

const { current, generated } = await operationsDocWithConfig();
writeFileSync(OPERATIONS_DOC, generated);
process.stdout.write(
  current === generated ? 'already up to date\n' : 'configuration reference written\n',
);

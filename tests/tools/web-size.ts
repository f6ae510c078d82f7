/**
 * `npm run bench:web`: what a citizen's browser downloads to show the portal's first screen, as
 * the web gateway serves it (gzip), measured in headless Chromium (Debian `chromium`): every
 * response until the network is idle, its encoded body size. The pages only: no service runs, so
 * no API call is made on the first screen.
 */
import { chromium } from 'playwright-core';
import { startWebGateway } from '../../apps/cli/src/web-gateway.js';
import { chromiumPath } from '../support/browser.js';
import { freePort } from '../support/processes.js';

const unused = 'http://127.0.0.1:9';
const port = await freePort();
const gateway = await startWebGateway({
  port,
  host: '127.0.0.1',
  services: { intake: unused, routing: unused, notify: unused },
});
const browser = await chromium.launch({ executablePath: chromiumPath() });
try {
  const page = await browser.newPage({ viewport: { width: 360, height: 780 }, locale: 'zh-CN' });
  const loaded: { url: string; bytes: number }[] = [];
  page.on('requestfinished', (request) => {
    void request.sizes().then((sizes) => {
      loaded.push({ url: new URL(request.url()).pathname, bytes: sizes.responseBodySize });
    });
  });
  await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'networkidle' });
  await page.getByLabel('标题', { exact: true }).waitFor();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  for (const { url, bytes } of loaded) process.stdout.write(`${kb(bytes).padStart(10)}  ${url}\n`);
  const total = loaded.reduce((sum, { bytes }) => sum + bytes, 0);
  process.stdout.write(`${kb(total).padStart(10)}  first load (gzip), ${loaded.length} files\n`);
} finally {
  await browser.close();
  gateway.close();
}

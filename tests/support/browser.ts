import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../apps/cli/src/commands/seed-demo.js';
import { startWebGateway, WEB_DIST } from '../../apps/cli/src/web-gateway.js';
import { freePort } from './processes.js';
import type { TestSystem } from './system.js';

/** Debian's chromium (apt-get install chromium fonts-noto-cjk), or CHROMIUM. */
export function chromiumPath(): string {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('no chromium on PATH: apt-get install chromium fonts-noto-cjk');
  }
}

export interface WebUnderTest {
  /** The one origin the browser sees: the pages and the three services' APIs. */
  readonly url: string;
  readonly browser: Browser;
  /**
   * Runs a step on the page; a failure tells what the page showed (its first `shownChars`) and
   * what the services printed last, so that CI's log tells why.
   */
  explained<T>(page: Page, step: () => Promise<T>, shownChars?: number): Promise<T>;
}

/**
 * The built pages (npm run build:web) behind the web gateway, in front of a withSystem's
 * services, and a headless Chromium; started after the system, stopped before it.
 */
export function withWeb(system: TestSystem): WebUnderTest {
  let gateway: Server | undefined;
  let browser: Browser | undefined;
  let url = '';
  before(async () => {
    if (!existsSync(join(WEB_DIST, 'index.html'))) {
      throw new Error(`${WEB_DIST} has no build: run npm run build:web`);
    }
    const port = await freePort();
    gateway = await startWebGateway({
      port,
      host: '127.0.0.1',
      services: {
        intake: system.system.intake.url,
        routing: system.system.routing.url,
        notify: system.system.notify.url,
      },
    });
    url = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({ executablePath: chromiumPath() });
  });
  after(async () => {
    await browser?.close();
    gateway?.close();
  });
  return {
    get url() {
      return url;
    },
    get browser() {
      if (!browser) throw new Error('withWeb: the browser starts in before()');
      return browser;
    },
    async explained(page, step, shownChars = 3_000) {
      try {
        return await step();
      } catch (error) {
        const shown = await page.locator('body').innerText({ timeout: 5_000 }).catch(String);
        const services = Object.values(system.system)
          .map((service) => `[${service.name}] ${service.output.slice(-3_000)}`)
          .join('\n');
        throw new Error(
          `${String(error)}\n--- the page:\n${shown.slice(0, shownChars)}\n--- the services:\n${services}`,
          { cause: error },
        );
      }
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  targets: string[];
}

/** axe-core's WCAG 2 A and AA rules (contrast included) over the page as it is now. */
export async function accessibilityViolations(
  page: Page,
  /** A CSS selector: only that part of the page (a drawer or dialog over a masked page). */
  within?: string,
): Promise<AxeViolation[]> {
  // Evaluated rather than added as a script tag: the pages' CSP allows no inline script.
  await page.evaluate(
    await readFile(fileURLToPath(import.meta.resolve('axe-core/axe.min.js')), 'utf8'),
  );
  return page.evaluate<AxeViolation[]>(`axe
    .run(${within ? JSON.stringify(within) : 'document'}, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } })
    .then((result) => result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
    })))`);
}

/** A new page of `context`, signed in to the staff console as a demo account. */
export async function staffPage(context: BrowserContext, base: string, username: string) {
  const page = await context.newPage();
  await page.goto(`${base}/staff`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('staff-header').waitFor();
  return page;
}

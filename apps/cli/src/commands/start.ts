import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '#common';
import { startWebGateway } from '../web-gateway.js';

const SERVICES = [
  { name: 'intake', portSetting: 'INTAKE_PORT' },
  { name: 'routing', portSetting: 'ROUTING_PORT' },
  { name: 'notify', portSetting: 'NOTIFY_PORT' },
] as const;

const mainOf = (service: string) =>
  fileURLToPath(new URL(`../../../${service}/src/main.js`, import.meta.url));

/**
 * Runs the three services as separate processes, as they run in production, and the web gateway
 * (the pages and the services' APIs on one origin, WEB_PORT). Ctrl-C or SIGTERM stops them
 * gracefully; if one dies, the others are stopped too and the exit code says so.
 */
export async function startServices(config: AppConfig, env: NodeJS.ProcessEnv): Promise<number> {
  const gateway = await startWebGateway({
    port: config.WEB_PORT,
    services: {
      intake: `http://127.0.0.1:${config.INTAKE_PORT}`,
      routing: `http://127.0.0.1:${config.ROUTING_PORT}`,
      notify: `http://127.0.0.1:${config.NOTIFY_PORT}`,
    },
  }).catch((error: unknown) => {
    // The services are the system; without the pages they still answer on their own ports.
    process.stderr.write(
      `xinfang: the web pages are not served: port ${config.WEB_PORT} (WEB_PORT): ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return null;
  });
  const children = new Map<string, ChildProcess>();
  let stopping = false;
  const exited = new Promise<number>((resolve) => {
    const stopAll = (code: number) => {
      if (!stopping) {
        stopping = true;
        for (const child of children.values()) child.kill('SIGTERM');
      }
      if ([...children.values()].every((c) => c.exitCode !== null || c.signalCode !== null)) {
        resolve(code);
      }
    };
    for (const service of SERVICES) {
      const child = spawn(process.execPath, [mainOf(service.name)], { env, stdio: 'inherit' });
      child.on('exit', (code, signal) => {
        if (!stopping) {
          process.stderr.write(
            `xinfang: ${service.name} exited (${signal ?? code}); stopping the others\n`,
          );
        }
        stopAll(stopping ? (code ?? 0) : 1);
      });
      children.set(service.name, child);
    }
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.on(signal, () => {
        stopAll(0);
      });
  });

  const urls = SERVICES.map((s) => `http://localhost:${config[s.portSetting]}`);
  if (await allReady(urls, () => stopping)) {
    process.stderr.write(
      `xinfang is running:\n` +
        (gateway ? `  ${'web'.padEnd(8)}http://localhost:${config.WEB_PORT}\n` : '') +
        `${SERVICES.map((s, i) => `  ${s.name.padEnd(8)}${urls[i]}`).join('\n')}\n`,
    );
  }
  const code = await exited;
  gateway?.close();
  gateway?.closeAllConnections();
  return code;
}

async function allReady(urls: string[], gaveUp: () => boolean): Promise<boolean> {
  for (let attempt = 0; attempt < 120 && !gaveUp(); attempt++) {
    const states = await Promise.all(
      urls.map((url) =>
        fetch(`${url}/health/ready`)
          .then((r) => r.ok)
          .catch(() => false),
      ),
    );
    if (states.every(Boolean)) return true;
    await sleep(500);
  }
  return false;
}

import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import { listServiceRoutes, type ServiceName } from '../support/route-discovery.js';

/**
 * Prints, as JSON, the routes one service's application serves: started in this process with
 * the settings of the environment (as the service itself would be), initialised, not listening.
 * Run by the API fuzzer in a child process per service, so the services' module-level state
 * (configuration read at import, metrics registries) stays their own.
 */
const service = process.argv[2] as ServiceName | undefined;
const modules: Record<ServiceName, () => Promise<Type>> = {
  intake: async () => (await import('../../apps/intake/src/intake.module.js')).IntakeModule,
  routing: async () => (await import('../../apps/routing/src/routing.module.js')).RoutingModule,
  notify: async () => (await import('../../apps/notify/src/notify.module.js')).NotifyModule,
};
if (!service || !(service in modules)) {
  process.stderr.write('usage: list-routes intake|routing|notify\n');
  process.exit(64);
}
// The board is mounted by routing only; its path is the gate's.
const { BOARD_ROUTE } = await import('../../libs/common/src/queue-board/queue-board.gate.js');
const routes = await listServiceRoutes(
  service,
  await modules[service](),
  service === 'routing' ? BOARD_ROUTE : undefined,
);
process.stdout.write(`${JSON.stringify(routes)}\n`);
process.exit(0);

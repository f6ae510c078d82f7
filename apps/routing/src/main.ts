import 'reflect-metadata';
import { startService } from '#common';

await startService('ROUTING_PORT', async () => (await import('./routing.module.js')).RoutingModule);

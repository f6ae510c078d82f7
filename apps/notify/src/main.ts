import 'reflect-metadata';
import { startService } from '#common';

await startService('NOTIFY_PORT', async () => (await import('./notify.module.js')).NotifyModule);

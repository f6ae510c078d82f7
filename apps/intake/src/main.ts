import 'reflect-metadata';
import { startService } from '#common';

await startService('INTAKE_PORT', async () => (await import('./intake.module.js')).IntakeModule);

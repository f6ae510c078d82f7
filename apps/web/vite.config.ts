/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into apps/web/dist (git-ignored), which `npm start` serves with the API on one origin.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  // Component tests (npm run test:web): the forms in a simulated DOM, the API's fetch stubbed.
  test: { environment: 'happy-dom', include: ['src/**/*.test.{ts,tsx}'] },
});

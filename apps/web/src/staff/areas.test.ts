import { describe, expect, it } from 'vitest';
import type { Me } from '../api/types';
import { areaAt, areasFor } from './areas';

const someone = (roles: string[]): Me => ({
  id: 'u',
  username: 'u',
  displayName: 'u',
  roles,
  unit: null,
});

describe('the areas of the console', () => {
  it('offers each role its own work and nothing else', () => {
    expect(areasFor(someone(['handler'])).map((a) => a.path)).toEqual(['/staff']);
    expect(areasFor(someone(['dispatcher'])).map((a) => a.path)).toEqual([
      '/staff',
      '/staff/registration',
      '/staff/triage',
    ]);
    expect(areasFor(someone(['admin'])).map((a) => a.path)).toEqual(['/staff/admin']);
  });

  it('finds the area of a deeper address, and the first offered for one it does not offer', () => {
    const offered = areasFor(someone(['supervisor', 'admin']));
    expect(areaAt('/staff/admin/units', offered)?.path).toBe('/staff/admin');
    expect(areaAt('/staff/supervision', offered)?.path).toBe('/staff/supervision');
    expect(areaAt('/staff/triage', offered)?.path).toBe('/staff');
    expect(areaAt('/staff', areasFor(someone(['admin'])))?.path).toBe('/staff/admin');
  });
});

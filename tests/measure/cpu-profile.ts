import { readFileSync } from 'node:fs';

/** The parts of a V8 `.cpuprofile` (node --cpu-prof) read here. */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
    children?: number[];
  }[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  /** Sampled time of the whole profile, idle excluded (ms). */
  busyMs: number;
  /** Functions by self time, the highest first. */
  self: { name: string; ms: number }[];
  /** For each function asked about, the time spent in it and in what it called (ms). */
  inclusive: Map<string, number>;
}

const IDLE = new Set(['(idle)', '(program)']);

function label(frame: CpuProfile['nodes'][number]['callFrame']): string {
  const file = frame.url.split('/').slice(-1)[0] ?? '';
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

/**
 * Where a profile's time went: self time per function, and inclusive time of the functions named
 * (a call inside a call of the same function counts once).
 */
export function summariseCpuProfile(path: string, functions: string[]): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const hits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const msPerHit = hits === 0 ? 0 : (profile.endTime - profile.startTime) / 1000 / hits;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));

  const self = new Map<string, number>();
  let busyHits = 0;
  for (const node of profile.nodes) {
    if (IDLE.has(node.callFrame.functionName) || !node.hitCount) continue;
    busyHits += node.hitCount;
    const name = label(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + node.hitCount);
  }

  const inclusive = new Map(functions.map((name) => [name, 0]));
  const walk = (id: number, open: Set<string>) => {
    const node = byId.get(id);
    if (!node) return;
    const name = node.callFrame.functionName;
    const entered = inclusive.has(name) && !open.has(name);
    const inside = entered ? new Set([...open, name]) : open;
    for (const fn of inside) inclusive.set(fn, (inclusive.get(fn) ?? 0) + (node.hitCount ?? 0));
    for (const child of node.children ?? []) walk(child, inside);
  };
  const [root] = profile.nodes;
  if (root) walk(root.id, new Set());

  return {
    busyMs: busyHits * msPerHit,
    self: [...self].sort((a, b) => b[1] - a[1]).map(([name, n]) => ({ name, ms: n * msPerHit })),
    inclusive: new Map([...inclusive].map(([name, n]) => [name, n * msPerHit])),
  };
}

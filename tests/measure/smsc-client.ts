/**
 * The parent side of smsc-process.ts, shared by the benchmarks and the chaos tool: forks the
 * local SMS centre, asks it what it took, and gives the notify settings that send to it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** The ESME account the local SMS centre accepts. */
export const SMSC_ACCOUNT = { systemId: 'bench', password: 'bench' } as const;

export class SmscProcess {
  private constructor(
    private readonly child: ChildProcess,
    /** The settings that make notify send its SMS over SMPP to this SMS centre. */
    readonly serviceSettings: Record<string, string>,
    /** Where the SMS centre listens (smpp://…). */
    readonly url: string,
  ) {}

  /** Forks the SMS centre and waits until it listens. */
  static async start(): Promise<SmscProcess> {
    const child = fork(fileURLToPath(new URL('./smsc-process.js', import.meta.url)));
    const [{ url, serviceSettings }] = (await once(child, 'message')) as [
      { url: string; serviceSettings: Record<string, string> },
    ];
    return new SmscProcess(child, serviceSettings, url);
  }

  /** How many SMS parts it has taken. */
  async parts(): Promise<number> {
    return (await this.ask<{ parts: number }>('count')).parts;
  }

  /** When it took the first part naming each case number (epoch ms by case number). */
  async firstPartByCase(): Promise<Record<string, number>> {
    return (await this.ask<{ cases: Record<string, number> }>('cases')).cases;
  }

  /** How many parts it took twice (the same text to the same phone). */
  async partsTakenTwice(): Promise<number> {
    return (await this.ask<{ twice: number }>('twice')).twice;
  }

  stop(): void {
    this.child.send('stop');
  }

  private async ask<T>(message: string): Promise<T> {
    this.child.send(message);
    const [answer] = (await once(this.child, 'message')) as [T];
    return answer;
  }
}

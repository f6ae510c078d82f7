import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's server binaries, of the newest major version installed. */
const BIN = `/usr/lib/postgresql/${readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))[0] ?? ''}/bin`;

/**
 * A PostgreSQL server of a tool's own (initdb in a temporary directory), which it may restart
 * without disturbing anything else on the machine. Runs as the postgres user, as initdb wants.
 */
export class PrivatePostgres {
  private readonly dir = mkdtempSync(join(tmpdir(), 'xinfang-pg-'));

  constructor(readonly port: number) {}

  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private asPostgres(command: string, args: string[]) {
    execFileSync('runuser', ['-u', 'postgres', '--', join(BIN, command), ...args], {
      stdio: 'ignore',
    });
  }

  init() {
    execFileSync('chown', ['postgres', this.dir]);
    this.asPostgres('initdb', ['-D', join(this.dir, 'data'), '-U', 'postgres', '--auth=trust']);
  }

  start() {
    this.asPostgres('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-l',
      join(this.dir, 'log'),
      '-w',
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=300`,
      'start',
    ]);
  }

  /** An operator's restart: fast shutdown (sessions ended, nothing committed lost), then start. */
  restart() {
    this.asPostgres('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', 'stop']);
    this.start();
  }

  remove() {
    try {
      this.asPostgres('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

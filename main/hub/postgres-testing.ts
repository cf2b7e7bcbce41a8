/**
 * Tests' PostgreSQL: a fresh cluster of the machine's PostgreSQL (Debian's postgresql package,
 * /usr/lib/postgresql/<major>/bin) in a temp folder, on a free loopback port, trust auth, stopped
 * and removed by `stop()`. PostgreSQL refuses to run as root, so as root it runs as `postgres`.
 * Small (16 MB shared buffers, no fsync): several test files run a cluster each at the same time.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface TestPostgres {
  /** A new empty database; answers its connection URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a)) : [];
  const found = majors.map((m) => join(root, m, 'bin')).find((d) => existsSync(join(d, 'initdb')));
  if (!found) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql (apt-get install postgresql)');
  return found;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * `durable`: PostgreSQL's own defaults for what makes a commit safe (fsync, synchronous commit,
 * full page writes) and 128 MB of shared buffers, as a clinic's server would run: for benchmarks.
 */
export async function startPostgres(opts: { durable?: boolean } = {}): Promise<TestPostgres> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'clinic-pg-'));
  const asRoot = process.getuid?.() === 0;
  const pgRun = (cmd: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]) : run(join(bin, cmd), args);
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  let started = false;
  try {
    await pgRun('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    await pgRun('pg_ctl', [
      '-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', 'start',
      '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=40 ${opts.durable
        ? '-c shared_buffers=128MB' : '-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=16MB'}`,
    ]);
    started = true;
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const base = `postgres://postgres@127.0.0.1:${port}`;
  let n = 0;
  return {
    async createDatabase() {
      const name = `hub_${process.pid}_${++n}`;
      const c = new pg.Client({ connectionString: `${base}/postgres` });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE ${name}`);
      } finally {
        await c.end();
      }
      return `${base}/${name}`;
    },
    async stop() {
      try {
        if (started) await pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

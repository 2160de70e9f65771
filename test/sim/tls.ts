/**
 * The committed test certificates. They are not copied into out/, so look upwards from wherever
 * this file runs (test/sim in ts-node, out/test/sim compiled) for test/fixtures/tls.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface TlsMaterial {
  key: string;
  cert: string;
  ca: string;
}

export function findTlsDir(start = __dirname): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'test', 'fixtures', 'tls');
    if (existsSync(join(candidate, 'server.pem'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`test/fixtures/tls not found above ${start}`);
    dir = parent;
  }
}

let cached: TlsMaterial | undefined;

export function loadTls(): TlsMaterial {
  if (!cached) {
    const dir = findTlsDir();
    cached = {
      key: readFileSync(join(dir, 'server.key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'server.pem'), 'utf8'),
      ca: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    };
  }
  return cached;
}

import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DevnetError } from '../config/devnet.errors';

const LOCK_FILE = 'devnet.lock';

/** One devnet per data directory: a lock file holding the owner's pid (a dead owner's lock is taken over). */
export class DataDirLock {
  private constructor(private readonly path: string) {}

  static acquire(dataDir: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, LOCK_FILE);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return new DataDirLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number(readFileSync(path, 'utf8').trim());
        if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
          throw new DevnetError('data_dir_locked', `${dataDir} is used by another devnet (pid ${owner})`);
        }
        if (owner === process.pid) {
          throw new DevnetError('data_dir_locked', `${dataDir} is already used by a devnet of this process`);
        }
        rmSync(path, { force: true });
      }
    }
    throw new DevnetError('data_dir_locked', `could not lock ${dataDir}`);
  }

  release(): void {
    rmSync(this.path, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

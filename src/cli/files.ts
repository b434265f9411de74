import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Writes files atomically: each goes to a temporary name beside its target, then all are renamed. A failure
 * before the renames leaves nothing half-written.
 */
export async function writeFilesAtomically(
  files: readonly { path: string; content: string | Uint8Array }[],
): Promise<void> {
  const temps: { temp: string; path: string }[] = [];
  try {
    for (const f of files) {
      await mkdir(dirname(f.path), { recursive: true });
      const temp = join(dirname(f.path), `.${process.pid}.${temps.length}.tmp`);
      await writeFile(temp, f.content);
      temps.push({ temp, path: f.path });
    }
    for (const t of temps) await rename(t.temp, t.path);
  } catch (e) {
    await Promise.all(temps.map((t) => rm(t.temp, { force: true })));
    throw e;
  }
}

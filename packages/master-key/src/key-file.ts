import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";

/**
 * Writes a key file: base64 and a newline, mode 0600, exclusive create (fails with EEXIST),
 * synced to disk with its directory; the directory is created 0700 when missing.
 */
export function writeKeyFile(path: string, key: Buffer): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fd = openSync(path, "wx", 0o600);
  try {
    writeSync(fd, `${key.toString("base64")}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  syncDirectory(dir);
}

/** Moves `from` over `to` in one step (same directory), synced to disk. */
export function replaceKeyFile(from: string, to: string): void {
  renameSync(from, to);
  syncDirectory(dirname(to));
}

/** Deletes a key file if it exists, synced to disk. */
export function removeKeyFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    return;
  }
  syncDirectory(dirname(path));
}

function syncDirectory(dir: string) {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Some platforms cannot sync a directory; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads a key file with `decode`; a file that others may read is used, with a warning. */
export function readKeyFile(
  path: string,
  decode: (text: string, where: string) => Buffer,
  warnings: string[] = [],
): Buffer {
  if ((statSync(path).mode & 0o077) !== 0) {
    warnings.push(`the master key file ${path} can be read by other users: chmod 600 it`);
  }
  return decode(readFileSync(path, "utf8").trim(), path);
}

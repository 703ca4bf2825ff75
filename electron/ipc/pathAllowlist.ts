/**
 * The files the renderer may read through `readLogChunk`: only those the user picked in a native
 * dialog (`openLogFile`) during this session. Paths are normalised to absolute form, so `..`
 * segments or a different spelling of a picked path do not widen the list.
 */
import path from 'node:path';

export class PathAllowlist {
  private readonly allowed = new Set<string>();

  constructor(private readonly max = 64) {}

  /** Remember a path the user picked. Oldest entries are dropped past `max`. */
  allow(filePath: string): void {
    const key = path.resolve(filePath);
    this.allowed.delete(key);
    this.allowed.add(key);
    while (this.allowed.size > this.max) {
      const oldest = this.allowed.values().next().value as string;
      this.allowed.delete(oldest);
    }
  }

  has(filePath: string): boolean {
    if (!path.isAbsolute(filePath)) return false; // the renderer only ever gets absolute paths back
    return this.allowed.has(path.resolve(filePath));
  }
}

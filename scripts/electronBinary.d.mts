export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };
export function findElectronBinary(
  root: string,
  deps?: { env?: Record<string, string | undefined>; exists?: (p: string) => boolean; read?: (p: string) => string },
): ElectronBinary;

export interface FolderScore {
  Killed: number;
  Timeout: number;
  Survived: number;
  NoCoverage: number;
  Ignored: number;
  invalid: number;
  detected: number;
  valid: number;
  /** Detected over valid, in percent; null when there is no valid mutant. */
  score: number | null;
}
export function folderScore(report: { files: Record<string, { mutants: { status: string }[] }> }): FolderScore;
export function formatScore(s: FolderScore): string;

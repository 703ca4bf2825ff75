/**
 * One entry for every export format, shared by the CLI and the app's Export dialog: the artifact
 * text, a file name and a media type.
 */
import type { GraphDoc } from '../model/types';
import type { SimulationResult } from '../replay/result';
import type { ExportFormat } from './gate';
import { htmlReport, type DatasetInfo } from './htmlReport';
import type { AgentsReport } from './report/agentsSection';
import { exportScxml } from './scxml/exportScxml';
import { exportTsModule } from './tsModule';
import { exportSealedXStateJson, latestRelease, machineIdOf } from './xstateJson';

export interface Artifact {
  text: string;
  fileName: string;
  mime: string;
}

export interface ArtifactOptions {
  /** ts: module specifier of the CEL environment. */
  celModule?: string;
  /** scxml: guards as CEL (default) or translated to ECMAScript (see ScxmlOptions). */
  scxmlGuards?: 'cel' | 'ecmascript';
  contentHash?: string;
  /** html: the simulation to report and where its cases came from. */
  report?: { result: SimulationResult; dataset: DatasetInfo; agents?: AgentsReport };
}

/** Default CEL module of an exported TS module: the package entry point (package.json "exports", `npm run build:lib`). */
export const DEFAULT_CEL_MODULE = 'sop-studio/cel';

export const FORMAT_LABELS: Record<ExportFormat, string> = {
  xstate: 'XState v5 machine JSON',
  ts: 'TypeScript module',
  scxml: 'SCXML (W3C)',
  html: 'Simulation report (HTML)',
};

/** Build the artifact of a document (export it from the document the gate returned). */
export async function buildArtifact(
  doc: GraphDoc,
  format: ExportFormat,
  opts: ArtifactOptions = {},
): Promise<Artifact> {
  const base = `${machineIdOf(doc)}.v${doc.version}`;
  switch (format) {
    case 'xstate':
      return { text: await exportSealedXStateJson(doc), fileName: `${base}.machine.json`, mime: 'application/json' };
    case 'ts':
      return {
        text: exportTsModule(doc, { celModule: opts.celModule ?? DEFAULT_CEL_MODULE, contentHash: opts.contentHash }),
        fileName: `${base}.machine.ts`,
        mime: 'text/plain',
      };
    case 'scxml':
      return {
        text: exportScxml(doc, { guards: opts.scxmlGuards }),
        fileName: `${base}.scxml`,
        mime: 'application/xml',
      };
    case 'html': {
      if (!opts.report) throw new Error('the HTML report needs a simulation result and its dataset');
      return {
        text: await htmlReport({ doc, ...opts.report, release: latestRelease(doc) }),
        fileName: `${base}.report.html`,
        mime: 'text/html',
      };
    }
  }
}

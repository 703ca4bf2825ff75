/**
 * The graph picture of the HTML report: an inline SVG laid out with elkjs (layered, top-down,
 * compound states as containers), every coordinate in root space. Pure JS: runs in Node and in
 * the browser. Edges are coloured by marked tier; every piece of text is escaped.
 *
 * Only SVG presentation attributes are used (no `style` attributes), so the report's CSP needs no
 * 'unsafe-inline'.
 */
import { flattenMachine } from '../../model/flatten';
import type { GraphDoc, Tier } from '../../model/types';
import type { TransitionReport } from '../../replay/result';
import { escapeHtml } from './escape';

export const TIER_COLOURS: Record<Tier, string> = { auto: '#1a7f37', suggest: '#9a6700', human: '#57606a' };

interface ElkLabel {
  text: string;
  width: number;
  height: number;
  x?: number;
  y?: number;
}
interface ElkShape {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  children?: ElkShape[];
  labels?: ElkLabel[];
  layoutOptions?: Record<string, string>;
  edges?: ElkEdge[];
}
interface ElkEdge {
  id: string;
  sources: string[];
  targets: string[];
  labels?: ElkLabel[];
  sections?: Array<{
    startPoint: { x: number; y: number };
    endPoint: { x: number; y: number };
    bendPoints?: Array<{ x: number; y: number }>;
  }>;
}

const CHAR_W = 7;
/**
 * Past these sizes the report draws no picture: elkjs's layered layout is super-linear (a
 * 10,000-state graph crashed it; 10,000 branches took over two minutes) and such a drawing would
 * be unreadable anyway. The per-state and per-branch tables of the report still list everything.
 */
export const MAX_DRAWN_STATES = 500;
export const MAX_DRAWN_EDGES = 1_000;
const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Lay out and draw the graph. `figures` (per transition id) adds agreement counts to edge labels. */
export async function graphSvg(doc: GraphDoc, figures: Record<string, TransitionReport> = {}): Promise<string> {
  const flat = flattenMachine(doc.machine);
  const edgeCount = flat.transitions.reduce((n, t) => n + t.targets.length, 0);
  if (flat.stateOrder.length > MAX_DRAWN_STATES || edgeCount > MAX_DRAWN_EDGES) {
    return `<p class="note" role="note">The graph is not drawn: it has ${flat.stateOrder.length} states and ${edgeCount} branches; the drawing is made for up to ${MAX_DRAWN_STATES} states and ${MAX_DRAWN_EDGES} branches. The tables below list every state and branch.</p>`;
  }
  const nodes = new Map<string, ElkShape>();
  const root: ElkShape = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.json.edgeCoords': 'ROOT',
      'elk.json.shapeCoords': 'ROOT',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.layered.spacing.nodeNodeBetweenLayers': '50',
      'elk.spacing.nodeNode': '40',
      'elk.padding': '[top=20,left=20,bottom=20,right=20]',
    },
    children: [],
    edges: [],
  };
  for (const key of flat.stateOrder) {
    const s = flat.states.get(key)!;
    const label = truncate(s.activity, 40);
    const node: ElkShape = s.children.length
      ? {
          id: key,
          labels: [{ text: label, width: label.length * CHAR_W, height: 16 }],
          children: [],
          layoutOptions: {
            'elk.padding': '[top=34,left=14,bottom=14,right=14]',
            'elk.nodeLabels.placement': 'INSIDE V_TOP H_LEFT',
          },
        }
      : { id: key, width: Math.max(90, label.length * CHAR_W + 24), height: s.type === 'final' ? 34 : 42 };
    nodes.set(key, node);
    (s.parent ? nodes.get(s.parent)!.children! : root.children!).push(node);
  }
  const edgeInfo = new Map<string, { tier: Tier; label: string }>();
  flat.transitions.forEach((t, i) => {
    const tier: Tier = t.tier ?? flat.states.get(t.source)?.config.meta?.tier ?? 'human';
    const f = figures[t.id];
    const text = truncate(
      `${t.event ?? (t.guardExpr ? 'if …' : 'else')} · ${tier}${f && f.agentChoices ? ` · ${f.agree}/${f.agentChoices}` : ''}`,
      36,
    );
    for (const [j, target] of t.targets.entries()) {
      const id = `e${i}_${j}`;
      edgeInfo.set(id, { tier, label: text });
      root.edges!.push({
        id,
        sources: [t.source],
        targets: [target],
        labels: [{ text, width: text.length * 6, height: 14 }],
      });
    }
  });
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const laid = (await new ELK().layout(root as never)) as unknown as ElkShape;
  const width = Math.ceil(laid.width ?? 400);
  const height = Math.ceil(laid.height ?? 200);

  const parts: string[] = [];
  const drawNode = (n: ElkShape) => {
    const s = flat.states.get(n.id)!;
    const x = n.x ?? 0;
    const y = n.y ?? 0;
    const w = n.width ?? 0;
    const h = n.height ?? 0;
    const compound = (n.children?.length ?? 0) > 0;
    const tier = s.config.meta?.tier;
    parts.push(
      `<g><title>${escapeHtml(`${s.key}${s.config.meta?.tool ? ` · tool ${s.config.meta.tool}` : ''}`)}</title>`,
    );
    parts.push(
      `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${s.type === 'final' ? h / 2 : 8}" fill="${compound ? '#f6f8fa' : '#ffffff'}" stroke="${tier ? TIER_COLOURS[tier] : '#8c959f'}" stroke-width="${s.type === 'final' ? 3 : 1.5}"${s.type === 'parallel' ? ' stroke-dasharray="6 3"' : ''}/>`,
    );
    const label = truncate(s.activity, 40);
    if (compound)
      parts.push(
        `<text x="${x + 12}" y="${y + 20}" font-size="12" font-weight="600" fill="#24292f">${escapeHtml(label)}</text>`,
      );
    else
      parts.push(
        `<text x="${x + w / 2}" y="${y + h / 2 + 4}" font-size="12" text-anchor="middle" fill="#24292f">${escapeHtml(label)}</text>`,
      );
    parts.push('</g>');
    for (const c of n.children ?? []) drawNode(c);
  };
  for (const n of laid.children ?? []) drawNode(n);
  for (const e of laid.edges ?? []) {
    const info = edgeInfo.get(e.id)!;
    const colour = TIER_COLOURS[info.tier];
    for (const sec of e.sections ?? []) {
      const pts = [sec.startPoint, ...(sec.bendPoints ?? []), sec.endPoint].map((p) => `${p.x},${p.y}`).join(' ');
      parts.push(
        `<polyline points="${pts}" fill="none" stroke="${colour}" stroke-width="${info.tier === 'auto' ? 2.5 : 1.5}" marker-end="url(#arrow-${info.tier})"/>`,
      );
    }
    for (const l of e.labels ?? []) {
      parts.push(
        `<text x="${(l.x ?? 0) + 2}" y="${(l.y ?? 0) + 11}" font-size="10" fill="${colour}">${escapeHtml(l.text)}</text>`,
      );
    }
  }
  const markers = (Object.keys(TIER_COLOURS) as Tier[])
    .map(
      (t) =>
        `<marker id="arrow-${t}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${TIER_COLOURS[t]}"/></marker>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(`Graph of ${doc.name}`)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif"><defs>${markers}</defs>${parts.join('')}</svg>`;
}

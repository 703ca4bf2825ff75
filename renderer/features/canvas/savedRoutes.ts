/**
 * Edge routes saved in the document's layout data: each state's `doc.layout` entry carries
 * `routes: { [edgeId]: route }` for the edges leaving it. Kept with the layout (not in memory) so
 * a reload, another window or an opened file draws the lines elk routed; kept on the source's
 * entry so deleting or renaming a state drops its routes with its position. Layout has no
 * meaning (it is not hashed into a release), so a malformed route is skipped, not an error: that
 * edge is drawn with the simple curve.
 */
import { z } from 'zod';
import type { LayoutEntry } from '../../../shared/model/types';
import type { EdgeRoute, SourcedRoute } from './edgeRoutes';

const PointSchema = z.object({ x: z.number(), y: z.number() });
const BoxSchema = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });
const RouteSchema = z.object({
  points: z.array(PointSchema).min(2),
  label: BoxSchema.nullable(),
  sourceBox: BoxSchema,
  targetBox: BoxSchema,
});

/** One decimal is far below a pixel and keeps a 1,000-edge layout small in the file. */
const r1 = (n: number) => Math.round(n * 10) / 10;
const roundBox = (b: EdgeRoute['sourceBox']) => ({ x: r1(b.x), y: r1(b.y), w: r1(b.w), h: r1(b.h) });

function saved(route: SourcedRoute): EdgeRoute {
  return {
    points: route.points.map((p) => ({ x: r1(p.x), y: r1(p.y) })),
    label: route.label ? roundBox(route.label) : null,
    sourceBox: roundBox(route.sourceBox),
    targetBox: roundBox(route.targetBox),
  };
}

/** The layout with each route put on its source state's entry (entries of states without routes are left as they are). */
export function withRoutes(
  layout: Record<string, LayoutEntry>,
  routes: ReadonlyMap<string, SourcedRoute>,
): Record<string, LayoutEntry> {
  const bySource = new Map<string, Record<string, EdgeRoute>>();
  for (const [id, route] of routes) {
    if (!layout[route.source]) continue;
    let own = bySource.get(route.source);
    if (!own) bySource.set(route.source, (own = Object.create(null) as Record<string, EdgeRoute>));
    own[id] = saved(route);
  }
  const out: Record<string, LayoutEntry> = { ...layout };
  for (const [source, own] of bySource) out[source] = { ...out[source]!, routes: { ...own } };
  return out;
}

// Parsed routes per entry's `routes` object: a drag makes a new layout with the other entries (and
// their `routes` objects) unchanged, so re-reading 1,000 states costs 1,000 lookups, not parses.
const parsedCache = new WeakMap<object, Array<[string, EdgeRoute]>>();

function parseEntryRoutes(raw: object): Array<[string, EdgeRoute]> {
  const hit = parsedCache.get(raw);
  if (hit) return hit;
  const out: Array<[string, EdgeRoute]> = [];
  for (const [id, value] of Object.entries(raw)) {
    const r = RouteSchema.safeParse(value);
    if (r.success) out.push([id, r.data]);
  }
  parsedCache.set(raw, out);
  return out;
}

/** Every saved route of a layout, by edge id. */
export function routesOfLayout(layout: Record<string, LayoutEntry>): Map<string, EdgeRoute> {
  const out = new Map<string, EdgeRoute>();
  for (const entry of Object.values(layout)) {
    const raw = entry.routes;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) continue;
    for (const [id, route] of parseEntryRoutes(raw)) out.set(id, route);
  }
  return out;
}

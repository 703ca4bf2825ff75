/**
 * The canvas layer: a large graph zoomed out (lod.ts `drawsOnCanvasLayer`) is drawn on one 2D
 * <canvas> instead of 1,000 cards and 3,000 edges in the DOM. Panning such a DOM was paint and
 * raster bound (e2e/LARGE_GRAPH.md); here a frame is ~10 fill/stroke calls of prebuilt paths, redrawn
 * once per animation frame when React Flow's viewport (or pane size) changes. The React Flow
 * nodes stay in its store (hidden), so fit, find and reveal keep working; clicks are hit-tested by
 * the canvas (Canvas.tsx, hitIndex.ts).
 */
import { useStoreApi } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import type { LowDetailPath } from './lowDetailPaths';
import type { LowDetailScene, PaletteName } from './lowDetailScene';

const PALETTE_VARS: Record<PaletteName, [cssVar: string, fallback: string]> = {
  panel: ['--panel', '#ffffff'],
  final: ['--canvas-final', '#f4f5f8'],
  group: ['--canvas-group', '#eef1f7'],
  line: ['--canvas-card-line', '#98a1b3'],
  finalLine: ['--muted', '#8a93a6'],
  groupLine: ['--canvas-group-line', '#b9c1d3'],
  accent: ['--accent', '#3d63dd'],
  good: ['--good', '#1f9d63'],
  warn: ['--warn', '#c27803'],
  bad: ['--bad', '#d03b3b'],
  auto: ['--auto', '#1f9d63'],
  suggest: ['--suggest', '#b86e00'],
  human: ['--human', '#5b6aa8'],
};
const EDGE_COLOR = '#a3abbd';
/** Names are drawn once a card is this many screen pixels wide (below it no word fits). */
const LABEL_MIN_PX = 64;
const LABEL_FONT_PX = 11;

function readPalette(el: Element): Record<PaletteName, string> {
  const style = getComputedStyle(el);
  const out = Object.create(null) as Record<PaletteName, string>;
  for (const [name, [cssVar, fallback]] of Object.entries(PALETTE_VARS) as Array<[PaletteName, [string, string]]>) {
    out[name] = style.getPropertyValue(cssVar).trim() || fallback;
  }
  return out;
}

function rectsPath(rects: readonly number[]): Path2D {
  const p = new Path2D();
  for (let i = 0; i < rects.length; i += 4) p.rect(rects[i]!, rects[i + 1]!, rects[i + 2]!, rects[i + 3]!);
  return p;
}

function edgeColor(p: LowDetailPath, palette: Record<PaletteName, string>): string {
  if (p.tone === 'good' || p.tone === 'warn' || p.tone === 'bad') return palette[p.tone];
  return p.selected ? palette.accent : EDGE_COLOR;
}

function LowDetailLayerView({ scene, paths }: { scene: LowDetailScene; paths: LowDetailPath[] }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi();
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const palette = readPalette(canvas);
    const boxes = scene.looks.map((look) => ({ look, path: rectsPath(look.rects) }));
    const stripes = [...scene.stripes].map(([color, rects]) => ({ color: palette[color], path: rectsPath(rects) }));
    const edges = paths.map((p) => ({
      color: edgeColor(p, palette),
      width: p.width,
      alpha: p.dimmed ? 0.25 : 1,
      path: new Path2D(p.d),
    }));
    let raf = 0;
    let drawn = -1;
    const draw = () => {
      raf = 0;
      const { transform, width, height } = store.getState();
      const [tx, ty, k] = transform;
      const dpr = window.devicePixelRatio || 1;
      const bw = Math.max(1, Math.round(width * dpr));
      const bh = Math.max(1, Math.round(height * dpr));
      if (canvas.width !== bw || canvas.height !== bh) {
        canvas.width = bw;
        canvas.height = bh;
      }
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, bw, bh);
      ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * tx, dpr * ty);
      for (const e of edges) {
        ctx.globalAlpha = e.alpha;
        ctx.strokeStyle = e.color;
        ctx.lineWidth = e.width / k;
        ctx.stroke(e.path);
      }
      for (const { look, path } of boxes) {
        ctx.globalAlpha = look.alpha;
        ctx.fillStyle = palette[look.fill];
        ctx.fill(path);
      }
      ctx.globalAlpha = 1;
      for (const s of stripes) {
        ctx.fillStyle = s.color;
        ctx.fill(s.path);
      }
      for (const { look, path } of boxes) {
        ctx.globalAlpha = look.alpha;
        ctx.strokeStyle = palette[look.stroke];
        ctx.lineWidth = look.width / k;
        ctx.stroke(path);
      }
      // what is inside the view (the e2e check reads it; a person sees it)
      const vx0 = -tx / k,
        vy0 = -ty / k,
        vx1 = vx0 + width / k,
        vy1 = vy0 + height / k;
      const labelsShown = scene.labels.length && scene.labels[0]!.w * k >= LABEL_MIN_PX;
      if (labelsShown) {
        ctx.font = `600 ${LABEL_FONT_PX / k}px system-ui, sans-serif`;
        ctx.textBaseline = 'middle';
        ctx.fillStyle = '#1d2433';
      }
      let inView = 0;
      for (const l of scene.labels) {
        if (l.x > vx1 || l.y > vy1 || l.x + l.w < vx0 || l.y + l.h < vy0) continue;
        inView++;
        if (!labelsShown) continue;
        // a character-count estimate instead of measureText per label per frame
        const fits = Math.floor((l.w * k - 16) / (LABEL_FONT_PX * 0.58));
        if (fits < 3) continue;
        ctx.globalAlpha = l.alpha;
        ctx.fillText(
          l.name.length > fits ? `${l.name.slice(0, fits - 1)}…` : l.name,
          l.x + 8 / k,
          l.y + l.h / 2 + 4 / k,
        );
      }
      ctx.globalAlpha = 1;
      if (inView !== drawn) {
        // the first frame with the graph: a phase of the open (e2e/LARGE_GRAPH.md)
        if (drawn < 0) performance.mark('sop-open:layer-drawn');
        canvas.dataset.drawn = String((drawn = inView));
      }
    };
    const schedule = () => {
      if (!raf) raf = requestAnimationFrame(draw);
    };
    schedule();
    let last = store.getState();
    const unsubscribe = store.subscribe((s) => {
      if (s.transform !== last.transform || s.width !== last.width || s.height !== last.height) schedule();
      last = s;
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(raf);
    };
  }, [scene, paths, store]);
  return (
    <canvas
      ref={ref}
      className="low-detail-layer"
      data-testid="low-detail-layer"
      role="img"
      aria-label={`${scene.hitBoxes.length} states drawn zoomed out. Click a state to select it, double-click to zoom in to it, or use Find.`}
    />
  );
}

export const LowDetailLayer = memo(LowDetailLayerView);

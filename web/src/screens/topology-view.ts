import type { Core } from 'cytoscape';
import { LABEL_FONT } from './topology-elements.ts';

/** The smallest label a reader is asked to read, in CSS pixels: below it the drawing scrolls rather than shrinks. */
export const MIN_LABEL_PX = 9.5;
export const MIN_ZOOM = MIN_LABEL_PX / LABEL_FONT.size;
/** Room around the drawing, in CSS pixels. */
const MARGIN = 24;
/** The frame is at most this share of the window's height; a taller drawing scrolls inside it. */
export const FRAME_HEIGHT = 0.7;

/**
 * Sizes the canvas and sets the zoom. Readable (the default): labels at their size, or smaller down to
 * MIN_LABEL_PX to fit the frame's width; the canvas as large as the drawing at that zoom, the frame scrolling over
 * it (wheel, scroll bars, arrow keys once focused). Fitted: the whole drawing in the frame, whatever the labels' size.
 */
export function applyView(cy: Core, frame: HTMLElement, canvas: HTMLElement, fitted: boolean): void {
  const box = cy.elements().boundingBox();
  const width = box.w + 2 * MARGIN;
  const height = box.h + 2 * MARGIN;
  const frameWidth = frame.clientWidth;
  const frameHeight = Math.round(window.innerHeight * FRAME_HEIGHT);
  const zoom = fitted
    ? Math.min(1, frameWidth / width, frameHeight / height)
    : Math.max(MIN_ZOOM, Math.min(1, frameWidth / width));
  canvas.style.width = fitted ? '100%' : `${Math.max(frameWidth, Math.ceil(width * zoom))}px`;
  canvas.style.height = `${Math.ceil(height * zoom)}px`;
  cy.resize();
  cy.zoom(zoom);
  // Centred across when narrower than the frame; from the top otherwise.
  const left = Math.max(MARGIN * zoom, (canvas.clientWidth - box.w * zoom) / 2);
  cy.pan({ x: left - box.x1 * zoom, y: MARGIN * zoom - box.y1 * zoom });
}

interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * An ELK route as cytoscape's `segments` edge: its bends as weights along, and distances across, the line between
 * the two nodes' centres, and its ends relative to those centres.
 */
export function segmentsStyle(route: readonly Point[], source: Point, target: Point): Record<string, string> {
  const start = route[0];
  const end = route[route.length - 1];
  const bends = route.slice(1, -1);
  const dx = target.x - source.x;
  const dy = target.y - source.y;
  const length = Math.hypot(dx, dy);
  if (!start || !end || length === 0 || bends.length === 0) return {};
  const weights = bends.map((p) => ((p.x - source.x) * dx + (p.y - source.y) * dy) / (length * length));
  const distances = bends.map((p) => ((p.y - source.y) * dx - (p.x - source.x) * dy) / length);
  return {
    'curve-style': 'segments',
    'edge-distances': 'node-position',
    'segment-weights': weights.map((w) => w.toFixed(4)).join(' '),
    'segment-distances': distances.map((d) => d.toFixed(2)).join(' '),
    'source-endpoint': `${start.x - source.x}px ${start.y - source.y}px`,
    'target-endpoint': `${end.x - target.x}px ${end.y - target.y}px`,
  };
}

import type { Matrix } from '../src/model/matrix.js';
import { targetStage } from './targets.js';

/**
 * Stages beyond document formats (targets, audit), keyed by name; each returns the output size and may return
 * `extra` timings in ms (`render` replaces the measured one; any other key, such as `check`, becomes a column).
 */
export const extraStages: Record<string, (m: Matrix) => Promise<{ bytes: number; extra?: Record<string, number> }>> = {
  nftables: (m) => targetStage(m, 'nftables'),
  iptables: (m) => targetStage(m, 'iptables'),
};

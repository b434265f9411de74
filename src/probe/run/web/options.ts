import type { ProbeSpec } from '../../types.js';

/** Typed reads of a probe's options: a value of the wrong type counts as absent (the plan validates them). */
export const optString = (spec: ProbeSpec, key: string): string | undefined => {
  const v = spec.options?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

export const optNumber = (spec: ProbeSpec, key: string): number | undefined => {
  const v = spec.options?.[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
};

export const optBoolean = (spec: ProbeSpec, key: string): boolean | undefined => {
  const v = spec.options?.[key];
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return undefined;
};

/** A number or a list of numbers (`expectStatus: 401` or `[200, 401]`; strings such as "401" accepted). */
export const optNumbers = (spec: ProbeSpec, key: string): number[] | undefined => {
  const v = spec.options?.[key];
  const items = Array.isArray(v) ? v : v === undefined ? [] : [v];
  const nums = items
    .flatMap((x) => String(x).split(/[\s,]+/))
    .filter((s) => s !== '')
    .map(Number);
  return nums.length > 0 && nums.every(Number.isInteger) ? nums : undefined;
};

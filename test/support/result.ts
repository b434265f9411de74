/** The value of a `Result`, or a thrown error listing its issues: for tests whose input must be valid. */
export function must<T>(r: { ok: true; value: T } | { ok: false; issues: readonly { message: string }[] }): T {
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

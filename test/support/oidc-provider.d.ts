// oidc-provider ships no types; the test uses its constructor and `callback()` only.
declare module 'oidc-provider' {
  const Provider: new (issuer: string, configuration: Record<string, unknown>) => { callback(): unknown };
  export default Provider;
}

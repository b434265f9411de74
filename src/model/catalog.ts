import { z } from 'zod';
import { Text, text } from './text.js';
import {
  AUTH_MECHANISM_IDS,
  BY_DEFAULT,
  ENCRYPTION_MECHANISM_IDS,
  FLOW_KINDS,
  REQUIREMENT_LEVELS,
  TLS_VERSIONS,
  TRAFFIC_DIRECTIONS,
} from './vocab.js';
import { evalWhen, parseWhen, type WhenAst } from './when.js';
import { pattern } from './zod-words.js';

/**
 * A product's flow reference, as data. One YAML file per product under `catalogs/`.
 *
 * Strings the loader parses further (checked with positions by the loader, not by zod):
 * - address: `10.0.0.0/8`, `2001:db8::/32`, `192.0.2.1`, `graph.microsoft.com`, `*.um.outlook.com`,
 *   `aka.ms/hybridwizard` (URL: host + path, only a proxy can express it), `any`, and `${param}` templates
 *   anywhere (`${email_domain}.outlookmobile.com`); a list parameter expands to several addresses.
 * - port spec: `tcp/443`, `udp/3478`, `tcp/80,443`, `tcp/50000-59999`, `tcp/${rpc_low}-${rpc_high}`,
 *   `icmp`, `icmp/echo-request`, `icmp/8`, `esp`, `gre`, `ip` (any protocol).
 * - `when`: a feature expression: `sms`, `!adfs-onprem`, `graph && meeting`, `(a || b) && !c`.
 */
export const Id = z
  .string()
  .regex(
    ...pattern(
      /^[a-z0-9][a-z0-9._-]*$/,
      text(
        'un id s’écrit en minuscules, chiffres, ".", "_" et "-"',
        'ids are lowercase letters, digits, ".", "_" and "-"',
      ),
    ),
  );

export const SourceDocument = z.strictObject({
  /** File name of the seed (e.g. `000_96cfc191cb10ebdb.txt`). */
  document: z.string(),
  title: z.string(),
  publisher: z.string().optional(),
  url: z.string().optional(),
  date: z.string().optional(),
  language: z.string().default('fr'),
});

export const AddressList = z.array(z.string().min(1));

export const Role = z.strictObject({
  title: Text,
  description: Text.optional(),
  /** Addresses the source document gives (fixed role). Without them, a site must bind the role. */
  addresses: AddressList.optional(),
  /** Addresses that differ per value of a parameter (e.g. the cloud instance). */
  addressesBy: z.strictObject({ parameter: z.string(), values: z.record(z.string(), AddressList) }).optional(),
  /** Zone a fixed role lives in when the site does not bind it (default: the site's default zone). */
  zone: z.string().optional(),
  /** Where the role or its addresses come from when the source document does not name them. */
  origin: Text.optional(),
});

export const Service = z.strictObject({
  title: Text.optional(),
  ports: z.array(z.string()).min(1),
  app: z.string().optional(),
  /** Where the ports come from when the source document does not give them. */
  origin: Text.optional(),
});

export const Feature = z.strictObject({
  title: Text,
  description: Text.optional(),
  default: z.boolean().default(false),
  /** Features sharing a group are exclusive options: at most one is on. */
  exclusive: z.string().optional(),
  ref: z.string().optional(),
  /** Where the feature or its default comes from when the source document does not say it. */
  origin: Text.optional(),
});

export const PARAMETER_TYPES = [
  'string',
  'fqdn',
  'fqdn-list',
  'address',
  'address-list',
  'port',
  'integer',
  'enum',
  'boolean',
] as const;
export const Parameter = z.strictObject({
  type: z.enum(PARAMETER_TYPES),
  title: Text,
  description: Text.optional(),
  default: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).optional(),
  values: z.array(z.string()).optional(),
  /** An example value shown in documents when a catalog is rendered without a site. */
  example: z.union([z.string(), z.number(), z.array(z.string())]).optional(),
  /** Where the parameter or its default comes from when the source document does not give it. */
  origin: Text.optional(),
});

export const Auth = z.strictObject({
  default: z.array(z.enum(AUTH_MECHANISM_IDS)),
  supported: z.array(z.enum(AUTH_MECHANISM_IDS)),
  note: Text.optional(),
});

export const Encryption = z.strictObject({
  /** Mechanisms that can protect the flow; empty = cleartext only. */
  supported: z.array(z.enum(ENCRYPTION_MECHANISM_IDS)),
  byDefault: z.enum(BY_DEFAULT),
  minTls: z.enum(TLS_VERSIONS).optional(),
  note: Text.optional(),
});

const OneOrMany = z.union([z.string(), z.array(z.string()).min(1)]);

/**
 * The facts of a flow that can come from somewhere other than its source document. `row` is the whole flow (a row
 * the document does not have); the others name one field (`auth` covers default and supported; `encryption` covers
 * supported, on by default and TLS minimum).
 */
export const FLOW_FACTS = [
  'row',
  'from',
  'to',
  'services',
  'app',
  'when',
  'level',
  'auth',
  'encryption',
  'minTls',
  'proxy',
  'direction',
  'interface',
] as const;
export type FlowFact = (typeof FLOW_FACTS)[number];
/**
 * Where each fact not in the source document comes from: which other document, or "our reading" and why — in the
 * two languages, shown in every document beside the fact.
 */
export const FlowOrigin = z.strictObject(
  Object.fromEntries(FLOW_FACTS.map((fact) => [fact, Text.optional()])) as Record<FlowFact, z.ZodOptional<typeof Text>>,
);

export const Flow = z.strictObject({
  id: Id,
  /** Where in the source document: row number, section, table and row label. Left out (in-house catalog): the id. */
  ref: z.string().min(1).optional(),
  /** The row's wording as the reader will look for it (may follow the source). */
  label: Text.optional(),
  purpose: Text,
  kind: z.enum(FLOW_KINDS).default('network'),
  direction: z.enum(TRAFFIC_DIRECTIONS).optional(),
  /** Interface of the product's host the flow uses (Lync Edge: `external` / `internal`). */
  interface: z.string().optional(),
  from: OneOrMany,
  to: OneOrMany,
  /** Service ids or inline port specs. Empty only for `reference` rows. */
  services: z.array(z.string()).default([]),
  app: z.string().optional(),
  when: z.string().optional(),
  level: z.enum(REQUIREMENT_LEVELS),
  auth: Auth.optional(),
  encryption: Encryption.optional(),
  /** Whether an outbound HTTP(S) flow may go through the site's proxy. */
  proxy: z.enum(['allowed', 'required', 'never']).optional(),
  notes: Text.optional(),
  /** Facts not in the source document, each with where it comes from (see FLOW_FACTS). */
  origin: FlowOrigin.optional(),
});

export const ScenarioStep = z.strictObject({
  from: z.string(),
  to: z.string(),
  flow: z.string().optional(),
  label: Text,
  /** Where the step comes from when the source document does not number it so. */
  origin: Text.optional(),
});
export const Scenario = z.strictObject({
  id: Id,
  ref: z.string(),
  title: Text,
  description: Text.optional(),
  when: z.string().optional(),
  steps: z.array(ScenarioStep).min(1),
});

export const PROBE_TYPES = ['dns', 'ntp', 'tcp', 'udp', 'tls', 'http', 'smtp', 'ldap', 'manual'] as const;
export const Check = z.strictObject({
  id: Id,
  ref: z.string(),
  title: Text,
  when: z.string().optional(),
  flows: z.array(z.string()).default([]),
  probe: z.strictObject({
    type: z.enum(PROBE_TYPES),
    /** Host or URL, may use `${param}` templates; defaults to the flow's destination. */
    target: z.string().optional(),
    port: z.number().int().min(1).max(65535).optional(),
  }),
  /** Where the check comes from when the source document does not list it. */
  origin: Text.optional(),
});

export const CONSTRAINT_RULES = ['no-firewall-between', 'not-in-perimeter'] as const;
/** What the source says is unsupported, as data the audit checks against a site. */
export const Constraint = z.strictObject({
  id: Id,
  ref: z.string(),
  rule: z.enum(CONSTRAINT_RULES),
  roles: z.array(z.string()).min(1),
  text: Text,
});

/**
 * A note on the catalog. `kind: contradiction` marks where the source document says two incompatible things: both
 * readings stay in the text, the flows concerned are named, and the audit reports it so a person decides.
 */
export const CatalogNote = z.strictObject({
  ref: z.string(),
  text: Text,
  kind: z.enum(['note', 'contradiction']).default('note'),
  /** Flows the note is about (their ids). */
  flows: z.array(z.string()).default([]),
});

export const Catalog = z.strictObject({
  $schema: z.string().optional(),
  id: Id,
  title: Text,
  description: Text.optional(),
  /** Left out by a team describing its own application. */
  vendor: z.string().optional(),
  product: z.string(),
  version: z.string().optional(),
  /** The document the catalog transcribes. Left out, the catalog is "in-house": its team is the source. */
  source: SourceDocument.optional(),
  roles: z.record(z.string(), Role),
  services: z.record(z.string(), Service).default({}),
  features: z.record(z.string(), Feature).default({}),
  parameters: z.record(z.string(), Parameter).default({}),
  flows: z.array(Flow).min(1),
  scenarios: z.array(Scenario).default([]),
  checks: z.array(Check).default([]),
  constraints: z.array(Constraint).default([]),
  notes: z.array(CatalogNote).default([]),
});

/** A catalog as written: a flow may leave out its `ref`. */
export type WrittenCatalog = z.infer<typeof Catalog>;
/**
 * A flow as the program reads it: `ref` is always there (its id when the catalog gave none), and a `when` that parses
 * is carried parsed (`condition`), so nothing after the loader reads the expression again.
 */
export type Flow = z.infer<typeof Flow> & { ref: string; condition?: WhenAst };
export type Scenario = z.infer<typeof Scenario> & { condition?: WhenAst };
export type Check = z.infer<typeof Check> & { condition?: WhenAst };
export type Catalog = Omit<WrittenCatalog, 'flows' | 'scenarios' | 'checks'> & {
  flows: Flow[];
  scenarios: Scenario[];
  checks: Check[];
};

/**
 * A catalog as written, made the one the program reads: every flow without `ref` takes its id (an in-house catalog
 * has no document to point into), and every `when` of a flow, scenario or check is parsed once, here. A `when` that
 * does not parse gets no `condition`: validation reports it. (A partial catalog, read for its errors, may hold
 * anything where a list goes.)
 */
export function loadedCatalog(catalog: WrittenCatalog): Catalog {
  // Thousands of flows repeat a handful of expressions: each text parsed once, its tree shared (it is immutable).
  const conditions = new Map<string, WhenAst | undefined>();
  const withCondition = (item: unknown): void => {
    if (!item || typeof item !== 'object') return;
    const holder = item as { when?: unknown; condition?: WhenAst };
    if (typeof holder.when !== 'string') return;
    if (!conditions.has(holder.when)) {
      const parsed = parseWhen(holder.when);
      conditions.set(holder.when, parsed.ok ? parsed.value : undefined);
    }
    const condition = conditions.get(holder.when);
    if (condition) holder.condition = condition;
  };
  const items = (list: unknown): readonly unknown[] => (Array.isArray(list) ? list : []);
  for (const flow of items(catalog.flows)) {
    if (!flow || typeof flow !== 'object') continue;
    (flow as Flow).ref ??= (flow as Flow).id;
    withCondition(flow);
  }
  for (const scenario of items(catalog.scenarios)) withCondition(scenario);
  for (const check of items(catalog.checks)) withCondition(check);
  return catalog as Catalog;
}
/** What carries a `when`: a flow, a scenario, a check. */
interface Conditioned {
  readonly when?: string | undefined;
  readonly condition?: WhenAst | undefined;
}

/**
 * The tree of an item's `when`: the loader's, or, for a catalog built in code rather than loaded, its text parsed
 * now. Undefined when there is no `when` or it does not parse.
 */
export function conditionOf(item: Conditioned): WhenAst | undefined {
  if (item.condition || item.when === undefined) return item.condition;
  const parsed = parseWhen(item.when);
  return parsed.ok ? parsed.value : undefined;
}

/** Whether an item is on for these features: no `when`, or one that holds. A `when` that does not parse never holds. */
export function whenHolds(item: Conditioned, enabled: (feature: string) => boolean): boolean {
  if (item.when === undefined) return true;
  const condition = conditionOf(item);
  return condition !== undefined && evalWhen(condition, enabled);
}

export type Role = z.infer<typeof Role>;
export type Service = z.infer<typeof Service>;
export type Feature = z.infer<typeof Feature>;
export type Parameter = z.infer<typeof Parameter>;
export type FlowOrigin = z.infer<typeof FlowOrigin>;
export type Auth = z.infer<typeof Auth>;
export type Encryption = z.infer<typeof Encryption>;
export type Constraint = z.infer<typeof Constraint>;
export type CatalogNote = z.infer<typeof CatalogNote>;

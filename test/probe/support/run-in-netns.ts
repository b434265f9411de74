/**
 * Runs probe specs with the real runners and scheduler inside the network namespace this process was started in
 * (`ip netns exec NS node --import tsx/esm run-in-netns.ts`). stdin: {"specs": [...], "limits": {...}}; stdout: the
 * results as JSON.
 */
import { runProbes } from '../../../src/probe/run/index.js';
import type { ProbeLimits, ProbeSpec } from '../../../src/probe/types.js';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { specs, limits } = JSON.parse(input) as { specs: ProbeSpec[]; limits: ProbeLimits };
const results = await runProbes(specs, { limits }, { jitterMs: 0 });
process.stdout.write(JSON.stringify(results));

/**
 * The compiled zod check's worth (issue 10): load + validate of a synthetic catalog with the compiled zod check
 * (`fresh: true`) and without it (`fresh: false`: plain zod `safeParse`), same YAML tree. Interleaved rounds.
 * Run: `npx tsx bench/fast-schema.bench.ts [sizes] [rounds]` (default 10000,100000 and 5); results in bench/README.md.
 */
import { checkData, readYamlText } from '../src/catalog/parse.js';
import { Catalog } from '../src/model/catalog.js';
import { syntheticFiles } from './synthetic.js';

const sizes = (process.argv[2] ?? '10000,100000').split(',').map(Number);
const rounds = Number(process.argv[3] ?? 5);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
for (const n of sizes) {
  const text = syntheticFiles(n).catalog;
  const res: Record<string, { wall: number[]; cpu: number[] }> = {
    compiled: { wall: [], cpu: [] },
    zod: { wall: [], cpu: [] },
  };
  for (let r = 0; r < rounds; r++) {
    for (const mode of ['compiled', 'zod'] as const) {
      const c0 = cpu();
      const t0 = performance.now();
      const read = readYamlText(text, 'x.yaml');
      const out = checkData({ ...read, fresh: mode === 'compiled' }, Catalog);
      const wall = performance.now() - t0;
      if (out.value === undefined) throw new Error('invalid');
      res[mode]?.wall.push(wall);
      res[mode]?.cpu.push(cpu() - c0);
    }
  }
  for (const [mode, v] of Object.entries(res)) {
    const s = (a: number[]) => [...a].sort((x, y) => x - y);
    console.log(
      n,
      mode,
      'wall min/median',
      s(v.wall)[0]?.toFixed(0),
      s(v.wall)[Math.floor(rounds / 2)]?.toFixed(0),
      'cpu min/median',
      s(v.cpu)[0]?.toFixed(0),
      s(v.cpu)[Math.floor(rounds / 2)]?.toFixed(0),
    );
  }
}

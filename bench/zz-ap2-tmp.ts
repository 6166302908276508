import { generateSyntheticModel } from './synthetic-model';
import { resolveSystem, deriveAttackPaths } from '@zonewise/core';
const r = resolveSystem(generateSyntheticModel({ assets: Number(process.argv[2]) }).file);
if (r.ok) {
  const m = r.value;
  const impacts = m.zones.map((z) => Math.max(0, ...m.assetsIn(z.id).map((a) => a.worstImpact)));
  const max = Math.max(...impacts);
  console.log(
    'targets',
    impacts.filter((i) => i === max).length,
    'entry zones',
    new Set(m.accessPoints.map((a) => a.zone)).size,
  );
  const t = performance.now();
  const p = deriveAttackPaths(m, []);
  console.log('paths', p.length, Math.round(performance.now() - t));
}

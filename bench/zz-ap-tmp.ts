import { generateSyntheticModel } from './synthetic-model';
import { resolveSystem, deriveAttackPaths, modelSha256, assembleCrs, diffModels } from '@zonewise/core';
for (const assets of process.argv.slice(2).map(Number)) {
  const input = generateSyntheticModel({ assets }).file;
  const r = resolveSystem(input);
  if (!r.ok) {
    console.log('resolve failed', r.diagnostics.slice(0, 3));
    continue;
  }
  const m = r.value;
  let t = performance.now();
  const paths = deriveAttackPaths(m, []);
  console.log(
    assets,
    'zones',
    m.zones.length,
    'conduits',
    m.conduits.length,
    'aps',
    m.accessPoints.length,
    'paths',
    paths.length,
    'ms',
    Math.round(performance.now() - t),
  );
  t = performance.now();
  const h = modelSha256(m.file);
  console.log('sha ms', Math.round(performance.now() - t), h.slice(0, 8));
  t = performance.now();
  assembleCrs(m, [], []);
  console.log('crs ms', Math.round(performance.now() - t));
  t = performance.now();
  diffModels(m, m);
  console.log('diff ms', Math.round(performance.now() - t));
  console.log('rss MB', Math.round(process.memoryUsage().rss / 1e6));
}

import { generateSyntheticModel } from './synthetic-model';
import { resolveSystem, assembleCrs, modelSha256, diffModels } from '@zonewise/core';
const r = resolveSystem(generateSyntheticModel({ assets: 100000 }).file);
const r2 = resolveSystem(generateSyntheticModel({ assets: 100000 }).file);
if (r.ok && r2.ok) {
  for (let i = 0; i < 2; i++) {
    let t = performance.now();
    assembleCrs(r.value, [], []);
    console.log('crs', Math.round(performance.now() - t));
    t = performance.now();
    modelSha256(r.value.file);
    console.log('sha', Math.round(performance.now() - t));
    t = performance.now();
    const d = diffModels(r.value, r2.value);
    console.log('diff', Math.round(performance.now() - t), d.changes.length);
  }
}

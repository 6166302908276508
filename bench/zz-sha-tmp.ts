import { generateSyntheticModel } from './synthetic-model';
import { resolveSystem, canonicalModel, writeCanonicalJson, Sha256 } from '@zonewise/core';
const r = resolveSystem(generateSyntheticModel({ assets: 100000 }).file);
if (r.ok) {
  for (let i = 0; i < 2; i++) {
    let t = performance.now();
    const c = canonicalModel(r.value.file);
    const t1 = performance.now() - t;
    const chunks: string[] = [];
    t = performance.now();
    writeCanonicalJson(c, (x) => chunks.push(x));
    const t2 = performance.now() - t;
    t = performance.now();
    const h = new Sha256();
    for (const x of chunks) h.update(x);
    h.digest();
    const t3 = performance.now() - t;
    console.log(
      'canonicalModel',
      Math.round(t1),
      'json',
      Math.round(t2),
      'sha',
      Math.round(t3),
      chunks.reduce((n, x) => n + x.length, 0),
    );
  }
}

import { describe, expect, it } from 'vitest';
import { modelLookupKeys, modelTokens, normaliseProductName, productWords } from './product-name';

describe('normaliseProductName', () => {
  it.each([
    ['SIMATIC® S7-1200', 'simatic s7 1200'],
    ['  1756-ENBT/A ', '1756 enbt a'],
    ['EtherNet/IP   Module', 'ethernet ip module'],
  ])('%j → %j', (name, normalised) => {
    expect(normaliseProductName(name)).toBe(normalised);
  });
});

describe('modelTokens', () => {
  it.each([
    ['1756-ENBT/A', ['1756-enbt']],
    ['1756 ControlLogix EtherNet/IP Communications Modules 1756-EN2TR Series A', ['1756-en2tr']],
    ['SIMATIC S7-1200 CPU family (incl. SIPLUS variants)', ['s7-1200']],
    ['Modicon M340 CPU (part numbers BMXP34*)', ['m340', 'bmxp34*']],
    ['MicroLogix 1400 Controllers Series B', []],
    ['Firmware V2.1 64GB', []],
  ])('%j → %j', (name, tokens) => {
    expect(modelTokens(name)).toEqual(tokens);
  });
});

describe('modelLookupKeys', () => {
  it('looks an order code up by itself and by its shorter model prefixes', () => {
    expect(modelLookupKeys('1756-enbt-a')).toEqual(['1756enbta', '1756enbt']);
    expect(modelLookupKeys('1756-en2t')).toEqual(['1756en2t']);
  });
});

describe('productWords', () => {
  it('drops generic words and one-letter series marks', () => {
    expect(productWords('MicroLogix 1400 Controllers Series A')).toEqual(['micrologix', '1400']);
  });
});

import { describe, expect, it } from 'vitest';
import { Sha256, sha256, sha256Bytes } from './sha256';

describe('sha256', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
  ])('matches the NIST vector for %j', (message, digest) => {
    expect(sha256(message)).toBe(digest);
  });

  it('matches the NIST vector for one million "a"', () => {
    expect(sha256('a'.repeat(1_000_000))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('hashes messages whose padding spills into an extra block', () => {
    expect(sha256('a'.repeat(55))).toBe('9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318');
    expect(sha256('a'.repeat(56))).toBe('b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a');
    expect(sha256('a'.repeat(64))).toBe('ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb');
  });

  it.each([
    ['é', '4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c'],
    ['€', 'c4cc90ed3d26f12d4b08a75140970a7904035c31cbb4515a83f19b9003c00d1d'],
    ['😀', 'f0443a342c5ef54783a111b51ba56c938e474c32324d90c3a60c9c8e3a37e2d9'],
    ['Zone « Ünïcödé » 区域 😀', 'f739a73c3db6ef1970af941380f61efee3f815b53d9dacfddb5e68ce657b7208'],
  ])('hashes multi-byte unicode %j as UTF-8', (message, digest) => {
    expect(sha256(message)).toBe(digest);
  });
});

describe('Sha256', () => {
  it('hashes chunked input like the whole string, even with a surrogate pair split across chunks', () => {
    const text = 'Zone « Ünïcödé » 区域 😀 and more text to cross a block boundary: ' + 'x'.repeat(70);
    const split = text.indexOf('😀') + 1;
    expect(new Sha256().update(text.slice(0, split)).update(text.slice(split)).digest()).toBe(sha256(text));
  });

  it('hashes bytes and strings alike', () => {
    expect(sha256Bytes(new Uint8Array([0x61, 0x62, 0x63]))).toBe(sha256('abc'));
  });

  it.each([
    ['\ud800', '\ufffd'],
    ['\udc00x', '\ufffdx'],
    ['a\ud800', 'a\ufffd'],
  ])('hashes the lone surrogate in %j as U+FFFD', (text, replaced) => {
    expect(sha256(text)).toBe(sha256(replaced));
  });

  it('refuses a second digest', () => {
    const hasher = new Sha256();
    hasher.digest();
    expect(() => hasher.digest()).toThrow();
  });
});

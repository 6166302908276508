/**
 * IPv4 and IPv6 address ranges as inclusive bigint intervals. Firewall rules, zone boundaries and observed hosts
 * all meet here: an interface network, an alias entry and a zone's "10.50.1.0/24" become ranges, and the importer
 * and the conformance check ask one question of them, "which zone does this address fall in".
 */

/** An inclusive range of addresses of one family: a CIDR, a single host or a "from-to" range. */
export interface IpRange {
  readonly family: 4 | 6;
  readonly low: bigint;
  readonly high: bigint;
}

/** One address, as a number of its family. */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly value: bigint;
}

const BITS = { 4: 32, 6: 128 } as const;

const parseIpv4 = (text: string): bigint | undefined => {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
};

const parseIpv6 = (input: string): bigint | undefined => {
  const text = input.replace(/%.*$/, '').toLowerCase();
  if (!/^[0-9a-f:.]+$/.test(text) || !text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups: number[] = [];
    const pieces = part.split(':');
    for (const [index, piece] of pieces.entries()) {
      if (piece.includes('.') && index === pieces.length - 1) {
        const v4 = parseIpv4(piece);
        if (v4 === undefined) return undefined;
        groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-f]{1,4}$/.test(piece)) {
        groups.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return groups;
  };
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
};

/** Parses one IPv4 or IPv6 address ("10.0.0.1", "fe80::1%em0"); undefined when the text is not an address. */
export const parseIp = (text: string): IpAddress | undefined => {
  const trimmed = text.trim();
  const v4 = parseIpv4(trimmed);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = parseIpv6(trimmed);
  return v6 === undefined ? undefined : { family: 6, value: v6 };
};

/**
 * Parses "10.1.0.0/16", "10.1.0.7/24" (an interface address: the network it sits on), "10.1.0.7" (one host) or
 * "10.1.0.10-10.1.0.20"; undefined when the text is none of these.
 */
export const parseIpRange = (text: string): IpRange | undefined => {
  const trimmed = text.trim();
  const dash = /^([^\s/-]+)\s*-\s*([^\s/-]+)$/.exec(trimmed);
  if (dash) {
    const from = parseIp(dash[1] ?? '');
    const to = parseIp(dash[2] ?? '');
    if (!from || !to || from.family !== to.family) return undefined;
    return from.value <= to.value
      ? { family: from.family, low: from.value, high: to.value }
      : { family: from.family, low: to.value, high: from.value };
  }
  const [addressText = '', prefixText, extra] = trimmed.split('/');
  if (extra !== undefined) return undefined;
  const address = parseIp(addressText);
  if (!address) return undefined;
  const bits = BITS[address.family];
  if (prefixText === undefined) return { family: address.family, low: address.value, high: address.value };
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > bits) return undefined;
  return cidrRange(address.family, address.value, prefix);
};

/** The network of `prefix` bits that contains `value`. */
export const cidrRange = (family: 4 | 6, value: bigint, prefix: number): IpRange => {
  const hostBits = BigInt(BITS[family] - prefix);
  const size = 1n << hostBits;
  const low = (value >> hostBits) << hostBits;
  return { family, low, high: low + size - 1n };
};

/** Every address of a family: what "any" means once a rule is narrowed to IPv4 or IPv6. */
export const everyAddress = (family: 4 | 6): IpRange => ({
  family,
  low: 0n,
  high: (1n << BigInt(BITS[family])) - 1n,
});

/** Formats an address in its usual text form (IPv6 in RFC 5952 short form). */
export const formatIp = (address: IpAddress): string => {
  if (address.family === 4) {
    const value = address.value;
    return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, index) =>
    Number((address.value >> BigInt((7 - index) * 16)) & 0xffffn),
  );
  let bestStart = -1;
  let bestLength = 0;
  for (let start = 0; start < 8;) {
    let end = start;
    while (end < 8 && groups[end] === 0) end += 1;
    if (end - start > bestLength && end - start >= 2) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end === start ? start + 1 : end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
};

/** Formats a range as CIDR when it is one ("10.0.0.0/24", "10.0.0.7/32"), else as "from-to". */
export const formatIpRange = (range: IpRange): string => {
  const size = range.high - range.low + 1n;
  const isPowerOfTwo = (size & (size - 1n)) === 0n;
  if (isPowerOfTwo && range.low % size === 0n) {
    const prefix = BITS[range.family] - (size.toString(2).length - 1);
    return `${formatIp({ family: range.family, value: range.low })}/${prefix}`;
  }
  return `${formatIp({ family: range.family, value: range.low })}-${formatIp({ family: range.family, value: range.high })}`;
};

/** True when the range holds the address. */
export const rangeHolds = (range: IpRange, address: IpAddress): boolean =>
  range.family === address.family && address.value >= range.low && address.value <= range.high;

/** Size of a range in addresses: smaller is more specific. */
export const rangeSize = (range: IpRange): bigint => range.high - range.low + 1n;

/** Sorts and merges overlapping or adjacent ranges, so that coverage checks compare against disjoint runs. */
export const mergeRanges = (ranges: readonly IpRange[]): IpRange[] => {
  const sorted = [...ranges].sort((a, b) =>
    a.family !== b.family ? a.family - b.family : a.low < b.low ? -1 : a.low > b.low ? 1 : 0,
  );
  const merged: IpRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && last.family === range.family && range.low <= last.high + 1n) {
      if (range.high > last.high) merged[merged.length - 1] = { ...last, high: range.high };
    } else {
      merged.push(range);
    }
  }
  return merged;
};

/** The addresses that lie in both sets, merged. */
export const intersectRanges = (a: readonly IpRange[], b: readonly IpRange[]): IpRange[] => {
  const result: IpRange[] = [];
  for (const left of a) {
    for (const right of b) {
      if (left.family !== right.family) continue;
      const low = left.low > right.low ? left.low : right.low;
      const high = left.high < right.high ? left.high : right.high;
      if (low <= high) result.push({ family: left.family, low, high });
    }
  }
  return mergeRanges(result);
};

/** The addresses of `a` that are not in `b`, merged. */
export const subtractRanges = (a: readonly IpRange[], b: readonly IpRange[]): IpRange[] => {
  let rest = mergeRanges(a);
  for (const cut of mergeRanges(b)) {
    const next: IpRange[] = [];
    for (const range of rest) {
      if (range.family !== cut.family || cut.high < range.low || cut.low > range.high) {
        next.push(range);
        continue;
      }
      if (cut.low > range.low) next.push({ ...range, high: cut.low - 1n });
      if (cut.high < range.high) next.push({ ...range, low: cut.high + 1n });
    }
    rest = next;
  }
  return rest;
};

/** True when every address of `target` is in `cover`. */
export const coversRanges = (cover: readonly IpRange[], target: readonly IpRange[]): boolean =>
  subtractRanges(target, cover).length === 0;

const IPV4_IN_TEXT =
  /(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(?:\s*\/\s*(\d{1,2}))?(?:\s*-\s*(\d{1,3}(?:\.\d{1,3}){3}))?(?![\d.])/g;
const IPV6_CIDR_IN_TEXT = /(?<![0-9a-f:])([0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7})\/(\d{1,3})(?!\d)/gi;

/**
 * Finds the address ranges written in free text such as a zone's logical boundary ("VLAN 50, 10.50.1.0/24 and
 * 10.50.9.7"): IPv4 CIDRs, hosts and "a-b" ranges, and IPv6 CIDRs. Text that only looks like a version number
 * ("1.2.3") is not an address and is ignored.
 */
export const findIpRanges = (text: string): IpRange[] => {
  const ranges: IpRange[] = [];
  for (const match of text.matchAll(IPV4_IN_TEXT)) {
    const [, address = '', prefix, to] = match;
    const range = parseIpRange(
      to !== undefined ? `${address}-${to}` : prefix !== undefined ? `${address}/${prefix}` : address,
    );
    if (range) ranges.push(range);
  }
  for (const match of text.matchAll(IPV6_CIDR_IN_TEXT)) {
    const range = parseIpRange(`${match[1] ?? ''}/${match[2] ?? ''}`);
    if (range) ranges.push(range);
  }
  return ranges;
};

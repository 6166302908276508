/**
 * An IP address in its canonical text (IPv4 without leading zeros, IPv6 in lower case), or undefined when the text
 * is not one. A prefix length ("/24") or an IPv6 zone ("%eth0") is dropped.
 */
export const parseIpAddress = (text: string): string | undefined => {
  const bare = text
    .trim()
    .replace(/%[\w.-]+$/, '')
    .replace(/\/\d{1,3}$/, '');
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(bare);
  if (v4 !== null) {
    const parts = v4.slice(1).map(Number);
    return parts.every((part) => part <= 255) ? parts.join('.') : undefined;
  }
  if (!bare.includes(':') || !/^[0-9a-fA-F:.]+$/.test(bare)) return undefined;
  const compressions = bare.split('::').length - 1;
  if (compressions > 1) return undefined;
  const groups = bare.split(':').filter((group) => group !== '');
  const hasV4Tail = groups.at(-1)?.includes('.') === true;
  if (hasV4Tail && parseIpAddress(groups.at(-1) ?? '') === undefined) return undefined;
  const hexGroups = hasV4Tail ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
  const size = hexGroups.length + (hasV4Tail ? 2 : 0);
  if (compressions === 0 ? size !== 8 : size > 7) return undefined;
  return bare.toLowerCase();
};

/** A MAC address as six lower-case hex pairs joined by colons, from any common spelling; undefined if not one. */
export const normalizeMacAddress = (text: string): string | undefined => {
  const hex = text.trim().replace(/[:\-.\s]/g, '');
  if (!/^[0-9a-fA-F]{12}$/.test(hex)) return undefined;
  return hex.toLowerCase().match(/../g)?.join(':');
};

/** The addresses of a cell that may hold several (separated by commas, semicolons, bars or white space). */
export const splitAddresses = (text: string): readonly string[] =>
  text.split(/[\s,;|]+/).filter((part) => part !== '');

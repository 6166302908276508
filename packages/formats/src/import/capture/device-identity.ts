import { formatIpv4, readAscii, u16be, u16le, u32be, u32le } from './bytes';
import { CIP_DEVICE_TYPES, CIP_VENDORS } from './cip-vendors';

/**
 * What a device says about itself in an identity message on the wire (EtherNet/IP List Identity, S7 SZL module
 * and component identification, BACnet I-Am, PROFINET DCP Identify). Every field is optional: each protocol
 * reveals a different subset.
 */
export interface DeviceFacts {
  vendor?: string;
  vendorId?: number;
  deviceType?: string;
  productName?: string;
  productCode?: number;
  /** Manufacturer order number (S7 MLFB such as `6ES7 315-2EH14-0AB0`). */
  orderNumber?: string;
  /** Hardware/product revision (`4.3` for CIP major.minor). */
  revision?: string;
  firmware?: string;
  serialNumber?: string;
  /** Station or system name the device was configured with (PROFINET NameOfStation, S7 automation system name). */
  name?: string;
  moduleName?: string;
  plantName?: string;
  /** PROFINET device id within the vendor's range. */
  deviceId?: number;
  /** BACnet device object instance number. */
  instance?: number;
  /** IP address the device announces in its own payload (may differ from the packet source behind NAT). */
  announcedIp?: string;
}

const PROFINET_VENDORS: ReadonlyMap<number, string> = new Map([[0x002a, 'Siemens']]);

/**
 * EtherNet/IP List Identity reply (encapsulation command 0x63) with a CIP Identity item (type 0x0C): vendor,
 * device type, product code, revision, serial number and product name.
 */
export const readEnipListIdentity = (
  bytes: Uint8Array,
  offset: number,
  length: number,
): DeviceFacts | undefined => {
  if (length < 26 || bytes[offset] !== 0x63 || bytes[offset + 1] !== 0) return undefined;
  const encapsulated = u16le(bytes, offset + 2);
  if (encapsulated === 0) return undefined;
  const end = offset + Math.min(length, 24 + encapsulated);
  const count = u16le(bytes, offset + 24);
  let position = offset + 26;
  for (let item = 0; item < count && item < 8 && position + 4 <= end; item += 1) {
    const type = u16le(bytes, position);
    const size = u16le(bytes, position + 2);
    const body = position + 4;
    if (body + size > end) return undefined;
    if (type === 0x0c && size >= 33) {
      const vendorId = u16le(bytes, body + 18);
      const deviceType = u16le(bytes, body + 20);
      const nameLength = bytes[body + 32] ?? 0;
      const facts: DeviceFacts = {
        vendorId,
        productCode: u16le(bytes, body + 22),
        revision: `${bytes[body + 24] ?? 0}.${bytes[body + 25] ?? 0}`,
        serialNumber: `0x${u32le(bytes, body + 28)
          .toString(16)
          .padStart(8, '0')}`,
        announcedIp: formatIpv4(u32be(bytes, body + 6)),
      };
      const vendor = CIP_VENDORS.get(vendorId);
      if (vendor !== undefined) facts.vendor = vendor;
      const typeName = CIP_DEVICE_TYPES.get(deviceType);
      if (typeName !== undefined) facts.deviceType = typeName;
      if (33 + nameLength <= size) {
        const productName = readAscii(bytes, body + 33, nameLength);
        if (productName !== '') facts.productName = productName;
      }
      return facts;
    }
    position = body + size;
  }
  return undefined;
};

/**
 * S7comm user-data reply to "read SZL" for module identification (SZL 0x0011: order number, firmware) or
 * component identification (SZL 0x001C: system and module names, plant, serial number).
 */
export const readS7Identification = (
  bytes: Uint8Array,
  offset: number,
  length: number,
): DeviceFacts | undefined => {
  const end = offset + length;
  const s7 = offset + 5 + (bytes[offset + 4] ?? 0);
  if (s7 + 10 > end || bytes[s7] !== 0x32 || bytes[s7 + 1] !== 7) return undefined;
  const parameters = s7 + 10;
  const parameterLength = u16be(bytes, s7 + 6);
  if (parameterLength < 8 || parameters + parameterLength + 4 > end) return undefined;
  if (bytes[parameters] !== 0 || bytes[parameters + 1] !== 1 || bytes[parameters + 2] !== 0x12)
    return undefined;
  const group = bytes[parameters + 5] ?? 0;
  if ((group & 0x0f) !== 4 || (group & 0xf0) !== 0x80 || bytes[parameters + 6] !== 1) return undefined;
  const data = parameters + parameterLength;
  if (bytes[data] !== 0xff) return undefined;
  const dataEnd = Math.min(end, data + 4 + u16be(bytes, data + 2));
  const szl = data + 4;
  if (szl + 8 > dataEnd) return undefined;
  const list = u16be(bytes, szl) & 0xff;
  const recordLength = u16be(bytes, szl + 4);
  const count = u16be(bytes, szl + 6);
  const facts: DeviceFacts = {};
  for (
    let i = 0, record = szl + 8;
    i < count && record + recordLength <= dataEnd;
    i += 1, record += recordLength
  ) {
    const index = u16be(bytes, record);
    if (list === 0x11 && recordLength >= 28) {
      if (index === 1) setText(facts, 'orderNumber', readAscii(bytes, record + 2, 20));
      if (index === 7 && bytes[record + 24] === 0x56) {
        facts.firmware = `V${bytes[record + 25] ?? 0}.${bytes[record + 26] ?? 0}.${bytes[record + 27] ?? 0}`;
      }
    } else if (list === 0x1c && recordLength >= 34) {
      const text = readAscii(bytes, record + 2, 32);
      if (index === 1) setText(facts, 'name', text);
      else if (index === 2) setText(facts, 'moduleName', text);
      else if (index === 3) setText(facts, 'plantName', text);
      else if (index === 4 && /siemens/i.test(text)) facts.vendor = 'Siemens';
      else if (index === 5) setText(facts, 'serialNumber', text);
      else if (index === 7) setText(facts, 'productName', text);
    }
  }
  return Object.keys(facts).length > 0 ? facts : undefined;
};

const setText = (
  facts: DeviceFacts,
  key: 'orderNumber' | 'name' | 'moduleName' | 'plantName' | 'serialNumber' | 'productName',
  text: string,
): void => {
  if (text !== '') facts[key] = text;
};

/** BACnet/IP I-Am (unconfirmed service 0): device instance and vendor id. */
export const readBacnetIAm = (bytes: Uint8Array, offset: number, length: number): DeviceFacts | undefined => {
  if (length < 12 || bytes[offset] !== 0x81) return undefined;
  const end = offset + Math.min(length, u16be(bytes, offset + 2));
  let position = offset + 4 + (bytes[offset + 1] === 0x04 ? 6 : 0);
  if (bytes[position] !== 1) return undefined;
  const control = bytes[position + 1] ?? 0;
  if ((control & 0x80) !== 0) return undefined;
  position += 2;
  if ((control & 0x20) !== 0) position += 3 + (bytes[position + 2] ?? 0);
  if ((control & 0x08) !== 0) position += 3 + (bytes[position + 2] ?? 0);
  if ((control & 0x20) !== 0) position += 1;
  if (position + 8 > end || bytes[position] !== 0x10 || bytes[position + 1] !== 0x00) return undefined;
  position += 2;
  if (bytes[position] !== 0xc4) return undefined;
  const objectId = u32be(bytes, position + 1);
  if (objectId >>> 22 !== 8) return undefined;
  position += 5;
  const maxApdu = bytes[position] ?? 0;
  if ((maxApdu & 0xf0) !== 0x20) return undefined;
  position += 1 + (maxApdu & 0x07);
  if (((bytes[position] ?? 0) & 0xf0) !== 0x90) return undefined;
  position += 1 + ((bytes[position] ?? 0) & 0x07);
  const vendorTag = bytes[position] ?? 0;
  const vendorLength = vendorTag & 0x07;
  if (
    (vendorTag & 0xf0) !== 0x20 ||
    vendorLength < 1 ||
    vendorLength > 2 ||
    position + 1 + vendorLength > end
  ) {
    return { instance: objectId & 0x3fffff };
  }
  const vendorId = vendorLength === 1 ? (bytes[position + 1] ?? 0) : u16be(bytes, position + 1);
  return { instance: objectId & 0x3fffff, vendorId };
};

/**
 * PROFINET DCP Identify or Get response (frame id 0xFEFF / 0xFEFD): NameOfStation, type of station, vendor and
 * device id, and the IP address the device reports.
 */
export const readProfinetDcp = (
  bytes: Uint8Array,
  offset: number,
  length: number,
): DeviceFacts | undefined => {
  if (length < 12) return undefined;
  const frameId = u16be(bytes, offset);
  const service = bytes[offset + 2];
  const isIdentify = frameId === 0xfeff && service === 5;
  const isGet = frameId === 0xfefd && service === 3;
  if ((!isIdentify && !isGet) || bytes[offset + 3] !== 1) return undefined;
  const end = Math.min(offset + length, offset + 12 + u16be(bytes, offset + 10));
  const facts: DeviceFacts = {};
  for (let position = offset + 12; position + 4 <= end;) {
    const option = bytes[position];
    const suboption = bytes[position + 1];
    const size = u16be(bytes, position + 2);
    const body = position + 4;
    if (body + size > end) break;
    if (option === 2 && suboption === 2 && size > 2)
      setText(facts, 'name', readAscii(bytes, body + 2, size - 2));
    else if (option === 2 && suboption === 1 && size > 2) {
      setText(facts, 'productName', readAscii(bytes, body + 2, size - 2));
    } else if (option === 2 && suboption === 3 && size >= 6) {
      facts.vendorId = u16be(bytes, body + 2);
      facts.deviceId = u16be(bytes, body + 4);
      const vendor = PROFINET_VENDORS.get(facts.vendorId);
      if (vendor !== undefined) facts.vendor = vendor;
    } else if (option === 1 && suboption === 2 && size >= 14) {
      const address = u32be(bytes, body + 2);
      if (address !== 0) facts.announcedIp = formatIpv4(address);
    }
    position = body + size + (size & 1);
  }
  return Object.keys(facts).length > 0 ? facts : undefined;
};

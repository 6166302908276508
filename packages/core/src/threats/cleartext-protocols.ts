/**
 * OT protocols that carry commands and values without authentication or encryption in their common form (Modbus,
 * S7comm, DNP3, EtherNet/IP-CIP, IEC 60870-5-104, IEC 61850 MMS/GOOSE, PROFINET, BACnet, OPC Classic/DCOM, FINS,
 * MELSEC/SLMP, HART-IP, GE-SRTP, CODESYS). Written as normalised prefixes: lower case, letters and digits only.
 */
export const CLEARTEXT_OT_PROTOCOLS = [
  'modbus',
  'mbtcp',
  's7',
  'dnp3',
  'enip',
  'ethernetip',
  'cip',
  'iec104',
  'iec608705104',
  'iec61850',
  'mms',
  'goose',
  'profinet',
  'bacnet',
  'opcda',
  'opcclassic',
  'dcom',
  'fins',
  'melsec',
  'slmp',
  'hartip',
  'srtp',
  'codesys',
] as const;

/** True when a protocol name denotes a cleartext OT protocol ("Modbus/TCP", "modbus-tcp", "S7comm", "DNP3" …). */
export const isCleartextOtProtocol = (protocol: string): boolean => {
  const normalised = protocol.toLowerCase().replace(/[^a-z0-9]/g, '');
  return CLEARTEXT_OT_PROTOCOLS.some((prefix) => normalised.startsWith(prefix));
};

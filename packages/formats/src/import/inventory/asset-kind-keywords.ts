/**
 * Words that name an asset kind in inventory exports (the "type" or "category" column of Claroty, Nozomi, Armis,
 * Dragos, spreadsheets). The longest matching phrase wins; on a tie the kind listed first wins, so the more
 * specific kinds come first.
 */
export const KIND_PHRASES: readonly (readonly [kind: string, phrases: readonly string[]])[] = [
  [
    'safety-engineering-workstation',
    ['sis engineering workstation', 'safety engineering workstation', 'sis workstation'],
  ],
  [
    'safety-controller',
    [
      'sis',
      'safety controller',
      'safety plc',
      'safety instrumented system',
      'esd',
      'emergency shutdown',
      'safety system',
      'logic solver',
    ],
  ],
  ['dcs-controller', ['dcs', 'dcs controller', 'process controller', 'distributed control system']],
  ['robot-controller', ['robot', 'robot controller']],
  [
    'plc',
    [
      'plc',
      'programmable logic controller',
      'logic controller',
      'controller',
      'pac',
      'plc controller',
      'cpu',
    ],
  ],
  ['rtu', ['rtu', 'remote terminal unit', 'telemetry unit', 'outstation']],
  [
    'ied',
    [
      'ied',
      'relay',
      'protection relay',
      'protective relay',
      'intelligent electronic device',
      'merging unit',
      'bay controller',
    ],
  ],
  [
    'drive',
    [
      'drive',
      'vfd',
      'variable frequency drive',
      'frequency converter',
      'inverter',
      'servo drive',
      'motor controller',
      'soft starter',
    ],
  ],
  [
    'io-module',
    [
      'io',
      'remote io',
      'io module',
      'io device',
      'adapter',
      'coupler',
      'bus coupler',
      'communication module',
      'comm module',
    ],
  ],
  [
    'field-device',
    [
      'sensor',
      'transmitter',
      'actuator',
      'instrument',
      'valve',
      'analyzer',
      'analyser',
      'meter',
      'flow meter',
      'field device',
      'positioner',
    ],
  ],
  [
    'engineering-workstation',
    [
      'engineering workstation',
      'engineering station',
      'ews',
      'engineering pc',
      'programming station',
      'programming pc',
      'engineering',
    ],
  ],
  [
    'hmi',
    [
      'hmi',
      'operator panel',
      'operator station',
      'operator workstation',
      'panel',
      'touch panel',
      'human machine interface',
      'operator interface',
      'scada client',
    ],
  ],
  ['scada-server', ['scada', 'scada server', 'scada system', 'supervisory']],
  ['historian', ['historian', 'data historian', 'process historian']],
  [
    'opc-server',
    [
      'opc',
      'opc server',
      'opc ua server',
      'protocol gateway',
      'gateway',
      'protocol converter',
      'iot gateway',
      'edge gateway',
    ],
  ],
  ['batch-server', ['batch server', 'recipe server']],
  ['domain-controller', ['domain controller', 'active directory']],
  ['patch-server', ['patch server', 'wsus', 'antivirus server', 'av server']],
  ['backup-server', ['backup', 'backup server']],
  ['jump-host', ['jump host', 'jump server', 'bastion', 'jumpbox', 'jump box']],
  ['mes', ['mes', 'manufacturing execution system']],
  ['lims', ['lims']],
  ['erp', ['erp']],
  ['business-workstation', ['office pc', 'business workstation', 'office workstation']],
  ['email-server', ['mail server', 'email server', 'e mail server']],
  ['it-server', ['it server']],
  ['data-diode', ['data diode', 'diode', 'unidirectional gateway']],
  ['firewall', ['firewall', 'fw', 'utm', 'ngfw', 'security appliance', 'security gateway']],
  ['vpn-gateway', ['vpn', 'vpn gateway', 'vpn concentrator']],
  [
    'remote-access-gateway',
    ['remote access', 'remote access gateway', 'remote access server', 'secure remote access'],
  ],
  [
    'cellular-modem',
    ['modem', 'cellular', 'cellular modem', 'cellular router', 'lte', '4g', '5g', '3g', 'gsm'],
  ],
  [
    'wireless-ap',
    [
      'access point',
      'wireless access point',
      'wap',
      'wlan ap',
      'wifi ap',
      'wireless ap',
      'wlan access point',
    ],
  ],
  ['wireless-client', ['wireless client', 'agv', 'tablet']],
  ['router', ['router', 'wan router', 'l3 router']],
  [
    'switch',
    [
      'switch',
      'network switch',
      'ethernet switch',
      'managed switch',
      'industrial switch',
      'l2 switch',
      'l3 switch',
    ],
  ],
  ['cloud-service', ['cloud', 'cloud service', 'saas']],
  ['vendor-system', ['vendor system']],
  ['portable-laptop', ['laptop', 'notebook', 'maintenance laptop', 'field laptop']],
  ['removable-media', ['usb', 'usb stick', 'removable media']],
  ['portable-tool', ['calibrator', 'handheld', 'portable tool', 'diagnostic tool', 'field communicator']],
  ['server', ['server', 'virtual machine', 'vm', 'hypervisor', 'esxi']],
  ['workstation', ['workstation', 'pc', 'computer', 'desktop', 'client', 'industrial pc', 'ipc']],
  ['other', ['printer', 'camera', 'ip camera', 'ups', 'phone', 'ip phone', 'badge reader']],
];

/**
 * Product families (matched at the start of a word, so "scalance xc" finds "SCALANCE XC208") that give the kind away when the type column is empty or says only "OT device"
 * (vendor catalogue names, e.g. "1756-L83E ControlLogix 5580" is a PLC).
 */
export const PRODUCT_PHRASES: readonly (readonly [kind: string, phrases: readonly string[]])[] = [
  [
    'safety-controller',
    ['guardlogix', 'triconex', 'tricon', 'himax', 'himatrix', 'safety manager', 'pilz pss'],
  ],
  [
    'dcs-controller',
    ['deltav', 'ac 800m', 'ac800m', 'centum', 'experion', 'ovation', 'symphony plus', 'pcs 7', 'pcs7'],
  ],
  [
    'plc',
    [
      'controllogix',
      'compactlogix',
      'micrologix',
      'micro800',
      'slc 500',
      'plc 5',
      'simatic s7',
      's7 1200',
      's7 1500',
      's7 300',
      's7 400',
      's7 200',
      'modicon',
      'm340',
      'm580',
      'm221',
      'm241',
      'm251',
      'melsec',
      'cj2m',
      'nx1p',
      'ac500',
    ],
  ],
  [
    'hmi',
    [
      'panelview',
      'simatic hmi',
      'comfort panel',
      'basic panel',
      'tp700',
      'tp1200',
      'tp1500',
      'ktp700',
      'ktp900',
      'magelis',
      'harmony gto',
      'factorytalk view',
      'wincc',
      'intouch',
    ],
  ],
  [
    'firewall',
    ['scalance s', 'fortigate', 'palo alto', 'tofino', 'mguard', 'isa 3000', 'asa 5506', 'asa 5508'],
  ],
  ['router', ['scalance m', 'ruggedcom rx']],
  [
    'switch',
    [
      'scalance x',
      'scalance xb',
      'scalance xc',
      'scalance xr',
      'stratix',
      'hirschmann',
      'ruggedcom rs',
      'moxa eds',
      'catalyst',
      'ie 2000',
      'ie 3000',
      'ie 4000',
    ],
  ],
  ['wireless-ap', ['scalance w', 'aironet']],
  ['rtu', ['scadapack', 'ace3600', 'rtu500', 'rtu560', 'saitel', 'tbox']],
  [
    'ied',
    [
      'siprotec',
      'relion',
      'ref615',
      'red615',
      'multilin',
      'micom',
      'sel 351',
      'sel 421',
      'sel 451',
      'sel 487',
      'sel 751',
    ],
  ],
  [
    'io-module',
    [
      '1756 enbt',
      '1756 en2t',
      '1756 en2tr',
      '1734 aent',
      'et 200',
      'et200',
      'et200sp',
      'et200m',
      'point io',
      'flex io',
      'wago 750',
    ],
  ],
  ['drive', ['powerflex', 'sinamics', 'micromaster', 'altivar', 'acs880', 'acs580', 'vacon']],
  ['historian', ['pi server', 'osisoft', 'factorytalk historian', 'aveva historian', 'canary historian']],
  [
    'engineering-workstation',
    ['studio 5000', 'tia portal', 'rslogix', 'step 7', 'unity pro', 'control expert'],
  ],
  ['remote-access-gateway', ['ewon', 'talk2m', 'secomea', 'tosibox']],
  ['cellular-modem', ['teltonika', 'rut955', 'rut240', 'sierra wireless', 'airlink']],
];

/** Lower case, "I/O" as one word, punctuation to spaces, padded so phrases match whole words only. */
const words = (text: string): string =>
  ` ${text
    .toLowerCase()
    .replace(/\bi\/o\b/g, 'io')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;

const bestMatch = (
  text: string,
  table: readonly (readonly [string, readonly string[]])[],
  isPrefix: boolean,
): string | undefined => {
  const padded = words(text);
  if (padded.trim() === '') return undefined;
  let best: { kind: string; words: number; length: number } | undefined;
  for (const [kind, phrases] of table) {
    for (const phrase of phrases) {
      if (!padded.includes(isPrefix ? ` ${phrase}` : ` ${phrase} `)) continue;
      const count = phrase.split(' ').length;
      if (best === undefined || count > best.words || (count === best.words && phrase.length > best.length)) {
        best = { kind, words: count, length: phrase.length };
      }
    }
  }
  return best?.kind;
};

/** The asset kind a type/category cell names ("Engineering Station" → engineering-workstation), if any. */
export const guessAssetKind = (text: string): string | undefined => bestMatch(text, KIND_PHRASES, false);

/** The asset kind a product or model name gives away ("1756-L83E ControlLogix 5580" → plc), if any. */
export const guessAssetKindFromProduct = (text: string): string | undefined =>
  bestMatch(text, PRODUCT_PHRASES, true);

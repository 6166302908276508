// Public API of the network-capture importer: streaming pcap/pcapng reader, frame decoder and analyser.
export {
  createCaptureReader,
  readCapturePackets,
  CaptureStreamReader,
  type CaptureFormat,
  type CapturePacket,
  type CaptureReadSummary,
  type CaptureReader,
  type CaptureReaderLimits,
  type RawPacket,
  type RawPacketSink,
} from './capture-reader';
export {
  CAPTURE_DIAGNOSTIC_CODES,
  type CaptureDiagnostic,
  type CaptureDiagnosticCode,
} from './capture-diagnostic';
export {
  analyseCapture,
  createCaptureAnalyser,
  type CaptureAnalyser,
  type CaptureAnalysisOptions,
} from './capture-analyser';
export {
  formatCaptureTime,
  type CaptureAnalysis,
  type CaptureDevice,
  type CaptureFlow,
  type CaptureHost,
  type CaptureProtocol,
  type CaptureStats,
  type EpochMicroseconds,
  type FlowTransport,
  type HostVendorSource,
  type InitiatorEvidence,
  type ProtocolEvidence,
} from './capture-analysis';
export {
  CAPTURE_PROTOCOLS,
  type CaptureProtocolCategory,
  type CaptureProtocolInfo,
} from './protocol-catalog';
export type { DeviceFacts } from './device-identity';
export { guessAssetKind, mergeCaptureIntoFile, type CaptureMerge } from './capture-to-model';
export {
  builtinOuiTable,
  createOuiTable,
  ouiVendorName,
  parseMacAddress,
  type OuiEntry,
  type OuiMatch,
  type OuiTable,
} from './oui/oui-table';
export { BUILTIN_OUI_VENDORS } from './oui/ics-vendors';
export {
  OUI_DIAGNOSTIC_CODES,
  readIeeeOuiCsv,
  readManufText,
  readOuiFile,
  type OuiDiagnosticCode,
  type OuiFileFormat,
  type OuiFileRead,
} from './oui/read-oui-file';
export { attachHostVendors, type HostVendorTables } from './oui/attach-host-vendors';

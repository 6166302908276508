import {
  createCaptureAnalyser,
  formatCaptureTime,
  mergeCaptureIntoFile,
  readOuiFile,
  type CaptureAnalysis,
  type OuiTable,
} from '@zonewise/formats';
import { CliError, EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { mergeIntoAssessment } from '../import/merge-into-assessment';
import { printDiagnostics } from '../print-diagnostics';

const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Streams a capture file through the analyser in 4 MB chunks (constant memory whatever the size), reporting
 * progress on stderr. In-memory IO (tests) reads the whole file.
 */
export const analyseCaptureFile = (io: CliIo, path: string, oui?: OuiTable): CaptureAnalysis => {
  const analyser = createCaptureAnalyser(oui === undefined ? {} : { oui });
  const size = io.sizeOf(path);
  let lastReport = 0;
  for (const chunk of io.readChunks(path, CHUNK_BYTES)) {
    analyser.push(chunk);
    if (size > 64 * 1024 * 1024 && analyser.bytesRead - lastReport >= 256 * 1024 * 1024) {
      lastReport = analyser.bytesRead;
      io.stderr(
        `${path}: ${Math.round((100 * analyser.bytesRead) / size)}% (${analyser.packetsRead} packets)\n`,
      );
    }
  }
  return analyser.end();
};

/**
 * Loads the full MAC-prefix table of `--oui` (Wireshark manuf or IEEE registry CSV, told apart by content),
 * printing skipped lines as warnings; an exit code instead of a table when nothing could be read.
 */
export const loadOuiOption = (io: CliIo, path: string | undefined): OuiTable | number | undefined => {
  if (path === undefined) return undefined;
  const read = readOuiFile(io.readBytes(path), path);
  printDiagnostics(io, read.diagnostics);
  return read.diagnostics.some((diagnostic) => diagnostic.severity === 'error')
    ? EXIT.invalidInput
    : read.table;
};

const renderText = (path: string, analysis: CaptureAnalysis): string => {
  const lines = [
    `${path}: ${analysis.stats.format ?? 'unknown format'}, ${analysis.stats.packets} packets, ${analysis.stats.bytes} bytes${
      analysis.stats.firstSeenUs !== undefined && analysis.stats.lastSeenUs !== undefined
        ? `, ${formatCaptureTime(analysis.stats.firstSeenUs)} – ${formatCaptureTime(analysis.stats.lastSeenUs)}`
        : ''
    }${analysis.stats.truncated ? ' (TRUNCATED: the analysis covers what was read)' : ''}`,
    '',
    `Protocols (${analysis.protocols.length})`,
    ...analysis.protocols.map(
      (protocol) =>
        `  ${protocol.id.padEnd(16)} ${protocol.category.padEnd(10)} ${String(protocol.flows).padStart(6)} flows ${String(protocol.packets).padStart(9)} packets  servers ${protocol.servers.slice(0, 4).join(', ')}${protocol.servers.length > 4 ? ', …' : ''}`,
    ),
    '',
    `Hosts (${analysis.hosts.length})`,
    ...analysis.hosts
      .slice(0, 200)
      .map(
        (host) =>
          `  ${(host.ip ?? host.macs[0] ?? '?').padEnd(40)} ${host.kind.padEnd(9)} serves ${host.serves.join(',') || '-'}; uses ${host.uses.join(',') || '-'}${host.vendor === undefined ? '' : `; vendor ${host.vendor} (${host.vendorSource ?? ''})`}`,
      ),
    ...(analysis.hosts.length > 200 ? [`  … ${analysis.hosts.length - 200} more (--format json)`] : []),
    '',
    `Devices identified from payload (${analysis.devices.length})`,
    ...analysis.devices.map(
      (device) =>
        `  ${(device.ip ?? device.mac ?? '?').padEnd(16)} ${device.protocol.padEnd(12)} ${[device.vendor, device.productName, device.revision ? `rev ${device.revision}` : undefined, device.serialNumber ? `serial ${device.serialNumber}` : undefined].filter(Boolean).join(' · ')}`,
    ),
    '',
    `Flows: ${analysis.flows.length}`,
  ];
  return `${lines.join('\n')}\n`;
};

/**
 * `zonewise import capture <files…>`: passive discovery from pcap/pcapng. Prints hosts (with their vendor from a
 * device identity or the MAC prefix; `--oui` loads a full prefix table), flows, protocols and device identities
 * (text or JSON), or merges hosts as assets and conversations as data flows into `--into`.
 * A truncated or corrupt file keeps what was read and names the byte offset; exit 2 when nothing could be read.
 */
export const importCaptureCommand = (
  io: CliIo,
  inputs: readonly string[],
  options: { readonly into?: string; readonly format: 'text' | 'json'; readonly oui?: string },
): number => {
  if (inputs.length === 0) throw new CliError('name at least one capture file (.pcap or .pcapng).');
  const oui = loadOuiOption(io, options.oui);
  if (typeof oui === 'number') return oui;
  const analyses = inputs.map((path) => ({ path, analysis: analyseCaptureFile(io, path, oui) }));
  let unreadable = 0;
  for (const { path, analysis } of analyses) {
    for (const diagnostic of analysis.diagnostics) {
      const offset = (diagnostic as { offset?: number }).offset;
      io.stderr(
        `${path}${offset === undefined ? '' : `@${offset}`} ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}\n`,
      );
    }
    if (
      analysis.stats.packets === 0 &&
      analysis.diagnostics.some((diagnostic) => diagnostic.severity === 'error')
    )
      unreadable += 1;
  }
  if (unreadable === analyses.length) return EXIT.invalidInput;
  if (options.into) {
    const into = options.into;
    return mergeIntoAssessment(
      io,
      into,
      (file) => {
        let current = file;
        const summary: string[] = [];
        const captures: Record<string, unknown>[] = [];
        for (const { path, analysis } of analyses) {
          const merged = mergeCaptureIntoFile(current, analysis, path);
          current = merged.file;
          captures.push({
            file: path,
            assetsAdded: merged.added,
            assetsUpdated: merged.updated,
            flowsAdded: merged.flowsAdded,
            skipped: merged.skipped,
          });
          summary.push(
            `${path}: ${merged.added.length} assets added, ${merged.updated.length} updated, ${merged.flowsAdded.length} data flows added, ${merged.skipped.length} addresses skipped`,
            ...merged.added.map((line) => `  + asset ${line}`),
            ...merged.updated.map((line) => `  ~ asset ${line}`),
            ...merged.flowsAdded.map((line) => `  + flow ${line}`),
          );
        }
        if (summary.some((line) => line.startsWith('  + asset')))
          summary.push(
            'New assets have no zone yet: assign each to a zone (zonewise assess lists them under asset/not-in-zone).',
          );
        return { file: current, summary, details: { captures } };
      },
      { format: options.format },
    );
  }
  io.stdout(
    options.format === 'json'
      ? `${JSON.stringify(analyses.length === 1 ? analyses[0]?.analysis : analyses, null, 2)}\n`
      : analyses.map(({ path, analysis }) => renderText(path, analysis)).join('\n'),
  );
  return EXIT.ok;
};

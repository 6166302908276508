import { renderZoneConduitDiagram, type DiagramLayoutName } from '@zonewise/formats';
import { assess } from '../engine';
import { CliError, EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { loadAssessment } from '../load-assessment';
import { printDiagnostics } from '../print-diagnostics';

/** Options of `zonewise diagram`. */
export interface DiagramOptions {
  readonly output?: string;
  readonly layout: DiagramLayoutName;
  /** PNG width in pixels (default: the diagram's own width, at most 8000). */
  readonly width?: string;
}

const MAX_PNG_WIDTH = 8000;

/**
 * `zonewise diagram <assessment> -o zones.svg|zones.png [--layout purdue|layered|stress]`: the zone/conduit diagram
 * laid out by ELK, as SVG, or as PNG rasterised by resvg with the Liberation fonts. Without -o the SVG goes to
 * standard output.
 */
export const diagramCommand = async (io: CliIo, file: string, options: DiagramOptions): Promise<number> => {
  const output = options.output;
  const isPng = output !== undefined && /\.png$/i.test(output);
  if (output !== undefined && !isPng && !/\.svg$/i.test(output)) {
    throw new CliError(`${output}: the diagram is written as .svg or .png; name the output accordingly.`);
  }
  const width = options.width === undefined ? undefined : Number(options.width);
  if (width !== undefined && !(Number.isInteger(width) && width >= 100 && width <= MAX_PNG_WIDTH)) {
    throw new CliError(
      `--width "${options.width}": give a whole number of pixels from 100 to ${MAX_PNG_WIDTH}.`,
    );
  }
  const outcome = loadAssessment(io, file);
  if (!outcome.ok) {
    printDiagnostics(io, outcome.diagnostics);
    return EXIT.invalidInput;
  }
  printDiagnostics(io, outcome.warnings);
  const assessment = assess(outcome.model);
  const figure = await renderZoneConduitDiagram(outcome.model, {
    layout: options.layout,
    targets: assessment.targets,
  });
  const summary = `${figure.layout.zones.length} zones, ${figure.layout.conduits.length} conduit edges, ${figure.width}×${figure.height} px`;
  if (output === undefined) {
    io.stdout(`${figure.svg}\n`);
    return EXIT.ok;
  }
  if (!isPng) {
    io.writeText(output, `${figure.svg}\n`);
    io.stderr(`wrote ${output} (${summary})\n`);
    return EXIT.ok;
  }
  // Loaded only for PNG: the native rasteriser is not needed for SVG.
  const { rasteriseSvg } = await import('@zonewise/server');
  const pngWidth = width ?? Math.min(figure.width, MAX_PNG_WIDTH);
  io.writeText(output, rasteriseSvg(figure.svg, pngWidth));
  io.stderr(`wrote ${output} (${summary}; PNG ${pngWidth} px wide)\n`);
  return EXIT.ok;
};

import { drawDiagram, readDiagramColors, type NodeFindings } from './draw-diagram';
import type { DiagramLayout } from './layout-diagram';

/** Largest PNG side in pixels; bigger diagrams are scaled down to fit (browsers cap canvas size). */
const MAX_SIDE = 8000;

/** The whole diagram as a PNG, drawn by the same canvas code at full detail. */
export const renderDiagramPng = async (
  layout: DiagramLayout,
  findings: ReadonlyMap<string, NodeFindings>,
): Promise<Blob> => {
  const margin = 20;
  const scale = Math.min(1, MAX_SIDE / Math.max(layout.width + margin * 2, layout.height + margin * 2));
  const width = Math.ceil((layout.width + margin * 2) * scale);
  const height = Math.ceil((layout.height + margin * 2) * scale);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('this browser cannot draw on a canvas');
  drawDiagram(
    context,
    layout,
    { scale, x: margin * scale, y: margin * scale },
    { width, height },
    readDiagramColors(document.documentElement),
    { highlighted: new Set(), findings, background: '#ffffff' },
  );
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob === null ? reject(new Error('the PNG could not be encoded')) : resolve(blob)),
      'image/png',
    ),
  );
};

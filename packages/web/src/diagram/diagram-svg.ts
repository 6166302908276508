import { GEOMETRY } from './diagram-model';
import { DIAGRAM_FONT, TITLE } from './diagram-text';
import { zoneSubtitle, type NodeFindings } from './draw-diagram';
import type { DiagramLayout } from './layout-diagram';

const round = (value: number): number => Math.round(value * 10) / 10;

const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * The diagram as a standalone SVG document (the export): the same boxes, chips, routes and labels as the canvas,
 * every text escaped, findings written out as text.
 */
export const renderDiagramSvg = (
  layout: DiagramLayout,
  findings: ReadonlyMap<string, NodeFindings>,
): string => {
  const margin = 20;
  const width = Math.ceil(layout.width + margin * 2);
  const height = Math.ceil(layout.height + margin * 2);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${-margin} ${-margin} ${width} ${height}" font-family="${escapeXml(DIAGRAM_FONT)}">`,
    `<rect x="${-margin}" y="${-margin}" width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  for (const edge of layout.edges) {
    if (edge.points.length < 2) continue;
    parts.push(
      `<polyline points="${edge.points.map((point) => `${point.x},${point.y}`).join(' ')}" fill="none" stroke="#6b7b8c" stroke-width="2"${edge.isExternal ? ' stroke-dasharray="8 5"' : ''}/>`,
    );
  }
  for (const zone of layout.zones) {
    const zoneFindings = findings.get(zone.id);
    const line = zone.title.font * TITLE.lineHeight;
    const subtitle = [
      zoneSubtitle(zone),
      zoneFindings ? `${zoneFindings.count} findings (${zoneFindings.worst})` : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    parts.push(
      `<g><title>${escapeXml(zone.id)}</title><rect x="${zone.x}" y="${zone.y}" width="${zone.width}" height="${zone.height}" fill="#f7fafc" stroke="${zone.isSafetyRelated ? '#a11a1a' : '#6b7b8c'}" stroke-width="2"${zone.isSafetyRelated ? ' stroke-dasharray="10 4"' : ''}/>`,
      ...zone.title.lines.map(
        (text, index) =>
          `<text x="${zone.x + GEOMETRY.padding}" y="${round(zone.y + GEOMETRY.headerTop + zone.title.font * 0.95 + index * line)}" font-size="${zone.title.font}" font-weight="bold" fill="#16202b">${escapeXml(text)}</text>`,
      ),
      `<text x="${zone.x + GEOMETRY.padding}" y="${round(zone.y + GEOMETRY.headerTop + zone.title.lines.length * line + GEOMETRY.subtitleFont * 1.05)}" font-size="${GEOMETRY.subtitleFont}" fill="#4f5d6b">${escapeXml(subtitle)}</text>`,
    );
    if (zone.isCollapsed) {
      const shown = zone.kindCounts.length > 5 ? zone.kindCounts.slice(0, 4) : zone.kindCounts;
      const lines = shown.map(([kind, count]) => `${count} × ${kind}`);
      if (zone.kindCounts.length > 5) lines.push(`+ ${zone.kindCounts.length - 4} more kinds`);
      lines.forEach((text, index) => {
        parts.push(
          `<text x="${zone.x + GEOMETRY.padding + 2}" y="${zone.y + zone.header + GEOMETRY.collapsedFont + index * GEOMETRY.collapsedLine}" font-size="${GEOMETRY.collapsedFont}" fill="#16202b">${escapeXml(text)}</text>`,
        );
      });
    }
    for (const asset of zone.assets) {
      const x = zone.x + asset.x;
      const y = zone.y + asset.y;
      parts.push(
        `<g><title>${escapeXml(asset.id)}</title><rect x="${x}" y="${y}" width="${GEOMETRY.chipWidth}" height="${GEOMETRY.chipHeight}" fill="#ffffff" stroke="#8795a3"/>`,
        `<text x="${x + 6}" y="${y + 12}" font-size="11" fill="#16202b">${escapeXml(asset.name.length > 24 ? `${asset.name.slice(0, 23)}…` : asset.name)}</text>`,
        `<text x="${x + 6}" y="${y + 24}" font-size="9" fill="#4f5d6b">${escapeXml(asset.kind)}</text></g>`,
      );
    }
    parts.push('</g>');
  }
  for (const edge of layout.edges) {
    if (edge.label === '') continue;
    const width = edge.label.length * 6 + 8;
    parts.push(
      `<rect x="${edge.labelAt.x - width / 2}" y="${edge.labelAt.y - 8}" width="${width}" height="16" fill="#ffffff" stroke="#8795a3"/>`,
      `<text x="${edge.labelAt.x}" y="${edge.labelAt.y + 4}" font-size="10" text-anchor="middle" fill="#16202b">${escapeXml(edge.label)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
};

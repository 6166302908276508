import type { AttackPath } from '@zonewise/core';
import {
  badge,
  cell,
  code,
  paragraph,
  section,
  text,
  type InlineContent,
  type Section,
} from '../document-model';
import { idsInline, type ReportContext } from '../report-context';
import { sizedTable } from '../report-size';

/** "zone —conduit→ zone —conduit→ zone" with ids in monospace. */
const routeInline = (path: AttackPath): InlineContent =>
  path.zones.flatMap((zone, index) => {
    const conduit = path.conduits[index - 1];
    return index === 0
      ? [code(zone.id)]
      : [text(' —'), ...(conduit ? [code(conduit.id)] : []), text('→ '), code(zone.id)];
  });

/** Attack paths weakest first: lowest strength, then most unprotected conduits, then highest target impact. */
export const sortAttackPaths = (paths: readonly AttackPath[]): readonly AttackPath[] =>
  [...paths].sort(
    (a, b) =>
      a.strength - b.strength ||
      b.unprotectedConduits.length - a.unprotectedConduits.length ||
      b.targetImpact - a.targetImpact ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );

/** Attack paths from the access points to the zones with the most critical assets, weakest first. */
export const attackPathsSection = (context: ReportContext): Section =>
  section('attack-paths', 'Attack paths', [
    paragraph(
      'Each path leads from an access point through conduits to a zone holding high-consequence assets. Strength adds up the security level of each conduit on the path (SL-A where known, else SL-T); the lower it is, the weaker the path. Unprotected conduits have no enforcement and no existing countermeasure.',
    ),
    ...sizedTable(context.limits, {
      columns: [
        { header: '#', align: 'right' },
        'Path',
        'Access point',
        'Target zone',
        'Route',
        { header: 'Strength', align: 'right' },
        'Unprotected conduits',
        { header: 'Target impact', align: 'center' },
      ],
      items: sortAttackPaths(context.assessment.attackPaths),
      scope: 'model',
      what: 'attack paths',
      rankedBy: 'weakest first',
      groups: [
        { label: 'Target zone', key: (path) => path.target.id },
        { label: 'Access point', key: (path) => path.accessPoint.id },
      ],
      fullList: { kind: 'results', field: 'attackPaths' },
      caption: 'Attack paths, weakest first',
      emptyText: 'No attack paths: no access point reaches a critical zone.',
      row: (path, index) => [
        cell(index + 1),
        [code(path.id), ...(path.isWeakest ? [text(' '), badge('Weakest', 'critical')] : [])],
        idsInline([path.accessPoint]),
        idsInline([path.target]),
        routeInline(path),
        cell(path.strength),
        path.unprotectedConduits.length > 0 ? idsInline(path.unprotectedConduits) : cell('none'),
        cell(path.targetImpact),
      ],
    }),
  ]);

// Public API of the zone/conduit diagram: ELK layout and standalone SVG.
export {
  DIAGRAM_LAYOUTS,
  ZONE_BOX,
  layoutZoneDiagram,
  type DiagramBox,
  type DiagramLayoutName,
  type PlacedConduit,
  type PlacedZone,
  type ZoneDiagramLayout,
  type ZoneDiagramLayoutOptions,
} from './zone-diagram-layout';
export {
  renderZoneConduitDiagram,
  renderZoneDiagramLayoutSvg,
  type ZoneDiagramRenderOptions,
} from './render-zone-diagram';

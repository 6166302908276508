import type { Asset, SystemModel, Zone } from '../../model/system-model';

/**
 * Splits a zone's in-scope assets into the ones a separation rule singles out and the other assets they must not
 * share the zone with. Network devices that are in neither group (switches, firewalls) carry traffic rather than
 * run functions, so they do not make a zone mixed on their own.
 */
export const splitZone = (
  model: SystemModel,
  zone: Zone,
  isSingledOut: (asset: Asset) => boolean,
  isOther: (asset: Asset) => boolean,
): { readonly singledOut: readonly Asset[]; readonly others: readonly Asset[] } => {
  const assets = model.assetsIn(zone.id);
  return {
    singledOut: assets.filter(isSingledOut),
    others: assets.filter((asset) => !isSingledOut(asset) && isOther(asset)),
  };
};

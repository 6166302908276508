import { describe, expect, it } from 'vitest';
import { aCountermeasure, anAccessPoint } from '../../testing/builders';
import { fire, modelWith, outline } from '../testing/rule-kit';
import { removableMediaWithoutControl } from './removable-media-without-control';

const accessPoints = [
  anAccessPoint({ id: 'usb', zone: 'control', kind: 'removable-media' }),
  anAccessPoint({ id: 'remote', zone: 'dmz', kind: 'remote-access' }),
];

describe('access-point/removable-media-without-control', () => {
  it('fires when no existing countermeasure for SR 2.3 or SR 3.2 covers the access point or its zone', () => {
    const model = modelWith({
      accessPoints,
      countermeasures: [
        aCountermeasure({
          id: 'planned-kiosk',
          appliesTo: ['usb'],
          status: 'planned',
          requirements: ['SR 3.2'],
        }),
        aCountermeasure({ id: 'mfa', appliesTo: ['control'], requirements: ['SR 1.1'] }),
      ],
    });
    expect(outline(fire(removableMediaWithoutControl, model))).toEqual([
      {
        ruleId: 'access-point/removable-media-without-control',
        subject: 'usb',
        evidence: ['usb', 'control'],
      },
    ]);
  });

  it.each([
    ['on the access point, SR 2.3', ['usb'], ['SR 2.3']],
    ['on the zone, an SR 3.2 enhancement in another spelling', ['control'], ['sr3.2re1']],
  ])('does not fire with an existing countermeasure %s', (_label, appliesTo, requirements) => {
    const model = modelWith({
      accessPoints,
      countermeasures: [aCountermeasure({ id: 'kiosk', appliesTo, requirements })],
    });
    expect(fire(removableMediaWithoutControl, model)).toEqual([]);
  });
});

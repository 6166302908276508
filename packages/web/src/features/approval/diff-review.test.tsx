import { assessSystem, composeModelDiff, type SystemFileInput } from '@zonewise/core';
import { aScenario, aSystem, anAsset, resolveOrThrow } from '@zonewise/core/testing';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DiffReview, type DiffAnswer } from './diff-review';

afterEach(cleanup);

/** The server's answer for two versions of a model, built with the real engine. */
const answerFor = (before: SystemFileInput, after: SystemFileInput): DiffAnswer => {
  const side = (file: SystemFileInput) => {
    const model = resolveOrThrow(file);
    return { model, assessment: assessSystem(model) };
  };
  const from = side(before);
  const to = side(after);
  return {
    from: {
      kind: 'baseline',
      baselineId: 'b1',
      label: 'Design review',
      projectRevision: 3,
      modelSha256: 'a',
    },
    to: { kind: 'working', projectRevision: 9, modelSha256: 'b' },
    diff: composeModelDiff(from, to),
  };
};

const base = aSystem();
const raised: SystemFileInput = {
  ...base,
  assets: [
    ...(base.assets ?? []).map((asset) =>
      asset.id === 'plc-1' ? { ...asset, criticality: { 'health-safety': 5, production: 5 } } : asset,
    ),
    anAsset({ id: 'laptop', kind: 'engineering-workstation' }),
    ...Array.from({ length: 60 }, (_, index) =>
      anAsset({ id: `io-${index}`, kind: 'io-module', zone: 'control' }),
    ),
  ],
  threatScenarios: [
    aScenario({ id: 'ts-1', zone: 'control', likelihood: 4, consequences: { 'health-safety': 5 } }),
  ],
};

describe('DiffReview', () => {
  it('shows a huge change list 500 rows at a time', async () => {
    const changes = Array.from({ length: 1_200 }, (_, index) => ({
      kind: 'asset' as const,
      id: `a-${index}`,
      change: 'added' as const,
      fields: [],
    }));
    const answer = answerFor(base, base);
    render(
      <DiffReview
        answer={{
          ...answer,
          diff: {
            ...answer.diff,
            entities: { changes, byKind: [], counts: { added: 1_200, removed: 0, changed: 0 } },
          },
        }}
      />,
    );
    const model = screen.getByRole('region', { name: 'Model' });
    expect(within(model).getAllByRole('row')).toHaveLength(1 + 50);
    await userEvent.click(within(model).getByRole('button', { name: 'Show 500 more of 1,150' }));
    expect(within(model).getAllByRole('row')).toHaveLength(1 + 550);
    await userEvent.click(within(model).getByRole('button', { name: 'Show 500 more of 650' }));
    await userEvent.click(within(model).getByRole('button', { name: 'Show all 1,200' }));
    expect(within(model).getAllByRole('row')).toHaveLength(1 + 1_200);
  });

  it('lists every entity change with its kind and fields, 50 first and the rest on request', async () => {
    const answer = answerFor(base, raised);
    render(<DiffReview answer={answer} />);
    const model = screen.getByRole('region', { name: 'Model' });
    const changes = answer.diff.entities.changes;
    expect(changes.length).toBeGreaterThan(50);
    expect(within(model).getAllByRole('row')).toHaveLength(1 + 50);
    await userEvent.click(within(model).getByRole('button', { name: /Show all/ }));
    expect(within(model).getAllByRole('row')).toHaveLength(1 + changes.length);
    const plc = changes.find((change) => change.id === 'plc-1');
    expect(plc?.change).toBe('changed');
    const plcRow = within(model).getByText('plc-1').closest('tr');
    expect(plcRow).not.toBeNull();
    for (const field of plc?.fields ?? []) expect(plcRow?.textContent).toContain(field);
  });

  it('filters the entity changes by kind', async () => {
    const answer = answerFor(base, raised);
    render(<DiffReview answer={answer} />);
    const model = screen.getByRole('region', { name: 'Model' });
    const kinds = new Set(answer.diff.entities.changes.map((change) => change.kind));
    expect(kinds.size).toBeGreaterThan(1);
    await userEvent.selectOptions(within(model).getByRole('combobox', { name: 'Kind' }), 'threat-scenario');
    const scenarios = answer.diff.entities.changes.filter((change) => change.kind === 'threat-scenario');
    expect(within(model).getAllByRole('row')).toHaveLength(1 + scenarios.length);
  });

  it('shows each changed SL-T per FR as before → after, marked raised or lowered', () => {
    const answer = answerFor(base, raised);
    render(<DiffReview answer={answer} />);
    const section = screen.getByRole('region', { name: 'Target security levels (SL-T)' });
    const targets = answer.diff.results.targets;
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) {
      const row = within(section)
        .getAllByRole('rowheader')
        .find(
          (header) =>
            header.textContent?.split(/[ (]/).includes(target.subject.id) === true ||
            header.textContent?.includes(`(${target.subject.id})`) === true,
        )
        ?.closest('tr');
      expect(row).not.toBeNull();
      for (const fr of target.frs) {
        const before = target.before?.[fr] ?? '—';
        const after = target.after?.[fr] ?? '—';
        expect(row?.textContent).toContain(`${before} → ${after}`);
      }
      const marks = within(row as HTMLElement).queryAllByText(/^(raised|lowered)$/);
      expect(marks).toHaveLength(target.frs.length);
    }
  });

  it('says when nothing changed', () => {
    render(<DiffReview answer={answerFor(base, base)} />);
    expect(screen.getByTestId('diff-counts').textContent).toBe('0 added, 0 removed, 0 changed');
    for (const name of [
      'Model',
      'Target security levels (SL-T)',
      'Risk',
      'Findings',
      'Requirements',
      'Approvals',
    ])
      expect(within(screen.getByRole('region', { name })).queryByRole('table')).toBeNull();
  });

  it('lists new and resolved findings with their rule', () => {
    const answer = answerFor(base, raised);
    render(<DiffReview answer={answer} />);
    const section = screen.getByRole('region', { name: 'Findings' });
    const { added, resolved } = answer.diff.results.findings;
    expect(added.map((finding) => finding.id)).toContain('asset/not-in-zone@laptop');
    expect(within(section).getAllByRole('row')).toHaveLength(1 + added.length + resolved.length);
    for (const finding of added)
      expect(within(section).getAllByText(finding.ruleId).length).toBeGreaterThan(0);
  });
});

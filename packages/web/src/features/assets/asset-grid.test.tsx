import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ComponentProps } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AssetGrid, assignSlots } from './asset-grid';
import type { AssetRow } from './asset-table-model';

const rowOf = (n: number): AssetRow => {
  const id = `asset-${String(n).padStart(4, '0')}`;
  return {
    entity: {
      collection: 'assets',
      id,
      position: n,
      revision: 1,
      updatedAt: '',
      updatedBy: '',
      body: { id, name: `Asset ${n}`, kind: 'plc', zone: 'cell', isInScope: true },
    },
    id,
    name: `Asset ${n}`,
    kind: 'plc',
    zone: 'cell',
    purdueLevel: 1,
    vendorProduct: '',
    worstCriticality: 0,
    haystack: id,
  };
};

/** The grid over `rows` with nothing selected and no-op handlers, unless `props` says otherwise. */
const gridOf = (rows: readonly AssetRow[], props: Partial<ComponentProps<typeof AssetGrid>> = {}) => (
  <AssetGrid
    rows={rows}
    sort={{ key: 'id', direction: 'ascending' }}
    onSort={() => undefined}
    selected={new Set()}
    onSelect={() => undefined}
    onOpen={() => undefined}
    openId={undefined}
    {...props}
  />
);

describe('assignSlots', () => {
  it('keeps the slots of rows still shown and gives freed slots to the rows coming in', () => {
    const first = assignSlots(new Map(), [0, 1, 2, 3]);
    expect([...first]).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    const scrolled = assignSlots(first, [2, 3, 4, 5]);
    expect([...scrolled].sort((a, b) => a[0] - b[0])).toEqual([
      [2, 2],
      [3, 3],
      [4, 0],
      [5, 1],
    ]);
    const jumped = assignSlots(scrolled, [100, 101, 102, 103, 104]);
    expect(new Set(jumped.values())).toEqual(new Set([0, 1, 2, 3, 4]));
  });
});

describe('AssetGrid', () => {
  beforeEach(() => {
    // jsdom has no layout: the grid's body is 360 px high (10 rows of 36 px), everything else 0.
    const sizeOf = (element: HTMLElement, size: number) =>
      element.dataset['testid'] === 'asset-grid-body' ? size : 0;
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
      return sizeOf(this, 360);
    });
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(function (this: HTMLElement) {
      return sizeOf(this, 800);
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('renders only the rows in view and rewrites the same DOM rows while scrolling', async () => {
    const rows = Array.from({ length: 5_000 }, (_, n) => rowOf(n));
    render(gridOf(rows));
    const body = screen.getByTestId('asset-grid-body');
    const shown = () => body.querySelectorAll('[role="row"]');
    // 10 rows in view and 12 overscan below.
    expect(shown().length).toBeLessThan(40);
    expect(screen.getByText('asset-0000')).toBeInTheDocument();
    const scrollToRow = (index: number) =>
      act(() => {
        body.scrollTop = 36 * index;
        body.dispatchEvent(new Event('scroll'));
      });
    scrollToRow(1_000);
    await waitFor(() => expect(screen.getByText('asset-1000')).toBeInTheDocument());
    const before = new Set(shown());

    scrollToRow(2_000);
    await waitFor(() => expect(screen.getByText('asset-2000')).toBeInTheDocument());
    expect(screen.queryByText('asset-1000')).not.toBeInTheDocument();
    expect(shown().length).toBeLessThan(40);
    // Rows are recycled: every shown row is a DOM node that was already there, now with another asset.
    const reused = [...shown()].filter((row) => before.has(row));
    expect(reused.length).toBe(shown().length);
    expect(screen.getByText('asset-2000').closest('[role="row"]')).toHaveAttribute('aria-rowindex', '2002');
  });

  it('puts the rows back in reading order once the scroll settles, on the same DOM rows', async () => {
    const rows = Array.from({ length: 5_000 }, (_, n) => rowOf(n));
    render(gridOf(rows));
    const body = screen.getByTestId('asset-grid-body');
    const shown = () => [...body.querySelectorAll('[role="row"]')];
    const indexes = () => shown().map((row) => Number(row.getAttribute('aria-rowindex')));
    const before = new Set(shown());
    // A few rows down: the rows that left are recycled for the rows that came in, out of order while scrolling.
    act(() => {
      body.scrollTop = 36 * 20;
      body.dispatchEvent(new Event('scroll'));
    });
    await waitFor(() => expect(screen.getByText('asset-0035')).toBeInTheDocument());
    // Assistive technology reads the DOM order: at rest it is the order of the rows.
    await waitFor(() => expect(indexes()).toEqual([...indexes()].sort((a, b) => a - b)));
    // Rows 8 to 41 (overscan 12 above and below the 10 in view); the header is row 1.
    expect(indexes()[0]).toBe(10);
    // Reordering renamed the rows, it did not rebuild them: every DOM row is one that was there before.
    expect(shown().filter((row) => before.has(row)).length).toBe(Math.min(before.size, shown().length));
  });

  it('scrolls to the open asset and makes it the active row (a link to an asset deep in the table)', async () => {
    // jsdom has no scrolling: scrollTo sets the offset and fires the scroll event a browser would.
    Object.defineProperty(HTMLElement.prototype, 'scrollTo', {
      configurable: true,
      value: function (this: HTMLElement, options?: ScrollToOptions) {
        if (options?.top !== undefined) this.scrollTop = options.top;
        this.dispatchEvent(new Event('scroll'));
      },
    });
    vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockImplementation(function (this: HTMLElement) {
      return this.dataset['testid'] === 'asset-grid-body' ? 36 * 5_000 : 0;
    });
    try {
      const rows = Array.from({ length: 5_000 }, (_, n) => rowOf(n));
      render(gridOf(rows, { openId: 'asset-3000' }));
      await waitFor(() => expect(screen.getByText('asset-3000')).toBeInTheDocument());
      expect(screen.getByRole('grid')).toHaveAttribute('aria-activedescendant', 'asset-row-3000');
    } finally {
      delete (HTMLElement.prototype as { scrollTo?: unknown }).scrollTo;
    }
  });

  it('toggles a row with its selection box, which shows the selection', async () => {
    const rows = Array.from({ length: 20 }, (_, n) => rowOf(n));
    const onSelect = vi.fn();
    const grid = (selected: ReadonlySet<string>) => gridOf(rows, { selected, onSelect });
    const { rerender } = render(grid(new Set()));
    const box = screen.getByRole('checkbox', { name: 'Select Asset 3' });
    expect(box).toHaveAttribute('aria-checked', 'false');
    await userEvent.click(box);
    expect(onSelect).toHaveBeenCalledWith(new Set(['asset-0003']));
    rerender(grid(new Set(['asset-0003'])));
    expect(screen.getByRole('checkbox', { name: 'Select Asset 3' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('checkbox', { name: 'Select Asset 4' })).toHaveAttribute('aria-checked', 'false');
  });

  it('moves the header sideways with the body', () => {
    render(gridOf([rowOf(1), rowOf(2)]));
    const body = screen.getByTestId('asset-grid-body');
    const header = screen.getAllByRole('row')[0];
    act(() => {
      body.scrollLeft = 120;
      body.dispatchEvent(new Event('scroll'));
    });
    expect(header?.scrollLeft).toBe(120);
  });
});

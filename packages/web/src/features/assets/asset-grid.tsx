import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type UIEvent,
} from 'react';
import type { AssetRow, AssetSortKey } from './asset-table-model';

/** The columns; each cell's width comes from its `col-<key>` class (flex basis and minimum, in views.css). */
const COLUMNS: readonly { key: AssetSortKey; label: string }[] = [
  { key: 'id', label: 'Id' },
  { key: 'name', label: 'Name' },
  { key: 'kind', label: 'Kind' },
  { key: 'zone', label: 'Zone' },
  { key: 'purdueLevel', label: 'Level' },
  { key: 'vendorProduct', label: 'Vendor / product' },
  { key: 'worstCriticality', label: 'Criticality' },
];

const ROW_HEIGHT = 36;

/**
 * Gives each shown row index a slot (its React key) so that DOM rows are recycled: an index still shown keeps its
 * slot, and the slots of indexes no longer shown go to the indexes coming into view. Scrolling then rewrites the
 * text of the rows that left instead of removing them and building new ones. Returns the new assignment.
 */
export const assignSlots = (
  previous: ReadonlyMap<number, number>,
  shown: readonly number[],
): Map<number, number> => {
  const next = new Map<number, number>();
  const wanted = new Set(shown);
  const free: number[] = [];
  let highest = -1;
  for (const [index, slot] of previous) {
    highest = Math.max(highest, slot);
    if (wanted.has(index)) next.set(index, slot);
    else free.push(slot);
  }
  free.sort((a, b) => b - a);
  for (const index of shown) {
    if (next.has(index)) continue;
    const slot = free.pop() ?? ++highest;
    next.set(index, slot);
  }
  return next;
};

/** Sort state of the grid. */
export interface GridSort {
  readonly key: AssetSortKey;
  readonly direction: 'ascending' | 'descending';
}

/**
 * The virtualised asset grid: only the rows in view are in the DOM, so 100k assets scroll smoothly. It is one tab
 * stop; arrows, Page Up/Down, Home/End move the active row, Space selects, Shift extends, Ctrl+A selects all shown,
 * Enter opens the detail.
 */
export const AssetGrid = ({
  rows,
  sort,
  onSort,
  selected,
  onSelect,
  onOpen,
  openId,
}: {
  rows: readonly AssetRow[];
  sort: GridSort;
  onSort: (key: AssetSortKey) => void;
  selected: ReadonlySet<string>;
  onSelect: (next: ReadonlySet<string>) => void;
  onOpen: (row: AssetRow) => void;
  openId: string | undefined;
}) => {
  const scroller = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLDivElement>(null);
  // When the columns are wider than the grid (a narrow window, the detail panel open) the body scrolls sideways
  // and the header, which does not scroll itself, follows it.
  const followHorizontally = useCallback((event: UIEvent<HTMLDivElement>) => {
    const left = event.currentTarget.scrollLeft;
    if (header.current !== null && header.current.scrollLeft !== left) header.current.scrollLeft = left;
  }, []);
  const [active, setActive] = useState(0);
  const anchor = useRef(0);
  const slotsRef = useRef<ReadonlyMap<number, number>>(new Map());
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Scroll updates render in React's next batch instead of synchronously inside the scroll event: the overscan
    // rows cover a frame in which the render lands late, and the scroll event stays short.
    useFlushSync: false,
  });
  useEffect(() => {
    if (active >= rows.length) setActive(Math.max(0, rows.length - 1));
  }, [rows.length, active]);
  // The open asset (a click, or a link straight to an asset deep in the table) becomes the active row, in view.
  useEffect(() => {
    if (openId === undefined) return;
    const index = rows.findIndex((row) => row.entity.id === openId);
    if (index < 0) return;
    setActive(index);
    // A row already in full view stays where it is (a click); one out of view is brought to the middle (a link).
    const body = scroller.current;
    const top = index * ROW_HEIGHT;
    const isInView =
      body !== null && top >= body.scrollTop && top + ROW_HEIGHT <= body.scrollTop + body.clientHeight;
    if (!isInView) virtualizer.scrollToIndex(index, { align: 'center' });
    // Only when another asset opens (or the rows it is found in change), not on every render.
  }, [openId, rows]);

  const selectRange = (from: number, to: number, base: ReadonlySet<string>) => {
    const next = new Set(base);
    for (let index = Math.min(from, to); index <= Math.max(from, to); index++) {
      const row = rows[index];
      if (row !== undefined) next.add(row.entity.id);
    }
    onSelect(next);
  };
  const toggle = (index: number) => {
    const row = rows[index];
    if (row === undefined) return;
    const next = new Set(selected);
    if (next.has(row.entity.id)) next.delete(row.entity.id);
    else next.add(row.entity.id);
    anchor.current = index;
    onSelect(next);
  };
  const moveTo = (index: number, extend: boolean) => {
    const target = Math.max(0, Math.min(rows.length - 1, index));
    setActive(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
    if (extend) selectRange(anchor.current, target, selected);
  };

  const handleKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + page,
      PageUp: active - page,
      Home: 0,
      End: rows.length - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      if (!event.shiftKey) anchor.current = target;
      moveTo(target, event.shiftKey);
    } else if (event.key === ' ') {
      event.preventDefault();
      toggle(active);
    } else if (event.key === 'Enter') {
      const row = rows[active];
      if (row !== undefined) onOpen(row);
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      onSelect(new Set(rows.map((row) => row.entity.id)));
    } else if (event.key === 'Escape') {
      onSelect(new Set());
    }
  };

  const handleRowClick = (event: MouseEvent, index: number) => {
    setActive(index);
    if (event.shiftKey) selectRange(anchor.current, index, selected);
    else if (event.ctrlKey || event.metaKey) toggle(index);
    else {
      const row = rows[index];
      anchor.current = index;
      if (row !== undefined) onOpen(row);
    }
  };

  // Stable callbacks for the memoised rows: they call the latest handlers through a ref.
  const latest = useRef({ handleRowClick, toggle });
  latest.current = { handleRowClick, toggle };
  const onRowClick = useCallback(
    (event: MouseEvent, index: number) => latest.current.handleRowClick(event, index),
    [],
  );
  const onToggle = useCallback((index: number) => latest.current.toggle(index), []);

  // Rows are keyed by their slot, not their asset (see `assignSlots`).
  const virtualItems = virtualizer.getVirtualItems();
  // While scrolling, rows keep their slots (see `assignSlots`). At rest the slots are numbered in row order, so the
  // DOM order, which assistive technology reads, is the order of the rows; the same DOM rows get new text.
  const slots = virtualizer.isScrolling
    ? assignSlots(
        slotsRef.current,
        virtualItems.map((item) => item.index),
      )
    : new Map(virtualItems.map((item, position) => [item.index, position]));
  slotsRef.current = slots;
  // Children in slot order, not row order: a recycled row keeps its place among its siblings (its transform places
  // it on screen), so React rewrites its text instead of moving the DOM node, which would lay out all its cells
  // again. At rest slot order is row order (above).
  const inSlotOrder = [...virtualItems].sort((a, b) => (slots.get(a.index) ?? 0) - (slots.get(b.index) ?? 0));
  // Once per change of rows or selection, not on every scroll frame (with everything selected it visits every row).
  const allSelected = useMemo(
    () => rows.length > 0 && rows.every((row) => selected.has(row.entity.id)),
    [rows, selected],
  );
  const activeRow = rows[active];
  return (
    <div
      className="asset-grid"
      role="grid"
      aria-label="Assets"
      aria-rowcount={rows.length + 1}
      aria-multiselectable="true"
      aria-colcount={COLUMNS.length + 1}
      tabIndex={0}
      aria-activedescendant={activeRow === undefined ? undefined : `asset-row-${active}`}
      onKeyDown={handleKeyDown}
      data-testid="asset-grid"
    >
      <div ref={header} className="grid-row grid-header" role="row" aria-rowindex={1}>
        <div role="columnheader" className="grid-cell col-select">
          <input
            type="checkbox"
            aria-label={allSelected ? 'Clear the selection' : 'Select all shown assets'}
            checked={allSelected}
            onChange={() => onSelect(allSelected ? new Set() : new Set(rows.map((row) => row.entity.id)))}
          />
        </div>
        {COLUMNS.map((column) => (
          <div
            key={column.key}
            role="columnheader"
            className={`grid-cell col-${column.key}`}
            aria-sort={sort.key === column.key ? sort.direction : 'none'}
          >
            <button type="button" className="sort-button" onClick={() => onSort(column.key)}>
              {column.label}
              <span aria-hidden="true" className="sort-mark">
                {sort.key === column.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
              </span>
            </button>
          </div>
        ))}
      </div>
      <div
        ref={scroller}
        className={virtualizer.isScrolling ? 'grid-body is-scrolling' : 'grid-body'}
        data-testid="asset-grid-body"
        onScroll={followHorizontally}
      >
        <div className="grid-rows" style={{ height: virtualizer.getTotalSize() }}>
          {inSlotOrder.map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            return (
              <AssetGridRow
                key={slots.get(item.index)}
                row={row}
                index={item.index}
                start={item.start}
                isSelected={selected.has(row.entity.id)}
                isActive={item.index === active}
                isOpen={openId === row.entity.id}
                onRowClick={onRowClick}
                onToggle={onToggle}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
};

/** One grid row; memoised so scrolling renders only the rows that come into view. */
const AssetGridRow = memo(function AssetGridRow({
  row,
  index,
  start,
  isSelected,
  isActive,
  isOpen,
  onRowClick,
  onToggle,
}: {
  row: AssetRow;
  index: number;
  start: number;
  isSelected: boolean;
  isActive: boolean;
  isOpen: boolean;
  onRowClick: (event: MouseEvent, index: number) => void;
  onToggle: (index: number) => void;
}) {
  return (
    <div
      id={`asset-row-${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={isSelected}
      className={`grid-row${isActive ? ' is-active' : ''}${isSelected ? ' is-selected' : ''}${isOpen ? ' is-open' : ''}`}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
      onClick={(event) => onRowClick(event, index)}
    >
      <div role="gridcell" className="grid-cell col-select" onClick={(event) => event.stopPropagation()}>
        {/* Drawn by CSS, not a native checkbox: painting a native control in every row was two thirds of the
            paint time while scrolling. Keyboard selection is the grid's (Space); a click toggles. */}
        <span
          role="checkbox"
          className="row-check"
          tabIndex={-1}
          aria-label={`Select ${row.name}`}
          aria-checked={isSelected}
          onClick={() => onToggle(index)}
        />
      </div>
      <div role="gridcell" className="grid-cell col-id mono">
        {row.id}
      </div>
      <div role="gridcell" className="grid-cell col-name">
        {row.name}
      </div>
      <div role="gridcell" className="grid-cell col-kind">
        {row.kind}
      </div>
      <div role="gridcell" className="grid-cell col-zone">
        {row.zone === '' ? <span className="muted">none</span> : row.zone}
      </div>
      <div role="gridcell" className="grid-cell col-purdueLevel num">
        {row.purdueLevel ?? ''}
      </div>
      <div role="gridcell" className="grid-cell col-vendorProduct">
        {row.vendorProduct}
      </div>
      <div role="gridcell" className="grid-cell col-worstCriticality">
        {row.worstCriticality === 0 ? (
          <span className="muted">—</span>
        ) : (
          <span className={`level level-${row.worstCriticality}`}>{row.worstCriticality}</span>
        )}
      </div>
    </div>
  );
});

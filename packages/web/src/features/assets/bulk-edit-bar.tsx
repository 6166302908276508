import { useState } from 'react';
import type { AssetBulkEdit } from './asset-table-model';

/**
 * What to change on every selected asset: zone, kind, or the criticality of one impact category. Only fields the
 * user picks are changed; the rest of each asset stays as stored.
 */
export const BulkEditBar = ({
  count,
  zones,
  kinds,
  categories,
  onApply,
}: {
  count: number;
  zones: readonly string[];
  kinds: readonly string[];
  categories: readonly string[];
  onApply: (edit: AssetBulkEdit) => void;
}) => {
  const [zone, setZone] = useState('');
  const [kind, setKind] = useState('');
  const [category, setCategory] = useState('');
  const [level, setLevel] = useState('');
  const edit: AssetBulkEdit = {
    ...(zone === '' ? {} : { zone }),
    ...(kind === '' ? {} : { kind }),
    ...(category === '' || level === '' ? {} : { criticality: { category, level: Number(level) } }),
  };
  const isEmpty = Object.keys(edit).length === 0;
  return (
    <form
      className="bulk-bar"
      aria-label="Bulk edit"
      onSubmit={(event) => {
        event.preventDefault();
        if (!isEmpty) onApply(edit);
      }}
    >
      <strong>
        Change {count.toLocaleString()} selected asset{count === 1 ? '' : 's'}:
      </strong>
      <label className="inline-field">
        <span>Zone</span>
        <select value={zone} onChange={(event) => setZone(event.target.value)}>
          <option value="">unchanged</option>
          {zones.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>Kind</span>
        <select value={kind} onChange={(event) => setKind(event.target.value)}>
          <option value="">unchanged</option>
          {kinds.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>Criticality of</span>
        <select value={category} onChange={(event) => setCategory(event.target.value)}>
          <option value="">unchanged</option>
          {categories.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>to</span>
        <select value={level} onChange={(event) => setLevel(event.target.value)} disabled={category === ''}>
          <option value="">—</option>
          {[1, 2, 3, 4, 5].map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={isEmpty}>
        Apply
      </button>
    </form>
  );
};

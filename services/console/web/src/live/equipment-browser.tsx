/** The plant's equipment (the keys of the contracts one may read), each with the contracts it appears in. */
import { useState } from 'react';
import type { StreamSummary } from '../api/types';
import { TimeText } from '../components/time-text';

export interface Selection {
  contract: string;
  key: string;
}

export function EquipmentBrowser({
  streams,
  selected,
  onSelect,
}: {
  streams: StreamSummary[];
  selected: Selection | null;
  onSelect: (selection: Selection) => void;
}) {
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const byKey = new Map<string, StreamSummary[]>();
  for (const s of streams) {
    if (s.contract.startsWith('hub.')) continue; // the registry's own history is not equipment
    if (needle && !s.key.toLowerCase().includes(needle) && !s.contract.includes(needle)) continue;
    byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);
  }
  return (
    <nav className="equipment" aria-label="Equipment">
      <label htmlFor="equipment-filter" className="small">
        Equipment or contract
      </label>
      <input
        id="equipment-filter"
        type="search"
        value={filter}
        placeholder="R101, pump…"
        onChange={(e) => setFilter(e.target.value)}
      />
      {byKey.size === 0 && <p className="muted small">No data yet.</p>}
      <ul>
        {[...byKey.entries()].map(([key, list]) => (
          <li key={key}>
            <span className="equipment-key">{key === '_' ? '(no key)' : key}</span>
            <ul>
              {list.map((s) => {
                const current = selected?.contract === s.contract && selected.key === s.key;
                return (
                  <li key={s.contract}>
                    <button
                      type="button"
                      className={current ? 'equipment-stream current' : 'equipment-stream'}
                      aria-pressed={current}
                      onClick={() => onSelect({ contract: s.contract, key: s.key })}
                    >
                      <span>{s.contract}</span>
                      <span className="muted small">
                        {s.events.toLocaleString()} events, last{' '}
                        <TimeText iso={s.updatedAt} withDate={false} />
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </nav>
  );
}

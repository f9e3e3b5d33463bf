/** The numeric fields of one stream over time, each chosen on or off; the first few shown at first. */
import { useMemo, useState } from 'react';
import { TimeChart } from '../components/time-chart';
import { chartData } from './chart-data';
import { COLORS } from './plant-views';
import { numbers, type StreamState } from './stream-state';

export interface NumericField {
  pointer: string;
  unit?: string;
}

export function StreamChart({
  state,
  numeric,
  name = 'stream',
}: {
  state: StreamState;
  numeric: NumericField[];
  name?: string;
}) {
  const [shown, setShown] = useState<Set<string>>(() => new Set(numeric.slice(0, 1).map((f) => f.pointer)));
  const fields = useMemo(
    () => numeric.filter((f) => shown.has(f.pointer) && state.fields.includes(f.pointer)),
    [numeric, shown, state.fields],
  );
  const data = useMemo(
    () =>
      chartData(
        fields.map((f) => ({
          time: state.time,
          values: numbers(state.values[state.fields.indexOf(f.pointer)] ?? []),
        })),
      ),
    [state, fields],
  );
  return (
    <figure className="chart-figure">
      <figcaption>
        <fieldset className="field-toggles">
          <legend>
            <strong>
              {state.contract} {state.key}
            </strong>{' '}
            <span className="muted small" data-testid="point-count">
              {state.time.length.toLocaleString()} points
            </span>
          </legend>
          {numeric.map((f) => (
            <label key={f.pointer} className="toggle">
              <input
                type="checkbox"
                checked={shown.has(f.pointer)}
                onChange={(e) => {
                  const next = new Set(shown);
                  if (e.target.checked) next.add(f.pointer);
                  else next.delete(f.pointer);
                  setShown(next);
                }}
              />
              {f.pointer.slice(1)}
              {f.unit && f.unit !== '1' ? ` (${f.unit})` : ''}
            </label>
          ))}
        </fieldset>
      </figcaption>
      {fields.length > 0 ? (
        <TimeChart
          name={name}
          label={`${state.contract} ${state.key}: ${fields.map((f) => f.pointer.slice(1)).join(', ')} over time`}
          series={fields.map((f, i) => ({
            label: f.pointer.slice(1),
            unit: f.unit,
            color: COLORS.others[i % COLORS.others.length]!,
          }))}
          data={data}
        />
      ) : (
        <p className="muted">Choose a field to plot.</p>
      )}
    </figure>
  );
}

/** The latest event of a stream, field by field with units, as it arrives. */
import type { EventEnvelope, JsonSchema } from '../api/types';
import { orderedProperties } from '../components/property-order';
import { formatNumber, TimeText } from '../components/time-text';
import { unitLabel } from '../components/unit-label';

export function LatestValues({
  event,
  schema,
}: {
  event: EventEnvelope | undefined;
  schema: JsonSchema | undefined;
}) {
  if (!event) return <p className="muted">No event yet.</p>;
  const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
  const ordered = schema ? orderedProperties(schema).map(([name]) => name) : [];
  const names = [...new Set([...ordered, ...Object.keys(event.data)])].filter((n) => n in event.data);
  return (
    <div>
      <p className="small muted" aria-live="polite">
        Position {event.position.toLocaleString()} (stream {event.streamPosition.toLocaleString()}), version{' '}
        {event.version}, recorded <TimeText iso={event.recordedAt} />
      </p>
      <table className="data-table compact latest-values">
        <caption className="visually-hidden">
          Latest values of {event.contract} {event.key}
        </caption>
        <tbody>
          {names.map((name) => {
            const value = event.data[name];
            const unit = properties[name]?.['x-unit'];
            const flagged = name === 'quality' && value !== 'good';
            return (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td className={flagged ? 'value flagged' : 'value'} data-field={name}>
                  {typeof value === 'object' && value !== null ? (
                    <StructuredValue value={value} />
                  ) : (
                    formatNumber(value)
                  )}
                </td>
                <td className="unit">{typeof unit === 'string' ? unitLabel(unit) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A list or an object inside an event: its size, opened on demand, never a wall of text in the table. */
function StructuredValue({ value }: { value: object }) {
  const size = Array.isArray(value) ? `${value.length} items` : `${Object.keys(value).length} fields`;
  return (
    <details className="structured-value">
      <summary>{size}</summary>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}

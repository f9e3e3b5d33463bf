/** What the simulation can run: its models with their quantities, and the plant's equipment instances. */
import type { SimModels } from '../api/types';

type Quantity = { name?: string; unit?: string; default?: unknown; description?: string };

function quantities(value: unknown): Quantity[] {
  if (Array.isArray(value)) return value as Quantity[];
  if (value && typeof value === 'object')
    return Object.entries(value as Record<string, unknown>).map(([name, q]) =>
      q && typeof q === 'object' ? { name, ...(q as Quantity) } : { name, default: q },
    );
  return [];
}

export function ModelsList({ models }: { models: SimModels }) {
  const entries = Array.isArray(models.models)
    ? models.models.map((m, i) => [String(m.name ?? i), m] as const)
    : Object.entries(models.models ?? {});
  return (
    <div className="models">
      {entries.map(([name, model]) => (
        <details key={name} className="card model">
          <summary>
            <strong>{name}</strong> <span className="muted">{String(model.description ?? '')}</span>
          </summary>
          {(['parameters', 'states', 'inputs', 'outputs'] as const).map((kind) => {
            const list = quantities(model[kind]);
            if (list.length === 0) return null;
            return (
              <table key={kind} className="data-table compact">
                <caption>{kind}</caption>
                <tbody>
                  {list.map((q) => (
                    <tr key={q.name}>
                      <th scope="row">
                        <code>{q.name}</code>
                      </th>
                      <td>{q.unit ?? ''}</td>
                      <td className="number">{q.default === undefined ? '' : String(q.default)}</td>
                      <td>{q.description ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          })}
        </details>
      ))}
      {models.instances && models.instances.length > 0 && (
        <table className="data-table compact">
          <caption>Equipment instances</caption>
          <thead>
            <tr>
              <th scope="col">Instance</th>
              <th scope="col">Model</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {models.instances.map((i) => (
              <tr key={i.id}>
                <th scope="row">{i.id}</th>
                <td>{i.model}</td>
                <td>{String(i.description ?? '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

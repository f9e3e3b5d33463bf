/** Alarms that are active or acknowledged now: each alarm's latest state change, newest first. */
import type { EventEnvelope } from '../api/types';
import { TimeText } from '../components/time-text';

export interface AlarmState {
  alarmId: string;
  equipment: string;
  tag: string;
  kind: string;
  severity: string;
  state: string;
  message: string;
  occurredAt: string;
  position: number;
}

/** Folds alarm events (in global order) into each alarm's latest state; cleared ones are left out. */
export function activeAlarms(events: EventEnvelope[]): AlarmState[] {
  const latest = new Map<string, AlarmState>();
  for (const event of events) {
    const d = event.data as Record<string, string>;
    if (typeof d.alarmId !== 'string') continue;
    latest.set(d.alarmId, { ...(d as unknown as AlarmState), position: event.position });
  }
  return [...latest.values()].filter((a) => a.state !== 'cleared').sort((a, b) => b.position - a.position);
}

export function ActiveAlarms({ alarms, equipment }: { alarms: AlarmState[]; equipment?: string }) {
  const shown = equipment ? alarms.filter((a) => a.equipment === equipment) : alarms;
  if (shown.length === 0)
    return <p className="muted">No active alarms{equipment ? ` on ${equipment}` : ''}.</p>;
  return (
    <ul className="alarms" aria-live="polite">
      {shown.map((a) => (
        <li key={a.alarmId} className={`alarm severity-${a.severity}`}>
          <div className="alarm-head">
            <span className={`badge severity-${a.severity}`}>{a.severity}</span>
            <strong>{a.equipment}</strong> <code>{a.tag}</code> <span className="muted">{a.kind}</span>
            {a.state === 'acknowledged' && <span className="badge status-approved">acknowledged</span>}
          </div>
          <div>{a.message}</div>
          <div className="small muted">
            <TimeText iso={a.occurredAt} /> · {a.alarmId}
          </div>
        </li>
      ))}
    </ul>
  );
}

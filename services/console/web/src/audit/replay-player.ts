/**
 * Plays loaded events back on their recorded timeline at a chosen speed: the cursor is the index of
 * the last event "already happened" at the playback clock. Speed 0 means as fast as the screen draws.
 */
import { useEffect, useRef, useState } from 'react';
import type { EventEnvelope } from '../api/types';

export const SPEEDS = [1, 10, 60, 600, 3600, 0] as const;

export function useReplay(events: EventEnvelope[]) {
  const [cursor, setCursor] = useState(events.length - 1);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(60);
  const frame = useRef<number | null>(null);

  useEffect(() => {
    setCursor(events.length - 1);
    setPlaying(false);
  }, [events]);

  useEffect(() => {
    if (!playing || events.length === 0) return;
    const times = events.map((e) => Date.parse(e.recordedAt));
    let index = cursor >= events.length - 1 ? 0 : cursor + 1;
    const startWall = performance.now();
    const startPlay = times[index]!;
    const tick = () => {
      if (speed === 0)
        index = Math.min(events.length - 1, index + Math.max(1, Math.ceil(events.length / 120)));
      else {
        const now = startPlay + (performance.now() - startWall) * speed;
        while (index < events.length - 1 && times[index + 1]! <= now) index++;
      }
      setCursor(index);
      if (index >= events.length - 1) {
        setPlaying(false);
        return;
      }
      frame.current = requestAnimationFrame(tick);
    };
    setCursor(index);
    frame.current = requestAnimationFrame(tick);
    return () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    };
    // Restarted only by play/pause and speed; the cursor moves inside.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [playing, speed, events]);

  return { cursor, setCursor, playing, setPlaying, speed, setSpeed };
}

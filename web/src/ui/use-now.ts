import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs` (aligned to the minute by default). */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      setNow(Date.now());
      timer = setTimeout(tick, intervalMs - (Date.now() % intervalMs) + 50);
    };
    timer = setTimeout(tick, intervalMs - (Date.now() % intervalMs) + 50);
    return () => clearTimeout(timer);
  }, [intervalMs]);
  return now;
}

import { useEffect, useRef, useState } from 'preact/hooks';

/** Two screens, addressed by path so links and the back button work: /console and /console/tickets/:n. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname + location.search);
  useEffect(() => {
    const on = () => setPath(location.pathname + location.search);
    addEventListener('popstate', on);
    return () => removeEventListener('popstate', on);
  }, []);
  return path;
}

export function navigate(to: string): void {
  history.pushState(null, '', to);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** Re-runs `onChange` whenever the server says a ticket or conversation changed (any API process). */
export function useLiveEvents(onChange: (e: { conversationId: string; ticketId?: string }) => void): boolean {
  const [live, setLive] = useState(false);
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const es = new EventSource('/v1/console/events');
    es.addEventListener('ready', () => setLive(true));
    es.addEventListener('change', (e) => {
      try {
        latest.current(JSON.parse((e as MessageEvent<string>).data));
      } catch {
        /* ignore a malformed event */
      }
    });
    es.onerror = () => setLive(false);
    return () => es.close();
  }, []);
  return live;
}

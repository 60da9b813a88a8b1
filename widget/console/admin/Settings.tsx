import { useEffect, useState } from 'preact/hooks';
import { admin, errorText, lines, type Settings as S } from './api';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Allowed origins, greeting, colour and position, languages, business hours, off-hours message. */
export function Settings() {
  const [s, setS] = useState<S | null>(null);
  const [hours, setHours] = useState<Record<string, string>>({});
  const [tz, setTz] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    admin.settings().then(({ settings }) => {
      setS(settings);
      setTz(settings.businessHours?.timezone ?? '');
      setHours(Object.fromEntries(DAYS.map((_, d) => [String(d), (settings.businessHours?.days[String(d)] ?? []).map(([a, b]) => `${a}-${b}`).join(', ')])));
    }, (e) => setMsg({ ok: false, text: errorText(e) }));
  }, []);
  if (!s) return msg ? <p class="error">{msg.text}</p> : <p class="loading">Loading…</p>;
  const lang = s.languages?.[0] ?? 'en';
  const save = async (e: Event) => {
    e.preventDefault();
    const businessHours = tz.trim()
      ? {
          timezone: tz.trim(),
          days: Object.fromEntries(DAYS.map((_, d) => [String(d), (hours[String(d)] ?? '').split(',').map((r) => r.trim()).filter(Boolean).map((r) => r.split('-').map((x) => x.trim()) as [string, string])])),
        }
      : null;
    try {
      const r = await admin.saveSettings({ ...s, businessHours });
      setS(r.settings);
      setMsg({ ok: true, text: 'Settings saved.' });
    } catch (err) {
      setMsg({ ok: false, text: errorText(err) });
    }
  };
  return (
    <form onSubmit={save} aria-label="Site settings">
      <h1>Site settings</h1>
      {msg && <p class={msg.ok ? 'notice' : 'error'} role={msg.ok ? 'status' : 'alert'}>{msg.text}</p>}
      <div class="two">
        <div>
          <label for="s-name">Site name</label>
          <input id="s-name" value={s.name} onInput={(e) => setS({ ...s, name: e.currentTarget.value })} />
          <label for="s-origins">Allowed origins (one per line)</label>
          <textarea id="s-origins" value={(s.allowedOrigins ?? []).join('\n')} onInput={(e) => setS({ ...s, allowedOrigins: lines(e.currentTarget.value) })} />
          <label for="s-langs">Languages (one per line, first is the default)</label>
          <textarea id="s-langs" value={(s.languages ?? []).join('\n')} onInput={(e) => setS({ ...s, languages: lines(e.currentTarget.value) })} />
          <label for="s-greeting">Greeting ({lang})</label>
          <textarea id="s-greeting" value={s.greeting?.[lang] ?? ''} onInput={(e) => setS({ ...s, greeting: { ...s.greeting, [lang]: e.currentTarget.value } })} />
          <div class="two">
            <div>
              <label for="s-color">Colour</label>
              <input id="s-color" type="color" value={s.appearance?.color ?? '#4f46e5'} onInput={(e) => setS({ ...s, appearance: { position: s.appearance?.position ?? 'right', color: e.currentTarget.value } })} />
            </div>
            <div>
              <label for="s-position">Position</label>
              <select id="s-position" value={s.appearance?.position ?? 'right'} onChange={(e) => setS({ ...s, appearance: { color: s.appearance?.color ?? '#4f46e5', position: e.currentTarget.value as 'left' | 'right' } })}>
                <option value="right">Bottom right</option>
                <option value="left">Bottom left</option>
              </select>
            </div>
          </div>
        </div>
        <div>
          <label for="s-tz">Business hours time zone (empty: always staffed)</label>
          <input id="s-tz" placeholder="Europe/Paris" value={tz} onInput={(e) => setTz(e.currentTarget.value)} />
          {DAYS.map((d, i) => (
            <div key={d}>
              <label for={`s-day-${i}`}>{d} (e.g. 09:00-12:30, 13:30-18:00)</label>
              <input id={`s-day-${i}`} value={hours[String(i)] ?? ''} onInput={(e) => setHours({ ...hours, [String(i)]: e.currentTarget.value })} />
            </div>
          ))}
          <label for="s-offhours">Outside business hours the widget says ({lang})</label>
          <textarea id="s-offhours" value={s.offHoursMessage?.[lang] ?? ''} onInput={(e) => setS({ ...s, offHoursMessage: { ...s.offHoursMessage, [lang]: e.currentTarget.value } })} />
        </div>
      </div>
      <div class="actions"><button class="primary" type="submit">Save settings</button></div>
    </form>
  );
}

import { navigate } from '../router';
import { Articles } from './Articles';
import { Intents } from './Intents';
import { Publish } from './Publish';
import { Gaps } from './Gaps';
import { ImportExport } from './ImportExport';
import { Settings } from './Settings';
import './admin.css';

const TABS = [
  ['articles', 'Articles'],
  ['intents', 'Intents'],
  ['publish', 'Try it, replay, publish'],
  ['gaps', 'Content gaps'],
  ['import', 'Import / export'],
  ['settings', 'Site settings'],
] as const;

/** The admin workshop, under /console/admin/<tab>[/<id>]. */
export function Admin({ path }: { path: string }) {
  const [, , , tab = 'articles', id] = path.split('?')[0]!.split('/');
  const go = (to: string) => (e: Event) => {
    e.preventDefault();
    navigate(to);
  };
  return (
    <div class="admin">
      <nav class="tabs" aria-label="Admin">
        {TABS.map(([key, label]) => (
          <a key={key} href={`/console/admin/${key}`} aria-current={tab === key ? 'page' : undefined} onClick={go(`/console/admin/${key}`)}>
            {label}
          </a>
        ))}
      </nav>
      {tab === 'articles' && <Articles id={id ?? null} />}
      {tab === 'intents' && <Intents id={id ?? null} />}
      {tab === 'publish' && <Publish />}
      {tab === 'gaps' && <Gaps />}
      {tab === 'import' && <ImportExport />}
      {tab === 'settings' && <Settings />}
    </div>
  );
}

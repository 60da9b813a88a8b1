/**
 * The admin workshop's client for /v1/admin/sites/:siteKey (same origin, session cookie, CSRF
 * token from the console's sign-in). Types come from the API's domain, dates as ISO strings.
 */
import type { ArticleFlagRecord, ArticleRecord, ArticleVersionRecord, IntentRecord, PublishRecord } from '../../../api/domain/knowledge/ports';
import type { VersionDiff } from '../../../api/domain/knowledge/diff-versions';
import type { TryItResult } from '../../../api/domain/publishing/try-it';
import type { ReplayReport } from '../../../api/domain/publishing/replay';
import type { GapCluster } from '../../../api/domain/publishing/content-gaps';
import type { PendingChanges } from '../../../api/domain/publishing/workshop';
import type { ImportProblem } from '../../../api/domain/intents/import-export';
import type { IntentInput } from '../../../api/domain/intents/intent-input';
import type { ArticleInput } from '../../../api/domain/knowledge/article-input';
import { ApiError, getCsrf } from '../api';

export type { ArticleFlagRecord, ArticleRecord, ArticleVersionRecord, IntentRecord, PublishRecord, VersionDiff, TryItResult, ReplayReport, GapCluster, PendingChanges, ImportProblem, IntentInput, ArticleInput };

export const SITE = 'demo';
const base = () => `/v1/admin/sites/${encodeURIComponent(SITE)}`;

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base()}${path}`, {
    method,
    credentials: 'same-origin',
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(method !== 'GET' ? { 'x-csrf-token': getCsrf() } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => ({}))) as { code?: string; detail?: string };
  if (!res.ok) throw new ApiError(res.status, data.code ?? 'error', data.detail ?? `Request failed (${res.status}).`);
  return data as T;
}

export interface ImportResult {
  ok: boolean;
  problems: ImportProblem[];
  counts: { intents: number; articles: number };
  written: { articles: { created: number; updated: number }; intents: { created: number; updated: number } } | null;
}

export interface Settings {
  name?: string;
  allowedOrigins?: string[];
  greeting?: Record<string, string>;
  languages?: string[];
  appearance?: { color: string; position: 'right' | 'left' };
  businessHours?: { timezone: string; days: Record<string, [string, string][]> } | null;
  offHoursMessage?: Record<string, string>;
}

export const admin = {
  articles: (q = '') => call<{ articles: ArticleRecord[] }>('GET', `/articles${q ? `?q=${encodeURIComponent(q)}` : ''}`),
  article: (id: string) => call<{ article: ArticleRecord; versions: ArticleVersionRecord[]; flags: ArticleFlagRecord[] }>('GET', `/articles/${id}`),
  resolveFlag: (id: string, flagId: string) => call<{ flags: ArticleFlagRecord[] }>('POST', `/articles/${id}/flags/${flagId}/resolve`),
  createArticle: (a: ArticleInput) => call<{ article: ArticleRecord }>('POST', '/articles', a),
  saveArticle: (id: string, a: ArticleInput) => call<{ article: ArticleRecord }>('PUT', `/articles/${id}`, a),
  preview: (body: string) => call<{ html: string }>('POST', '/articles/preview', { body }),
  diff: (id: string, from: number, to: number) => call<{ diff: VersionDiff }>('GET', `/articles/${id}/diff?from=${from}&to=${to}`),
  restore: (id: string, version: number) => call<{ article: ArticleRecord }>('POST', `/articles/${id}/versions/${version}/restore`),
  intents: () => call<{ intents: IntentRecord[] }>('GET', '/intents'),
  createIntent: (i: IntentInput) => call<{ intent: IntentRecord }>('POST', '/intents', i),
  saveIntent: (id: string, i: IntentInput) => call<{ intent: IntentRecord }>('PUT', `/intents/${id}`, i),
  deleteIntent: (id: string) => call<void>('DELETE', `/intents/${id}`),
  changes: () => call<PendingChanges>('GET', '/changes'),
  tryIt: (question: string) => call<TryItResult>('POST', '/try', { question }),
  replay: (days: number, golden: boolean) => call<ReplayReport>('POST', '/replay', { days, golden }),
  publish: (note: string) => call<{ publish: PublishRecord; modelVersion: string }>('POST', '/publish', { note }),
  publishes: () => call<{ publishes: PublishRecord[] }>('GET', '/publishes'),
  rollback: (id: string) => call<{ publish: PublishRecord }>('POST', `/publishes/${id}/rollback`),
  golden: () => call<{ questions: { id: string; text: string; expectedIntent: string | null }[] }>('GET', '/golden'),
  addGolden: (text: string, expectedIntent: string | null) => call<unknown>('POST', '/golden', { questions: [{ text, expectedIntent }] }),
  deleteGolden: (id: string) => call<void>('DELETE', `/golden/${id}`),
  gaps: (days: number) => call<{ clusters: GapCluster[] }>('GET', `/gaps?days=${days}`),
  gapToIntent: (key: string, days: number, name: string) => call<{ intent: IntentRecord }>('POST', '/gaps/intent', { key, days, name }),
  gapToArticle: (key: string, days: number, title: string) => call<{ article: ArticleRecord }>('POST', '/gaps/article', { key, days, title }),
  settings: () => call<{ settings: Settings }>('GET', '/settings'),
  saveSettings: (s: Settings) => call<{ settings: Settings }>('PUT', '/settings', s),
  exportUrl: (format: 'json' | 'csv', kind: 'intents' | 'articles') => `${base()}/export?format=${format}&kind=${kind}`,
  /** Uploads with XMLHttpRequest for upload progress (fetch has none). */
  importFile(body: { format: 'json' | 'csv'; kind: 'intents' | 'articles' | null; text: string; dryRun: boolean }, onProgress: (fraction: number) => void): Promise<ImportResult> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${base()}/import`);
      xhr.setRequestHeader('content-type', 'application/json');
      xhr.setRequestHeader('x-csrf-token', getCsrf());
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.onload = () => {
        const data = JSON.parse(xhr.responseText || '{}') as ImportResult & { detail?: string; code?: string };
        if (xhr.status < 300 || Array.isArray(data.problems)) resolve(data);
        else reject(new ApiError(xhr.status, data.code ?? 'error', data.detail ?? `Import failed (${xhr.status}).`));
      };
      xhr.onerror = () => reject(new ApiError(0, 'network', 'The upload failed: check the connection.'));
      xhr.send(JSON.stringify(body));
    });
  },
};

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
export const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);

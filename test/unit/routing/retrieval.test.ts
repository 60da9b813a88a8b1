import { describe, expect, it } from 'vitest';
import { buildRetrievalIndex, searchRetrieval } from '../../../api/domain/routing/retrieval.js';
import { normalise } from '../../../api/domain/routing/normalise.js';
import { ARTICLES } from './fixture.js';

const index = buildRetrievalIndex(ARTICLES.map((a) => ({ id: a.id, fields: [[a.title, 2], [a.keywords.join(' '), 2], [a.body, 1]] as [string, number][] })));

describe('retrieval', () => {
  it('finds the article by its words, best first', () => {
    const hits = searchRetrieval(index, normalise('does the warranty cover water damage'), 3);
    expect(hits[0].id).toBe('a-warranty');
    expect(hits[0].score).toBeGreaterThan(0.3);
  });

  it('returns nothing for unrelated words', () => {
    expect(searchRetrieval(index, normalise('zebra xylophone'), 3)).toEqual([]);
  });

  it('an empty corpus returns nothing', () => {
    expect(searchRetrieval(buildRetrievalIndex([]), normalise('anything'), 3)).toEqual([]);
  });
});

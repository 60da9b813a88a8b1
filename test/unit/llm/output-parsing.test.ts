import { describe, expect, it } from 'vitest';
import { parseAnswerOutput, visibleAnswerPrefix } from '../../../prompts/answer.schema.js';
import { parseClassifyOutput } from '../../../prompts/classify.schema.js';
import { parseDraftOutput } from '../../../prompts/draft.schema.js';
import { parseSummaryOutput } from '../../../prompts/summary.schema.js';

describe('answer output', () => {
  it('keeps the text, renumbers citations in order of use, drops the trailer', () => {
    expect(parseAnswerOutput('Sign out and in [2]. Then share [1] [2].\nSOURCES: 2, 1', 3)).toEqual({
      supported: true,
      answer: 'Sign out and in [1]. Then share [2] [1].',
      citations: [1, 0],
    });
  });
  it('drops citations of articles it was not given', () => {
    expect(parseAnswerOutput('Refunds are automatic [7]. Share it [1].\nSOURCES: 1, 7', 2)).toEqual({
      supported: true,
      answer: 'Refunds are automatic. Share it [1].',
      citations: [0],
    });
  });
  it.each(['UNSUPPORTED', ' unsupported. ', '**UNSUPPORTED**', 'UNSUPPORTED\nSOURCES: none', 'I am not sure, maybe try again.', 'Refunds are automatic [9].', ''])(
    'is unsupported: %j',
    (text) => expect(parseAnswerOutput(text, 2)).toEqual({ supported: false, answer: '', citations: [] }),
  );
  it('shows streamed text but holds back what may become the trailer', () => {
    expect(visibleAnswerPrefix('Share it [1].\nSOU')).toBe('Share it [1].');
    expect(visibleAnswerPrefix('Share it [1].\nSOURCES: 1')).toBe('Share it [1].');
    expect(visibleAnswerPrefix('UNSUPP')).toBe('');
    expect(visibleAnswerPrefix('Share it')).toBe('Share it');
    expect(visibleAnswerPrefix('Share it\nSounds good')).toBe('Share it\nSounds good');
  });
});

describe('classify output', () => {
  const names = ['share_note', 'sync_problems'];
  it.each([
    ['{"intent": "share_note"}', 'share_note'],
    ['Sure! {"intent":"sync_problems"}', 'sync_problems'],
    ['{"intent": "none"}', null],
    ['{"intent": "delete_account"}', null],
    ['{"intent": "share_note", "note": "x"}', null],
    ['{"intent": 3}', null],
    ['share_note', null],
    ['{"intent": "share_note"', null],
    ['', null],
  ])('%j → %j', (text, expected) => expect(parseClassifyOutput(text, names)).toBe(expected));
});

describe('draft and summary output', () => {
  it('parses a draft and its sources', () => {
    expect(parseDraftOutput("I'm sorry your notes stopped syncing for a whole day.\nSign out and back in [1].\nSOURCES: 1", 1)).toEqual({
      draft: "I'm sorry your notes stopped syncing for a whole day.\nSign out and back in [1].",
      citations: [0],
    });
  });
  it('rejects a hollow apology', () => {
    expect(() => parseDraftOutput('We regret any inconvenience caused.\nSOURCES: none', 0)).toThrow(/hollow/);
  });
  it('rejects an empty summary', () => {
    expect(() => parseSummaryOutput('   ')).toThrow();
    expect(parseSummaryOutput('Summary: Wants to share notes.')).toBe('Wants to share notes.');
  });
});

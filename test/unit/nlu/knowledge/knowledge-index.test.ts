/** The knowledge index: what it matches on, what it ignores, and that it is deterministic. */
import { describe, expect, test } from 'vitest';

import {
  KNOWLEDGE_BANDS,
  KnowledgeIndex,
  decideBand,
  knowledgeTerms,
  type KnowledgeDoc,
  type KnowledgeMatch,
  type WeightedTerms,
} from '../../../../nlu/knowledge/index.js';
import { knowledgeEntries } from '../../../fixtures/knowledge/index.js';

const entries = knowledgeEntries();
const index = KnowledgeIndex.build(entries);
const scoreOf = (text: string, id: string, language = 'zh') => index.score(text, language).find((match) => match.id === id)?.score ?? 0;

describe('matching', () => {
  test.each([
    { description: 'a question word in front (怎么办理居住证)', text: '怎么办理居住证', id: 'residence-permit' },
    { description: 'the same question in traditional characters', text: '請問居住證怎麼辦理', id: 'residence-permit' },
    { description: 'a colloquial paraphrase', text: '社保卡弄丢了咋办', id: 'social-security-card-replace' },
    { description: 'the 12345 number as the topic', text: '12345都受理什么问题', id: 'hotline-scope' },
    { description: 'an English question', text: 'Where do I apply for a residence permit?', id: 'en-residence-permit', language: 'en' },
  ])('when a citizen asks with $description, then that entry is answered', ({ text, id, language }) => {
    const result = index.search(text, { language: language ?? 'zh' });
    expect(result.band).toBe('answer');
    expect(result.matches[0]?.id).toBe(id);
  });

  test('when two entries share only the question words (怎么办理), then they do not match each other', () => {
    // 怎么办理营业执照 shares 怎么/办理 with the query; the topic 居住证 must carry the score.
    expect(scoreOf('怎么办理居住证', 'residence-permit')).toBeGreaterThan(0.6);
    expect(scoreOf('怎么办理居住证', 'business-licence')).toBeLessThan(0.2);
  });

  test('when the query is an entry question verbatim, then it scores 1', () => {
    expect(index.score('如何办理居住证？', 'zh')[0]).toEqual({ id: 'residence-permit', question: '如何办理居住证？', score: 1 });
  });

  test('when the query carries a phone number, then the number is masked and changes nothing', () => {
    expect(index.score('社保卡丢了怎么补办 13812345678')).toEqual(index.score('社保卡丢了怎么补办'));
    // Text already prepared for models (prepareText(...).normalized) carries the tag instead.
    expect(index.score('社保卡丢了怎么补办 <PHONE>')).toEqual(index.score('社保卡丢了怎么补办'));
  });

  test('when a language is given, then entries in other languages are left out', () => {
    expect(index.score('residence permit', 'zh')).toEqual([]);
    expect(index.score('residence permit', 'en')[0]?.id).toBe('en-residence-permit');
  });

  test('when the query names a topic only (公积金), then the entries on it are offered, not answered', () => {
    const result = index.search('公积金', { language: 'zh' });
    expect(result.band).toBe('offer');
    expect(result.matches.map((match) => match.id).sort()).toEqual(['housing-fund-loan', 'housing-fund-withdrawal']);
  });

  test('when two entries ask the same question in other words, then they are one candidate and the better one is answered', () => {
    const agentEntry: KnowledgeDoc = {
      id: 'agent',
      question: '请问居住证怎么办理？',
      alternates: [],
      answer: '到社区服务中心办理。',
      language: 'zh',
    };
    const withDuplicate = KnowledgeIndex.build([...entries, agentEntry]);
    expect(
      withDuplicate
        .score('请问居住证怎么办理？')
        .slice(0, 2)
        .map((match) => match.id),
    ).toEqual(['agent', 'residence-permit']);
    const result = withDuplicate.search('请问居住证怎么办理？', { language: 'zh' });
    expect(result.band).toBe('answer');
    expect(result.matches.map((match) => match.id)).not.toContain('residence-permit');
    expect(result.matches[0]?.id).toBe('agent');
  });

  test('when a complaint shares a word with an entry (垃圾), then nothing is offered', () => {
    expect(index.search('小区门口垃圾三天没人清理', { language: 'zh' })).toEqual({ band: 'none', matches: [] });
  });

  test.each([
    { description: 'empty text', text: '' },
    { description: 'punctuation only', text: '？？？' },
    { description: 'question words only', text: '请问怎么办呢' },
  ])('when the query is $description, then the band is none', ({ text }) => {
    expect(index.search(text)).toEqual({ band: 'none', matches: [] });
  });

  test('when the index is empty, then every search is none', () => {
    expect(KnowledgeIndex.build([]).search('如何办理居住证')).toEqual({ band: 'none', matches: [] });
  });

  test('scores are between 0 and 1, best first, and limit caps the matches', () => {
    const scored = index.score('证件丢了怎么补办');
    expect(scored.length).toBeGreaterThan(3);
    for (const match of scored) expect(match.score).toBeGreaterThan(0);
    for (const match of scored) expect(match.score).toBeLessThanOrEqual(1);
    expect(scored.map((match) => match.score)).toEqual([...scored.map((match) => match.score)].sort((a, b) => b - a));
    expect(index.search('证件丢了怎么补办', { limit: 1 }).matches).toHaveLength(1);
  });
});

describe('determinism', () => {
  test('when the entries come in another order, then every score and tie is the same', () => {
    const reversed = KnowledgeIndex.build([...entries].reverse());
    for (const text of ['社保的问题', '证件到期换证', '停水停电查询', 'permit']) expect(reversed.score(text)).toEqual(index.score(text));
  });

  test('when a term cache is shared between builds, then the results are those of a fresh build', () => {
    const cache = new Map<string, WeightedTerms>();
    KnowledgeIndex.build(entries.slice(0, 10), { termCache: cache });
    const cached = KnowledgeIndex.build(entries, { termCache: cache });
    expect(cache.size).toBeGreaterThan(entries.length);
    for (const text of ['外地户口想在这边办居住证要带什么', '医保']) expect(cached.score(text)).toEqual(index.score(text));
  });

  test('when an entry repeats its question as an alternate, then it scores as without the repeat', () => {
    const doc: KnowledgeDoc = { id: 'a', question: '如何办理居住证', alternates: [], answer: '…', language: 'zh' };
    const other: KnowledgeDoc = { id: 'b', question: '如何办理营业执照', alternates: [], answer: '…', language: 'zh' };
    const repeated = KnowledgeIndex.build([{ ...doc, alternates: ['如何办理居住证', ' '] }, other]);
    expect(repeated.score('居住证怎么办')).toEqual(KnowledgeIndex.build([doc, other]).score('居住证怎么办'));
  });
});

describe('terms', () => {
  test('when a question has question words, then they are kept with a tenth of the weight and do not count as content', () => {
    const bag = knowledgeTerms('怎么办理居住证');
    const weight = (term: string) => bag.weights[bag.terms.indexOf(term)];
    expect(weight('q:怎么')).toBeCloseTo(0.1, 5);
    expect(weight('w:居住证')).toBeCloseTo(1, 5);
    expect(weight('居住')).toBeCloseTo(1, 5);
    expect(bag.terms).not.toContain('么办');
    expect(bag.content).toEqual(['办理', '居住证']);
  });

  test('when English words have plural or -ing endings, then they meet their stems', () => {
    expect(knowledgeTerms('renewing permits').terms).toEqual(['e:renew', 'e:permit']);
  });
});

describe('bands', () => {
  const ranked = (...scores: number[]): KnowledgeMatch[] => scores.map((score, i) => ({ id: `e${i}`, question: `q${i}`, score }));
  const { answer, offer, margin } = KNOWLEDGE_BANDS;
  test.each([
    { description: 'the top clears ANSWER and leads by MARGIN', scores: [answer, answer - margin], words: 2, band: 'answer', shown: 2 },
    {
      description: 'the top leads by less than MARGIN',
      scores: [answer + 0.2, answer + 0.2 - margin + 0.01],
      words: 2,
      band: 'offer',
      shown: 2,
    },
    { description: 'the top is below ANSWER', scores: [answer - 0.01], words: 3, band: 'offer', shown: 1 },
    { description: 'the query has one content word', scores: [0.95], words: 1, band: 'offer', shown: 1 },
    { description: 'the top is below OFFER', scores: [offer - 0.01], words: 3, band: 'none', shown: 0 },
    { description: 'nothing matched', scores: [], words: 3, band: 'none', shown: 0 },
  ])('when $description, then the band is $band', ({ scores, words, band, shown }) => {
    const result = decideBand(ranked(...scores, offer - 0.05), { contentWords: words, limit: 3 });
    expect(result.band).toBe(band);
    expect(result.matches).toHaveLength(shown);
  });
});

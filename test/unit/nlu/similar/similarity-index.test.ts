import { describe, expect, test } from 'vitest';

import { InvalidReportError, type Report, SimilarityIndex, type VerdictKind } from '../../../../nlu/similar/index.js';
import { at, background, report } from './reports.fixture.js';

const LIGHT = 'URBAN.LIGHT';
// The same broken lamp, three citizens, three wordings, within two days.
const lamp = [
  report('芙蓉路与人民路交叉口的路灯坏了，晚上一片漆黑，请尽快维修', '2026-11-01T20:00:00', { categoryCode: LIGHT }),
  report('人民路芙蓉路口路灯不亮好几天了，晚上走路很危险', '2026-11-02T08:00:00', { categoryCode: LIGHT }),
  report('反映芙蓉路人民路口路灯损坏，夜间没有照明，希望尽快修好', '2026-11-03T07:00:00', { categoryCode: LIGHT }),
];
const sameWordsElsewhere = report('岳麓大道与枫林路交叉口的路灯坏了，晚上一片漆黑，请尽快维修', '2026-11-02T21:00:00', {
  categoryCode: LIGHT,
});
const sameWordsMonthLater = report('芙蓉路与人民路交叉口的路灯坏了，晚上一片漆黑，请尽快维修', '2026-12-05T20:00:00', {
  categoryCode: LIGHT,
});
const manholeSameCrossing = report('人民路芙蓉路口的井盖不见了，晚上很危险', '2026-11-02T09:00:00', {
  categoryCode: 'URBAN.MANHOLE',
});
const fumes = [
  report('香樟小区烧烤店油烟直排，熏得没法开窗', '2026-11-01T12:00:00'),
  report('香樟小区一楼烧烤店排油烟扰民，味道刺鼻', '2026-11-02T12:00:00'),
];
const copy = (original: Report, id: string, local: string): Report => ({ ...original, id, at: at(local), categoryCode: undefined });

function buildIndex(...extra: Report[]): SimilarityIndex {
  const index = new SimilarityIndex();
  index.addMany([...background(), ...lamp, sameWordsElsewhere, sameWordsMonthLater, manholeSameCrossing, ...fumes, ...extra]);
  return index;
}

interface PairCase {
  description: string;
  input: [Report, Report];
  expects: VerdictKind;
}

describe('duplicate verdict', () => {
  const index = buildIndex();
  const cases: PairCase[] = [
    {
      description: 'when two citizens report one lamp in different words a day apart, then they are duplicates',
      input: [lamp[0]!, lamp[1]!],
      expects: 'duplicate',
    },
    {
      description: 'when the first and third lamp reports are 35 hours apart, then they are duplicates',
      input: [lamp[0]!, lamp[2]!],
      expects: 'duplicate',
    },
    {
      description: 'when the second and third lamp reports differ in every verb, then they are duplicates',
      input: [lamp[1]!, lamp[2]!],
      expects: 'duplicate',
    },
    {
      description: 'when the same words describe another crossing, then they are related, not duplicates',
      input: [lamp[0]!, sameWordsElsewhere],
      expects: 'related',
    },
    {
      description: 'when the same words come a month later, then it is a repeat (related), not a duplicate',
      input: [lamp[0]!, sameWordsMonthLater],
      expects: 'related',
    },
    {
      description: 'when a different problem is reported at the same crossing, then it is not a duplicate',
      input: [lamp[1]!, manholeSameCrossing],
      expects: 'related',
    },
    {
      description: 'when two neighbours report the same barbecue smoke without categories, then they are duplicates',
      input: [fumes[0]!, fumes[1]!],
      expects: 'duplicate',
    },
    {
      description: 'when a lamp and barbecue smoke are reported, then they are unrelated',
      input: [lamp[0]!, fumes[0]!],
      expects: 'unrelated',
    },
    {
      description: 'when a report is copied word for word an hour later with no place, then it is a duplicate',
      input: [
        report('公司拖欠工资三个月不发，老板也找不到人', '2026-11-02T10:00:00'),
        report('公司拖欠工资三个月不发，老板也找不到人', '2026-11-02T11:00:00'),
      ],
      expects: 'duplicate',
    },
  ];

  test.each(cases)('$description', ({ input: [a, b], expects }) => {
    expect(index.compareReports(a, b).verdict.kind).toBe(expects);
    expect(index.compareReports(b, a).verdict.kind).toBe(expects);
  });

  test('when a verdict is given, then its reasons name the text, place and time evidence with figures', () => {
    const { verdict, components } = index.compareReports(lamp[0]!, sameWordsElsewhere);

    expect(components.tfidf).toBeGreaterThan(0.8);
    expect(verdict.reasons.map((r) => r.code)).toEqual(['TEXT_NEAR_IDENTICAL', 'PLACE_DIFFERENT', 'TIME_CLOSE', 'CATEGORY_SAME']);
    expect(verdict.reasons[2]!.detail).toBe('25.0 h apart');
  });

  test('when the lamp reports are compared, then the shared road names are reported', () => {
    const { components } = index.compareReports(lamp[0]!, lamp[1]!);

    expect(components.place.evidence).toBe('same');
    expect(components.place.sharedPlaces).toEqual(['人民路', '芙蓉路']);
  });
});

describe('similar reports', () => {
  test('when a new lamp report arrives, then the earlier lamp reports rank first and are flagged duplicates', () => {
    const index = buildIndex();
    const query = report('芙蓉路人民路路口的路灯坏了两天了，请派人修一下', '2026-11-03T09:00:00', { categoryCode: LIGHT });

    const results = index.similar(query, { k: 5 });

    expect(
      results
        .slice(0, 3)
        .map((r) => r.id)
        .sort(),
    ).toEqual(lamp.map((r) => r.id).sort());
    expect(results.slice(0, 3).every((r) => r.verdict.kind === 'duplicate')).toBe(true);
    expect(
      index
        .duplicatesOf(query)
        .map((r) => r.id)
        .sort(),
    ).toEqual(lamp.map((r) => r.id).sort());
  });

  test('when results are returned, then they are sorted by score and carry every component in range', () => {
    const results = buildIndex().similar(lamp[0]!, { k: 10 });

    expect(results.map((r) => r.score)).toEqual([...results.map((r) => r.score)].sort((a, b) => b - a));
    for (const { score, components } of results) {
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
      expect(components.time).toBeCloseTo(Math.exp(-components.timeGapHours / 72), 6);
    }
    expect(results.some((r) => r.id === lamp[0]!.id)).toBe(false);
  });

  test('when the window is 7 days, then the report from a month later is not returned', () => {
    const ids = buildIndex()
      .similar(lamp[0]!, { k: 50, windowDays: 7 })
      .map((r) => r.id);

    expect(ids).not.toContain(sameWordsMonthLater.id);
    expect(
      buildIndex()
        .similar(lamp[0]!, { k: 50, windowDays: 60 })
        .map((r) => r.id),
    ).toContain(sameWordsMonthLater.id);
  });

  test('when both reports carry coordinates, then the place is judged by distance', () => {
    const index = buildIndex();
    const a = report('这里的路灯坏了，晚上很黑', '2026-11-02T20:00:00', { lat: 28.1941, lng: 112.9823 });
    const near = report('路灯不亮了，走夜路很危险', '2026-11-02T21:00:00', { lat: 28.1952, lng: 112.9825 });
    const far = { ...near, id: 'far', lat: 28.2341 };

    const same = index.compareReports(a, near).components.place;
    const different = index.compareReports(a, far).components.place;

    expect(same.evidence).toBe('same');
    expect(same.distanceMeters).toBeGreaterThan(100);
    expect(same.distanceMeters).toBeLessThan(150);
    expect(different.evidence).toBe('different');
    expect(index.compareReports(a, far).verdict.kind).not.toBe('duplicate');
  });
});

describe('index maintenance', () => {
  test('when a report is removed, then it is no longer returned', () => {
    const index = buildIndex();
    expect(index.remove(lamp[1]!.id)).toBe(true);

    expect(index.similar(lamp[0]!, { k: 50 }).map((r) => r.id)).not.toContain(lamp[1]!.id);
    expect(index.remove(lamp[1]!.id)).toBe(false);
  });

  test('when reports older than a cutoff are evicted, then only newer ones remain', () => {
    const index = buildIndex();
    const before = index.size;

    const evicted = index.evictBefore(at('2026-11-01T00:00:00'));

    expect(evicted).toBe(background().length);
    expect(index.size).toBe(before - evicted);
    expect(index.similar(lamp[0]!, { k: 50, windowDays: 365 }).every((r) => !r.id.startsWith('bg'))).toBe(true);
  });

  test('when reports are added one by one instead of in bulk, then the same duplicates are found', () => {
    const oneByOne = new SimilarityIndex();
    for (const r of [...background(), ...lamp, ...fumes]) oneByOne.add(r);

    expect(oneByOne.compareReports(lamp[0]!, lamp[1]!).verdict.kind).toBe('duplicate');
    expect(oneByOne.compareReports(fumes[0]!, fumes[1]!).verdict.kind).toBe('duplicate');
  });

  test('when a report with the same id is added again, then it replaces the old one', () => {
    const index = buildIndex();
    index.add({ ...lamp[1]!, text: '香樟小区烧烤店油烟扰民' });

    const top = index.similar(fumes[0]!, { k: 3 }).map((r) => r.id);

    expect(index.size).toBe(buildIndex().size);
    expect(top).toContain(lamp[1]!.id);
  });

  test.each([
    { description: 'an empty id', input: { id: '', text: 'x', at: new Date() } },
    { description: 'an invalid date', input: { id: 'a', text: 'x', at: new Date('nope') } },
    { description: 'a latitude out of range', input: { id: 'a', text: 'x', at: new Date(), lat: 91, lng: 0 } },
  ])('when a report has $description, then adding it throws InvalidReportError', ({ input }) => {
    expect(() => new SimilarityIndex().add(input)).toThrow(InvalidReportError);
  });
});

describe('external vectors', () => {
  test('when vectors say two differently worded reports are the same, then the text score is blended and reported', () => {
    const a = report('家门口的灯晚上不亮', '2026-11-02T20:00:00');
    const b = report('路灯坏了一片漆黑', '2026-11-02T21:00:00');
    const vectors = new Map([
      [a.id, Float32Array.of(0.9, 0.1, 0)],
      [b.id, Float32Array.of(0.88, 0.12, 0.01)],
    ]);
    const index = new SimilarityIndex({ vectorOf: (r) => vectors.get(r.id) });
    index.addMany([...background(), a, b]);

    const { components } = index.similar(a, { k: 1 })[0]!;

    expect(components.vector).toBeGreaterThan(0.99);
    expect(components.text).toBeCloseTo(0.5 * components.tfidf + 0.5 * components.vector!, 6);
    expect(new SimilarityIndex().compareReports(a, b).components.vector).toBeUndefined();
  });
});

describe('clusters', () => {
  test('when three citizens report one lamp among other reports, then one cluster of three names the crossing', () => {
    const index = buildIndex();

    const clusters = index.clusters({ from: at('2026-11-01T00:00:00'), to: at('2026-11-04T00:00:00'), minSize: 3 });

    expect(clusters).toHaveLength(1);
    const [cluster] = clusters;
    expect(cluster!.ids.sort()).toEqual(lamp.map((r) => r.id).sort());
    expect(cluster!.size).toBe(3);
    expect(cluster!.places).toEqual(['人民路', '芙蓉路']);
    expect(cluster!.from).toEqual(lamp[0]!.at);
    expect(cluster!.to).toEqual(lamp[2]!.at);
    expect(cluster!.categories).toEqual([{ code: LIGHT, count: 3 }]);
    expect(lamp.map((r) => r.id)).toContain(cluster!.representative.id);
  });

  test('when the window is a month, then copies of one complaint spread over the month join one cluster', () => {
    const base = report('丽发新城小区旁边建搅拌站，噪音粉尘严重扰民', '2026-11-01T09:00:00');
    const copies = [copy(base, 'c1', '2026-11-09T09:00:00'), copy(base, 'c2', '2026-11-20T09:00:00')];
    const index = buildIndex(base, ...copies);

    const clusters = index.clusters({ from: at('2026-11-01T00:00:00'), to: at('2026-11-30T23:59:59'), minSize: 3 });
    const plant = clusters.find((c) => c.ids.includes(base.id));

    expect(plant?.ids.sort()).toEqual([base.id, 'c1', 'c2'].sort());
    expect(plant?.places).toEqual(['丽发新城']);
  });

  test('when links may span at most a day, then reports a week apart stay apart', () => {
    const base = report('丽发新城小区旁边建搅拌站，噪音粉尘严重扰民', '2026-11-01T09:00:00');
    const index = buildIndex(base, copy(base, 'c1', '2026-11-09T09:00:00'));

    const clusters = index.clusters({ from: at('2026-11-01T00:00:00'), to: at('2026-11-30T00:00:00'), linkGapHours: 24 });

    expect(clusters.some((c) => c.ids.includes(base.id))).toBe(false);
  });
});

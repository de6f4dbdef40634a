/** Open311 answers in JSON and XML: discovery, services, the POST acknowledgement, times with timezones. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';

import { open311ConfigSchema } from '../../../channels/open311/definition.js';
import { discoveryAnswer } from '../../../channels/open311/discovery.js';
import { isoDateTime, parseFormat, renderList, renderObject } from '../../../channels/open311/format.js';
import { acknowledgeCreate } from '../../../channels/open311/outbound.js';
import { liveServices, serviceDefinition, toOpen311Service, type CategoryTree } from '../../../channels/open311/services.js';
import { open311Request } from '../../fixtures/open311/requests.js';

const config = open311ConfigSchema.parse({
  enabled: true,
  contact: '示范市12345热线 open311@example.gov.cn',
  serviceNotice: '已收到 <谢谢> & 再见',
});
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => ['request', 'service', 'endpoint', 'format'].includes(name) });

/** Open311 answers are rendered to text (JSON included), so the charset is ours to set. */
function text(ack: { body: unknown }): string {
  expect(typeof ack.body).toBe('string');
  return ack.body as string;
}

function xmlOf(body: unknown): any {
  const xml = String(body);
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  return parser.parse(xml);
}

describe('formats', () => {
  test.each([
    { value: 'json', expects: 'json' },
    { value: 'xml', expects: 'xml' },
    { value: 'JSON', expects: undefined },
    { value: 'html', expects: undefined },
    { value: undefined, expects: undefined },
  ])('when the suffix is $value, then the format is $expects', ({ value, expects }) => {
    expect(parseFormat(value)).toBe(expects);
  });

  test('when a list is rendered, then JSON is an array and XML repeats the item element, both UTF-8', () => {
    const items = [
      { token: 't1', service_notice: '中文 & <b>' },
      { token: 't2', service_notice: null },
    ];
    const json = renderList('json', 'service_requests', 'request', items);
    expect(json.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(text(json))).toEqual(items);
    const xml = renderList('xml', 'service_requests', 'request', items);
    expect(xml.contentType).toBe('text/xml; charset=utf-8');
    expect(xmlOf(xml.body).service_requests.request).toEqual([
      { token: 't1', service_notice: '中文 & <b>' },
      { token: 't2', service_notice: '' },
    ]);
  });

  test('when a list is empty, then XML is an empty root and JSON an empty array', () => {
    expect(renderList('json', 'services', 'service', []).body).toBe('[]');
    expect(renderList('xml', 'services', 'service', []).body).toBe('<?xml version="1.0" encoding="utf-8"?><services></services>');
  });

  test.each([
    { at: '2026-11-21T02:03:04.567Z', zone: 'Asia/Shanghai', expects: '2026-11-21T10:03:04+08:00' },
    { at: '2026-11-21T16:30:00Z', zone: 'Asia/Shanghai', expects: '2026-11-22T00:30:00+08:00' },
    { at: '2026-11-21T02:03:04Z', zone: 'UTC', expects: '2026-11-21T02:03:04Z' },
    { at: '2026-07-01T12:00:00Z', zone: 'America/New_York', expects: '2026-07-01T08:00:00-04:00' },
    { at: '2026-11-21T00:00:00Z', zone: 'Asia/Kolkata', expects: '2026-11-21T05:30:00+05:30' },
  ])('when $at is shown in $zone, then it reads $expects', ({ at, zone, expects }) => {
    expect(isoDateTime(new Date(at), zone)).toBe(expects);
    expect(new Date(expects).getTime()).toBe(Math.floor(new Date(at).getTime() / 1000) * 1000);
  });
});

describe('discovery', () => {
  test('when asked in JSON, then it names the specification, the endpoint URL and both formats', () => {
    const answer = discoveryAnswer('json', config, 'http://127.0.0.1:8080');
    expect(JSON.parse(text(answer))).toEqual({
      changeset: expect.stringMatching(/Z$/),
      contact: config.contact,
      key_service: expect.stringContaining(config.contact),
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: 'http://127.0.0.1:8080/open311/v2',
          changeset: expect.any(String),
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    });
  });

  test('when SUQIU_PUBLIC_URL is set, then the endpoint URL uses it; XML nests endpoints and formats', () => {
    const answer = discoveryAnswer('xml', { ...config, publicUrl: 'https://hotline.example.gov.cn/' }, 'http://internal:3000');
    const { discovery } = xmlOf(answer.body);
    expect(discovery.endpoints.endpoint[0]).toMatchObject({ url: 'https://hotline.example.gov.cn/open311/v2', type: 'production' });
    expect(discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
  });
});

describe('services', () => {
  const categories = [
    { code: 'URBAN', name: '城乡建设', level: 1 },
    { code: 'ENV', name: '生态环境', level: 1 },
    { code: 'OTHER', name: '其他', level: 1 },
    { code: 'URBAN.SANITATION', name: '市容环卫', level: 2, parentCode: 'URBAN' },
    { code: 'ENV.NOISE', name: '噪声污染', level: 2, parentCode: 'ENV' },
    { code: 'URBAN.LIGHTS', name: '路灯', level: 2, parentCode: 'URBAN' },
    { code: 'ENV.NOISE.NIGHT', name: '夜间施工', level: 3, parentCode: 'ENV.NOISE' },
    // Its parent is inactive, so it is not in the live catalogue: not a service either.
    { code: 'GONE.CHILD', name: '孤儿', level: 2, parentCode: 'GONE' },
  ];
  const tree: CategoryTree = { listCategories: () => categories };

  test('when the catalogue is read, then the services are the leaves with live ancestors, grouped by first level', () => {
    expect([...liveServices(tree).values()]).toEqual([
      { code: 'URBAN.SANITATION', name: '市容环卫', group: '城乡建设' },
      { code: 'URBAN.LIGHTS', name: '路灯', group: '城乡建设' },
      { code: 'ENV.NOISE.NIGHT', name: '夜间施工', group: '生态环境' },
      { code: 'OTHER', name: '其他', group: '其他' },
    ]);
  });

  test('when a service is rendered, then it is a batch service without metadata, keywords comma-separated', () => {
    const entry = liveServices(tree).get('URBAN.SANITATION')!;
    expect(toOpen311Service(entry, { description: '垃圾清运', keywords: ['垃圾', '环卫'] })).toEqual({
      service_code: 'URBAN.SANITATION',
      service_name: '市容环卫',
      description: '垃圾清运',
      metadata: false,
      type: 'batch',
      keywords: '垃圾,环卫',
      group: '城乡建设',
    });
    const xml = xmlOf(renderList('xml', 'services', 'service', [toOpen311Service(entry, undefined)]).body);
    expect(xml.services.service[0]).toMatchObject({ service_code: 'URBAN.SANITATION', metadata: 'false', type: 'batch', keywords: '' });
  });

  test('when a service definition is rendered, then attributes is an empty list in both formats', () => {
    const definition = serviceDefinition(liveServices(tree).get('OTHER')!);
    expect(JSON.parse(text(renderObject('json', definition, 'service_definition', {})))).toEqual({
      service_code: 'OTHER',
      attributes: [],
    });
    const xml = renderObject('xml', definition, 'service_definition', { service_code: 'OTHER', attributes: null }).body;
    expect(xml).toContain('<service_definition><service_code>OTHER</service_code><attributes/></service_definition>');
    xmlOf(xml);
  });
});

describe('the POST acknowledgement', () => {
  const outcomes = [{ messageId: '6f1c1f5e-8d43-4a43-9a55-1d0d3e5b8a11', duplicate: false }];

  test('when the request was POSTed to .json, then 200 with [{token, service_notice}]', () => {
    const ack = acknowledgeCreate(outcomes, open311Request(), config.serviceNotice);
    expect(ack.status).toBe(200);
    expect(JSON.parse(text(ack))).toEqual([{ token: outcomes[0]!.messageId, service_notice: config.serviceNotice }]);
  });

  test('when it was POSTed to .xml, then <service_requests><request><token>, escaped', () => {
    const ack = acknowledgeCreate(
      [{ ...outcomes[0]!, duplicate: true }],
      open311Request(undefined, { format: 'xml' }),
      config.serviceNotice,
    );
    expect(ack.status).toBe(200);
    expect(xmlOf(ack.body).service_requests.request).toEqual([{ token: outcomes[0]!.messageId, service_notice: config.serviceNotice }]);
  });
});

/// <reference types="node" />
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

import {
	API_KEYS_PLACEHOLDER,
	AutoInvoiceApi,
	buildApiKeysXml,
	escapeXml,
	NAMESPACE_PLACEHOLDER,
	unsendableXmlCharacter,
} from '../../credentials/AutoInvoiceApi.credentials';
import {
	buildEnvelope,
	classifyReturn,
	readSoapResponse,
	SoapBuildError,
	soapActionFor,
	SoapProtocolError,
} from '../../nodes/AutoInvoice/transport/soap';
import type { SoapValue } from '../../nodes/AutoInvoice/transport/soap';
import { readOutcome } from '../../nodes/AutoInvoice/transport';
import { getAttribute, parseXml, XmlParseError } from '../../nodes/AutoInvoice/transport/xml';
import type { XmlElement } from '../../nodes/AutoInvoice/transport/xml';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'autoinvoice', name), 'utf8');

const NS = 'https://testing.maventa.com/';

/** All elements of a tree, depth first. */
function allElements(root: XmlElement): XmlElement[] {
	const out: XmlElement[] = [];
	const pending = [root];
	while (pending.length) {
		const el = pending.pop() as XmlElement;
		out.push(el);
		pending.push(...el.children);
	}
	return out;
}

function expectXmlError(input: string, messagePart?: RegExp): void {
	let caught: unknown;
	try {
		parseXml(input);
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(XmlParseError);
	expect(caught).toBeInstanceOf(Error);
	if (messagePart) expect((caught as Error).message).toMatch(messagePart);
}

function protocolError(input: string): SoapProtocolError {
	let caught: unknown;
	try {
		readSoapResponse(input);
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(SoapProtocolError);
	return caught as SoapProtocolError;
}

// =============================================================================================
// escapeXml
// =============================================================================================

describe('escapeXml', () => {
	it('escapes the five special characters', () => {
		expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
	});

	it('escapes already-escaped text again (no double-decoding shortcuts)', () => {
		expect(escapeXml('&amp;&#60;')).toBe('&amp;amp;&amp;#60;');
	});

	it('leaves safe text, non-ASCII and astral characters untouched', () => {
		expect(escapeXml('plain text æøå ÆØÅ 😀 €')).toBe('plain text æøå ÆØÅ 😀 €');
		expect(escapeXml('')).toBe('');
	});

	it('keeps tab and LF, writes CR as a character reference, and never removes a character', () => {
		expect(escapeXml('a\tb\nc\rd\u007F')).toBe('a\tb\nc&#13;d\u007F');
		// Unsendable characters are refused before escaping (unsendableXmlCharacter), not dropped here.
		expect(escapeXml('x\uD800y\uFFFE\u0001z')).toBe('x\uD800y\uFFFE\u0001z');
	});

	it('is linear on large input', () => {
		const big = '<&>"\''.repeat(1_000_000);
		const out = escapeXml(big);
		expect(out.length).toBe(1_000_000 * '&lt;&amp;&gt;&quot;&apos;'.length);
	}, 60_000);
});

// =============================================================================================
// unsendableXmlCharacter
// =============================================================================================

describe('unsendableXmlCharacter', () => {
	const cases: Array<[string, string, string | undefined]> = [
		['plain text', 'REF-1 æøå', undefined],
		['tab, LF and CR', 'a\tb\nc\rd', undefined],
		['valid surrogate pairs (emoji)', '😀 👍🏽', undefined],
		['U+FFFD and U+E000', '\uFFFD\uE000', undefined],
		['empty', '', undefined],
		['U+FFFE', 'a\uFFFEb', 'U+FFFE at position 2'],
		['U+FFFF', 'ab\uFFFF', 'U+FFFF at position 3'],
		['a lone high surrogate', 'a\uD800b', 'U+D800 at position 2'],
		['a lone high surrogate at the end', 'ab\uD83D', 'U+D83D at position 3'],
		['a lone low surrogate', '\uDC00', 'U+DC00 at position 1'],
		['a reversed pair', '\uDE00\uD83D', 'U+DE00 at position 1'],
		['NUL', '\u0000', 'U+0000 at position 1'],
		['U+001F after an emoji (positions count characters)', '😀\u001F', 'U+001F at position 2'],
		['vertical tab', 'a\u000Bb', 'U+000B at position 2'],
	];
	it.each(cases)('%s', (_label, value, expected) => {
		expect(unsendableXmlCharacter(value)).toBe(expected);
	});
});

// =============================================================================================
// parseXml
// =============================================================================================

describe('parseXml', () => {
	it('parses declaration, comments, PIs, prefixes, attributes and self-closing tags', () => {
		const root = parseXml(
			`\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- lead -->\n<?pi data?>\n` +
				`<p:root xmlns:p="urn:p" a="1" b='two' c = "3">\n` +
				`  <child/><p:child x="&lt;&amp;&gt;&quot;&apos;"  />\n` +
				`  <!-- inside --><?inner pi?>text</p:root>\n<!-- trailing -->\n`,
		);
		expect(root.name).toBe('root');
		expect(root.prefix).toBe('p');
		expect(root.attributes).toEqual({ 'xmlns:p': 'urn:p', a: '1', b: 'two', c: '3' });
		expect(root.children).toHaveLength(2);
		expect(root.children[0]).toEqual({ name: 'child', attributes: {}, children: [], text: '' });
		expect(root.children[0].prefix).toBeUndefined();
		expect(root.children[1].name).toBe('child');
		expect(root.children[1].prefix).toBe('p');
		expect(root.children[1].attributes).toEqual({ x: `<&>"'` });
		expect(root.text).toBe('\n  \n  text');
	});

	it('decodes predefined entities and decimal/hex character references including astral ones', () => {
		const root = parseXml('<a>&lt;&gt;&amp;&quot;&apos; &#65;&#x42;&#x6a; &#128512;&#x1F600; &#xE6;&#248;&#xe5;</a>');
		expect(root.text).toBe(`<>&"' ABj 😀😀 æøå`);
	});

	it('keeps CDATA verbatim, including "]]>" split across sections', () => {
		expect(parseXml('<a><![CDATA[<b>&amp;</b>]]></a>').text).toBe('<b>&amp;</b>');
		expect(parseXml('<a>x<![CDATA[y]]]]><![CDATA[>z]]>&amp;</a>').text).toBe('xy]]>z&');
		expect(parseXml('<a><![CDATA[]]></a>').text).toBe('');
	});

	it('concatenates only direct text around child elements', () => {
		const root = parseXml('<a>x<b>inner</b>y<c/>z</a>');
		expect(root.text).toBe('xyz');
		expect(root.children[0].text).toBe('inner');
	});

	it('normalises literal line endings but keeps character references', () => {
		expect(parseXml('<a>1\r\n2\r3&#13;4&#10;5</a>').text).toBe('1\n2\n3\r4\n5');
		expect(parseXml('<a v="x\ty\r\nz&#10;&#9;w"/>').attributes.v).toBe('x y z\n\tw');
	});

	it('accepts ">" in attribute values and text, and whitespace around "=" and in end tags', () => {
		const root = parseXml('<a  v = \'1>2\' >3>2</a  >');
		expect(root.attributes.v).toBe('1>2');
		expect(root.text).toBe('3>2');
	});

	it('reads attributes by local name, ignoring namespace declarations', () => {
		const el = parseXml('<a xmlns:type="urn:x" type="plain" xsi:type="xsd:int" n2:arrayType="x[2]" xmlns:xsi="urn:xsi"/>');
		expect(getAttribute(el, 'type')).toBe('xsd:int');
		expect(getAttribute(el, 'arrayType')).toBe('x[2]');
		expect(getAttribute(el, 'missing')).toBeUndefined();
		expect(getAttribute(parseXml('<a type="plain"/>'), 'type')).toBe('plain');
		expect(getAttribute(parseXml('<a/>'), 'constructor')).toBeUndefined();
	});

	it('does not let attribute names pollute prototypes', () => {
		const el = parseXml('<a __proto__="x" constructor="y"/>');
		expect(Object.keys(el.attributes).sort()).toEqual(['__proto__', 'constructor']);
		expect(el.attributes.__proto__).toBe('x');
		expect(({} as Record<string, unknown>).x).toBeUndefined();
		expect(Object.getPrototypeOf(el.attributes)).toBe(Object.prototype);
	});

	it('accepts non-ASCII element names and text', () => {
		const root = parseXml('<ø:bæ xmlns:ø="urn:x">Åse 😀</ø:bæ>');
		expect(root.name).toBe('bæ');
		expect(root.prefix).toBe('ø');
		expect(root.text).toBe('Åse 😀');
	});

	describe('rejects malformed input', () => {
		const cases: Array<[string, string, RegExp]> = [
			['empty', '', /empty/],
			['whitespace only', ' \n\t ', /empty/],
			['plain text', 'Internal protocol error: boom', /not XML/],
			['JSON', '{"error":"x"}', /not XML/],
			['unclosed root', '<a>', /not closed/],
			['unclosed child', '<a><b>text</a>', /mismatched/],
			['mismatched', '<a><b></c></a>', /mismatched closing tag <\/c>, expected <\/b>/],
			['prefix mismatch', '<p:a></q:a>', /mismatched/],
			['stray end tag', '</a>', /unexpected closing tag/],
			['extra end tag', '<a/></a>', /unexpected closing tag/],
			['truncated start tag', '<a', /end of input/],
			['truncated after <', '<a><', /end of input/],
			['truncated attribute', '<a b="1', /unterminated value/],
			['unquoted attribute', '<a b=1/>', /not quoted/],
			['attribute without value', '<a b/>', /no value/],
			['attributes without space', '<a b="1"c="2"/>', /expected whitespace/],
			['duplicate attribute', '<a b="1" b="2"/>', /duplicate attribute/],
			['< in attribute', '<a b="<"/>', /"<" in the value/],
			['undefined entity', '<a>&foo;</a>', /undefined entity/],
			['prototype entity', '<a>&toString;</a>', /undefined entity/],
			['unterminated entity', '<a>&amp</a>', /entity reference/],
			['bare ampersand', '<a>fish & chips</a>', /entity reference/],
			['NUL char ref', '<a>&#0;</a>', /not a legal XML character/],
			['surrogate char ref', '<a>&#xD800;</a>', /not a legal XML character/],
			['out-of-range char ref', '<a>&#x110000;</a>', /not a legal XML character/],
			['malformed char ref', '<a>&#xZZ;</a>', /malformed character reference/],
			['two roots', '<a/><b/>', /after the root element/],
			['text after root', '<a/>trailing', /text after the root/],
			['unterminated comment', '<a><!-- x</a>', /unterminated comment/],
			['unterminated CDATA', '<a><![CDATA[x</a>', /unterminated CDATA/],
			['CDATA outside root', '<![CDATA[x]]><a/>', /outside the root/],
			['declaration only', '<?xml version="1.0"?>', /no root element/],
			['misplaced declaration', '<a><?xml version="1.0"?></a>', /only allowed at the start/],
			['unterminated PI', '<a><?pi x</a>', /unterminated processing/],
			['digit element name', '<1a/>', /invalid element name/],
			['double colon name', '<a:b:c/>', /invalid element name/],
			['empty prefix', '<:a/>', /invalid element name/],
			['bad markup', '<a><!foo></a>', /unexpected markup/],
			['DOCTYPE', '<!DOCTYPE a><a/>', /DOCTYPE/],
			['DOCTYPE with ENTITY', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', /DOCTYPE/],
			[
				'billion laughs',
				'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>',
				/DOCTYPE/,
			],
			['external entity', '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>', /DOCTYPE/],
			['bare ENTITY', '<!ENTITY x "y"><a/>', /ENTITY/],
			['HTML', '<!DOCTYPE html><html><body><p>Bad Gateway</body></html>', /DOCTYPE/],
			['HTML without doctype', '<html><body><br></body></html>', /mismatched/],
		];
		it.each(cases)('%s', (_label, input, message) => {
			expectXmlError(input, message);
		});

		it('reports line and column', () => {
			let caught: XmlParseError | undefined;
			try {
				parseXml('<a>\n  <b>\n  </c>\n</a>');
			} catch (error) {
				caught = error as XmlParseError;
			}
			expect(caught).toBeInstanceOf(XmlParseError);
			expect(caught?.name).toBe('XmlParseError');
			expect(caught?.line).toBe(3);
			expect(caught?.column).toBe(3);
			expect(caught?.message).toMatch(/line 3, column 3/);
		});

		it('rejects every truncation of a valid SOAP document', () => {
			const doc = fixture('atg_mandate_list_two.xml');
			const rootEnd = doc.lastIndexOf('>') + 1;
			expect(() => parseXml(doc)).not.toThrow();
			expect(() => parseXml(doc.slice(0, rootEnd))).not.toThrow();
			for (let cut = 0; cut < rootEnd; cut++) {
				expect(() => parseXml(doc.slice(0, cut))).toThrow(XmlParseError);
			}
		});

		it('rejects excessive nesting instead of overflowing the stack', () => {
			expect(() => parseXml('<a>'.repeat(100) + '</a>'.repeat(100))).not.toThrow();
			expectXmlError('<a>'.repeat(100_000) + '</a>'.repeat(100_000), /nested more than 512/);
			expectXmlError('<a>'.repeat(20), /not closed/);
			expect(() => parseXml('<a>'.repeat(10) + '</a>'.repeat(10), { maxDepth: 5 })).toThrow(/nested more than 5/);
		});
	});
});

// =============================================================================================
// Building requests
// =============================================================================================

describe('buildEnvelope', () => {
	it('produces the RPC/encoded shape with the api_keys placeholder first', () => {
		const xml = buildEnvelope({
			method: 'consumer_agreement_status',
			namespace: NS,
			params: [['reference_nr', 'REF-1']],
			apiKeysPlaceholder: API_KEYS_PLACEHOLDER,
		});
		expect(xml).toBe(
			'<?xml version="1.0" encoding="UTF-8"?>' +
				'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"' +
				' xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"' +
				' xmlns:xsd="http://www.w3.org/2001/XMLSchema"' +
				' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
				' xmlns:tns="https://testing.maventa.com/">' +
				'<soapenv:Body soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">' +
				'<tns:consumer_agreement_status>' +
				'<!--n8n-api-keys-->' +
				'<reference_nr xsi:type="xsd:string">REF-1</reference_nr>' +
				'</tns:consumer_agreement_status>' +
				'</soapenv:Body>' +
				'</soapenv:Envelope>',
		);
		// The unreplaced placeholder is a comment: the document is still well-formed.
		const method = parseXml(xml).children[0].children[0];
		expect(method.name).toBe('consumer_agreement_status');
		expect(method.prefix).toBe('tns');
		expect(method.children.map((c) => c.name)).toEqual(['reference_nr']);
	});

	it('omits the placeholder when not requested and supports parameterless methods', () => {
		const xml = buildEnvelope({ method: 'disable_b2c_issuer_agreement', namespace: NS, params: [] });
		expect(xml).toContain('<tns:disable_b2c_issuer_agreement></tns:disable_b2c_issuer_agreement>');
		expect(xml).not.toContain('<!--');
	});

	it('serialises every value type with the right xsi:type, in the given order', () => {
		const xml = buildEnvelope({
			method: 'atg_agreement_configure',
			namespace: NS,
			apiKeysPlaceholder: API_KEYS_PLACEHOLDER,
			params: [
				['account_number', '12345678903'],
				['kid_length', 10],
				['negative', -2147483648],
				['big', 2147483648],
				['ratio', 1.5],
				['tiny', 1e-7],
				['flag', true],
				['off', false],
				['skipped', undefined],
				['nothing', null],
				['empty', ''],
				[
					'query',
					{
						$type: 'ConsumerAgreementQuery',
						fields: [
							['state', 'ACTIVE'],
							['name', undefined],
							['timestamp', '20240101000000'],
						],
					},
				],
				['tags', { $arrayOf: 'xsd:string', items: ['a', 'b&c', null] }],
				['structs', { $arrayOf: 'Pair', items: [{ $type: 'tns:Pair', fields: [['k', 'v']] }] }],
			],
		});
		const body =
			'<tns:atg_agreement_configure><!--n8n-api-keys-->' +
			'<account_number xsi:type="xsd:string">12345678903</account_number>' +
			'<kid_length xsi:type="xsd:int">10</kid_length>' +
			'<negative xsi:type="xsd:int">-2147483648</negative>' +
			'<big xsi:type="xsd:long">2147483648</big>' +
			'<ratio xsi:type="xsd:double">1.5</ratio>' +
			'<tiny xsi:type="xsd:double">1e-7</tiny>' +
			'<flag xsi:type="xsd:boolean">true</flag>' +
			'<off xsi:type="xsd:boolean">false</off>' +
			'<nothing xsi:nil="true"/>' +
			'<empty xsi:type="xsd:string"></empty>' +
			'<query xsi:type="tns:ConsumerAgreementQuery">' +
			'<state xsi:type="xsd:string">ACTIVE</state>' +
			'<timestamp xsi:type="xsd:string">20240101000000</timestamp>' +
			'</query>' +
			'<tags xsi:type="soapenc:Array" soapenc:arrayType="xsd:string[3]">' +
			'<item xsi:type="xsd:string">a</item><item xsi:type="xsd:string">b&amp;c</item><item xsi:nil="true"/>' +
			'</tags>' +
			'<structs xsi:type="soapenc:Array" soapenc:arrayType="tns:Pair[1]">' +
			'<item xsi:type="tns:Pair"><k xsi:type="xsd:string">v</k></item>' +
			'</structs>' +
			'</tns:atg_agreement_configure>';
		expect(xml).toContain(body);
		expect(() => parseXml(xml)).not.toThrow();
	});

	it('escapes the namespace attribute', () => {
		const xml = buildEnvelope({ method: 'm', namespace: 'https://x/?a=1&b="2"', params: [] });
		expect(xml).toContain('xmlns:tns="https://x/?a=1&amp;b=&quot;2&quot;"');
		expect(parseXml(xml).attributes['xmlns:tns']).toBe('https://x/?a=1&b="2"');
	});

	describe('rejects anything that could inject markup or is not serialisable', () => {
		const base = { method: 'm', namespace: NS };
		const bad: Array<[string, () => unknown]> = [
			['method with space', () => buildEnvelope({ ...base, method: 'a b', params: [] })],
			['method with markup', () => buildEnvelope({ ...base, method: 'x><y', params: [] })],
			['empty method', () => buildEnvelope({ ...base, method: '', params: [] })],
			['prefixed method', () => buildEnvelope({ ...base, method: 'tns:x', params: [] })],
			['param closing tag', () => buildEnvelope({ ...base, params: [['</tns:m><evil', 'x']] })],
			['param with quote', () => buildEnvelope({ ...base, params: [['a"b', 'x']] })],
			['param starting with digit', () => buildEnvelope({ ...base, params: [['1a', 'x']] })],
			['member name', () => buildEnvelope({ ...base, params: [['q', { $type: 'Q', fields: [['a>b', 'x']] }]] })],
			['struct type with quote', () => buildEnvelope({ ...base, params: [['q', { $type: 'Q" evil="1', fields: [] }]] })],
			['struct type unknown prefix', () => buildEnvelope({ ...base, params: [['q', { $type: 'foo:Q', fields: [] }]] })],
			['array type', () => buildEnvelope({ ...base, params: [['q', { $arrayOf: 'xsd:string[]"', items: [] }]] })],
			['NaN', () => buildEnvelope({ ...base, params: [['n', NaN]] })],
			['Infinity', () => buildEnvelope({ ...base, params: [['n', Infinity]] })],
			['plain object', () => buildEnvelope({ ...base, params: [['o', { a: 1 } as unknown as SoapValue]] })],
			['plain array', () => buildEnvelope({ ...base, params: [['o', ['a'] as unknown as SoapValue]] })],
			['Date', () => buildEnvelope({ ...base, params: [['o', new Date() as unknown as SoapValue]] })],
			['duplicate param', () => buildEnvelope({ ...base, params: [['a', '1'], ['a', '2']] })],
			['duplicate member', () => buildEnvelope({ ...base, params: [['q', { $type: 'Q', fields: [['a', '1'], ['a', undefined]] }]] })],
			['api_keys param with placeholder', () => buildEnvelope({ ...base, apiKeysPlaceholder: API_KEYS_PLACEHOLDER, params: [['api_keys', 'x']] })],
			['placeholder not a comment', () => buildEnvelope({ ...base, apiKeysPlaceholder: '<x/>', params: [] })],
			['placeholder with --', () => buildEnvelope({ ...base, apiKeysPlaceholder: '<!-- a -- b -->', params: [] })],
			['empty namespace', () => buildEnvelope({ ...base, namespace: '', params: [] })],
			['soapAction injection', () => soapActionFor('a"\r\nX-Evil: 1')],
		];
		it.each(bad)('%s', (_label, run) => {
			expect(run).toThrow(SoapBuildError);
		});

		it('guards against cyclic structs', () => {
			const cyclic: { $type: string; fields: Array<[string, SoapValue]> } = { $type: 'C', fields: [] };
			cyclic.fields.push(['self', cyclic]);
			expect(() => buildEnvelope({ ...base, params: [['c', cyclic]] })).toThrow(SoapBuildError);
		});
	});
});

describe('soapActionFor', () => {
	it('quotes the v1.1 action path', () => {
		expect(soapActionFor('consumer_agreement_status')).toBe('"/v1.1/api/consumer_agreement_status"');
		expect(soapActionFor('hello_world')).toBe('"/v1.1/api/hello_world"');
	});
});

describe('buildApiKeysXml and placeholder replacement', () => {
	it('writes the keys in WSDL order with escaping', () => {
		expect(buildApiKeysXml({ companyUuid: 'c-1', vendorApiKey: 'v<&>', userApiKey: `u"'` })).toBe(
			'<api_keys xsi:type="tns:ApiKeys">' +
				'<company_uuid xsi:type="xsd:string">c-1</company_uuid>' +
				'<vendor_api_key xsi:type="xsd:string">v&lt;&amp;&gt;</vendor_api_key>' +
				'<user_api_key xsi:type="xsd:string">u&quot;&apos;</user_api_key>' +
				'</api_keys>',
		);
	});

	it('omits an empty or missing company UUID and trims pasted keys', () => {
		const expected =
			'<api_keys xsi:type="tns:ApiKeys">' +
			'<vendor_api_key xsi:type="xsd:string">v</vendor_api_key>' +
			'<user_api_key xsi:type="xsd:string">u</user_api_key>' +
			'</api_keys>';
		expect(buildApiKeysXml({ vendorApiKey: 'v', userApiKey: 'u' })).toBe(expected);
		expect(buildApiKeysXml({ companyUuid: '', vendorApiKey: 'v', userApiKey: 'u' })).toBe(expected);
		expect(buildApiKeysXml({ companyUuid: '  ', vendorApiKey: ' v\n', userApiKey: '\tu ' })).toBe(expected);
	});

	it('refuses a key with a character XML cannot carry, naming the field and not the key', () => {
		expect(() => buildApiKeysXml({ userApiKey: 'u\uFFFEkey', vendorApiKey: 'v' })).toThrow(
			new Error(
				'The User API Key in the AutoInvoice credential contains a character that cannot be sent in XML (U+FFFE at position 2). Enter it again without that character.',
			),
		);
		expect(() => buildApiKeysXml({ companyUuid: 'c\u0001', userApiKey: 'u' })).toThrow(/^The Company UUID .* \(U\+0001 at position 2\)/);
		expect(() => buildApiKeysXml({ vendorApiKey: '\uD800', userApiKey: 'u' })).toThrow(/^The Vendor API Key .* \(U\+D800 at position 1\)/);
	});

	it('replaces only the real placeholders (through authenticate), literally, even when values mimic them', async () => {
		const envelope = buildEnvelope({
			method: 'consumer_agreement_status',
			namespace: NAMESPACE_PLACEHOLDER,
			apiKeysPlaceholder: API_KEYS_PLACEHOLDER,
			params: [['reference_nr', API_KEYS_PLACEHOLDER]],
		});
		expect(envelope.split(API_KEYS_PLACEHOLDER)).toHaveLength(2);
		const out = await new AutoInvoiceApi().authenticate(
			{ environment: 'testing', companyUuid: 'c$&', vendorApiKey: "v$'", userApiKey: 'u$1$$' },
			{ method: 'POST', url: '', body: envelope },
		);
		const full = out.body as string;
		expect(full).not.toContain(API_KEYS_PLACEHOLDER);
		expect(full.split(escapeXml(API_KEYS_PLACEHOLDER))).toHaveLength(2);
		expect(parseXml(full).attributes['xmlns:tns']).toBe('https://testing.maventa.com/');
		const method = parseXml(full).children[0].children[0];
		expect(method.children.map((c) => c.name)).toEqual(['api_keys', 'reference_nr']);
		expect(method.children[0].children.map((c) => [c.name, c.text])).toEqual([
			['company_uuid', 'c$&'],
			['vendor_api_key', "v$'"],
			['user_api_key', 'u$1$$'],
		]);
		expect(method.children[1].text).toBe(API_KEYS_PLACEHOLDER);
	});
});

describe('hostile request values round-trip exactly', () => {
	const hostile: string[] = [
		'<',
		'&',
		'&amp;',
		']]>',
		'<![CDATA[x]]>',
		`"double" and 'single'`,
		'</tns:consumer_agreement_status><evil xsi:type="xsd:string">pwned</evil>',
		'</reference_nr></tns:x></soapenv:Body></soapenv:Envelope><x>',
		'<!--n8n-api-keys-->',
		'<!-- comment -->',
		'<?pi x?>',
		'<!DOCTYPE x [<!ENTITY e "boom">]>&e;',
		'æøå ÆØÅ 😀 👍🏽',
		'  leading and trailing spaces  ',
		'line1\nline2\r\nline3\rline4\ttab',
		'&#x3C;script&#x3E;',
		'',
	];

	it('as parameters, struct members and array items', () => {
		const fields: Array<[string, SoapValue]> = hostile.map((v, i): [string, SoapValue] => [`f${i}`, v]);
		const xml = buildEnvelope({
			method: 'echoResponse',
			namespace: NS,
			params: [
				[
					'return',
					{
						$type: 'Echo',
						fields: [
							...fields,
							['list', { $arrayOf: 'xsd:string', items: hostile }],
							['nested', { $type: 'Inner', fields: [['deep', hostile[6]]] }],
						],
					},
				],
			],
		});

		// No element other than those we built appears anywhere.
		const names = allElements(parseXml(xml)).map((e) => (e.prefix ? `${e.prefix}:${e.name}` : e.name));
		const expectedNames = [
			'soapenv:Envelope',
			'soapenv:Body',
			'tns:echoResponse',
			'return',
			...fields.map(([n]) => n),
			'list',
			...Array<string>(hostile.length).fill('item'),
			'nested',
			'deep',
		];
		expect(names.sort()).toEqual(expectedNames.sort());
		expect(xml).not.toContain('<evil');
		expect(xml).not.toContain('<x>');
		expect(xml).not.toContain('<![CDATA[');
		expect(xml).not.toContain('<!DOCTYPE');
		expect(xml.split('<!--')).toHaveLength(1);

		const response = readSoapResponse(xml);
		const expected: Record<string, unknown> = {};
		hostile.forEach((v, i) => (expected[`f${i}`] = v));
		expected.list = hostile;
		expected.nested = { deep: hostile[6] };
		expect(response).toEqual({ kind: 'return', method: 'echo', value: expected });
	});

	it('as a single parameter next to the api_keys placeholder', () => {
		for (const value of hostile) {
			const xml = buildEnvelope({
				method: 'consumer_agreement_status',
				namespace: NS,
				apiKeysPlaceholder: API_KEYS_PLACEHOLDER,
				params: [['reference_nr', value]],
			});
			const method = parseXml(xml).children[0].children[0];
			expect(method.children).toHaveLength(1);
			expect(method.children[0].name).toBe('reference_nr');
			expect(method.children[0].children).toHaveLength(0);
			expect(method.children[0].text).toBe(value);
			expect(xml.indexOf(API_KEYS_PLACEHOLDER)).toBe(xml.lastIndexOf(API_KEYS_PLACEHOLDER));
		}
	});

	it('numbers and booleans survive with their types', () => {
		const xml = buildEnvelope({
			method: 'xResponse',
			namespace: NS,
			params: [['return', { $type: 'T', fields: [['i', 42], ['neg', -7], ['l', 9007199254740991], ['d', -0.25], ['t', true], ['f', false], ['n', null]] }]],
		});
		expect(readSoapResponse(xml)).toEqual({
			kind: 'return',
			method: 'x',
			value: { i: 42, neg: -7, l: 9007199254740991, d: -0.25, t: true, f: false, n: null },
		});
	});
});

describe('characters XML cannot carry are refused, never dropped or replaced', () => {
	const build = (params: Array<[string, SoapValue]>) => () =>
		buildEnvelope({ method: 'consumer_agreement_status', namespace: NS, apiKeysPlaceholder: API_KEYS_PLACEHOLDER, params });
	const buildError = (params: Array<[string, SoapValue]>): SoapBuildError => {
		let caught: unknown;
		try {
			build(params)();
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(SoapBuildError);
		return caught as SoapBuildError;
	};

	it.each([
		['U+FFFE', 'a\uFFFEb', 'U+FFFE at position 2'],
		['a lone surrogate', 'a\uD800b', 'U+D800 at position 2'],
		['U+FFFF', '\uFFFF', 'U+FFFF at position 1'],
		['a control character', 'ab\u0001', 'U+0001 at position 3'],
	])('%s in a parameter throws naming the parameter', (_label, value, where) => {
		const error = buildError([['reference_nr', value]]);
		expect(error.message).toBe(`Parameter reference_nr contains a character that cannot be sent in XML (${where})`);
		expect(error.parameter).toBe('reference_nr');
	});

	it('names struct members and array items by their path', () => {
		const inStruct = buildError([['query', { $type: 'Q', fields: [['state', 'ok'], ['name', 'x\uFFFE']] }]]);
		expect(inStruct.message).toBe('Parameter query.name contains a character that cannot be sent in XML (U+FFFE at position 2)');
		expect(inStruct.parameter).toBe('query.name');
		const inArray = buildError([['tags', { $arrayOf: 'xsd:string', items: ['a', null, '\uDC00'] }]]);
		expect(inArray.parameter).toBe('tags[2]');
		const deep = buildError([['q', { $type: 'Q', fields: [['list', { $arrayOf: 'Pair', items: [{ $type: 'Pair', fields: [['k', '\u0000']] }] }]] }]]);
		expect(deep.parameter).toBe('q.list[0].k');
	});

	it('refuses such a namespace too, and accepts tab, LF, CR and emoji', () => {
		expect(() => buildEnvelope({ method: 'm', namespace: 'urn:\uFFFF', params: [] })).toThrow(
			new SoapBuildError('The SOAP namespace contains a character that cannot be sent in XML (U+FFFF at position 5)'),
		);
		const xml = build([['reference_nr', 'a\tb\nc\rd 😀']])();
		expect(xml).toContain('<reference_nr xsi:type="xsd:string">a\tb\nc&#13;d 😀</reference_nr>');
	});
});

// =============================================================================================
// Reading responses
// =============================================================================================

describe('readSoapResponse with fixtures', () => {
	it('string return: OK: ACTIVE', () => {
		const response = readSoapResponse(fixture('consumer_agreement_status_ok.xml'));
		expect(response).toEqual({ kind: 'return', method: 'consumer_agreement_status', value: 'OK: ACTIVE' });
		expect(classifyReturn(response.kind === 'return' ? response.value : undefined)).toEqual({
			ok: true,
			value: 'ACTIVE',
			raw: 'OK: ACTIVE',
		});
	});

	it('string return: ERROR: CONSUMER NOT FOUND', () => {
		const response = readSoapResponse(fixture('consumer_agreement_status_error.xml'));
		expect(response).toEqual({ kind: 'return', method: 'consumer_agreement_status', value: 'ERROR: CONSUMER NOT FOUND' });
		expect(classifyReturn((response as { value: unknown }).value)).toEqual({
			ok: false,
			message: 'CONSUMER NOT FOUND',
			raw: 'ERROR: CONSUMER NOT FOUND',
		});
	});

	it('struct with a SOAP-encoded array of two mandates', () => {
		const response = readSoapResponse(fixture('atg_mandate_list_two.xml'));
		const mandates = [
			{ kid: '0012345678', account_number: '12345678903', notification: true, status: 1, updated_timestamp: '20240105103000' },
			{ kid: '0098765432', account_number: '12345678903', notification: false, status: 0, updated_timestamp: '20240106090807' },
		];
		expect(response).toEqual({ kind: 'return', method: 'atg_mandate_list', value: { status: 'OK', atg_mandates: mandates } });
		const value = (response as { value: { atg_mandates: unknown[] } }).value;
		expect(Array.isArray(value.atg_mandates)).toBe(true);
		expect(classifyReturn(value)).toEqual({ ok: true, value: { atg_mandates: mandates }, raw: value });
	});

	it('struct with an empty array', () => {
		const response = readSoapResponse(fixture('atg_mandate_list_empty.xml'));
		expect(response).toEqual({ kind: 'return', method: 'atg_mandate_list', value: { status: 'OK', atg_mandates: [] } });
	});

	it('struct with a nil array and an ERROR status', () => {
		const response = readSoapResponse(fixture('atg_mandate_list_nil.xml'));
		const value = { status: 'ERROR: Timestamp format error', atg_mandates: [] };
		expect(response).toEqual({ kind: 'return', method: 'atg_mandate_list', value });
		expect(classifyReturn(value)).toEqual({ ok: false, message: 'Timestamp format error', value: { atg_mandates: [] }, raw: value });
	});

	it('ConsumerAgreementQueryResponse with SOAP-ENV prefix, non-ASCII, entities, CDATA, nil and untrimmed text', () => {
		const response = readSoapResponse(fixture('consumer_agreements_query.xml'));
		expect(response).toEqual({
			kind: 'return',
			method: 'consumer_agreements_query',
			value: {
				status: 'OK',
				agreements: [
					{
						state: 'ACTIVE',
						name: 'Bjørn Ærlig Åsen 😀 😀😀',
						phone: '+47 912 34 567',
						email: 'bjorn&co@example.no',
						reference_nr: 'REF-<1>',
						customer_nr: '10001',
					},
					{
						state: 'REQUEST_SENT',
						name: 'Tom & "Jerry" <AS>',
						phone: null,
						email: '',
						reference_nr: 'REF-2',
						customer_nr: '  10002  ',
					},
				],
			},
		});
	});

	it('vendor query: nested arrays of structs', () => {
		const response = readSoapResponse(fixture('vendor_consumer_agreements_query.xml'));
		expect(response).toEqual({
			kind: 'return',
			method: 'vendor_consumer_agreements_query',
			value: {
				status: 'OK',
				results: [
					{
						company_id: '11111111-2222-3333-4444-555555555555',
						agreements: [
							{ state: 'ACTIVE', name: 'Kari Nordmann', phone: '+4790000000', email: 'kari@example.no', reference_nr: 'R1', customer_nr: 'C1' },
						],
					},
					{ company_id: '66666666-7777-8888-9999-000000000000', agreements: [] },
				],
			},
		});
	});

	it('Fault (HTTP 500 style) with detail', () => {
		expect(readSoapResponse(fixture('fault_http500.xml'))).toEqual({
			kind: 'fault',
			faultcode: 'env:Server',
			faultstring: "undefined method `consumer_agreement_status' for nil:NilClass & more",
			detail: {
				exception: {
					message: 'undefined method',
					backtrace: ['app/controllers/api_controller.rb:10', 'app/models/consumer.rb:42'],
				},
			},
		});
	});

	it('SOAP-ENV prefix, default namespace, odd xsi prefix and split CDATA', () => {
		expect(readSoapResponse(fixture('hello_world_soapenv.xml'))).toEqual({
			kind: 'return',
			method: 'hello_world',
			value: 'Hello from Maventa API v1.1 ]]> done',
		});
	});

	it('multi-reference (href/id) values are resolved', () => {
		const shared = { state: 'NEW', reference_nr: 'SHARED' };
		expect(readSoapResponse(fixture('multiref.xml'))).toEqual({
			kind: 'return',
			method: 'consumer_agreements_query',
			value: { status: 'OK', agreements: [shared, shared] },
		});
	});

	it('base64 is left as a string', () => {
		expect(readSoapResponse(fixture('base64_return.xml'))).toEqual({
			kind: 'return',
			method: 'invoice_show_original_xml',
			value: 'PGE+w6bDuMOlPC9hPg==',
		});
	});
});

describe('readSoapResponse conversion rules', () => {
	const wrap = (inner: string, responseAttrs = ''): string =>
		'<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema"' +
		' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/">' +
		`<e:Body><n1:testResponse xmlns:n1="urn:t"${responseAttrs}>${inner}</n1:testResponse></e:Body></e:Envelope>`;
	const value = (inner: string): unknown => {
		const r = readSoapResponse(wrap(inner));
		if (r.kind !== 'return') throw new Error('expected a return');
		return r.value;
	};

	it('coerces leaves by xsi:type', () => {
		expect(value('<return xsi:type="xsd:int"> 42 </return>')).toBe(42);
		expect(value('<return xsi:type="xsd:integer">-5</return>')).toBe(-5);
		expect(value('<return xsi:type="xsd:long">9007199254740991</return>')).toBe(9007199254740991);
		expect(value('<return xsi:type="xsd:long">12345678901234567890</return>')).toBe('12345678901234567890');
		expect(value('<return xsi:type="xsd:short">+7</return>')).toBe(7);
		expect(value('<return xsi:type="xsd:int">abc</return>')).toBe('abc');
		expect(value('<return xsi:type="xsd:int"></return>')).toBe('');
		expect(value('<return xsi:type="xsd:double">1.5E3</return>')).toBe(1500);
		expect(value('<return xsi:type="xsd:float">-.5</return>')).toBe(-0.5);
		expect(value('<return xsi:type="xsd:decimal">123.45</return>')).toBe(123.45);
		expect(value('<return xsi:type="xsd:double">INF</return>')).toBe('INF');
		expect(value('<return xsi:type="xsd:double">NaN</return>')).toBe('NaN');
		expect(value('<return xsi:type="xsd:boolean">true</return>')).toBe(true);
		expect(value('<return xsi:type="xsd:boolean"> 1 </return>')).toBe(true);
		expect(value('<return xsi:type="xsd:boolean">false</return>')).toBe(false);
		expect(value('<return xsi:type="xsd:boolean">0</return>')).toBe(false);
		expect(value('<return xsi:type="xsd:boolean">yes</return>')).toBe('yes');
		expect(value('<return xsi:type="xsd:string">007</return>')).toBe('007');
		expect(value('<return xsi:type="xsd:dateTime">2024-01-01T00:00:00Z</return>')).toBe('2024-01-01T00:00:00Z');
		expect(value('<return>12</return>')).toBe('12');
		expect(value('<return xsi:type="xsd:string">  padded \n </return>')).toBe('  padded \n ');
		expect(value('<return xsi:type="xsd:string"/>')).toBe('');
	});

	it('reads xsi:nil and treats nil arrays as empty arrays', () => {
		expect(value('<return xsi:nil="true"/>')).toBeNull();
		expect(value('<return xsi:type="xsd:string" xsi:nil="1"></return>')).toBeNull();
		expect(value('<return xsi:nil="false">x</return>')).toBe('x');
		expect(value('<return xsi:type="enc:Array" enc:arrayType="xsd:string[0]" xsi:nil="true"/>')).toEqual([]);
		expect(value('<return xsi:type="enc:Array"/>')).toEqual([]);
	});

	it('converts arrays by arrayType, by Array type suffix and by item children', () => {
		expect(value('<return enc:arrayType="xsd:int[2]"><item xsi:type="xsd:int">1</item><item xsi:type="xsd:int">2</item></return>')).toEqual([1, 2]);
		expect(value('<return xsi:type="n1:StringArray"><v>a</v><v>b</v></return>')).toEqual(['a', 'b']);
		expect(value('<return><item>a</item><item>b</item></return>')).toEqual(['a', 'b']);
		expect(value('<return><item>only</item></return>')).toEqual(['only']);
		expect(value('<return xsi:type="enc:Array"><item xsi:nil="true"/><item></item></return>')).toEqual([null, '']);
		expect(
			value(
				'<return xsi:type="enc:Array" enc:arrayType="xsd:string[][2]">' +
					'<item xsi:type="enc:Array"><item>a</item><item>b</item></item>' +
					'<item xsi:type="enc:Array"/></return>',
			),
		).toEqual([['a', 'b'], []]);
	});

	it('collects repeated struct members into arrays', () => {
		expect(value('<return><a>1</a><b>x</b><a>2</a><a>3</a></return>')).toEqual({ a: ['1', '2', '3'], b: 'x' });
		expect(value('<return><a xsi:type="enc:Array"><item>1</item></a><a xsi:type="enc:Array"/></return>')).toEqual({ a: [['1'], []] });
	});

	it('ignores whitespace and stray text between struct members', () => {
		expect(value('<return>\n  <a>1</a>\n  junk <b> 2 </b>\n</return>')).toEqual({ a: '1', b: ' 2 ' });
	});

	it('does not let member names pollute prototypes', () => {
		const v = value('<return><__proto__><polluted>yes</polluted></__proto__><constructor>c</constructor></return>') as Record<string, unknown>;
		expect(Object.keys(v)).toEqual(['__proto__', 'constructor']);
		expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
		expect((v as { polluted?: unknown }).polluted).toBeUndefined();
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.getOwnPropertyDescriptor(v, '__proto__')?.value).toEqual({ polluted: 'yes' });
	});

	it('reads only the return part: a response element without one has no result', () => {
		expect(value('<first>a</first><return>b</return>')).toBe('b');
		expect(readSoapResponse(wrap('<result xsi:type="xsd:int">5</result><other>x</other>'))).toEqual({
			kind: 'noResult',
			reason: 'The <n1:testResponse> element has no return part.',
		});
		expect(readSoapResponse(wrap(''))).toEqual({ kind: 'noResult', reason: 'The <n1:testResponse> element has no return part.' });
		// A nil return is a result (null); what it means is up to the operation.
		expect(value('<return xsi:nil="true"/>')).toBeNull();
	});

	it('reports an envelope without Body and an empty Body as having no result', () => {
		expect(readSoapResponse('<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Header/></e:Envelope>')).toEqual({
			kind: 'noResult',
			reason: 'The SOAP envelope has no Body.',
		});
		expect(readSoapResponse('<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"/>')).toEqual({
			kind: 'noResult',
			reason: 'The SOAP envelope has no Body.',
		});
		expect(readSoapResponse('<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body> </e:Body></e:Envelope>')).toEqual({
			kind: 'noResult',
			reason: 'The SOAP Body is empty.',
		});
	});

	it('rejects references to characters XML does not allow (&#xFFFE;, surrogates) and passes raw ones through', () => {
		for (const ref of ['&#xFFFE;', '&#xFFFF;', '&#xD800;', '&#55296;', '&#1;']) {
			const error = protocolError(wrap(`<return xsi:type="xsd:string">a${ref}b</return>`));
			expect(error.cause).toBeInstanceOf(XmlParseError);
			expect(error.message).toContain(`character reference "${ref}" is not a legal XML character`);
		}
		// Raw (already decoded) characters are tolerated: the value arrives exactly as sent.
		expect(value('<return xsi:type="xsd:string">a\uFFFEb\u0001c</return>')).toBe('a\uFFFEb\u0001c');
	});

	it('keeps a method name without the Response suffix as is', () => {
		const xml =
			'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><doIt><return>1</return></doIt></soap:Body></soap:Envelope>';
		expect(readSoapResponse(xml)).toEqual({ kind: 'return', method: 'doIt', value: '1' });
	});

	it('reads a Fault with any prefix, with or without detail', () => {
		const xml =
			'<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>' +
			'<SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>\n  Bad &lt;input&gt; 😀\n</faultstring></SOAP-ENV:Fault>' +
			'</SOAP-ENV:Body></SOAP-ENV:Envelope>';
		const fault = readSoapResponse(xml);
		expect(fault).toEqual({ kind: 'fault', faultcode: 'SOAP-ENV:Client', faultstring: 'Bad <input> 😀' });
		expect('detail' in fault).toBe(false);
		expect(readSoapResponse(wrap('').replace('<n1:testResponse xmlns:n1="urn:t"></n1:testResponse>', '<e:Fault><detail>text detail</detail></e:Fault>'))).toEqual({
			kind: 'fault',
			faultcode: '',
			faultstring: '',
			detail: 'text detail',
		});
	});

	it('detects cyclic multi-references', () => {
		const xml =
			'<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><r><return href="#a"/></r>' +
			'<m id="a"><x href="#a"/></m></e:Body></e:Envelope>';
		expect(() => readSoapResponse(xml)).toThrow(SoapProtocolError);
		const missing =
			'<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><r><return href="#nope"/></r></e:Body></e:Envelope>';
		expect(readSoapResponse(missing)).toEqual({ kind: 'return', method: 'r', value: null });
	});
});

describe('readSoapResponse rejects non-SOAP bodies', () => {
	it('plain text "Internal protocol error"', () => {
		const body = 'Internal protocol error: undefined method `[]\' for nil:NilClass';
		const error = protocolError(body);
		expect(error.name).toBe('SoapProtocolError');
		expect(error.snippet).toBe(body);
		expect(error.cause).toBeInstanceOf(XmlParseError);
		expect(error.message).toMatch(/not a SOAP envelope/);
	});

	it('HTML error pages', () => {
		const html = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';
		expect(protocolError(html).snippet).toBe(html.replace(/\s+/g, ' '));
		const xhtml = '<html><body><h1>Service Unavailable</h1></body></html>';
		const error = protocolError(xhtml);
		expect(error.message).toMatch(/root element <html>/);
		expect(error.cause).toBeUndefined();
	});

	it('truncated envelopes', () => {
		const doc = fixture('atg_mandate_list_two.xml');
		const error = protocolError(doc.slice(0, Math.floor(doc.length / 2)));
		expect(error.cause).toBeInstanceOf(XmlParseError);
		expect(error.snippet.length).toBeLessThanOrEqual(300);
		expect(error.snippet.startsWith('<?xml version="1.0" encoding="utf-8" ?> <env:Envelope')).toBe(true);
	});

	it('empty bodies, DOCTYPE with ENTITY, non-text input', () => {
		expect(protocolError('').snippet).toBe('');
		expect(protocolError('   ').cause).toBeInstanceOf(XmlParseError);
		const xxe = '<!DOCTYPE e:Envelope [<!ENTITY x "boom">]><e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body>&x;</e:Body></e:Envelope>';
		expect(protocolError(xxe).cause).toBeInstanceOf(XmlParseError);
		expect(() => readSoapResponse(undefined as unknown as string)).toThrow(SoapProtocolError);
	});

	it('keeps the snippet at most 300 characters without splitting surrogate pairs', () => {
		expect(protocolError('x'.repeat(10_000)).snippet).toBe('x'.repeat(299) + '…');
		const emoji = protocolError('a' + '😀'.repeat(1000)).snippet;
		expect(emoji.length).toBeLessThanOrEqual(300);
		expect(emoji.endsWith('😀…')).toBe(true);
	});
});

// =============================================================================================
// classifyReturn
// =============================================================================================

describe('classifyReturn', () => {
	const strings: Array<[string, unknown]> = [
		['OK', { ok: true, value: '', raw: 'OK' }],
		['OK:', { ok: true, value: '', raw: 'OK:' }],
		['OK: ', { ok: true, value: '', raw: 'OK: ' }],
		['OK: ACTIVE', { ok: true, value: 'ACTIVE', raw: 'OK: ACTIVE' }],
		['OK:ACTIVE', { ok: true, value: 'ACTIVE', raw: 'OK:ACTIVE' }],
		['OK: Email sent to a@b.no', { ok: true, value: 'Email sent to a@b.no', raw: 'OK: Email sent to a@b.no' }],
		['OKAY', { ok: true, value: 'OKAY', raw: 'OKAY' }],
		['ERROR: CONSUMER NOT FOUND', { ok: false, message: 'CONSUMER NOT FOUND', raw: 'ERROR: CONSUMER NOT FOUND' }],
		['ERROR:Invalid kid_length  ', { ok: false, message: 'Invalid kid_length', raw: 'ERROR:Invalid kid_length  ' }],
		['ERROR:', { ok: false, message: 'ERROR', raw: 'ERROR:' }],
		['  ERROR: x', { ok: false, message: 'x', raw: '  ERROR: x' }],
		['Hello from Maventa API v1.1', { ok: true, value: 'Hello from Maventa API v1.1', raw: 'Hello from Maventa API v1.1' }],
		['', { ok: true, value: '', raw: '' }],
		['error: lowercase is not the convention', { ok: true, value: 'error: lowercase is not the convention', raw: 'error: lowercase is not the convention' }],
	];
	it.each(strings)('%j', (input, expected) => {
		expect(classifyReturn(input)).toEqual(expected);
	});

	it('struct with status OK', () => {
		const raw = { status: 'OK', agreements: [{ state: 'ACTIVE' }] };
		const result = classifyReturn(raw);
		expect(result).toEqual({ ok: true, value: { agreements: [{ state: 'ACTIVE' }] }, raw });
		expect('message' in result).toBe(false);
	});

	it('struct with status OK: text exposes the text as message', () => {
		const raw = { status: 'OK: 2 found', results: [] };
		expect(classifyReturn(raw)).toEqual({ ok: true, message: '2 found', value: { results: [] }, raw });
	});

	it('struct with status ERROR: No agreements found', () => {
		const raw = { status: 'ERROR: No agreements found', agreements: [] };
		expect(classifyReturn(raw)).toEqual({ ok: false, message: 'No agreements found', value: { agreements: [] }, raw });
	});

	it('other values pass through as success', () => {
		const noStatus = { kid: '1', status: 1 };
		expect(classifyReturn(noStatus)).toEqual({ ok: true, value: noStatus, raw: noStatus });
		expect(classifyReturn(null)).toEqual({ ok: true, value: null, raw: null });
		expect(classifyReturn(42)).toEqual({ ok: true, value: 42, raw: 42 });
		expect(classifyReturn(['OK'])).toEqual({ ok: true, value: ['OK'], raw: ['OK'] });
	});
});

// =============================================================================================
// Performance sanity (no timing assertions; quadratic behaviour would hit the test timeout)
// =============================================================================================

describe('large documents', () => {
	const mb5 = 5 * 1024 * 1024;
	const LONG = 60_000;

	it('reads a ~5 MB AtgMandateListResponse', () => {
		const item = (i: number): string =>
			`<item xsi:type="n1:AtgMandateParam"><kid xsi:type="xsd:string">${String(i).padStart(10, '0')}</kid>` +
			`<account_number xsi:type="xsd:string">12345678903</account_number>` +
			`<notification xsi:type="xsd:boolean">${i % 2 === 0}</notification><status xsi:type="xsd:int">${i % 2}</status>` +
			`<updated_timestamp xsi:type="xsd:string">20240101000000</updated_timestamp><note xsi:type="xsd:string">Æ &amp; &#x1F600; <![CDATA[<x>]]></note></item>`;
		const count = 14_000;
		const parts: string[] = [];
		for (let i = 0; i < count; i++) parts.push(item(i));
		const doc =
			'<?xml version="1.0" encoding="utf-8"?><env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"' +
			' xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><env:Body>' +
			'<n1:atg_mandate_listResponse xmlns:n1="urn:x"><return xsi:type="n1:AtgMandateListResponse"><status xsi:type="xsd:string">OK</status>' +
			`<atg_mandates xmlns:n2="http://schemas.xmlsoap.org/soap/encoding/" xsi:type="n2:Array" n2:arrayType="n1:AtgMandateParam[${count}]">` +
			parts.join('\n') +
			'</atg_mandates></return></n1:atg_mandate_listResponse></env:Body></env:Envelope>';
		expect(doc.length).toBeGreaterThan(5_000_000);
		const response = readSoapResponse(doc);
		if (response.kind !== 'return') throw new Error('expected a return');
		const mandates = (response.value as { atg_mandates: Array<Record<string, unknown>> }).atg_mandates;
		expect(mandates).toHaveLength(count);
		expect(mandates[count - 1]).toEqual({
			kid: String(count - 1).padStart(10, '0'),
			account_number: '12345678903',
			notification: false,
			status: 1,
			updated_timestamp: '20240101000000',
			note: 'Æ & 😀 <x>',
		});
	}, LONG);

	it('handles 5 MB text, entity-dense text, CDATA and attribute values', () => {
		expect(parseXml(`<a>${'x'.repeat(mb5)}</a>`).text).toHaveLength(mb5);
		expect(parseXml(`<a>${'&amp;'.repeat(mb5 / 5)}</a>`).text).toHaveLength(mb5 / 5);
		expect(parseXml(`<a>${'x\r\n'.repeat(1_000_000)}</a>`).text).toBe('x\n'.repeat(1_000_000));
		expect(parseXml(`<a><![CDATA[${']'.repeat(mb5)}]]></a>`).text).toHaveLength(mb5);
		expect(parseXml(`<a v="${'y'.repeat(mb5)}"/>`).attributes.v).toHaveLength(mb5);
	}, LONG);

	it('handles very many attributes and elements', () => {
		const manyAttrs = Array.from({ length: 200_000 }, (_, i) => `a${i}="${i}"`).join(' ');
		expect(Object.keys(parseXml(`<a ${manyAttrs}/>`).attributes)).toHaveLength(200_000);
		expect(parseXml(`<a>${'<b/>'.repeat(mb5 / 4)}</a>`).children).toHaveLength(mb5 / 4);
		// Text nodes with no "&" followed by one far away must not trigger re-scanning.
		expect(parseXml(`<a>${'<b>t</b>'.repeat(500_000)}<c>&amp;</c></a>`).children).toHaveLength(500_001);
	}, LONG);

	it('fails fast on 5 MB of hostile or truncated input', () => {
		expect(() => parseXml('<'.repeat(mb5))).toThrow(XmlParseError);
		expect(() => parseXml(`<a>${'&'.repeat(mb5)}</a>`)).toThrow(XmlParseError);
		expect(() => parseXml(`<a><!--${'-'.repeat(mb5)}`)).toThrow(XmlParseError);
		expect(() => parseXml(`<a b="${'c'.repeat(mb5)}`)).toThrow(XmlParseError);
		expect(() => parseXml(`<a>${'x'.repeat(mb5)}`)).toThrow(XmlParseError);
		expect(() => readSoapResponse(`<a>${'<a>'.repeat(mb5 / 3)}`)).toThrow(SoapProtocolError);
	}, LONG);
});

// =============================================================================================
// Layout: the credential stands alone; SOAP lives with AutoInvoice
// =============================================================================================

describe('code layout', () => {
	const root = join(__dirname, '..', '..');
	const importsOf = (file: string): string[] =>
		[...readFileSync(join(root, file), 'utf8').matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);

	it('the AutoInvoice credential imports only n8n-workflow (nothing from nodes/)', () => {
		const source = readFileSync(join(root, 'credentials/AutoInvoiceApi.credentials.ts'), 'utf8');
		expect(importsOf('credentials/AutoInvoiceApi.credentials.ts')).toEqual(['n8n-workflow']);
		expect(source).not.toMatch(/require\(|import\(/);
	});

	it('the SOAP code lives under nodes/AutoInvoice/transport, not nodes/shared', () => {
		expect(existsSync(join(root, 'nodes/shared/soap'))).toBe(false);
		expect(importsOf('nodes/AutoInvoice/transport/soap.ts')).toEqual(['../../../credentials/AutoInvoiceApi.credentials', './xml', './xml']);
		expect(importsOf('nodes/AutoInvoice/transport/xml.ts')).toEqual([]);
	});

	it('the AutoInvoice simulator does not read XML with the node’s code', () => {
		const imports = importsOf('sandbox/autoinvoice/index.ts');
		expect(imports).toContain('./xml');
		expect(imports.filter((path) => path.includes('nodes/'))).toEqual([]);
		expect(importsOf('sandbox/autoinvoice/xml.ts')).toEqual([]);
	});
});

// =============================================================================================
// readOutcome: a 2xx without a result is a failure
// =============================================================================================

describe('readOutcome', () => {
	const ACTION = 'order a B2C issuer agreement';
	const READ_HINT =
		'Try again later. If this keeps happening, check the Environment and Endpoint URL in the credential (it must be the SOAP endpoint …/apis/v1.1/api).';
	const answer = (body: string, statusCode = 200) => ({ statusCode, headers: {}, body: Buffer.from(body, 'utf8') });
	const envelope = (body: string) =>
		`<?xml version="1.0" encoding="utf-8" ?><env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Header/>${body}</env:Envelope>`;
	const noReturn = envelope('<env:Body><n1:b2c_issuer_agreement_orderResponse xmlns:n1="https://testing.maventa.com/"/></env:Body>');

	it.each([
		['a response element without return', noReturn, 'The <n1:b2c_issuer_agreement_orderResponse> element has no return part.'],
		['an empty Body', envelope('<env:Body></env:Body>'), 'The SOAP Body is empty.'],
		['an envelope without Body', envelope(''), 'The SOAP envelope has no Body.'],
		['an empty body', '', 'The answer was empty (HTTP 200 without a body).'],
		['a body of whitespace', ' \r\n', 'The answer was empty (HTTP 200 without a body).'],
	])('fails on %s; a write gets no "try again" (the request core says it may have been processed)', (_label, body, reason) => {
		const failure = { message: `AutoInvoice answered without a result while trying to ${ACTION}`, details: [reason], httpCode: 200 };
		expect(readOutcome(answer(body), ACTION, 'read')).toStrictEqual({ type: 'failure', failure: { ...failure, hint: READ_HINT } });
		expect(readOutcome(answer(body), ACTION)).toStrictEqual({ type: 'failure', failure: { ...failure, hint: READ_HINT } });
		expect(readOutcome(answer(body), ACTION, 'write')).toStrictEqual({ type: 'failure', failure: { ...failure, hint: undefined } });
	});

	it('never tells a write to try again later on a non-SOAP 2xx or a Fault', () => {
		const html = readOutcome(answer('<html><body>Login</body></html>'), ACTION, 'write');
		expect(html.type === 'failure' && html.failure.hint).toBe(
			'Check the Environment and Endpoint URL in the credential (it must be the SOAP endpoint …/apis/v1.1/api).',
		);
		const htmlRead = readOutcome(answer('<html><body>Login</body></html>'), ACTION, 'read');
		expect(htmlRead.type === 'failure' && htmlRead.failure.hint).toBe(
			'Check the Environment and Endpoint URL in the credential (it must be the SOAP endpoint …/apis/v1.1/api). If they are right, try again later.',
		);
		const fault = readOutcome(answer(fixture('fault_http500.xml'), 500), ACTION, 'write');
		expect(fault.type === 'failure' && fault.failure.hint).toBeUndefined();
		const faultRead = readOutcome(answer(fixture('fault_http500.xml'), 500), ACTION, 'read');
		expect(faultRead.type === 'failure' && faultRead.failure.hint).toBe(
			'AutoInvoice could not process the request. Check the input; if it looks right, try again later or contact AutoInvoice support with the fault text.',
		);
		expect(readOutcome(answer(fixture('consumer_agreement_status_error.xml')), ACTION, 'write').type).toBe('error');
	});
});

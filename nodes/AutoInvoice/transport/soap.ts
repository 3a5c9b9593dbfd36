/**
 * SOAP 1.1 RPC/encoded support for the AutoInvoice (Maventa) v1.1 API, without dependencies.
 *
 * Building: `buildEnvelope` turns an ordered parameter list into the RPC/encoded request body.
 * The `api_keys` struct is never built by node code: the envelope carries the credential's
 * `API_KEYS_PLACEHOLDER` (an XML comment, harmless if left unreplaced) and the credential's
 * `authenticate` swaps it for the keys. A string holding a character XML 1.0 cannot carry is
 * refused with a `SoapBuildError` naming the parameter; nothing is ever dropped or replaced.
 *
 * Reading: `readSoapResponse` finds `Envelope/Body`, reports a `Fault`, converts the `return`
 * part of the `<method>Response` element to plain JS values, or reports that there is no result.
 * `classifyReturn` applies the provider's `OK` / `ERROR:` convention.
 *
 * Decisions (see also the JSDoc of each function):
 * - Leaf strings are never trimmed. Numbers and booleans are parsed from their trimmed text.
 * - Integers outside the safe-integer range and numbers that do not parse stay strings, so no
 *   precision or data is lost. `INF`/`NaN` doubles stay strings (JSON cannot hold them).
 * - Booleans: `true`/`1` → true, `false`/`0` → false, anything else stays the raw string.
 * - Arrays: an element with an `arrayType` attribute, or whose `xsi:type` ends in `Array`, or
 *   whose children are all `<item>`, becomes a JS array; an empty or nil array element becomes
 *   `[]` when it is recognisable as an array (by its type); a bare `xsi:nil` element is `null`.
 * - Repeated member names in a struct are collected into an array.
 * - SOAP multi-references (`href="#id"` pointing to an element with `id="id"`) are resolved.
 * - The result part is always named `return` (api/autoinvoice.md section 2): an answer without
 *   one is `noResult`, never a success.
 */

import { escapeXml, unsendableXmlCharacter } from '../../../credentials/AutoInvoiceApi.credentials';
import { findChild, getAttribute, localName, parseXml, setOwnProperty, XmlParseError } from './xml';
import type { XmlElement } from './xml';

const SOAP_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP_ENCODING_NS = 'http://schemas.xmlsoap.org/soap/encoding/';
const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

const SNIPPET_LENGTH = 300;

function makeSnippet(body: unknown): string {
	if (typeof body !== 'string') return '';
	// Look at a bounded prefix only, then collapse whitespace and cut.
	const collapsed = body.slice(0, SNIPPET_LENGTH * 4).replace(/\s+/g, ' ').trim();
	if (collapsed.length <= SNIPPET_LENGTH) return collapsed;
	let cut = SNIPPET_LENGTH - 1;
	const c = collapsed.charCodeAt(cut - 1);
	if (c >= 0xd800 && c <= 0xdbff) cut--; // do not split a surrogate pair
	return collapsed.slice(0, cut) + '…';
}

/** The response body is not a SOAP envelope (plain text, HTML, truncated or malformed XML, …). */
export class SoapProtocolError extends Error {
	/** Start of the body (whitespace collapsed, at most 300 characters). */
	readonly snippet: string;
	/** The underlying error, e.g. an `XmlParseError`. */
	readonly cause?: unknown;

	constructor(message: string, body: unknown, cause?: unknown) {
		super(message);
		this.name = 'SoapProtocolError';
		this.snippet = makeSnippet(body);
		if (cause !== undefined) this.cause = cause;
	}
}

/** A request could not be built: invalid element/type name, unsupported value, unsendable character, … */
export class SoapBuildError extends Error {
	/** The parameter the problem is in (`reference_nr`, `query.state`, `tags[2]`), when known. */
	readonly parameter?: string;

	constructor(message: string, parameter?: string) {
		super(message);
		this.name = 'SoapBuildError';
		if (parameter !== undefined) this.parameter = parameter;
	}
}

// ---------------------------------------------------------------------------------------------
// Request values
// ---------------------------------------------------------------------------------------------

/** A struct (`xsi:type="tns:<$type>"`); members are written in the given order. */
export interface SoapStruct {
	/** Type name: `ConsumerAgreementQuery` (written as `tns:ConsumerAgreementQuery`) or `tns:…`. */
	$type: string;
	fields: Array<[string, SoapValue]>;
}

/** A SOAP-encoded array (`soapenc:Array`) of `<item>` elements. */
export interface SoapArray {
	/** Item type for `soapenc:arrayType`: `xsd:string`, `tns:Foo` or a bare `Foo` (→ `tns:Foo`). */
	$arrayOf: string;
	items: SoapValue[];
}

/**
 * A value to serialise. `undefined` struct members and parameters are omitted; `undefined`
 * array items are written as nil (positions matter in arrays). `null` → `xsi:nil="true"`.
 * Integers in the 32-bit range → `xsd:int`, other safe integers → `xsd:long`, other finite
 * numbers → `xsd:double`; NaN and ±Infinity are rejected.
 */
export type SoapValue = string | number | boolean | null | undefined | SoapStruct | SoapArray;

const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,199}$/;
const TYPE_NAME = /^(?:(xsd|tns|soapenc):)?([A-Za-z_][A-Za-z0-9_.-]{0,199})$/;
const MAX_VALUE_DEPTH = 64;

function assertElementName(name: unknown, what: string): string {
	if (typeof name !== 'string' || !ELEMENT_NAME.test(name)) {
		throw new SoapBuildError(`Invalid ${what} name ${JSON.stringify(String(name)).slice(0, 80)}`);
	}
	return name;
}

function typeQName(type: unknown): string {
	const match = typeof type === 'string' ? TYPE_NAME.exec(type) : null;
	if (!match) throw new SoapBuildError(`Invalid SOAP type name ${JSON.stringify(String(type)).slice(0, 80)}`);
	return `${match[1] ?? 'tns'}:${match[2]}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

function isSoapStruct(value: unknown): value is SoapStruct {
	return isObject(value) && typeof value.$type === 'string' && Array.isArray(value.fields);
}

function isSoapArray(value: unknown): value is SoapArray {
	return isObject(value) && typeof value.$arrayOf === 'string' && Array.isArray(value.items);
}

function numberTypeAndText(value: number, path: string): [string, string] {
	if (!Number.isFinite(value)) throw new SoapBuildError(`Parameter ${path} is not a finite number`, path);
	if (Number.isInteger(value)) {
		if (value >= -2147483648 && value <= 2147483647) return ['xsd:int', String(value)];
		if (Number.isSafeInteger(value)) return ['xsd:long', String(value)];
	}
	return ['xsd:double', String(value)];
}

/** `path` names the value in messages: `reference_nr`, `query.state`, `tags[2]`. */
function writeValue(name: string, value: SoapValue, out: string[], depth: number, path: string): void {
	assertElementName(name, 'element');
	if (depth > MAX_VALUE_DEPTH) throw new SoapBuildError(`Value nested more than ${MAX_VALUE_DEPTH} levels deep`);
	if (value === null || value === undefined) {
		out.push(`<${name} xsi:nil="true"/>`);
		return;
	}
	switch (typeof value) {
		case 'string': {
			const bad = unsendableXmlCharacter(value);
			if (bad !== undefined) {
				throw new SoapBuildError(`Parameter ${path} contains a character that cannot be sent in XML (${bad})`, path);
			}
			out.push(`<${name} xsi:type="xsd:string">${escapeXml(value)}</${name}>`);
			return;
		}
		case 'boolean':
			out.push(`<${name} xsi:type="xsd:boolean">${value ? 'true' : 'false'}</${name}>`);
			return;
		case 'number': {
			const [type, text] = numberTypeAndText(value, path);
			out.push(`<${name} xsi:type="${type}">${text}</${name}>`);
			return;
		}
		default:
			break;
	}
	if (isSoapStruct(value)) {
		out.push(`<${name} xsi:type="${typeQName(value.$type)}">`);
		writeFields(value.fields, out, depth + 1, `struct <${name}>`, `${path}.`);
		out.push(`</${name}>`);
		return;
	}
	if (isSoapArray(value)) {
		const itemType = typeQName(value.$arrayOf);
		out.push(`<${name} xsi:type="soapenc:Array" soapenc:arrayType="${itemType}[${value.items.length}]">`);
		value.items.forEach((item, index) => writeValue('item', item, out, depth + 1, `${path}[${index}]`));
		out.push(`</${name}>`);
		return;
	}
	throw new SoapBuildError(`Unsupported value for <${name}> (expected string, number, boolean, null, struct or array)`);
}

function writeFields(fields: Array<[string, SoapValue]>, out: string[], depth: number, where: string, pathPrefix: string): void {
	const seen = new Set<string>();
	for (const field of fields) {
		if (!Array.isArray(field)) throw new SoapBuildError(`Malformed member in ${where}`);
		const [name, value] = field;
		assertElementName(name, 'element');
		if (seen.has(name)) throw new SoapBuildError(`Duplicate member <${name}> in ${where}`);
		seen.add(name);
		if (value === undefined) continue;
		writeValue(name, value, out, depth, pathPrefix + name);
	}
}

// ---------------------------------------------------------------------------------------------
// Envelope, SOAP action
// ---------------------------------------------------------------------------------------------

export interface BuildEnvelopeOptions {
	/** Operation name, e.g. `consumer_agreement_status` (becomes `<tns:consumer_agreement_status>`). */
	method: string;
	/** WSDL target namespace, e.g. `https://testing.maventa.com/`, bound to the `tns` prefix. */
	namespace: string;
	/** Parameters in WSDL order (after `api_keys`). `undefined` values are omitted. */
	params: Array<[string, SoapValue]>;
	/** Written verbatim as the first child of the method element; must be an XML comment. */
	apiKeysPlaceholder?: string;
}

/** True for a well-formed XML comment without `--` inside. */
function isXmlComment(text: string): boolean {
	if (!text.startsWith('<!--') || !text.endsWith('-->') || text.length < 7) return false;
	const inner = text.slice(4, -3);
	return !inner.includes('--') && !inner.endsWith('-');
}

/**
 * Builds a SOAP 1.1 RPC/encoded request envelope (UTF-8, XML declaration included, no
 * whitespace between elements).
 */
export function buildEnvelope(opts: BuildEnvelopeOptions): string {
	const method = assertElementName(opts.method, 'method');
	if (typeof opts.namespace !== 'string' || opts.namespace.trim() === '') {
		throw new SoapBuildError('The SOAP namespace must be a non-empty string');
	}
	const badNamespace = unsendableXmlCharacter(opts.namespace);
	if (badNamespace !== undefined) {
		throw new SoapBuildError(`The SOAP namespace contains a character that cannot be sent in XML (${badNamespace})`);
	}
	if (!Array.isArray(opts.params)) throw new SoapBuildError('params must be an array of [name, value] pairs');
	const out: string[] = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<soapenv:Envelope xmlns:soapenv="${SOAP_ENVELOPE_NS}" xmlns:soapenc="${SOAP_ENCODING_NS}"`,
		` xmlns:xsd="${XSD_NS}" xmlns:xsi="${XSI_NS}" xmlns:tns="${escapeXml(opts.namespace)}">`,
		`<soapenv:Body soapenv:encodingStyle="${SOAP_ENCODING_NS}">`,
		`<tns:${method}>`,
	];
	const placeholder = opts.apiKeysPlaceholder;
	if (placeholder !== undefined) {
		if (typeof placeholder !== 'string' || !isXmlComment(placeholder)) {
			throw new SoapBuildError('apiKeysPlaceholder must be a well-formed XML comment');
		}
		if (opts.params.some((p) => Array.isArray(p) && p[0] === 'api_keys')) {
			throw new SoapBuildError('api_keys is supplied by the credential; do not pass it as a parameter');
		}
		out.push(placeholder);
	}
	writeFields(opts.params, out, 0, `method <${method}>`, '');
	out.push(`</tns:${method}>`, '</soapenv:Body>', '</soapenv:Envelope>');
	return out.join('');
}

/** The SOAPAction header value (quotes included): `"/v1.1/api/<method>"`. */
export function soapActionFor(method: string): string {
	return `"/v1.1/api/${assertElementName(method, 'method')}"`;
}

// ---------------------------------------------------------------------------------------------
// Response reading
// ---------------------------------------------------------------------------------------------

export type SoapResponse =
	| { kind: 'fault'; faultcode: string; faultstring: string; detail?: unknown }
	| { kind: 'return'; method: string; value: unknown }
	/** A SOAP envelope without a result: no Body, an empty Body, or no `return` part. */
	| { kind: 'noResult'; reason: string };

const INTEGER_TYPES = new Set([
	'int',
	'integer',
	'long',
	'short',
	'byte',
	'unsignedInt',
	'unsignedLong',
	'unsignedShort',
	'unsignedByte',
	'nonNegativeInteger',
	'nonPositiveInteger',
	'positiveInteger',
	'negativeInteger',
]);
const FLOAT_TYPES = new Set(['double', 'float', 'decimal']);

const INTEGER_LEXICAL = /^[+-]?[0-9]+$/;
const FLOAT_LEXICAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

interface ConvertContext {
	body: XmlElement;
	ids?: Map<string, XmlElement>;
	resolving: Set<string>;
}

function isNil(element: XmlElement): boolean {
	const nil = getAttribute(element, 'nil');
	return nil !== undefined && (nil.trim() === 'true' || nil.trim() === '1');
}

function typeLocalName(element: XmlElement): string | undefined {
	const type = getAttribute(element, 'type');
	return type === undefined ? undefined : localName(type.trim());
}

function looksLikeArray(element: XmlElement, type: string | undefined): boolean {
	if (getAttribute(element, 'arrayType') !== undefined) return true;
	if (type !== undefined && type.endsWith('Array')) return true;
	if (element.children.length === 0) return false;
	for (const child of element.children) if (child.name !== 'item') return false;
	return true;
}

function convertLeaf(text: string, type: string | undefined): unknown {
	if (type === undefined) return text;
	if (INTEGER_TYPES.has(type)) {
		const t = text.trim();
		if (!INTEGER_LEXICAL.test(t)) return text;
		const n = Number(t);
		return Number.isSafeInteger(n) ? n : text;
	}
	if (FLOAT_TYPES.has(type)) {
		const t = text.trim();
		if (!FLOAT_LEXICAL.test(t)) return text;
		const n = Number(t);
		return Number.isFinite(n) ? n : text;
	}
	if (type === 'boolean') {
		const t = text.trim();
		if (t === 'true' || t === '1') return true;
		if (t === 'false' || t === '0') return false;
		return text;
	}
	return text; // string, base64, base64Binary, dateTime, unknown types
}

function resolveHref(element: XmlElement, ctx: ConvertContext): XmlElement | undefined {
	const href = getAttribute(element, 'href');
	if (href === undefined || !href.startsWith('#') || element.children.length > 0) return undefined;
	if (!ctx.ids) {
		const ids = new Map<string, XmlElement>();
		const pending: XmlElement[] = [ctx.body];
		while (pending.length > 0) {
			const el = pending.pop() as XmlElement;
			const id = getAttribute(el, 'id');
			if (id !== undefined && !ids.has(id)) ids.set(id, el);
			for (const child of el.children) pending.push(child);
		}
		ctx.ids = ids;
	}
	return ctx.ids.get(href.slice(1));
}

const MAX_CONVERT_DEPTH = 1024;

function convertElement(element: XmlElement, ctx: ConvertContext, depth: number): unknown {
	if (depth > MAX_CONVERT_DEPTH) throw new SoapProtocolError('SOAP response is nested too deeply', '');
	const href = getAttribute(element, 'href');
	if (href !== undefined && href.startsWith('#') && element.children.length === 0) {
		const target = resolveHref(element, ctx);
		if (!target) return null;
		const id = href.slice(1);
		if (ctx.resolving.has(id)) throw new SoapProtocolError(`Cyclic SOAP multi-reference "${href}"`, '');
		ctx.resolving.add(id);
		try {
			return convertElement(target, ctx, depth + 1);
		} finally {
			ctx.resolving.delete(id);
		}
	}

	const type = typeLocalName(element);
	if (looksLikeArray(element, type)) {
		return element.children.map((child) => convertElement(child, ctx, depth + 1));
	}
	if (isNil(element)) return null;
	if (element.children.length === 0) return convertLeaf(element.text, type);

	// Struct: whitespace/mixed text between members is ignored.
	const result: Record<string, unknown> = {};
	const repeated = new Set<string>();
	for (const child of element.children) {
		const value = convertElement(child, ctx, depth + 1);
		const key = child.name;
		if (!Object.prototype.hasOwnProperty.call(result, key)) {
			setOwnProperty(result, key, value);
		} else if (repeated.has(key)) {
			(result[key] as unknown[]).push(value);
		} else {
			setOwnProperty(result, key, [result[key], value]);
			repeated.add(key);
		}
	}
	return result;
}

function trimmedChildText(element: XmlElement, ...path: string[]): string | undefined {
	let current: XmlElement | undefined = element;
	for (const name of path) {
		current = current ? findChild(current, name) : undefined;
	}
	return current ? current.text.trim() : undefined;
}

/**
 * Reads a SOAP 1.1 response body. Returns the Fault (`faultcode` and `faultstring` trimmed,
 * `detail` converted like a return value), or the converted `return` part of the first Body
 * child (`method` is that element's local name without its `Response` suffix), or `noResult`
 * (with the reason) for an envelope without Body, an empty Body, or a response element without
 * `return`. A `return` that is `xsi:nil` is a result: `value` is `null`.
 *
 * Throws `SoapProtocolError` when the body is not a SOAP envelope.
 */
export function readSoapResponse(xml: string): SoapResponse {
	if (typeof xml !== 'string') throw new SoapProtocolError('Response body is not text', '');
	let root: XmlElement | undefined;
	let parseError: unknown;
	try {
		root = parseXml(xml);
	} catch (error) {
		parseError = error;
	}
	if (!root) {
		if (parseError instanceof XmlParseError) {
			throw new SoapProtocolError(`Response is not a SOAP envelope: ${parseError.message}`, xml, parseError);
		}
		throw parseError;
	}
	if (root.name !== 'Envelope') {
		throw new SoapProtocolError(`Response is not a SOAP envelope (root element <${root.prefix ? root.prefix + ':' : ''}${root.name}>)`, xml);
	}
	const body = findChild(root, 'Body');
	if (!body) return { kind: 'noResult', reason: 'The SOAP envelope has no Body.' };
	const ctx: ConvertContext = { body, resolving: new Set() };

	const fault = findChild(body, 'Fault');
	if (fault) {
		const faultcode = trimmedChildText(fault, 'faultcode') ?? trimmedChildText(fault, 'Code', 'Value') ?? '';
		const faultstring = trimmedChildText(fault, 'faultstring') ?? trimmedChildText(fault, 'Reason', 'Text') ?? '';
		const detailElement = findChild(fault, 'detail') ?? findChild(fault, 'Detail');
		const result: SoapResponse = { kind: 'fault', faultcode, faultstring };
		if (detailElement) {
			const converted = convertElement(detailElement, ctx, 0);
			const detail = typeof converted === 'string' ? converted.trim() : converted;
			if (detail !== '' && detail !== null) result.detail = detail;
		}
		return result;
	}

	const response = body.children[0];
	if (!response) return { kind: 'noResult', reason: 'The SOAP Body is empty.' };
	const part = findChild(response, 'return');
	if (!part) {
		const qname = response.prefix ? `${response.prefix}:${response.name}` : response.name;
		return { kind: 'noResult', reason: `The <${qname}> element has no return part.` };
	}
	const method = response.name.endsWith('Response') && response.name.length > 8 ? response.name.slice(0, -8) : response.name;
	return { kind: 'return', method, value: convertElement(part, ctx, 0) };
}

// ---------------------------------------------------------------------------------------------
// OK / ERROR classification
// ---------------------------------------------------------------------------------------------

export type ClassifiedReturn =
	| { ok: true; value: unknown; message?: string; raw: unknown }
	| { ok: false; message: string; value?: unknown; raw: unknown };

interface StatusText {
	ok: boolean;
	/** OK: the text after `OK`/`OK:`; ERROR: the text after `ERROR:`; other: the raw string. */
	rest: string;
}

function classifyText(text: string): StatusText {
	const s = text.replace(/^\s+/, '');
	if (s.startsWith('ERROR:')) return { ok: false, rest: s.slice(6).trim() };
	if (s.trimEnd() === 'ERROR') return { ok: false, rest: '' };
	if (s.startsWith('OK')) {
		const after = s.slice(2);
		if (after === '' || after.startsWith(':') || /^\s/.test(after)) {
			return { ok: true, rest: after.replace(/^:/, '').trim() };
		}
	}
	return { ok: true, rest: text };
}

/**
 * Applies the provider's convention (autoinvoice.md section 3):
 * - `ERROR: …` → `{ ok: false, message }` (text after the prefix, trimmed; a bare `ERROR` gives
 *   the message `ERROR`);
 * - `OK`, `OK:…`, `OK …` → `{ ok: true, value }` with the rest trimmed (`''` when none);
 * - any other string → `{ ok: true, value: raw }`;
 * - a struct with a string `status` member → the rule applied to `status`, `value` = the other
 *   members, `message` = the status text after the prefix (set when non-empty);
 * - anything else (null, numbers, arrays, structs without a string status) → `{ ok: true, value }`.
 * Leading whitespace is ignored when looking for the prefixes.
 */
export function classifyReturn(value: unknown): ClassifiedReturn {
	if (typeof value === 'string') {
		const status = classifyText(value);
		if (!status.ok) return { ok: false, message: status.rest || 'ERROR', raw: value };
		return { ok: true, value: status.rest, raw: value };
	}
	if (isObject(value) && !Array.isArray(value) && typeof value.status === 'string') {
		const status = classifyText(value.status);
		const others: Record<string, unknown> = {};
		for (const key of Object.keys(value)) if (key !== 'status') setOwnProperty(others, key, value[key]);
		if (!status.ok) return { ok: false, message: status.rest || 'ERROR', value: others, raw: value };
		const result: ClassifiedReturn = { ok: true, value: others, raw: value };
		if (status.rest !== '') result.message = status.rest;
		return result;
	}
	return { ok: true, value: value === undefined ? null : value, raw: value };
}

/**
 * What the reliability suite reads back: requests as the simulator received them, decoded by the
 * suite's own strict parsers (never the node's), a structural diff between two runs, a deep secret
 * scan of outputs and errors, and the shape of a run's outcome.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import type { SimRequest } from '../../sandbox/framework';

// ---------------------------------------------------------------------------------------------
// A strict XML 1.0 reader (elements, attributes, text, CDATA, comments, PIs; no DTD)
// ---------------------------------------------------------------------------------------------

export interface XmlNode {
	name: string;
	attributes: Record<string, string>;
	children: Array<XmlNode | string>;
}

/** Whether a code point may appear in an XML 1.0 document (the Char production). */
function isXmlChar(code: number): boolean {
	return (
		code === 0x9 ||
		code === 0xa ||
		code === 0xd ||
		(code >= 0x20 && code <= 0xd7ff) ||
		(code >= 0xe000 && code <= 0xfffd) ||
		(code >= 0x10000 && code <= 0x10ffff)
	);
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_:][\w.:-]*/;

/** Parse a whole XML document; throws on anything that is not well-formed. */
export function parseXmlStrict(source: string): XmlNode {
	for (const char of source) {
		const code = char.codePointAt(0)!;
		if (!isXmlChar(code)) throw new Error(`character U+${code.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`);
	}
	// XML processors normalise line ends before parsing.
	const text = source.replace(/\r\n?/g, '\n');
	let pos = 0;
	const fail = (message: string): never => {
		throw new Error(`${message} at offset ${pos}`);
	};
	const decode = (raw: string, inAttribute: boolean): string => {
		if (inAttribute && raw.includes('<')) fail('"<" in an attribute value');
		return raw.replace(/&([^;&\s]*);?/g, (match, ref: string) => {
			if (!match.endsWith(';')) fail(`bare "&" (${match.slice(0, 12)})`);
			let value: string | undefined;
			if (ref.startsWith('#x')) {
				const code = /^#x[0-9A-Fa-f]+$/.test(ref) ? parseInt(ref.slice(2), 16) : NaN;
				if (!isXmlChar(code)) fail(`character reference &${ref}; is not allowed`);
				value = String.fromCodePoint(code);
			} else if (ref.startsWith('#')) {
				const code = /^#\d+$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
				if (!isXmlChar(code)) fail(`character reference &${ref}; is not allowed`);
				value = String.fromCodePoint(code);
			} else {
				value = ENTITIES[ref];
				if (value === undefined) fail(`unknown entity &${ref};`);
			}
			return value!;
		});
	};
	const skipMisc = () => {
		for (;;) {
			const ws = /^\s*/.exec(text.slice(pos))![0];
			pos += ws.length;
			if (text.startsWith('<?', pos)) {
				const end = text.indexOf('?>', pos);
				if (end === -1) fail('unterminated processing instruction');
				pos = end + 2;
			} else if (text.startsWith('<!--', pos)) {
				const end = text.indexOf('-->', pos);
				if (end === -1) fail('unterminated comment');
				pos = end + 3;
			} else return;
		}
	};
	const element = (): XmlNode => {
		if (text[pos] !== '<') fail('expected "<"');
		pos += 1;
		const name = NAME.exec(text.slice(pos))?.[0] ?? fail('expected an element name');
		pos += name.length;
		const attributes: Record<string, string> = {};
		for (;;) {
			const ws = /^\s*/.exec(text.slice(pos))![0];
			pos += ws.length;
			if (text.startsWith('/>', pos)) {
				pos += 2;
				return { name, attributes, children: [] };
			}
			if (text[pos] === '>') {
				pos += 1;
				break;
			}
			if (!ws) fail('expected whitespace before an attribute');
			const attr = NAME.exec(text.slice(pos))?.[0] ?? fail('expected an attribute name');
			pos += attr.length;
			const eq = /^\s*=\s*(["'])/.exec(text.slice(pos)) ?? fail('expected ="');
			pos += eq[0].length;
			const end = text.indexOf(eq[1], pos);
			if (end === -1) fail('unterminated attribute value');
			if (attr in attributes) fail(`attribute ${attr} repeated`);
			attributes[attr] = decode(text.slice(pos, end), true).replace(/[\t\n]/g, ' ');
			pos = end + 1;
		}
		const children: Array<XmlNode | string> = [];
		const pushText = (value: string) => {
			if (value === '') return;
			const last = children[children.length - 1];
			if (typeof last === 'string') children[children.length - 1] = last + value;
			else children.push(value);
		};
		for (;;) {
			if (pos >= text.length) fail(`element <${name}> is not closed`);
			if (text.startsWith('</', pos)) {
				pos += 2;
				const close = NAME.exec(text.slice(pos))?.[0];
				if (close !== name) fail(`</${close}> closes <${name}>`);
				pos += close!.length;
				const rest = /^\s*>/.exec(text.slice(pos)) ?? fail('expected ">"');
				pos += rest[0].length;
				return { name, attributes, children };
			}
			if (text.startsWith('<![CDATA[', pos)) {
				const end = text.indexOf(']]>', pos);
				if (end === -1) fail('unterminated CDATA section');
				pushText(text.slice(pos + 9, end));
				pos = end + 3;
				continue;
			}
			if (text.startsWith('<!--', pos) || text.startsWith('<?', pos)) {
				const close = text.startsWith('<!--', pos) ? '-->' : '?>';
				const end = text.indexOf(close, pos);
				if (end === -1) fail('unterminated comment');
				pos = end + close.length;
				continue;
			}
			if (text[pos] === '<') {
				children.push(element());
				continue;
			}
			const next = text.indexOf('<', pos);
			const raw = text.slice(pos, next === -1 ? text.length : next);
			if (raw.includes(']]>')) fail('"]]>" in character data');
			pushText(decode(raw, false));
			pos += raw.length;
		}
	};
	skipMisc();
	if (text.startsWith('<!DOCTYPE', pos)) fail('a DOCTYPE is not accepted');
	const root = element();
	skipMisc();
	if (pos !== text.length) fail('content after the root element');
	return root;
}

// ---------------------------------------------------------------------------------------------
// Requests, decoded
// ---------------------------------------------------------------------------------------------

export interface DecodedRequest {
	method: string;
	/** Path segments, each percent-decoded (a raw "/" inside a value shows as an extra segment). */
	path: string[];
	/** Query pairs in order, decoded as a form (`+` is a space). */
	query: Array<[string, string]>;
	/** Headers that carry meaning (lower-case names); transport headers are left out. */
	headers: Record<string, string>;
	body: unknown;
}

const TRANSPORT_HEADERS = new Set(['content-length', 'host', 'connection', 'transfer-encoding', 'accept-encoding']);

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return `<undecodable:${segment}>`;
	}
}

/** Wraps integer literals of 16+ digits in quotes, so a JSON id is read back digit for digit. */
function protectBigIntegers(json: string): string {
	return json.replace(/([:[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g, '$1"$2"');
}

export function decodeBody(contentType: string, raw: string): unknown {
	if (raw === '') return undefined;
	const type = contentType.toLowerCase();
	if (type.includes('json')) {
		try {
			return JSON.parse(protectBigIntegers(raw));
		} catch (error) {
			return { unreadableJson: (error as Error).message };
		}
	}
	if (type.includes('x-www-form-urlencoded')) return [...new URLSearchParams(raw)];
	if (type.includes('xml')) {
		try {
			return parseXmlStrict(raw);
		} catch (error) {
			return { unreadableXml: (error as Error).message };
		}
	}
	const boundary = /boundary=([^;]+)/i.exec(contentType)?.[1];
	return boundary ? raw.split(boundary).join('BOUNDARY') : raw;
}

export function decodeRequest(request: SimRequest): DecodedRequest {
	const raw = request.rawUrl;
	const hash = raw.indexOf('#');
	const withoutHash = hash === -1 ? raw : raw.slice(0, hash);
	const question = withoutHash.indexOf('?');
	const pathPart = question === -1 ? withoutHash : withoutHash.slice(0, question);
	const queryPart = question === -1 ? '' : withoutHash.slice(question + 1);
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers)) {
		if (TRANSPORT_HEADERS.has(name) || value === undefined) continue;
		headers[name] = (Array.isArray(value) ? value.join(', ') : value).replace(/boundary=[^;]+/i, 'boundary=BOUNDARY');
	}
	if (hash !== -1) headers['(fragment sent)'] = raw.slice(hash);
	return {
		method: request.method,
		path: pathPart.split('/').map(decodeSegment),
		query: [...new URLSearchParams(queryPart)],
		headers,
		body: decodeBody(String(request.headers['content-type'] ?? ''), request.rawBody),
	};
}

// ---------------------------------------------------------------------------------------------
// Structural diff
// ---------------------------------------------------------------------------------------------

export interface Difference {
	path: string;
	/** The hostile run's value (undefined when missing). */
	actual: unknown;
	/** The baseline run's value. */
	expected: unknown;
	/** True when the shapes differ (missing key, other length, object vs leaf). */
	shape: boolean;
}

const isLeaf = (value: unknown) => value === null || value === undefined || typeof value !== 'object';

/** Every place where `actual` and `expected` differ; leaves compare as text (5001 equals "5001"). */
export function diff(actual: unknown, expected: unknown, path = ''): Difference[] {
	if (isLeaf(actual) && isLeaf(expected)) {
		return String(actual) === String(expected) ? [] : [{ path, actual, expected, shape: actual === undefined || expected === undefined }];
	}
	if (isLeaf(actual) || isLeaf(expected) || Array.isArray(actual) !== Array.isArray(expected)) {
		return [{ path, actual, expected, shape: true }];
	}
	if (Array.isArray(actual) && Array.isArray(expected)) {
		const out: Difference[] = [];
		if (actual.length !== expected.length) out.push({ path: `${path}.length`, actual: actual.length, expected: expected.length, shape: true });
		for (let i = 0; i < Math.min(actual.length, expected.length); i++) out.push(...diff(actual[i], expected[i], `${path}[${i}]`));
		return out;
	}
	const a = actual as Record<string, unknown>;
	const e = expected as Record<string, unknown>;
	const out: Difference[] = [];
	for (const key of new Set([...Object.keys(a), ...Object.keys(e)])) {
		if (!(key in a) || !(key in e)) out.push({ path: `${path}.${key}`, actual: a[key], expected: e[key], shape: true });
		else out.push(...diff(a[key], e[key], `${path}.${key}`));
	}
	return out;
}

/** Every leaf of a decoded request, as text. */
export function leaves(value: unknown, out: string[] = []): string[] {
	if (isLeaf(value)) {
		if (value !== undefined && value !== null) out.push(String(value));
	} else if (Array.isArray(value)) value.forEach((v) => leaves(v, out));
	else Object.values(value as object).forEach((v) => leaves(v, out));
	return out;
}

// ---------------------------------------------------------------------------------------------
// Secret scan
// ---------------------------------------------------------------------------------------------

/**
 * What counts as a leak of `secret`: any 8-character window of it, or of its URL-encoded form,
 * in any letter case. This catches the whole key, a prefix left by a cut snippet (≥ 8 characters),
 * an upper- or lower-cased echo and a percent-encoded copy.
 */
export function leakNeedles(secret: string): string[] {
	const needles = new Set<string>();
	for (const form of [secret, encodeURIComponent(secret)]) {
		const lower = form.toLowerCase();
		for (let i = 0; i + 8 <= lower.length; i++) needles.add(lower.slice(i, i + 8));
	}
	return [...needles];
}

/** Every string reachable from `root` (own properties, enumerable or not, Error fields, Buffers), with its path. */
export function reachableStrings(root: unknown, rootName: string, limit = 40_000): Array<[string, string]> {
	const out: Array<[string, string]> = [];
	const seen = new Set<unknown>();
	let budget = limit;
	const walk = (value: unknown, path: string, depth: number) => {
		if (budget-- <= 0) return;
		if (typeof value === 'string') {
			out.push([path, value]);
			return;
		}
		if (value === null || value === undefined || typeof value === 'function' || typeof value !== 'object') return;
		if (seen.has(value)) return;
		seen.add(value);
		if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
			out.push([path, Buffer.from(value as Uint8Array).toString('utf8')]);
			return;
		}
		if (depth > 8) return;
		if (value instanceof Map) {
			for (const [k, v] of value) walk(v, `${path}.get(${String(k)})`, depth + 1);
			return;
		}
		if (value instanceof Set) {
			for (const v of value) walk(v, `${path}{}`, depth + 1);
			return;
		}
		const names = new Set(Object.getOwnPropertyNames(value));
		if (value instanceof Error) for (const name of ['message', 'stack', 'cause', 'description', 'context', 'errorResponse']) names.add(name);
		for (const name of names) {
			let inner: unknown;
			try {
				inner = (value as Record<string, unknown>)[name];
			} catch {
				continue;
			}
			walk(inner, `${path}.${name}`, depth + 1);
		}
	};
	walk(root, rootName, 0);
	return out;
}

function safeStringify(value: unknown): string {
	const seen = new WeakSet<object>();
	try {
		return (
			JSON.stringify(value, (_key, inner: unknown) => {
				if (inner && typeof inner === 'object') {
					if (seen.has(inner)) return '[circular]';
					seen.add(inner);
				}
				return inner;
			}) ?? ''
		);
	} catch (error) {
		return `[not serialisable: ${(error as Error).message}]`;
	}
}

/** Where any of the secrets shows up in the output items or the thrown error. */
export function findLeaks(output: INodeExecutionData[][] | null | undefined, error: unknown, secrets: readonly string[]): string[] {
	const needles = secrets.flatMap(leakNeedles);
	const texts: Array<[string, string]> = [];
	if (output) texts.push(...reachableStrings(output, 'output'), ['JSON.stringify(output)', safeStringify(output)]);
	if (error !== undefined) {
		texts.push(...reachableStrings(error, 'error'), ['JSON.stringify(error)', safeStringify(error)]);
		if (error instanceof Error) texts.push(['String(error)', String(error)]);
	}
	const found: string[] = [];
	for (const [where, text] of texts) {
		const lower = text.toLowerCase();
		const needle = needles.find((n) => lower.includes(n));
		if (needle) {
			const at = lower.indexOf(needle);
			found.push(`${where}: …${text.slice(Math.max(0, at - 30), at + 40).replace(/\s+/g, ' ')}…`);
		}
	}
	return found;
}

// ---------------------------------------------------------------------------------------------
// Outcomes
// ---------------------------------------------------------------------------------------------

export const errorName = (error: unknown): string => (error as { constructor?: { name?: string } })?.constructor?.name ?? typeof error;

const NODE_ERRORS = ['NodeApiError', 'NodeOperationError'];

const PROGRAMMING_ERRORS = ['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'URIError'];

/**
 * A crash: not a node error, or a node error wrapping a programming error (the item loop wraps a
 * TypeError into a NodeOperationError). A NodeOperationError made from a message carries a plain
 * Error as its cause, which is not a crash.
 */
export function isCrash(error: unknown): boolean {
	if (!NODE_ERRORS.includes(errorName(error))) return true;
	const cause = (error as { cause?: unknown }).cause;
	return cause instanceof Error && PROGRAMMING_ERRORS.includes(errorName(cause));
}

export function errorText(error: unknown): string {
	const e = error as { message?: unknown; description?: unknown };
	return `${String(e?.message ?? error)}\n${typeof e?.description === 'string' ? e.description : ''}`;
}

export interface Outcome {
	/** The node finished without an error (thrown or as an error item). */
	success: boolean;
	/** The error: thrown, or the first error item's `{ error, description }`. */
	error?: unknown;
	/** One line for reports. */
	summary: string;
}

export function outcomeOf(result: { output: INodeExecutionData[][] | null; error?: unknown }): Outcome {
	if (result.error !== undefined) {
		return { success: false, error: result.error, summary: `${errorName(result.error)}: ${errorText(result.error).split('\n')[0].slice(0, 160)}` };
	}
	const items = result.output?.[0] ?? [];
	const failed = items.find((item) => item.json && typeof item.json === 'object' && 'error' in item.json);
	if (failed) {
		const json = failed.json as { error?: unknown; description?: unknown };
		return { success: false, error: { message: json.error, description: json.description, fromItem: true }, summary: `error item: ${String(json.error).slice(0, 160)}` };
	}
	return { success: true, summary: `success (${items.length} item${items.length === 1 ? '' : 's'})` };
}

/**
 * Minimal, dependency-free XML 1.0 reader for AutoInvoice's SOAP answers. (Writing: the envelope
 * builder in `soap.ts`, with the escaping of `credentials/AutoInvoiceApi.credentials.ts`.)
 *
 * `parseXml` is a small non-validating reader that builds a plain element tree. It runs in linear
 * time (index scanning, no backtracking regular expressions), never recurses, and refuses DOCTYPE
 * declarations outright, so entity-expansion attacks ("billion laughs", external entities) cannot
 * happen.
 *
 * Reader behaviour worth knowing:
 * - Element and attribute names keep their prefix as written; `XmlElement.name` is the local
 *   name and `XmlElement.prefix` the prefix. Prefixes are not resolved to namespace URIs.
 * - Line endings in text, CDATA and attribute values are normalised (CRLF and lone CR become
 *   LF), and attribute values get the XML 1.0 whitespace normalisation (literal tab, CR and LF
 *   become a space), as the XML specification requires. Character references (`&#13;`, `&#10;`)
 *   are not normalised, which is why `escapeXml` writes CR as `&#13;`.
 * - `text` is the concatenation of an element's own text and CDATA content (not that of its
 *   descendants), untrimmed.
 * - Raw characters XML 1.0 does not allow (controls, U+FFFE, U+FFFF) are tolerated and passed
 *   through as they are, because a lenient reader is more useful to a client than a strict one
 *   there. (Raw lone surrogates cannot occur: the body is decoded from UTF-8, which has none.)
 *   Character references to such characters (`&#0;`, `&#xD800;`, `&#xFFFE;`, …) break the
 *   well-formedness rule "Legal Character" and are rejected with an `XmlParseError`, which the
 *   transport reports as an answer that is not a SOAP message.
 */

/** One element of a parsed document. */
export interface XmlElement {
	/** Local name (prefix stripped). */
	name: string;
	/** Namespace prefix as written, when the name had one. */
	prefix?: string;
	/** Attributes keyed by their qualified name as written (namespace declarations included). */
	attributes: Record<string, string>;
	/** Child elements in document order. */
	children: XmlElement[];
	/** Concatenated, decoded text and CDATA directly inside this element (not trimmed). */
	text: string;
}

/** Thrown by `parseXml` for input that is not a well-formed (and acceptable) XML document. */
export class XmlParseError extends Error {
	/** Offset (UTF-16 code units) in the input where the problem was detected. */
	readonly offset: number;
	/** 1-based line of `offset`. */
	readonly line: number;
	/** 1-based column of `offset`. */
	readonly column: number;

	constructor(message: string, input = '', offset = 0) {
		const at = Math.max(0, Math.min(offset, input.length));
		let line = 1;
		let lineStart = 0;
		let nl = input.indexOf('\n');
		while (nl !== -1 && nl < at) {
			line++;
			lineStart = nl + 1;
			nl = input.indexOf('\n', lineStart);
		}
		const column = at - lineStart + 1;
		super(`Invalid XML: ${message} (line ${line}, column ${column})`);
		this.name = 'XmlParseError';
		this.offset = at;
		this.line = line;
		this.column = column;
	}
}

// ---------------------------------------------------------------------------------------------
// Element helpers
// ---------------------------------------------------------------------------------------------

function hasOwn(obj: object, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Sets an own, enumerable property (safe for keys such as `__proto__`). */
export function setOwnProperty<T>(obj: Record<string, T>, key: string, value: T): void {
	if (key === '__proto__') {
		Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
	} else {
		obj[key] = value;
	}
}

/** Local part of a qualified name (`xsi:type` → `type`). */
export function localName(qualifiedName: string): string {
	const colon = qualifiedName.indexOf(':');
	return colon === -1 ? qualifiedName : qualifiedName.slice(colon + 1);
}

/**
 * Reads an attribute by its local name, whatever its prefix (`getAttribute(el, 'type')` finds
 * `xsi:type`, `i:type`, …). Namespace declarations (`xmlns`, `xmlns:*`) are never matched. A
 * prefixed attribute wins over an unprefixed one of the same local name.
 */
export function getAttribute(element: XmlElement, name: string): string | undefined {
	let unprefixed: string | undefined;
	for (const key of Object.keys(element.attributes)) {
		if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
		if (key === name) {
			unprefixed = element.attributes[key];
		} else if (key.length > name.length && key.endsWith(name) && key.charCodeAt(key.length - name.length - 1) === 0x3a) {
			return element.attributes[key];
		}
	}
	return unprefixed;
}

/** First child element with the given local name (any prefix). */
export function findChild(element: XmlElement, name: string): XmlElement | undefined {
	for (const child of element.children) {
		if (child.name === name) return child;
	}
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

function isWhitespace(c: number): boolean {
	return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

function isNameStartChar(c: number): boolean {
	return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7);
}

function isNameChar(c: number): boolean {
	return isNameStartChar(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0xb7;
}

function isXmlChar(cp: number): boolean {
	return (
		cp === 0x09 ||
		cp === 0x0a ||
		cp === 0x0d ||
		(cp >= 0x20 && cp <= 0xd7ff) ||
		(cp >= 0xe000 && cp <= 0xfffd) ||
		(cp >= 0x10000 && cp <= 0x10ffff)
	);
}

/** `a`, `a:b`: NCName or a single-colon QName. */
function isValidQName(name: string): boolean {
	if (name.length === 0) return false;
	let partStart = true;
	let colons = 0;
	for (let i = 0; i < name.length; i++) {
		const c = name.charCodeAt(i);
		if (c === 0x3a) {
			if (partStart || ++colons > 1) return false;
			partStart = true;
		} else if (partStart) {
			if (!isNameStartChar(c)) return false;
			partStart = false;
		} else if (!isNameChar(c)) {
			return false;
		}
	}
	return !partStart;
}

const MAX_ENTITY_LENGTH = 12; // longest reference is `&#x0010FFFF;`-ish; anything longer is invalid

const DEFAULT_MAX_DEPTH = 512;

/**
 * Parses a complete XML document and returns its root element.
 * Throws `XmlParseError` for empty, truncated, malformed or DOCTYPE-bearing input.
 */
export function parseXml(
	text: string,
	options: {
		/** Maximum element nesting depth (default 512). Deeper documents are rejected. */
		maxDepth?: number;
	} = {},
): XmlElement {
	if (typeof text !== 'string') throw new XmlParseError('input is not a string');
	const src = text;
	const len = src.length;
	const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;

	function fail(message: string, at: number): never {
		throw new XmlParseError(message, src, at);
	}

	/**
	 * Decodes entity and character references in `src[start, end)`, a raw text or attribute
	 * chunk. Works on the chunk alone so that searching never runs past `end`.
	 */
	const decode = (start: number, end: number, attribute: boolean): string => {
		const raw = src.slice(start, end);
		let amp = raw.indexOf('&');
		if (amp === -1) return normalize(raw, attribute);
		let result = '';
		let last = 0;
		while (amp !== -1) {
			result += normalize(raw.slice(last, amp), attribute);
			let semi = -1;
			const limit = Math.min(raw.length, amp + MAX_ENTITY_LENGTH);
			for (let j = amp + 1; j < limit; j++) {
				if (raw.charCodeAt(j) === 0x3b) {
					semi = j;
					break;
				}
			}
			if (semi === -1) {
				fail('unterminated or invalid entity reference (a literal "&" must be written as "&amp;")', start + amp);
			}
			const ref = raw.slice(amp + 1, semi);
			switch (ref) {
				case 'lt':
					result += '<';
					break;
				case 'gt':
					result += '>';
					break;
				case 'amp':
					result += '&';
					break;
				case 'quot':
					result += '"';
					break;
				case 'apos':
					result += "'";
					break;
				default: {
					if (ref.charCodeAt(0) !== 0x23 /* # */) fail(`undefined entity "&${ref};"`, start + amp);
					let cp = NaN;
					if (/^#x[0-9a-fA-F]{1,8}$/.test(ref)) cp = parseInt(ref.slice(2), 16);
					else if (/^#[0-9]{1,9}$/.test(ref)) cp = parseInt(ref.slice(1), 10);
					if (Number.isNaN(cp)) fail(`malformed character reference "&${ref};"`, start + amp);
					if (!isXmlChar(cp)) fail(`character reference "&${ref};" is not a legal XML character`, start + amp);
					result += String.fromCodePoint(cp);
				}
			}
			last = semi + 1;
			amp = raw.indexOf('&', last);
		}
		return result + normalize(raw.slice(last), attribute);
	};

	const normalize = (chunk: string, attribute: boolean): string => {
		if (attribute) {
			if (!/[\t\n\r]/.test(chunk)) return chunk;
			return chunk.split('\r\n').join(' ').replace(/[\t\n\r]/g, ' ');
		}
		if (chunk.indexOf('\r') === -1) return chunk;
		return chunk.split('\r\n').join('\n').split('\r').join('\n');
	};

	const skipWhitespace = (from: number): number => {
		let p = from;
		while (p < len && isWhitespace(src.charCodeAt(p))) p++;
		return p;
	};

	/** Scans a name starting at `from`; returns the end offset. */
	const scanName = (from: number): number => {
		let p = from;
		while (p < len) {
			const c = src.charCodeAt(p);
			if (isWhitespace(c) || c === 0x2f /* / */ || c === 0x3e /* > */ || c === 0x3d /* = */) break;
			p++;
		}
		return p;
	};

	const onlyWhitespace = (start: number, end: number): boolean => {
		for (let p = start; p < end; p++) if (!isWhitespace(src.charCodeAt(p))) return false;
		return true;
	};

	let pos = 0;
	if (len > 0 && src.charCodeAt(0) === 0xfeff) pos = 1; // byte-order mark

	if (onlyWhitespace(pos, len)) fail('document is empty', len);

	// XML declaration (tolerated after leading whitespace, which some transports add).
	{
		const p = skipWhitespace(pos);
		if (src.startsWith('<?xml', p) && (p + 5 >= len || isWhitespace(src.charCodeAt(p + 5)) || src.charCodeAt(p + 5) === 0x3f)) {
			const end = src.indexOf('?>', p + 5);
			if (end === -1) fail('unterminated XML declaration', p);
			pos = end + 2;
		}
	}

	const stack: XmlElement[] = [];
	const openNames: string[] = [];
	let root: XmlElement | undefined;

	while (pos < len) {
		const lt = src.indexOf('<', pos);
		const textEnd = lt === -1 ? len : lt;
		if (textEnd > pos) {
			if (stack.length === 0) {
				if (!onlyWhitespace(pos, textEnd)) {
					fail(root ? 'unexpected text after the root element' : 'content is not XML (text before the root element)', pos);
				}
			} else {
				stack[stack.length - 1].text += decode(pos, textEnd, false);
			}
			pos = textEnd;
		}
		if (lt === -1) break;

		const next = lt + 1 < len ? src.charCodeAt(lt + 1) : -1;

		if (next === 0x2f /* </ */) {
			const nameEnd = scanName(lt + 2);
			const qname = src.slice(lt + 2, nameEnd);
			if (!isValidQName(qname)) fail(`invalid closing tag name "${qname}"`, lt);
			const gt = skipWhitespace(nameEnd);
			if (gt >= len) fail(`unexpected end of input inside closing tag </${qname}>`, len);
			if (src.charCodeAt(gt) !== 0x3e) fail(`malformed closing tag </${qname}>`, gt);
			if (stack.length === 0) fail(`unexpected closing tag </${qname}>`, lt);
			const expected = openNames[openNames.length - 1];
			if (qname !== expected) fail(`mismatched closing tag </${qname}>, expected </${expected}>`, lt);
			stack.pop();
			openNames.pop();
			pos = gt + 1;
			continue;
		}

		if (next === 0x21 /* <! */) {
			if (src.startsWith('<!--', lt)) {
				const end = src.indexOf('-->', lt + 4);
				if (end === -1) fail('unterminated comment', lt);
				pos = end + 3;
				continue;
			}
			if (src.startsWith('<![CDATA[', lt)) {
				if (stack.length === 0) fail('CDATA section outside the root element', lt);
				const end = src.indexOf(']]>', lt + 9);
				if (end === -1) fail('unterminated CDATA section', lt);
				stack[stack.length - 1].text += normalize(src.slice(lt + 9, end), false);
				pos = end + 3;
				continue;
			}
			if (src.startsWith('<!DOCTYPE', lt) || src.startsWith('<!ENTITY', lt) || src.startsWith('<!doctype', lt)) {
				fail('DOCTYPE and ENTITY declarations are not allowed', lt);
			}
			fail('unexpected markup declaration "<!"', lt);
		}

		if (next === 0x3f /* <? */) {
			const end = src.indexOf('?>', lt + 2);
			if (end === -1) fail('unterminated processing instruction', lt);
			const targetEnd = scanName(lt + 2);
			const target = src.slice(lt + 2, Math.min(targetEnd, end));
			if (target.toLowerCase() === 'xml') fail('XML declaration is only allowed at the start of the document', lt);
			if (!isValidQName(target)) fail('malformed processing instruction', lt);
			pos = end + 2;
			continue;
		}

		// Start tag.
		if (root && stack.length === 0) fail('unexpected element after the root element', lt);
		const nameEnd = scanName(lt + 1);
		const qname = src.slice(lt + 1, nameEnd);
		if (!isValidQName(qname)) {
			fail(lt + 1 >= len ? 'unexpected end of input after "<"' : `invalid element name "${qname}"`, lt);
		}
		const attributes: Record<string, string> = {};
		let p = nameEnd;
		let selfClosing = false;
		// Next "<" after the name, looked up once per tag; an attribute value may not reach it.
		const nextLt = src.indexOf('<', nameEnd);
		for (;;) {
			const afterWs = skipWhitespace(p);
			if (afterWs >= len) fail(`unexpected end of input inside tag <${qname}>`, len);
			const c = src.charCodeAt(afterWs);
			if (c === 0x3e /* > */) {
				p = afterWs + 1;
				break;
			}
			if (c === 0x2f /* / */) {
				if (afterWs + 1 >= len) fail(`unexpected end of input inside tag <${qname}>`, len);
				if (src.charCodeAt(afterWs + 1) !== 0x3e) fail(`malformed tag <${qname}>`, afterWs);
				p = afterWs + 2;
				selfClosing = true;
				break;
			}
			if (afterWs === p) fail(`malformed tag <${qname}> (expected whitespace, ">" or "/>")`, afterWs);
			const attrEnd = scanName(afterWs);
			const attrName = src.slice(afterWs, attrEnd);
			if (!isValidQName(attrName)) fail(`invalid attribute name "${attrName}" in tag <${qname}>`, afterWs);
			let q = skipWhitespace(attrEnd);
			if (q >= len) fail(`unexpected end of input inside tag <${qname}>`, len);
			if (src.charCodeAt(q) !== 0x3d /* = */) fail(`attribute "${attrName}" in tag <${qname}> has no value`, q);
			q = skipWhitespace(q + 1);
			if (q >= len) fail(`unexpected end of input inside tag <${qname}>`, len);
			const quote = src.charCodeAt(q);
			if (quote !== 0x22 && quote !== 0x27) fail(`attribute "${attrName}" in tag <${qname}> is not quoted`, q);
			const close = src.indexOf(quote === 0x22 ? '"' : "'", q + 1);
			if (close === -1) fail(`unterminated value of attribute "${attrName}" in tag <${qname}>`, q);
			if (nextLt !== -1 && nextLt < close) fail(`"<" in the value of attribute "${attrName}"`, nextLt);
			if (hasOwn(attributes, attrName)) fail(`duplicate attribute "${attrName}" in tag <${qname}>`, afterWs);
			setOwnProperty(attributes, attrName, decode(q + 1, close, true));
			p = close + 1;
		}

		const colon = qname.indexOf(':');
		const element: XmlElement =
			colon === -1
				? { name: qname, attributes, children: [], text: '' }
				: { name: qname.slice(colon + 1), prefix: qname.slice(0, colon), attributes, children: [], text: '' };
		if (stack.length === 0) {
			root = element;
		} else {
			stack[stack.length - 1].children.push(element);
		}
		if (!selfClosing) {
			if (stack.length >= maxDepth) fail(`elements are nested more than ${maxDepth} levels deep`, lt);
			stack.push(element);
			openNames.push(qname);
		}
		pos = p;
	}

	if (stack.length > 0) {
		fail(`unexpected end of input: element <${openNames[openNames.length - 1]}> is not closed`, len);
	}
	if (!root) return fail('no root element', len);
	return root;
}

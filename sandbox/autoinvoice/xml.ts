/**
 * The AutoInvoice simulator's own XML reader and escaping, written independently of the node's
 * (`nodes/AutoInvoice/transport/xml.ts`) on purpose: a simulator that parsed with the node's code
 * would let a bug in that code pass the node's own tests.
 *
 * Good enough for SOAP requests, and strict the way a server's parser is: a document must be one
 * well-formed root element (optional XML declaration, comments and processing instructions
 * around it). Unclosed or mismatched tags, text outside the root, unquoted or duplicate
 * attributes, unknown entities, a bare `&`, character references to characters XML does not
 * allow, and any DOCTYPE are rejected with an `Error`. Namespaces are not resolved: an element's
 * `name` is its local name and `prefix` the prefix as written.
 */

export interface SimXmlElement {
	name: string;
	prefix?: string;
	/** Attributes by qualified name as written. */
	attributes: Record<string, string>;
	children: SimXmlElement[];
	/** Decoded text and CDATA directly inside the element (not trimmed). */
	text: string;
}

const NAME = /^[\p{L}_][\p{L}\p{N}_.\-\u00B7]*(?::[\p{L}_][\p{L}\p{N}_.\-\u00B7]*)?$/u;

/** One token at a time: comment, CDATA, PI, DOCTYPE, end tag, start tag, text. */
const TOKEN =
	/<!--([\s\S]*?)-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?([\s\S]*?)\?>|<!([\s\S]*?)>|<\/([^\s<>/]+)\s*>|<([^\s<>/!?]+)((?:\s+[^\s=<>/"']+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)/y;

const ATTRIBUTE = /\s+([^\s=<>/"']+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;

const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));|&/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function allowedCodePoint(cp: number): boolean {
	return (
		cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
	);
}

function decode(raw: string, attribute: boolean): string {
	const lines = raw.replace(/\r\n?/g, '\n');
	const normalized = attribute ? lines.replace(/[\t\n]/g, ' ') : lines;
	return normalized.replace(ENTITY, (match, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
		if (named) return NAMED[named];
		if (dec === undefined && hex === undefined) throw new Error(`bare "&" or unknown entity near "${raw.slice(0, 40)}"`);
		const cp = dec !== undefined ? Number(dec) : parseInt(hex as string, 16);
		if (!allowedCodePoint(cp)) throw new Error(`character reference ${match} is not allowed in XML`);
		return String.fromCodePoint(cp);
	});
}

function checkName(name: string): void {
	if (!NAME.test(name)) throw new Error(`invalid name "${name.slice(0, 40)}"`);
}

/** Parses a whole document into its root element; throws on anything not well-formed. */
export function parseXml(xml: string): SimXmlElement {
	const source = xml.replace(/^\uFEFF/, '');
	const stack: Array<{ element: SimXmlElement; qname: string }> = [];
	let root: SimXmlElement | undefined;
	TOKEN.lastIndex = 0;
	while (TOKEN.lastIndex < source.length) {
		const at = TOKEN.lastIndex;
		const m = TOKEN.exec(source);
		if (!m) throw new Error(`malformed markup at offset ${at}`);
		const [, comment, cdata, pi, declaration, endName, startName, attributeText, selfClosing, text] = m;
		const open = stack[stack.length - 1];
		if (comment !== undefined) {
			if (comment.includes('--')) throw new Error('"--" inside a comment');
		} else if (cdata !== undefined) {
			if (!open) throw new Error('CDATA outside the root element');
			open.element.text += cdata.replace(/\r\n?/g, '\n');
		} else if (pi !== undefined) {
			if (/^xml(\s|$)/i.test(pi) && at !== 0) throw new Error('XML declaration not at the start');
		} else if (declaration !== undefined) {
			throw new Error('DOCTYPE and other declarations are not accepted');
		} else if (endName !== undefined) {
			if (!open || open.qname !== endName) throw new Error(`unexpected </${endName}>`);
			stack.pop();
		} else if (startName !== undefined) {
			if (!open && root) throw new Error('a second root element');
			checkName(startName);
			const attributes: Record<string, string> = {};
			for (const a of (attributeText ?? '').matchAll(ATTRIBUTE)) {
				checkName(a[1]);
				if (Object.prototype.hasOwnProperty.call(attributes, a[1])) throw new Error(`duplicate attribute ${a[1]}`);
				Object.defineProperty(attributes, a[1], { value: decode(a[2] ?? a[3], true), enumerable: true, writable: true, configurable: true });
			}
			const colon = startName.indexOf(':');
			const element: SimXmlElement =
				colon === -1
					? { name: startName, attributes, children: [], text: '' }
					: { name: startName.slice(colon + 1), prefix: startName.slice(0, colon), attributes, children: [], text: '' };
			if (open) open.element.children.push(element);
			else root = element;
			if (selfClosing !== '/') stack.push({ element, qname: startName });
		} else if (text !== undefined) {
			if (open) open.element.text += decode(text, false);
			else if (text.trim() !== '') throw new Error('text outside the root element');
		}
	}
	if (stack.length > 0) throw new Error(`<${stack[stack.length - 1].qname}> is not closed`);
	if (!root) throw new Error('no root element');
	return root;
}

/** The first child with this local name. */
export function findChild(element: SimXmlElement, name: string): SimXmlElement | undefined {
	return element.children.find((child) => child.name === name);
}

/** An attribute by local name, whatever its prefix (`nil` finds `xsi:nil`); never `xmlns*`. */
export function getAttribute(element: SimXmlElement, name: string): string | undefined {
	for (const [key, value] of Object.entries(element.attributes)) {
		if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
		if (key === name || key.endsWith(`:${name}`)) return value;
	}
	return undefined;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' };

/** Escapes text for element content and quoted attributes (CR as `&#13;`, so it survives). */
export function escapeXml(value: string): string {
	return value.replace(/[&<>"'\r]/g, (c) => ESCAPES[c]);
}

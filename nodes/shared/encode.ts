/**
 * Body encoders. Each returns the encoded body and the Content-Type header to send with it.
 */
import { randomBytes } from 'crypto';
import { unsendableCharacter } from './validation';

export interface EncodedBody {
	body: string | Buffer;
	headers: Record<string, string>;
}

/**
 * A value no encoding can carry as it is (a lone surrogate would become U+FFFD or an escape the
 * provider may reject): refused, never replaced. The value rules refuse these first, naming the
 * field; this is the last guard.
 */
function assertSendable(value: unknown, path: string): void {
	if (typeof value === 'string') {
		const character = unsendableCharacter(value);
		if (character) throw new Error(`'${path}' contains a character that cannot be sent (${character}); nothing was sent`);
	} else if (Array.isArray(value)) {
		value.forEach((entry, index) => assertSendable(entry, `${path}[${index}]`));
	} else if (value && typeof value === 'object') {
		for (const [key, entry] of Object.entries(value)) assertSendable(entry, path ? `${path}.${key}` : key);
	}
}

export function jsonBody(value: unknown): EncodedBody {
	assertSendable(value, '');
	return { body: JSON.stringify(value), headers: { 'Content-Type': 'application/json; charset=utf-8' } };
}

export type FormValue = string | number | boolean | undefined | null;

/**
 * application/x-www-form-urlencoded in the given field order. Undefined and null values are left
 * out; every name and value is percent-encoded (spaces as +).
 */
export function formBody(fields: Array<[string, FormValue]>): EncodedBody {
	const params = new URLSearchParams();
	for (const [name, value] of fields) {
		if (value === undefined || value === null) continue;
		assertSendable(name, name);
		assertSendable(String(value), name);
		params.append(name, String(value));
	}
	return {
		body: params.toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
	};
}

export interface MultipartPart {
	name: string;
	value: string | Buffer;
	filename?: string;
	contentType?: string;
}

function quoteHeaderValue(value: string): string {
	return value.replace(/[\r\n]/g, ' ').replace(/"/g, '%22');
}

/** multipart/form-data with a random boundary. */
export function multipartBody(parts: MultipartPart[]): EncodedBody {
	const boundary = `----n8nBookkeeping${randomBytes(12).toString('hex')}`;
	const chunks: Buffer[] = [];
	for (const part of parts) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoteHeaderValue(part.name)}"`;
		if (part.filename !== undefined) head += `; filename="${quoteHeaderValue(part.filename)}"`;
		head += '\r\n';
		if (part.contentType) head += `Content-Type: ${part.contentType.replace(/[\r\n]/g, '')}\r\n`;
		head += '\r\n';
		chunks.push(Buffer.from(head, 'utf8'));
		chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value, 'utf8'));
		chunks.push(Buffer.from('\r\n', 'utf8'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(chunks), headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } };
}

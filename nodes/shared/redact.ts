/**
 * Secret redaction: nothing that can reach a user (output items, error messages, error
 * descriptions, logs) may contain an API key or password.
 *
 * Two layers:
 * 1. by name: fields, query parameters, form fields and XML elements whose name looks secret;
 * 2. by value: every secret value of the credential in use, wherever it appears in a text.
 */

const SECRET_NAME =
	/^(api[_-]?key|apikey|user[_-]?api[_-]?key|vendor[_-]?api[_-]?key|userApiKey|vendorApiKey|password|passwd|bank[_-]?password|bank[_-]?username|secret|client[_-]?secret|token|access[_-]?token|authorization|x[_-]?api[_-]?key)$/i;

export const REDACTED = '***';

export function isSecretName(name: string): boolean {
	return SECRET_NAME.test(name);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Redact secrets from free text: `name=value` pairs (query strings, form bodies), JSON
 * `"name": "value"` pairs, XML `<name>value</name>` elements, and any of the given secret values.
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
	let out = text;
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.length < 4) continue;
		out = out.replace(new RegExp(escapeRegExp(secret), 'g'), REDACTED);
		const encoded = encodeURIComponent(secret);
		if (encoded !== secret) out = out.replace(new RegExp(escapeRegExp(encoded), 'g'), REDACTED);
	}
	// name=value in query strings and form bodies
	out = out.replace(/([?&;\s]|^)([A-Za-z_-]+)=([^&\s"'<]*)/g, (match, lead, name, value) =>
		isSecretName(name) && value ? `${lead}${name}=${REDACTED}` : match,
	);
	// "name": "value" in JSON
	out = out.replace(/"([A-Za-z_-]+)"\s*:\s*"((?:[^"\\]|\\.)*)"/g, (match, name) =>
		isSecretName(name) ? `"${name}":"${REDACTED}"` : match,
	);
	// <name ...>value</name> in XML
	out = out.replace(
		/<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(\s[^>]*)?>([^<]*)<\/\1?\2>/g,
		(match, prefix: string | undefined, name: string, attrs: string | undefined) =>
			isSecretName(name) ? `<${prefix ?? ''}${name}${attrs ?? ''}>${REDACTED}</${prefix ?? ''}${name}>` : match,
	);
	return out;
}

/**
 * Deep-copy a JSON-like value, replacing secret-named fields and secret values.
 * `strip` removes secret-named fields entirely instead of masking them.
 */
export function redactValue<T>(value: T, secrets: readonly string[] = [], strip = false): T {
	const walk = (v: unknown): unknown => {
		if (typeof v === 'string') return secrets.length ? redactText(v, secrets) : v;
		if (Array.isArray(v)) return v.map(walk);
		if (v && typeof v === 'object' && !(v instanceof Date)) {
			const out: Record<string, unknown> = {};
			for (const [key, inner] of Object.entries(v as Record<string, unknown>)) {
				if (isSecretName(key)) {
					if (!strip) out[key] = REDACTED;
					continue;
				}
				out[key] = walk(inner);
			}
			return out;
		}
		return v;
	};
	return walk(value) as T;
}

/** Remove the given fields (and secret-named fields) from an output record, without masking. */
export function stripFields<T extends Record<string, unknown>>(record: T, fields: readonly string[]): T {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(record)) {
		if (fields.includes(key) || isSecretName(key)) continue;
		out[key] = value;
	}
	return out as T;
}

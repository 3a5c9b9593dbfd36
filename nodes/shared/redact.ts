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

/** The shortest secret masked by value (shorter values would mask ordinary words). */
const MIN_SECRET_LENGTH = 4;

/** Every way a secret may be written in a text a provider sends back: as is, URL-, form-, JSON- or XML-encoded. */
function secretForms(secret: string): string[] {
	const forms = new Set<string>([secret]);
	try {
		forms.add(encodeURIComponent(secret));
		forms.add(new URLSearchParams([['k', secret]]).toString().slice(2));
	} catch {
		// A value that cannot be URL-encoded is never sent URL-encoded either.
	}
	const json = JSON.stringify(secret).slice(1, -1);
	forms.add(json);
	// PHP's json_encode (Konto, Contraccounts) writes / as \/ and non-ASCII as \uXXXX by default.
	forms.add(json.replace(/\//g, '\\/').replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
	forms.add(secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;'));
	forms.add(secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
	return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/** One pattern matching every secret in every form, in any letter case (longest first). */
function secretPattern(secrets: readonly string[]): RegExp | undefined {
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
		for (const form of secretForms(secret)) forms.add(form);
	}
	if (forms.size === 0) return undefined;
	const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
	return new RegExp(alternatives.join('|'), 'gi');
}

/**
 * A function that masks the given secret values wherever they appear in a text, in any letter case
 * and in their URL-, form-, JSON- (also PHP-style) and XML-encoded forms (a provider may upper-case
 * or escape what it echoes). The pattern is built once.
 */
export function secretMasker(secrets: readonly string[]): (text: string) => string {
	const pattern = secretPattern(secrets);
	return pattern ? (text) => text.replace(pattern, REDACTED) : (text) => text;
}

/**
 * Redact secrets from free text (error messages, descriptions, logs): every secret value (see
 * `secretMasker`), plus `name=value` pairs (query strings, form bodies), JSON `"name": "value"` pairs
 * and XML `<name>value</name>` elements whose name looks secret. Redact before shortening a text, so
 * a cut never leaves part of a secret behind.
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
	let out = secretMasker(secrets)(text);
	// name=value in query strings and form bodies
	// (also name="value" and, inside JSON text, name=\"value\"; quotes and backslashes stay, so JSON
	// text stays valid)
	out = out.replace(/([?&;\s]|^)([A-Za-z_-]+)=(\\?["'])?([^&\s"'<\\]*)/g, (match, lead, name, quote, value) =>
		isSecretName(name) && value ? `${lead}${name}=${quote ?? ''}${REDACTED}` : match,
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
 * Deep-copy a JSON-like value (what a node outputs), masking secret-named fields and the given
 * secret values in every string (in any letter case; see `secretMasker`).
 * `strip` removes secret-named fields entirely instead of masking them.
 */
export function redactValue<T>(value: T, secrets: readonly string[] = [], strip = false): T {
	const mask = secretMasker(secrets);
	const walk = (v: unknown): unknown => {
		if (typeof v === 'string') return mask(v);
		if (Array.isArray(v)) return v.map(walk);
		if (v && typeof v === 'object' && !(v instanceof Date) && !ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer)) {
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

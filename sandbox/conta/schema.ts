/**
 * Request validation for the Conta simulator, strict the way Conta's input layer is: every body is
 * checked against a schema written from the OpenAPI document (types, required fields, lengths,
 * ranges, enums, date formats), and a field the schema does not know is rejected.
 *
 * Failures are Conta's INPUT error body (`errorResponseInput`), sent with HTTP 409 as the spec's
 * `/defaultRequest` template declares (`InputOpException` under 409):
 *
 *   { category: 'INPUT', name: 'InputOpException', input: <echo>, errors: [
 *       { type: 'propertyCondition', id: 'required', property: { path, value, pathName: { EN, NO },
 *         dataType: ['ASGARD_TYPE_STRING'] }, messages: { EN, NO } } ] }
 *
 * Assumptions (the spec does not show them): the error ids for a type mismatch (`dataType`), an
 * unknown field (`unknownProperty`), a range (`minimum`/`maximum`), a length
 * (`minLength`/`maxLength`), an enum (`enum`) and a pattern (`pattern`). Cross-field rules use the
 * ids the spec lists per operation (e.g. `useEitherCustomerIdOrCustomerGroupId`).
 */
import type { SimReply } from '../framework';

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'email' | 'enum' | 'array' | 'object';

export interface Field {
	type: FieldType;
	required?: boolean;
	/** string: length; integer/number: value; array: item count. */
	min?: number;
	max?: number;
	pattern?: RegExp;
	values?: readonly string[];
	items?: Field;
	props?: Record<string, Field>;
	/** Accept null as "not set". */
	nullable?: boolean;
}

export interface InputIssue {
	type: 'propertyCondition';
	id: string;
	property: {
		path: string;
		value: unknown;
		pathName: { EN: string; NO: string };
		dataType: string[];
	};
	messages: { EN: string; NO: string };
}

const ASGARD: Record<FieldType, string> = {
	string: 'ASGARD_TYPE_STRING',
	integer: 'ASGARD_TYPE_INTEGER',
	number: 'ASGARD_TYPE_CURRENCY',
	boolean: 'ASGARD_TYPE_BOOLEAN',
	date: 'ASGARD_TYPE_DATE',
	datetime: 'ASGARD_TYPE_DATETIME',
	email: 'ASGARD_TYPE_EMAIL',
	enum: 'ASGARD_TYPE_ENUM',
	array: 'ASGARD_TYPE_ARRAY',
	object: 'ASGARD_TYPE_OBJECT',
};

/** A readable name for the last path segment: `invoiceLines.0.vatCode` → "vat code". */
function humanName(path: string): string {
	const last = path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? path;
	return last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

export function issue(id: string, path: string, value: unknown, en: string, dataType: FieldType = 'string'): InputIssue {
	return {
		type: 'propertyCondition',
		id,
		property: {
			path,
			value: value === undefined ? null : value,
			pathName: { EN: humanName(path), NO: humanName(path) },
			dataType: [ASGARD[dataType]],
		},
		messages: { EN: en, NO: en },
	};
}

function isRealDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const [y, m, d] = value.split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1100 && y <= 2299;
}

function checkField(field: Field, value: unknown, path: string, out: InputIssue[]): void {
	const name = humanName(path);
	if (value === undefined || (value === null && field.nullable)) {
		if (field.required) out.push(issue('required', path, value, `The ${name} is required.`, field.type));
		return;
	}
	if (value === null) {
		out.push(issue('dataType', path, value, `The ${name} can not be null.`, field.type));
		return;
	}
	switch (field.type) {
		case 'string':
		case 'email':
		case 'date':
		case 'datetime':
		case 'enum': {
			if (typeof value !== 'string') {
				out.push(issue('dataType', path, value, `The ${name} must be a text value.`, field.type));
				return;
			}
			if (field.type === 'date' && !isRealDate(value)) {
				out.push(issue('date', path, value, `The ${name} must be a date written YYYY-MM-DD.`, 'date'));
				return;
			}
			if (field.type === 'datetime' && Number.isNaN(Date.parse(value))) {
				out.push(issue('dateTime', path, value, `The ${name} must be a date and time.`, 'datetime'));
				return;
			}
			if (field.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
				out.push(issue('email', path, value, `The ${name} must be a valid e-mail address.`, 'email'));
				return;
			}
			if (field.type === 'enum' && !(field.values ?? []).includes(value)) {
				out.push(issue('enum', path, value, `The ${name} must be one of: ${(field.values ?? []).join(', ')}.`, 'enum'));
				return;
			}
			const length = [...value].length;
			if (field.min !== undefined && length < field.min)
				out.push(issue('minLength', path, value, `The ${name} must be at least ${field.min} characters.`, field.type));
			if (field.max !== undefined && length > field.max)
				out.push(issue('maxLength', path, value, `The ${name} must be at most ${field.max} characters.`, field.type));
			if (field.pattern && !field.pattern.test(value))
				out.push(issue('pattern', path, value, `The ${name} has a format Conta does not accept.`, field.type));
			return;
		}
		case 'integer':
		case 'number': {
			if (typeof value !== 'number' || !Number.isFinite(value) || (field.type === 'integer' && !Number.isInteger(value))) {
				out.push(
					issue('dataType', path, value, `The ${name} must be ${field.type === 'integer' ? 'a whole number' : 'a number'}.`, field.type),
				);
				return;
			}
			if (field.min !== undefined && value < field.min)
				out.push(issue('minimum', path, value, `The ${name} must be at least ${field.min}.`, field.type));
			if (field.max !== undefined && value > field.max)
				out.push(issue('maximum', path, value, `The ${name} must be at most ${field.max}.`, field.type));
			return;
		}
		case 'boolean':
			if (typeof value !== 'boolean') out.push(issue('dataType', path, value, `The ${name} must be true or false.`, 'boolean'));
			return;
		case 'array': {
			if (!Array.isArray(value)) {
				out.push(issue('dataType', path, value, `The ${name} must be a list.`, 'array'));
				return;
			}
			if (field.min !== undefined && value.length < field.min)
				out.push(issue('minimum', path, value.length, `The ${name} must have at least ${field.min} entries.`, 'array'));
			if (field.max !== undefined && value.length > field.max)
				out.push(issue('maximum', path, value.length, `The ${name} can have at most ${field.max} entries.`, 'array'));
			if (field.items) value.forEach((entry, index) => checkField(field.items!, entry, `${path}.${index}`, out));
			return;
		}
		case 'object': {
			if (typeof value !== 'object' || Array.isArray(value)) {
				out.push(issue('dataType', path, value, `The ${name} must be an object.`, 'object'));
				return;
			}
			checkObject(field.props ?? {}, value as Record<string, unknown>, path, out);
			return;
		}
	}
}

function checkObject(props: Record<string, Field>, value: Record<string, unknown>, prefix: string, out: InputIssue[]): void {
	for (const key of Object.keys(value)) {
		if (!(key in props)) {
			const path = prefix ? `${prefix}.${key}` : key;
			out.push(issue('unknownProperty', path, value[key], `The property ${key} is not known for this route.`));
		}
	}
	for (const [key, field] of Object.entries(props)) checkField(field, value[key], prefix ? `${prefix}.${key}` : key, out);
}

/** Check a JSON body against an object schema; returns every issue (empty when valid). */
export function checkBody(props: Record<string, Field>, body: unknown): InputIssue[] {
	const out: InputIssue[] = [];
	if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
		out.push(issue('dataType', 'input', body, 'The request body must be a JSON object.', 'object'));
		return out;
	}
	checkObject(props, body as Record<string, unknown>, '', out);
	return out;
}

/** Conta's INPUT error reply (HTTP 409, `InputOpException`). */
export function inputError(input: unknown, errors: InputIssue[]): SimReply {
	return {
		status: 409,
		body: { category: 'INPUT', name: 'InputOpException', input: input ?? {}, errors },
	};
}

/** Validate and return either the INPUT error reply or undefined when the body is fine. */
export function validateBody(props: Record<string, Field>, body: unknown, extra: InputIssue[] = []): SimReply | undefined {
	const issues = [...checkBody(props, body), ...extra];
	return issues.length ? inputError(body, issues) : undefined;
}

/** Query-string values arrive as text; check the standard query model (`q`, `hits`, `page`, `sort`, dates). */
export function checkQuery(
	query: Record<string, string | string[]>,
	props: Record<string, Field>,
): InputIssue[] {
	const out: InputIssue[] = [];
	for (const [key, field] of Object.entries(props)) {
		const raw = query[key];
		if (raw === undefined) continue;
		const text = Array.isArray(raw) ? raw[raw.length - 1] : raw;
		let value: unknown = text;
		if (field.type === 'integer' || field.type === 'number') value = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
		if (field.type === 'boolean') value = text === 'true' ? true : text === 'false' ? false : text;
		if (field.type === 'array') value = Array.isArray(raw) ? raw : [raw];
		checkField(field, value, key, out);
	}
	return out;
}

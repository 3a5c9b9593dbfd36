/**
 * The text fields of an operation, read from the node description: every `string` property and
 * every resource locator reachable for the resource/operation, at any depth (collections and
 * fixed collections), with the parameter path that sets it in a given parameter set; and every
 * string value inside a `json` property (its value in the parameter set, else its default).
 */
import type { INodeProperties, INodePropertyCollection, INodeType } from 'n8n-workflow';
import type { Params } from '../helpers/harness';

export interface TextField {
	/** Stable key across parameter sets: `additionalFields.mailingAddress.address.line1`, `recipients.recipient[].emailAddress`. */
	key: string;
	/** Where to write the value in this parameter set. */
	path: Array<string | number>;
	name: string;
	displayName: string;
	locator: boolean;
	/**
	 * The labels an error may quote to name the field, as the validation writes them: the display
	 * name, and inside a fixed collection also `Collection → Field` (e.g. 'Mailing Address → City').
	 */
	labels: string[];
	/** The key the coverage check counts: the field's own, or the JSON property's for a string inside it. */
	coverKey: string;
	/** A string inside a JSON property: its place in the parsed value, and that value. */
	json?: { inner: Array<string | number>; base: unknown };
}

type Values = Record<string, unknown>;

function matches(condition: unknown[], value: unknown): boolean {
	return condition.some((allowed) => allowed === value || (typeof allowed === 'object' && allowed !== null && JSON.stringify(allowed) === JSON.stringify(value)));
}

/** displayOptions.show/hide evaluated against sibling values (defaults fill the gaps). */
function visible(property: INodeProperties, siblings: Values, defaults: Values, skip: string[]): boolean {
	const valueOf = (name: string) => (name in siblings ? siblings[name] : defaults[name]);
	const show = property.displayOptions?.show ?? {};
	for (const [name, condition] of Object.entries(show)) {
		if (skip.includes(name) || name.startsWith('@') || name.startsWith('/')) continue;
		if (!matches(condition as unknown[], valueOf(name))) return false;
	}
	const hide = property.displayOptions?.hide ?? {};
	for (const [name, condition] of Object.entries(hide)) {
		if (skip.includes(name) || name.startsWith('@') || name.startsWith('/')) continue;
		if (matches(condition as unknown[], valueOf(name))) return false;
	}
	return true;
}

function defaultsOf(properties: INodeProperties[]): Values {
	return Object.fromEntries(properties.map((p) => [p.name, p.default]));
}

const isText = (p: INodeProperties) => p.type === 'string' && !p.typeOptions?.password;
const isJson = (p: INodeProperties) => p.type === 'json';

/** A JSON property's value parsed (a parameter value as text or as data), or undefined. */
function parsedJson(value: unknown): unknown {
	if (typeof value !== 'string') return value ?? undefined;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return undefined;
	}
}

/** The places of every string inside a parsed JSON value. */
function stringPlaces(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
	if (typeof value === 'string') return [at];
	if (Array.isArray(value)) return value.flatMap((inner, index) => stringPlaces(inner, [...at, index]));
	if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => stringPlaces(inner, [...at, key]));
	return [];
}

const placeText = (inner: Array<string | number>) => inner.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('');

/** The properties of the node shown for this resource/operation (trigger: resource and operation are ignored). */
export function operationProperties(node: INodeType, resource: string, operation: string): INodeProperties[] {
	const trigger = node.description.polling === true;
	return node.description.properties.filter((p) => {
		if (['resource', 'operation'].includes(p.name) && !trigger) return false;
		const show = p.displayOptions?.show ?? {};
		if (!trigger && show.resource && !matches(show.resource as unknown[], resource)) return false;
		if (!trigger && show.operation && !matches(show.operation as unknown[], operation)) return false;
		return true;
	});
}

/**
 * The text fields reachable with `params`: top-level ones that are shown, every text option of a
 * collection (set or not), and the text values of the fixed-collection entries present in `params`.
 */
export function textFieldsOf(node: INodeType, resource: string, operation: string, params: Params): TextField[] {
	const top = operationProperties(node, resource, operation);
	const out: TextField[] = [];
	const add = (p: INodeProperties, path: Array<string | number>, key: string, parents: string[] = []) =>
		out.push({
			key,
			path,
			name: p.name,
			displayName: p.displayName,
			locator: p.type === 'resourceLocator',
			labels: [p.displayName, ...parents.map((parent) => `${parent} → ${p.displayName}`)],
			coverKey: key,
		});
	const addJson = (p: INodeProperties, value: unknown, path: Array<string | number>, key: string) => {
		const base = parsedJson(value ?? p.default);
		for (const inner of stringPlaces(base)) {
			const last = inner.filter((step) => typeof step === 'string').pop() ?? p.name;
			out.push({ key: `${key}${placeText(inner)}`, path, name: String(last), displayName: p.displayName, locator: false, labels: [p.displayName], coverKey: key, json: { inner, base } });
		}
	};

	const fixed = (p: INodeProperties, value: unknown, path: Array<string | number>, key: string) => {
		const groups = (p.options ?? []) as INodePropertyCollection[];
		const holder = (value ?? {}) as Values;
		for (const group of groups) {
			const entries = holder[group.name];
			if (entries === undefined) continue;
			const list = Array.isArray(entries) ? entries : [entries];
			list.forEach((entry, index) => {
				const entryValues = (entry ?? {}) as Values;
				const entryPath = Array.isArray(entries) ? [...path, group.name, index] : [...path, group.name];
				const entryKey = `${key}.${group.name}${Array.isArray(entries) ? '[]' : ''}`;
				for (const inner of group.values) {
					if (!visible(inner, entryValues, defaultsOf(group.values), [])) continue;
					if (isText(inner)) add(inner, [...entryPath, inner.name], `${entryKey}.${inner.name}`, [p.displayName, group.displayName]);
				}
			});
		}
	};

	for (const p of top) {
		if (!visible(p, params, defaultsOf(top), ['resource', 'operation'])) continue;
		if (isText(p) || p.type === 'resourceLocator') add(p, [p.name], p.name);
		else if (isJson(p)) addJson(p, params[p.name], [p.name], p.name);
		else if (p.type === 'collection') {
			const current = (params[p.name] ?? {}) as Values;
			for (const option of (p.options ?? []) as INodeProperties[]) {
				if (isText(option)) add(option, [p.name, option.name], `${p.name}.${option.name}`);
				else if (isJson(option)) addJson(option, current[option.name], [p.name, option.name], `${p.name}.${option.name}`);
				else if (option.type === 'fixedCollection') fixed(option, current[option.name], [p.name, option.name], `${p.name}.${option.name}`);
			}
		} else if (p.type === 'fixedCollection') fixed(p, params[p.name], [p.name], p.name);
	}
	return out;
}

/** Every text field key of the operation, whatever the other parameters are. */
export function allTextFieldKeys(node: INodeType, resource: string, operation: string): string[] {
	const keys = new Set<string>();
	const walkFixed = (p: INodeProperties, key: string) => {
		for (const group of (p.options ?? []) as INodePropertyCollection[]) {
			const groupKey = `${key}.${group.name}${p.typeOptions?.multipleValues ? '[]' : ''}`;
			for (const inner of group.values) if (isText(inner)) keys.add(`${groupKey}.${inner.name}`);
		}
	};
	for (const p of operationProperties(node, resource, operation)) {
		if (isText(p) || isJson(p) || p.type === 'resourceLocator') keys.add(p.name);
		else if (p.type === 'collection') {
			for (const option of (p.options ?? []) as INodeProperties[]) {
				if (isText(option) || isJson(option)) keys.add(`${p.name}.${option.name}`);
				else if (option.type === 'fixedCollection') walkFixed(option, `${p.name}.${option.name}`);
			}
		} else if (p.type === 'fixedCollection') walkFixed(p, p.name);
	}
	return [...keys];
}

function at(value: unknown, path: Array<string | number>): unknown {
	let current = value;
	for (const step of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Values)[step as string];
	}
	return current;
}

/**
 * A deep copy of `params` with `value` written at `path` (a locator keeps its By ID mode; a string
 * inside a JSON property is written into the JSON text, which stays valid JSON).
 */
export function withValue(params: Params, field: TextField, value: unknown): Params {
	const copy = structuredClone(params) as Values;
	let holder: Values = copy;
	for (const step of field.path.slice(0, -1)) {
		if (holder[step as string] === undefined || holder[step as string] === null) holder[step as string] = {};
		holder = holder[step as string] as Values;
	}
	const last = field.path[field.path.length - 1] as string;
	if (field.json) {
		const data = structuredClone(parsedJson(holder[last]) ?? field.json.base);
		const parent = at(data, field.json.inner.slice(0, -1)) as Values;
		parent[field.json.inner[field.json.inner.length - 1] as string] = value;
		holder[last] = JSON.stringify(data);
	} else holder[last] = field.locator ? { __rl: true, mode: 'id', value } : value;
	return copy;
}

/** The value at `field.path` in `params` (a locator's value, a string inside a JSON property), or undefined. */
export function valueAt(params: Params, field: TextField): unknown {
	const current = at(params, field.path);
	if (field.json) return at(parsedJson(current) ?? field.json.base, field.json.inner);
	if (field.locator && current && typeof current === 'object') return (current as { value?: unknown }).value;
	return current;
}

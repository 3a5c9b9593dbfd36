/**
 * Conta's standard search query model (`q`, `hits`, `page`, `sort`, `fromDate`, `toDate`) and its
 * paged envelope `{ hits, hitCount, pageCount, sum }`:
 * - `hits` is the page size, default 20; `hits=0` returns everything on one page.
 * - `page` is 0-based.
 * - `sort` is a comma-separated list of fields, each prefixed `+` (ascending) or `-` (descending);
 *   no prefix means ascending. A field the route can't sort by is an INPUT error (`sortField`).
 * - `fromDate`/`toDate` (YYYY-MM-DD, inclusive) filter on the date part of `createdAt`.
 * - `q` is a case-insensitive partial match over the route's searchable fields.
 * Hit fields whose names start with `_` are the simulator's helpers and are dropped from the reply.
 */
import type { SimReply, SimRequest } from '../framework';
import { checkQuery, inputError, issue, type Field, type InputIssue } from './schema';
import type { Json } from './state';

export const QUERY_MODEL: Record<string, Field> = {
	q: { type: 'string', min: 1, max: 100 },
	hits: { type: 'integer', min: 0 },
	page: { type: 'integer', min: 0 },
	sort: { type: 'string', min: 1, max: 50 },
	fromDate: { type: 'date' },
	toDate: { type: 'date' },
};

export interface SearchOptions {
	/** Fields `q` matches against. */
	searchable: string[];
	/** Fields `sort` accepts. */
	sortable: string[];
	/** Extra query parameters of this route (checked with the same rules). */
	filters?: Record<string, Field>;
	/** Field holding the createdAt timestamp for fromDate/toDate (default `createdAt`). */
	dateField?: string;
	/** Field summed into `sum` (default none → 0). */
	sumField?: string;
	/** Route-specific filtering once the query is valid. */
	filter?: (hit: Json, query: Record<string, string>) => boolean;
}

function single(query: SimRequest['query']): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(query)) out[key] = Array.isArray(value) ? value[value.length - 1] : value;
	return out;
}

function compare(a: unknown, b: unknown): number {
	if (a === b) return 0;
	if (a === undefined || a === null) return -1;
	if (b === undefined || b === null) return 1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	return String(a).localeCompare(String(b));
}

/**
 * Apply the query model to `hits` (already in the route's hit shape) and return the envelope, or
 * Conta's INPUT error for a bad query.
 */
export function search(req: SimRequest, hits: Json[], options: SearchOptions): SimReply {
	const problems: InputIssue[] = checkQuery(req.query, { ...QUERY_MODEL, ...(options.filters ?? {}) });
	const query = single(req.query);
	const sortKeys: Array<{ field: string; dir: 1 | -1 }> = [];
	if (query.sort && problems.every((p) => p.property.path !== 'sort')) {
		for (const part of query.sort.split(',')) {
			const trimmed = part.trim();
			// A `+` sent unencoded arrives as a space; Conta then sees no prefix (ascending).
			const dir = trimmed.startsWith('-') ? -1 : 1;
			const field = trimmed.replace(/^[+-]/, '');
			if (!options.sortable.includes(field)) {
				problems.push(issue('sortField', 'sort', query.sort, `Sorting by '${field}' is not supported here. Use one of: ${options.sortable.join(', ')}.`));
			} else sortKeys.push({ field, dir });
		}
	}
	if (problems.length) return inputError(query, problems);

	const dateField = options.dateField ?? 'createdAt';
	const needle = query.q?.toLowerCase();
	let list = hits.filter((hit) => {
		if (needle && !options.searchable.some((f) => hit[f] !== undefined && hit[f] !== null && String(hit[f]).toLowerCase().includes(needle)))
			return false;
		const day = typeof hit[dateField] === 'string' ? String(hit[dateField]).slice(0, 10) : undefined;
		if (query.fromDate && (!day || day < query.fromDate)) return false;
		if (query.toDate && (!day || day > query.toDate)) return false;
		return options.filter ? options.filter(hit, query) : true;
	});
	if (sortKeys.length) {
		list = [...list].sort((a, b) => {
			for (const { field, dir } of sortKeys) {
				const c = compare(a[field], b[field]);
				if (c !== 0) return c * dir;
			}
			return 0;
		});
	}
	const size = query.hits === undefined ? 20 : Number(query.hits);
	const page = query.page === undefined ? 0 : Number(query.page);
	const hitCount = list.length;
	const pageCount = size === 0 ? (hitCount ? 1 : 0) : Math.ceil(hitCount / size);
	const slice = size === 0 ? (page === 0 ? list : []) : list.slice(page * size, page * size + size);
	const sum = options.sumField ? Math.round(list.reduce((s, h) => s + Number(h[options.sumField!] ?? 0), 0) * 100) / 100 : 0;
	const clean = slice.map((hit) => {
		const out: Json = {};
		for (const [key, value] of Object.entries(hit)) if (!key.startsWith('_') && value !== undefined) out[key] = value;
		return out;
	});
	return { status: 200, body: { hits: clean, hitCount, pageCount, sum } };
}

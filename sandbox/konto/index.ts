/**
 * Konto simulator: faithful to Konto's REST API document (v1) for the endpoints the package uses,
 * and laid out so every other endpoint is one entry in `actions`.
 *
 * - Every endpoint is `/api/v1/<action>`; reads answer GET (credentials and parameters in the
 *   query string) and POST (form fields; the query string is merged in, like PHP's $_REQUEST,
 *   which is how `upload-file` takes its credentials). A GET body is ignored.
 * - Every answer is HTTP 200 with the envelope `{ status, message, result }`; a wrong or missing
 *   username/API key gives `{ status: false, message: 'Invalid api_key', result: null }` (HTTP codes
 *   for errors are undocumented). An unknown action gives `{ status: false, message: 'Unknown action' }`.
 * - `hello` answers at the top level (`name`, `registration_no`, `vat_no`), without `result`.
 * - `get-customers`: `search` (name), `limit` (default: all), 1-based `page`.
 * - Paths outside `/api/v1/` get the web server's HTML 404 page.
 *
 * Faults come from the framework; `malformedBody` is what a PHP warning in front of the JSON
 * looks like.
 */
import { Simulator, type SimReply, type SimRequest } from '../framework';
import { SANDBOX_KEYS } from '../credentials';

export interface KontoSimCustomer {
	guid: string;
	name: string;
	address: string;
	zip: string;
	city: string;
	registration_no: string;
	email: string;
	phone_number: string;
	term: string;
	photo: string;
	due_date: number;
	settlement_date: number;
	trading_partner_id: string;
	vat: string;
	lang: 'is' | 'en';
	currency: string;
	tax_exempt: boolean;
	output_select: string;
	updated_timestamp: string;
	[key: string]: unknown;
}

export interface KontoSimTenant {
	name: string;
	registration_no: string;
	vat_no: string;
}

export interface KontoState {
	/** The account behind the sandbox credentials (what `hello` returns). */
	tenant: KontoSimTenant;
	customers: KontoSimCustomer[];
	/** How list results are shaped: an array (what clients see) or an object keyed by index. */
	listShape: 'array' | 'object';
}

export type KontoParams = Record<string, string>;

type ActionHandler = (params: KontoParams, req: SimRequest) => SimReply;

/** A 1x1 PNG: customers can carry a base64 `photo`. */
export const SAMPLE_PHOTO =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const FIRST_NAMES = ['Jón', 'Guðrún', 'Sigurður', 'Anna', 'Ólafur', 'Kristín', 'Þórður', 'Helga', 'Björn', 'Sigríður', 'Einar', 'Ragnheiður', 'Ásgeir', 'Þóra', 'Gunnar', 'Hildur', 'Magnús', 'Erla', 'Davíð', 'Ástrós'];
const FEMALE = new Set(['Guðrún', 'Anna', 'Kristín', 'Helga', 'Sigríður', 'Ragnheiður', 'Þóra', 'Hildur', 'Erla', 'Ástrós']);
const FATHERS = ['Jóns', 'Þórs', 'Ólafs', 'Sigurðar', 'Magnúsar', 'Einars', 'Björns', 'Gunnars', 'Péturs', 'Ragnars', 'Hauks'];
const COMPANY_STEMS = ['Fjarðar', 'Hafnar', 'Sæ', 'Ís', 'Eld', 'Norður', 'Víkur', 'Þing', 'Heklu', 'Ljós', 'Jökul', 'Bláa'];
const COMPANY_TAILS = ['bakarí', 'smiðjan', 'verk', 'fiskur', 'ráðgjöf', 'tækni', 'garður', 'hús', 'flutningar', 'bókhald'];
const COMPANY_FORMS = ['ehf.', 'hf.', 'slf.', 'ehf.'];
const STREETS = ['Laugavegur', 'Skólavörðustígur', 'Hafnarstræti', 'Þingholtsstræti', 'Suðurgata', 'Aðalstræti', 'Hverfisgata', 'Borgartún', 'Ægisíða', 'Fjarðargata', 'Strandgata', 'Brekkugata'];
const PLACES: Array<[string, string]> = [
	['101', 'Reykjavík'],
	['105', 'Reykjavík'],
	['108', 'Reykjavík'],
	['200', 'Kópavogur'],
	['210', 'Garðabær'],
	['220', 'Hafnarfjörður'],
	['310', 'Borgarnes'],
	['400', 'Ísafjörður'],
	['600', 'Akureyri'],
	['640', 'Húsavík'],
	['700', 'Egilsstaðir'],
	['710', 'Seyðisfjörður'],
	['800', 'Selfoss'],
	['900', 'Vestmannaeyjar'],
];
const FOREIGN: Array<{ name: string; currency: string; city: string; zip: string; address: string }> = [
	{ name: 'Nordic Trawl ApS', currency: 'DKK', city: 'Esbjerg', zip: '6700', address: 'Havnegade 12' },
	{ name: 'Atlantic Seafood Ltd', currency: 'GBP', city: 'Grimsby', zip: 'DN31 3SW', address: 'Fish Dock Road 4' },
	{ name: 'Bergen Fiskeeksport AS', currency: 'NOK', city: 'Bergen', zip: '5003', address: 'Bryggen 7' },
	{ name: 'Hanse Logistik GmbH', currency: 'EUR', city: 'Hamburg', zip: '20457', address: 'Am Sandtorkai 30' },
	{ name: 'Boston Cod Importers Inc', currency: 'USD', city: 'Boston', zip: '02210', address: '1 Fish Pier' },
];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A kennitala with a valid check digit: DDMMYY + 2 digits + check digit + century digit. */
export function kennitala(day: number, month: number, year: number, serial: number, company: boolean): string {
	const weights = [3, 2, 7, 6, 5, 4, 3, 2];
	for (let s = serial; s < serial + 100; s++) {
		const base = `${pad(day + (company ? 40 : 0))}${pad(month)}${pad(year % 100)}${pad(20 + (s % 80))}`;
		const sum = weights.reduce((acc, w, i) => acc + w * Number(base[i]), 0);
		const check = (11 - (sum % 11)) % 11;
		if (check === 10) continue;
		return `${base}${check}${year >= 2000 ? 0 : 9}`;
	}
	throw new Error('no valid kennitala');
}

function guidFor(i: number): string {
	const hex = (n: number, width: number) => n.toString(16).padStart(width, '0').slice(-width);
	return `${hex(0x5a140a1c + i * 7919, 8)}-${hex(0x13c6 + i, 4)}-11e7-${hex(0x9914 + i * 13, 4)}-408d5c${hex(0x6208 + i, 6)}`;
}

function ascii(text: string): string {
	return text
		.toLowerCase()
		.replace(/þ/g, 'th')
		.replace(/ð/g, 'd')
		.replace(/æ/g, 'ae')
		.replace(/ö/g, 'o')
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '');
}

/** The seed: 120 customers (people, Icelandic companies, a few foreign buyers). */
export function seedKonto(): KontoState {
	const customers: KontoSimCustomer[] = [];
	for (let i = 0; i < 120; i++) {
		const [zip, city] = PLACES[i % PLACES.length];
		const street = `${STREETS[(i * 5) % STREETS.length]} ${1 + ((i * 7) % 60)}`;
		const month = 1 + (i % 12);
		const day = 1 + ((i * 3) % 28);
		const updated = `2026-${pad(1 + (i % 4))}-${pad(1 + (i % 28))} ${pad(8 + (i % 10))}:${pad((i * 7) % 60)}:${pad((i * 13) % 60)}`;
		const base = {
			guid: guidFor(i),
			term: '',
			photo: i % 10 === 3 ? SAMPLE_PHOTO : '',
			due_date: [14, 30, 10, 0][i % 4],
			settlement_date: [14, 30, 20, 0][i % 4],
			trading_partner_id: '',
			vat: '',
			tax_exempt: false,
			output_select: '3',
			updated_timestamp: updated,
		};
		if (i % 24 === 23) {
			const foreign = FOREIGN[Math.floor(i / 24) % FOREIGN.length];
			customers.push({
				...base,
				name: foreign.name,
				address: foreign.address,
				zip: foreign.zip,
				city: foreign.city,
				registration_no: '',
				email: `accounts@${ascii(foreign.name)}.example`,
				phone_number: '',
				lang: 'en',
				currency: foreign.currency,
				tax_exempt: true,
			});
			continue;
		}
		if (i % 3 === 0) {
			const name = `${COMPANY_STEMS[i % COMPANY_STEMS.length]}${COMPANY_TAILS[(i * 7) % COMPANY_TAILS.length]} ${COMPANY_FORMS[i % COMPANY_FORMS.length]}`;
			const stem = ascii(name.split(' ')[0]);
			customers.push({
				...base,
				name: name.charAt(0).toUpperCase() + name.slice(1),
				address: street,
				zip,
				city,
				registration_no: kennitala(day, month, 1990 + (i % 30), i, true),
				email: `bokhald@${stem}.is`,
				phone_number: `5${pad((i * 37) % 100)}${pad((i * 53) % 100, 4)}`,
				trading_partner_id: i % 6 === 0 ? kennitala(day, month, 1990 + (i % 30), i, true) : '',
				output_select: i % 6 === 0 ? '2' : '3',
				vat: String(100000 + i * 131),
				lang: 'is',
				currency: 'ISK',
			});
			continue;
		}
		const first = FIRST_NAMES[i % FIRST_NAMES.length];
		const father = FATHERS[(i * 3) % FATHERS.length];
		const name = `${first} ${father}${FEMALE.has(first) ? 'dóttir' : 'son'}`;
		customers.push({
			...base,
			name,
			address: street,
			zip,
			city,
			registration_no: kennitala(day, month, 1950 + (i % 50), i, false),
			email: `${ascii(first)}.${ascii(father)}${i}@example.is`,
			phone_number: `${[6, 7, 8][i % 3]}${pad((i * 41) % 100)}${pad((i * 29) % 10000, 4)}`,
			lang: 'is',
			currency: 'ISK',
		});
	}
	return {
		tenant: { name: 'Fyrirtæki ehf', registration_no: '4444444444', vat_no: '123456' },
		customers,
		listShape: 'array',
	};
}

export const INVALID_API_KEY: SimReply = { status: 200, body: { status: false, message: 'Invalid api_key', result: null } };

export const HTML_404 =
	'<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>\n';

/** PHP printed a warning in front of the JSON: a typical non-JSON 200 answer. */
export const KONTO_MALFORMED_BODY =
	'<br />\n<b>Warning</b>:  Undefined array key "limit" in <b>/var/www/konto/api/v1/index.php</b> on line <b>212</b><br />\n{"status":true,"message":"","result":[';

function ok(result: unknown, message = ''): SimReply {
	return { status: 200, body: { status: true, message, result } };
}

function fail(message: string): SimReply {
	return { status: 200, body: { status: false, message, result: null } };
}

/** PHP's intval for query values: leading digits, else 0. */
function intval(value: string | undefined): number {
	const match = /^\s*([+-]?\d+)/.exec(value ?? '');
	return match ? Number(match[1]) : 0;
}

function first(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

export class KontoSimulator extends Simulator {
	state: KontoState = seedKonto();

	/** action → handler. Reads accept GET and POST, as the official clients POST reads too. */
	readonly actions: Record<string, ActionHandler> = {
		hello: () => ({
			status: 200,
			body: {
				status: true,
				message: 'Connection succeeded',
				name: this.state.tenant.name,
				registration_no: this.state.tenant.registration_no,
				vat_no: this.state.tenant.vat_no,
			},
		}),
		'get-customers': (params) => {
			const matching = this.searchCustomers(params.search);
			const limit = intval(params.limit);
			if (limit <= 0) return ok(this.shapeList(matching));
			const page = Math.max(1, intval(params.page));
			return ok(this.shapeList(matching.slice((page - 1) * limit, page * limit)));
		},
		'get-count-customers': (params) => ok(this.searchCustomers(params.search).length),
		'get-customer': (params) => {
			const guid = (params.guid ?? '').trim();
			if (!guid) return fail('guid is required');
			const customer = this.state.customers.find((c) => c.guid === guid);
			return customer ? ok(customer) : fail('Customer not found');
		},
	};

	constructor() {
		super({
			name: 'konto',
			routes: [],
			reset: () => {
				this.state = seedKonto();
			},
			malformedBody: KONTO_MALFORMED_BODY,
			malformedContentType: 'text/html; charset=UTF-8',
			notFound: () => ({ status: 404, headers: { 'Content-Type': 'text/html; charset=UTF-8' }, body: HTML_404 }),
			control: {
				'add-customer': (body) => {
					const customer = { ...seedKonto().customers[0], ...(body as Partial<KontoSimCustomer>) } as KontoSimCustomer;
					this.state.customers.push(customer);
					return customer;
				},
				'set-list-shape': (body) => {
					this.state.listShape = (body as { shape?: 'array' | 'object' }).shape === 'object' ? 'object' : 'array';
					return { listShape: this.state.listShape };
				},
			},
		});
		const handler = (req: SimRequest, params: Record<string, string>) => this.handleAction(req, params.action);
		this.addRoutes([
			{ method: 'GET', pattern: '/api/v1/:action', handler },
			{ method: 'POST', pattern: '/api/v1/:action', handler },
		]);
	}

	/** The parameters Konto sees: the query string for GET; query merged with form fields for POST. */
	params(req: SimRequest): KontoParams {
		const out: KontoParams = {};
		for (const [key, value] of Object.entries(req.query)) out[key] = first(value) ?? '';
		if (req.method === 'POST' && req.body && typeof req.body === 'object') {
			for (const [key, value] of Object.entries(req.body as Record<string, unknown>)) out[key] = String(value);
		}
		return out;
	}

	authorized(params: KontoParams): boolean {
		return params.username === SANDBOX_KEYS.konto.username && params.api_key === SANDBOX_KEYS.konto.apiKey;
	}

	private handleAction(req: SimRequest, action: string): SimReply {
		const params = this.params(req);
		if (!this.authorized(params)) return INVALID_API_KEY;
		const handler = this.actions[action];
		if (!handler) return fail('Unknown action');
		return handler(params, req);
	}

	/** Konto's name search: case-insensitive "contains"; no search = every customer (no copy). */
	searchCustomers(search: string | undefined): KontoSimCustomer[] {
		const needle = (search ?? '').trim().toLocaleLowerCase('is');
		if (!needle) return this.state.customers;
		return this.state.customers.filter((c) => c.name.toLocaleLowerCase('is').includes(needle));
	}

	private shapeList<T>(rows: T[]): T[] | Record<string, T> {
		if (this.state.listShape === 'array') return rows;
		return Object.fromEntries(rows.map((row, i) => [String(i), row]));
	}
}

export function createSimulator(): KontoSimulator {
	return new KontoSimulator();
}

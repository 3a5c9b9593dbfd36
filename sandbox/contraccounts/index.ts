/**
 * Contraccounts simulator: one PHP-style endpoint, `POST /api.php`, taking the URL-encoded
 * name/value pairs of Contraccounts' developer page (http://www.contraccounts.com/developers_api_documentation.php).
 *
 * Checked strictly, per the document:
 * - `api_key` must be the FIRST variable (a leading `&`, as in the PHP examples, is harmless);
 * - each request type is switched on by its activation variable with the literal value `TRUE`
 *   (`insert_income`, `insert_expense`, `create_invoice`, `invoice_admin`, `refund`), and several
 *   types may come in one POST;
 * - mandatory sub-variables, money "integer or 2 d.p." with `.`, dates yyyy-mm-dd (real dates),
 *   reference ids under 10 characters (counted in bytes, as PHP's strlen does), whole-number
 *   quantities, rates "decimal or DEFAULT", `0`/`1` for auto_email_invoice, the linked VAT pairs,
 *   invoice lines 1…12.
 *
 * SIMULATOR ASSUMPTIONS. The real response format, error signalling and atomicity are not
 * documented (contraccounts.md section 4); this simulator answers like this:
 * - `Content-Type: text/plain; charset=utf-8`, one line per request type, in the order the
 *   activation variables were sent:
 *     `OK: insert_income id=<n> reference=<custom_income_id>` (reference only when one was given)
 *     `OK: insert_expense id=<n> …`, `OK: create_invoice id=<n> …`, `OK: invoice_admin reference=<r> status=<s>`,
 *     `OK: refund id=<n> reference=<refund_reference>`;
 * - business errors (a bad or missing sub-variable, an unknown reference, a used reference id):
 *   HTTP 200 with `ERROR: <type>: <reason>` lines; a combined request is all-or-nothing (nothing
 *   is stored when any part fails);
 * - a missing or wrong API key: HTTP 401, `ERROR: invalid API key`;
 * - a malformed request (api_key not first, a variable sent twice, an unknown variable, a
 *   sub-variable without its activation variable): HTTP 400, `ERROR: <reason>`;
 * - not a form body: 415; not POST: 405; any other path: 404;
 * - only `api_key` (what the credential test sends): HTTP 200, `OK: API key accepted; no request type was sent`.
 */
import { Simulator, type SimReply, type SimRequest } from '../framework';
import { SANDBOX_KEYS } from '../credentials';

export const ENDPOINT_PATH = '/api.php';

export const REQUEST_TYPES = ['insert_income', 'insert_expense', 'create_invoice', 'invoice_admin', 'refund'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

type Kind = 'text' | 'money' | 'date' | 'ref' | 'int' | 'rate' | 'true' | 'bool01' | 'email';

interface VarSpec {
	name: string;
	kind: Kind;
	required?: boolean;
}

const v = (name: string, kind: Kind, required = false): VarSpec => ({ name, kind, required });

function entrySpecs(suffix: 'income' | 'expense', party: string): VarSpec[] {
	return [
		v(`product_id_${suffix}`, 'text', true),
		v(`gross_amount_${suffix}`, 'money', true),
		v(`payment_method_${suffix}`, 'text', true),
		v(party, 'text', true),
		v(`custom_${suffix}_date`, 'date'),
		v(`custom_${suffix}_id`, 'ref'),
		v(`quantity_${suffix}`, 'int'),
		v(`vat_calculate_${suffix}`, 'rate'),
		v(`vat_assign_${suffix}`, 'money'),
		v(`vat_assign_rate_${suffix}`, 'rate'),
	];
}

export const MAX_INVOICE_LINES = 12;

function invoiceSpecs(): VarSpec[] {
	const specs: VarSpec[] = [
		v('custom_invoice_id', 'ref'),
		v('service_id_invoice', 'text', true),
		v('custom_invoice_date', 'date'),
		v('client_invoice', 'text', true),
		v('address1_invoice', 'text', true),
		v('address2_invoice', 'text'),
		v('town_invoice', 'text', true),
		v('county_invoice', 'text', true),
		v('postalcode_invoice', 'text', true),
		v('country_invoice', 'text', true),
	];
	for (let n = 1; n <= MAX_INVOICE_LINES; n++) {
		specs.push(
			v(`sub_item_${n}`, 'text', n === 1),
			v(`sub_item_${n}_unitprice`, 'money', n === 1),
			v(`sub_item_${n}_description`, 'text', n === 1),
			v(`sub_item_${n}_quantity`, 'int'),
		);
	}
	specs.push(
		v('vat_apply_invoice', 'rate'),
		v('vat_assign_invoice', 'money'),
		v('vatrate_assign_rate_invoice', 'rate'),
		v('client_email', 'email'),
		v('auto_email_invoice', 'bool01'),
	);
	return specs;
}

/** Every request type's sub-variables, in the document's order. */
export const SUB_VARIABLES: Record<RequestType, VarSpec[]> = {
	insert_income: entrySpecs('income', 'buyer_name_income'),
	insert_expense: entrySpecs('expense', 'recipient_expense'),
	create_invoice: invoiceSpecs(),
	invoice_admin: [
		v('invoice_reference', 'text', true),
		v('invoice_paid', 'true'),
		v('payment_method_invoice', 'text'),
		v('invoice_paid_date', 'date'),
		v('invoice_awaiting', 'true'),
		v('invoice_request_date', 'date'),
		v('invoice_request_orig', 'true'),
		v('invoice_email', 'true'),
	],
	refund: [v('refund_reference', 'text', true), v('refund_date', 'date')],
};

/** "Related variables (require each other to be set)". */
const LINKED: Array<[string, string]> = [
	['vat_assign_income', 'vat_assign_rate_income'],
	['vat_assign_expense', 'vat_assign_rate_expense'],
	['vat_assign_invoice', 'vatrate_assign_rate_invoice'],
];

/** Two ways of stating VAT that contradict each other when both are sent. */
const EXCLUSIVE: Array<[string, string]> = [
	['vat_calculate_income', 'vat_assign_income'],
	['vat_calculate_expense', 'vat_assign_expense'],
	['vat_apply_invoice', 'vat_assign_invoice'],
];

/** Which request type each sub-variable belongs to. */
const OWNER = new Map<string, RequestType>();
for (const type of REQUEST_TYPES) for (const spec of SUB_VARIABLES[type]) OWNER.set(spec.name, type);

export const MAX_TEXT = 255;
export const MAX_INVOICE_EMAILS = 4;

function isRealDate(text: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
	const date = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Why a value is not acceptable for its kind, or undefined when it is. */
function checkValue(spec: VarSpec, value: string): string | undefined {
	switch (spec.kind) {
		case 'text':
			if (value.trim() === '') return `${spec.name} is empty`;
			if ([...value].length > MAX_TEXT) return `${spec.name} is longer than ${MAX_TEXT} characters`;
			if (/[\u0000-\u001f\u007f]/.test(value)) return `${spec.name} contains control characters`;
			return undefined;
		case 'money':
			return /^\d+(\.\d{2})?$/.test(value)
				? undefined
				: `${spec.name} must be an integer or a decimal with 2 decimal places, e.g. 25.00 (got "${value}")`;
		case 'date':
			return isRealDate(value) ? undefined : `${spec.name} must be a real date written yyyy-mm-dd (got "${value}")`;
		case 'ref':
			if (value === '') return `${spec.name} is empty`;
			return Buffer.byteLength(value, 'utf8') < 10 ? undefined : `${spec.name} must be under 10 characters (got "${value}")`;
		case 'int':
			return /^\d+$/.test(value) && Number(value) >= 1 ? undefined : `${spec.name} must be a whole number of at least 1 (got "${value}")`;
		case 'rate':
			return value === 'DEFAULT' || /^\d+(\.\d+)?$/.test(value)
				? undefined
				: `${spec.name} must be a decimal rate or DEFAULT (got "${value}")`;
		case 'true':
			return value === 'TRUE' ? undefined : `${spec.name} must be TRUE (got "${value}")`;
		case 'bool01':
			return value === '0' || value === '1' ? undefined : `${spec.name} must be 0 or 1 (got "${value}")`;
		case 'email':
			return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? undefined : `${spec.name} must be an e-mail address (got "${value}")`;
	}
}

export interface StoredEntry {
	id: number;
	/** custom_*_id, when one was given. */
	reference?: string;
	/** yyyy-mm-dd: the custom date, or the day it was received. */
	date: string;
	/** The sub-variables as received (decoded). */
	fields: Record<string, string>;
}

export interface StoredIncome extends StoredEntry {
	refundedOn?: string;
}

export interface StoredInvoice extends StoredEntry {
	status: 'Awaiting Payment' | 'Paid';
	emailsSent: number;
}

export interface StoredRefund {
	id: number;
	reference: string;
	date: string;
}

export interface ContraccountsState {
	nextId: number;
	incomes: StoredIncome[];
	expenses: StoredEntry[];
	invoices: StoredInvoice[];
	refunds: StoredRefund[];
	/** invoice_admin requests carried out, as received. */
	adminActions: Array<Record<string, string>>;
}

export function seedContraccounts(): ContraccountsState {
	return { nextId: 1, incomes: [], expenses: [], invoices: [], refunds: [], adminActions: [] };
}

const text = (status: number, body: string, headers: Record<string, string> = {}): SimReply => ({
	status,
	headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers },
	body: `${body}\n`,
});

function today(): string {
	return new Date().toISOString().slice(0, 10);
}

/** One request type of a POST, with its own sub-variables. */
interface Part {
	type: RequestType;
	fields: Record<string, string>;
}

export class ContraccountsSimulator extends Simulator {
	state: ContraccountsState = seedContraccounts();

	constructor() {
		super({
			name: 'contraccounts',
			routes: [],
			reset: () => {
				this.state = seedContraccounts();
			},
			malformedBody: '<html><body>Fatal error: Uncaught Error in api.php on line 1</body></html>',
			malformedContentType: 'text/html; charset=utf-8',
			notFound: (req) =>
				req.path === ENDPOINT_PATH
					? text(405, `ERROR: use POST (not ${req.method})`, { Allow: 'POST' })
					: text(404, 'ERROR: not found'),
			control: {
				state: () => this.state,
			},
		});
		this.addRoutes([{ method: 'POST', pattern: ENDPOINT_PATH, handler: (req) => this.handlePost(req) }]);
	}

	/** The income stored under a custom_income_id. */
	income(reference: string): StoredIncome | undefined {
		return this.state.incomes.find((income) => income.reference === reference);
	}

	private handlePost(req: SimRequest): SimReply {
		const contentType = String(req.headers['content-type'] ?? '');
		if (!contentType.toLowerCase().includes('application/x-www-form-urlencoded')) {
			return text(415, 'ERROR: send the data as application/x-www-form-urlencoded name=value pairs');
		}
		const pairs = req.formFields ?? [];
		if (pairs.length === 0 || pairs[0][0] !== 'api_key') {
			return text(400, 'ERROR: the first variable must be api_key');
		}
		const seen = new Set<string>();
		for (const [name] of pairs) {
			if (seen.has(name)) return text(400, `ERROR: variable ${name} was sent more than once`);
			seen.add(name);
		}
		if (pairs[0][1] !== SANDBOX_KEYS.contraccounts.apiKey) return text(401, 'ERROR: invalid API key');

		const parts: Part[] = [];
		const activation = new Map<RequestType, string>();
		for (const [name, value] of pairs.slice(1)) {
			if ((REQUEST_TYPES as readonly string[]).includes(name)) {
				activation.set(name as RequestType, value);
				parts.push({ type: name as RequestType, fields: {} });
			} else if (!OWNER.has(name)) {
				return text(400, `ERROR: unknown variable ${name}`);
			}
		}
		for (const [name, value] of pairs.slice(1)) {
			const owner = OWNER.get(name);
			if (!owner) continue;
			const part = parts.find((p) => p.type === owner);
			if (!part) return text(400, `ERROR: ${name} was sent without ${owner}=TRUE`);
			part.fields[name] = value;
		}
		if (parts.length === 0) return text(200, 'OK: API key accepted; no request type was sent');

		const errors: string[] = [];
		for (const part of parts) {
			const value = activation.get(part.type);
			if (value !== 'TRUE') {
				errors.push(`ERROR: ${part.type}: the activation value must be TRUE (got "${value}")`);
				continue;
			}
			for (const problem of this.check(part, parts)) errors.push(`ERROR: ${part.type}: ${problem}`);
		}
		if (errors.length) return text(200, errors.join('\n'));
		return text(200, parts.map((part) => this.apply(part)).join('\n'));
	}

	/** Every problem with one part; `all` lets a part refer to one created earlier in the same POST. */
	private check(part: Part, all: Part[]): string[] {
		const problems: string[] = [];
		const { fields } = part;
		const has = (name: string) => fields[name] !== undefined && fields[name] !== '';
		for (const spec of SUB_VARIABLES[part.type]) {
			const value = fields[spec.name];
			if (value === undefined || value === '') {
				if (spec.required) problems.push(`${spec.name} is mandatory`);
				continue;
			}
			const problem = checkValue(spec, value);
			if (problem) problems.push(problem);
		}
		for (const [a, b] of LINKED) {
			if (OWNER.get(a) === part.type && has(a) !== has(b)) problems.push(`${a} and ${b} must be sent together`);
		}
		for (const [a, b] of EXCLUSIVE) {
			if (has(a) && has(b)) problems.push(`${a} cannot be combined with ${b}`);
		}
		const earlier = all.slice(0, all.indexOf(part));
		switch (part.type) {
			case 'insert_income':
			case 'insert_expense': {
				const suffix = part.type === 'insert_income' ? 'income' : 'expense';
				const reference = fields[`custom_${suffix}_id`];
				const store = suffix === 'income' ? this.state.incomes : this.state.expenses;
				if (reference && store.some((entry) => entry.reference === reference)) {
					problems.push(`custom_${suffix}_id "${reference}" is already used`);
				}
				const gross = fields[`gross_amount_${suffix}`];
				const vat = fields[`vat_assign_${suffix}`];
				if (gross && vat && /^\d/.test(gross) && /^\d/.test(vat) && Number(vat) > Number(gross)) {
					problems.push(`vat_assign_${suffix} is more than gross_amount_${suffix}`);
				}
				break;
			}
			case 'create_invoice': {
				const reference = fields.custom_invoice_id;
				if (reference && this.state.invoices.some((invoice) => invoice.reference === reference)) {
					problems.push(`custom_invoice_id "${reference}" is already used`);
				}
				for (let n = 2; n <= MAX_INVOICE_LINES; n++) {
					const names = [`sub_item_${n}`, `sub_item_${n}_unitprice`, `sub_item_${n}_description`];
					const any = [...names, `sub_item_${n}_quantity`].some(has);
					if (any) for (const name of names) if (!has(name)) problems.push(`${name} is mandatory when line ${n} is sent`);
				}
				if (fields.auto_email_invoice === '1' && !has('client_email')) {
					problems.push('auto_email_invoice=1 needs client_email');
				}
				break;
			}
			case 'invoice_admin': {
				const reference = fields.invoice_reference;
				const pending = earlier.find((p) => p.type === 'create_invoice' && p.fields.custom_invoice_id === reference);
				const invoice = this.state.invoices.find((i) => i.reference === reference);
				if (reference && !invoice && !pending) problems.push(`no invoice with reference "${reference}"`);
				if (has('invoice_paid') && has('invoice_awaiting')) problems.push('invoice_paid and invoice_awaiting cannot both be sent');
				if ((has('invoice_paid_date') || has('payment_method_invoice')) && !has('invoice_paid')) {
					problems.push('invoice_paid_date and payment_method_invoice need invoice_paid=TRUE');
				}
				if ((has('invoice_request_date') || has('invoice_request_orig')) && !has('invoice_awaiting')) {
					problems.push('invoice_request_date and invoice_request_orig need invoice_awaiting=TRUE');
				}
				if (has('invoice_email')) {
					const email = invoice?.fields.client_email ?? pending?.fields.client_email;
					if ((invoice || pending) && !email) problems.push('the invoice has no client_email');
					if (invoice && invoice.emailsSent >= MAX_INVOICE_EMAILS) {
						problems.push(`the invoice was already e-mailed ${MAX_INVOICE_EMAILS} times (the maximum)`);
					}
				}
				break;
			}
			case 'refund': {
				const reference = fields.refund_reference;
				const pending = earlier.find((p) => p.type === 'insert_income' && p.fields.custom_income_id === reference);
				const income = this.income(reference);
				if (reference && !income && !pending) problems.push(`no income with reference "${reference}"`);
				if (income?.refundedOn) problems.push(`the income "${reference}" was already refunded on ${income.refundedOn}`);
				break;
			}
		}
		return problems;
	}

	/** Store a checked part and return its OK line. */
	private apply(part: Part): string {
		const { fields } = part;
		const newId = () => this.state.nextId++;
		const withReference = (line: string, reference: string | undefined) =>
			reference ? `${line} reference=${reference}` : line;
		switch (part.type) {
			case 'insert_income': {
				const reference = fields.custom_income_id;
				const id = newId();
				this.state.incomes.push({ id, reference, date: fields.custom_income_date ?? today(), fields });
				return withReference(`OK: insert_income id=${id}`, reference);
			}
			case 'insert_expense': {
				const reference = fields.custom_expense_id;
				const id = newId();
				this.state.expenses.push({ id, reference, date: fields.custom_expense_date ?? today(), fields });
				return withReference(`OK: insert_expense id=${id}`, reference);
			}
			case 'create_invoice': {
				const reference = fields.custom_invoice_id;
				const emailed = fields.auto_email_invoice === '1' ? 1 : 0;
				const id = newId();
				this.state.invoices.push({
					id,
					reference,
					date: fields.custom_invoice_date ?? today(),
					fields,
					status: 'Awaiting Payment',
					emailsSent: emailed,
				});
				return withReference(`OK: create_invoice id=${id}`, reference);
			}
			case 'invoice_admin': {
				const invoice = this.state.invoices.find((i) => i.reference === fields.invoice_reference)!;
				if (fields.invoice_paid === 'TRUE') invoice.status = 'Paid';
				if (fields.invoice_awaiting === 'TRUE') invoice.status = 'Awaiting Payment';
				if (fields.invoice_email === 'TRUE') invoice.emailsSent += 1;
				this.state.adminActions.push(fields);
				return `OK: invoice_admin reference=${fields.invoice_reference} status=${invoice.status.replace(' ', '_')}`;
			}
			case 'refund': {
				const date = fields.refund_date ?? today();
				const income = this.income(fields.refund_reference)!;
				income.refundedOn = date;
				const id = newId();
				this.state.refunds.push({ id, reference: fields.refund_reference, date });
				return `OK: refund id=${id} reference=${fields.refund_reference}`;
			}
		}
	}
}

export function createSimulator(): ContraccountsSimulator {
	return new ContraccountsSimulator();
}

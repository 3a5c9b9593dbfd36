/**
 * Conta simulator: faithful to Conta's OpenAPI document for the routes the package uses.
 * - `apiKey` header checked on every route; a missing or wrong key gets the API-category 401 body.
 * - Error bodies `{ category, name, messages: { EN, NO } }` (INPUT adds `input` and `errors[]`, see
 *   `schema.ts`; CUSTOM business errors are 422 with `properties`).
 * - Org-scoped routes check the organization: unknown → 404 `NotFoundIdModelStorageToolException`,
 *   deleted/blocked → 403 `OrgAccessDeniedException`.
 * - Bare-array lists where the spec has them; search routes use the paged envelope (`search.ts`).
 * - Unknown routes 404 `UrlNotFoundException`, a known route with the wrong method 405
 *   `UrlMethodNotFoundException`.
 * - Temporary file links (`GET {o}/files/{id}` → `fileUrl`) point at `/__files/<token>` on this
 *   simulator and need no key.
 * - `createdAt` is sent as Oslo wall time without an offset (`2026-11-30T10:15:00`) by default;
 *   `createdAtForm` (control action `created-at-form` with `{ form }`) switches every reply to the
 *   spec's `date-time` with an offset: `offset` (`2026-11-30T10:15:00+01:00`) or `utc`
 *   (`2026-11-30T09:15:00Z`). Conta's zone for it is not documented (conta.md §2.3).
 * - `maxPageSize` (control action `max-page-size` with `{ max }`, `null` to switch off) makes
 *   search routes cap the page size like a server with a maximum would: `hits` above it (or
 *   `hits=0`) is read as the maximum, and `pageCount` follows. The spec sets no maximum.
 *
 * Data and status rules live in `state.ts`; each area's routes in `routes/*.ts`.
 */
import { Simulator, type Route, type SimReply, type SimRequest } from '../framework';
import { SANDBOX_KEYS } from '../credentials';
import { seedConta, orgData, zonedCreatedAt, type ContaOrg, type ContaState, type CreatedAtForm, type Json, type OrgData } from './state';
import { bankAccountRoutes } from './routes/bankAccounts';
import { customerRoutes } from './routes/customers';
import { draftRoutes } from './routes/drafts';
import { ehfRoutes } from './routes/ehf';
import { fileRoutes } from './routes/files';
import { invoiceRoutes } from './routes/invoices';
import { paymentRoutes } from './routes/payments';
import { transactionRoutes } from './routes/transactions';

export type { ContaOrg, ContaState, CreatedAtForm } from './state';
export { seedConta } from './state';

export function contaError(
	status: number,
	category: 'API' | 'CUSTOM' | 'SYSTEM' | 'INPUT',
	name: string,
	en: string,
	no: string,
	extra: Record<string, unknown> = {},
): SimReply {
	return { status, body: { category, name, messages: { EN: en, NO: no }, ...extra } };
}

/** A business-rule error (HTTP 422, category CUSTOM). `name` is PascalCase as on the wire. */
export function customError(name: string, en: string, properties: Record<string, unknown> = {}): SimReply {
	return contaError(422, 'CUSTOM', name, en, en, { properties });
}

/** 404 for an id that does not exist in this organization. */
export function notFoundId(what: string, id: string | number): SimReply {
	return contaError(
		404,
		'API',
		'NotFoundIdModelStorageToolException',
		`The ${what} with id ${id} was not found.`,
		`Fant ikke ${what} med id ${id}.`,
	);
}

export const LOGIN_REQUIRED = contaError(
	401,
	'API',
	'LoginRequiredException',
	'Login required: the API key is missing, invalid or revoked.',
	'Innlogging kreves: API-nøkkelen mangler, er ugyldig eller trukket tilbake.',
);

export type OrgHandler = (
	req: SimRequest,
	params: Record<string, string>,
	org: { id: number; data: OrgData },
) => SimReply | Promise<SimReply>;

/** Parse a path id the way Conta does: a positive integer, else a 409 INPUT error. */
export function pathInt(value: string, name: string): number | SimReply {
	if (!/^[1-9]\d{0,17}$/.test(value)) {
		return {
			status: 409,
			body: {
				category: 'INPUT',
				name: 'InputOpException',
				input: { [name]: value },
				errors: [
					{
						type: 'propertyCondition',
						id: 'dataType',
						property: { path: name, value, pathName: { EN: name, NO: name }, dataType: ['ASGARD_TYPE_INTEGER'] },
						messages: { EN: `The ${name} must be a whole number.`, NO: `${name} må være et heltall.` },
					},
				],
			},
		};
	}
	return Number(value);
}

export const isReply = (value: unknown): value is SimReply =>
	typeof value === 'object' && value !== null && ('status' in value || 'body' in value);

const CREATED_AT_FORMS: readonly CreatedAtForm[] = ['local', 'offset', 'utc'];

/** A copy of `value` with every `createdAt` written in `form` (records are never changed). */
function withCreatedAt(value: unknown, form: CreatedAtForm): unknown {
	if (Array.isArray(value)) return value.map((entry) => withCreatedAt(entry, form));
	if (!value || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
	const out: Json = {};
	for (const [key, entry] of Object.entries(value as Json))
		out[key] = key === 'createdAt' && typeof entry === 'string' ? zonedCreatedAt(entry, form) : withCreatedAt(entry, form);
	return out;
}

export class ContaSimulator extends Simulator {
	state: ContaState = seedConta();
	/** How replies write `createdAt` (see the header); `reset()` restores `local`. */
	createdAtForm: CreatedAtForm = 'local';
	/** The largest page a search route sends (see the header); `reset()` switches it off. */
	maxPageSize: number | undefined = undefined;

	constructor() {
		super({
			name: 'conta',
			routes: [],
			reset: () => {
				this.state = seedConta();
				this.createdAtForm = 'local';
				this.maxPageSize = undefined;
			},
			malformedBody: '{"hits": [ {"id": 1, ',
			notFound: (req) => this.notFound(req),
			control: {
				'add-organization': (body) => {
					const org = body as ContaOrg;
					this.state.organizations.push(org);
					orgData(this.state, org.id);
					return org;
				},
				'created-at-form': (body) => {
					const form = (body as { form?: CreatedAtForm }).form ?? 'local';
					if (!CREATED_AT_FORMS.includes(form)) return { error: `form must be one of ${CREATED_AT_FORMS.join(', ')}` };
					this.createdAtForm = form;
					return { form };
				},
				'max-page-size': (body) => {
					const max = (body as { max?: unknown }).max ?? null;
					if (max !== null && !(typeof max === 'number' && Number.isSafeInteger(max) && max >= 1)) return { error: 'max must be a positive whole number or null' };
					this.maxPageSize = max ?? undefined;
					return { max };
				},
			},
		});
		this.addRoutes([
			{
				method: 'GET',
				pattern: '/invoice/organizations',
				handler: this.guard(() => ({ status: 200, body: this.state.organizations })),
			},
			...customerRoutes(this),
			...bankAccountRoutes(this),
			...invoiceRoutes(this),
			...draftRoutes(this),
			...paymentRoutes(this),
			...transactionRoutes(this),
			...fileRoutes(this),
			...ehfRoutes(this),
		]);
	}

	/** The simulator's own origin (for temporary file links). Set once it listens. */
	origin = '';

	override async start(port = 0, host = '127.0.0.1'): Promise<string> {
		const url = await super.start(port, host);
		this.origin = url;
		return url;
	}

	authorized(req: SimRequest): boolean {
		return req.headers['apikey'] === SANDBOX_KEYS.conta.apiKey;
	}

	guard(handler: Route['handler']): Route['handler'] {
		return async (req, params) => (this.authorized(req) ? this.present(await handler(this.capped(req), params)) : LOGIN_REQUIRED);
	}

	/** The request as a server with `maxPageSize` reads it (the recorded request is left alone). */
	private capped(req: SimRequest): SimRequest {
		const max = this.maxPageSize;
		const hits = req.query.hits;
		if (max === undefined || typeof hits !== 'string' || !/^\d+$/.test(hits)) return req;
		const size = Number(hits);
		return size === 0 || size > max ? { ...req, query: { ...req.query, hits: String(max) } } : req;
	}

	/** The reply with `createdAt` in the chosen form. */
	private present(reply: SimReply): SimReply {
		if (this.createdAtForm === 'local' || reply.body === undefined) return reply;
		return { ...reply, body: withCreatedAt(reply.body, this.createdAtForm) };
	}

	/** Key check + organization check (`:orgId` in the pattern), then the handler. */
	org(handler: OrgHandler): Route['handler'] {
		return this.guard((req, params) => {
			const id = pathInt(params.orgId, 'opContextOrgId');
			if (isReply(id)) return id;
			const org = this.state.organizations.find((o) => o.id === id);
			if (!org) return notFoundId('organization', id);
			if (!org.active || !org.blockedStatus.startsWith('NOT_BLOCKED')) {
				return contaError(
					403,
					'API',
					'OrgAccessDeniedException',
					'You do not have access to this organization.',
					'Du har ikke tilgang til denne organisasjonen.',
				);
			}
			return handler(req, params, { id, data: orgData(this.state, id) });
		});
	}

	private notFound(req: SimRequest): SimReply {
		if (this.hasPath(req.path))
			return contaError(405, 'API', 'UrlMethodNotFoundException', `Method ${req.method} is not allowed for this URL.`, `Metoden ${req.method} er ikke tillatt for denne URL-en.`);
		return contaError(404, 'API', 'UrlNotFoundException', 'The URL was not found.', 'URL-en ble ikke funnet.');
	}
}

export function createSimulator(): ContaSimulator {
	return new ContaSimulator();
}

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
 *
 * Data and status rules live in `state.ts`; each area's routes in `routes/*.ts`.
 */
import { Simulator, type Route, type SimReply, type SimRequest } from '../framework';
import { SANDBOX_KEYS } from '../credentials';
import { seedConta, orgData, type ContaOrg, type ContaState, type OrgData } from './state';
import { bankAccountRoutes } from './routes/bankAccounts';
import { customerRoutes } from './routes/customers';
import { draftRoutes } from './routes/drafts';
import { ehfRoutes } from './routes/ehf';
import { fileRoutes } from './routes/files';
import { invoiceRoutes } from './routes/invoices';
import { paymentRoutes } from './routes/payments';
import { transactionRoutes } from './routes/transactions';

export type { ContaOrg, ContaState } from './state';
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

export class ContaSimulator extends Simulator {
	state: ContaState = seedConta();

	constructor() {
		super({
			name: 'conta',
			routes: [],
			reset: () => {
				this.state = seedConta();
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
		return (req, params) => (this.authorized(req) ? handler(req, params) : LOGIN_REQUIRED);
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

/**
 * Conta simulator: faithful to Conta's OpenAPI document for the routes the package uses.
 * - `apiKey` header checked on every route; a missing or wrong key gets the API-category 401 body.
 * - Error bodies `{ category, name, messages: { EN, NO } }` (INPUT adds `input` and `errors[]`).
 * - Bare-array lists where the spec has them; unknown routes 404 `UrlNotFoundException`, a known
 *   route with the wrong method 405 `UrlMethodNotFoundException`.
 */
import { Simulator, type Route, type SimReply, type SimRequest } from '../framework';
import { SANDBOX_KEYS } from '../credentials';

export interface ContaOrg {
	id: number;
	name: string;
	blockedStatus: string;
	active: boolean;
}

export interface ContaState {
	organizations: ContaOrg[];
}

export function seedConta(): ContaState {
	return {
		organizations: [
			{ id: 101, name: 'Fjordkraft Demo AS', blockedStatus: 'NOT_BLOCKED', active: true },
			{ id: 102, name: 'Nordlys Regnskap AS', blockedStatus: 'NOT_BLOCKED', active: true },
			{ id: 103, name: 'Gammel Butikk AS', blockedStatus: 'DELETED', active: false },
		],
	};
}

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

export const LOGIN_REQUIRED = contaError(
	401,
	'API',
	'LoginRequiredException',
	'Login required: the API key is missing, invalid or revoked.',
	'Innlogging kreves: API-nøkkelen mangler, er ugyldig eller trukket tilbake.',
);

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
					return org;
				},
			},
		});
		this.addRoutes(this.buildRoutes());
	}

	private authorized(req: SimRequest): boolean {
		return req.headers['apikey'] === SANDBOX_KEYS.conta.apiKey;
	}

	private guard(handler: Route['handler']): Route['handler'] {
		return (req, params) => (this.authorized(req) ? handler(req, params) : LOGIN_REQUIRED);
	}

	private buildRoutes(): Route[] {
		return [
			{
				method: 'GET',
				pattern: '/invoice/organizations',
				handler: this.guard(() => ({ status: 200, body: this.state.organizations })),
			},
		];
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

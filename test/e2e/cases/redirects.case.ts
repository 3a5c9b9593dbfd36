/**
 * Redirects inside a real n8n: each provider's simulator answers one request with a 3xx pointing at
 * ANOTHER simulator (another origin). The node must not follow it (Conta's `apiKey` header, Konto's
 * query credentials, the Contraccounts and AutoInvoice bodies with their keys would go along), must
 * fail with a message naming the Location, and the other origin must receive nothing.
 */
import { SANDBOX_KEYS } from '../../../sandbox/credentials';
import { sandboxCredentials, SANDBOX_CREDENTIAL_IDS } from '../../../sandbox/n8n-credentials';
import { SOAP_PATH } from '../../../sandbox/autoinvoice';
import type { Sandbox } from '../../../sandbox';
import { nodeError, requestsDuring } from '../n8n-runner';
import { chain, pkgNode } from '../workflow';
import type { E2ECase } from '../types';

const CATCH = '/e2e-redirect-catch';
const CONTA_ORG = '9090';
const KONTO_SEARCH = 'e2e-redirect';
const CC_301 = { id: 'contraccounts-redirect-301', path: '/e2e-redirect-301' };
const CC_307 = { id: 'contraccounts-redirect-307', path: '/e2e-redirect-307' };
const AI_307 = { id: 'autoinvoice-redirect-307', path: '/e2e-redirect-307' };

const WF = {
	conta: 'e2eRedirectConta',
	konto: 'e2eRedirectKonto',
	cc301: 'e2eRedirectCc301',
	cc307: 'e2eRedirectCc307',
	autoinvoice: 'e2eRedirectAi307',
};

const income = {
	resource: 'income',
	operation: 'insert',
	productId: 'e2e redirect',
	grossAmount: 10,
	paymentMethod: 'Debit Card',
	buyerName: 'Redirect Test',
	additionalFields: {},
	options: {},
};

/** Requests that reached a catcher (the redirect target) on any simulator. */
function caught(sims: Sandbox['sims']) {
	return Object.values(sims).flatMap((sim) => sim.requests.filter((r) => r.path.startsWith(CATCH)));
}

const redirects: E2ECase = {
	provider: 'redirects',
	credentials: (urls) => [
		...sandboxCredentials(urls).filter((c) => c.type === 'contaApi' || c.type === 'kontoApi'),
		{ id: CC_301.id, name: 'Contraccounts (redirects 301)', type: 'contraccountsApi', data: { endpointUrl: `${urls.contraccounts}${CC_301.path}`, apiKey: SANDBOX_KEYS.contraccounts.apiKey } },
		{ id: CC_307.id, name: 'Contraccounts (redirects 307)', type: 'contraccountsApi', data: { endpointUrl: `${urls.contraccounts}${CC_307.path}`, apiKey: SANDBOX_KEYS.contraccounts.apiKey } },
		{
			id: AI_307.id,
			name: 'AutoInvoice (redirects 307)',
			type: 'autoInvoiceApi',
			data: { ...SANDBOX_KEYS.autoinvoice, environment: 'custom', endpointUrl: `${urls.autoinvoice}${AI_307.path}` },
		},
	],
	workflows: () => [
		chain(WF.conta, 'e2e redirect Conta', [
			pkgNode(
				'conta',
				'contaApi',
				'Conta',
				{ resource: 'customer', operation: 'getAll', organization: { __rl: true, mode: 'id', value: CONTA_ORG }, returnAll: false, limit: 5, filters: {}, options: {} },
				SANDBOX_CREDENTIAL_IDS.conta,
			),
		]),
		chain(WF.konto, 'e2e redirect Konto', [
			pkgNode('konto', 'kontoApi', 'Konto', { resource: 'customer', operation: 'getAll', returnAll: false, limit: 3, simplify: true, filters: { search: KONTO_SEARCH } }, SANDBOX_CREDENTIAL_IDS.konto),
		]),
		chain(WF.cc301, 'e2e redirect Contraccounts 301', [pkgNode('contraccounts', 'contraccountsApi', 'Contraccounts', income, CC_301.id)]),
		chain(WF.cc307, 'e2e redirect Contraccounts 307', [pkgNode('contraccounts', 'contraccountsApi', 'Contraccounts', income, CC_307.id)]),
		chain(WF.autoinvoice, 'e2e redirect AutoInvoice 307', [
			pkgNode('autoInvoice', 'autoInvoiceApi', 'AutoInvoice', { resource: 'consumerAgreement', operation: 'getStatus', referenceNumber: '1234' }, AI_307.id),
		]),
	],
	setup(sims) {
		// Every target is another simulator, i.e. another origin.
		sims.conta.injectFault({
			pathIncludes: `/invoice/organizations/${CONTA_ORG}/customers`,
			status: 302,
			headers: { Location: `${sims.konto.url}${CATCH}/conta` },
			times: 5,
		});
		sims.konto.injectFault({
			match: (req) => req.query.search === KONTO_SEARCH,
			status: 302,
			headers: { Location: `${sims.conta.url}${CATCH}/konto` },
			times: 5,
		});
		sims.contraccounts.injectFault({ match: (req) => req.path === CC_301.path, status: 301, headers: { Location: `${sims.conta.url}${CATCH}/cc301` }, times: 5 });
		sims.contraccounts.injectFault({ match: (req) => req.path === CC_307.path, status: 307, headers: { Location: `${sims.conta.url}${CATCH}/cc307` }, times: 5 });
		sims.autoinvoice.injectFault({ match: (req) => req.path === AI_307.path, status: 307, headers: { Location: `${sims.conta.url}${CATCH}${SOAP_PATH}` }, times: 5 });
	},
	check(results, sims) {
		const cases: Array<[string, string, number, Sandbox['sims'][keyof Sandbox['sims']], (path: string) => boolean, string[]]> = [
			[WF.conta, 'Conta', 302, sims.conta, (p) => p.includes(`/organizations/${CONTA_ORG}/`), [SANDBOX_KEYS.conta.apiKey]],
			[WF.konto, 'Konto', 302, sims.konto, (p) => p.endsWith('/get-customers'), [SANDBOX_KEYS.konto.apiKey]],
			[WF.cc301, 'Contraccounts', 301, sims.contraccounts, (p) => p === CC_301.path, [SANDBOX_KEYS.contraccounts.apiKey]],
			[WF.cc307, 'Contraccounts', 307, sims.contraccounts, (p) => p === CC_307.path, [SANDBOX_KEYS.contraccounts.apiKey]],
			[WF.autoinvoice, 'AutoInvoice', 307, sims.autoinvoice, (p) => p === AI_307.path, [SANDBOX_KEYS.autoinvoice.userApiKey, SANDBOX_KEYS.autoinvoice.vendorApiKey]],
		];
		for (const [id, provider, status, sim, isTarget, secrets] of cases) {
			const result = results.get(id)!;
			expect(`${id}: ${result.status}`).toBe(`${id}: error`);
			const error = nodeError(result, provider) ?? result.error;
			expect(String(error?.message)).toMatch(new RegExp(`^${provider} answered with a redirect \\(HTTP ${status}\\) to http://127\\.0\\.0\\.1:\\d+${CATCH}/`));
			expect(String(error?.description)).toContain(`Fix the base URL or endpoint in the ${provider} credential`);
			// Sent once to the provider, never re-sent, never followed.
			expect(requestsDuring(sim.requests, result).filter((r) => isTarget(r.path))).toHaveLength(1);
			const text = JSON.stringify({ raw: result.raw, stdout: result.stdout, stderr: result.stderr });
			for (const secret of secrets) expect(text).not.toContain(secret);
		}
		expect(caught(sims)).toEqual([]);
	},
};

export default redirects;

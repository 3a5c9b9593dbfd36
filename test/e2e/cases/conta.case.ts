/**
 * Conta inside a real n8n: the example workflow (Organization → Get Many, active only), a
 * Limit + Name Contains run, and a wrong-key run that must fail with Conta's message and no secret.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SANDBOX_KEYS } from '../../../sandbox/credentials';
import { sandboxCredentials, SANDBOX_CREDENTIAL_IDS } from '../../../sandbox/n8n-credentials';
import type { E2ECase } from '../types';
import { nodeOutput } from '../n8n-runner';
import { chain, pkgNode } from '../workflow';

const BAD_KEY = 'conta-wrong-key-e2e-5c1d';
const example = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../sandbox/workflows/conta.json'), 'utf8'));

const contaNode = (name: string, parameters: Record<string, unknown>, credentialId: string, extra = {}) =>
	pkgNode('conta', 'contaApi', name, parameters, credentialId, extra);

const contaCase: E2ECase = {
	provider: 'conta',
	credentials: (urls) => [
		...sandboxCredentials(urls).filter((c) => c.type === 'contaApi'),
		{
			id: 'conta-bad-cred',
			name: 'Conta (wrong key)',
			type: 'contaApi',
			data: { apiKey: BAD_KEY, environment: 'custom', baseUrl: urls.conta, defaultOrganizationId: '' },
		},
	],
	credentialTests: [
		{ credentialId: SANDBOX_CREDENTIAL_IDS.conta, status: 'OK', secret: SANDBOX_KEYS.conta.apiKey },
		{ credentialId: 'conta-bad-cred', status: 'Error', secret: BAD_KEY },
	],
	workflows: () => [
		example,
		chain('e2e-conta-limit', 'e2e Conta limit and filter', [
			contaNode(
				'All',
				{ resource: 'organization', operation: 'getAll', returnAll: true, filters: {} },
				SANDBOX_CREDENTIAL_IDS.conta,
			),
			contaNode(
				'Filtered',
				{ resource: 'organization', operation: 'getAll', returnAll: false, limit: 1, filters: { name: 'nordlys' } },
				SANDBOX_CREDENTIAL_IDS.conta,
				{ executeOnce: true },
			),
		]),
		chain('e2e-conta-badkey', 'e2e Conta wrong key', [
			contaNode('Wrong key', { resource: 'organization', operation: 'getAll', returnAll: true, filters: {} }, 'conta-bad-cred'),
		]),
	],
	check(results) {
		const exampleRun = results.get('conta-example')!;
		expect(exampleRun.status).toBe('success');
		expect(nodeOutput(exampleRun, 'Conta: active organizations')).toEqual([
			{ id: 101, name: 'Fjordkraft Demo AS', blockedStatus: 'NOT_BLOCKED', active: true },
			{ id: 102, name: 'Nordlys Regnskap AS', blockedStatus: 'NOT_BLOCKED', active: true },
		]);

		const limited = results.get('e2e-conta-limit')!;
		expect(limited.status).toBe('success');
		expect(nodeOutput(limited, 'All').map((o) => o.id)).toEqual([101, 102, 103]);
		expect(nodeOutput(limited, 'Filtered')).toEqual([
			{ id: 102, name: 'Nordlys Regnskap AS', blockedStatus: 'NOT_BLOCKED', active: true },
		]);

		const bad = results.get('e2e-conta-badkey')!;
		expect(bad.status).toBe('error');
		const errorText = JSON.stringify(bad.error);
		expect(errorText).toContain('Conta rejected the credentials (HTTP 401)');
		expect(errorText).toContain('Login required: the API key is missing, invalid or revoked.');
		expect(JSON.stringify(bad.raw)).not.toContain(BAD_KEY);
		expect(bad.stdout + bad.stderr).not.toContain(BAD_KEY);
	},
};

export default contaCase;

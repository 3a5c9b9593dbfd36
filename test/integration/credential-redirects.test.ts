/**
 * The credential tests never follow a redirect (the key would go along): each fails on a 3xx and
 * the redirect target receives nothing.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContaApi } from '../../credentials/ContaApi.credentials';
import { ContraccountsApi } from '../../credentials/ContraccountsApi.credentials';
import { KontoApi } from '../../credentials/KontoApi.credentials';
import { createSimulator as conta } from '../../sandbox/conta';
import { createSimulator as contraccounts } from '../../sandbox/contraccounts';
import { createSimulator as konto } from '../../sandbox/konto';
import { SANDBOX_KEYS } from '../../sandbox/credentials';
import { testCredential } from '../helpers/harness';

const caught: string[] = [];
const catcher = http.createServer((req, res) => {
	caught.push(`${req.method} ${req.url}`);
	res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":true,"message":"Connection succeeded"}');
});
let target = '';
const sims = { conta: conta(), konto: konto(), contraccounts: contraccounts() };
const urls: Record<string, string> = {};

beforeAll(async () => {
	await new Promise<void>((resolve) => catcher.listen(0, '127.0.0.1', resolve));
	target = `http://127.0.0.1:${(catcher.address() as AddressInfo).port}/caught`;
	for (const [name, sim] of Object.entries(sims)) urls[name] = await sim.start();
});
afterAll(async () => {
	for (const sim of Object.values(sims)) await sim.stop();
	await new Promise((resolve) => catcher.close(resolve));
});
beforeEach(() => {
	caught.length = 0;
	for (const sim of Object.values(sims)) sim.reset();
});

describe('credential tests and redirects', () => {
	it.each([301, 302, 307, 308])('Conta: a %i fails the test with what to fix', async (status) => {
		sims.conta.injectFault({ status, headers: { Location: target } });
		const result = await testCredential(new ContaApi(), { apiKey: SANDBOX_KEYS.conta.apiKey, environment: 'custom', baseUrl: urls.conta });
		expect(result).toEqual({
			status: 'Error',
			message: `Conta answered with a redirect (HTTP ${status}) to another address. It was not followed, so the key was not sent there. Check the Environment and the Base URL.`,
		});
		expect(caught).toEqual([]);
	});

	it.each([301, 307])('Contraccounts: a %i fails the test with what to fix', async (status) => {
		sims.contraccounts.injectFault({ status, headers: { Location: target } });
		const result = await testCredential(new ContraccountsApi(), { endpointUrl: `${urls.contraccounts}/api.php`, apiKey: SANDBOX_KEYS.contraccounts.apiKey });
		expect(result).toEqual({
			status: 'Error',
			message: `Contraccounts answered with a redirect (HTTP ${status}) to another address. It was not followed, so the key was not sent there. Check the Endpoint URL.`,
		});
		expect(caught).toEqual([]);
	});

	it('Konto: a 302 fails the test with n8n\'s status text and the target gets nothing', async () => {
		sims.konto.injectFault({ status: 302, headers: { Location: target } });
		const result = await testCredential(new KontoApi(), { ...SANDBOX_KEYS.konto, environment: 'custom', baseUrl: urls.konto });
		expect(result).toEqual({ status: 'Error', message: 'Found' });
		expect(caught).toEqual([]);
	});
});

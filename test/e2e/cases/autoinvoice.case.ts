/**
 * AutoInvoice inside a real n8n: the example workflow, Get Status for several references read
 * per item from the incoming data, continue-on-fail with a missing reference, and a wrong user
 * key that must fail with AutoInvoice's `USER NOT FOUND` and leave no key anywhere in the
 * execution.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SANDBOX_KEYS } from '../../../sandbox/credentials';
import { sandboxCredentials, SANDBOX_CREDENTIAL_IDS } from '../../../sandbox/n8n-credentials';
import { SEED_REFERENCES, SOAP_PATH } from '../../../sandbox/autoinvoice';
import type { E2ECase } from '../types';
import { nodeOutput } from '../n8n-runner';
import { chain, pkgNode, type WorkflowNode } from '../workflow';

const WRONG_USER_KEY = 'e2e0bad0-0000-4bad-8bad-0000000e2e01';
const BAD_CRED_ID = 'autoinvoice-bad-user-cred';
const KEYS = SANDBOX_KEYS.autoinvoice;
const example = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../sandbox/workflows/autoinvoice.json'), 'utf8'));

const getStatus = (name: string, referenceNumber: string, credentialId: string, extra: Record<string, unknown> = {}) =>
	pkgNode(
		'autoInvoice',
		'autoInvoiceApi',
		name,
		{ resource: 'consumerAgreement', operation: 'getStatus', referenceNumber },
		credentialId,
		extra,
	);

/** A Code node that emits one item per reference. */
const references = (refs: string[]): WorkflowNode => ({
	name: 'References',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: { jsCode: `return ${JSON.stringify(refs.map((reference) => ({ json: { reference } })))};` },
});

const autoInvoiceCase: E2ECase = {
	provider: 'autoinvoice',
	credentials: (urls) => [
		...sandboxCredentials(urls).filter((c) => c.type === 'autoInvoiceApi'),
		{
			id: BAD_CRED_ID,
			name: 'AutoInvoice (wrong user key)',
			type: 'autoInvoiceApi',
			data: {
				companyUuid: KEYS.companyUuid,
				userApiKey: WRONG_USER_KEY,
				vendorApiKey: KEYS.vendorApiKey,
				environment: 'custom',
				endpointUrl: `${urls.autoinvoice}${SOAP_PATH}`,
			},
		},
	],
	credentialTests: [
		{ credentialId: SANDBOX_CREDENTIAL_IDS.autoinvoice, status: 'OK', secret: KEYS.userApiKey },
		{ credentialId: BAD_CRED_ID, status: 'Error', messageContains: 'USER NOT FOUND', secret: WRONG_USER_KEY },
	],
	workflows: () => [
		example,
		chain('e2eAutoInvoice01', 'e2e AutoInvoice get status per item', [
			references([SEED_REFERENCES.ACTIVE, SEED_REFERENCES.REQUEST_SENT, SEED_REFERENCES.REJECTED]),
			getStatus('Get Status', '={{ $json.reference }}', SANDBOX_CREDENTIAL_IDS.autoinvoice),
		]),
		chain('e2eAutoInvoice02', 'e2e AutoInvoice continue on fail', [
			references([SEED_REFERENCES.NEW, '999999']),
			getStatus('Get Status', '={{ $json.reference }}', SANDBOX_CREDENTIAL_IDS.autoinvoice, {
				onError: 'continueRegularOutput',
			}),
		]),
		chain('e2eAutoInvoice03', 'e2e AutoInvoice wrong user key', [
			getStatus('Wrong key', SEED_REFERENCES.ACTIVE, BAD_CRED_ID),
		]),
	],
	setup: (sims) => sims.autoinvoice.reset(),
	check(results, sims) {
		const exampleRun = results.get('autoinvoice-example')!;
		expect(exampleRun.status).toBe('success');
		expect(nodeOutput(exampleRun, 'AutoInvoice')).toEqual([
			{ reference_nr: SEED_REFERENCES.ACTIVE, state: 'ACTIVE', ready: true, raw: 'OK: ACTIVE' },
		]);

		const perItem = results.get('e2eAutoInvoice01')!;
		expect(perItem.status).toBe('success');
		expect(nodeOutput(perItem, 'Get Status')).toEqual([
			{ reference_nr: SEED_REFERENCES.ACTIVE, state: 'ACTIVE', ready: true, raw: 'OK: ACTIVE' },
			{ reference_nr: SEED_REFERENCES.REQUEST_SENT, state: 'REQUEST_SENT', ready: false, raw: 'OK: REQUEST_SENT' },
			{ reference_nr: SEED_REFERENCES.REJECTED, state: 'REJECTED', ready: false, raw: 'OK: REJECTED' },
		]);
		const items = perItem.runData['Get Status'][0].data.main[0];
		expect(items.map((item: { pairedItem: unknown }) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);

		const continued = results.get('e2eAutoInvoice02')!;
		expect(continued.status).toBe('success');
		const out = nodeOutput(continued, 'Get Status');
		expect(out[0]).toEqual({ reference_nr: SEED_REFERENCES.NEW, state: 'NEW', ready: false, raw: 'OK: NEW' });
		expect(out[1].error).toBe("AutoInvoice found no consumer agreement with reference number '999999'");

		const bad = results.get('e2eAutoInvoice03')!;
		expect(bad.status).toBe('error');
		const errorText = JSON.stringify(bad.error);
		expect(errorText).toContain('AutoInvoice rejected the credentials while trying to');
		expect(errorText).toContain('USER NOT FOUND');

		// The keys went to the simulator in the envelope (so the wrong one really was used)...
		const bodies = sims.autoinvoice.requests.map((r) => r.rawBody).join('\n');
		expect(bodies).toContain(`<user_api_key xsi:type="xsd:string">${WRONG_USER_KEY}</user_api_key>`);
		expect(bodies).toContain(`<user_api_key xsi:type="xsd:string">${KEYS.userApiKey}</user_api_key>`);
		// ...but no key value appears anywhere in what n8n stored or printed.
		for (const run of [exampleRun, perItem, continued, bad]) {
			const stored = JSON.stringify(run.raw) + run.stdout + run.stderr;
			for (const key of [WRONG_USER_KEY, KEYS.userApiKey, KEYS.vendorApiKey]) expect(stored).not.toContain(key);
		}
	},
};

export default autoInvoiceCase;

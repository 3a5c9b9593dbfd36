/**
 * Contraccounts inside a real n8n: the example workflow, Income → Insert over two items whose
 * fields come from expressions (hostile characters included), "Fail If Response Contains" on a
 * reused reference, and a wrong-key run that must fail with the simulator's message and no secret.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SANDBOX_KEYS } from '../../../sandbox/credentials';
import { sandboxCredentials, SANDBOX_CREDENTIAL_IDS } from '../../../sandbox/n8n-credentials';
import type { ContraccountsSimulator } from '../../../sandbox/contraccounts';
import type { E2ECase } from '../types';
import { nodeOutput } from '../n8n-runner';
import { chain, pkgNode, type WorkflowNode } from '../workflow';

const KEY = SANDBOX_KEYS.contraccounts.apiKey;
const BAD_KEY = 'cc-wrong-key-e2e-8b2f';
const example = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../sandbox/workflows/contraccounts.json'), 'utf8'));

const ccNode = (name: string, parameters: Record<string, unknown>, credentialId: string, extra = {}) =>
	pkgNode('contraccounts', 'contraccountsApi', name, parameters, credentialId, extra);

const insert = (fields: Record<string, unknown>) => ({
	resource: 'income',
	operation: 'insert',
	productId: '12345',
	grossAmount: 25,
	paymentMethod: 'Debit Card',
	buyerName: 'John Doe',
	additionalFields: {},
	options: {},
	...fields,
});

const ORDERS = [
	{ product: 'e2e Royalties @ X% & co = 1+1', amount: '12.5', buyer: 'Ærlige Øystein Åsen 😀', ref: 'E2E-1', qty: 2 },
	{ product: 'e2e Licence #2', amount: 99, buyer: 'Jane Roe', ref: 'E2E-2', qty: 1 },
];

/** A Set node (raw JSON) producing `{ orders }`, then Split Out → one item per order. */
const orderItems: WorkflowNode[] = [
	{
		name: 'Orders',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: { mode: 'raw', jsonOutput: JSON.stringify({ orders: ORDERS }), options: {} },
	},
	{
		name: 'One item per order',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		parameters: { fieldToSplitOut: 'orders', include: 'noOtherFields', options: {} },
	},
];

const sim = (sims: Parameters<NonNullable<E2ECase['setup']>>[0]) => sims.contraccounts as ContraccountsSimulator;

const contraccountsCase: E2ECase = {
	provider: 'contraccounts',
	credentials: (urls) => [
		...sandboxCredentials(urls).filter((c) => c.type === 'contraccountsApi'),
		{
			id: 'contraccounts-bad-cred',
			name: 'Contraccounts (wrong key)',
			type: 'contraccountsApi',
			data: { endpointUrl: `${urls.contraccounts}/api.php`, apiKey: BAD_KEY, timeoutSeconds: 60 },
		},
	],
	credentialTests: [
		{ credentialId: SANDBOX_CREDENTIAL_IDS.contraccounts, status: 'OK', secret: SANDBOX_KEYS.contraccounts.apiKey },
		{ credentialId: 'contraccounts-bad-cred', status: 'Error', secret: BAD_KEY },
	],
	workflows: () => [
		example,
		chain('e2e-contraccounts-insert', 'e2e Contraccounts insert per item', [
			...orderItems,
			ccNode(
				'Insert income',
				insert({
					productId: '={{ $json.product }}',
					grossAmount: '={{ $json.amount }}',
					buyerName: '={{ $json.buyer }}',
					additionalFields: {
						customIncomeId: '={{ $json.ref }}',
						quantity: '={{ $json.qty }}',
						incomeDate: '2026-05-31',
						vatAmount: '={{ $json.ref === "E2E-1" ? 2.08 : 16.5 }}',
						vatRate: '0.20',
					},
				}),
				SANDBOX_CREDENTIAL_IDS.contraccounts,
			),
		]),
		chain('e2e-contraccounts-failif', 'e2e Contraccounts fail if response contains', [
			ccNode('First', insert({ productId: 'e2e dup', additionalFields: { customIncomeId: 'E2E-DUP' } }), SANDBOX_CREDENTIAL_IDS.contraccounts),
			ccNode(
				'Again',
				insert({
					productId: 'e2e dup',
					additionalFields: { customIncomeId: 'E2E-DUP' },
					options: { failIfResponseContains: 'error:' },
				}),
				SANDBOX_CREDENTIAL_IDS.contraccounts,
			),
		]),
		chain('e2e-contraccounts-badkey', 'e2e Contraccounts wrong key', [
			ccNode('Wrong key', insert({ productId: 'e2e wrong key' }), 'contraccounts-bad-cred'),
		]),
	],
	setup: (sims) => sim(sims).reset(),
	check(results, sims) {
		const contraccounts = sim(sims);

		const exampleRun = results.get('contraccounts-example')!;
		expect(exampleRun.status).toBe('success');
		const [exampleOut] = nodeOutput(exampleRun, 'Contraccounts: insert income');
		expect(exampleOut.statusCode).toBe(200);
		expect(exampleOut.body).toMatch(/^OK: insert_income id=\d+ reference=EX\d{6}\n$/);
		expect(exampleOut.request.fields).toMatchObject({
			insert_income: 'TRUE',
			product_id_income: '12345',
			gross_amount_income: '25.00',
			vat_calculate_income: 'DEFAULT',
		});

		const inserted = results.get('e2e-contraccounts-insert')!;
		expect(inserted.status).toBe('success');
		const out = nodeOutput(inserted, 'Insert income');
		expect(out).toHaveLength(2);
		expect(out.map((o) => o.body)).toEqual([
			expect.stringMatching(/^OK: insert_income id=\d+ reference=E2E-1\n$/),
			expect.stringMatching(/^OK: insert_income id=\d+ reference=E2E-2\n$/),
		]);
		const pairs = inserted.runData['Insert income'][0].data.main[0].map((item: any) => item.pairedItem);
		expect(pairs).toEqual([{ item: 0 }, { item: 1 }]);
		const received = contraccounts.requests
			.filter((r) => (r.body as Record<string, string> | undefined)?.product_id_income?.startsWith('e2e '))
			.filter((r) => /^E2E-\d$/.test((r.body as Record<string, string>).custom_income_id ?? ''));
		expect(received.map((r) => r.formFields)).toEqual([
			[
				['api_key', KEY],
				['insert_income', 'TRUE'],
				['product_id_income', 'e2e Royalties @ X% & co = 1+1'],
				['gross_amount_income', '12.50'],
				['payment_method_income', 'Debit Card'],
				['buyer_name_income', 'Ærlige Øystein Åsen 😀'],
				['custom_income_date', '2026-05-31'],
				['custom_income_id', 'E2E-1'],
				['quantity_income', '2'],
				['vat_assign_income', '2.08'],
				['vat_assign_rate_income', '0.20'],
			],
			[
				['api_key', KEY],
				['insert_income', 'TRUE'],
				['product_id_income', 'e2e Licence #2'],
				['gross_amount_income', '99.00'],
				['payment_method_income', 'Debit Card'],
				['buyer_name_income', 'Jane Roe'],
				['custom_income_date', '2026-05-31'],
				['custom_income_id', 'E2E-2'],
				['quantity_income', '1'],
				['vat_assign_income', '16.50'],
				['vat_assign_rate_income', '0.20'],
			],
		]);
		expect(received[0].headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
		expect(received[0].rawBody).toContain('product_id_income=e2e+Royalties+%40+X%25+%26+co+%3D+1%2B1');
		expect(JSON.stringify(inserted.raw)).not.toContain(KEY);

		const failIf = results.get('e2e-contraccounts-failif')!;
		expect(failIf.status).toBe('error');
		expect(nodeOutput(failIf, 'First')[0].body).toMatch(/^OK: insert_income id=\d+ reference=E2E-DUP\n$/);
		const failText = JSON.stringify(failIf.error);
		expect(failText).toContain('Contraccounts answered with text containing \\"error:\\" while trying to insert income');
		expect(failText).toContain('custom_income_id \\"E2E-DUP\\" is already used');
		expect(contraccounts.state.incomes.filter((i) => i.reference === 'E2E-DUP')).toHaveLength(1);

		const bad = results.get('e2e-contraccounts-badkey')!;
		expect(bad.status).toBe('error');
		const errorText = JSON.stringify(bad.error);
		expect(errorText).toContain('Contraccounts rejected the credentials (HTTP 401)');
		expect(errorText).toContain('ERROR: invalid API key');
		expect(JSON.stringify(bad.raw)).not.toContain(BAD_KEY);
		expect(bad.stdout + bad.stderr).not.toContain(BAD_KEY);
		expect(contraccounts.requests.filter((r) => r.formFields?.[0]?.[1] === BAD_KEY && r.formFields.some(([name]) => name === 'insert_income'))).toHaveLength(1);
	},
};

export default contraccountsCase;

/**
 * Conta → EHF → Lookup Recipient against the simulator: normalization and the mod-11 check before
 * the call, the flags Conta returns plus the computed `canReceiveEhf`.
 */
import type { IDataObject } from 'n8n-workflow';
import { SANDBOX_KEYS } from '../../../sandbox/credentials';
import { useContaSimulator } from '../../helpers/conta';

const kit = useContaSimulator();
const credentials = (overrides: Record<string, unknown>) => kit.credentials(overrides) as IDataObject;
const lookup = (organizationNumber: unknown) => ({ resource: 'ehf', operation: 'lookupRecipient', organizationNumber });

async function expectInvalid(value: unknown, fragment: string) {
	const result = await kit.run(lookup(value));
	expect(result.error?.constructor.name).toBe('NodeOperationError');
	expect(result.error.message).toContain("'Organization Number'");
	expect(result.error.message).toContain('item 0');
	expect(result.error.message).toContain(fragment);
	expect(kit.requests()).toHaveLength(0);
}

describe('Conta EHF → Lookup Recipient', () => {
	it('looks up an EHF-capable company (no organization needed) and returns every flag', async () => {
		const out = await kit.json(lookup('923456783'), { credentials: credentials({ defaultOrganizationId: '' }) });
		expect(kit.requests()).toHaveLength(1);
		const request = kit.requests()[0];
		expect([request.method, request.path, request.query, request.rawBody]).toEqual(['GET', '/invoice/conta-ehf/recipients/923456783', {}, '']);
		expect(request.headers['apikey']).toBe(SANDBOX_KEYS.conta.apiKey);
		expect(out).toEqual([
			{
				organizationNumber: '923456783',
				canReceiveEhf: true,
				peppolVersion: 'PEPPOL BIS Billing 3.0',
				inputValid: true,
				participantIdentifier: '0192:923456783',
				invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice',
				canReceiveInvoices: true,
				creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote',
				canReceiveCreditNotes: true,
				canReceiveEhf30: true,
				serviceDescription: 'EHF Billing 3.0',
				accessPointAddress: '<Endpoint transportProfile="peppol-transport-as4-v2_0"/>',
			},
		]);
	});

	it('normalizes "NO 974 760 673 MVA" and numbers from expressions before sending', async () => {
		const [decorated] = await kit.json(lookup(' NO 974.760.673 MVA '));
		expect(kit.requests()[0].path).toBe('/invoice/conta-ehf/recipients/974760673');
		expect(decorated).toMatchObject({ organizationNumber: '974760673', canReceiveEhf: true });
		const [numeric] = await kit.json(lookup(923456783));
		expect(kit.requests()[1].path).toBe('/invoice/conta-ehf/recipients/923456783');
		expect(numeric.organizationNumber).toBe('923456783');
	});

	it('reports companies that cannot receive EHF, registered or not', async () => {
		expect(await kit.json(lookup('889640782'))).toEqual([
			{
				organizationNumber: '889640782',
				canReceiveEhf: false,
				peppolVersion: 'PEPPOL BIS Billing 3.0',
				inputValid: true,
				participantIdentifier: '0192:889640782',
				canReceiveInvoices: false,
				canReceiveCreditNotes: false,
				canReceiveEhf30: false,
			},
		]);
		expect(await kit.json(lookup('910000004'))).toEqual([
			{
				organizationNumber: '910000004',
				canReceiveEhf: false,
				inputValid: true,
				participantIdentifier: '0192:910000004',
				canReceiveInvoices: false,
				canReceiveCreditNotes: false,
				canReceiveEhf30: false,
			},
		]);
	});

	it('rejects a wrong check digit before sending and says which digit fits', async () => {
		await expectInvalid('923456784', 'the last digit is a mod-11 check digit and should be 3 for 92345678');
	});

	it('rejects numbers that cannot have a check digit, wrong lengths and empty input', async () => {
		await expectInvalid('100000130', 'no valid number starts with 10000013');
		await expectInvalid('12345', "9 digits, e.g. 923456783 (got '12345')");
		await expectInvalid('92345678X', 'must be a Norwegian organization number of 9 digits');
		await expectInvalid('', 'is required');
		await expectInvalid({ orgNo: '923456783' }, 'must be text');
	});

	it('turns a rejected key into a NodeApiError with Conta’s message and no secret', async () => {
		const result = await kit.run(lookup('923456783'), { credentials: credentials({ apiKey: 'ehf-wrong-key-5150' }) });
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error.httpCode).toBe('401');
		expect(result.error.message).toContain('look up EHF recipient 923456783');
		expect(result.error.description).toContain('Login required: the API key is missing, invalid or revoked.');
		expect(JSON.stringify({ m: result.error.message, d: result.error.description })).not.toContain('ehf-wrong-key-5150');
	});

	it('looks up one number per item with continueOnFail', async () => {
		const result = await kit.run([lookup('923456783'), lookup('923456784'), lookup('889640782')], { items: [{}, {}, {}], continueOnFail: true });
		const out = result.output![0];
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out.map((item) => item.json.canReceiveEhf)).toEqual([true, undefined, false]);
		expect(String(out[1].json.error)).toContain("'Organization Number'");
		expect(kit.requests()).toHaveLength(2);
	});
});

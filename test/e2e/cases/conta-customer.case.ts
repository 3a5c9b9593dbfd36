/**
 * Conta → Customer inside a real n8n, against the shared Conta simulator:
 * - Create → Get → Update (one field) → Deactivate on a customer the workflow creates itself,
 *   chained by expressions (Update must send the whole customer with only that field changed);
 * - Get Many with a search filter and a limit, and with a type filter and a sort;
 * - Delete (Conta has no such route) under "On Error: Continue", which must point to Deactivate;
 * - a Create with a bad email, which must fail before anything is sent.
 * Seeded customers are only read; ids of created customers are never asserted.
 */
import { sandboxCredentials, SANDBOX_CREDENTIAL_IDS } from '../../../sandbox/n8n-credentials';
import type { SimRequest } from '../../../sandbox/framework';
import type { E2ECase } from '../types';
import { nodeError, nodeOutput, requestsDuring } from '../n8n-runner';
import { chain, pkgNode } from '../workflow';

const cred = SANDBOX_CREDENTIAL_IDS.conta;
const conta = (name: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
	pkgNode('conta', 'contaApi', name, { resource: 'customer', ...parameters }, cred, extra);

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const fromList = { __rl: true, mode: 'list', value: '' };

const LIFECYCLE_NAME = 'E2E Livssyklus Kunde AS';

const customerCase: E2ECase = {
	provider: 'conta',
	credentials: (urls) => sandboxCredentials(urls).filter((c) => c.type === 'contaApi'),
	workflows: () => [
		chain('e2e-conta-customer-lifecycle', 'e2e Conta customer lifecycle', [
			conta('Create', {
				operation: 'create',
				organization: byId('101'),
				name: LIFECYCLE_NAME,
				customerType: 'ORGANIZATION',
				customerAddressLine1: 'Bryggen 5',
				customerAddressPostcode: '5003',
				customerAddressCity: 'Bergen',
				additionalFields: {
					orgNo: 'NO 974 760 673 MVA',
					emailAddress: 'post@livssyklus.example',
					daysUntilPaymentReminder: 21,
					mailingAddress: { address: { line1: 'Postboks 12', postcode: '5804', city: 'Bergen' } },
					contacts: { contact: [{ name: 'Ola Nordmann', title: 'Daglig leder', emailAddress: 'ola@livssyklus.example' }] },
				},
				simplify: false,
			}),
			conta('Get', { operation: 'get', organization: fromList, customerId: byId('={{ $json.id }}'), simplify: true }),
			conta('Update', {
				operation: 'update',
				organization: fromList,
				customerId: byId("={{ $('Create').item.json.id }}"),
				updateFields: { phoneNo: '55 12 34 56' },
				options: {},
				simplify: false,
			}),
			conta('Deactivate', {
				operation: 'deactivate',
				organization: byId('101'),
				customerId: byId("={{ $('Create').item.json.id }}"),
				simplify: true,
			}),
		]),
		chain('e2e-conta-customer-list', 'e2e Conta customer list', [
			conta('Search', {
				operation: 'getAll',
				organization: fromList,
				returnAll: false,
				limit: 1,
				filters: { q: 'Fjellheim' },
				options: {},
				simplify: true,
			}),
			conta(
				'Individuals',
				{
					operation: 'getAll',
					organization: fromList,
					returnAll: true,
					filters: { customerType: 'INDIVIDUAL' },
					options: { sortBy: 'customerName', sortDirection: 'ascending' },
					simplify: true,
				},
				{ executeOnce: true },
			),
		]),
		chain('e2e-conta-customer-delete', 'e2e Conta customer delete', [
			conta('Create For Delete', {
				operation: 'create',
				name: 'E2E Slettes Ikke AS',
				customerType: 'ORGANIZATION',
				customerAddressLine1: 'Torget 1',
				customerAddressPostcode: '7010',
				customerAddressCity: 'Trondheim',
				additionalFields: {},
				simplify: true,
			}),
			conta(
				'Delete',
				{ operation: 'delete', organization: fromList, customerId: byId('={{ $json.id }}') },
				{ onError: 'continueRegularOutput' },
			),
		]),
		chain('e2e-conta-customer-invalid', 'e2e Conta customer invalid email', [
			conta('Bad Email', {
				operation: 'create',
				name: 'E2E Ugyldig AS',
				customerType: 'ORGANIZATION',
				customerAddressLine1: 'Gate 1',
				customerAddressPostcode: '0150',
				customerAddressCity: 'Oslo',
				additionalFields: { emailAddress: 'post(at)ugyldig.example' },
				simplify: true,
			}),
		]),
	],
	check(results, sims) {
		const requests = sims.conta.requests as SimRequest[];

		// Create → Get → Update → Deactivate
		const lifecycle = results.get('e2e-conta-customer-lifecycle')!;
		expect(lifecycle.status).toBe('success');
		const [created] = nodeOutput(lifecycle, 'Create');
		expect(created).toEqual({
			id: expect.any(Number),
			name: LIFECYCLE_NAME,
			customerType: 'ORGANIZATION',
			customerAddressLine1: 'Bryggen 5',
			customerAddressPostcode: '5003',
			customerAddressCity: 'Bergen',
			orgNo: '974760673',
			emailAddress: 'post@livssyklus.example',
			daysUntilPaymentReminder: 21,
			daysUntilEstimateOverdue: 14,
			defaultInvoiceDiscount: 0,
			invoiceDeliveryMethod: 'EMAIL',
			isActive: true,
			mailingAddressLine1: 'Postboks 12',
			mailingAddressPostcode: '5804',
			mailingAddressCity: 'Bergen',
			contacts: [{ id: expect.any(Number), customerId: created.id, name: 'Ola Nordmann', title: 'Daglig leder', emailAddress: 'ola@livssyklus.example' }],
		});
		expect(nodeOutput(lifecycle, 'Get')).toEqual([
			{
				id: created.id,
				name: LIFECYCLE_NAME,
				customerType: 'ORGANIZATION',
				orgNo: '974760673',
				emailAddress: 'post@livssyklus.example',
				customerAddressLine1: 'Bryggen 5',
				customerAddressPostcode: '5003',
				customerAddressCity: 'Bergen',
				invoiceDeliveryMethod: 'EMAIL',
				isActive: true,
			},
		]);
		const { id: createdId, ...writable } = created;
		expect(nodeOutput(lifecycle, 'Update')).toEqual([{ ...created, phoneNo: '55 12 34 56' }]);
		expect(nodeOutput(lifecycle, 'Deactivate')).toEqual([
			expect.objectContaining({ id: createdId, name: LIFECYCLE_NAME, phoneNo: '55 12 34 56', isActive: false }),
		]);
		const traffic = requestsDuring(requests, lifecycle).filter((r) => r.path.includes('/customers'));
		expect(traffic.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /invoice/organizations/101/customers',
			`GET /invoice/organizations/101/customers/${createdId}`,
			`GET /invoice/organizations/101/customers/${createdId}`,
			`PUT /invoice/organizations/101/customers/${createdId}`,
			`GET /invoice/organizations/101/customers/${createdId}`,
			`PUT /invoice/organizations/101/customers/${createdId}`,
		]);
		// Update sent the whole customer with only the phone number changed.
		expect(JSON.parse(traffic[3].rawBody)).toEqual({ ...writable, phoneNo: '55 12 34 56' });
		expect(JSON.parse(traffic[5].rawBody)).toEqual({ ...writable, phoneNo: '55 12 34 56', isActive: false });

		// Get Many
		const list = results.get('e2e-conta-customer-list')!;
		expect(list.status).toBe('success');
		expect(nodeOutput(list, 'Search')).toEqual([
			expect.objectContaining({ id: 5001, name: 'Fjellheim Bakeri AS', customerType: 'ORGANIZATION', orgNo: '923456783' }),
		]);
		const individuals = nodeOutput(list, 'Individuals');
		expect(individuals.length).toBeGreaterThanOrEqual(1);
		expect(individuals.every((c) => c.customerType === 'INDIVIDUAL')).toBe(true);
		expect(individuals.map((c) => c.name)).toContain('Kari Nordmann');
		const names = individuals.map((c) => String(c.name));
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		const listTraffic = requestsDuring(requests, list).filter((r) => r.path === '/invoice/organizations/101/customers');
		expect(listTraffic.map((r) => r.query)).toEqual([
			{ q: 'Fjellheim', hits: '1', page: '0' },
			{ customerType: 'INDIVIDUAL', sort: '+customerName', hits: '500', page: '0' },
		]);

		// Delete: Conta has no such route; the item error points to Deactivate.
		const deletion = results.get('e2e-conta-customer-delete')!;
		expect(deletion.status).toBe('success');
		const [deleteItem] = nodeOutput(deletion, 'Delete');
		expect(deleteItem.error).toContain('Conta does not offer deleting customers through its API');
		expect(JSON.stringify(deleteItem)).toContain('Deactivate');
		const deleteTraffic = requestsDuring(requests, deletion).filter((r) => r.method === 'DELETE');
		expect(deleteTraffic).toHaveLength(1);

		// Validation failure: nothing sent.
		const invalid = results.get('e2e-conta-customer-invalid')!;
		expect(invalid.status).toBe('error');
		const error = nodeError(invalid, 'Bad Email') ?? invalid.error;
		expect(JSON.stringify(error)).toContain("'Email': must be a valid email address");
		expect(requestsDuring(requests, invalid).filter((r) => r.path.includes('/customers'))).toHaveLength(0);
	},
};

export default customerCase;

/**
 * A 2xx that is not what the operation needs is a failure: Conta's create and update routes
 * answer the record with its id, its lists are arrays or search envelopes (OpenAPI document).
 */
import { useContaSimulator, rl } from '../../helpers/conta';

const kit = useContaSimulator();

const CREATE_CUSTOMER = {
	resource: 'customer',
	operation: 'create',
	organization: rl('101'),
	name: 'Tomt Svar AS',
	customerType: 'ORGANIZATION',
	customerAddressLine1: 'Gate 1',
	customerAddressPostcode: '0150',
	customerAddressCity: 'Oslo',
	additionalFields: {},
	simplify: false,
};

describe('Conta answers without what the operation needs', () => {
	it.each([
		['an empty 200', ''],
		['a 200 without an id', '{"name":"Tomt Svar AS"}'],
		['a 200 with a list', '[]'],
	])('Customer Create fails on %s, says Conta may have processed it, and is not re-sent', async (_name, body) => {
		kit.sim().injectFault({ pathIncludes: '/customers', match: (req) => req.method === 'POST', status: 200, body, headers: { 'Content-Type': 'application/json' } });
		const result = await kit.run(CREATE_CUSTOMER);
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error.message).toBe('Conta answered without a record with its id (HTTP 200) while trying to create a customer');
		expect(result.error.description).toContain('Conta may have processed the request, so it was not sent again: check in Conta before running it again, so nothing is created twice.');
		expect(kit.requests().filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	it('Customer Get Many fails on a 200 without the search envelope', async () => {
		kit.sim().injectFault({ pathIncludes: '/customers', status: 200, body: '{"results":[]}', headers: { 'Content-Type': 'application/json' } });
		const result = await kit.run({ resource: 'customer', operation: 'getAll', organization: rl('101'), returnAll: true, filters: {}, options: {} });
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error.message).toBe('Conta answered without a list of results (HTTP 200) while trying to list customers');
	});

	it('Organization Get Many fails on an empty 200 instead of returning no organizations', async () => {
		kit.sim().injectFault({ pathIncludes: '/invoice/organizations', status: 200, body: '' });
		const result = await kit.run({ resource: 'organization', operation: 'getAll', returnAll: true, filters: {} });
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error.message).toBe('Conta answered without a list (HTTP 200) while trying to list organizations');
	});

	it('Payment Delete still accepts the documented empty 200', async () => {
		const payments = await kit.json({ resource: 'payment', operation: 'search', organization: rl('101'), returnAll: true, filters: {}, simplify: false });
		expect(payments.length).toBeGreaterThan(0);
		const out = await kit.json({ resource: 'payment', operation: 'delete', organization: rl('101'), paymentId: String(payments[0].id) });
		expect(out[0]).toMatchObject({ deleted: true });
	});
});

/**
 * The Conta pieces every operation builds on: the list-search methods behind the resource
 * locators, the paged search transport, the credential's key scoping, and the simulator's
 * query model and strict body checks.
 */
import { contaBaseUrl, isForContaApi } from '../../../credentials/ContaApi.credentials';
import { contaSearch } from '../../../nodes/Conta/transport/index';
import { checkBody, inputError } from '../../../sandbox/conta/schema';
import { nextId, osloDateTime } from '../../../sandbox/conta/state';
import { createContext, runListSearch } from '../../helpers/harness';
import { contaCredentialType, contaNode, rl, useContaSimulator } from '../../helpers/conta';

const kit = useContaSimulator();

const addCustomers = (count: number) => {
	const data = kit.sim().state.data[101];
	for (let n = 0; n < count; n++) {
		data.customers.push({
			id: nextId(kit.sim().state, 'customer'),
			name: `Bulk ${n}`,
			customerType: 'ORGANIZATION',
			customerAddressLine1: 'Gate 1',
			customerAddressPostcode: '0150',
			customerAddressCity: 'Oslo',
			isActive: true,
			_createdAt: osloDateTime(),
		});
	}
};

describe('Conta list searches (resource locators)', () => {
	it('lists customers of the chosen organization newest first, with Conta’s q', async () => {
		const all = await kit.listSearch('searchCustomers', { organization: rl('101') });
		expect(all.results).toEqual([
			{ name: 'Nedlagt Handel AS (5003, 974760673, inactive)', value: '5003' },
			{ name: 'Kari Nordmann (5002)', value: '5002' },
			{ name: 'Fjellheim Bakeri AS (5001, 923456783)', value: '5001' },
		]);
		const request = kit.requests()[0];
		expect(request.path).toBe('/invoice/organizations/101/customers');
		expect(request.query).toEqual({ hits: '50', page: '0', sort: '-id' });

		const filtered = await kit.listSearch('searchCustomers', { organization: rl('101') }, 'kari');
		expect(filtered.results.map((r) => r.value)).toEqual(['5002']);
		expect(kit.requests()[1].query).toEqual({ q: 'kari', hits: '50', page: '0', sort: '-id' });
	});

	it('pages with a pagination token', async () => {
		addCustomers(60);
		const first = await kit.listSearch('searchCustomers', { organization: rl('101') });
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('1');
		const second = await kit.listSearch('searchCustomers', { organization: rl('101') }, undefined, '1');
		expect(second.results).toHaveLength(13);
		expect(second.paginationToken).toBeUndefined();
	});

	it('falls back to the credential’s default organization, and asks for one when there is none', async () => {
		await kit.listSearch('searchInvoices', {});
		expect(kit.requests()[0].path).toBe('/invoice/organizations/101/invoices');
		await expect(
			runListSearch(
				{ node: contaNode, credentialType: contaCredentialType, credentials: kit.credentials({ defaultOrganizationId: '' }), params: {} },
				'searchInvoices',
			),
		).rejects.toThrow('Choose an organization first');
	});

	it('labels invoices, drafts and bank accounts', async () => {
		expect((await kit.listSearch('searchInvoices', {})).results).toEqual([
			{ name: 'Invoice 10002: Kari Nordmann 2500 NOK (INVOICE_CREATED)', value: '7002' },
			{ name: 'Invoice 10001: Fjellheim Bakeri AS 920 NOK (CLOSED_BY_PAYMENT)', value: '7001' },
		]);
		expect((await kit.listSearch('searchInvoiceDrafts', {})).results).toEqual([
			{ name: 'Draft 8001: Kari Nordmann 3562.5', value: '8001' },
		]);
		expect((await kit.listSearch('searchBankAccounts', {})).results).toEqual([
			{ name: 'Driftskonto 15031234567 (301)', value: '301' },
			{ name: 'Skattetrekkskonto 15039876543 (302, not for invoicing)', value: '302' },
		]);
		expect(kit.requests().at(-1)!.path).toBe('/invoice/organizations/101/bank-accounts');
	});
});

describe('Conta paged search transport', () => {
	const search = (limit?: number, pageSize?: number) => {
		const { context } = createContext({ node: contaNode, credentialType: contaCredentialType, credentials: kit.credentials(), params: {} });
		return contaSearch<{ id: number }>(context, {
			path: '/invoice/organizations/101/customers',
			qs: { sort: '+id' },
			action: 'list customers',
			limit,
			pageSize,
		});
	};

	it('reads every page with 0-based page numbers and stops at pageCount', async () => {
		addCustomers(7);
		const hits = await search(undefined, 4);
		expect(hits.map((h) => h.id)).toEqual([5001, 5002, 5003, 5004, 5005, 5006, 5007, 5008, 5009, 5010]);
		expect(kit.requests().map((r) => r.query)).toEqual([
			{ sort: '+id', hits: '4', page: '0' },
			{ sort: '+id', hits: '4', page: '1' },
			{ sort: '+id', hits: '4', page: '2' },
		]);
	});

	it('asks for no more than the limit and stops once it has it', async () => {
		addCustomers(7);
		const hits = await search(2);
		expect(hits.map((h) => h.id)).toEqual([5001, 5002]);
		expect(kit.requests().map((r) => r.query)).toEqual([{ sort: '+id', hits: '2', page: '0' }]);
	});

	it('retries a read on 503 with Retry-After and keeps each page’s query intact', async () => {
		kit.sim().injectFault({ pathIncludes: '/customers', status: 503, headers: { 'Retry-After': '0' }, body: { category: 'SYSTEM', name: 'MaintenanceException', messages: { EN: 'Down for maintenance', NO: 'Vedlikehold' } } });
		const hits = await search(undefined, 2);
		expect(hits).toHaveLength(3);
		expect(kit.requests().map((r) => r.query)).toEqual([
			{ sort: '+id', hits: '2', page: '0' },
			{ sort: '+id', hits: '2', page: '0' },
			{ sort: '+id', hits: '2', page: '1' },
		]);
	});
});

describe('Conta credential key scoping', () => {
	it('sends the key to the API host only', async () => {
		const base = contaBaseUrl({ environment: 'production' });
		expect(isForContaApi('/invoice/organizations', base)).toBe(true);
		expect(isForContaApi('https://api.gateway.conta.no/invoice/files/1', base)).toBe(true);
		expect(isForContaApi('https://files.example-cdn.net/tmp/abc.pdf', base)).toBe(false);
		expect(isForContaApi('//files.example-cdn.net/tmp/abc.pdf', base)).toBe(false);
		expect(isForContaApi('//api.gateway.conta.no/invoice/x', base)).toBe(true);
		const options = await contaCredentialType.authenticate(
			{ apiKey: 'k', environment: 'production' },
			{ url: 'https://files.example-cdn.net/tmp/abc.pdf', method: 'GET' },
		);
		expect(options.headers).toBeUndefined();
		const own = await contaCredentialType.authenticate({ apiKey: 'k', environment: 'production' }, { url: '/x', method: 'GET' });
		expect(own.headers).toEqual({ apiKey: 'k', 'conta-language': 'EN' });
		expect(own.baseURL).toBe('https://api.gateway.conta.no');
	});
});

describe('Conta simulator query model and strict bodies', () => {
	const get = async (path: string, key = true) => {
		const response = await fetch(kit.url() + path, { headers: key ? { apiKey: String(kit.credentials().apiKey) } : {} });
		return { status: response.status, body: (await response.json()) as any };
	};

	it('hits=0 returns everything; page is 0-based; sort takes + and - (and no prefix)', async () => {
		addCustomers(3);
		const all = await get('/invoice/organizations/101/customers?hits=0');
		expect(all.body.hits).toHaveLength(6);
		expect(all.body).toMatchObject({ hitCount: 6, pageCount: 1 });
		const page = await get('/invoice/organizations/101/customers?hits=2&page=1&sort=-id');
		expect(page.body.hits.map((h: { id: number }) => h.id)).toEqual([5004, 5003]);
		expect(page.body).toMatchObject({ hitCount: 6, pageCount: 3 });
		const asc = await get('/invoice/organizations/101/customers?hits=2&sort=%2BcustomerName');
		expect(asc.body.hits.map((h: { customerName: string }) => h.customerName)).toEqual(['Bulk 0', 'Bulk 1']);
		const defaultSize = await get('/invoice/organizations/101/customers');
		expect(defaultSize.body.pageCount).toBe(1);
	});

	it('rejects a bad query the way Conta does (409 INPUT)', async () => {
		const bad = await get('/invoice/organizations/101/invoices?sort=-nope&fromDate=2026-02-30');
		expect(bad.status).toBe(409);
		expect(bad.body.category).toBe('INPUT');
		expect(bad.body.errors.map((e: { id: string; property: { path: string } }) => [e.id, e.property.path])).toEqual([
			['date', 'fromDate'],
			['sortField', 'sort'],
		]);
	});

	it('filters fromDate/toDate on createdAt and hides createdAt unless asked', async () => {
		const hidden = await get('/invoice/organizations/101/invoices?fromDate=2026-01-20&toDate=2026-01-20');
		expect(hidden.body.hits.map((h: { id: number }) => h.id)).toEqual([7002]);
		expect(hidden.body.hits[0].createdAt).toBeUndefined();
		const shown = await get('/invoice/organizations/101/invoices?includeCreatedAt=true&invoiceNo=10002');
		expect(shown.body.hits[0].createdAt).toBe('2026-01-20T10:00:00');
	});

	it('answers 401 without the key, 403 for a deleted organization, 404 for an unknown one', async () => {
		expect((await get('/invoice/organizations/101/customers', false)).status).toBe(401);
		expect((await get('/invoice/organizations/103/customers')).body.name).toBe('OrgAccessDeniedException');
		expect((await get('/invoice/organizations/999/customers')).status).toBe(404);
		expect((await get('/invoice/organizations/abc/customers')).status).toBe(409);
	});

	it('rejects unknown fields, wrong types, missing required fields, lengths and enums', () => {
		const issues = checkBody(
			{
				name: { type: 'string', required: true, max: 5 },
				count: { type: 'integer', min: 1 },
				kind: { type: 'enum', values: ['A', 'B'] },
				lines: { type: 'array', items: { type: 'object', props: { vatCode: { type: 'string', required: true } } } },
			},
			{ name: 'too long', count: 1.5, kind: 'C', extra: true, lines: [{}] },
		);
		expect(issues.map((i) => [i.id, i.property.path])).toEqual([
			['unknownProperty', 'extra'],
			['maxLength', 'name'],
			['dataType', 'count'],
			['enum', 'kind'],
			['required', 'lines.0.vatCode'],
		]);
		expect(inputError({}, issues)).toMatchObject({ status: 409, body: { category: 'INPUT', name: 'InputOpException' } });
	});
});

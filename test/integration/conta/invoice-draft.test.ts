/**
 * Conta → Invoice Draft (Create, Get, Get Many, Issue) against the simulator, through the node's
 * real code path: the exact requests, the exact output, validation before anything is sent, and
 * Conta's own errors.
 */
import { DateTime } from 'luxon';
import { contaNode, rl, useContaSimulator } from '../../helpers/conta';
import * as invoiceFields from '../../../nodes/Conta/actions/invoice/fields';
import { INVOICE_LIST_FILTERS } from '../../../nodes/Conta/helpers/constants';
import { optionsOf } from '../../../nodes/shared/validation';
import type { Json } from '../../../sandbox/conta/state';

const kit = useContaSimulator();
const oslo = () => DateTime.now().setZone('Europe/Oslo');
const today = () => oslo().toISODate()!;
const daysFromToday = (days: number) => oslo().plus({ days }).toISODate()!;
const body = (index = 0) => JSON.parse(kit.requests()[index].rawBody);
const drafts = (): Json[] => kit.sim().state.data[101].drafts;

const line = (overrides: Record<string, unknown> = {}) => ({
	description: 'Timer februar',
	price: 950,
	quantity: 4,
	discount: 0,
	vatCode: 'high',
	productId: '',
	...overrides,
});

const create = (overrides: Record<string, unknown> = {}) => ({
	resource: 'invoiceDraft',
	operation: 'create',
	billTo: 'customer',
	customer: rl('5002'),
	linesInput: 'fields',
	invoiceLines: { line: [line(), line({ description: 'Reise', price: 400, quantity: 1, discount: 25, vatCode: 'low' })] },
	additionalFields: {},
	simplify: true,
	...overrides,
});

describe('Conta Invoice Draft → Create', () => {
	it('creates a draft for a customer with registration source CONTA and returns it simplified', async () => {
		const out = await kit.json(create({ additionalFields: { customerReference: 'Prosjekt Fjord', personalMessage: 'Takk!' } }));
		expect(kit.requests()).toHaveLength(1);
		const request = kit.requests()[0];
		expect([request.method, request.path, request.query]).toEqual(['POST', '/invoice/organizations/101/invoice-drafts', {}]);
		expect(request.headers['content-type']).toContain('application/json');
		expect(body()).toEqual({
			registrationSource: 'CONTA',
			customerId: 5002,
			customerReference: 'Prosjekt Fjord',
			personalMessage: 'Takk!',
			invoiceDraftLines: [
				{ description: 'Timer februar', price: 950, quantity: 4, discount: 0, vatCode: 'high' },
				{ description: 'Reise', price: 400, quantity: 1, discount: 25, vatCode: 'low' },
			],
		});
		expect(out).toEqual([
			{
				id: 8002,
				type: 'NORMAL',
				customerId: 5002,
				invoiceCurrency: 'NOK',
				sumNet: 4100,
				sumVAT: 986,
				sumTotal: 5086,
				customerReference: 'Prosjekt Fjord',
				personalMessage: 'Takk!',
			},
		]);
		expect(drafts().map((d) => d.id)).toEqual([8001, 8002]);
	});

	it('returns the full draft with Simplify off, each line with its account and VAT id', async () => {
		const out = await kit.json(create({ simplify: false }));
		expect(out[0]).toMatchObject({
			id: 8002,
			registrationSource: 'CONTA',
			invoiceLanguage: 'NO',
			exchangeRate: 1,
			sumRemaining: 5086,
			invoiceDraftLines: [
				{ id: 8002001, invoiceDraftId: 8002, lineNo: 1, sumNet: 3800, bookkeepingAccountNo: '3000', vatId: 3 },
				{ id: 8002002, invoiceDraftId: 8002, lineNo: 2, sumDiscount: 100, sumNet: 300, bookkeepingAccountNo: '3000', vatId: 33 },
			],
		});
		expect(out[0]).not.toHaveProperty('_createdAt');
	});

	it('bills a customer group, or nobody yet, and sends every optional field', async () => {
		await kit.json(create({ billTo: 'customerGroup', customer: rl(''), customerGroupId: '12' }));
		expect(body()).toMatchObject({ registrationSource: 'CONTA', customerGroupId: 12 });
		expect(body()).not.toHaveProperty('customerId');

		kit.sim().clearRequests();
		await kit.json(
			create({
				billTo: 'none',
				customer: rl(''),
				invoiceLines: {},
				additionalFields: {
					type: 'CASH',
					departmentId: '2',
					projectId: '3',
					invoiceLanguage: 'EN',
					invoiceCurrency: 'EUR',
					exchangeRate: 11.72,
					exchangeRateReferenceDate: `${today()}T00:00:00`,
					saleId: 44,
				},
			}),
		);
		expect(body()).toEqual({
			registrationSource: 'CONTA',
			type: 'CASH',
			departmentId: 2,
			projectId: 3,
			invoiceLanguage: 'EN',
			invoiceCurrency: 'EUR',
			exchangeRate: 11.72,
			exchangeRateReferenceDate: today(),
			saleId: 44,
		});
	});

	it('creates a credit-note draft with a negative total and takes JSON lines', async () => {
		const out = await kit.json(
			create({
				linesInput: 'json',
				invoiceLinesJson: '[{"description":"Kreditering","price":500,"quantity":-1,"vatCode":"high"}]',
				additionalFields: { type: 'CREDIT' },
			}),
		);
		expect(body().invoiceDraftLines).toEqual([{ description: 'Kreditering', price: 500, quantity: -1, discount: 0, vatCode: 'high' }]);
		expect(out[0]).toMatchObject({ type: 'CREDIT', sumTotal: -625 });
	});

	it.each([
		['a customer group next to the customer', { customerGroupId: '12' }, 'Customer Group ID', 'a customer or a customer group, not both'],
		['a customer next to the customer group', { billTo: 'customerGroup', customerGroupId: '12' }, 'Customer', 'a customer or a customer group, not both'],
		['a customer group without an id', { billTo: 'customerGroup', customer: rl(''), customerGroupId: '' }, 'Customer Group ID', 'is required'],
		['Nobody Yet with a customer', { billTo: 'none' }, 'Bill To', "leave 'Customer' and 'Customer Group ID' empty"],
		['no customer', { customer: rl('') }, 'Customer', 'is required'],
		['an unknown Bill To', { billTo: 'everyone' }, 'Bill To', 'must be one of: customer'],
		['a foreign currency without reference date', { additionalFields: { invoiceCurrency: 'SEK' } }, 'Exchange Rate Reference Date', 'required for a draft in SEK'],
		['a positive credit-note draft', { additionalFields: { type: 'CREDIT' } }, 'Invoice Lines', 'a credit note draft must be zero or negative'],
		['a negative normal draft', { invoiceLines: { line: [line({ price: -5 })] } }, 'Invoice Lines', 'choose Invoice Type Credit Note'],
		['an empty line description', { invoiceLines: { line: [line({ description: '' })] } }, 'Description', 'cannot be empty'],
		['a negative discount', { invoiceLines: { line: [line({ discount: -1 })] } }, 'Discount (%)', "'Discount (%)' (line #1 discount): must be between 0 and 100"],
		['an unknown invoice type', { additionalFields: { type: 'PROFORMA' } }, 'Invoice Type', "'Invoice Type': must be one of: CASH, NORMAL, CREDIT"],
		['a 301-character message', { additionalFields: { personalMessage: 'x'.repeat(301) } }, 'Personal Message', 'at most 300'],
		['a department id with letters', { additionalFields: { departmentId: 'D2' } }, 'Department ID', 'positive whole number'],
	])('rejects %s before sending anything', async (_name, overrides, label, fragment) => {
		await kit.expectInvalid(create(overrides as Record<string, unknown>), label as string, fragment as string);
	});

	it('reports an unknown customer with Conta’s message', async () => {
		await kit.expectApiError(create({ customer: rl('5999') }), '422', [
			'Conta refused to create an invoice draft (HTTP 422)',
			'The customer with id 5999 was not found. (CustomerNotFoundException)',
		]);
		expect(drafts()).toHaveLength(1);
	});
});

describe('Conta Invoice Draft → Get', () => {
	const get = (overrides: Record<string, unknown> = {}) => ({
		resource: 'invoiceDraft',
		operation: 'get',
		draftId: rl('8001'),
		simplify: true,
		...overrides,
	});

	it('gets a draft by ID, simplified', async () => {
		const out = await kit.json(get());
		expect(kit.requests().map((r) => [r.method, r.path, r.query, r.rawBody])).toEqual([['GET', '/invoice/organizations/101/invoice-drafts/8001', {}, '']]);
		expect(out).toEqual([{ id: 8001, type: 'NORMAL', customerId: 5002, invoiceCurrency: 'NOK', sumNet: 2850, sumVAT: 712.5, sumTotal: 3562.5 }]);
	});

	it('returns the raw draft with Simplify off', async () => {
		const out = await kit.json(get({ simplify: false, organization: rl('101') }));
		expect(out).toEqual([
			{
				id: 8001,
				registrationSource: 'CONTA',
				type: 'NORMAL',
				customerId: 5002,
				invoiceLanguage: 'NO',
				invoiceCurrency: 'NOK',
				exchangeRate: 1,
				invoiceDraftLines: [
					{ description: 'Timer januar', price: 950, quantity: 3, discount: 0, vatCode: 'high', lineNo: 1, sumDiscount: 0, sumNet: 2850, bookkeepingAccountNo: '3000', vatId: 3 },
				],
				sumNet: 2850,
				sumVAT: 712.5,
				sumTotal: 3562.5,
				sumRemaining: 3562.5,
			},
		]);
	});

	it('rejects a draft id that is not a number before sending anything', async () => {
		await kit.expectInvalid(get({ draftId: rl('draft-1') }), 'Invoice Draft', 'positive whole number');
	});

	it('reports an unknown draft with Conta’s 404 message', async () => {
		await kit.expectApiError(get({ draftId: rl('8999') }), '404', ['The invoice draft with id 8999 was not found.']);
	});
});

describe('Conta Invoice Draft → Get Many', () => {
	const getAll = (overrides: Record<string, unknown> = {}) => ({
		resource: 'invoiceDraft',
		operation: 'getAll',
		returnAll: true,
		filters: {},
		options: {},
		simplify: true,
		...overrides,
	});

	it('offers the List dropdown from the same list its rule checks', () => {
		const filters = contaNode.description.properties.find(
			(p) => p.name === 'filters' && p.displayOptions?.show?.resource?.[0] === 'invoiceDraft' && p.displayOptions?.show?.operation?.[0] === 'getAll',
		)!;
		const list = (filters.options as Array<{ name: string; options?: unknown }>).find((o) => o.name === 'type')!;
		expect(list.options).toEqual(optionsOf(INVOICE_LIST_FILTERS));
		expect(list.options).toContainEqual({ name: 'Kravia', value: 'KRAVIA', description: 'Sent to debt collection' });
		// invoice/fields.ts no longer re-exports the shared boolean rule.
		expect(Object.keys(invoiceFields)).not.toContain('bool');
	});

	it('lists drafts with createdAt, simplified', async () => {
		const out = await kit.json(getAll());
		expect(kit.requests().map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/invoice/organizations/101/invoice-drafts', { includeCreatedAt: 'true', hits: '500', page: '0' }],
		]);
		// Only fields Conta's draft hits have: no type or currency (Get has those).
		expect(out).toEqual([
			{ id: 8001, customerId: 5002, customerName: 'Kari Nordmann', invoiceLineDescription: 'Timer januar', sumTotal: 3562.5, createdAt: '2026-01-28T12:00:00' },
		]);
	});

	it('returns Conta’s draft hit as sent with Simplify off: no type, currency, language, department, project or reference', async () => {
		await kit.json(
			create({ additionalFields: { customerReference: 'Ref 1', departmentId: '2', projectId: '3', invoiceCurrency: 'EUR', exchangeRateReferenceDate: today() } }),
		);
		kit.sim().clearRequests();
		const out = await kit.json(getAll({ simplify: false, options: { sort: '-id' } }));
		expect(out).toEqual([
			{
				id: 8002,
				customerId: 5002,
				customerName: 'Kari Nordmann',
				customerEmailAddress: 'kari@example.no',
				invoiceLineDescription: 'Timer februar',
				sumNet: 4100,
				sumVAT: 986,
				sumTotal: 5086,
				sumRemaining: 5086,
				createdByUser: 'API user',
				createdAt: drafts()[1]._createdAt,
			},
			{
				id: 8001,
				customerId: 5002,
				customerName: 'Kari Nordmann',
				customerEmailAddress: 'kari@example.no',
				invoiceLineDescription: 'Timer januar',
				sumNet: 2850,
				sumVAT: 712.5,
				sumTotal: 3562.5,
				sumRemaining: 3562.5,
				createdByUser: 'API user',
				createdAt: '2026-01-28T12:00:00',
			},
		]);
		// The filters still work on what the drafts hold.
		const filtered = async (filters: Record<string, unknown>) => (await kit.json(getAll({ filters }))).map((d) => d.id);
		expect(await filtered({ invoiceCurrency: 'EUR' })).toEqual([8002]);
		expect(await filtered({ invoiceCurrency: 'NOK' })).toEqual([8001]);
		expect(await filtered({ departmentId: '2', projectId: '3' })).toEqual([8002]);
		expect(await filtered({ q: 'Ref 1' })).toEqual([8002]);
	});

	it.each([
		['local', '2026-01-28T12:00:00'],
		['offset', '2026-01-28T12:00:00+01:00'],
		['utc', '2026-01-28T11:00:00Z'],
	] as const)('passes createdAt on as Conta writes it (%s)', async (form, createdAt) => {
		kit.sim().createdAtForm = form;
		expect(await kit.json(getAll())).toEqual([expect.objectContaining({ id: 8001, createdAt })]);
	});

	it('labels drafts in the picker with what the draft hit has (customer and total, no currency)', async () => {
		await kit.json(create({ billTo: 'customerGroup', customer: rl(''), customerGroupId: '12' }));
		expect((await kit.listSearch('searchInvoiceDrafts', {})).results).toEqual([
			{ name: 'Draft 8002: Group 12 5086', value: '8002' },
			{ name: 'Draft 8001: Kari Nordmann 3562.5', value: '8001' },
		]);
	});

	it('sends every filter and option', async () => {
		const out = await kit.json(
			getAll({
				returnAll: false,
				limit: 5,
				filters: {
					q: 'Timer',
					type: 'ACTIVE',
					customerId: 5002,
					departmentId: '1',
					projectId: '2',
					invoiceCurrency: 'NOK',
					fromDate: '2026-01-01',
					toDate: '2026-01-31T23:59:59',
				},
				options: { includeCreatedByIp: true, sort: '-createdAt' },
				simplify: false,
			}),
		);
		expect(kit.requests()[0].query).toEqual({
			q: 'Timer',
			type: 'ACTIVE',
			customerId: '5002',
			departmentId: '1',
			projectId: '2',
			invoiceCurrency: 'NOK',
			fromDate: '2026-01-01',
			toDate: '2026-01-31',
			includeCreatedAt: 'true',
			includeCreatedByIp: 'true',
			sort: '-createdAt',
			hits: '5',
			page: '0',
		});
		expect(out).toEqual([]);
	});

	it('finds a new draft and stops at the limit', async () => {
		await kit.json(create());
		kit.sim().clearRequests();
		const out = await kit.json(getAll({ returnAll: false, limit: 1, options: { sort: '-id' } }));
		expect(out.map((d) => d.id)).toEqual([8002]);
		expect(kit.requests()[0].query).toMatchObject({ hits: '1', page: '0', sort: '-id' });
	});

	it.each([
		['a limit of 0', { returnAll: false, limit: 0 }, 'Limit', 'at least 1'],
		['an unknown list', { filters: { type: 'DRAFT' } }, 'List', "'List': must be one of: ACTIVE, FOLLOW_UP, KRAVIA, OVERDUE, PAID, PAYMENT_REMINDERS_OVERDUE, REPEATING, UNPAID"],
		['a customer id with letters', { filters: { customerId: 'K5002' } }, 'Customer ID', 'positive whole number'],
		['a date that is not a date', { filters: { fromDate: 'yesterday' } }, 'Created After', 'YYYY-MM-DD'],
	])('rejects %s before sending anything', async (_name, overrides, label, fragment) => {
		await kit.expectInvalid(getAll(overrides as Record<string, unknown>), label as string, fragment as string);
	});

	it('reports Conta’s input error for a field it cannot sort by', async () => {
		await kit.expectApiError(getAll({ options: { sort: '+invoiceDate' } }), '409', ["Sorting by 'invoiceDate' is not supported here."]);
	});
});

describe('Conta Invoice Draft → Issue', () => {
	const issue = (overrides: Record<string, unknown> = {}) => ({
		resource: 'invoiceDraft',
		operation: 'issue',
		draftId: rl('8001'),
		recipients: { recipient: [{ type: 'EMAIL', emailAddress: 'kari@example.no', emailRecipientType: 'EMAIL_TO', customerId: '' }] },
		checkEhf: true,
		ehfFallback: 'fail',
		additionalFields: {},
		simplify: true,
		...overrides,
	});

	it('reads the draft, issues it as an invoice dated today (Oslo) and deletes the draft', async () => {
		const due = daysFromToday(14);
		const out = await kit.json(issue({ additionalFields: { invoiceDueDate: due, orgReference: 'Ola' } }));
		expect(kit.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /invoice/organizations/101/invoice-drafts/8001',
			'POST /invoice/organizations/101/invoices',
		]);
		expect(body(1)).toEqual({
			id: 8001,
			customerId: 5002,
			type: 'NORMAL',
			invoiceLanguage: 'NO',
			invoiceCurrency: 'NOK',
			exchangeRate: 1,
			invoiceDate: today(),
			invoiceDueDate: due,
			orgReference: 'Ola',
			invoiceLines: [{ description: 'Timer januar', price: 950, quantity: 3, discount: 0, vatCode: 'high' }],
			invoiceRecipients: [{ type: 'EMAIL', emailAddress: 'kari@example.no', emailRecipientType: 'EMAIL_TO' }],
		});
		expect(out).toEqual([
			{
				id: 7003,
				invoiceNo: 10003,
				type: 'NORMAL',
				status: 'INVOICE_CREATED',
				customerId: 5002,
				invoiceDate: today(),
				invoiceDueDate: due,
				invoiceCurrency: 'NOK',
				sumNet: 2850,
				sumVAT: 712.5,
				sumTotal: 3562.5,
				sumRemaining: 3562.5,
				kid: '000100032',
				invoiceFileId: 30003,
			},
		]);
		expect(drafts()).toEqual([]);
		await kit.expectApiError({ resource: 'invoiceDraft', operation: 'get', draftId: rl('8001'), simplify: true }, '404', ['not found']);
	});

	it('issues a draft made with Create, chained', async () => {
		const [draft] = await kit.json(create());
		kit.sim().clearRequests();
		const out = await kit.json(issue({ draftId: rl(String(draft.id)), recipients: {} }));
		expect(body(1)).toMatchObject({ id: 8002, customerId: 5002, invoiceLines: [expect.objectContaining({ description: 'Timer februar' }), expect.objectContaining({ description: 'Reise', discount: 25 })] });
		expect(body(1)).not.toHaveProperty('invoiceRecipients');
		expect(out[0]).toMatchObject({ sumTotal: 5086, customerId: 5002 });
	});

	it('needs a customer for a customer-group draft, and takes one from Additional Fields', async () => {
		await kit.json(create({ billTo: 'customerGroup', customer: rl(''), customerGroupId: '12' }));
		kit.sim().clearRequests();
		const result = await kit.run(issue({ draftId: rl('8002') }));
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error.message).toBe('Invoice draft 8002 has no customer (item 0)');
		expect(result.error.description).toContain('customer group 12');
		expect(kit.requests().map((r) => r.method)).toEqual(['GET']);

		kit.sim().clearRequests();
		await kit.json(issue({ draftId: rl('8002'), additionalFields: { customerId: '5001' } }));
		expect(body(1)).toMatchObject({ id: 8002, customerId: 5001 });
	});

	it("checks EHF recipients after reading the draft and falls back to Don't Deliver", async () => {
		const out = await kit.json(issue({ recipients: { recipient: [{ type: 'EHF', ehfRecipient: '889640782' }] }, ehfFallback: 'doNotDeliver' }));
		expect(kit.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /invoice/organizations/101/invoice-drafts/8001',
			'GET /invoice/conta-ehf/recipients/889640782',
			'POST /invoice/organizations/101/invoices',
		]);
		expect(body(2).invoiceRecipients).toEqual([{ type: 'DO_NOT_DELIVER' }]);
		expect(out[0].ehfCheck).toEqual([{ orgNo: '889640782', canReceiveEhf: false, participantIdentifier: '0192:889640782', action: 'dropped' }]);
	});

	it('checks the dates after reading the draft and creates nothing', async () => {
		const error = await kit.expectInvalid(issue({ additionalFields: { invoiceDate: daysFromToday(-2) } }), 'Invoice Date', 'Nothing was created', 1);
		expect(error.message).toContain('Europe/Oslo');
		expect(drafts()).toHaveLength(1);
	});

	it.each([
		['a bad recipient e-mail', { recipients: { recipient: [{ type: 'EMAIL', emailAddress: 'kari(at)example.no' }] } }, 'Email', "'Email' (recipient #1 emailAddress): must be a valid email address like name@example.com"],
		['a KID over 35 characters', { additionalFields: { kid: '1'.repeat(36) } }, 'KID', "'KID': must be between 2 and 35 characters"],
		['a draft id with letters', { draftId: rl('x8001') }, 'Invoice Draft', 'positive whole number'],
		['an unknown fallback', { ehfFallback: 'ignore' }, "If Recipient Can't Receive EHF", "'If Recipient Can't Receive EHF': must be one of: doNotDeliver, fail"],
	])('rejects %s before sending anything', async (_name, overrides, label, fragment) => {
		await kit.expectInvalid(issue(overrides as Record<string, unknown>), label as string, fragment as string);
	});

	it('reports an unknown draft with Conta’s 404 message and sends no invoice', async () => {
		await kit.expectApiError(issue({ draftId: rl('8999') }), '404', ['The invoice draft with id 8999 was not found.']);
		expect(kit.requests().map((r) => r.method)).toEqual(['GET']);
	});

	it('reports Conta’s error when the draft disappeared between reading and issuing', async () => {
		kit.sim().injectFault({
			match: (req) => req.method === 'POST',
			status: 404,
			body: { category: 'API', name: 'NotFoundIdModelStorageToolException', messages: { EN: 'The invoice draft with id 8001 was not found.' } },
		});
		await kit.expectApiError(issue(), '404', ['Conta could not find what was asked for (HTTP 404) while trying to issue invoice draft 8001']);
		expect(kit.requests().map((r) => r.method)).toEqual(['GET', 'POST']);
	});
});

describe('Conta simulator: invoice-draft routes', () => {
	const post = async (payload: unknown) => {
		const response = await fetch(`${kit.url()}/invoice/organizations/101/invoice-drafts`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', apiKey: String(kit.credentials().apiKey) },
			body: JSON.stringify(payload),
		});
		return { status: response.status, body: (await response.json()) as Json };
	};

	it('requires registrationSource and refuses a customer together with a customer group (409 INPUT)', async () => {
		const reply = await post({ customerId: 5001, customerGroupId: 3, invoiceCurrency: 'EUR' });
		expect(reply.status).toBe(409);
		expect(reply.body.errors.map((e: Json) => e.id)).toEqual(['required', 'useEitherCustomerIdOrCustomerGroupId', 'exchangeRateReferenceDateRequired']);
	});

	it('refuses an attachment and wrong line numbers (422 CUSTOM)', async () => {
		const attachment = await post({ registrationSource: 'CONTA', attachmentFileId: 30001 });
		expect([attachment.status, attachment.body.name]).toEqual([422, 'InvoiceDraftCreatedWithAttachmentException']);
		const numbering = await post({
			registrationSource: 'CONTA',
			invoiceDraftLines: [{ description: 'A', price: 1, quantity: 1, discount: 0, vatCode: 'high', lineNo: 2 }],
		});
		expect(numbering.body.name).toBe('WrongInvoiceLinesNumberingException');
	});
});

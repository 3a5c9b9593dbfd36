/**
 * Conta → Customer: Create, Get, Get Many, Update (fetch-merge-PUT), Deactivate and Delete (a
 * route Conta's API does not have), against the simulator, plus the simulator's customer routes.
 */
import { Conta } from '../../../nodes/Conta/Conta.node';
import { SANDBOX_KEYS } from '../../../sandbox/credentials';
import { nextId, osloDateTime } from '../../../sandbox/conta/state';
import { rl, useContaSimulator } from '../../helpers/conta';

const kit = useContaSimulator();

const CUSTOMERS = '/invoice/organizations/101/customers';

/** The seeded customer 5001 as Conta's full model. */
const FJELLHEIM = {
	id: 5001,
	contacts: [],
	daysUntilPaymentReminder: 14,
	daysUntilEstimateOverdue: 14,
	defaultInvoiceDiscount: 0,
	customerAddressCountry: 'NO',
	invoiceDeliveryMethod: 'EHF',
	isActive: true,
	name: 'Fjellheim Bakeri AS',
	customerType: 'ORGANIZATION',
	orgNo: '923456783',
	emailAddress: 'post@fjellheim.example',
	phoneNo: '22334455',
	customerAddressLine1: 'Storgata 1',
	customerAddressPostcode: '0155',
	customerAddressCity: 'Oslo',
};

const { id: _id, ...FJELLHEIM_WRITABLE } = FJELLHEIM;

const sent = (index = 0) => {
	const request = kit.requests()[index];
	return { method: request.method, path: request.path, query: request.query, body: request.rawBody ? JSON.parse(request.rawBody) : undefined };
};

async function failure(params: Record<string, unknown>) {
	const result = await kit.run(params);
	expect(result.error).toBeDefined();
	return result.error;
}

/** Direct HTTP to the simulator (for its own rules). */
async function call(method: string, path: string, body?: unknown) {
	const response = await fetch(`${kit.url()}${path}`, {
		method,
		headers: { apiKey: SANDBOX_KEYS.conta.apiKey, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as any };
}

describe('Conta customer: node description', () => {
	const properties = new Conta().description.properties;

	it('offers every customer operation with an action, alphabetized', () => {
		const operation = properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'customer')!;
		expect((operation.options as Array<{ name: string; value: string; action: string }>).map((o) => [o.name, o.value, o.action])).toEqual([
			['Create', 'create', 'Create a customer'],
			['Deactivate', 'deactivate', 'Deactivate a customer'],
			['Delete', 'delete', 'Delete a customer'],
			['Get', 'get', 'Get a customer'],
			['Get Many', 'getAll', 'Get many customers'],
			['Update', 'update', 'Update a customer'],
		]);
	});

	it('shows the organization first in every customer operation, and Limit defaults to 50', () => {
		for (const op of ['create', 'get', 'getAll', 'update', 'deactivate', 'delete']) {
			const shown = properties.filter(
				(p) => p.displayOptions?.show?.resource?.[0] === 'customer' && (p.displayOptions?.show?.operation as string[] | undefined)?.includes(op) && p.type !== 'notice',
			);
			expect(shown[0].name).toBe('organization');
		}
		const limit = properties.find((p) => p.name === 'limit' && (p.displayOptions?.show?.resource as string[])?.includes('customer'))!;
		expect(limit.default).toBe(50);
	});
});

describe('Conta customer → Create', () => {
	const base = {
		resource: 'customer',
		operation: 'create',
		name: '  Havbris Fiskeri AS ',
		customerType: 'ORGANIZATION',
		customerAddressLine1: 'Kaiveien 2',
		customerAddressPostcode: '6002',
		customerAddressCity: 'Ålesund',
		additionalFields: {},
	};

	it('POSTs the five required fields (trimmed) and returns the simplified customer', async () => {
		const out = await kit.json(base);
		expect(kit.requests()).toHaveLength(1);
		expect(sent()).toEqual({
			method: 'POST',
			path: CUSTOMERS,
			query: {},
			body: {
				name: 'Havbris Fiskeri AS',
				customerType: 'ORGANIZATION',
				customerAddressLine1: 'Kaiveien 2',
				customerAddressPostcode: '6002',
				customerAddressCity: 'Ålesund',
			},
		});
		expect(kit.requests()[0].headers['content-type']).toBe('application/json; charset=utf-8');
		expect(kit.requests()[0].headers['apikey']).toBe(SANDBOX_KEYS.conta.apiKey);
		expect(out).toEqual([
			{
				id: 5004,
				name: 'Havbris Fiskeri AS',
				customerType: 'ORGANIZATION',
				customerAddressLine1: 'Kaiveien 2',
				customerAddressPostcode: '6002',
				customerAddressCity: 'Ålesund',
				invoiceDeliveryMethod: 'EMAIL',
				isActive: true,
			},
		]);
		expect(kit.sim().state.data[101].customers.map((c) => c.name)).toContain('Havbris Fiskeri AS');
	});

	it('sends every optional field in Conta’s names and returns the full model with Simplify off', async () => {
		const out = await kit.json({
			...base,
			simplify: false,
			organization: rl('101'),
			additionalFields: {
				orgNo: 'NO 974 760 673 MVA',
				phoneNo: '70 12 34 56',
				emailAddress: 'post@havbris.example',
				parentCompanyNameForNuf: 'Havbris Holding AB',
				daysUntilPaymentReminder: 30,
				daysUntilEstimateOverdue: '10',
				defaultInvoiceDiscount: 2.5,
				customerAddressLine2: 'Postboks 7',
				customerAddressCountry: 'Norge',
				mailingAddress: { address: { line1: 'Postboks 99', line2: '', postcode: '6001', city: 'Ålesund', country: 'NO' } },
				deliveryAddress: { address: { line1: 'Lager 4', postcode: '6003', city: 'Ålesund' } },
				invoiceDeliveryMethod: 'EHF',
				isActive: true,
				vismaNo: 1234,
				efakturaName: 'Havbris',
				efakturaPhoneNo: '+4770123456',
				efakturaEmailAddress: 'faktura@havbris.example',
				ehfRecipientOrgNo: '923456783',
				contacts: { contact: [{ name: 'Ola Nordmann', title: 'CFO', phoneNo: '99887766', emailAddress: 'ola@havbris.example' }, { name: 'Kari', title: '', phoneNo: '', emailAddress: '' }] },
			},
		});
		const body = {
			name: 'Havbris Fiskeri AS',
			customerType: 'ORGANIZATION',
			customerAddressLine1: 'Kaiveien 2',
			customerAddressPostcode: '6002',
			customerAddressCity: 'Ålesund',
			orgNo: '974760673',
			phoneNo: '70 12 34 56',
			emailAddress: 'post@havbris.example',
			parentCompanyNameForNuf: 'Havbris Holding AB',
			daysUntilPaymentReminder: 30,
			daysUntilEstimateOverdue: 10,
			defaultInvoiceDiscount: 2.5,
			customerAddressLine2: 'Postboks 7',
			customerAddressCountry: 'Norge',
			mailingAddressLine1: 'Postboks 99',
			mailingAddressPostcode: '6001',
			mailingAddressCity: 'Ålesund',
			mailingAddressCountry: 'NO',
			deliveryAddressLine1: 'Lager 4',
			deliveryAddressPostcode: '6003',
			deliveryAddressCity: 'Ålesund',
			invoiceDeliveryMethod: 'EHF',
			isActive: true,
			vismaNo: 1234,
			efakturaName: 'Havbris',
			efakturaPhoneNo: '+4770123456',
			efakturaEmailAddress: 'faktura@havbris.example',
			ehfRecipientOrgNo: '923456783',
			contacts: [{ name: 'Ola Nordmann', title: 'CFO', phoneNo: '99887766', emailAddress: 'ola@havbris.example' }, { name: 'Kari' }],
		};
		expect(sent().body).toEqual(body);
		expect(out).toEqual([
			{
				...body,
				id: 5004,
				contacts: [
					{ id: 60001, customerId: 5004, name: 'Ola Nordmann', title: 'CFO', phoneNo: '99887766', emailAddress: 'ola@havbris.example' },
					{ id: 60002, customerId: 5004, name: 'Kari' },
				],
			},
		]);
	});

	it('accepts values from expressions: numbers as text, contacts and addresses as plain objects', async () => {
		await kit.json({
			...base,
			customerType: 'INDIVIDUAL',
			name: 'Per Hansen',
			additionalFields: {
				dateOfBirth: '1980-05-17T00:00:00.000+02:00',
				daysUntilPaymentReminder: '20',
				defaultInvoiceDiscount: '5',
				isActive: 'false',
				contacts: [{ name: 'Anne Hansen' }],
				mailingAddress: { line1: 'Boks 1', postcode: '6001', city: 'Ålesund' },
			},
		});
		expect(sent().body).toEqual({
			name: 'Per Hansen',
			customerType: 'INDIVIDUAL',
			customerAddressLine1: 'Kaiveien 2',
			customerAddressPostcode: '6002',
			customerAddressCity: 'Ålesund',
			dateOfBirth: '1980-05-17',
			daysUntilPaymentReminder: 20,
			defaultInvoiceDiscount: 5,
			isActive: false,
			contacts: [{ name: 'Anne Hansen' }],
			mailingAddressLine1: 'Boks 1',
			mailingAddressPostcode: '6001',
			mailingAddressCity: 'Ålesund',
		});
	});

	it('does not apply the Norwegian check digit to a foreign organization number', async () => {
		await kit.json({ ...base, additionalFields: { orgNo: '556677 889', customerAddressCountry: 'SE' } });
		expect(sent().body.orgNo).toBe('556677 889');
	});

	const invalid: Array<[string, Record<string, unknown>, Record<string, unknown>, string]> = [
		['a missing name', { name: '  ' }, {}, "'Name': is required and cannot be empty"],
		['a name over 255 characters', { name: 'x'.repeat(256) }, {}, "'Name': must be at most 255 characters"],
		['an unknown customer type', { customerType: 'COMPANY' }, {}, "'Customer Type': must be one of: INDIVIDUAL, ORGANIZATION"],
		['a missing main address city', { customerAddressCity: '' }, {}, "'Main Address City': is required"],
		['a postcode over 20 characters', { customerAddressPostcode: '1'.repeat(21) }, {}, "'Main Address Postcode': must be at most 20 characters"],
		['a bad email', {}, { emailAddress: 'post(at)example.no' }, "'Email': must be a valid email address"],
		['a short phone number', {}, { phoneNo: '123' }, "'Phone Number': must be between 4 and 50 characters"],
		['a short eFaktura phone number', {}, { efakturaPhoneNo: '1234567' }, "'eFaktura Phone Number': must be between 8 and 15 characters"],
		['a bad eFaktura email', {}, { efakturaEmailAddress: 'nope' }, "'eFaktura Email': must be a valid email address"],
		['payment days over 365', {}, { daysUntilPaymentReminder: 366 }, "'Days Until Payment Reminder': must be between 0 and 365"],
		['fractional estimate days', {}, { daysUntilEstimateOverdue: 1.5 }, "'Days Until Estimate Overdue': must be a whole number"],
		['a discount over 100 %', {}, { defaultInvoiceDiscount: 101 }, "'Default Invoice Discount (%)': must be between 0 and 100"],
		['an impossible date of birth', {}, { dateOfBirth: '2021-02-30' }, "'Date of Birth': must be a real date"],
		['a date of birth before 1100', {}, { dateOfBirth: '1099-12-31' }, "'Date of Birth': must be between 1100-01-01 and 2299-12-31"],
		['a lone surrogate in the name', { name: 'Fjellheim \uD83D' }, {}, "'Name': contains a character that cannot be sent (U+D83D); remove it"],
		['a Visma number of 0', {}, { vismaNo: 0 }, "'Visma Number': must be at least 1"],
		['an unknown delivery method', {}, { invoiceDeliveryMethod: 'FAX' }, "'Invoice Delivery Method': must be one of: DO_NOT_DELIVER, EFAKTURA, EHF, EMAIL, INVOICE_SALE, MAIL, NONE, UNKNOWN"],
		['an EHF recipient with bad characters', {}, { ehfRecipientOrgNo: '923/456/783' }, "'EHF Recipient Organization Number': may contain only letters, digits, spaces and -"],
		['a too short EHF recipient', {}, { ehfRecipientOrgNo: '12345' }, "'EHF Recipient Organization Number': must be between 6 and 50 characters"],
		['a Norwegian org number with a wrong check digit', {}, { orgNo: '923 456 784' }, "'Organization Number': '923 456 784' is not a valid Norwegian organization number"],
		['a wrong EHF recipient check digit', {}, { ehfRecipientOrgNo: '923456784' }, "'EHF Recipient Organization Number': '923456784' is not a valid Norwegian organization number"],
		['a mailing address without a city', {}, { mailingAddress: { address: { line1: 'Boks 1', postcode: '0101' } } }, "'Mailing Address → City': is missing: a mailing address needs Line 1, Postcode and City together"],
		['a delivery line 2 on its own', {}, { deliveryAddress: { address: { line2: 'Bygg B' } } }, "'Delivery Address → Line 2': needs a complete delivery address"],
		['a mailing country on its own', {}, { mailingAddress: { address: { country: 'NO' } } }, "'Mailing Address → Country': needs a complete mailing address"],
		['an unknown address part', {}, { mailingAddress: { address: { street: 'x' } } }, "'Mailing Address' has an unknown part 'street'"],
		['EHF without an organization number', {}, { invoiceDeliveryMethod: 'EHF' }, "'Invoice Delivery Method': EHF needs an organization number"],
		['an empty contact', {}, { contacts: { contact: [{ name: '', title: '' }] } }, "'Contacts' (contacts #1): needs at least a name"],
		['a contact with a bad email', {}, { contacts: { contact: [{ name: 'Ola', emailAddress: 'ola@' }] } }, "'Contacts → Email' (contacts #1 emailAddress): must be a valid email address"],
		['a contact name over 100 characters', {}, { contacts: [{ name: 'n'.repeat(101) }] }, "'Contacts → Name' (contacts #1 name): must be at most 100 characters"],
	];

	it.each(invalid)('rejects %s before sending anything', async (_what, top, additionalFields, message) => {
		const error = await failure({ ...base, ...top, additionalFields });
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toContain('item 0');
		expect(error.message).toContain(message);
		expect(error.description).toContain('Nothing was sent');
		expect(kit.requests()).toHaveLength(0);
	});

	it('rejects organization-only information on an individual (typeOfInformationForbiddenForIndividuals)', async () => {
		const error = await failure({
			...base,
			customerType: 'INDIVIDUAL',
			additionalFields: { orgNo: '923456783', parentCompanyNameForNuf: 'Mor AB' },
		});
		expect(error.message).toContain("'Organization Number': is only for organizations");
		expect(error.description).toContain("'Parent Company Name (NUF)': is only for organizations");
		expect(error.description).toContain('typeOfInformationForbiddenForIndividuals');
		expect(kit.requests()).toHaveLength(0);
	});

	it('names the item that failed', async () => {
		const result = await kit.run([base, { ...base, additionalFields: { emailAddress: 'bad' } }], { items: [{}, {}] });
		expect(result.error.message).toContain('Invalid input in item 1');
		expect(kit.requests()).toHaveLength(1);
	});

	it('turns Conta’s 422 (EHF number that cannot receive EHF) into a NodeApiError', async () => {
		const error = await failure({ ...base, additionalFields: { orgNo: '889640782', invoiceDeliveryMethod: 'EHF' } });
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('422');
		expect(error.message).toBe('Conta refused to create a customer (HTTP 422): The organization cannot receive EHF invoices.');
		expect(error.description).toContain('OrgCannotReceiveEhfException');
		expect(kit.requests()).toHaveLength(1);
	});

	it('never retries the POST on a server error', async () => {
		kit.sim().injectFault({ pathIncludes: '/customers', status: 503, headers: { 'Retry-After': '0' }, body: { category: 'SYSTEM', name: 'MaintenanceException', messages: { EN: 'Down for maintenance' } } });
		const error = await failure(base);
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.description).toContain('Down for maintenance');
		expect(kit.requests()).toHaveLength(1);
		expect(kit.sim().state.data[101].customers).toHaveLength(3);
	});

	it('returns an error item with continueOnFail', async () => {
		const result = await kit.run({ ...base, additionalFields: { emailAddress: 'x' } }, { continueOnFail: true });
		expect(result.output![0]).toEqual([
			{ json: { error: expect.stringContaining("'Email': must be a valid email address"), description: expect.stringContaining('Nothing was sent') }, pairedItem: { item: 0 } },
		]);
	});
});

describe('Conta customer → Get', () => {
	const params = { resource: 'customer', operation: 'get', customerId: rl('5001') };

	it('GETs the customer and simplifies it', async () => {
		const out = await kit.json(params);
		expect(sent()).toEqual({ method: 'GET', path: `${CUSTOMERS}/5001`, query: {}, body: undefined });
		expect(out).toEqual([
			{
				id: 5001,
				name: 'Fjellheim Bakeri AS',
				customerType: 'ORGANIZATION',
				orgNo: '923456783',
				emailAddress: 'post@fjellheim.example',
				phoneNo: '22334455',
				customerAddressLine1: 'Storgata 1',
				customerAddressPostcode: '0155',
				customerAddressCity: 'Oslo',
				customerAddressCountry: 'NO',
				invoiceDeliveryMethod: 'EHF',
				isActive: true,
			},
		]);
	});

	it.each([[''], [null], ['  ']])('treats an empty Simplify (%j, e.g. an empty expression) as its default, on', async (simplify) => {
		const out = await kit.json({ ...params, simplify });
		expect(Object.keys(out[0])).toEqual([
			'id',
			'name',
			'customerType',
			'orgNo',
			'emailAddress',
			'phoneNo',
			'customerAddressLine1',
			'customerAddressPostcode',
			'customerAddressCity',
			'customerAddressCountry',
			'invoiceDeliveryMethod',
			'isActive',
		]);
		await kit.expectInvalid({ ...params, simplify: 'yes' }, 'Simplify', "'Simplify': must be true or false", 1);
	});

	it('refuses a customer ID number that an expression has already rounded (beyond 2^53)', async () => {
		const error = await failure({ ...params, customerId: { __rl: true, mode: 'id', value: 123456789012345678 } });
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe("Invalid input in item 0: 'Customer': is too large to be read exactly as a number; give it as text");
		expect(kit.requests()).toHaveLength(0);
		await kit.json({ ...params, customerId: { __rl: true, mode: 'id', value: 5001 } });
		expect(kit.requests()[0].path).toBe(`${CUSTOMERS}/5001`);
	});

	it('returns the full model with Simplify off, from a list-mode locator and another organization', async () => {
		expect(await kit.json({ ...params, simplify: false, customerId: { __rl: true, mode: 'list', value: '5001' } })).toEqual([FJELLHEIM]);
		const other = await kit.run({ ...params, organization: rl('102') });
		expect(other.error.constructor.name).toBe('NodeApiError');
		expect(kit.requests()[1].path).toBe('/invoice/organizations/102/customers/5001');
	});

	it('rejects a customer ID that is not a number before sending', async () => {
		const error = await failure({ ...params, customerId: rl('../5001') });
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe("Invalid input in item 0: 'Customer': must be a positive whole number (an ID)");
		expect(kit.requests()).toHaveLength(0);
		expect((await failure({ ...params, customerId: rl('') })).message).toBe("Invalid input in item 0: 'Customer': is required");
	});

	it('reports an unknown customer with Conta’s message', async () => {
		const error = await failure({ ...params, customerId: rl('4242') });
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('404');
		expect(error.message).toContain('Conta could not find what was asked for (HTTP 404) while trying to get customer 4242');
		expect(error.description).toContain('The customer with id 4242 was not found. (NotFoundIdModelStorageToolException)');
	});

	it('retries the read on a 503', async () => {
		kit.sim().injectFault({ pathIncludes: '/customers/5001', status: 503, headers: { 'Retry-After': '0' }, body: '' });
		expect(await kit.json(params)).toHaveLength(1);
		expect(kit.requests()).toHaveLength(2);
	});
});

describe('Conta customer → Get Many', () => {
	const params = { resource: 'customer', operation: 'getAll', returnAll: true, filters: {}, options: {} };

	const addCustomers = (count: number, createdAt = osloDateTime()) => {
		const data = kit.sim().state.data[101];
		for (let n = 0; n < count; n++) {
			data.customers.push({
				id: nextId(kit.sim().state, 'customer'),
				name: `Bulk ${String(n).padStart(3, '0')}`,
				customerType: 'ORGANIZATION',
				customerAddressLine1: 'Gate 1',
				customerAddressPostcode: '0150',
				customerAddressCity: 'Oslo',
				invoiceDeliveryMethod: 'EMAIL',
				isActive: true,
				contacts: [],
				_createdAt: createdAt,
			});
		}
	};

	it('lists every customer with the name as "name" (Simplify)', async () => {
		const out = await kit.json(params);
		expect(sent()).toEqual({ method: 'GET', path: CUSTOMERS, query: { hits: '500', page: '0' }, body: undefined });
		expect(out).toEqual([
			{ id: 5001, name: 'Fjellheim Bakeri AS', customerType: 'ORGANIZATION', orgNo: '923456783', emailAddress: 'post@fjellheim.example', invoiceDeliveryMethod: 'EHF', isActive: true, accountsReceivable: 0 },
			{ id: 5002, name: 'Kari Nordmann', customerType: 'INDIVIDUAL', emailAddress: 'kari@example.no', invoiceDeliveryMethod: 'EMAIL', isActive: true, accountsReceivable: 2500 },
			{ id: 5003, name: 'Nedlagt Handel AS', customerType: 'ORGANIZATION', orgNo: '974760673', invoiceDeliveryMethod: 'EMAIL', isActive: false, accountsReceivable: 0 },
		]);
	});

	it('returns the raw hits (customerName) with Simplify off', async () => {
		const out = await kit.json({ ...params, simplify: false, returnAll: false, limit: 1 });
		expect(sent().query).toEqual({ hits: '1', page: '0' });
		expect(out).toEqual([
			{
				id: 5001,
				customerName: 'Fjellheim Bakeri AS',
				orgNo: '923456783',
				emailAddress: 'post@fjellheim.example',
				customerType: 'ORGANIZATION',
				numberOfInvoices: 1,
				sumTotalInvoiced: 920,
				sumRemainingInvoices: 0,
				numberOfEstimates: 0,
				numberOfOrders: 0,
				sumEstimates: 0,
				sumOrders: 0,
				accountsReceivable: 0,
				invoiceDeliveryMethod: 'EHF',
				isActive: true,
			},
		]);
	});

	it('sends the filters and the sort as Conta’s query parameters', async () => {
		addCustomers(3, '2026-03-10T12:00:00');
		const out = await kit.json({
			...params,
			returnAll: false,
			limit: 2,
			filters: { q: ' bulk ', customerType: 'ORGANIZATION', fromDate: '2026-03-01T00:00:00', toDate: '2026-03-31' },
			options: { sortBy: 'customerName', sortDirection: 'descending' },
		});
		expect(sent().query).toEqual({
			q: 'bulk',
			customerType: 'ORGANIZATION',
			fromDate: '2026-03-01',
			toDate: '2026-03-31',
			sort: '-customerName',
			hits: '2',
			page: '0',
		});
		expect(out.map((c) => c.name)).toEqual(['Bulk 002', 'Bulk 001']);
	});

	it('sorts ascending with a + prefix, by ID when only a direction is set', async () => {
		await kit.json({ ...params, options: { sortBy: 'customerName' } });
		expect(sent(0).query.sort).toBe('+customerName');
		const out = await kit.json({ ...params, options: { sortDirection: 'descending' } });
		expect(sent(1).query.sort).toBe('-id');
		expect(out.map((c) => c.id)).toEqual([5003, 5002, 5001]);
	});

	it('reads every page for Return All', async () => {
		addCustomers(520);
		const out = await kit.json(params);
		expect(out).toHaveLength(523);
		expect(kit.requests().map((r) => r.query)).toEqual([
			{ hits: '500', page: '0' },
			{ hits: '500', page: '1' },
		]);
	});

	const invalid: Array<[string, Record<string, unknown>, string]> = [
		['a limit of 0', { returnAll: false, limit: 0 }, "'Limit': must be at least 1"],
		['a search text over 100 characters', { filters: { q: 'q'.repeat(101) } }, "'Search Text': must be at most 100 characters"],
		['a search text with a lone surrogate', { filters: { q: 'Fjell\uD800heim' } }, "'Search Text': contains a character that cannot be sent (U+D800); remove it"],
		['a search text with a noncharacter', { filters: { q: '\uFFFE' } }, "'Search Text': contains a character that cannot be sent (U+FFFE); remove it"],
		['a created date of year 0000', { filters: { fromDate: '0000-01-01' } }, "'Created From': must be between 1000-01-01 and 9999-12-31"],
		['a bad date', { filters: { fromDate: '31.12.2026' } }, "'Created From': must be a real date"],
		['a from date after the to date', { filters: { fromDate: '2026-05-02', toDate: '2026-05-01' } }, "'Created From': must not be after 'Created To'"],
		['an unknown customer type', { filters: { customerType: 'PERSON' } }, "'Customer Type': must be one of"],
		['an unknown sort field', { options: { sortBy: 'createdAt' } }, "'Sort By': must be one of"],
	];

	it.each(invalid)('rejects %s before sending anything', async (_what, extra, message) => {
		const error = await failure({ ...params, ...extra });
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toContain(message);
		expect(error.message).toContain('item 0');
		expect(kit.requests()).toHaveLength(0);
	});

	it('reports an organization without access with Conta’s message', async () => {
		const error = await failure({ ...params, organization: rl('103') });
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('403');
		expect(error.description).toContain('You do not have access to this organization. (OrgAccessDeniedException)');
	});
});

describe('Conta customer → Update', () => {
	const params = { resource: 'customer', operation: 'update', customerId: rl('5001'), updateFields: {}, options: {} };

	it('changes one field: GET, then PUT of the whole customer with only that field changed', async () => {
		const out = await kit.json({ ...params, updateFields: { emailAddress: 'faktura@fjellheim.example' } });
		expect(kit.requests()).toHaveLength(2);
		expect(sent(0)).toEqual({ method: 'GET', path: `${CUSTOMERS}/5001`, query: {}, body: undefined });
		expect(sent(1)).toEqual({
			method: 'PUT',
			path: `${CUSTOMERS}/5001`,
			query: {},
			body: { ...FJELLHEIM_WRITABLE, emailAddress: 'faktura@fjellheim.example' },
		});
		expect(sent(1).body).not.toHaveProperty('id');
		expect(out).toEqual([
			{
				id: 5001,
				name: 'Fjellheim Bakeri AS',
				customerType: 'ORGANIZATION',
				orgNo: '923456783',
				emailAddress: 'faktura@fjellheim.example',
				phoneNo: '22334455',
				customerAddressLine1: 'Storgata 1',
				customerAddressPostcode: '0155',
				customerAddressCity: 'Oslo',
				customerAddressCountry: 'NO',
				invoiceDeliveryMethod: 'EHF',
				isActive: true,
			},
		]);
		expect(kit.sim().state.data[101].customers[0]).toMatchObject({ ...FJELLHEIM, emailAddress: 'faktura@fjellheim.example' });
	});

	it('leaves the stored address and contacts alone when their groups were added but not filled in', async () => {
		const stored = kit.sim().state.data[101].customers[0];
		stored.mailingAddressLine1 = 'Postboks 7';
		stored.mailingAddressPostcode = '0101';
		stored.mailingAddressCity = 'Oslo';
		stored.contacts = [{ id: 60011, customerId: 5001, name: 'Per' }];
		await kit.json({ ...params, updateFields: { mailingAddress: {}, deliveryAddress: { address: { line1: '' } }, contacts: {}, phoneNo: '12345678' } });
		expect(sent(1).body).toEqual({
			...FJELLHEIM_WRITABLE,
			mailingAddressLine1: 'Postboks 7',
			mailingAddressPostcode: '0101',
			mailingAddressCity: 'Oslo',
			contacts: [{ id: 60011, customerId: 5001, name: 'Per' }],
			phoneNo: '12345678',
		});
	});

	it('keeps contacts (with their ids) and leaves out read-only, unknown and null fields', async () => {
		const stored = kit.sim().state.data[101].customers[1];
		stored.contacts = [{ id: 60010, customerId: 5002, name: 'Ola', phoneNo: '12345678' }];
		kit.sim().injectFault({
			pathIncludes: '/customers/5002',
			match: (req) => req.method === 'GET',
			status: 200,
			body: {
				id: 5002,
				name: 'Kari Nordmann',
				customerType: 'INDIVIDUAL',
				emailAddress: 'kari@example.no',
				phoneNo: null,
				orgNo: '',
				customerAddressLine1: 'Bakkeveien 12',
				customerAddressPostcode: '5003',
				customerAddressCity: 'Bergen',
				isActive: true,
				createdAt: '2026-01-15T09:30:00',
				contacts: [{ id: 60010, customerId: 5002, name: 'Ola', phoneNo: '12345678', emailAddress: null, createdAt: 'x' }],
			},
		});
		await kit.json({ ...params, customerId: rl('5002'), updateFields: { customerAddressCity: 'Bergen Sentrum' } });
		expect(sent(1).body).toEqual({
			name: 'Kari Nordmann',
			customerType: 'INDIVIDUAL',
			emailAddress: 'kari@example.no',
			customerAddressLine1: 'Bakkeveien 12',
			customerAddressPostcode: '5003',
			customerAddressCity: 'Bergen Sentrum',
			isActive: true,
			contacts: [{ id: 60010, customerId: 5002, name: 'Ola', phoneNo: '12345678' }],
		});
		expect(kit.sim().state.data[101].customers[1].contacts).toEqual([{ id: 60010, customerId: 5002, name: 'Ola', phoneNo: '12345678' }]);
	});

	it('replaces a whole address group, clears chosen fields and checks a new organization number', async () => {
		await kit.json({
			...params,
			updateFields: {
				mailingAddress: { address: { line1: 'Postboks 5', postcode: '0101', city: 'Oslo' } },
				orgNo: '974 760 673',
				invoiceDeliveryMethod: 'EMAIL',
			},
			options: { clearFields: ['phoneNo', 'deliveryAddress'] },
		});
		const { phoneNo: _phone, ...rest } = FJELLHEIM_WRITABLE;
		expect(sent(1).body).toEqual({
			...rest,
			orgNo: '974760673',
			invoiceDeliveryMethod: 'EMAIL',
			mailingAddressLine1: 'Postboks 5',
			mailingAddressPostcode: '0101',
			mailingAddressCity: 'Oslo',
		});
		// Setting the mailing address again without Line 2 drops the stored Line 2.
		kit.sim().state.data[101].customers[0].mailingAddressLine2 = 'c/o Regnskap';
		await kit.json({ ...params, updateFields: { mailingAddress: { address: { line1: 'Postboks 6', postcode: '0102', city: 'Oslo' } } } });
		expect(sent(3).body).not.toHaveProperty('mailingAddressLine2');
		expect(sent(3).body.mailingAddressLine1).toBe('Postboks 6');
	});

	it('checks the user’s fields before sending anything', async () => {
		for (const [extra, message] of [
			[{ updateFields: { emailAddress: 'nope' } }, "'Email': must be a valid email address"],
			[{ updateFields: { name: 'x'.repeat(256) } }, "'Name': must be at most 255 characters"],
			[{ updateFields: {} }, "'Update Fields' is empty"],
			[{ updateFields: { emailAddress: '' } }, "'Update Fields' is empty"],
			[{ updateFields: { phoneNo: '12345678' }, options: { clearFields: ['phoneNo'] } }, "'Phone Number' is both in 'Update Fields' and in 'Clear Fields'"],
			[{ options: { clearFields: ['name'] } }, "'Clear Fields' has an unknown field 'name'"],
			[{ updateFields: { orgNo: '923456784' }, customerId: rl('x') }, "'Customer': must be a positive whole number"],
		] as Array<[Record<string, unknown>, string]>) {
			const error = await failure({ ...params, ...extra });
			expect(error.constructor.name).toBe('NodeOperationError');
			expect(error.message).toContain(message);
			expect(error.message).toContain('item 0');
		}
		expect(kit.requests()).toHaveLength(0);
	});

	it('checks the merged customer after reading it, and sends no PUT when it breaks Conta’s rules', async () => {
		let error = await failure({ ...params, updateFields: { customerType: 'INDIVIDUAL' } });
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toContain("'Organization Number': is only for organizations");
		expect(error.description).toContain('Nothing was changed in Conta: customer 5001');
		expect(kit.requests().map((r) => r.method)).toEqual(['GET']);

		error = await failure({ ...params, updateFields: { orgNo: '923456784' } });
		expect(error.message).toContain("'Organization Number': '923456784' is not a valid Norwegian organization number");

		error = await failure({ ...params, updateFields: { mailingAddress: { address: { line1: 'Boks 1' } } } });
		expect(error.message).toContain("'Mailing Address → Postcode': is missing");

		// Clearing the org number of an EHF customer leaves EHF without a number.
		error = await failure({ ...params, options: { clearFields: ['orgNo'] } });
		expect(error.message).toContain("'Invoice Delivery Method': EHF needs an organization number");
		expect(kit.requests().map((r) => r.method)).toEqual(['GET', 'GET', 'GET', 'GET']);
	});

	it('turns Conta’s errors into NodeApiErrors: unknown customer (GET) and EHF refused (PUT)', async () => {
		let error = await failure({ ...params, customerId: rl('4242'), updateFields: { phoneNo: '12345678' } });
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('404');
		expect(error.description).toContain('The customer with id 4242 was not found.');
		expect(kit.requests()).toHaveLength(1);

		error = await failure({ ...params, customerId: rl('5003'), updateFields: { orgNo: '889640782', invoiceDeliveryMethod: 'EHF' } });
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toBe('Conta refused to update customer 5003 (HTTP 422): The organization cannot receive EHF invoices.');
		expect(kit.requests().map((r) => r.method)).toEqual(['GET', 'GET', 'PUT']);
		expect(kit.sim().state.data[101].customers[2].orgNo).toBe('974760673');
	});
});

describe('Conta customer → Deactivate', () => {
	const params = { resource: 'customer', operation: 'deactivate', customerId: rl('5001') };

	it('GETs the customer and PUTs it back whole with isActive false', async () => {
		const out = await kit.json({ ...params, simplify: false });
		expect(kit.requests().map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${CUSTOMERS}/5001`, `PUT ${CUSTOMERS}/5001`]);
		expect(sent(1).body).toEqual({ ...FJELLHEIM_WRITABLE, isActive: false });
		expect(out).toEqual([{ ...FJELLHEIM, isActive: false }]);
		expect(kit.sim().state.data[101].customers[0].isActive).toBe(false);
	});

	it('sends nothing more for a customer that is already inactive', async () => {
		const out = await kit.json({ ...params, customerId: rl('5003') });
		expect(kit.requests().map((r) => r.method)).toEqual(['GET']);
		expect(out[0]).toMatchObject({ id: 5003, isActive: false, name: 'Nedlagt Handel AS' });
	});

	it('fails on an unknown customer with Conta’s message, and rejects a bad ID before sending', async () => {
		const error = await failure({ ...params, customerId: rl('4242') });
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.description).toContain('The customer with id 4242 was not found.');
		expect(kit.requests()).toHaveLength(1);
		const bad = await failure({ ...params, customerId: rl('1.5') });
		expect(bad.constructor.name).toBe('NodeOperationError');
		expect(kit.requests()).toHaveLength(1);
	});
});

describe('Conta customer → Delete', () => {
	const params = { resource: 'customer', operation: 'delete', customerId: rl('5001') };

	it('sends DELETE, and explains that Conta has no such route (405) and points to Deactivate', async () => {
		const error = await failure(params);
		expect(sent()).toEqual({ method: 'DELETE', path: `${CUSTOMERS}/5001`, query: {}, body: undefined });
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('405');
		expect(error.message).toBe('Conta does not offer deleting customers through its API (the DELETE route for customers is missing)');
		expect(error.description).toContain('Deactivate');
		expect(error.description).toContain('Method DELETE is not allowed for this URL. (UrlMethodNotFoundException)');
		expect(kit.requests()).toHaveLength(1);
		expect(kit.sim().state.data[101].customers.map((c) => c.id)).toContain(5001);
	});

	it('treats a 404 UrlNotFoundException the same way, but a 404 for the customer as not found', async () => {
		kit.sim().injectFault({ pathIncludes: '/customers/5001', status: 404, body: { category: 'API', name: 'UrlNotFoundException', messages: { EN: 'The URL was not found.' } } });
		let error = await failure(params);
		expect(error.message).toContain('Conta does not offer deleting customers');
		kit.sim().injectFault({ pathIncludes: '/customers/5001', status: 404, body: { category: 'API', name: 'NotFoundIdModelStorageToolException', messages: { EN: 'The customer with id 5001 was not found.' } } });
		error = await failure(params);
		expect(error.message).toBe('Conta could not find what was asked for (HTTP 404) while trying to delete customer 5001');
		expect(error.description).toContain('The customer with id 5001 was not found.');
	});

	it('returns { deleted: true, id } should Conta answer the DELETE with success', async () => {
		kit.sim().injectFault({ pathIncludes: '/customers/5001', status: 204, body: '' });
		expect(await kit.json(params)).toEqual([{ deleted: true, id: 5001 }]);
	});

	it('gives an error item under continueOnFail, and rejects a bad ID before sending', async () => {
		const result = await kit.run(params, { continueOnFail: true });
		expect(result.output![0][0].json.error).toContain('Conta does not offer deleting customers');
		expect(result.output![0][0].json.description).toContain('Deactivate');
		expect(result.output![0][0].json.httpCode).toBe('405');
		const bad = await failure({ ...params, customerId: rl('abc') });
		expect(bad.constructor.name).toBe('NodeOperationError');
		expect(kit.requests()).toHaveLength(1);
	});
});

describe('Conta simulator: customer routes', () => {
	const minimal = { name: 'Test AS', customerType: 'ORGANIZATION', customerAddressLine1: 'Gate 1', customerAddressPostcode: '0150', customerAddressCity: 'Oslo' };

	it('has no DELETE for customers (405, because GET and PUT exist on the path)', async () => {
		const reply = await call('DELETE', `${CUSTOMERS}/5001`);
		expect(reply.status).toBe(405);
		expect(reply.body.name).toBe('UrlMethodNotFoundException');
	});

	it('creates with defaults and a new id, ignoring an id in the body', async () => {
		const reply = await call('POST', CUSTOMERS, { ...minimal, id: 1 });
		expect(reply.status).toBe(200);
		expect(reply.body).toEqual({
			...minimal,
			id: 5004,
			contacts: [],
			daysUntilPaymentReminder: 14,
			daysUntilEstimateOverdue: 14,
			defaultInvoiceDiscount: 0,
			invoiceDeliveryMethod: 'EMAIL',
			isActive: true,
		});
		expect((await call('GET', `${CUSTOMERS}/5004`)).body).toEqual(reply.body);
	});

	it('rejects unknown fields, hit-only fields and a missing required field with INPUT errors', async () => {
		let reply = await call('PUT', `${CUSTOMERS}/5001`, { ...minimal, id: 5001 });
		expect(reply.status).toBe(409);
		expect(reply.body.errors.map((e: { id: string; property: { path: string } }) => [e.id, e.property.path])).toEqual([['unknownProperty', 'id']]);
		reply = await call('POST', CUSTOMERS, { ...minimal, customerName: 'X' });
		expect(reply.body.errors[0]).toMatchObject({ id: 'unknownProperty', property: { path: 'customerName' } });
		const { customerAddressCity: _c, ...noCity } = minimal;
		reply = await call('PUT', `${CUSTOMERS}/5001`, noCity);
		expect(reply.body.errors[0]).toMatchObject({ id: 'required', property: { path: 'customerAddressCity' } });
		reply = await call('POST', CUSTOMERS, { ...minimal, efakturaPhoneNo: '1234567', ehfRecipientOrgNo: '12/345/678', daysUntilPaymentReminder: 400 });
		expect(reply.body.errors.map((e: { id: string }) => e.id)).toEqual(['maximum', 'minLength', 'pattern']);
	});

	it('applies the spec’s cross-field input errors, typeOfInformationForbiddenForIndividuals on PUT only', async () => {
		let reply = await call('POST', CUSTOMERS, { ...minimal, mailingAddressLine1: 'Boks 1', deliveryAddressLine2: 'B', deliveryAddressCountry: 'NO' });
		expect(reply.status).toBe(409);
		expect(reply.body.errors.map((e: { id: string }) => e.id)).toEqual([
			'mailingAddressIsNotComplete',
			'deliveryAddressLine2RequiresCompleteAddress',
			'deliveryAddressCountryRequiresCompleteAddress',
		]);
		const individual = { ...minimal, customerType: 'INDIVIDUAL', orgNo: '923456783' };
		reply = await call('PUT', `${CUSTOMERS}/5002`, individual);
		expect(reply.status).toBe(409);
		expect(reply.body.errors.map((e: { id: string }) => e.id)).toEqual(['typeOfInformationForbiddenForIndividuals']);
		expect((await call('POST', CUSTOMERS, individual)).status).toBe(200);
	});

	it('refuses EHF delivery to a number that cannot receive EHF (422 OrgCannotReceiveEhfException)', async () => {
		let reply = await call('POST', CUSTOMERS, { ...minimal, orgNo: '889640782', invoiceDeliveryMethod: 'EHF' });
		expect(reply.status).toBe(422);
		expect(reply.body).toMatchObject({ category: 'CUSTOM', name: 'OrgCannotReceiveEhfException' });
		reply = await call('POST', CUSTOMERS, { ...minimal, orgNo: '889640782', ehfRecipientOrgNo: '923456783', invoiceDeliveryMethod: 'EHF' });
		expect(reply.status).toBe(200);
	});

	it('replaces the whole customer on PUT and answers 404 for an unknown one', async () => {
		const reply = await call('PUT', `${CUSTOMERS}/5001`, minimal);
		expect(reply.body).toEqual({ ...minimal, id: 5001, contacts: [], daysUntilPaymentReminder: 14, daysUntilEstimateOverdue: 14, defaultInvoiceDiscount: 0, invoiceDeliveryMethod: 'EMAIL', isActive: true });
		expect((await call('GET', `${CUSTOMERS}/4242`)).status).toBe(404);
		expect((await call('PUT', `${CUSTOMERS}/4242`, minimal)).body.name).toBe('NotFoundIdModelStorageToolException');
		expect((await call('GET', `${CUSTOMERS}/abc`)).status).toBe(409);
	});
});

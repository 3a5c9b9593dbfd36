/**
 * Conta → Invoice (Create, Get, Get Many, Credit, Get Events) against the simulator, through the
 * node's real code path: the exact requests, the exact output, validation before anything is
 * sent, and Conta's own errors.
 */
import { DateTime } from 'luxon';
import { rl, useContaSimulator } from '../../helpers/conta';
import type { Json } from '../../../sandbox/conta/state';

const kit = useContaSimulator();
const oslo = () => DateTime.now().setZone('Europe/Oslo');
const today = () => oslo().toISODate()!;
const daysFromToday = (days: number) => oslo().plus({ days }).toISODate()!;
const body = (index = 0) => JSON.parse(kit.requests()[index].rawBody);
const invoice = (id: number): Json => kit.sim().state.data[101].invoices.find((i) => i.id === id)!;

const line = (overrides: Record<string, unknown> = {}) => ({
	description: 'Konsulenttimer',
	price: 1000,
	quantity: 2,
	discount: 10,
	vatCode: 'high',
	productId: '',
	...overrides,
});

const emailRecipient = (overrides: Record<string, unknown> = {}) => ({
	type: 'EMAIL',
	emailAddress: 'post@fjellheim.example',
	emailRecipientType: 'EMAIL_TO',
	emailSubject: '',
	emailContent: '',
	includeInvoiceInfo: false,
	includeInvoiceAttachment: false,
	includeDefaultAttachment: false,
	customerId: '',
	...overrides,
});

const ehfRecipient = (orgNo: string) => ({ type: 'EHF', ehfRecipient: orgNo, emailRecipientType: 'EMAIL_TO', customerId: '' });

const create = (overrides: Record<string, unknown> = {}) => ({
	resource: 'invoice',
	operation: 'create',
	customer: rl('5001'),
	linesInput: 'fields',
	invoiceLines: { line: [line(), line({ description: 'Brød', price: 100, quantity: 3, discount: 0, vatCode: 'medium', productId: '77' })] },
	recipients: { recipient: [emailRecipient()] },
	checkEhf: true,
	ehfFallback: 'fail',
	additionalFields: {},
	simplify: true,
	...overrides,
});

describe('Conta Invoice → Create', () => {
	it('issues the invoice dated today (Oslo) with the lines and an EMAIL_TO recipient, and returns the simplified invoice', async () => {
		const due = daysFromToday(30);
		const out = await kit.json(create({ additionalFields: { customerReference: 'PO-77', invoiceDueDate: `${due}T00:00:00` } }));
		expect(kit.requests()).toHaveLength(1);
		const request = kit.requests()[0];
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/invoice/organizations/101/invoices');
		expect(request.query).toEqual({});
		expect(request.headers['content-type']).toContain('application/json');
		expect(request.headers['conta-language']).toBe('EN');
		expect(body()).toEqual({
			customerId: 5001,
			invoiceDate: today(),
			invoiceDueDate: due,
			customerReference: 'PO-77',
			invoiceLines: [
				{ description: 'Konsulenttimer', price: 1000, quantity: 2, discount: 10, vatCode: 'high' },
				{ description: 'Brød', price: 100, quantity: 3, discount: 0, vatCode: 'medium', productId: 77 },
			],
			invoiceRecipients: [{ type: 'EMAIL', emailAddress: 'post@fjellheim.example', emailRecipientType: 'EMAIL_TO' }],
		});
		expect(out).toEqual([
			{
				id: 7003,
				invoiceNo: 10003,
				type: 'NORMAL',
				status: 'INVOICE_CREATED',
				customerId: 5001,
				invoiceDate: today(),
				invoiceDueDate: due,
				invoiceCurrency: 'NOK',
				sumNet: 2100,
				sumVAT: 495,
				sumTotal: 2595,
				sumRemaining: 2595,
				kid: '000100032',
				invoiceFileId: 30003,
			},
		]);
		expect(invoice(7003)._events.map((e: Json) => e.eventType)).toEqual(['INVOICE_CREATED', 'INVOICE_SENT_BY_EMAIL']);
	});

	it('returns the full invoice model with Simplify off and sends every optional field it was given', async () => {
		const out = await kit.json(
			create({
				recipients: {
					recipient: [
						emailRecipient({ emailRecipientType: 'EMAIL_CC', emailSubject: 'Faktura', emailContent: 'Hei!', includeInvoiceAttachment: true }),
						{ type: 'MAIL', mailAddressLine1: 'Storgata 1', mailAddressLine2: '', mailAddressPostcode: '0155', mailAddressCity: 'Oslo', mailAddressCountryCode: 'NO', customerId: '' },
						{ type: 'EFAKTURA', phoneNo: '41234567', name: 'Kari Nordmann', customerId: '5002' },
						{ type: 'DO_NOT_DELIVER', emailAddress: 'ignored-hidden-default@example.no', customerId: '' },
					],
				},
				additionalFields: {
					invoiceDate: daysFromToday(2),
					deliveryDate: daysFromToday(1),
					invoiceLanguage: 'EN',
					orgReference: 'Ola',
					personalMessage: 'Takk for handelen',
					ehfOrderReference: 'ORD-1',
					ehfAdditionalDocumentReference: 'ADD-1',
					ehfContractDocumentReference: 'CON-1',
					kid: '12345678903',
					deliveryAddress: 'Lagerveien 2',
					deliveryPostcode: '0580',
					deliveryCity: 'Oslo',
					deliveryCountry: 'Norge',
					departmentId: '4',
					projectId: 9,
					saleId: '15',
					showDiscount: false,
					type: 'NORMAL',
					invoiceCurrency: 'NOK',
				},
				simplify: false,
			}),
		);
		expect(body()).toEqual({
			customerId: 5001,
			invoiceDate: daysFromToday(2),
			deliveryDate: daysFromToday(1),
			invoiceLanguage: 'EN',
			orgReference: 'Ola',
			personalMessage: 'Takk for handelen',
			ehfOrderReference: 'ORD-1',
			ehfAdditionalDocumentReference: 'ADD-1',
			ehfContractDocumentReference: 'CON-1',
			kid: '12345678903',
			deliveryAddress: 'Lagerveien 2',
			deliveryPostcode: '0580',
			deliveryCity: 'Oslo',
			deliveryCountry: 'Norge',
			departmentId: 4,
			projectId: 9,
			saleId: 15,
			showDiscount: false,
			type: 'NORMAL',
			invoiceCurrency: 'NOK',
			invoiceLines: [
				{ description: 'Konsulenttimer', price: 1000, quantity: 2, discount: 10, vatCode: 'high' },
				{ description: 'Brød', price: 100, quantity: 3, discount: 0, vatCode: 'medium', productId: 77 },
			],
			invoiceRecipients: [
				{
					type: 'EMAIL',
					emailAddress: 'post@fjellheim.example',
					emailRecipientType: 'EMAIL_CC',
					emailSubject: 'Faktura',
					emailContent: 'Hei!',
					includeInvoiceAttachment: true,
				},
				{ type: 'MAIL', mailAddressLine1: 'Storgata 1', mailAddressPostcode: '0155', mailAddressCity: 'Oslo', mailAddressCountryCode: 'NO' },
				{ type: 'EFAKTURA', customerId: 5002, phoneNo: '41234567', name: 'Kari Nordmann' },
				{ type: 'DO_NOT_DELIVER' },
			],
		});
		expect(out).toHaveLength(1);
		expect(out[0]).toMatchObject({
			id: 7003,
			invoiceNo: 10003,
			invoiceLanguage: 'EN',
			kid: '12345678903',
			showDiscount: false,
			bankAccountId: 301,
			invoiceLines: [
				{ id: 7003001, invoiceId: 7003, bookkeepingAccountNo: '3000', vatId: 3, lineNo: 1, sumDiscount: 200, sumNet: 1800 },
				{ id: 7003002, invoiceId: 7003, bookkeepingAccountNo: '3000', vatId: 31, lineNo: 2, sumDiscount: 0, sumNet: 300, productId: 77 },
			],
			invoiceRecipients: [
				{ id: 700301, invoiceId: 7003, type: 'EMAIL', emailRecipientType: 'EMAIL_CC' },
				{ id: 700302, type: 'MAIL' },
				{ id: 700303, type: 'EFAKTURA' },
				{ id: 700304, type: 'DO_NOT_DELIVER' },
			],
		});
		expect(Object.keys(out[0])).not.toContain('_events');
		expect(invoice(7003)._events.map((e: Json) => e.eventType)).toEqual([
			'INVOICE_CREATED',
			'INVOICE_SENT_BY_EMAIL',
			'INVOICE_SENT_BY_POSTAL_MAIL',
			'INVOICE_SENT_BY_EFAKTURA',
		]);
	});

	it('looks up an EHF recipient first and sends it when the organization can receive EHF', async () => {
		const out = await kit.json(create({ recipients: { recipient: [ehfRecipient('NO 923 456 783 MVA')] } }));
		expect(kit.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /invoice/conta-ehf/recipients/923456783',
			'POST /invoice/organizations/101/invoices',
		]);
		expect(body(1).invoiceRecipients).toEqual([{ type: 'EHF', ehfRecipient: '923456783' }]);
		expect(out[0].ehfCheck).toEqual([{ orgNo: '923456783', canReceiveEhf: true, participantIdentifier: '0192:923456783', action: 'send' }]);
		expect(invoice(7003)._events.at(-1)).toMatchObject({ eventType: 'INVOICE_SENT_BY_EHF', recipientOrgNo: '923456783', ehfStatus: 'SENT' });
	});

	it('stops before creating anything when an EHF recipient cannot receive EHF (Fail)', async () => {
		const result = await kit.run(create({ recipients: { recipient: [ehfRecipient('889640782')] } }));
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error.message).toBe("Organization 889640782 can't receive EHF (item 0)");
		expect(result.error.description).toContain('Nothing was created');
		expect(result.error.description).toContain("Don't Deliver");
		expect(kit.requests().map((r) => `${r.method} ${r.path}`)).toEqual(['GET /invoice/conta-ehf/recipients/889640782']);
		expect(kit.sim().state.data[101].invoices).toHaveLength(2);
	});

	it("falls back to Do Not Deliver when the only recipient can't receive EHF, and drops it next to other recipients", async () => {
		const out = await kit.json(create({ ehfFallback: 'doNotDeliver', recipients: { recipient: [ehfRecipient('889640782')] } }));
		expect(body(1).invoiceRecipients).toEqual([{ type: 'DO_NOT_DELIVER' }]);
		expect(out[0].ehfCheck).toEqual([{ orgNo: '889640782', canReceiveEhf: false, participantIdentifier: '0192:889640782', action: 'dropped' }]);

		kit.sim().clearRequests();
		await kit.json(create({ ehfFallback: 'doNotDeliver', recipients: { recipient: [ehfRecipient('889640782'), emailRecipient()] } }));
		expect(body(1).invoiceRecipients).toEqual([{ type: 'EMAIL', emailAddress: 'post@fjellheim.example', emailRecipientType: 'EMAIL_TO' }]);
	});

	it('sends an EHF recipient without a lookup when Check EHF First is off, and sends no recipients when none are given', async () => {
		await kit.json(create({ checkEhf: false, recipients: { recipient: [ehfRecipient('889640782')] } }));
		expect(kit.requests().map((r) => r.method)).toEqual(['POST']);
		expect(body().invoiceRecipients).toEqual([{ type: 'EHF', ehfRecipient: '889640782' }]);
		expect(invoice(7003)._events.at(-1)).toMatchObject({ eventType: 'INVOICE_SENT_BY_EHF', ehfStatus: 'FAILED' });

		kit.sim().clearRequests();
		await kit.json(create({ recipients: {} }));
		expect(body()).not.toHaveProperty('invoiceRecipients');
	});

	it('sends To as the e-mail recipient type when none is given (Conta’s own default, Not Email, would not send it)', async () => {
		await kit.json(create({ recipients: { recipient: [{ type: 'EMAIL', emailAddress: ' kari@example.no ' }] } }));
		expect(body().invoiceRecipients).toEqual([{ type: 'EMAIL', emailAddress: 'kari@example.no', emailRecipientType: 'EMAIL_TO' }]);
		expect(invoice(7003)._events.map((e: Json) => e.eventType)).toEqual(['INVOICE_CREATED', 'INVOICE_SENT_BY_EMAIL']);
	});

	it('takes the lines as JSON (text or an array from an expression), with numbers given as text', async () => {
		await kit.json(
			create({
				linesInput: 'json',
				invoiceLinesJson: JSON.stringify([{ description: 'Abonnement', price: '499.5', quantity: '1', vatCode: 'high' }]),
			}),
		);
		expect(body().invoiceLines).toEqual([{ description: 'Abonnement', price: 499.5, quantity: 1, discount: 0, vatCode: 'high' }]);
		kit.sim().clearRequests();
		await kit.json(create({ linesInput: 'json', invoiceLinesJson: [{ description: 'Frakt', price: 150, quantity: 1, discount: 0, vatCode: 'zero.rate', productId: 3 }] }));
		expect(body().invoiceLines).toEqual([{ description: 'Frakt', price: 150, quantity: 1, discount: 0, vatCode: 'zero.rate', productId: 3 }]);
	});

	it('does not send the Invoice Number field\'s default 0 (not set) nor empty ID fields', async () => {
		await kit.json(create({ additionalFields: { invoiceNo: 0, departmentId: '', projectId: '', saleId: null } }));
		expect(Object.keys(body()).filter((key) => ['invoiceNo', 'departmentId', 'projectId', 'saleId'].includes(key))).toEqual([]);
	});

	it('registers an invoice created in another system with its number, past date and PDF', async () => {
		const out = await kit.json(
			create({
				recipients: { recipient: [{ type: 'DO_NOT_DELIVER', customerId: '' }] },
				additionalFields: { isCreatedInOtherSystem: true, invoiceNo: 555, invoiceDate: '2026-01-02', invoiceFileId: '30001' },
			}),
		);
		expect(body()).toMatchObject({ isCreatedInOtherSystem: true, invoiceNo: 555, invoiceDate: '2026-01-02', invoiceFileId: 30001 });
		expect(out[0]).toMatchObject({ invoiceNo: 555, invoiceDate: '2026-01-02', invoiceFileId: 30001 });
	});

	it('sends a repetition', async () => {
		const next = daysFromToday(31);
		const end = daysFromToday(400);
		await kit.json(create({ additionalFields: { invoiceRepeat: { repeat: { frequency: 'MONTHLY', nextRepeatDate: next, endDate: end, updatePrices: true } } } }));
		expect(body().invoiceRepeat).toEqual({ frequency: 'MONTHLY', nextRepeatDate: next, endDate: end, updatePrices: true });
		expect(invoice(7003).invoiceRepeat).toMatchObject({ frequency: 'MONTHLY', nextRepeatDate: next, invoiceId: 7003, orgId: 101 });
	});

	const long = (n: number) => 'x'.repeat(n);
	it.each([
		['no lines', { invoiceLines: {} }, 'Invoice Lines', 'add at least one line'],
		['an empty description', { invoiceLines: { line: [line({ description: '  ' })] } }, 'Description', 'cannot be empty'],
		['a 501-character description', { invoiceLines: { line: [line({ description: long(501) })] } }, 'Description', 'at most 500 characters'],
		['a discount over 100 %', { invoiceLines: { line: [line({ discount: 150 })] } }, 'Discount (%)', "'Discount (%)' (line #1 discount): must be between 0 and 100"],
		['an unknown VAT code', { invoiceLines: { line: [line({ vatCode: 'standard' })] } }, 'VAT Code', "'VAT Code' (line #1 vatCode): must be one of: exempted, export, high, low, medium, no.vat, zero.rate"],
		['a price that is not a number', { invoiceLines: { line: [line({ price: 'ten' })] } }, 'Unit Price', 'must be a number'],
		['a bad product id', { invoiceLines: { line: [line({ productId: 'p-1' })] } }, 'Product ID', 'positive whole number'],
		['JSON lines that are not JSON', { linesInput: 'json', invoiceLinesJson: '[{"description": ' }, 'Invoice Lines (JSON)', 'not valid JSON'],
		['a JSON line with an unknown key', { linesInput: 'json', invoiceLinesJson: '[{"description":"A","price":1,"quantity":1,"vatCode":"high","vat":"25"}]' }, 'Invoice Lines', "Unrecognized key(s) in object: 'vat'"],
		['an e-mail recipient without an address', { recipients: { recipient: [emailRecipient({ emailAddress: '' })] } }, 'Email', 'is required for an Email recipient'],
		['a malformed e-mail address', { recipients: { recipient: [emailRecipient({ emailAddress: 'post@' })] } }, 'Email', "'Email' (recipient #1 emailAddress): must be a valid email address like name@example.com"],
		['an e-mail subject with a noncharacter', { recipients: { recipient: [emailRecipient({ emailSubject: 'Faktura \uFDD0' })] } }, 'Email Subject', "'Email Subject' (recipient #1 emailSubject): contains a character that cannot be sent (U+FDD0); remove it"],
		['an e-mail subject over 255 characters', { recipients: { recipient: [emailRecipient({ emailSubject: long(256) })] } }, 'Email Subject', 'at most 255'],
		['an EHF org number with a wrong check digit', { recipients: { recipient: [ehfRecipient('923456789')] } }, 'EHF Recipient Org Number', 'check digit'],
		['a three-letter mail country code', { recipients: { recipient: [{ type: 'MAIL', mailAddressCountryCode: 'NOR' }] } }, 'Country Code', "'Country Code' (recipient #1 mailAddressCountryCode): must be exactly two letters, e.g. NO"],
		['a lower-case mail country code', { recipients: { recipient: [{ type: 'MAIL', mailAddressCountryCode: 'se' }] } }, 'Country Code', "'Country Code' (recipient #1 mailAddressCountryCode): must be written in capitals, e.g. SE"],
		['an unknown delivery method', { recipients: { recipient: [{ type: 'FAX' }] } }, 'Delivery Method', "'Delivery Method' (recipient #1 type): must be one of: DO_NOT_DELIVER, EFAKTURA, EHF, EMAIL, INVOICE_SALE, MAIL, NONE, UNKNOWN"],
		['an invoice date in the past', { additionalFields: { invoiceDate: daysFromToday(-1) } }, 'Invoice Date', `must be today (${today()}, Europe/Oslo) or later`],
		['a due date before the invoice date', { additionalFields: { invoiceDate: daysFromToday(5), invoiceDueDate: daysFromToday(4) } }, 'Due Date', 'must not be before the invoice date'],
		['an impossible date', { additionalFields: { invoiceDueDate: '2026-02-30' } }, 'Due Date', 'real date written YYYY-MM-DD'],
		['a foreign currency without reference date', { additionalFields: { invoiceCurrency: 'EUR', exchangeRate: 11.5 } }, 'Exchange Rate Reference Date', 'required for an invoice in EUR'],
		['a foreign currency on a cash invoice', { additionalFields: { type: 'CASH', invoiceCurrency: 'USD', exchangeRateReferenceDate: today() } }, 'Currency', 'USD is only possible on a normal invoice'],
		['a currency in lower case', { additionalFields: { invoiceCurrency: 'usd' } }, 'Currency', "'Currency': must be written in capitals, e.g. USD"],
		['a department ID beyond 2^53', { additionalFields: { departmentId: '123456789012345678' } }, 'Department ID', "'Department ID': is too large to be sent exactly (at most 9007199254740991)"],
		['a due date that is not a date-time', { additionalFields: { invoiceDueDate: '2026-01-15T25:99' } }, 'Due Date', "'Due Date': must be a real date written YYYY-MM-DD, or a valid date-time such as 2026-05-31T14:30:00+02:00"],
		['a currency that is not a code', { additionalFields: { invoiceCurrency: 'EURO' } }, 'Currency', 'three-letter ISO currency code'],
		['a zero exchange rate', { additionalFields: { exchangeRate: 0 } }, 'Exchange Rate', 'greater than 0'],
		['a credit invoice type', { additionalFields: { type: 'CREDIT' } }, 'Invoice Type', "'Invoice Type': must be one of: CASH, NORMAL"],
		['a 301-character personal message', { additionalFields: { personalMessage: long(301) } }, 'Personal Message', 'at most 300'],
		['a 101-character customer reference', { additionalFields: { customerReference: long(101) } }, 'Customer Reference', 'at most 100'],
		['a one-character KID', { additionalFields: { kid: '7' } }, 'KID', "'KID': must be between 2 and 35 characters"],
		['an invoice number without Created in Other System', { additionalFields: { invoiceNo: 12 } }, 'Invoice Number', "turn on 'Created in Other System'"],
		['Created in Other System without an invoice number', { additionalFields: { isCreatedInOtherSystem: true } }, 'Invoice Number', "is required when 'Created in Other System' is on"],
		['a repetition without a next date', { additionalFields: { invoiceRepeat: { repeat: { frequency: 'MONTHLY', nextRepeatDate: '' } } } }, 'Next Repeat Date', 'required for a repeating invoice'],
		['a repetition ending today', { additionalFields: { invoiceRepeat: { repeat: { frequency: 'WEEKLY', nextRepeatDate: daysFromToday(7), endDate: today() } } } }, 'End Date', 'must be in the future'],
		['a repetition on an invoice from another system', { additionalFields: { isCreatedInOtherSystem: true, invoiceNo: 4, invoiceDate: '2026-01-02', invoiceRepeat: { repeat: { frequency: 'WEEKLY', nextRepeatDate: daysFromToday(7) } } } }, 'Repeat', 'not allowed for an invoice created in another system'],
		['a repetition with another delivery date', { additionalFields: { deliveryDate: daysFromToday(3), invoiceRepeat: { repeat: { frequency: 'WEEKLY', nextRepeatDate: daysFromToday(7) } } } }, 'Delivery Date', 'must equal the invoice date'],
		['a negative total', { invoiceLines: { line: [line({ quantity: -2 })] } }, 'Invoice Lines', 'negative total'],
		['a customer that is not an id', { customer: rl('Fjellheim') }, 'Customer', 'positive whole number'],
		['no customer', { customer: rl('') }, 'Customer', 'is required'],
		['a customer ID beyond 2^53', { customer: rl('123456789012345678') }, 'Customer', "'Customer': is too large to be sent exactly (at most 9007199254740991)"],
		['a customer ID number already rounded', { customer: { __rl: true, mode: 'id', value: 123456789012345678 } }, 'Customer', "'Customer': is too large to be read exactly as a number; give it as text"],
		['a KID number already rounded', { additionalFields: { kid: 12345678901234567890 } }, 'KID', "'KID': is a number that cannot be written exactly as text (it reads 12345678901234567000); give the value as text"],
		['a KID number in exponent form', { additionalFields: { kid: 1e21 } }, 'KID', "'KID': is a number that cannot be written exactly as text (it reads 1e+21); give the value as text"],
		['a lower-case delivery method', { recipients: { recipient: [emailRecipient({ type: 'email' })] } }, 'Delivery Method', "'Delivery Method' (recipient #1 type): must be one of: DO_NOT_DELIVER, EFAKTURA, EHF, EMAIL, INVOICE_SALE, MAIL, NONE, UNKNOWN"],
		['an e-mail address with two dots in a row', { recipients: { recipient: [emailRecipient({ emailAddress: 'kari..nordmann@example.no' })] } }, 'Email', "'Email' (recipient #1 emailAddress): must be a valid email address like name@example.com"],
		['an e-mail address with a one-letter TLD', { recipients: { recipient: [emailRecipient({ emailAddress: 'a@b.c' })] } }, 'Email', "'Email' (recipient #1 emailAddress): must be a valid email address like name@example.com"],
	])('rejects %s before sending anything', async (_name, overrides, label, fragment) => {
		await kit.expectInvalid(create(overrides as Record<string, unknown>), label as string, fragment as string);
	});

	it.each([
		['a negative net sum that VAT makes a positive total', [line({ price: 100, quantity: 1, discount: 0, vatCode: 'high' }), line({ price: -110, quantity: 1, discount: 0, vatCode: 'exempted' })], 15],
		['lines that total exactly zero despite float noise', [line({ price: 0.3, quantity: 1, discount: 0, vatCode: 'no.vat' }), line({ price: -0.1, quantity: 3, discount: 0, vatCode: 'no.vat' })], 0],
	])('sends %s (the sign rule looks at the total with VAT, in øre)', async (_name, lines, sumTotal) => {
		const out = await kit.json(create({ invoiceLines: { line: lines }, options: { simplify: false } }));
		expect(kit.requests().filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(kit.sim().state.data[101].invoices.at(-1)!.sumTotal).toBe(sumTotal);
		expect(out).toHaveLength(1);
	});

	it('turns an organization without a bank account into a NodeApiError with Conta’s message', async () => {
		kit.sim().state.data[102].customers.push({ ...kit.sim().state.data[101].customers[0] });
		await kit.expectApiError(create({ organization: rl('102') }), '422', [
			'Conta refused to create an invoice for customer 5001 (HTTP 422)',
			'The organization must have a bank account before it can create invoices. (OrgMustHaveBankAccountException)',
		]);
		expect(kit.requests()).toHaveLength(1);
	});

	it('reports an unknown customer with Conta’s message', async () => {
		await kit.expectApiError(create({ customer: rl('5999') }), '422', ['The customer with id 5999 was not found. (CustomerNotFoundException)']);
	});

	it('does not retry a create that failed with a server error', async () => {
		kit.sim().injectFault({ pathIncludes: '/invoices', status: 503, body: { category: 'SYSTEM', name: 'MaintenanceException', messages: { EN: 'Down for maintenance.' } } });
		await kit.expectApiError(create(), '503', ['Down for maintenance.']);
		expect(kit.requests()).toHaveLength(1);
	});

	it('gives one error item per failed input item with continueOnFail, paired to its item', async () => {
		const result = await kit.run([create(), create({ additionalFields: { invoiceDate: daysFromToday(-3) } })], {
			items: [{}, {}],
			continueOnFail: true,
		});
		const out = result.output![0];
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json.id).toBe(7003);
		expect(out[1].json.error).toContain("Invalid input in item 1: 'Invoice Date'");
		expect(kit.requests()).toHaveLength(1);
	});
});

describe('Conta Invoice → Get', () => {
	const get = (overrides: Record<string, unknown> = {}) => ({
		resource: 'invoice',
		operation: 'get',
		invoiceId: rl('7002'),
		downloadPdf: false,
		simplify: true,
		...overrides,
	});

	it('gets an invoice by ID, simplified', async () => {
		const out = await kit.json(get());
		expect(kit.requests().map((r) => [r.method, r.path, r.query, r.rawBody])).toEqual([['GET', '/invoice/organizations/101/invoices/7002', {}, '']]);
		expect(out).toEqual([
			{
				id: 7002,
				invoiceNo: 10002,
				type: 'NORMAL',
				status: 'INVOICE_CREATED',
				customerId: 5002,
				invoiceDate: '2026-01-20',
				invoiceDueDate: '2026-02-03',
				invoiceCurrency: 'NOK',
				sumNet: 2000,
				sumVAT: 500,
				sumTotal: 2500,
				sumRemaining: 2500,
				kid: '000100024',
				invoiceFileId: 30002,
			},
		]);
	});

	it('accepts an app link (By URL) and returns the raw invoice with Simplify off', async () => {
		const out = await kit.json(get({ invoiceId: rl('https://app.conta-sandbox.no/faktura/101/fakturaer/7001', 'url'), simplify: false }));
		expect(kit.requests()[0].path).toBe('/invoice/organizations/101/invoices/7001');
		expect(out[0]).toMatchObject({ id: 7001, status: 'CLOSED_BY_PAYMENT', sumRemaining: 0, invoiceLines: [{ description: 'Brød og bakst', vatCode: 'medium' }] });
		expect(out[0]).not.toHaveProperty('_events');
	});

	it('takes an app link with a trailing path or query, and refuses a link with text after the id', async () => {
		await kit.json(get({ invoiceId: rl('https://app.conta.no/faktura/101/fakturaer/7001?tab=events', 'url') }));
		expect(kit.requests()[0].path).toBe('/invoice/organizations/101/invoices/7001');
		const bad = await kit.run(get({ invoiceId: rl('https://app.conta.no/faktura/101/fakturaer/7001abc', 'url') }));
		expect(bad.error).toBeDefined();
		expect(kit.requests()).toHaveLength(1);
	});

	it('downloads the PDF into the chosen binary field', async () => {
		const result = await kit.run(get({ downloadPdf: true, binaryPropertyName: 'invoicePdf' }));
		expect(result.error).toBeUndefined();
		expect(kit.requests().map((r) => `${r.method} ${r.path.replace(/\/__files\/.*/, '/__files/<token>')}`)).toEqual([
			'GET /invoice/organizations/101/invoices/7002',
			'GET /invoice/organizations/101/files/30002',
			'GET /__files/<token>',
		]);
		const item = result.output![0][0];
		expect(item.json).toMatchObject({ id: 7002, invoiceFileId: 30002 });
		expect(Object.keys(item.binary!)).toEqual(['invoicePdf']);
		const binary = item.binary!.invoicePdf;
		expect(binary.mimeType).toBe('application/pdf');
		expect(binary.fileName).toBe('Faktura-10002.pdf');
		expect(Buffer.from(binary.data, 'base64').toString('latin1')).toMatch(/^%PDF-1\.4[\s\S]*Faktura 10002/);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('says clearly when the invoice has no PDF file', async () => {
		delete invoice(7002).invoiceFileId;
		const result = await kit.run(get({ downloadPdf: true, binaryPropertyName: 'data' }));
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error.message).toBe('Invoice 7002 has no PDF file yet (item 0)');
		expect(kit.requests()).toHaveLength(1);
	});

	it.each([
		['an invoice id that is not a number', { invoiceId: rl('INV-7') }, 'Invoice', 'positive whole number'],
		['an app link whose id has leading zeros', { invoiceId: rl('https://app.conta.no/faktura/101/fakturaer/0007002') }, 'Invoice', "'Invoice': must be a positive whole number (an ID)"],
		['an app link with invoice id 0', { invoiceId: rl('https://app.conta.no/faktura/101/fakturaer/0') }, 'Invoice', "'Invoice': must be a positive whole number (an ID)"],
		['an app link with a 40-digit id', { invoiceId: rl(`https://app.conta.no/faktura/101/fakturaer/${'9'.repeat(40)}`) }, 'Invoice', "'Invoice': is too large for an ID (at most 9223372036854775807)"],
		['an invoice id number already rounded', { invoiceId: { __rl: true, mode: 'id', value: 123456789012345678 } }, 'Invoice', "'Invoice': is too large to be read exactly as a number; give it as text"],
		['a binary field name with spaces', { downloadPdf: true, binaryPropertyName: 'my pdf' }, 'Put Output File in Field', 'must not contain spaces'],
	])('rejects %s before sending anything', async (_name, overrides, label, fragment) => {
		await kit.expectInvalid(get(overrides as Record<string, unknown>), label as string, fragment as string);
	});

	it('reports an unknown invoice with Conta’s 404 message', async () => {
		await kit.expectApiError(get({ invoiceId: rl('7999') }), '404', ['could not find', 'The invoice with id 7999 was not found.']);
	});
});

describe('Conta Invoice → Get Many', () => {
	const getAll = (overrides: Record<string, unknown> = {}) => ({
		resource: 'invoice',
		operation: 'getAll',
		returnAll: true,
		filters: {},
		options: {},
		simplify: true,
		...overrides,
	});

	it('lists invoices with createdAt, simplified', async () => {
		const out = await kit.json(getAll());
		expect(kit.requests().map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/invoice/organizations/101/invoices', { includeCreatedAt: 'true', hits: '500', page: '0' }],
		]);
		expect(out).toEqual([
			{
				id: 7001,
				invoiceNo: 10001,
				type: 'NORMAL',
				status: 'CLOSED_BY_PAYMENT',
				customerId: 5001,
				customerName: 'Fjellheim Bakeri AS',
				invoiceDate: '2026-01-15',
				invoiceDueDate: '2026-01-29',
				invoiceCurrency: 'NOK',
				sumTotal: 920,
				sumRemaining: 0,
				kid: '000100016',
				invoiceFileId: 30001,
				createdAt: '2026-01-15T10:00:00',
			},
			{
				id: 7002,
				invoiceNo: 10002,
				type: 'NORMAL',
				status: 'INVOICE_CREATED',
				customerId: 5002,
				customerName: 'Kari Nordmann',
				invoiceDate: '2026-01-20',
				invoiceDueDate: '2026-02-03',
				invoiceCurrency: 'NOK',
				sumTotal: 2500,
				sumRemaining: 2500,
				kid: '000100024',
				invoiceFileId: 30002,
				createdAt: '2026-01-20T10:00:00',
			},
		]);
	});

	it('sends every filter, with the Kravia statuses as repeated keys', async () => {
		const out = await kit.json(
			getAll({
				filters: {
					q: 'Kari',
					type: 'UNPAID',
					customerId: '5002',
					departmentId: '3',
					projectId: 8,
					isCreatedInOtherSystem: false,
					invoiceNo: 10002,
					invoiceCurrency: 'NOK',
					kraviaInvoiceStatuses: ['ACTIVE', 'CLOSED'],
					fromDate: '2026-01-01T00:00:00',
					toDate: '2026-12-31',
				},
				options: { includeCreatedAt: false, includeCreatedByIp: true, sort: '-invoiceDate' },
			}),
		);
		expect(kit.requests()).toHaveLength(1);
		expect(kit.requests()[0].path).toBe('/invoice/organizations/101/invoices');
		expect(kit.requests()[0].query).toEqual({
			kraviaInvoiceStatuses: ['ACTIVE', 'CLOSED'],
			q: 'Kari',
			type: 'UNPAID',
			customerId: '5002',
			departmentId: '3',
			projectId: '8',
			isCreatedInOtherSystem: 'false',
			invoiceNo: '10002',
			invoiceCurrency: 'NOK',
			fromDate: '2026-01-01',
			toDate: '2026-12-31',
			includeCreatedAt: 'false',
			includeCreatedByIp: 'true',
			sort: '-invoiceDate',
			hits: '500',
			page: '0',
		});
		expect(out).toEqual([]);
	});

	it('reads the Invoice Number filter\'s default 0 (a number field) and empty ID filters as not set', async () => {
		await kit.json(getAll({ filters: { invoiceNo: 0, departmentId: '', projectId: null } }));
		expect(kit.requests()[0].query).toEqual({ includeCreatedAt: 'true', hits: '500', page: '0' });
	});

	it('filters by customer and list, and stops at the limit', async () => {
		expect((await kit.json(getAll({ filters: { customerId: '5002', type: 'UNPAID' } }))).map((i) => i.id)).toEqual([7002]);
		kit.sim().clearRequests();
		const limited = await kit.json(getAll({ returnAll: false, limit: 1, options: { sort: '-id' } }));
		expect(limited.map((i) => i.id)).toEqual([7002]);
		expect(kit.requests()[0].query).toEqual({ includeCreatedAt: 'true', sort: '-id', hits: '1', page: '0' });
	});

	it('returns the raw hits with Simplify off', async () => {
		const out = await kit.json(getAll({ simplify: false, options: { includeCreatedByIp: true } }));
		expect(out[1]).toMatchObject({ id: 7002, customerAddressCity: 'Bergen', emailAddresses: [], createdByIp: '127.0.0.1', totalSumRemaining: 2500 });
	});

	it.each([
		['a limit of 0', { returnAll: false, limit: 0 }, 'Limit', 'at least 1'],
		['an unknown list', { filters: { type: 'OPEN' } }, 'List', "'List': must be one of: ACTIVE, FOLLOW_UP, KRAVIA, OVERDUE, PAID, PAYMENT_REMINDERS_OVERDUE, REPEATING, UNPAID"],
		['a search with a lone surrogate', { filters: { q: '\uD800' } }, 'Search', "'Search': contains a character that cannot be sent (U+D800); remove it"],
		['an unknown Kravia status', { filters: { kraviaInvoiceStatuses: ['OPEN'] } }, 'Kravia Statuses', 'must be one of: ACTIVE'],
		['a four-letter currency', { filters: { invoiceCurrency: 'EURO' } }, 'Currency', 'three-letter'],
		['an end date before the start date', { filters: { fromDate: '2026-02-01', toDate: '2026-01-01' } }, 'Created Before', "must not be before 'Created After'"],
		['a customer id that is not a number', { filters: { customerId: 'Kari' } }, 'Customer ID', 'positive whole number'],
		['a search over 100 characters', { filters: { q: 'x'.repeat(101) } }, 'Search', 'at most 100'],
		['a sort with other characters', { options: { sort: 'id; drop' } }, 'Sort', 'field names separated by commas'],
	])('rejects %s before sending anything', async (_name, overrides, label, fragment) => {
		await kit.expectInvalid(getAll(overrides as Record<string, unknown>), label as string, fragment as string);
	});

	it('reports Conta’s input error for a field it cannot sort by', async () => {
		await kit.expectApiError(getAll({ options: { sort: '-colour' } }), '409', [
			'Conta rejected the input (HTTP 409) while trying to list invoices',
			"Sorting by 'colour' is not supported here.",
		]);
	});

	it('reports a deleted organization', async () => {
		await kit.expectApiError(getAll({ organization: rl('103') }), '403', ['You do not have access to this organization.']);
	});
});

describe('Conta Invoice → Credit', () => {
	const credit = (overrides: Record<string, unknown> = {}) => ({
		resource: 'invoice',
		operation: 'credit',
		invoiceId: rl('7002'),
		recipients: {},
		checkEhf: true,
		ehfFallback: 'fail',
		additionalFields: {},
		simplify: true,
		...overrides,
	});

	it('credits the whole invoice, sends the credit note and closes the invoice', async () => {
		const out = await kit.json(
			credit({
				recipients: { recipient: [emailRecipient({ emailAddress: 'kari@example.no' })] },
				additionalFields: { creditNoteDate: today(), customerReference: 'Retur', ehfOrderReference: 'ORD-9' },
			}),
		);
		expect(kit.requests().map((r) => [r.method, r.path, r.query])).toEqual([['POST', '/invoice/organizations/101/invoices/7002/credit-note', {}]]);
		expect(body()).toEqual({
			creditNoteDate: today(),
			customerReference: 'Retur',
			ehfOrderReference: 'ORD-9',
			invoiceRecipients: [{ type: 'EMAIL', emailAddress: 'kari@example.no', emailRecipientType: 'EMAIL_TO' }],
		});
		expect(out).toEqual([
			{
				id: 7003,
				invoiceNo: 10003,
				type: 'CREDIT',
				status: 'CLOSED_BY_CREDIT_NOTE',
				customerId: 5002,
				invoiceDate: today(),
				invoiceDueDate: today(),
				invoiceCurrency: 'NOK',
				sumNet: -2000,
				sumVAT: -500,
				sumTotal: -2500,
				sumRemaining: 0,
				invoiceFileId: 30003,
				creditedInvoiceId: 7002,
				creditedInvoiceNo: 10002,
			},
		]);
		expect(invoice(7002)).toMatchObject({ status: 'CLOSED_BY_CREDIT_NOTE', sumRemaining: 0 });
		expect(invoice(7002)._events.at(-1)).toMatchObject({ eventType: 'INVOICE_CREDITED', creditNoteInvoiceId: 7003, sumRemainingChanged: -2500 });
		expect(invoice(7003)._events.map((e: Json) => e.eventType)).toEqual(['CREDIT_NOTE_CREATED', 'CREDIT_NOTE_SENT_BY_EMAIL']);
	});

	it('sends an empty body when nothing is set (the credit note takes the invoice date)', async () => {
		const out = await kit.json(credit({ simplify: false }));
		expect(kit.requests()[0].rawBody).toBe('{}');
		expect(out[0]).toMatchObject({ type: 'CREDIT', invoiceDate: '2026-01-20', creditedInvoiceDate: '2026-01-20' });
	});

	it('refuses a paid invoice unless Remove Payments is on, then removes the payments', async () => {
		await kit.expectApiError(credit({ invoiceId: rl('7001') }), '422', [
			'Conta refused to credit invoice 7001 (HTTP 422)',
			'Invoice 10001 has payments. Remove them first, or credit it with removePaymentsIfExist. (InvoiceHasPaymentsException)',
		]);
		kit.sim().clearRequests();
		const out = await kit.json(credit({ invoiceId: rl('7001'), additionalFields: { removePaymentsIfExist: true } }));
		expect(body()).toEqual({ removePaymentsIfExist: true });
		expect(out[0]).toMatchObject({ type: 'CREDIT', creditedInvoiceId: 7001, sumTotal: -920 });
		expect(kit.sim().state.data[101].payments).toEqual([]);
		expect(invoice(7001).status).toBe('CLOSED_BY_CREDIT_NOTE');
		expect(invoice(7001)._events.map((e: Json) => e.eventType)).toEqual(['INVOICE_CREATED', 'PAYMENT_RECEIVED', 'DELETED_PAYMENT', 'INVOICE_CREDITED']);
	});

	it('refuses to credit an invoice twice or to credit a credit note', async () => {
		await kit.json(credit());
		await kit.expectApiError(credit(), '422', ['(InvoiceCanNotBeCreditedException)']);
		await kit.expectApiError(credit({ invoiceId: rl('7003') }), '422', ['A credit note can not be credited. (CannotCreditCreditNotesException)']);
	});

	it('registers a credit note from another system with its number', async () => {
		await kit.json(credit({ additionalFields: { isCreatedInOtherSystem: true, invoiceNo: 77, invoiceFileId: 30002 } }));
		expect(body()).toEqual({ isCreatedInOtherSystem: true, invoiceNo: 77, invoiceFileId: 30002 });
		expect(invoice(7003)).toMatchObject({ invoiceNo: 77, invoiceFileId: 30002 });
	});

	it('checks an EHF recipient of the credit note first', async () => {
		const result = await kit.run(credit({ recipients: { recipient: [ehfRecipient('889640782')] } }));
		expect(result.error.message).toBe("Organization 889640782 can't receive EHF (item 0)");
		expect(result.error.description).toContain('credit note');
		expect(kit.requests().map((r) => r.method)).toEqual(['GET']);
	});

	it.each([
		['an invoice number without Created in Other System', { additionalFields: { invoiceNo: 5 } }, 'Invoice Number', 'credit note created in another system'],
		['Created in Other System without a number', { additionalFields: { isCreatedInOtherSystem: true } }, 'Invoice Number', 'is required'],
		['a credit note date that is not a date', { additionalFields: { creditNoteDate: 'tomorrow' } }, 'Credit Note Date', 'YYYY-MM-DD'],
		['a bad recipient e-mail', { recipients: { recipient: [emailRecipient({ emailAddress: 'kari' })] } }, 'Email', "'Email' (recipient #1 emailAddress): must be a valid email address like name@example.com"],
		['a non-boolean Remove Payments', { additionalFields: { removePaymentsIfExist: 'yes' } }, 'Remove Payments', 'true or false'],
		['an invoice id with letters', { invoiceId: rl('7002a') }, 'Invoice', 'positive whole number'],
	])('rejects %s before sending anything', async (_name, overrides, label, fragment) => {
		await kit.expectInvalid(credit(overrides as Record<string, unknown>), label as string, fragment as string);
	});
});

describe('Conta Invoice → Get Events', () => {
	const events = (overrides: Record<string, unknown> = {}) => ({
		resource: 'invoice',
		operation: 'getEvents',
		invoiceId: rl('7001'),
		eventTypes: [],
		...overrides,
	});

	it('returns every event of the invoice, one item each', async () => {
		const out = await kit.json(events());
		expect(kit.requests().map((r) => [r.method, r.path, r.query])).toEqual([['GET', '/invoice/organizations/101/invoices/7001/events', {}]]);
		expect(out).toEqual([
			{ id: 40001, date: '2026-01-15', eventType: 'INVOICE_CREATED', userName: 'API user', sumRemainingChanged: 0, sumRemaining: 920, createdAt: '2026-01-15T10:00:00', fileId: 30001 },
			{ id: 40003, date: '2026-01-25', eventType: 'PAYMENT_RECEIVED', userName: 'API user', sumRemainingChanged: -920, sumRemaining: 0, createdAt: '2026-01-25T08:00:00' },
		]);
	});

	it('filters by event type in the node', async () => {
		expect((await kit.json(events({ eventTypes: ['PAYMENT_RECEIVED'] }))).map((e) => e.id)).toEqual([40003]);
		expect(kit.requests()[0].query).toEqual({});
	});

	it('shows the delivery events of a new invoice', async () => {
		await kit.json(create({ recipients: { recipient: [emailRecipient()] } }));
		const out = await kit.json(events({ invoiceId: rl('7003'), eventTypes: ['INVOICE_SENT_BY_EMAIL'] }));
		expect(out).toEqual([
			expect.objectContaining({
				eventType: 'INVOICE_SENT_BY_EMAIL',
				deliveryMethod: 'EMAIL',
				emailAddresses: ['post@fjellheim.example'],
				lastEmailEventType: 'PROCESSED',
			}),
		]);
	});

	it('rejects an unknown event type before sending anything', async () => {
		await kit.expectInvalid(events({ eventTypes: ['INVOICE_LOST'] }), 'Event Types', "'Event Types' (eventTypes #1): must be one of the values in the list, e.g. INVOICE_CREATED or INVOICE_CREATED_FROM_CONTA_SALG");
	});

	it('reports an unknown invoice', async () => {
		await kit.expectApiError(events({ invoiceId: rl('7999') }), '404', ['The invoice with id 7999 was not found.']);
	});
});

describe('Conta simulator: invoice routes', () => {
	const post = async (path: string, payload: unknown) => {
		const response = await fetch(`${kit.url()}${path}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', apiKey: String(kit.credentials().apiKey) },
			body: JSON.stringify(payload),
		});
		return { status: response.status, body: (await response.json()) as Json };
	};

	it('rejects unknown fields, missing customerId and the spec’s input rules with 409 INPUT', async () => {
		const reply = await post('/invoice/organizations/101/invoices', {
			invoiceDate: today(),
			colour: 'red',
			invoiceCurrency: 'EUR',
			invoiceNo: 5,
			invoiceRepeat: { frequency: 'MONTHLY' },
		});
		expect(reply.status).toBe(409);
		expect(reply.body.category).toBe('INPUT');
		expect(reply.body.errors.map((e: Json) => [e.id, e.property.path])).toEqual([
			['unknownProperty', 'colour'],
			['required', 'customerId'],
			['invoiceNoOnlyForInvoicesCreatedInOtherSystems', 'invoiceNo'],
			['repeatMustHaveFrequencyAndNextRepeatDate', 'invoiceRepeat'],
			['exchangeRateReferenceDateRequired', 'exchangeRateReferenceDate'],
		]);
	});

	it('applies the date rules with the Oslo date', async () => {
		const past = await post('/invoice/organizations/101/invoices', { customerId: 5001, invoiceDate: daysFromToday(-1) });
		expect([past.status, past.body.name]).toEqual([422, 'InvoiceDateInPastException']);
		const due = await post('/invoice/organizations/101/invoices', { customerId: 5001, invoiceDate: today(), invoiceDueDate: daysFromToday(-1) });
		expect(due.body.name).toBe('DueDateBeforeInvoiceDateException');
		const none = await post('/invoice/organizations/101/invoices', { customerId: 5001 });
		expect(none.body.name).toBe('InvoiceDateCannotBeNullWhenTypeNormalException');
	});

	it('keeps Conta’s NOT_EMAIL default for an e-mail recipient without a type, and sends no e-mail then', async () => {
		const reply = await post('/invoice/organizations/101/invoices', {
			customerId: 5001,
			invoiceDate: today(),
			invoiceLines: [{ description: 'A', price: 10, quantity: 1, discount: 0, vatCode: 'high' }],
			invoiceRecipients: [{ type: 'EMAIL', emailAddress: 'a@example.no' }],
		});
		expect(reply.status).toBe(200);
		expect(reply.body.invoiceRecipients[0].emailRecipientType).toBe('NOT_EMAIL');
		expect(invoice(reply.body.id)._events.map((e: Json) => e.eventType)).toEqual(['INVOICE_CREATED']);
	});
});

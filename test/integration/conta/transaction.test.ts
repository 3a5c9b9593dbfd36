/**
 * Conta → Transaction (Create in both shapes, Get) against the simulator, through the node's real
 * code path.
 */
import { DateTime } from 'luxon';
import { rl, useContaSimulator } from '../../helpers/conta';
import { SANDBOX_KEYS } from '../../../sandbox/credentials';

const kit = useContaSimulator();
const today = () => DateTime.now().setZone('Europe/Oslo').toISODate()!;
const body = (index = 0) => JSON.parse(kit.requests()[index].rawBody);

const single = (overrides: Record<string, unknown> = {}) => ({
	resource: 'transaction',
	operation: 'create',
	shape: 'singleLine',
	date: '2026-05-01',
	description: 'Office rent May',
	amount: 12500,
	debitAccount: '6300',
	creditAccount: '1920',
	lineOptions: { debitVatCode: 'input.high' },
	additionalFields: {},
	simplify: true,
	...overrides,
});

const line = (fields: Record<string, unknown>) => ({
	side: 'debit',
	account: '',
	amount: 0,
	vatCode: '',
	description: '',
	date: '',
	dueDate: '',
	customerId: '',
	supplierId: '',
	invoiceNo: '',
	departmentId: '',
	projectId: '',
	proportionalVat: '',
	...fields,
});

const multi = (lines: Array<Record<string, unknown>>, overrides: Record<string, unknown> = {}) => ({
	resource: 'transaction',
	operation: 'create',
	shape: 'multiLine',
	date: '2026-05-03',
	description: 'Purchase, invoice 7781',
	lines: { line: lines.map(line) },
	additionalFields: {},
	simplify: true,
	...overrides,
});

const purchase = () => [
	{ side: 'debit', account: '6540', amount: 2500, vatCode: 'input.high', description: 'Equipment' },
	{ side: 'credit', account: '2400', amount: 2500, description: 'Supplier X', supplierId: '12', invoiceNo: '7781' },
];

describe('Conta Transaction → Create (single line)', () => {
	it('sends one line with both sides and returns the simplified, split transaction', async () => {
		const out = await kit.json(single());
		expect(kit.requests()).toHaveLength(1);
		const request = kit.requests()[0];
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/accounting/organizations/101/transactions-advanced');
		expect(request.query).toEqual({});
		expect(body()).toEqual({
			transactionType: 'MANUAL_TRANSACTION',
			date: '2026-05-01',
			description: 'Office rent May',
			transactionLinesAdvanced: [
				{ date: '2026-05-01', description: 'Office rent May', amount: 12500, debitBookkeepingAccountNo: '6300', debitVatCode: 'input.high', creditBookkeepingAccountNo: '1920' },
			],
		});
		expect(out).toEqual([
			{
				id: 12002,
				transactionNo: 2,
				transactionNoYear: '2-2026',
				transactionYear: 2026,
				date: '2026-05-01',
				description: 'Office rent May',
				transactionType: 'MANUAL_TRANSACTION',
				transactionSourceType: 'ADVANCED_TRANSACTION',
				lockedStatus: 'OPEN',
				paymentType: 'NOT_PAID',
				createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
				isResetTransaction: false,
				lines: [
					{ bookkeepingAccountNo: '6300', amount: 10000, description: 'Office rent May', date: '2026-05-01', vatCode: 'input.high' },
					{ bookkeepingAccountNo: '2710', amount: 2500, description: 'Office rent May', date: '2026-05-01', vatCode: 'input.high' },
					{ bookkeepingAccountNo: '1920', amount: -12500, description: 'Office rent May', date: '2026-05-01' },
				],
			},
		]);
	});

	it('sends every line option and returns the full model when Simplify is off', async () => {
		const out = await kit.json(
			single({
				organization: rl('101'),
				date: '',
				description: 'Sale to Fjellheim',
				amount: '1250.50',
				debitAccount: 1500,
				creditAccount: ' 3000 ',
				lineOptions: {
					debitCustomerId: '5001',
					debitInvoiceNo: '10002',
					creditVatCode: 'output.high',
					departmentId: '2',
					projectId: 3,
					dueDate: '2026-06-01',
					lineDescription: 'Consulting',
					proportionalVat: 100,
				},
				additionalFields: { transactionType: 'INCOME_STATEMENT', paymentType: 'NOT_PAID' },
				simplify: false,
			}),
		);
		expect(body()).toEqual({
			transactionType: 'INCOME_STATEMENT',
			date: today(),
			description: 'Sale to Fjellheim',
			paymentType: 'NOT_PAID',
			transactionLinesAdvanced: [
				{
					date: today(),
					dueDate: '2026-06-01',
					description: 'Consulting',
					amount: 1250.5,
					debitBookkeepingAccountNo: '1500',
					debitCustomerId: 5001,
					debitInvoiceNo: '10002',
					creditBookkeepingAccountNo: '3000',
					creditVatCode: 'output.high',
					departmentId: 2,
					projectId: 3,
					proportionalVat: 100,
				},
			],
		});
		const [transaction] = out;
		expect(transaction).toMatchObject({ id: 12002, transactionType: 'INCOME_STATEMENT', transactionAttachments: [] });
		expect(transaction.transactionLinesAdvanced).toEqual([{ id: expect.any(Number), transactionId: 12002, ...body().transactionLinesAdvanced[0] }]);
		expect((transaction.transactionLines as any[]).map((l) => [l.bookkeepingAccountNo, l.amount, l.customerId])).toEqual([
			['1500', 1250.5, 5001],
			['3000', -1000.4, undefined],
			['2700', -250.1, undefined],
		]);
	});

	it.each([
		['a zero amount', { amount: 0 }, 'Amount', 'cannot be zero'],
		['three decimals', { amount: 1.234 }, 'Amount', 'two decimals'],
		['too large an amount', { amount: -100_000_000_000 }, 'Amount', 'between -99999999999.99 and 99999999999.99'],
		['a 3-digit account', { debitAccount: '630' }, 'Debit Account', '4-digit'],
		['no credit account', { creditAccount: '' }, 'Credit Account', 'is required'],
		['a customer on a non-customer account', { lineOptions: { debitCustomerId: '5001' } }, 'Debit Customer ID', 'only applies to account 1500'],
		['a supplier on a non-supplier account', { lineOptions: { creditSupplierId: '12' } }, 'Credit Supplier ID', 'only applies to account 2400'],
		['an invoice number on a plain account', { lineOptions: { debitInvoiceNo: 'A-1' } }, 'Debit Invoice Number', 'only applies to accounts 1500 and 2400'],
		['a supplier credit without invoice number', { creditAccount: '2400', lineOptions: { creditSupplierId: '12' } }, 'Credit Invoice Number', "supplier's invoice number"],
		['no description at all', { description: '', lineOptions: {} }, 'Description', 'is required'],
		['a description too long for the line', { description: 'x'.repeat(501) }, 'Description', 'at most 500 characters'],
		['a transaction description over 2000', { description: 'x'.repeat(2001), lineOptions: { lineDescription: 'ok' } }, 'Description', 'at most 2000 characters'],
		['an invoice-line VAT code', { lineOptions: { debitVatCode: 'high' } }, 'Debit VAT Code', "'Debit VAT Code': must be one of the values in the list, e.g. input.no.vat or input.high"],
		['a proportional VAT over 100', { lineOptions: { proportionalVat: 150 } }, 'Proportional VAT (%)', "'Proportional VAT (%)': must be between 0 and 100"],
		['a bad date', { date: '2026-13-01' }, 'Date', 'YYYY-MM-DD'],
		['an unknown payment type', { additionalFields: { paymentType: 'LATER' } }, 'Payment Type', 'must be one of'],
		['an unknown shape', { shape: 'double' }, 'Shape', "'Shape': must be one of: multiLine, singleLine"],
		[
			'a department ID beyond 2^53',
			{ lineOptions: { departmentId: '123456789012345678' } },
			'Department ID',
			"'Department ID': is too large to be sent exactly (at most 9007199254740991)",
		],
		['a date of year 0000', { date: '0000-12-31' }, 'Date', "'Date': must be between 1000-01-01 and 9999-12-31"],
		[
			'an invoice number already rounded by an expression',
			{ creditAccount: '2400', lineOptions: { creditSupplierId: '12', creditInvoiceNo: 12345678901234567890 } },
			'Credit Invoice Number',
			"'Credit Invoice Number': is a number that cannot be written exactly as text (it reads 12345678901234567000); give the value as text",
		],
		['a department ID of 0 (a text field: 0 is not "not set")', { lineOptions: { departmentId: 0 } }, 'Department ID', "'Department ID': must be a positive whole number (an ID)"],
	])('rejects %s before sending', async (_name, overrides, label, fragment) => {
		await kit.expectInvalid(single(overrides), label, fragment);
	});

	it('sends an invoice number given as a whole number as its digits', async () => {
		await kit.json(single({ creditAccount: '2400', lineOptions: { creditSupplierId: '12', creditInvoiceNo: 7781 } }));
		expect(body().transactionLinesAdvanced[0].creditInvoiceNo).toBe('7781');
	});

	it('accepts a long transaction description when the line has its own', async () => {
		await kit.json(single({ description: 'x'.repeat(2000), lineOptions: { lineDescription: 'Rent' } }));
		expect(body().description).toHaveLength(2000);
		expect(body().transactionLinesAdvanced[0].description).toBe('Rent');
	});
});

describe('Conta Transaction → Create (multi line)', () => {
	it('sends one side per line (the purchase from Conta’s guide) and returns the ledger lines', async () => {
		const out = await kit.json(multi(purchase()));
		expect(kit.requests().map((r) => [r.method, r.path])).toEqual([['POST', '/accounting/organizations/101/transactions-advanced']]);
		expect(body()).toEqual({
			transactionType: 'MANUAL_TRANSACTION',
			date: '2026-05-03',
			description: 'Purchase, invoice 7781',
			transactionLinesAdvanced: [
				{ date: '2026-05-03', description: 'Equipment', amount: 2500, debitBookkeepingAccountNo: '6540', debitVatCode: 'input.high' },
				{ date: '2026-05-03', description: 'Supplier X', amount: 2500, creditBookkeepingAccountNo: '2400', creditSupplierId: 12, creditInvoiceNo: '7781' },
			],
		});
		expect(out[0].lines).toEqual([
			{ bookkeepingAccountNo: '6540', amount: 2000, description: 'Equipment', date: '2026-05-03', vatCode: 'input.high' },
			{ bookkeepingAccountNo: '2710', amount: 500, description: 'Equipment', date: '2026-05-03', vatCode: 'input.high' },
			{ bookkeepingAccountNo: '2400', amount: -2500, description: 'Supplier X', date: '2026-05-03', supplierId: 12, invoiceNo: '7781' },
		]);
		expect(out[0]).toMatchObject({ id: 12002, transactionNoYear: '2-2026' });
	});

	it('uses the transaction date and description for lines without their own, and sums in øre', async () => {
		await kit.json(
			multi(
				[
					{ side: 'debit', account: '6800', amount: 0.1 },
					{ side: 'debit', account: '6800', amount: 0.2, date: '2026-05-04', dueDate: '2026-06-04', departmentId: '1', projectId: '2', proportionalVat: '50' },
					{ side: 'credit', account: '1920', amount: 0.3 },
				],
				{ description: 'Stamps' },
			),
		);
		expect(body().transactionLinesAdvanced).toEqual([
			{ date: '2026-05-03', description: 'Stamps', amount: 0.1, debitBookkeepingAccountNo: '6800' },
			{ date: '2026-05-04', dueDate: '2026-06-04', description: 'Stamps', amount: 0.2, debitBookkeepingAccountNo: '6800', departmentId: 1, projectId: 2, proportionalVat: 50 },
			{ date: '2026-05-03', description: 'Stamps', amount: 0.3, creditBookkeepingAccountNo: '1920' },
		]);
	});

	it('refuses unbalanced lines before sending, naming the lines, totals and difference', async () => {
		const error = await kit.expectInvalid(
			multi([
				{ side: 'debit', account: '6540', amount: 2500, vatCode: 'input.high', description: 'Equipment' },
				{ side: 'debit', account: '6540', amount: 625, description: 'Freight' },
				{ side: 'credit', account: '2400', amount: 3000, supplierId: '12', invoiceNo: '7781' },
			]),
			'Lines',
		);
		expect(error.message).toContain(
			'debit and credit must balance, but the debit lines 1, 2 total 3125.00 and the credit line 3 total 3000.00 (difference 125.00)',
		);
	});

	it.each([
		['one line only', [{ side: 'debit', account: '6540', amount: 10 }], 'Lines', 'at least two lines'],
		['no lines', [], 'Lines', 'got 0'],
		['a line without account', [{ side: 'debit', account: '', amount: 10 }, { side: 'credit', account: '1920', amount: 10 }], 'Account', 'is required'],
		['a zero line', [{ side: 'debit', account: '6540', amount: 0 }, { side: 'credit', account: '1920', amount: 10 }], 'Amount', 'cannot be zero'],
		['a bad side', [{ side: 'both', account: '6540', amount: 10 }, { side: 'credit', account: '1920', amount: 10 }], 'Side', "'Side' (lines line #1 side): must be one of: credit, debit"],
		['a supplier on line 2 off 2400', [{ side: 'debit', account: '6540', amount: 10 }, { side: 'credit', account: '1920', amount: 10, supplierId: '12' }], 'Supplier ID', '(lines line #2 supplierId)'],
		['a supplier credit without invoice number', [{ side: 'debit', account: '6540', amount: 10 }, { side: 'credit', account: '2400', amount: 10, supplierId: '12' }], 'Invoice Number', "supplier's invoice number"],
		['a bad VAT code', [{ side: 'debit', account: '6540', amount: 10, vatCode: 'medium' }, { side: 'credit', account: '1920', amount: 10 }], 'VAT Code', "'VAT Code' (lines line #1 vatCode): must be one of the values in the list, e.g. input.no.vat or input.high"],
		['a bad proportional VAT', [{ side: 'debit', account: '6540', amount: 10, proportionalVat: 'half' }, { side: 'credit', account: '1920', amount: 10 }], 'Proportional VAT (%)', "'Proportional VAT (%)' (lines line #1 proportionalVat): must be a number"],
		['a bad customer ID', [{ side: 'debit', account: '1500', amount: 10, customerId: 'Kari' }, { side: 'credit', account: '3000', amount: 10 }], 'Customer ID', 'positive whole number'],
		['lines outside the transaction year', [{ side: 'debit', account: '6540', amount: 10, date: '2025-12-31' }, { side: 'credit', account: '1920', amount: 10, date: '2025-12-31' }], 'Lines', "transaction's year (2026)"],
		['an unknown line field', [{ side: 'debit', account: '6540', amount: 10, kid: '1' }, { side: 'credit', account: '1920', amount: 10 }], 'Line', 'kid'],
	])('rejects %s before sending', async (_name, lines, label, fragment) => {
		await kit.expectInvalid(multi(lines), label, fragment);
	});

	it('rejects lines without any description when the transaction has none', async () => {
		await kit.expectInvalid(multi(purchase().map((l) => ({ ...l, description: '' })), { description: '' }), 'Description', 'line 1 needs a description');
	});
});

describe('Conta Transaction → Create: Conta’s own checks', () => {
	it('reports Conta’s input errors (account range, VAT on a bank account) as a NodeApiError with the fields', async () => {
		const range = await kit.run(single({ debitAccount: '9999' }));
		expect(range.error?.constructor.name).toBe('NodeApiError');
		expect(range.error.httpCode).toBe('409');
		expect(range.error.message).toContain('Conta rejected the input (HTTP 409) while trying to create an accounting transaction');
		expect(range.error.description).toContain(
			"Field 'transactionLinesAdvanced.0.debitBookkeepingAccountNo': The bookkeeping account 9999 is outside the allowed range 1000–8999.",
		);
		const vat = await kit.run(single({ debitAccount: '1920', creditAccount: '2050', lineOptions: { debitVatCode: 'input.high' } }));
		expect(vat.error.description).toContain('Bookkeeping account 1920 can not have VAT.');
		const paid = await kit.run(single({ additionalFields: { paymentType: 'ALREADY_PAID' }, creditAccount: '2400', lineOptions: { creditInvoiceNo: 'F-1' } }));
		expect(paid.error.description).toContain('An already paid transaction needs a line on the bank or cash account');
	});

	it('reports an unknown customer as a NodeApiError and never retries the write', async () => {
		const result = await kit.run(single({ debitAccount: '1500', creditAccount: '3000', lineOptions: { debitCustomerId: '999' } }));
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error.httpCode).toBe('404');
		expect(result.error.description).toContain('The customer with id 999 was not found.');
		kit.sim().clearRequests();
		kit.sim().injectFault({ pathIncludes: '/transactions-advanced', status: 502, body: 'Bad gateway' });
		const failed = await kit.run(single());
		expect(failed.error.httpCode).toBe('502');
		expect(kit.requests()).toHaveLength(1);
		expect(kit.sim().state.data[101].transactions).toHaveLength(1);
	});
});

describe('Conta Transaction → Get', () => {
	const get = (transactionId: unknown, simplify = true) => ({ resource: 'transaction', operation: 'get', transactionId, simplify });

	it('gets a transaction, simplified by default', async () => {
		const out = await kit.json(get('12001'));
		expect(kit.requests().map((r) => [r.method, r.path, r.query])).toEqual([['GET', '/accounting/organizations/101/transactions-advanced/12001', {}]]);
		expect(out).toEqual([
			{
				id: 12001,
				transactionNo: 1,
				transactionNoYear: '1-2026',
				transactionYear: 2026,
				date: '2026-01-31',
				description: 'Husleie januar',
				transactionType: 'MANUAL_TRANSACTION',
				transactionSourceType: 'ADVANCED_TRANSACTION',
				lockedStatus: 'OPEN',
				paymentType: 'NOT_PAID',
				createdAt: '2026-01-31T15:00:00',
				isResetTransaction: false,
				lines: [
					{ bookkeepingAccountNo: '6300', amount: 10000, description: 'Husleie januar', vatCode: 'input.no.vat' },
					{ bookkeepingAccountNo: '1920', amount: -10000, description: 'Husleie januar' },
				],
			},
		]);
	});

	it('reads Simplify "false" from an expression as off', async () => {
		const full = await kit.json(get(12001, 'false' as unknown as boolean));
		expect(full[0]).toHaveProperty('transactionLinesAdvanced');
		expect(full[0]).not.toHaveProperty('lines');
	});

	it('returns the full model without Simplify, also for a transaction Conta made for a payment', async () => {
		const full = await kit.json(get(12001, false));
		expect(full[0]).toMatchObject({
			transactionLinesAdvanced: [{ date: '2026-01-31', amount: 10000, debitBookkeepingAccountNo: '6300', creditBookkeepingAccountNo: '1920' }],
			transactionAttachments: [],
		});
		expect(full[0]).not.toHaveProperty('_createdByUserName');
		const [payment] = await kit.json({ resource: 'payment', operation: 'create', invoice: rl('7002'), amount: 500, bankAccount: rl('301'), date: '', additionalFields: {} });
		const [booked] = await kit.json(get(String(payment.transactionId)));
		expect(booked.lines).toEqual([
			{ bookkeepingAccountNo: '1920', amount: 500, description: 'Innbetaling faktura 10002', date: today() },
			{ bookkeepingAccountNo: '1500', amount: -500, description: 'Innbetaling faktura 10002', date: today(), customerId: 5002, invoiceNo: '10002' },
		]);
	});

	it('validates the ID before sending and reports an unknown transaction', async () => {
		await kit.expectInvalid(get(''), 'Transaction ID', 'is required');
		await kit.expectInvalid(get('2-2026'), 'Transaction ID', 'positive whole number');
		const result = await kit.run(get('777'));
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error.httpCode).toBe('404');
		expect(result.error.message).toContain('get transaction 777');
		expect(result.error.description).toContain('The transaction with id 777 was not found.');
	});
});

describe('Conta simulator: transactions-advanced answers like Conta', () => {
	const post = async (payload: unknown) => {
		const response = await fetch(`${kit.url()}/accounting/organizations/101/transactions-advanced`, {
			method: 'POST',
			headers: { apiKey: SANDBOX_KEYS.conta.apiKey, 'Content-Type': 'application/json' },
			body: JSON.stringify(payload),
		});
		return { status: response.status, body: (await response.json()) as Record<string, any> };
	};
	const lineOf = (fields: Record<string, unknown>) => ({ date: '2026-05-03', description: 'x', ...fields });

	it('refuses unbalanced one-sided lines with TransactionIsNotBalancedException', async () => {
		const reply = await post({
			transactionType: 'MANUAL_TRANSACTION',
			transactionLinesAdvanced: [lineOf({ amount: 100, debitBookkeepingAccountNo: '6540' }), lineOf({ amount: 90, creditBookkeepingAccountNo: '1920' })],
		});
		expect(reply).toEqual({
			status: 422,
			body: {
				category: 'CUSTOM',
				name: 'TransactionIsNotBalancedException',
				messages: { EN: 'The transaction is not balanced: debit minus credit is 10.00.', NO: expect.any(String) },
				properties: { sum: 10 },
			},
		});
	});

	it('answers the spec’s input-error ids for the line rules', async () => {
		const reply = await post({
			transactionType: 'MANUAL_TRANSACTION',
			transactionLinesAdvanced: [
				lineOf({ amount: 0 }),
				lineOf({ amount: 5, debitBookkeepingAccountNo: '6540', debitCustomerId: 5001, debitInvoiceNo: '1' }),
				lineOf({ amount: 5, creditBookkeepingAccountNo: '2400', creditSupplierId: 3 }),
			],
		});
		expect(reply.status).toBe(409);
		expect((reply.body.errors as any[]).map((e) => [e.id, e.property.path])).toEqual([
			['bookkeepingAccountNoIsRequired', 'transactionLinesAdvanced.0.debitBookkeepingAccountNo'],
			['transactionLineAmountCannotBeZero', 'transactionLinesAdvanced.0.amount'],
			['wrongBookkeepingAccountNoAndCustomerIdAssociationOnLineAdvanced', 'transactionLinesAdvanced.1.debitCustomerId'],
			['wrongBookkeepingAccountNoAndInvoiceNoAssociationOnLineAdvanced', 'transactionLinesAdvanced.1.debitInvoiceNo'],
			['creditSupplierNeedsInvoiceNoOnPurchases', 'transactionLinesAdvanced.2.creditInvoiceNo'],
		]);
	});

	it('rejects a missing transaction type and unknown fields with the strict schema', async () => {
		const reply = await post({ transactionLinesAdvanced: [lineOf({ amount: 5, debitBookkeepingAccountNo: '6540', creditBookkeepingAccountNo: '1920', vat: 1 })] });
		expect(reply.status).toBe(409);
		expect((reply.body.errors as any[]).map((e) => [e.id, e.property.path])).toEqual([
			['unknownProperty', 'transactionLinesAdvanced.0.vat'],
			['required', 'transactionType'],
		]);
	});
});

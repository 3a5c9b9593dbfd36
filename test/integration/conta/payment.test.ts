/**
 * Conta → Payment (Create, Get Many for one invoice, Get Many across invoices, Delete) against the
 * simulator, through the node's real code path.
 */
import { DateTime } from 'luxon';
import { rl, useContaSimulator } from '../../helpers/conta';
import { SANDBOX_KEYS } from '../../../sandbox/credentials';
import type { Json } from '../../../sandbox/conta/state';

const kit = useContaSimulator();
const today = () => DateTime.now().setZone('Europe/Oslo').toISODate()!;
const tomorrow = () => DateTime.now().setZone('Europe/Oslo').plus({ days: 1 }).toISODate()!;
const body = (index = 0) => JSON.parse(kit.requests()[index].rawBody);
const invoice = (id: number): Json => kit.sim().state.data[101].invoices.find((i) => i.id === id)!;

const create = (overrides: Record<string, unknown> = {}) => ({
	resource: 'payment',
	operation: 'create',
	invoice: rl('7002'),
	amount: 1000,
	bankAccount: rl('301'),
	date: '',
	additionalFields: {},
	...overrides,
});

describe('Conta Payment → Create', () => {
	it('registers a partial payment dated today (Oslo) and returns the payment model', async () => {
		const out = await kit.json(create());
		expect(kit.requests()).toHaveLength(1);
		const request = kit.requests()[0];
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/invoice/organizations/101/invoices/7002/payments');
		expect(request.query).toEqual({});
		expect(request.headers['content-type']).toContain('application/json');
		expect(body()).toEqual({ date: today(), amount: 1000, bankAccountId: 301 });
		expect(out).toEqual([
			{
				id: 9002,
				paymentType: 'MANUAL',
				transactionId: 12002,
				isFromKravia: false,
				isMultiPayment: false,
				totalAmount: 1000,
				partialPayments: [{ id: 9502, date: today(), amount: 1000, amountForeignCurrency: 0, invoiceId: 7002, paymentId: 9002 }],
			},
		]);
		expect(invoice(7002)).toMatchObject({ sumRemaining: 1500, status: 'INVOICE_CREATED' });
		expect(invoice(7002)._events.at(-1)).toMatchObject({ eventType: 'PAYMENT_RECEIVED', sumRemainingChanged: -1000, sumRemaining: 1500 });
	});

	// The By URL mode (a Conta app link) is resolved by n8n itself; the e2e case covers it.
	it('pays in full with every optional field and an explicit organization', async () => {
		const out = await kit.json(
			create({
				organization: rl('101'),
				invoice: rl('7002', 'list'),
				amount: '2500.00',
				bankAccount: rl('301', 'list'),
				date: '2026-02-01T00:00:00',
				additionalFields: {
					description: '  Innbetaling fra Kari  ',
					departmentId: '4',
					projectId: 7,
					returnPaymentDate: '2026-02-03',
				},
			}),
		);
		expect(kit.requests()[0].path).toBe('/invoice/organizations/101/invoices/7002/payments');
		expect(body()).toEqual({
			date: '2026-02-01',
			amount: 2500,
			bankAccountId: 301,
			description: 'Innbetaling fra Kari',
			departmentId: 4,
			projectId: 7,
			returnPaymentDate: '2026-02-03',
		});
		expect(out[0]).toMatchObject({ totalAmount: 2500, partialPayments: [{ amount: 2500, date: '2026-02-01', invoiceId: 7002 }] });
		expect(invoice(7002)).toMatchObject({ sumRemaining: 0, status: 'CLOSED_BY_PAYMENT' });
	});

	it.each([
		// Midnight in its own offset ($today) is that date; any other instant ($now) the Oslo date.
		['$now at 23:30 in UTC (already 2 March in Oslo)', '2026-03-02', DateTime.fromISO('2026-03-01T23:30:00', { zone: 'UTC' })],
		['$today in an instance set to Pacific/Auckland (still 28 February in Oslo)', '2026-03-01', DateTime.fromISO('2026-03-01T00:00:00', { zone: 'Pacific/Auckland' })],
		// A JS Date is an instant without a chosen zone: its Oslo date.
		['a JS Date at 23:30 UTC', '2026-03-02', new Date('2026-03-01T23:30:00Z')],
		['an ISO date-time ending at 24:00 (the next day)', '2026-03-02', '2026-03-01T24:00'],
	])('takes %s as the payment date %s', async (_name, sent, date) => {
		await kit.json(create({ date }));
		expect(body().date).toBe(sent);
	});

	it('sends an amount from an expression rounded to cents (no float noise in the body)', async () => {
		await kit.json(create({ amount: 0.1 + 0.2 }));
		expect(kit.requests()[0].rawBody).toBe(`{"date":"${today()}","amount":0.3,"bankAccountId":301}`);
	});

	it('sends no Department ID or Project ID when they are empty (text fields, default empty), and refuses 0', async () => {
		// Both are string fields with default '': empty means "not set"; 0 is not an ID (no number field defaults to it).
		await kit.json(create({ additionalFields: { departmentId: '', projectId: null } }));
		expect(body()).toEqual({ date: today(), amount: 1000, bankAccountId: 301 });
		await kit.expectInvalid(create({ additionalFields: { departmentId: 0 } }), 'Department ID', "'Department ID': must be a positive whole number (an ID)", 1);
	});

	it.each([
		['2026-01-15T23:30:00Z', '2026-01-16'],
		['2026-01-15T23:30:00+01:00', '2026-01-15'],
		['2026-07-01T00:30:00+02:00', '2026-07-01'],
		['2026-01-15T23:30:00', '2026-01-15'],
	])('sends the payment date-time %s as its Oslo calendar date %s', async (date, sent) => {
		await kit.json(create({ date }));
		expect(body().date).toBe(sent);
	});

	it.each([
		['a future payment date', { date: tomorrow() }, 'Payment Date', 'cannot be in the future'],
		['an impossible date', { date: '2026-02-30' }, 'Payment Date', 'YYYY-MM-DD'],
		['a zero amount', { amount: 0 }, 'Amount', "'Amount': must be between 0.01 and 99999999999.99"],
		['three decimals', { amount: 10.005 }, 'Amount', 'two decimals'],
		['too large an amount', { amount: 100_000_000_000 }, 'Amount', "'Amount': must be between 0.01 and 99999999999.99"],
		['an exponent amount', { amount: '1e3' }, 'Amount', "'Amount': must be a number like 25.00"],
		['a payment date of year 0000', { date: '0000-01-01' }, 'Payment Date', "'Payment Date': must be between 1000-01-01 and 9999-12-31"],
		[
			'an invalid date-time',
			{ date: '2026-01-15T25:99' },
			'Payment Date',
			"'Payment Date': must be a real date written YYYY-MM-DD, or a valid date-time such as 2026-05-31T14:30:00+02:00",
		],
		[
			'a department ID beyond 2^53',
			{ additionalFields: { departmentId: '123456789012345678' } },
			'Department ID',
			"'Department ID': is too large to be sent exactly (at most 9007199254740991)",
		],
		['a non-numeric amount', { amount: 'ten' }, 'Amount', 'must be a number'],
		['a boolean amount', { amount: true }, 'Amount', 'must be a number'],
		['a hexadecimal amount', { amount: '0x10' }, 'Amount', 'must be a number'],
		['a too long description', { additionalFields: { description: 'x'.repeat(501) } }, 'Description', 'at most 500 characters'],
		['a bad department ID', { additionalFields: { departmentId: 'sales' } }, 'Department ID', 'positive whole number'],
		['a bad project ID', { additionalFields: { projectId: '-3' } }, 'Project ID', 'positive whole number'],
		['a return date before the payment', { date: '2026-02-10', additionalFields: { returnPaymentDate: '2026-02-09' } }, 'Return Payment Date', 'before the payment date'],
		['an unknown field', { additionalFields: { kid: '123' } }, 'Additional Fields', 'kid'],
	])('rejects %s before sending', async (_name, overrides, label, fragment) => {
		await kit.expectInvalid(create(overrides), label, fragment);
	});

	it('takes the invoice as a Conta app link (By URL) and sends its id in the path', async () => {
		await kit.json(create({ invoice: rl('https://app.conta.no/faktura/101/fakturaer/7002', 'url') }));
		expect(kit.requests()[0].path).toBe('/invoice/organizations/101/invoices/7002/payments');
	});

	it('rejects a bad invoice or bank account ID before sending', async () => {
		await kit.expectInvalid(create({ invoice: rl('abc') }), 'Invoice', 'positive whole number');
		await kit.expectInvalid(create({ bankAccount: rl('') }), 'Bank Account', 'is required');
	});

	it('reports Conta refusing an amount above what is left, as a NodeApiError with its message', async () => {
		const result = await kit.run(create({ amount: 3000 }));
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error.httpCode).toBe('422');
		expect(result.error.message).toContain('Conta refused to register a payment on invoice 7002 (HTTP 422)');
		expect(result.error.message).toContain('The amount 3000.00 is greater than the remaining amount 2500.00 on the invoice.');
		expect(result.error.description).toContain('(AmountGreaterThanRemainingOnInvoiceException)');
		expect(invoice(7002)).toMatchObject({ sumRemaining: 2500, status: 'INVOICE_CREATED' });
	});

	it('reports a paid invoice (nothing left) and an unknown invoice', async () => {
		const paid = await kit.run(create({ invoice: rl('7001'), amount: 1 }));
		expect(paid.error.message).toContain('greater than the remaining amount 0.00');
		const missing = await kit.run(create({ invoice: rl('999999') }));
		expect(missing.error?.constructor.name).toBe('NodeApiError');
		expect(missing.error.httpCode).toBe('404');
		expect(missing.error.description).toContain('The invoice with id 999999 was not found.');
	});

	it('reports Conta’s foreign-currency and unknown-bank-account errors', async () => {
		invoice(7002).invoiceCurrency = 'EUR';
		const foreign = await kit.run(create());
		expect(foreign.error.message).toContain('The invoice is in a foreign currency.');
		invoice(7002).invoiceCurrency = 'NOK';
		const bank = await kit.run(create({ bankAccount: rl('399') }));
		expect(bank.error.httpCode).toBe('404');
		expect(bank.error.description).toContain('The bank account with id 399 was not found.');
	});

	it('reports that a credit note or a credited invoice cannot be paid', async () => {
		invoice(7002).type = 'CREDIT';
		const credit = await kit.run(create());
		expect(credit.error.message).toContain('A payment can only be registered on a normal or cash invoice, not on a credit note.');
		expect(credit.error.description).toContain('(WrongInvoiceTypeException)');
		invoice(7002).type = 'NORMAL';
		invoice(7002)._creditNoteId = 7999;
		invoice(7002).status = 'CLOSED_BY_CREDIT_NOTE';
		invoice(7002).sumRemaining = 0;
		const credited = await kit.run(create({ amount: 5 }));
		expect(credited.error.message).toContain('greater than the remaining amount 0.00');
	});

	it('does not retry a create that failed with 503 (it may have been booked)', async () => {
		kit.sim().injectFault({ pathIncludes: '/payments', status: 503, body: { category: 'SYSTEM', name: 'MaintenanceException', messages: { EN: 'Down for maintenance' } } });
		const result = await kit.run(create());
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error.httpCode).toBe('503');
		expect(kit.requests()).toHaveLength(1);
	});

	it('pays item by item with continueOnFail, pairing an error item with the failing input', async () => {
		const result = await kit.run([create({ amount: 100 }), create({ amount: 99999 }), create({ amount: 200 })], {
			items: [{}, {}, {}],
			continueOnFail: true,
		});
		const out = result.output![0];
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.totalAmount).toBe(100);
		expect(String(out[1].json.error)).toContain('HTTP 422');
		expect(out[2].json.totalAmount).toBe(200);
		expect(invoice(7002).sumRemaining).toBe(2200);
	});
});

describe('Conta Payment → Get Many (one invoice)', () => {
	const getAll = (overrides: Record<string, unknown> = {}) => ({
		resource: 'payment',
		operation: 'getAll',
		invoice: rl('7001'),
		returnAll: true,
		...overrides,
	});

	it('returns the bare array of the invoice’s payments', async () => {
		const out = await kit.json(getAll());
		expect(kit.requests().map((r) => [r.method, r.path, r.query])).toEqual([['GET', '/invoice/organizations/101/invoices/7001/payments', {}]]);
		expect(out).toEqual([
			{
				id: 9001,
				paymentType: 'MANUAL',
				transactionId: 11999,
				isFromKravia: false,
				isMultiPayment: false,
				totalAmount: 920,
				partialPayments: [{ id: 9501, date: '2026-01-25', amount: 920, amountForeignCurrency: 0, invoiceId: 7001, paymentId: 9001 }],
			},
		]);
	});

	it('takes Limit as text from an expression', async () => {
		await kit.json([create({ amount: 10 }), create({ amount: 20 })], { items: [{}, {}] });
		expect(await kit.json(getAll({ invoice: rl('7002'), returnAll: false, limit: '1' }))).toHaveLength(1);
	});

	it('applies Limit on its side (the route has no paging)', async () => {
		await kit.json([create({ amount: 10 }), create({ amount: 20 }), create({ amount: 30 })], { items: [{}, {}, {}] });
		kit.sim().clearRequests();
		const limited = await kit.json(getAll({ invoice: rl('7002'), returnAll: false, limit: 2 }));
		expect(limited.map((p) => p.totalAmount)).toEqual([10, 20]);
		expect(kit.requests()).toHaveLength(1);
		expect(kit.requests()[0].query).toEqual({});
		const all = await kit.json(getAll({ invoice: rl('7002') }));
		expect(all.map((p) => p.totalAmount)).toEqual([10, 20, 30]);
	});

	it('returns nothing for an invoice without payments, and validates Limit and the invoice', async () => {
		expect(await kit.json(getAll({ invoice: rl('7002') }))).toEqual([]);
		kit.sim().clearRequests();
		await kit.expectInvalid(getAll({ returnAll: false, limit: 0 }), 'Limit', 'at least 1');
		await kit.expectInvalid(getAll({ invoice: rl('7001; DROP') }), 'Invoice');
	});

	it('reports an unknown invoice as a NodeApiError', async () => {
		const result = await kit.run(getAll({ invoice: rl('424242') }));
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error.message).toContain('list the payments of invoice 424242');
		expect(result.error.description).toContain('The invoice with id 424242 was not found.');
	});
});

describe('Conta Payment → Delete', () => {
	const del = (paymentId: unknown) => ({ resource: 'payment', operation: 'delete', paymentId });

	it('deletes a payment (empty 200 answer) and reopens the invoice', async () => {
		const [payment] = await kit.json(create({ amount: 2500 }));
		expect(invoice(7002).status).toBe('CLOSED_BY_PAYMENT');
		kit.sim().clearRequests();
		const out = await kit.json(del(String(payment.id)));
		expect(kit.requests().map((r) => [r.method, r.path, r.rawBody])).toEqual([['DELETE', `/invoice/organizations/101/payments/${payment.id}`, '']]);
		expect(out).toEqual([{ deleted: true, id: payment.id }]);
		expect(invoice(7002)).toMatchObject({ sumRemaining: 2500, status: 'INVOICE_CREATED' });
		expect(invoice(7002)._events.at(-1)).toMatchObject({ eventType: 'DELETED_PAYMENT', sumRemainingChanged: 2500 });
		expect(await kit.json({ resource: 'payment', operation: 'getAll', invoice: rl('7002'), returnAll: true })).toEqual([]);
	});

	it('validates the payment ID before sending', async () => {
		await kit.expectInvalid(del(''), 'Payment ID', 'is required');
		await kit.expectInvalid(del('9001/../7'), 'Payment ID', 'positive whole number');
		await kit.expectInvalid(del('0'), 'Payment ID');
	});

	it('reports an unknown payment as a NodeApiError', async () => {
		const result = await kit.run(del(12345));
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error.httpCode).toBe('404');
		expect(result.error.message).toContain('delete payment 12345');
		expect(result.error.description).toContain('The payment with id 12345 was not found.');
	});
});

describe('Conta Payment → Get Many (all invoices)', () => {
	const search = (overrides: Record<string, unknown> = {}) => ({
		resource: 'payment',
		operation: 'search',
		returnAll: true,
		filters: {},
		...overrides,
	});

	it('takes Return All and Limit as text from an expression', async () => {
		await kit.json(search({ returnAll: 'false', limit: '1' }));
		expect(kit.requests()[0].query).toEqual({ hits: '1', page: '0' });
	});

	it('reads the paged search and returns the hits', async () => {
		const out = await kit.json(search());
		expect(kit.requests().map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/invoice/organizations/101/invoice-payments', { hits: '500', page: '0' }],
		]);
		expect(out).toEqual([
			{
				id: 9001,
				customerId: 5001,
				customerName: 'Fjellheim Bakeri AS',
				customerOrgNo: '923456783',
				invoiceId: 7001,
				invoiceNo: 10001,
				amount: 920,
				paymentType: 'MANUAL',
				date: '2026-01-25',
				kid: '000100016',
			},
		]);
	});

	it('sends the filters and sort, and pages through more than one page with Return All', async () => {
		const payments = kit.sim().state.data[101].payments;
		for (let n = 0; n < 520; n++) {
			payments.push({
				id: 20000 + n,
				paymentType: 'MANUAL',
				partialPayments: [{ id: 60000 + n, date: '2026-02-01', amount: 1, amountForeignCurrency: 0, invoiceId: 7002, paymentId: 20000 + n }],
			});
		}
		const all = await kit.json(search({ filters: { sort: '+id', fromDate: '2026-01-01', toDate: '2026-12-31' } }));
		expect(all).toHaveLength(521);
		expect(all[0].id).toBe(9001);
		expect(all[520].id).toBe(20519);
		expect(kit.requests().map((r) => r.query)).toEqual([
			{ sort: '+id', fromDate: '2026-01-01', toDate: '2026-12-31', hits: '500', page: '0' },
			{ sort: '+id', fromDate: '2026-01-01', toDate: '2026-12-31', hits: '500', page: '1' },
		]);
		kit.sim().clearRequests();
		const limited = await kit.json(search({ returnAll: false, limit: 3, filters: { q: ' Kari ', sort: '-id' } }));
		expect(kit.requests().map((r) => r.query)).toEqual([{ q: 'Kari', sort: '-id', hits: '3', page: '0' }]);
		expect(limited.map((p) => p.id)).toEqual([20519, 20518, 20517]);
	});

	it('validates the filters before sending', async () => {
		await kit.expectInvalid(search({ filters: { fromDate: '2026-02-01', toDate: '2026-01-01' } }), 'To Date', 'cannot be before From Date');
		await kit.expectInvalid(search({ filters: { q: 'x'.repeat(101) } }), 'Search Text', 'at most 100 characters');
		await kit.expectInvalid(search({ filters: { q: 'Kari \uDC00' } }), 'Search Text', "'Search Text': contains a character that cannot be sent (U+DC00); remove it");
		await kit.expectInvalid(search({ filters: { sort: 'customerName' } }), 'Sort', 'must be one of');
		await kit.expectInvalid(search({ filters: { fromDate: '01.02.2026' } }), 'From Date', 'YYYY-MM-DD');
		await kit.expectInvalid(search({ returnAll: false, limit: 1.5 }), 'Limit', 'whole number');
	});

	it('reports an organization Conta refuses as a NodeApiError', async () => {
		const result = await kit.run(search({ organization: rl('103') }));
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error.httpCode).toBe('403');
		expect(result.error.description).toContain('You do not have access to this organization.');
	});
});

describe('Conta simulator: payment routes answer like Conta', () => {
	const post = async (path: string, payload: unknown) => {
		const response = await fetch(`${kit.url()}${path}`, {
			method: 'POST',
			headers: { apiKey: SANDBOX_KEYS.conta.apiKey, 'Content-Type': 'application/json' },
			body: JSON.stringify(payload),
		});
		return { status: response.status, body: (await response.json()) as Json };
	};
	const path = '/invoice/organizations/101/invoices/7002/payments';

	it('refuses a payment dated in the future (Oslo) with PaymentDateInFutureException', async () => {
		const reply = await post(path, { date: tomorrow(), amount: 10, bankAccountId: 301 });
		expect(reply).toEqual({
			status: 422,
			body: {
				category: 'CUSTOM',
				name: 'PaymentDateInFutureException',
				messages: { EN: `The payment date ${tomorrow()} is in the future. Today is ${today()}.`, NO: expect.any(String) },
				properties: { today: today(), dateProvided: tomorrow() },
			},
		});
	});

	it('checks the body strictly: unknown fields, ranges, and the amount and bank account it needs', async () => {
		const reply = await post(path, { date: today(), amount: 0, paymentType: 'MANUAL' });
		expect(reply.status).toBe(409);
		expect(reply.body.name).toBe('InputOpException');
		expect((reply.body.errors as Json[]).map((e) => [e.id, e.property.path])).toEqual([
			['unknownProperty', 'paymentType'],
			['minimum', 'amount'],
			['required', 'bankAccountId'],
		]);
		expect(invoice(7002)._events).toHaveLength(1);
	});
});

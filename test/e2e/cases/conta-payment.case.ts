/**
 * Conta → Payment, Transaction, EHF and File inside a real n8n, against the shared Conta simulator:
 * - Payment: Create (partial, invoice given as an app link) → Get Many for that invoice → the
 *   payment's transaction (Transaction → Get) → Delete → Get Many again (empty); a full payment on
 *   a second invoice found again with Get Many (All Invoices).
 * - Transaction: Create Single Line → Create Multi Line (chained date) → Get; an unbalanced
 *   multi-line create that must fail before anything is sent.
 * - EHF: a capable and a not capable company, and a wrong check digit that fails before sending.
 * - File: an invoice PDF downloaded into a binary field.
 *
 * The case never touches seeded invoices: its setup adds two open invoices with fixed ids
 * (79001, 79002) and a PDF (file 39001) that only this case uses (no Conta case resets the shared
 * simulator). Ids of objects the workflows create are not asserted.
 */
import { DateTime } from 'luxon';
import type { ContaSimulator } from '../../../sandbox/conta';
import { addOpenInvoice } from '../../../sandbox/conta/routes/payments';
import type { SimRequest } from '../../../sandbox/framework';
import { sandboxCredentials, SANDBOX_CREDENTIAL_IDS } from '../../../sandbox/n8n-credentials';
import type { E2ECase } from '../types';
import { nodeOutput, requestsDuring } from '../n8n-runner';
import { chain, pkgNode } from '../workflow';

const cred = SANDBOX_CREDENTIAL_IDS.conta;
const conta = (name: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
	pkgNode('conta', 'contaApi', name, parameters, cred, extra);

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const fromList = (value = '') => ({ __rl: true, mode: 'list', value });

/** The fixtures this case pays and downloads. */
const PART_INVOICE = { id: 79001, invoiceNo: 79001, fileId: 39001, price: 2000 }; // 2500.00 incl. VAT
const FULL_INVOICE = { id: 79002, invoiceNo: 79002, fileId: 39002, price: 800, customerId: 5002 }; // 1000.00 incl. VAT

function addFixtures(sim: ContaSimulator): void {
	addOpenInvoice(sim.state, PART_INVOICE);
	addOpenInvoice(sim.state, FULL_INVOICE);
}

const osloToday = () => DateTime.now().setZone('Europe/Oslo').toISODate()!;

const paymentCase: E2ECase = {
	provider: 'conta',
	credentials: (urls) => sandboxCredentials(urls).filter((c) => c.type === 'contaApi'),
	setup(sims) {
		const sim = sims.conta as ContaSimulator;
		addFixtures(sim);
	},
	workflows: () => [
		chain('e2e-conta-payment-lifecycle', 'e2e Conta payment lifecycle', [
			conta('Pay Part', {
				resource: 'payment',
				operation: 'create',
				organization: byId('101'),
				invoice: { __rl: true, mode: 'url', value: 'https://app.conta-sandbox.no/faktura/101/fakturaer/79001' },
				amount: 1000,
				bankAccount: fromList('301'),
				date: '',
				additionalFields: { description: 'E2E delbetaling' },
			}),
			conta('Invoice Payments', {
				resource: 'payment',
				operation: 'getAll',
				organization: fromList(),
				invoice: byId('={{ $json.partialPayments[0].invoiceId }}'),
				returnAll: true,
			}),
			conta(
				'Payment Transaction',
				{ resource: 'transaction', operation: 'get', organization: fromList(), transactionId: "={{ $('Pay Part').item.json.transactionId }}", simplify: true },
				{ executeOnce: true },
			),
			conta(
				'Delete Payment',
				{ resource: 'payment', operation: 'delete', organization: fromList(), paymentId: "={{ $('Pay Part').item.json.id }}" },
				{ executeOnce: true },
			),
			conta(
				'After Delete',
				{ resource: 'payment', operation: 'getAll', organization: fromList(), invoice: byId('79001'), returnAll: true },
				{ executeOnce: true, alwaysOutputData: true },
			),
		]),
		chain('e2e-conta-payment-search', 'e2e Conta payment search', [
			conta('Pay Full', {
				resource: 'payment',
				operation: 'create',
				organization: fromList(),
				invoice: byId('79002'),
				amount: 1000,
				bankAccount: byId('301'),
				date: '={{ $now.setZone("Europe/Oslo").toFormat("yyyy-MM-dd") }}',
				additionalFields: {},
			}),
			conta(
				'Search',
				{ resource: 'payment', operation: 'search', organization: fromList(), returnAll: false, limit: 10, filters: { q: '79002', sort: '-id' } },
				{ executeOnce: true },
			),
		]),
		chain('e2e-conta-payment-transactions', 'e2e Conta transactions', [
			conta('Single Line', {
				resource: 'transaction',
				operation: 'create',
				organization: byId('101'),
				shape: 'singleLine',
				date: '',
				description: 'E2E husleie',
				amount: 12500,
				debitAccount: '6300',
				creditAccount: '1920',
				lineOptions: { debitVatCode: 'input.high' },
				additionalFields: {},
				simplify: true,
			}),
			conta('Multi Line', {
				resource: 'transaction',
				operation: 'create',
				organization: fromList(),
				shape: 'multiLine',
				date: '={{ $json.date }}',
				description: 'E2E innkjøp, faktura 7781',
				lines: {
					line: [
						{ side: 'debit', account: '6540', amount: 2500, vatCode: 'input.high', description: 'Utstyr' },
						{ side: 'credit', account: '2400', amount: 2500, supplierId: '12', invoiceNo: '7781', description: 'Leverandør X' },
					],
				},
				additionalFields: { paymentType: 'NOT_PAID' },
				simplify: true,
			}),
			conta('Get', { resource: 'transaction', operation: 'get', organization: fromList(), transactionId: '={{ $json.id }}', simplify: false }),
			conta(
				'Unbalanced',
				{
					resource: 'transaction',
					operation: 'create',
					organization: fromList(),
					shape: 'multiLine',
					date: '',
					description: 'E2E ubalansert',
					lines: {
						line: [
							{ side: 'debit', account: '6540', amount: 100 },
							{ side: 'credit', account: '1920', amount: 99.5 },
						],
					},
					additionalFields: {},
					simplify: true,
				},
				{ onError: 'continueRegularOutput' },
			),
		]),
		chain('e2e-conta-payment-ehf', 'e2e Conta EHF lookup', [
			conta('Capable', { resource: 'ehf', operation: 'lookupRecipient', organizationNumber: 'NO 923 456 783 MVA' }),
			conta('Not Capable', { resource: 'ehf', operation: 'lookupRecipient', organizationNumber: '889640782' }),
			conta('Bad Digit', { resource: 'ehf', operation: 'lookupRecipient', organizationNumber: '923456784' }, { onError: 'continueRegularOutput' }),
		]),
		chain('e2e-conta-payment-file', 'e2e Conta file download', [
			conta('Invoice PDF', { resource: 'file', operation: 'get', organization: byId('101'), fileId: '39001', binaryPropertyName: 'pdf' }),
		]),
	],
	check(results, sims) {
		const sim = sims.conta as ContaSimulator;
		const requests = sim.requests as SimRequest[];
		const today = osloToday();

		// Payment lifecycle
		const lifecycle = results.get('e2e-conta-payment-lifecycle')!;
		expect(lifecycle.status).toBe('success');
		const [payment] = nodeOutput(lifecycle, 'Pay Part');
		expect(payment).toEqual({
			id: expect.any(Number),
			paymentType: 'MANUAL',
			transactionId: expect.any(Number),
			isFromKravia: false,
			isMultiPayment: false,
			totalAmount: 1000,
			partialPayments: [{ id: expect.any(Number), date: today, amount: 1000, amountForeignCurrency: 0, invoiceId: 79001, paymentId: payment.id }],
		});
		expect(nodeOutput(lifecycle, 'Invoice Payments')).toEqual([payment]);
		expect(nodeOutput(lifecycle, 'Payment Transaction')).toEqual([
			expect.objectContaining({
				id: payment.transactionId,
				description: 'E2E delbetaling',
				lines: [
					{ bookkeepingAccountNo: '1920', amount: 1000, description: 'E2E delbetaling', date: today },
					{ bookkeepingAccountNo: '1500', amount: -1000, description: 'E2E delbetaling', date: today, customerId: 5001, invoiceNo: '79001' },
				],
			}),
		]);
		expect(nodeOutput(lifecycle, 'Delete Payment')).toEqual([{ deleted: true, id: payment.id }]);
		expect(nodeOutput(lifecycle, 'After Delete')).toEqual([{}]);
		const lifecycleTraffic = requestsDuring(requests, lifecycle);
		expect(lifecycleTraffic.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /invoice/organizations/101/invoices/79001/payments',
			'GET /invoice/organizations/101/invoices/79001/payments',
			`GET /accounting/organizations/101/transactions-advanced/${payment.transactionId}`,
			`DELETE /invoice/organizations/101/payments/${payment.id}`,
			'GET /invoice/organizations/101/invoices/79001/payments',
		]);
		expect(JSON.parse(lifecycleTraffic[0].rawBody)).toEqual({ date: today, amount: 1000, bankAccountId: 301, description: 'E2E delbetaling' });
		const partInvoice = sim.state.data[101].invoices.find((i) => i.id === 79001)!;
		expect(partInvoice).toMatchObject({ status: 'INVOICE_CREATED', sumRemaining: 2500 });
		expect((partInvoice._events as Array<{ eventType: string }>).map((e) => e.eventType)).toEqual(['INVOICE_CREATED', 'PAYMENT_RECEIVED', 'DELETED_PAYMENT']);

		// Full payment and search across invoices
		const searchRun = results.get('e2e-conta-payment-search')!;
		expect(searchRun.status).toBe('success');
		const [full] = nodeOutput(searchRun, 'Pay Full');
		expect(full).toMatchObject({ totalAmount: 1000, partialPayments: [{ invoiceId: 79002, amount: 1000, date: today }] });
		expect(nodeOutput(searchRun, 'Search')).toEqual([
			{
				id: full.id,
				customerId: 5002,
				customerName: 'Kari Nordmann',
				invoiceId: 79002,
				invoiceNo: 79002,
				amount: 1000,
				paymentType: 'MANUAL',
				date: today,
				kid: '000790022',
			},
		]);
		expect(requestsDuring(requests, searchRun).filter((r) => r.path.endsWith('/invoice-payments')).map((r) => r.query)).toEqual([
			{ q: '79002', sort: '-id', hits: '10', page: '0' },
		]);
		expect(sim.state.data[101].invoices.find((i) => i.id === 79002)).toMatchObject({ status: 'CLOSED_BY_PAYMENT', sumRemaining: 0 });

		// Transactions
		const tx = results.get('e2e-conta-payment-transactions')!;
		expect(tx.status).toBe('success');
		const [singleLine] = nodeOutput(tx, 'Single Line');
		expect(singleLine).toMatchObject({
			id: expect.any(Number),
			date: today,
			description: 'E2E husleie',
			transactionSourceType: 'ADVANCED_TRANSACTION',
			lines: [
				{ bookkeepingAccountNo: '6300', amount: 10000, vatCode: 'input.high' },
				{ bookkeepingAccountNo: '2710', amount: 2500, vatCode: 'input.high' },
				{ bookkeepingAccountNo: '1920', amount: -12500 },
			],
		});
		const [multiLine] = nodeOutput(tx, 'Multi Line');
		expect(multiLine.id).toBeGreaterThan(singleLine.id);
		expect(multiLine.lines).toEqual([
			{ bookkeepingAccountNo: '6540', amount: 2000, description: 'Utstyr', date: today, vatCode: 'input.high' },
			{ bookkeepingAccountNo: '2710', amount: 500, description: 'Utstyr', date: today, vatCode: 'input.high' },
			{ bookkeepingAccountNo: '2400', amount: -2500, description: 'Leverandør X', date: today, supplierId: 12, invoiceNo: '7781' },
		]);
		const [got] = nodeOutput(tx, 'Get');
		expect(got).toMatchObject({ id: multiLine.id, transactionNoYear: multiLine.transactionNoYear, paymentType: 'NOT_PAID' });
		expect(got.transactionLinesAdvanced).toEqual([
			{ id: expect.any(Number), transactionId: multiLine.id, date: today, description: 'Utstyr', amount: 2500, debitBookkeepingAccountNo: '6540', debitVatCode: 'input.high' },
			{ id: expect.any(Number), transactionId: multiLine.id, date: today, description: 'Leverandør X', amount: 2500, creditBookkeepingAccountNo: '2400', creditSupplierId: 12, creditInvoiceNo: '7781' },
		]);
		const [unbalanced] = nodeOutput(tx, 'Unbalanced');
		expect(unbalanced.error).toContain("'Lines'");
		expect(JSON.stringify(unbalanced)).toContain('the debit line 1 total 100.00 and the credit line 2 total 99.50 (difference 0.50)');
		const txTraffic = requestsDuring(requests, tx);
		expect(txTraffic.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /accounting/organizations/101/transactions-advanced',
			'POST /accounting/organizations/101/transactions-advanced',
			`GET /accounting/organizations/101/transactions-advanced/${multiLine.id}`,
		]);
		expect(JSON.parse(txTraffic[0].rawBody)).toEqual({
			transactionType: 'MANUAL_TRANSACTION',
			date: today,
			description: 'E2E husleie',
			transactionLinesAdvanced: [
				{ date: today, description: 'E2E husleie', amount: 12500, debitBookkeepingAccountNo: '6300', debitVatCode: 'input.high', creditBookkeepingAccountNo: '1920' },
			],
		});
		expect(requests.some((r) => r.rawBody.includes('E2E ubalansert'))).toBe(false);

		// EHF
		const ehf = results.get('e2e-conta-payment-ehf')!;
		expect(ehf.status).toBe('success');
		expect(nodeOutput(ehf, 'Capable')).toEqual([
			expect.objectContaining({ organizationNumber: '923456783', canReceiveEhf: true, inputValid: true, canReceiveEhf30: true, participantIdentifier: '0192:923456783' }),
		]);
		expect(nodeOutput(ehf, 'Not Capable')).toEqual([
			expect.objectContaining({ organizationNumber: '889640782', canReceiveEhf: false, inputValid: true, canReceiveEhf30: false }),
		]);
		const [badDigit] = nodeOutput(ehf, 'Bad Digit');
		expect(badDigit.error).toContain("'Organization Number'");
		expect(JSON.stringify(badDigit)).toContain('should be 3 for 92345678');
		expect(requestsDuring(requests, ehf).map((r) => r.path)).toEqual([
			'/invoice/conta-ehf/recipients/923456783',
			'/invoice/conta-ehf/recipients/889640782',
		]);

		// File
		const file = results.get('e2e-conta-payment-file')!;
		expect(file.status).toBe('success');
		expect(nodeOutput(file, 'Invoice PDF')).toEqual([{ fileId: 39001, filename: 'Faktura-79001.pdf', contentType: 'application/pdf' }]);
		const binary = file.runData['Invoice PDF'][0].data.main[0][0].binary;
		expect(Object.keys(binary)).toEqual(['pdf']);
		expect(binary.pdf).toMatchObject({ mimeType: 'application/pdf', fileName: 'Faktura-79001.pdf', fileExtension: 'pdf' });
		const fileTraffic = requestsDuring(requests, file);
		expect(fileTraffic.map((r) => r.path)).toEqual(['/invoice/organizations/101/files/39001', `/__files/${sim.state.files[39001].token}`]);
	},
};

export default paymentCase;

/**
 * Conta → Invoice and Invoice Draft inside a real n8n, against the shared Conta simulator:
 * - Invoice: Create (EMAIL recipient) → Get with the PDF in a binary field → Get Events → Credit;
 *   Create with an EHF recipient checked first (capable), and with a not capable one falling back
 *   to Don't Deliver; Get Many with filters (Kravia statuses must reach Conta as repeated keys);
 *   a create with a past invoice date that must fail before anything is sent.
 * - Invoice Draft: Create → Get → Issue (the draft becomes an invoice); Get Many.
 *
 * The case only reads seeded objects (customers 5001/5002) and never asserts ids of the objects
 * its workflows create, nor list counts other cases can change.
 */
import { DateTime } from 'luxon';
import type { SimRequest } from '../../../sandbox/framework';
import { sandboxCredentials, SANDBOX_CREDENTIAL_IDS } from '../../../sandbox/n8n-credentials';
import type { E2ECase } from '../types';
import { nodeError, nodeOutput, requestsDuring } from '../n8n-runner';
import { chain, pkgNode } from '../workflow';

const cred = SANDBOX_CREDENTIAL_IDS.conta;
const conta = (name: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
	pkgNode('conta', 'contaApi', name, parameters, cred, extra);

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const fromList = (value = '') => ({ __rl: true, mode: 'list', value });
const osloDay = (days = 0) => DateTime.now().setZone('Europe/Oslo').plus({ days }).toISODate()!;

const line = (description: string, price: number, quantity: number, vatCode = 'high', discount = 0) => ({
	description,
	price,
	quantity,
	discount,
	vatCode,
	productId: '',
});

const emailRecipient = (emailAddress: string) => ({
	type: 'EMAIL',
	emailAddress,
	emailRecipientType: 'EMAIL_TO',
	emailSubject: 'Faktura fra Fjordkraft Demo AS',
	emailContent: '',
	includeInvoiceInfo: true,
	includeInvoiceAttachment: false,
	includeDefaultAttachment: false,
	customerId: '',
});

const createInvoice = (name: string, customer: string, recipients: unknown[], extra: Record<string, unknown> = {}) =>
	conta(name, {
		resource: 'invoice',
		operation: 'create',
		organization: byId('101'),
		customer: byId(customer),
		linesInput: 'fields',
		invoiceLines: { line: [line('E2E konsulenttimer', 1200, 2, 'high', 10), line('E2E brød', 80, 5, 'medium')] },
		recipients: { recipient: recipients },
		checkEhf: true,
		ehfFallback: 'fail',
		additionalFields: { customerReference: 'E2E-REF', invoiceDueDate: osloDay(20) },
		simplify: true,
		...extra,
	});

const bodyOf = (request: SimRequest) => JSON.parse(request.rawBody || '{}');

const invoiceCase: E2ECase = {
	provider: 'conta',
	credentials: (urls) => sandboxCredentials(urls).filter((c) => c.type === 'contaApi'),
	workflows: () => [
		chain('e2e-conta-invoice-lifecycle', 'e2e Conta invoice lifecycle', [
			createInvoice('Create', '5001', [emailRecipient('post@fjellheim.example')]),
			conta('Get', {
				resource: 'invoice',
				operation: 'get',
				organization: fromList(),
				invoiceId: byId('={{ $json.id }}'),
				downloadPdf: true,
				binaryPropertyName: 'invoicePdf',
				simplify: true,
			}),
			conta('Events', {
				resource: 'invoice',
				operation: 'getEvents',
				organization: fromList(),
				invoiceId: byId("={{ $('Create').item.json.id }}"),
				eventTypes: [],
			}),
			conta(
				'Credit',
				{
					resource: 'invoice',
					operation: 'credit',
					organization: fromList(),
					invoiceId: byId("={{ $('Create').first().json.id }}"),
					recipients: { recipient: [emailRecipient('post@fjellheim.example')] },
					checkEhf: true,
					ehfFallback: 'fail',
					additionalFields: { creditNoteDate: osloDay(), customerReference: 'E2E-RETUR' },
					simplify: true,
				},
				{ executeOnce: true },
			),
		]),
		chain('e2e-conta-invoice-ehf', 'e2e Conta invoice with EHF check', [
			createInvoice('EHF OK', '5001', [{ type: 'EHF', ehfRecipient: '923 456 783', customerId: '' }]),
			createInvoice('EHF Fallback', '5001', [{ type: 'EHF', ehfRecipient: '889640782', customerId: '' }], { ehfFallback: 'doNotDeliver' }),
		]),
		chain('e2e-conta-invoice-list', 'e2e Conta invoice Get Many', [
			conta('List', {
				resource: 'invoice',
				operation: 'getAll',
				organization: fromList(),
				returnAll: false,
				limit: 5,
				filters: { customerId: '5001', fromDate: '2026-01-01' },
				options: { sort: '-id' },
				simplify: true,
			}),
			conta(
				'Kravia',
				{
					resource: 'invoice',
					operation: 'getAll',
					organization: fromList(),
					returnAll: true,
					filters: { kraviaInvoiceStatuses: ['ACTIVE', 'WITHDRAWN'], type: 'KRAVIA' },
					options: {},
					simplify: true,
				},
				{ executeOnce: true, alwaysOutputData: true },
			),
		]),
		chain('e2e-conta-invoice-draft', 'e2e Conta invoice draft lifecycle', [
			conta('Draft Create', {
				resource: 'invoiceDraft',
				operation: 'create',
				organization: byId('101'),
				billTo: 'customer',
				customer: byId('5002'),
				linesInput: 'json',
				invoiceLinesJson: JSON.stringify([{ description: 'E2E timer', price: 900, quantity: 3, vatCode: 'high' }]),
				additionalFields: { customerReference: 'E2E-UTKAST' },
				simplify: true,
			}),
			conta('Draft Get', {
				resource: 'invoiceDraft',
				operation: 'get',
				organization: fromList(),
				draftId: byId('={{ $json.id }}'),
				simplify: false,
			}),
			conta('Issue', {
				resource: 'invoiceDraft',
				operation: 'issue',
				organization: fromList(),
				draftId: byId('={{ $json.id }}'),
				recipients: { recipient: [emailRecipient('kari@example.no')] },
				checkEhf: true,
				ehfFallback: 'fail',
				additionalFields: { invoiceDueDate: osloDay(10) },
				simplify: true,
			}),
		]),
		chain('e2e-conta-invoice-draftlist', 'e2e Conta invoice draft Get Many', [
			conta('Drafts', {
				resource: 'invoiceDraft',
				operation: 'getAll',
				organization: fromList(),
				returnAll: false,
				limit: 10,
				filters: { customerId: '5002' },
				options: { sort: '-id' },
				simplify: true,
			}),
		]),
		chain('e2e-conta-invoice-invalid', 'e2e Conta invoice dated in the past', [
			createInvoice('Past Date', '5001', [emailRecipient('post@fjellheim.example')], {
				additionalFields: { invoiceDate: osloDay(-1) },
			}),
		]),
	],
	check(results, sims) {
		const requests = sims.conta.requests as SimRequest[];

		// Create → Get (PDF) → Get Events → Credit
		const life = results.get('e2e-conta-invoice-lifecycle')!;
		expect(life.status).toBe('success');
		const [created] = nodeOutput(life, 'Create');
		expect(created).toMatchObject({
			type: 'NORMAL',
			status: 'INVOICE_CREATED',
			customerId: 5001,
			invoiceDate: osloDay(),
			invoiceDueDate: osloDay(20),
			invoiceCurrency: 'NOK',
			sumNet: 2560,
			sumVAT: 600,
			sumTotal: 3160,
			sumRemaining: 3160,
		});
		expect(typeof created.id).toBe('number');
		expect(typeof created.invoiceFileId).toBe('number');
		const lifeRequests = requestsDuring(requests, life);
		const createRequest = lifeRequests.find((r) => r.method === 'POST' && r.path === '/invoice/organizations/101/invoices')!;
		expect(bodyOf(createRequest)).toEqual({
			customerId: 5001,
			invoiceDate: osloDay(),
			invoiceDueDate: osloDay(20),
			customerReference: 'E2E-REF',
			invoiceLines: [
				{ description: 'E2E konsulenttimer', price: 1200, quantity: 2, discount: 10, vatCode: 'high' },
				{ description: 'E2E brød', price: 80, quantity: 5, discount: 0, vatCode: 'medium' },
			],
			invoiceRecipients: [
				{
					type: 'EMAIL',
					emailAddress: 'post@fjellheim.example',
					emailRecipientType: 'EMAIL_TO',
					emailSubject: 'Faktura fra Fjordkraft Demo AS',
					includeInvoiceInfo: true,
				},
			],
		});

		const [got] = nodeOutput(life, 'Get');
		expect(got).toMatchObject({ id: created.id, invoiceNo: created.invoiceNo, invoiceFileId: created.invoiceFileId });
		const binary = life.runData['Get'][0].data.main[0][0].binary;
		expect(Object.keys(binary)).toEqual(['invoicePdf']);
		expect(binary.invoicePdf).toMatchObject({ mimeType: 'application/pdf', fileName: `Faktura-${created.invoiceNo}.pdf` });
		expect(lifeRequests.some((r) => r.method === 'GET' && r.path === `/invoice/organizations/101/files/${created.invoiceFileId}`)).toBe(true);
		expect(lifeRequests.some((r) => r.method === 'GET' && r.path.startsWith('/__files/'))).toBe(true);

		const events = nodeOutput(life, 'Events');
		expect(events.map((e) => e.eventType)).toEqual(['INVOICE_CREATED', 'INVOICE_SENT_BY_EMAIL']);
		expect(events[1]).toMatchObject({ deliveryMethod: 'EMAIL', emailAddresses: ['post@fjellheim.example'] });

		const credits = nodeOutput(life, 'Credit');
		expect(credits).toHaveLength(1);
		expect(credits[0]).toMatchObject({
			type: 'CREDIT',
			status: 'CLOSED_BY_CREDIT_NOTE',
			customerId: 5001,
			creditedInvoiceId: created.id,
			creditedInvoiceNo: created.invoiceNo,
			sumTotal: -3160,
			invoiceDate: osloDay(),
		});
		const creditRequest = lifeRequests.find((r) => r.method === 'POST' && r.path.endsWith('/credit-note'))!;
		expect(creditRequest.path).toBe(`/invoice/organizations/101/invoices/${created.id}/credit-note`);
		expect(bodyOf(creditRequest)).toEqual({
			creditNoteDate: osloDay(),
			customerReference: 'E2E-RETUR',
			invoiceRecipients: [
				{
					type: 'EMAIL',
					emailAddress: 'post@fjellheim.example',
					emailRecipientType: 'EMAIL_TO',
					emailSubject: 'Faktura fra Fjordkraft Demo AS',
					includeInvoiceInfo: true,
				},
			],
		});

		// EHF check
		const ehf = results.get('e2e-conta-invoice-ehf')!;
		expect(ehf.status).toBe('success');
		expect(nodeOutput(ehf, 'EHF OK')[0].ehfCheck).toEqual([
			{ orgNo: '923456783', canReceiveEhf: true, participantIdentifier: '0192:923456783', action: 'send' },
		]);
		expect(nodeOutput(ehf, 'EHF Fallback')[0].ehfCheck).toEqual([
			{ orgNo: '889640782', canReceiveEhf: false, participantIdentifier: '0192:889640782', action: 'dropped' },
		]);
		const ehfRequests = requestsDuring(requests, ehf).map((r) => `${r.method} ${r.path}`);
		expect(ehfRequests).toEqual([
			'GET /invoice/conta-ehf/recipients/923456783',
			'POST /invoice/organizations/101/invoices',
			'GET /invoice/conta-ehf/recipients/889640782',
			'POST /invoice/organizations/101/invoices',
		]);
		const ehfPosts = requestsDuring(requests, ehf).filter((r) => r.method === 'POST');
		expect(bodyOf(ehfPosts[0]).invoiceRecipients).toEqual([{ type: 'EHF', ehfRecipient: '923456783' }]);
		expect(bodyOf(ehfPosts[1]).invoiceRecipients).toEqual([{ type: 'DO_NOT_DELIVER' }]);

		// Get Many
		const list = results.get('e2e-conta-invoice-list')!;
		expect(list.status).toBe('success');
		const listed = nodeOutput(list, 'List');
		expect(listed.length).toBeGreaterThan(0);
		expect(listed.length).toBeLessThanOrEqual(5);
		for (const hit of listed) {
			expect(hit.customerId).toBe(5001);
			expect(typeof hit.createdAt).toBe('string');
		}
		const ids = listed.map((hit) => hit.id as number);
		expect(ids).toEqual([...ids].sort((a, b) => b - a));
		const [listRequest, kraviaRequest] = requestsDuring(requests, list);
		expect(listRequest.query).toEqual({ customerId: '5001', fromDate: '2026-01-01', sort: '-id', includeCreatedAt: 'true', hits: '5', page: '0' });
		expect(kraviaRequest.query).toMatchObject({ kraviaInvoiceStatuses: ['ACTIVE', 'WITHDRAWN'], type: 'KRAVIA' });
		expect(nodeOutput(list, 'Kravia')).toEqual([{}]);

		// Draft Create → Get → Issue
		const draft = results.get('e2e-conta-invoice-draft')!;
		expect(draft.status).toBe('success');
		const [draftCreated] = nodeOutput(draft, 'Draft Create');
		expect(draftCreated).toMatchObject({ type: 'NORMAL', customerId: 5002, sumNet: 2700, sumVAT: 675, sumTotal: 3375, customerReference: 'E2E-UTKAST' });
		const [draftRead] = nodeOutput(draft, 'Draft Get');
		expect(draftRead).toMatchObject({
			id: draftCreated.id,
			registrationSource: 'CONTA',
			invoiceDraftLines: [{ description: 'E2E timer', price: 900, quantity: 3, discount: 0, vatCode: 'high', bookkeepingAccountNo: '3000' }],
		});
		const [issued] = nodeOutput(draft, 'Issue');
		expect(issued).toMatchObject({ type: 'NORMAL', status: 'INVOICE_CREATED', customerId: 5002, sumTotal: 3375, invoiceDate: osloDay(), invoiceDueDate: osloDay(10) });
		const issueRequest = requestsDuring(requests, draft).filter((r) => r.method === 'POST').at(-1)!;
		expect(issueRequest.path).toBe('/invoice/organizations/101/invoices');
		expect(bodyOf(issueRequest)).toMatchObject({
			id: draftCreated.id,
			customerId: 5002,
			customerReference: 'E2E-UTKAST',
			invoiceLines: [{ description: 'E2E timer', price: 900, quantity: 3, discount: 0, vatCode: 'high' }],
			invoiceRecipients: [expect.objectContaining({ type: 'EMAIL', emailAddress: 'kari@example.no', emailRecipientType: 'EMAIL_TO' })],
		});

		// Draft Get Many
		const drafts = results.get('e2e-conta-invoice-draftlist')!;
		expect(drafts.status).toBe('success');
		const draftHits = nodeOutput(drafts, 'Drafts');
		expect(draftHits.length).toBeGreaterThan(0);
		for (const hit of draftHits) expect(hit.customerId).toBe(5002);
		expect(requestsDuring(requests, drafts)[0].query).toEqual({ customerId: '5002', sort: '-id', includeCreatedAt: 'true', hits: '10', page: '0' });

		// Validation failure: nothing sent
		const invalid = results.get('e2e-conta-invoice-invalid')!;
		expect(invalid.status).toBe('error');
		const error = nodeError(invalid, 'Past Date');
		expect(JSON.stringify(error)).toContain("Invalid input in item 0: 'Invoice Date'");
		expect(JSON.stringify(error)).toContain('Nothing was sent');
		expect(requestsDuring(requests, invalid)).toEqual([]);
	},
};

export default invoiceCase;

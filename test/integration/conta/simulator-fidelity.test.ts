/**
 * The Conta simulator says only what Conta's OpenAPI document says (issue 7, item 9): every field
 * of the replies the package reads is declared by the spec's response model, `customerSupplierName`
 * keeps its `minLength: 1`, and `createdAt` comes in the default form (Oslo wall time, no offset)
 * or, switched on, with an offset or in UTC.
 *
 * The declared fields below are the properties of each response model in the spec
 * (RouteV1InvoiceModel, RouteV1QueryResultInvoiceListExtendedModel.hits[], …) and of the models
 * nested in them (`invoice.invoiceLines[]`, `payment.partialPayments[]`, `customer.contacts[]`,
 * …), copied here because tests never read the reference folder. A list of plain strings in the
 * spec is declared as STRINGS.
 */
import { useContaSimulator } from '../../helpers/conta';
import { SANDBOX_KEYS } from '../../../sandbox/credentials';
import { addDraft, addTransaction, payInvoice, remindInvoice } from '../../../sandbox/conta/mutations';
import { addDays, osloToday, type Json } from '../../../sandbox/conta/state';

const kit = useContaSimulator();
const words = (text: string) => text.split(' ');

const STRINGS = 'list of strings';

const DECLARED: Record<string, string[] | typeof STRINGS> = {
	invoiceHit: words(
		'attachmentFileId bankAccountId createdAt createdByIp creditedInvoiceId creditedInvoiceNo ' +
		'customerAddressCity customerAddressLine1 customerAddressLine2 customerAddressPostcode ' +
		'customerEmailAddress customerId customerName customerOrgNo customerReference departmentId ' +
		'emailAddresses emailAddressesAsString followUpDate id invoiceCurrency invoiceDate invoiceDueDate ' +
		'invoiceFileId invoiceLanguage invoiceLineDescription invoiceNo kid kraviaInvoiceStatus ' +
		'nextRepeatDate paymentReminderDate paymentReminderDueDate paymentReminderFee paymentReminderInterest ' +
		'paymentReminderType personalMessage projectId status sumNet sumRemaining sumTotal sumVAT ' +
		'totalSumRemaining type',
	),
	invoice: words(
		'attachmentFileId bankAccountId creditedInvoiceDate creditedInvoiceId creditedInvoiceNo customerId ' +
		'customerReference deliveryAddress deliveryCity deliveryCountry deliveryDate deliveryPostcode ' +
		'departmentId ehfAdditionalDocumentReference ehfContractDocumentReference ehfOrderReference ' +
		'exchangeRate exchangeRateReferenceDate followUpDate id invoiceCurrency invoiceDate invoiceDueDate ' +
		'invoiceFileId invoiceLanguage invoiceLines invoiceNo invoicePaymentReminder invoiceRecipients ' +
		'invoiceRepeat invoiceVatInfos isCreatedInOtherSystem kid orgReference parentInvoiceId ' +
		'personalMessage projectId saleId showDiscount status sumNet sumRemaining sumTotal sumVAT ' +
		'thumbnailFileId type',
	),
	draftHit: words(
		'bankAccountNo createdAt createdByIp createdByUser customerAddressCity customerAddressLine1 ' +
		'customerAddressLine2 customerAddressPostcode customerEmailAddress customerGroupId customerGroupName ' +
		'customerId customerName customerOrgNo emailAddresses emailAddressesAsString followUpDate id ' +
		'invoiceDate invoiceDueDate invoiceLineDescription invoiceNo kid kraviaInvoiceStatus ' +
		'kraviaInvoiceStatusAsString nextRepeatDate numberOfCustomersInGroup paymentReminderDate ' +
		'paymentReminderFee paymentReminderInterest personalMessage status sumNet sumRemaining sumTotal ' +
		'sumVAT totalSumRemaining',
	),
	draft: words(
		'attachmentFileId customerGroupId customerId customerReference departmentId exchangeRate ' +
		'exchangeRateReferenceDate id invoiceCurrency invoiceDraftLines invoiceLanguage personalMessage ' +
		'projectId registrationSource saleId sumNet sumRemaining sumTotal sumVAT type',
	),
	transactionHit: words(
		'bookkeepingAccounts createdAt createdByUserName creditNoteId customerSupplierName customers date ' +
		'departments description id invoiceId isResetTransaction lockedStatus projects resetByTransactionId ' +
		'suppliers totalAmount transactionNo transactionNoYear transactionRevisionNo transactionSourceType ' +
		'transactionYear',
	),
	transaction: words(
		'createdAt creditNoteId date description ehfReceivedId id invoiceId isResetTransaction lockedStatus ' +
		'paymentType periodization resetByTransactionId transactionAttachments transactionDraftId ' +
		'transactionLines transactionLinesAdvanced transactionNo transactionNoYear transactionRevisionNo ' +
		'transactionSourceType transactionType transactionYear',
	),
	eventHit: words(
		'createdAt creditNoteInvoiceId creditNoteInvoiceNo creditedInvoiceId creditedInvoiceNo date ' +
		'deliveryMethod efakturaId efakturaStatus ehfId ehfStatus emailAddresses emailAddressesAsString ' +
		'emailRecipientId eventType fileId followUpDate id kraviaStatus lastEmailEventType phoneNo ' +
		'recipientOrgNo saleId saleNo smtpId snailMailId snailMailStatus sumRemaining sumRemainingChanged ' +
		'transactionNoYear userName',
	),
	paymentHit: words(
		'amount customerId customerName customerOrgNo date id invoiceId invoiceNo kid paymentType',
	),
	payment: words(
		'id isFromKravia isMultiPayment partialPayments paymentType totalAmount transactionId',
	),
	customerHit: words(
		'accountsReceivable customerName customerType emailAddress id invoiceDeliveryMethod isActive ' +
		'numberOfEstimates numberOfInvoices numberOfOrders orgNo sumEstimates sumOrders sumRemainingInvoices ' +
		'sumTotalInvoiced',
	),
	customer: words(
		'contacts customerAddressCity customerAddressCountry customerAddressLine1 customerAddressLine2 ' +
		'customerAddressPostcode customerType dateOfBirth daysUntilEstimateOverdue daysUntilPaymentReminder ' +
		'defaultInvoiceDiscount deliveryAddressCity deliveryAddressCountry deliveryAddressLine1 ' +
		'deliveryAddressLine2 deliveryAddressPostcode efakturaEmailAddress efakturaName efakturaPhoneNo ' +
		'ehfRecipientOrgNo emailAddress id invoiceDeliveryMethod isActive mailingAddressCity ' +
		'mailingAddressCountry mailingAddressLine1 mailingAddressLine2 mailingAddressPostcode name orgNo ' +
		'parentCompanyNameForNuf phoneNo vismaNo',
	),
	bankAccount: words(
		'accountNo allowedForInvoicing bankAccountType bookkeepingAccountNo createdAt ' +
		'hideOnTransactionWizards iban id isArchived isKidActive kidAgreementId kidApplicationStatus name ' +
		'ownerPersonalNumber ownerType swift',
	),
	// Nested models (the spec's inline schemas), by the path that leads to them.
	'invoiceHit.emailAddresses[]': STRINGS,
	'invoice.invoiceLines[]': words(
		'bookkeepingAccountNo description discount id invoiceId lineNo price productId quantity sumDiscount sumNet vatCode vatId',
	),
	'invoice.invoiceVatInfos[]': words('id invoiceId sumBasis sumVat vatId vatPercent'),
	'invoice.invoiceRecipients[]': words(
		'customerId ehfRecipient emailAddress emailContent emailRecipientType emailSubject id includeDefaultAttachment ' +
		'includeInvoiceAttachment includeInvoiceInfo invoiceId mailAddressCity mailAddressCountryCode mailAddressLine1 ' +
		'mailAddressLine2 mailAddressPostcode name phoneNo type',
	),
	'invoice.invoiceRepeat': words('createdByUserId endDate frequency id invoiceId nextRepeatDate orgId scheduledInvoiceId updatePrices'),
	'invoice.invoicePaymentReminder': words('date dueDate fee fileId id interest invoiceId language paymentReminderType transactionId'),
	'draftHit.emailAddresses[]': STRINGS,
	'draft.invoiceDraftLines[]': words(
		'bookkeepingAccountNo description discount id invoiceDraftId lineNo price productId quantity sumDiscount sumNet vatCode vatId',
	),
	'transactionHit.bookkeepingAccounts[]': STRINGS,
	'transactionHit.customers[]': words(
		'contacts createdAt createdByIp createdByUserId customerAddressCity customerAddressCountry customerAddressLine1 ' +
		'customerAddressLine2 customerAddressPostcode customerImportId customerType dateOfBirth daysUntilEstimateOverdue ' +
		'daysUntilPaymentReminder defaultInvoiceDiscount deliveryAddressCity deliveryAddressCountry deliveryAddressLine1 ' +
		'deliveryAddressLine2 deliveryAddressPostcode efakturaCustomerId ehfRecipientOrgNo emailAddress id ' +
		'invoiceDeliveryMethod isActive mailingAddressCity mailingAddressCountry mailingAddressLine1 mailingAddressLine2 ' +
		'mailingAddressPostcode modifiedAt name orgCertificateFileId orgId orgNo parentCompanyNameForNuf phoneNo vismaNo',
	),
	'transactionHit.customers[].contacts[]': words('createdAt createdByIp createdByUserId customerId emailAddress id modifiedAt name orgId phoneNo title'),
	'transactionHit.suppliers[]': words(
		'bankAccountNo contacts createdAt createdByIp createdByUserId emailAddress iban id modifiedAt name orgId orgNo phoneNo ' +
		'supplierAddressCity supplierAddressCountry supplierAddressLine1 supplierAddressLine2 supplierAddressPostcode ' +
		'supplierImportId swift vismaNo',
	),
	'transactionHit.suppliers[].contacts[]': words('createdAt createdByIp createdByUserId emailAddress id modifiedAt name orgId phoneNo supplierId title'),
	'transactionHit.departments[]': words(
		'bankAccountId contactPerson createdAt createdByIp createdByUserId departmentAddressCity departmentAddressCountry ' +
		'departmentAddressLine1 departmentAddressLine2 departmentAddressPostcode emailAddress homepage id logoFileId modifiedAt ' +
		'name orgId phoneNo vismaNo',
	),
	'transactionHit.projects[]': words('createdAt createdByIp createdByUserId customerId description endDate id isHidden modifiedAt name orgId startDate vismaNo'),
	'transaction.transactionLines[]': words(
		'amount bookkeepingAccountNo customerId date departmentId description dueDate id invoiceEventId invoiceId invoiceNo ' +
		'isCorrection projectId proportionalVat supplierId transactionId transactionLineClosedId vatCode vatId',
	),
	'transaction.transactionLinesAdvanced[]': words(
		'amount creditBookkeepingAccountNo creditCustomerId creditInvoiceId creditInvoiceNo creditSupplierId creditVatCode date ' +
		'debitBookkeepingAccountNo debitCustomerId debitInvoiceId debitInvoiceNo debitSupplierId debitVatCode departmentId ' +
		'description dueDate id isPartOfPeriodization projectId proportionalVat transactionId',
	),
	'transaction.transactionAttachments[]': words(
		'accountingPartnerCaseAttachmentId attachmentFileId bankAccountReconciliationId bookkeepingInboxFileId id mergedFileId ' +
		'openingBalanceId status transactionDraftId transactionId',
	),
	'transaction.periodization': words('bookkeepingAccountNo id months orgId startDate transactionDraftId transactionHistoryId transactionId'),
	'eventHit.emailAddresses[]': STRINGS,
	'payment.partialPayments[]': words('amount amountForeignCurrency date id invoiceId paymentId'),
	'customer.contacts[]': words('customerId emailAddress id name phoneNo title'),
};

/**
 * Fields of `record` (following model `shape`) that the spec does not declare, at any depth:
 * nested objects and lists are checked against their own declared model (`shape.key` and
 * `shape.key[]`). Records the shapes it found with content in `seen`.
 */
function undeclaredFields(shape: string, record: Json, where: string, seen: Set<string>): string[] {
	const declared = DECLARED[shape];
	if (declared === STRINGS) return [`${where}: an object where the spec has a list of strings`];
	const out: string[] = [];
	for (const [key, value] of Object.entries(record)) {
		if (!declared.includes(key)) {
			out.push(`${where}: ${key}`);
			continue;
		}
		if (value === null || typeof value !== 'object') continue;
		const model = Array.isArray(value) ? `${shape}.${key}[]` : `${shape}.${key}`;
		if (!(model in DECLARED)) {
			out.push(`${where}.${key}: ${Array.isArray(value) ? 'a list' : 'an object'} where the spec has none`);
			continue;
		}
		const items: Array<[unknown, string]> = Array.isArray(value) ? value.map((item, i) => [item, `${where}.${key}[${i}]`]) : [[value, `${where}.${key}`]];
		if (items.length) seen.add(model);
		for (const [item, at] of items) {
			if (DECLARED[model] === STRINGS) {
				if (typeof item !== 'string') out.push(`${at}: not a string`);
			} else if (item === null || typeof item !== 'object' || Array.isArray(item)) out.push(`${at}: not an object`);
			else out.push(...undeclaredFields(model, item as Json, at, seen));
		}
	}
	return out;
}

/** Nested models the simulator never fills: it keeps no supplier contacts, departments or projects, and gives draft hits no e-mail addresses. */
const NOT_IN_REPLIES = ['draftHit.emailAddresses[]', 'transactionHit.suppliers[].contacts[]', 'transactionHit.departments[]', 'transactionHit.projects[]'];

async function call(method: string, path: string, body?: unknown): Promise<any> {
	const response = await fetch(`${kit.url()}${path}`, {
		method,
		headers: { apikey: SANDBOX_KEYS.conta.apiKey, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (response.status !== 200) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
	return text ? JSON.parse(text) : undefined;
}

const O = '/invoice/organizations/101';
const A = '/accounting/organizations/101';

/** Every reply the package reads, with the response model it must follow. */
async function replies(): Promise<Array<[string, string, Json]>> {
	const state = kit.sim().state;
	const today = osloToday();
	const line = (description: string) => [{ description, price: 100, quantity: 1, vatCode: 'high' }];
	// Drafts with every optional field, and one for a customer group.
	addDraft(state, 101, 5001, line('Utkast'), { departmentId: 2, projectId: 3, customerReference: 'Ref', personalMessage: 'Hei', invoiceLanguage: 'EN' });
	const group = addDraft(state, 101, 5001, line('Gruppe'));
	delete group.customerId;
	group.customerGroupId = 12;
	remindInvoice(state, 101, 7002);
	payInvoice(state, 101, 7002, 100);
	addTransaction(state, 101, { description: 'Husleie', amount: 500 });
	const invoice = await call('POST', `${O}/invoices`, {
		customerId: 5002,
		invoiceDate: today,
		invoiceLines: [{ description: 'Ny', price: 100, quantity: 1, discount: 0, vatCode: 'high' }],
		invoiceRecipients: [{ type: 'EMAIL', emailAddress: 'kari@example.no', emailRecipientType: 'EMAIL_TO' }],
	});
	// Nested models the replies above leave empty: a repetition, a customer's contacts (also on
	// transaction hits), a supplier on a ledger line, an attachment and a periodization.
	const repeating = await call('POST', `${O}/invoices`, {
		customerId: 5002,
		invoiceDate: today,
		invoiceLines: [{ description: 'Abonnement', price: 100, quantity: 1, discount: 0, vatCode: 'high' }],
		invoiceRepeat: { frequency: 'MONTHLY', nextRepeatDate: addDays(today, 30), endDate: addDays(today, 365) },
	});
	const withContacts = await call('POST', `${O}/customers`, {
		name: 'Kontakt AS',
		customerType: 'ORGANIZATION',
		customerAddressLine1: 'Gata 1',
		customerAddressPostcode: '0150',
		customerAddressCity: 'Oslo',
		contacts: [{ name: 'Ola Nordmann', title: 'CFO', phoneNo: '99887766', emailAddress: 'ola@kontakt.example' }],
	});
	const nestedTransaction = await call('POST', `${A}/transactions-advanced`, {
		transactionType: 'MANUAL_TRANSACTION',
		date: today,
		description: 'Forskudd',
		transactionLinesAdvanced: [
			{ date: today, description: 'Salg', amount: 300, debitBookkeepingAccountNo: '1500', debitCustomerId: withContacts.id, creditBookkeepingAccountNo: '3000' },
			{ date: today, description: 'Forskudd', amount: 300, debitBookkeepingAccountNo: '1700', creditBookkeepingAccountNo: '2400', creditSupplierId: 12, creditInvoiceNo: '7781' },
		],
		transactionAttachments: [{ attachmentFileId: 30001, status: 'ATTACHMENT' }],
		periodization: { startDate: today, bookkeepingAccountNo: '1700', months: 3 },
	});
	const payment = await call('POST', `${O}/invoices/${invoice.id}/payments`, { amount: 10, bankAccountId: 301, date: today });
	const credit = await call('POST', `${O}/invoices/${invoice.id}/credit-note`, { removePaymentsIfExist: true });
	const draft = await call('POST', `${O}/invoice-drafts`, { registrationSource: 'CONTA', customerId: 5001, invoiceDraftLines: [{ description: 'x', price: 1, quantity: 1, discount: 0, vatCode: 'high' }] });
	const transaction = await call('POST', `${A}/transactions-advanced`, {
		transactionType: 'MANUAL_TRANSACTION',
		date: today,
		description: 'Kundefordring',
		transactionLinesAdvanced: [{ date: today, description: 'Kundefordring', amount: 100, debitBookkeepingAccountNo: '1500', debitCustomerId: 5002, creditBookkeepingAccountNo: '3000' }],
	});
	const hits = async (path: string) => ((await call('GET', path)).hits as Json[]);
	const out: Array<[string, string, Json]> = [];
	const add = (shape: string, what: string, list: Json[]) => list.forEach((record) => out.push([shape, what, record]));
	add('invoiceHit', 'GET invoices', await hits(`${O}/invoices?includeCreatedAt=true&includeCreatedByIp=true&hits=0`));
	add('invoice', 'GET invoices/{id}', await Promise.all([7001, 7002, invoice.id, credit.id].map((id) => call('GET', `${O}/invoices/${id}`))));
	add('invoice', 'POST invoices', [invoice, repeating]);
	add('invoice', 'GET invoices/{id} (repeating)', [await call('GET', `${O}/invoices/${repeating.id}`)]);
	add('invoice', 'POST credit-note', [credit]);
	add('draftHit', 'GET invoice-drafts', await hits(`${O}/invoice-drafts?includeCreatedAt=true&includeCreatedByIp=true&hits=0`));
	add('draft', 'GET invoice-drafts/{id}', [await call('GET', `${O}/invoice-drafts/8001`)]);
	add('draft', 'POST invoice-drafts', [draft]);
	add('transactionHit', 'GET transactions', await hits(`${A}/transactions?hits=0`));
	add('transaction', 'GET transactions-advanced/{id}', [await call('GET', `${A}/transactions-advanced/${transaction.id}`)]);
	add('transaction', 'POST transactions-advanced', [transaction, nestedTransaction]);
	add('transaction', 'GET transactions-advanced/{id} (nested)', [await call('GET', `${A}/transactions-advanced/${nestedTransaction.id}`)]);
	for (const id of [7001, 7002, invoice.id, credit.id]) add('eventHit', 'GET invoices/{id}/events', await hits(`${O}/invoices/${id}/events`));
	add('paymentHit', 'GET invoice-payments', await hits(`${O}/invoice-payments?hits=0`));
	add('payment', 'POST payments', [payment]);
	add('payment', 'GET invoices/{id}/payments', await call('GET', `${O}/invoices/7001/payments`));
	add('customerHit', 'GET customers', await hits(`${O}/customers?hits=0`));
	add('customer', 'GET customers/{id}', [await call('GET', `${O}/customers/5001`), await call('GET', `${O}/customers/${withContacts.id}`)]);
	add('customer', 'POST customers', [withContacts]);
	add('bankAccount', 'GET bank-accounts', await call('GET', `${O}/bank-accounts`));
	return out;
}

describe('Conta simulator: fidelity to the OpenAPI document', () => {
	it('answers only with fields the response models declare, at every depth', async () => {
		const all = await replies();
		const topLevel = Object.keys(DECLARED).filter((shape) => !shape.includes('.'));
		expect(new Set(all.map(([shape]) => shape))).toEqual(new Set(topLevel));
		const seen = new Set<string>();
		const undeclared = all.flatMap(([shape, what, record]) => undeclaredFields(shape, record, `${what} (${shape}) #${record.id}`, seen));
		expect([...new Set(undeclared)]).toEqual([]);
		// Every nested model was in some reply with content, so each of its checks ran.
		const nested = Object.keys(DECLARED).filter((shape) => shape.includes('.'));
		expect(nested.filter((shape) => !seen.has(shape))).toEqual(NOT_IN_REPLIES);
	});

	it('reports an undeclared field in a nested model, a nested model the spec lacks, and a list of strings holding objects', () => {
		const seen = new Set<string>();
		const invoice = {
			id: 1,
			invoiceLines: [{ id: 2, description: 'x', colour: 'red' }],
			invoicePaymentReminder: { id: 3, fee: 35, note: 'x' },
			sumNet: { amount: 1 },
		};
		expect(undeclaredFields('invoice', invoice, 'invoice', seen)).toEqual([
			'invoice.invoiceLines[0]: colour',
			'invoice.invoicePaymentReminder: note',
			'invoice.sumNet: an object where the spec has none',
		]);
		expect(undeclaredFields('invoiceHit', { id: 1, emailAddresses: ['a@b.no', { to: 'x' }] }, 'hit', seen)).toEqual(['hit.emailAddresses[1]: not a string']);
		expect([...seen].sort()).toEqual(['invoice.invoiceLines[]', 'invoice.invoicePaymentReminder', 'invoiceHit.emailAddresses[]']);
	});

	it('puts totalSumRemaining on invoice search hits only (RouteV1InvoiceModel has none)', async () => {
		payInvoice(kit.sim().state, 101, 7002, 500);
		const model = await call('GET', `${O}/invoices/7002`);
		expect(model).not.toHaveProperty('totalSumRemaining');
		expect(model.sumRemaining).toBe(2000);
		const hit = (await call('GET', `${O}/invoices?invoiceNo=10002`)).hits[0];
		expect([hit.sumRemaining, hit.totalSumRemaining]).toEqual([2000, 2000]);
	});

	it('gives draft hits no type, currency, language, department, project or customer reference', async () => {
		addDraft(kit.sim().state, 101, 5001, [{ description: 'x', price: 1, quantity: 1, vatCode: 'high' }], {
			type: 'CASH',
			invoiceCurrency: 'EUR',
			exchangeRateReferenceDate: osloToday(),
			invoiceLanguage: 'EN',
			departmentId: 2,
			projectId: 3,
			customerReference: 'Ref',
		});
		const found = (await call('GET', `${O}/invoice-drafts?sort=-id`)).hits as Json[];
		expect(found.map((hit) => hit.id)).toEqual([8002, 8001]);
		for (const hit of found) {
			for (const key of ['type', 'invoiceCurrency', 'invoiceLanguage', 'departmentId', 'projectId', 'customerReference']) expect(hit).not.toHaveProperty(key);
		}
		// The draft itself (Get) has them.
		expect(await call('GET', `${O}/invoice-drafts/8002`)).toMatchObject({ type: 'CASH', invoiceCurrency: 'EUR', departmentId: 2 });
	});

	it('names the customers and suppliers on the lines in customerSupplierName, lists them in customers/suppliers, and never sends it empty', async () => {
		const state = kit.sim().state;
		const today = osloToday();
		const withCustomer = await call('POST', `${A}/transactions-advanced`, {
			transactionType: 'MANUAL_TRANSACTION',
			date: today,
			description: 'Kundefordring',
			transactionLinesAdvanced: [{ date: today, description: 'Kundefordring', amount: 100, debitBookkeepingAccountNo: '1500', debitCustomerId: 5002, creditBookkeepingAccountNo: '3000' }],
		});
		const withSupplier = await call('POST', `${A}/transactions-advanced`, {
			transactionType: 'MANUAL_TRANSACTION',
			date: today,
			description: 'Innkjøp',
			transactionLinesAdvanced: [{ date: today, description: 'Innkjøp', amount: 250, debitBookkeepingAccountNo: '6540', creditBookkeepingAccountNo: '2400', creditSupplierId: 12, creditInvoiceNo: '7781' }],
		});
		const both = await call('POST', `${A}/transactions-advanced`, {
			transactionType: 'MANUAL_TRANSACTION',
			date: today,
			description: 'Motregning',
			transactionLinesAdvanced: [{ date: today, description: 'Motregning', amount: 50, debitBookkeepingAccountNo: '2400', debitSupplierId: 12, debitInvoiceNo: '7781', creditBookkeepingAccountNo: '1500', creditCustomerId: 5001 }],
		});
		const plain = addTransaction(state, 101, { description: 'Husleie', amount: 500 });
		const found = (await call('GET', `${A}/transactions?sort=-id`)).hits as Json[];
		const kari = {
			id: 5002, orgId: 101, contacts: [], name: 'Kari Nordmann', customerType: 'INDIVIDUAL', emailAddress: 'kari@example.no',
			daysUntilPaymentReminder: 14, daysUntilEstimateOverdue: 14, defaultInvoiceDiscount: 0, customerAddressLine1: 'Bakkeveien 12',
			customerAddressPostcode: '5003', customerAddressCity: 'Bergen', customerAddressCountry: 'NO', invoiceDeliveryMethod: 'EMAIL', isActive: true,
		};
		const supplier = {
			id: 12, orgId: 101, contacts: [], name: 'Leverandør X AS', orgNo: '889640782', supplierAddressLine1: 'Industriveien 5',
			supplierAddressPostcode: '4020', supplierAddressCity: 'Stavanger', supplierAddressCountry: 'NO',
		};
		expect(found.map((hit) => [hit.id, hit.customerSupplierName, hit.customers.map((c: Json) => c.id), hit.suppliers.map((c: Json) => c.id)])).toEqual([
			[plain.id, undefined, [], []],
			[both.id, 'Fjellheim Bakeri AS, Leverandør X AS', [5001], [12]],
			[withSupplier.id, 'Leverandør X AS', [], [12]],
			[withCustomer.id, 'Kari Nordmann', [5002], []],
			[12001, undefined, [], []],
		]);
		expect(found.find((hit) => hit.id === withCustomer.id)!.customers).toEqual([kari]);
		expect(found.find((hit) => hit.id === withSupplier.id)!.suppliers).toEqual([supplier]);
		expect(found.every((hit) => !('customerSupplierName' in hit) || String(hit.customerSupplierName).length >= 1)).toBe(true);
		// Only fields the spec declares for hits[].customers[] and hits[].suppliers[].
		const declared = {
			customers: words(
				'id createdAt modifiedAt createdByIp createdByUserId orgId contacts name customerType orgNo ehfRecipientOrgNo phoneNo ' +
					'emailAddress dateOfBirth parentCompanyNameForNuf orgCertificateFileId customerImportId daysUntilPaymentReminder ' +
					'daysUntilEstimateOverdue defaultInvoiceDiscount customerAddressLine1 customerAddressLine2 customerAddressPostcode ' +
					'customerAddressCity customerAddressCountry mailingAddressLine1 mailingAddressLine2 mailingAddressPostcode ' +
					'mailingAddressCity mailingAddressCountry deliveryAddressLine1 deliveryAddressLine2 deliveryAddressPostcode ' +
					'deliveryAddressCity deliveryAddressCountry vismaNo invoiceDeliveryMethod isActive efakturaCustomerId',
			),
			suppliers: words(
				'id createdAt modifiedAt createdByIp createdByUserId orgId contacts name orgNo phoneNo emailAddress supplierImportId ' +
					'supplierAddressLine1 supplierAddressLine2 supplierAddressPostcode supplierAddressCity supplierAddressCountry vismaNo ' +
					'bankAccountNo iban swift',
			),
		};
		const undeclared = found.flatMap((hit) =>
			(['customers', 'suppliers'] as const).flatMap((list) =>
				(hit[list] as Json[]).flatMap((record) => Object.keys(record).filter((key) => !declared[list].includes(key)).map((key) => `${list}: ${key}`)),
			),
		);
		expect(undeclared).toEqual([]);
	});

	it('sends createdAt without an offset by default, with one or in UTC when switched, and resets to the default', async () => {
		const createdAts = async () => [
			(await call('GET', `${O}/invoices?includeCreatedAt=true&sort=id`)).hits[0].createdAt,
			(await call('GET', `${O}/invoice-drafts?includeCreatedAt=true`)).hits[0].createdAt,
			(await call('GET', `${O}/invoices/7001/events`)).hits[0].createdAt,
			(await call('GET', `${A}/transactions`)).hits[0].createdAt,
			(await call('GET', `${A}/transactions-advanced/12001`)).createdAt,
			(await call('GET', `${O}/bank-accounts`))[0].createdAt,
		];
		expect(await createdAts()).toEqual(['2026-01-15T10:00:00', '2026-01-28T12:00:00', '2026-01-15T10:00:00', '2026-01-31T15:00:00', '2026-01-31T15:00:00', '2026-01-15T09:30:00']);
		// The control API, as another process (npm start, the e2e suite) would use it.
		const control = (form: string) =>
			fetch(`${kit.url()}/__sim/created-at-form`, { method: 'POST', body: JSON.stringify({ form }) }).then((r) => r.json());
		expect(await control('offset')).toEqual({ form: 'offset' });
		expect(await createdAts()).toEqual([
			'2026-01-15T10:00:00+01:00',
			'2026-01-28T12:00:00+01:00',
			'2026-01-15T10:00:00+01:00',
			'2026-01-31T15:00:00+01:00',
			'2026-01-31T15:00:00+01:00',
			'2026-01-15T09:30:00+01:00',
		]);
		expect(await control('utc')).toEqual({ form: 'utc' });
		expect(await createdAts()).toEqual(['2026-01-15T09:00:00Z', '2026-01-28T11:00:00Z', '2026-01-15T09:00:00Z', '2026-01-31T14:00:00Z', '2026-01-31T14:00:00Z', '2026-01-15T08:30:00Z']);
		// Summer time is +02:00; the stored record keeps its wall time.
		kit.sim().state.data[101].invoices[0]._createdAt = '2026-07-01T08:30:00';
		await control('offset');
		expect((await createdAts())[0]).toBe('2026-07-01T08:30:00+02:00');
		expect(kit.sim().state.data[101].invoices[0]._createdAt).toBe('2026-07-01T08:30:00');
		expect(await control('iso')).toEqual({ error: 'form must be one of local, offset, utc' });
		kit.sim().reset();
		expect((await createdAts())[0]).toBe('2026-01-15T10:00:00');
	});
});

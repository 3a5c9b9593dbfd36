/**
 * The reliability suite's case table: one entry per operation (and per Conta Trigger event) with
 * parameters that succeed against a freshly reset simulator, the request kind, and what the
 * text-field checks need to know (valid samples, context, fields that never leave the node).
 *
 * The suite fails when an operation in a router (or an event of the trigger) has no entry here,
 * and when an operation has a text field that no parameter set below reaches.
 */
import type { SimRequest } from '../../sandbox/framework';
import type { Params } from '../helpers/harness';

export type Provider = 'conta' | 'konto' | 'contraccounts' | 'autoinvoice';
export type NodeName = 'conta' | 'contaTrigger' | 'konto' | 'contraccounts' | 'autoinvoice';

export interface FieldNote {
	/** A valid value for the baseline run (default: the parameter set's own value, else a text marker). */
	sample?: unknown;
	/** Parameters merged into the set (deeply) while this field is checked. */
	context?: Params;
	/** The value stays in the node (a client-side filter, an output field name): nothing is sent. */
	local?: boolean;
	/** Also try the id tricks (`../1`, `1?x=1`, …). Locators and `…Id` names are ids already. */
	id?: boolean;
}

export interface OpCase {
	provider: Provider;
	node: NodeName;
	/** Router resource, or 'trigger' for the Conta Trigger. */
	resource: string;
	/** Router operation, or the trigger event. */
	operation: string;
	/** Whether the operation's main request writes (faults then must never repeat it). */
	kind: 'read' | 'write';
	/** Parameters that succeed against a freshly reset simulator. */
	params: Params;
	/** More parameter sets, to reach text fields the first one hides. */
	variants?: Params[];
	/** The request faults are injected into (default: reads: the first; writes: the first that is not a GET). */
	target?: (req: SimRequest) => boolean;
	/** An empty 2xx answer to the target is a documented success. */
	emptyOk?: boolean;
	/** Any 2xx answer (empty, HTML, not the expected format) is a documented success with the raw body. */
	any2xxOk?: boolean;
	/** The clean run fails on purpose (e.g. a route the provider does not have). */
	cleanFails?: string;
	/** Why no answer of the provider reaches the output (the secret scan's mutation check skips it). */
	noProviderData?: string;
	fields?: Record<string, FieldNote>;
}

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/** Text fields: a valid, distinctive text for baselines. */
export const TEXT_SAMPLE = 'Zq7Mark';

// ---------------------------------------------------------------------------------------------
// Conta
// ---------------------------------------------------------------------------------------------

const emailRecipient = {
	type: 'EMAIL',
	emailAddress: 'post@fjellheim.example',
	emailRecipientType: 'EMAIL_TO',
	emailSubject: 'Faktura',
	emailContent: 'Hei',
	includeInvoiceInfo: false,
	includeInvoiceAttachment: false,
	includeDefaultAttachment: false,
	customerId: '5001',
};
const mailRecipient = {
	type: 'MAIL',
	mailAddressLine1: 'Storgata 1',
	mailAddressLine2: 'Bygg B',
	mailAddressPostcode: '0155',
	mailAddressCity: 'Oslo',
	mailAddressCountryCode: 'NO',
	customerId: '',
};
const efakturaRecipient = { type: 'EFAKTURA', phoneNo: '41234567', name: 'Kari Nordmann', customerId: '5002' };
const ehfRecipient = { type: 'EHF', ehfRecipient: '923456783', customerId: '' };

const recipientVariants = (base: Params): Params[] => [
	{ ...base, recipients: { recipient: [mailRecipient] } },
	{ ...base, recipients: { recipient: [efakturaRecipient] } },
	{ ...base, recipients: { recipient: [ehfRecipient] } },
];

const invoiceLine = { description: 'Konsulenttimer', price: 1000, quantity: 2, discount: 10, vatCode: 'high', productId: '77' };
/** The same line in JSON mode ("Invoice Lines (JSON)"): the hostile values go into its strings. */
const jsonLines = { linesInput: 'json', invoiceLinesJson: JSON.stringify([invoiceLine]) };

const recipientFields: Record<string, FieldNote> = {
	'recipients.recipient[].emailAddress': { sample: 'post@fjellheim.example' },
	'recipients.recipient[].customerId': { sample: '5001' },
	'recipients.recipient[].mailAddressCountryCode': { sample: 'NO' },
	'recipients.recipient[].mailAddressPostcode': { sample: '0155' },
	'recipients.recipient[].ehfRecipient': { sample: '923456783', id: true },
	'recipients.recipient[].phoneNo': { sample: '41234567' },
};

const customerBase = {
	name: 'Havbris Fiskeri AS',
	customerType: 'ORGANIZATION',
	customerAddressLine1: 'Kaiveien 2',
	customerAddressPostcode: '6002',
	customerAddressCity: 'Ålesund',
};
const customerAddresses = {
	mailingAddress: { address: { line1: 'Postboks 99', line2: 'Bygg B', postcode: '6001', city: 'Ålesund', country: 'NO' } },
	deliveryAddress: { address: { line1: 'Lager 4', line2: 'Port 2', postcode: '6003', city: 'Ålesund', country: 'NO' } },
	contacts: { contact: [{ name: 'Ola Nordmann', title: 'CFO', phoneNo: '99887766', emailAddress: 'ola@havbris.example' }] },
};
const customerFields = (prefix: string): Record<string, FieldNote> => ({
	[`${prefix}.orgNo`]: { sample: '923456783', id: true },
	[`${prefix}.ehfRecipientOrgNo`]: { sample: '923456783', id: true },
	[`${prefix}.emailAddress`]: { sample: 'post@havbris.example' },
	[`${prefix}.efakturaEmailAddress`]: { sample: 'faktura@havbris.example' },
	[`${prefix}.phoneNo`]: { sample: '70123456' },
	[`${prefix}.efakturaPhoneNo`]: { sample: '41234567' },
	[`${prefix}.customerAddressCountry`]: { sample: 'NO' },
	[`${prefix}.customerAddressPostcode`]: { sample: '6002' },
	[`${prefix}.mailingAddress.address.postcode`]: { sample: '6001' },
	[`${prefix}.mailingAddress.address.country`]: { sample: 'NO' },
	[`${prefix}.deliveryAddress.address.postcode`]: { sample: '6003' },
	[`${prefix}.deliveryAddress.address.country`]: { sample: 'NO' },
	[`${prefix}.contacts.contact[].emailAddress`]: { sample: 'ola@havbris.example' },
	[`${prefix}.contacts.contact[].phoneNo`]: { sample: '99887766' },
});

const idFields = (...keys: string[]): Record<string, FieldNote> => Object.fromEntries(keys.map((key) => [key, { sample: '4', id: true }]));

const conta = (resource: string, operation: string, kind: 'read' | 'write', params: Params, extra: Partial<OpCase> = {}): OpCase => ({
	provider: 'conta',
	node: 'conta',
	resource,
	operation,
	kind,
	params: { resource, operation, ...params },
	...extra,
	variants: extra.variants?.map((variant) => ({ resource, operation, ...variant })),
	fields: { organization: { sample: '101' }, ...(extra.fields ?? {}) },
});

const invoiceCreate = {
	customer: rl('5001'),
	linesInput: 'fields',
	invoiceLines: { line: [invoiceLine] },
	recipients: { recipient: [emailRecipient] },
	checkEhf: true,
	ehfFallback: 'fail',
	additionalFields: {},
	simplify: true,
};
const draftIssue = {
	draftId: rl('8001'),
	recipients: { recipient: [emailRecipient] },
	checkEhf: true,
	ehfFallback: 'fail',
	additionalFields: {},
	simplify: true,
};
const credit = {
	invoiceId: rl('7002'),
	recipients: { recipient: [emailRecipient] },
	checkEhf: true,
	ehfFallback: 'fail',
	additionalFields: {},
	simplify: true,
};
const transactionSingle = {
	shape: 'singleLine',
	date: '2026-05-01',
	description: 'Office rent May',
	amount: 12500,
	debitAccount: '6300',
	creditAccount: '1920',
	lineOptions: { debitVatCode: 'input.high' },
	additionalFields: {},
	simplify: true,
};
const transactionLine = (fields: Params) => ({
	side: 'debit',
	account: '',
	amount: 0,
	vatCode: '',
	description: 'Linje',
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

const CONTA_CASES: OpCase[] = [
	conta('organization', 'getAll', 'read', { returnAll: true, filters: {} }, { fields: { 'filters.name': { local: true } } }),
	conta('customer', 'create', 'write', { ...customerBase, additionalFields: {}, simplify: true }, {
		variants: [{ ...customerBase, additionalFields: { ...customerAddresses }, simplify: true }],
		fields: { ...customerFields('additionalFields'), customerAddressPostcode: { sample: '6002' } },
	}),
	conta('customer', 'get', 'read', { customerId: rl('5001'), simplify: true }),
	conta('customer', 'getAll', 'read', { returnAll: true, filters: {}, options: {}, simplify: true }),
	conta('customer', 'update', 'write', { customerId: rl('5001'), updateFields: { name: 'Fjellheim Bakeri AS' }, options: {}, simplify: true }, {
		variants: [{ customerId: rl('5001'), updateFields: { ...customerAddresses }, options: {}, simplify: true }],
		fields: customerFields('updateFields'),
	}),
	conta('customer', 'deactivate', 'write', { customerId: rl('5001'), simplify: true }),
	conta('customer', 'delete', 'write', { customerId: rl('5001') }, {
		// A DELETE answered with an empty 2xx is how a delete succeeds (the node then returns { deleted, id }).
		emptyOk: true,
		cleanFails: 'Conta has no DELETE route for customers (405); the node explains that',
		noProviderData: 'Conta answers 405; a success would return { deleted, id }',
	}),
	conta('invoice', 'create', 'write', invoiceCreate, {
		variants: [...recipientVariants(invoiceCreate), { ...invoiceCreate, invoiceLines: {}, ...jsonLines }],
		fields: {
			...recipientFields,
			...idFields('additionalFields.departmentId', 'additionalFields.projectId', 'additionalFields.saleId'),
			'invoiceLines.line[].productId': { sample: '77', id: true },
			'additionalFields.kid': { sample: '12345678903' },
			'additionalFields.deliveryPostcode': { sample: '0580' },
			'additionalFields.deliveryCountry': { sample: 'NO' },
			'additionalFields.attachmentFileId': { sample: '30001', id: true },
			'additionalFields.invoiceFileId': {
				sample: '30001',
				id: true,
				context: { additionalFields: { isCreatedInOtherSystem: true, invoiceNo: 555, invoiceDate: '2026-01-02' } },
			},
		},
	}),
	conta('invoice', 'credit', 'write', credit, {
		variants: recipientVariants(credit),
		fields: {
			...recipientFields,
			'additionalFields.invoiceFileId': {
				sample: '30001',
				id: true,
				context: { additionalFields: { isCreatedInOtherSystem: true, invoiceNo: 556 } },
			},
		},
	}),
	conta('invoice', 'get', 'read', { invoiceId: rl('7002'), downloadPdf: false, simplify: true }, {
		variants: [{ invoiceId: rl('7002'), downloadPdf: true, binaryPropertyName: 'data', simplify: true }],
		fields: { binaryPropertyName: { local: true } },
	}),
	conta('invoice', 'getAll', 'read', { returnAll: true, filters: {}, options: {}, simplify: true }, {
		fields: { ...idFields('filters.customerId', 'filters.departmentId', 'filters.projectId'), 'filters.invoiceCurrency': { sample: 'NOK' }, 'options.sort': { sample: '-id' } },
	}),
	conta('invoice', 'getEvents', 'read', { invoiceId: rl('7001'), eventTypes: [] }),
	conta('invoiceDraft', 'create', 'write', { billTo: 'customer', customer: rl('5002'), linesInput: 'fields', invoiceLines: { line: [invoiceLine] }, additionalFields: {}, simplify: true }, {
		variants: [
			{ billTo: 'customerGroup', customerGroupId: '4', linesInput: 'fields', invoiceLines: { line: [invoiceLine] }, additionalFields: {}, simplify: true },
			{ billTo: 'customer', customer: rl('5002'), ...jsonLines, additionalFields: {}, simplify: true },
		],
		fields: {
			...idFields('additionalFields.departmentId', 'additionalFields.projectId', 'additionalFields.saleId', 'customerGroupId'),
			'invoiceLines.line[].productId': { sample: '77', id: true },
		},
	}),
	conta('invoiceDraft', 'get', 'read', { draftId: rl('8001'), simplify: true }),
	conta('invoiceDraft', 'getAll', 'read', { returnAll: true, filters: {}, options: {}, simplify: true }, {
		fields: { ...idFields('filters.customerId', 'filters.departmentId', 'filters.projectId'), 'filters.invoiceCurrency': { sample: 'NOK' }, 'options.sort': { sample: '-id' } },
	}),
	conta('invoiceDraft', 'issue', 'write', draftIssue, {
		variants: recipientVariants(draftIssue),
		fields: {
			...recipientFields,
			'additionalFields.customerId': { sample: '5002', id: true },
			'additionalFields.kid': { sample: '12345678903' },
			'additionalFields.deliveryPostcode': { sample: '0580' },
			'additionalFields.deliveryCountry': { sample: 'NO' },
			'additionalFields.attachmentFileId': { sample: '30001', id: true },
		},
	}),
	conta('ehf', 'lookupRecipient', 'read', { organizationNumber: '923456783' }, { fields: { organizationNumber: { id: true } } }),
	conta('payment', 'create', 'write', { invoice: rl('7002'), amount: 1000, bankAccount: rl('301'), date: '', additionalFields: {} }, {
		fields: idFields('additionalFields.departmentId', 'additionalFields.projectId'),
	}),
	conta('payment', 'delete', 'write', { paymentId: '9001' }, {
		emptyOk: true,
		noProviderData: 'Conta answers with an empty body; the node returns { deleted, id }',
		fields: { paymentId: { id: true } },
	}),
	conta('payment', 'getAll', 'read', { invoice: rl('7001'), returnAll: true }),
	conta('payment', 'search', 'read', { returnAll: true, filters: {} }),
	conta('transaction', 'create', 'write', transactionSingle, {
		variants: [
			{
				shape: 'multiLine',
				date: '2026-05-03',
				description: 'Purchase, invoice 7781',
				lines: {
					line: [
						transactionLine({ side: 'debit', account: '6540', amount: 2500, vatCode: 'input.high', description: 'Equipment', departmentId: '4', projectId: '4', proportionalVat: '100' }),
						transactionLine({ side: 'credit', account: '2400', amount: 2500, description: 'Supplier X', supplierId: '12', invoiceNo: '7781' }),
					],
				},
				additionalFields: {},
				simplify: true,
			},
			{
				shape: 'multiLine',
				date: '2026-05-03',
				description: 'Sale, invoice 10002',
				lines: {
					line: [
						transactionLine({ side: 'debit', account: '1500', amount: 2500, description: 'Kari', customerId: '5002', invoiceNo: '10002' }),
						transactionLine({ side: 'credit', account: '3000', amount: 2500, description: 'Sale' }),
					],
				},
				additionalFields: {},
				simplify: true,
			},
		],
		fields: {
			debitAccount: { sample: '6300', id: true },
			creditAccount: { sample: '1920', id: true },
			'lineOptions.debitCustomerId': { sample: '5001', id: true, context: { debitAccount: '1500', creditAccount: '3000', lineOptions: { debitInvoiceNo: '10002' } } },
			'lineOptions.debitInvoiceNo': { sample: '10002', id: true, context: { debitAccount: '1500', creditAccount: '3000', lineOptions: { debitCustomerId: '5001' } } },
			'lineOptions.creditCustomerId': { sample: '5001', id: true, context: { debitAccount: '1920', creditAccount: '1500', lineOptions: { creditInvoiceNo: '10002' } } },
			'lineOptions.creditInvoiceNo': { sample: '7781', id: true, context: { creditAccount: '2400', lineOptions: { creditSupplierId: '12' } } },
			'lineOptions.debitSupplierId': { sample: '12', id: true, context: { debitAccount: '2400', creditAccount: '1920', lineOptions: { debitInvoiceNo: '7781' } } },
			'lineOptions.creditSupplierId': { sample: '12', id: true, context: { creditAccount: '2400', lineOptions: { creditInvoiceNo: '7781' } } },
			...idFields('lineOptions.departmentId', 'lineOptions.projectId'),
			'lines.line[].account': { id: true },
			'lines.line[].invoiceNo': { id: true },
			'lines.line[].proportionalVat': { sample: '100' },
		},
	}),
	conta('transaction', 'get', 'read', { transactionId: '12001', simplify: true }, { fields: { transactionId: { id: true } } }),
	conta('file', 'get', 'read', { fileId: '30001', binaryPropertyName: 'data' }, { fields: { fileId: { id: true }, binaryPropertyName: { local: true } } }),
];

// ---------------------------------------------------------------------------------------------
// Conta Trigger: one case per event (polls are reads)
// ---------------------------------------------------------------------------------------------

const TRIGGER_EVENTS = ['invoicePaid', 'invoiceStatusChanged', 'newCustomer', 'newInvoice', 'newInvoiceDraft', 'newPayment', 'newTransaction'];

const TRIGGER_CASES: OpCase[] = TRIGGER_EVENTS.map((event) => ({
	provider: 'conta',
	node: 'contaTrigger',
	resource: 'trigger',
	operation: event,
	kind: 'read',
	params: { organization: rl('101'), event, statuses: [] },
}));

// ---------------------------------------------------------------------------------------------
// Konto, Contraccounts, AutoInvoice
// ---------------------------------------------------------------------------------------------

const OTHER_CASES: OpCase[] = [
	{
		provider: 'konto',
		node: 'konto',
		resource: 'customer',
		operation: 'getAll',
		kind: 'read',
		params: { resource: 'customer', operation: 'getAll', returnAll: false, limit: 5, filters: {}, simplify: true },
	},
	{
		provider: 'contraccounts',
		node: 'contraccounts',
		resource: 'income',
		operation: 'insert',
		kind: 'write',
		// Contraccounts documents no answer format: any 2xx is a success with the raw body.
		any2xxOk: true,
		params: {
			resource: 'income',
			operation: 'insert',
			productId: '12345',
			grossAmount: 25,
			paymentMethod: 'Debit Card',
			buyerName: 'John Doe',
			additionalFields: {},
			options: {},
		},
		fields: {
			'additionalFields.customIncomeId': { sample: 'ORD-1', id: true },
			'additionalFields.vatCalculateRate': { sample: 'DEFAULT' },
			'additionalFields.vatRate': { sample: '0.20', context: { additionalFields: { vatAmount: 4.17 } } },
			productId: { id: true },
			'options.failIfResponseContains': { local: true },
		},
	},
	{
		provider: 'autoinvoice',
		node: 'autoinvoice',
		resource: 'consumerAgreement',
		operation: 'getStatus',
		kind: 'read',
		params: { resource: 'consumerAgreement', operation: 'getStatus', referenceNumber: '100201' },
		fields: { referenceNumber: { id: true } },
	},
];

export const CASES: OpCase[] = [...CONTA_CASES, ...TRIGGER_CASES, ...OTHER_CASES];

export const caseName = (c: OpCase) => (c.node === 'contaTrigger' ? `Conta Trigger ${c.operation}` : `${c.node} ${c.resource}.${c.operation}`);

/**
 * The Conta simulator's data: organizations and, per organization, customers, bank accounts,
 * invoices (with their events), invoice drafts, payments and accounting transactions, plus the
 * stored files behind `GET {o}/files/{id}` and an EHF (PEPPOL) registry for the recipient lookup.
 *
 * Records are kept in Conta's own model shapes (`RouteV1CustomerModel`, `RouteV1InvoiceModel`, ...)
 * plus internal fields whose names start with `_` (the org, createdAt, ...). `publicView()` strips
 * the internal fields before a record is sent.
 *
 * Invoices move through statuses the way Conta's do: a payment lowers `sumRemaining` and closes
 * the invoice (`CLOSED_BY_PAYMENT`) when nothing is left; deleting the payment reopens it
 * (`INVOICE_CREATED`); a full credit note closes it (`CLOSED_BY_CREDIT_NOTE`). Each change adds an
 * invoice event.
 */

// Records are JSON-shaped; the simulator reads and writes them freely.
export type Json = Record<string, any>;

export interface ContaOrg {
	id: number;
	name: string;
	blockedStatus: string;
	active: boolean;
}

export interface OrgData {
	customers: Json[];
	/** Suppliers (`RouteV1SupplierModel`-like). The simulator has no supplier routes; they name transaction lines. */
	suppliers: Json[];
	bankAccounts: Json[];
	invoices: Json[];
	drafts: Json[];
	payments: Json[];
	transactions: Json[];
}

export interface StoredFile {
	fileId: number;
	orgId: number;
	filename: string;
	contentType: string;
	content: Buffer;
	/** Download token for the temporary link. */
	token: string;
}

export interface ContaState {
	organizations: ContaOrg[];
	data: Record<number, OrgData>;
	files: Record<number, StoredFile>;
	/** EHF registry: org number → whether it can receive EHF 3.0 invoices. */
	ehfRegistry: Record<string, { canReceiveEhf30: boolean; canReceiveInvoices: boolean; canReceiveCreditNotes: boolean }>;
	ids: Record<'customer' | 'invoice' | 'draft' | 'payment' | 'partialPayment' | 'transaction' | 'transactionLine' | 'file' | 'event' | 'bankAccount', number>;
	/** Next invoice number per organization. */
	nextInvoiceNo: Record<number, number>;
	/** Next transaction number per organization. */
	nextTransactionNo: Record<number, number>;
}

/** Oslo local time as Conta writes `createdAt`: `YYYY-MM-DDTHH:mm:ss`, no zone (the zone is not documented). */
export function osloDateTime(date = new Date()): string {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Europe/Oslo',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23',
	}).formatToParts(date);
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
	return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
}

/** How the simulator writes `createdAt`: Oslo wall time without an offset, with Oslo's offset, or in UTC. */
export type CreatedAtForm = 'local' | 'offset' | 'utc';

/**
 * An Oslo wall time `YYYY-MM-DDTHH:mm:ss` in `form`: unchanged (`local`), with Oslo's offset at
 * that time (`2026-11-30T10:15:00+01:00`, `+02:00` in summer) or as UTC (`2026-11-30T09:15:00Z`).
 * Any other text is returned as it is.
 */
export function zonedCreatedAt(local: string, form: CreatedAtForm): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(local);
	if (!m || form === 'local') return local;
	const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
	// Oslo's offset (ms) at an instant; asked twice so a wall time near a DST switch settles.
	const offsetAt = (instant: number) => Date.parse(`${osloDateTime(new Date(instant))}Z`) - instant;
	const offset = offsetAt(wall - offsetAt(wall));
	if (form === 'utc') return `${new Date(wall - offset).toISOString().slice(0, 19)}Z`;
	const minutes = Math.round(offset / 60_000);
	const abs = Math.abs(minutes);
	return `${local}${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Today's date in Oslo, `YYYY-MM-DD`. */
export function osloToday(date = new Date()): string {
	return osloDateTime(date).slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
	const d = new Date(`${isoDate}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The VAT rate behind each invoice-line VAT code (high 25 %, medium 15 %, low 12 %). */
export const INVOICE_VAT_RATES: Record<string, number> = {
	'no.vat': 0,
	high: 25,
	medium: 15,
	low: 12,
	'zero.rate': 0,
	exempted: 0,
	export: 0,
};

/** Strip internal `_` fields (deeply for arrays of records). */
export function publicView<T extends Json>(record: T): Json {
	const out: Json = {};
	for (const [key, value] of Object.entries(record)) {
		if (key.startsWith('_')) continue;
		out[key] = Array.isArray(value)
			? value.map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? publicView(v as Json) : v))
			: value;
	}
	return out;
}

export function nextId(state: ContaState, kind: keyof ContaState['ids']): number {
	const id = state.ids[kind];
	state.ids[kind] = id + 1;
	return id;
}

export function orgData(state: ContaState, orgId: number): OrgData {
	if (!state.data[orgId]) {
		state.data[orgId] = { customers: [], suppliers: [], bankAccounts: [], invoices: [], drafts: [], payments: [], transactions: [] };
	}
	return state.data[orgId];
}

/** A tiny valid PDF with one line of text. */
export function pdfBytes(text: string): Buffer {
	const safe = text.replace(/[()\\]/g, ' ');
	return Buffer.from(
		`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n` +
			`3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n` +
			`4 0 obj<</Length ${safe.length + 24}>>stream\nBT /F1 12 Tf 72 770 Td (${safe}) Tj ET\nendstream endobj\n` +
			`trailer<</Root 1 0 R>>\n%%EOF\n`,
		'latin1',
	);
}

/** Store a file and return its id (`id` stores it under a fixed id; new ids then continue after it). */
export function storeFile(state: ContaState, orgId: number, filename: string, contentType: string, content: Buffer, id?: number): number {
	const fileId = id ?? nextId(state, 'file');
	if (id !== undefined) state.ids.file = Math.max(state.ids.file, id + 1);
	const token = `${fileId}-${Math.random().toString(36).slice(2, 12)}`;
	state.files[fileId] = { fileId, orgId, filename, contentType, content, token };
	return fileId;
}

/** Append an event to an invoice's history (`RouteV1QueryResultInvoiceEventListModel.hits[]`). */
export function addInvoiceEvent(state: ContaState, invoice: Json, eventType: string, extra: Json = {}): Json {
	const createdAt = osloDateTime();
	const event: Json = {
		id: nextId(state, 'event'),
		date: createdAt.slice(0, 10),
		eventType,
		userName: 'API user',
		sumRemainingChanged: 0,
		sumRemaining: invoice.sumRemaining,
		createdAt,
		...extra,
	};
	invoice._events = [...(invoice._events ?? []), event];
	return event;
}

/**
 * Recompute an invoice's `sumRemaining` and `status` from its payments and credit note. Returns
 * whether the status changed.
 */
export function recomputeInvoice(state: ContaState, orgId: number, invoice: Json): boolean {
	if (invoice.type === 'CREDIT') return false;
	const paid = orgData(state, orgId)
		.payments.flatMap((p) => p.partialPayments as Json[])
		.filter((pp) => pp.invoiceId === invoice.id)
		.reduce((sum, pp) => sum + Number(pp.amount), 0);
	const before = invoice.status;
	if (invoice._creditNoteId) {
		invoice.sumRemaining = 0;
		invoice.status = 'CLOSED_BY_CREDIT_NOTE';
	} else {
		invoice.sumRemaining = round2(Number(invoice.sumTotal) - paid);
		invoice.status = invoice.sumRemaining <= 0 ? 'CLOSED_BY_PAYMENT' : 'INVOICE_CREATED';
	}
	return before !== invoice.status;
}

/** Sums of invoice lines: `price × quantity − discount %`, VAT per line's code. */
export function lineSums(lines: Json[]): { lines: Json[]; sumNet: number; sumVAT: number; sumTotal: number; vatInfos: Json[] } {
	let sumNet = 0;
	let sumVAT = 0;
	const byRate = new Map<number, { sumBasis: number; sumVat: number }>();
	const out = lines.map((line, index) => {
		const gross = Number(line.price) * Number(line.quantity);
		const discount = round2((gross * Number(line.discount ?? 0)) / 100);
		const net = round2(gross - discount);
		const rate = INVOICE_VAT_RATES[String(line.vatCode)] ?? 0;
		const vat = round2((net * rate) / 100);
		sumNet += net;
		sumVAT += vat;
		const entry = byRate.get(rate) ?? { sumBasis: 0, sumVat: 0 };
		entry.sumBasis = round2(entry.sumBasis + net);
		entry.sumVat = round2(entry.sumVat + vat);
		byRate.set(rate, entry);
		return { ...line, lineNo: line.lineNo ?? index + 1, sumDiscount: discount, sumNet: net };
	});
	return {
		lines: out,
		sumNet: round2(sumNet),
		sumVAT: round2(sumVAT),
		sumTotal: round2(sumNet + sumVAT),
		vatInfos: [...byRate.entries()].map(([vatPercent, v], i) => ({ vatId: 10 + i, vatPercent, ...v })),
	};
}

/** Conta's internal VAT id and sales account behind each invoice-line VAT code (made up but stable). */
const VAT_IDS: Record<string, number> = { high: 3, medium: 31, low: 33, 'zero.rate': 5, export: 52, exempted: 6, 'no.vat': 7 };
const SALES_ACCOUNTS: Record<string, string> = { high: '3000', medium: '3000', low: '3000', 'zero.rate': '3100', export: '3100', exempted: '3200', 'no.vat': '3200' };

/** Lines with their sums and the fields Conta adds (`bookkeepingAccountNo`, `vatId`). */
export function bookLines(lines: Json[], parentKey: 'invoiceId' | 'invoiceDraftId', parentId: number): ReturnType<typeof lineSums> {
	const sums = lineSums(
		lines.map((line) => {
			const copy: Json = { ...line };
			delete copy.id;
			delete copy.invoiceId;
			delete copy.invoiceDraftId;
			delete copy.bookkeepingAccountNo;
			delete copy.vatId;
			return copy;
		}),
	);
	sums.lines = sums.lines.map((line, index) => ({
		id: parentId * 1000 + index + 1,
		[parentKey]: parentId,
		bookkeepingAccountNo: SALES_ACCOUNTS[String(line.vatCode)] ?? '3000',
		...line,
		vatId: VAT_IDS[String(line.vatCode)] ?? 3,
	}));
	return sums;
}

/** A KID: the number padded to 8 digits plus a MOD10 (Luhn) check digit. */
export function kidFor(invoiceNo: number): string {
	const base = String(invoiceNo).padStart(8, '0');
	let sum = 0;
	[...base].reverse().forEach((digit, index) => {
		let d = Number(digit) * (index % 2 === 0 ? 2 : 1);
		if (d > 9) d -= 9;
		sum += d;
	});
	return `${base}${(10 - (sum % 10)) % 10}`;
}

export interface StoredInvoiceInput {
	customerId: number;
	lines: Json[];
	invoiceDate: string;
	createdAt: string;
	/** Fixed id / invoice number / PDF file id (fixtures); new ids then continue after them. */
	id?: number;
	invoiceNo?: number;
	fileId?: number;
	invoiceCurrency?: string;
}

/**
 * Store an issued invoice (`RouteV1InvoiceModel`, status INVOICE_CREATED, no recipients) with its
 * PDF and INVOICE_CREATED event, as made in Conta's web app: the seeds, test fixtures and
 * `mutations.addInvoice` use it (the API route `POST {o}/invoices` has its own rules).
 */
export function storeInvoice(state: ContaState, orgId: number, input: StoredInvoiceInput): Json {
	const data = orgData(state, orgId);
	const id = input.id ?? nextId(state, 'invoice');
	if (input.id !== undefined) state.ids.invoice = Math.max(state.ids.invoice, input.id + 1);
	state.nextInvoiceNo[orgId] ??= 1;
	const invoiceNo = input.invoiceNo ?? state.nextInvoiceNo[orgId]++;
	const sums = bookLines(input.lines.map((line) => ({ discount: 0, ...line })), 'invoiceId', id);
	const dueDate = addDays(input.invoiceDate, 14);
	const record: Json = {
		id,
		type: 'NORMAL',
		status: 'INVOICE_CREATED',
		invoiceNo,
		customerId: input.customerId,
		invoiceDate: input.invoiceDate,
		invoiceDueDate: dueDate,
		followUpDate: dueDate,
		invoiceLanguage: 'NO',
		invoiceCurrency: input.invoiceCurrency ?? 'NOK',
		exchangeRate: 1,
		showDiscount: true,
		isCreatedInOtherSystem: false,
		bankAccountId: data.bankAccounts.find((a) => a.allowedForInvoicing)?.id,
		invoiceLines: sums.lines,
		invoiceRecipients: [],
		invoiceVatInfos: sums.vatInfos.map((v) => ({ ...v, invoiceId: id })),
		sumNet: sums.sumNet,
		sumVAT: sums.sumVAT,
		sumTotal: sums.sumTotal,
		sumRemaining: sums.sumTotal,
		kid: kidFor(invoiceNo),
		_createdAt: input.createdAt,
		_createdByIp: '127.0.0.1',
		_events: [],
	};
	record.invoiceFileId = storeFile(state, orgId, `Faktura-${invoiceNo}.pdf`, 'application/pdf', pdfBytes(`Faktura ${invoiceNo}`), input.fileId);
	data.invoices.push(record);
	addInvoiceEvent(state, record, 'INVOICE_CREATED', { createdAt: input.createdAt, date: input.invoiceDate, fileId: record.invoiceFileId });
	return record;
}

export function seedConta(): ContaState {
	const state: ContaState = {
		organizations: [
			{ id: 101, name: 'Fjordkraft Demo AS', blockedStatus: 'NOT_BLOCKED', active: true },
			{ id: 102, name: 'Nordlys Regnskap AS', blockedStatus: 'NOT_BLOCKED', active: true },
			{ id: 103, name: 'Gammel Butikk AS', blockedStatus: 'DELETED', active: false },
		],
		data: {},
		files: {},
		ehfRegistry: {
			// Valid mod-11 organization numbers.
			'923456783': { canReceiveEhf30: true, canReceiveInvoices: true, canReceiveCreditNotes: true },
			'974760673': { canReceiveEhf30: true, canReceiveInvoices: true, canReceiveCreditNotes: true },
			'889640782': { canReceiveEhf30: false, canReceiveInvoices: false, canReceiveCreditNotes: false },
		},
		ids: {
			customer: 5001,
			invoice: 7001,
			draft: 8001,
			payment: 9001,
			partialPayment: 9501,
			transaction: 12001,
			transactionLine: 13001,
			file: 30001,
			event: 40001,
			bankAccount: 301,
		},
		nextInvoiceNo: { 101: 10001, 102: 1 },
		nextTransactionNo: { 101: 1, 102: 1 },
	};
	const org = orgData(state, 101);
	orgData(state, 102);
	const seededAt = '2026-01-15T09:30:00';

	org.bankAccounts.push(
		{
			id: nextId(state, 'bankAccount'),
			name: 'Driftskonto',
			accountNo: '15031234567',
			iban: 'NO9315031234567',
			swift: 'DNBANOKK',
			bookkeepingAccountNo: '1920',
			hideOnTransactionWizards: false,
			createdAt: seededAt,
			ownerType: 'ORGANIZATION',
			bankAccountType: 'NORMAL',
			isArchived: false,
			allowedForInvoicing: true,
			isKidActive: false,
		},
		{
			id: nextId(state, 'bankAccount'),
			name: 'Skattetrekkskonto',
			accountNo: '15039876543',
			bookkeepingAccountNo: '1950',
			hideOnTransactionWizards: false,
			createdAt: seededAt,
			ownerType: 'ORGANIZATION',
			bankAccountType: 'TAX_DEDUCTION',
			isArchived: false,
			allowedForInvoicing: false,
			isKidActive: false,
		},
	);

	const customer = (fields: Json): Json => ({
		id: nextId(state, 'customer'),
		contacts: [],
		daysUntilPaymentReminder: 14,
		daysUntilEstimateOverdue: 14,
		defaultInvoiceDiscount: 0,
		customerAddressCountry: 'NO',
		invoiceDeliveryMethod: 'EMAIL',
		isActive: true,
		_createdAt: seededAt,
		...fields,
	});
	org.customers.push(
		customer({
			name: 'Fjellheim Bakeri AS',
			customerType: 'ORGANIZATION',
			orgNo: '923456783',
			emailAddress: 'post@fjellheim.example',
			phoneNo: '22334455',
			customerAddressLine1: 'Storgata 1',
			customerAddressPostcode: '0155',
			customerAddressCity: 'Oslo',
			invoiceDeliveryMethod: 'EHF',
		}),
		customer({
			name: 'Kari Nordmann',
			customerType: 'INDIVIDUAL',
			emailAddress: 'kari@example.no',
			customerAddressLine1: 'Bakkeveien 12',
			customerAddressPostcode: '5003',
			customerAddressCity: 'Bergen',
		}),
		customer({
			name: 'Nedlagt Handel AS',
			customerType: 'ORGANIZATION',
			orgNo: '974760673',
			customerAddressLine1: 'Kaia 3',
			customerAddressPostcode: '7010',
			customerAddressCity: 'Trondheim',
			isActive: false,
		}),
	);

	// A supplier for purchase lines on account 2400 (the id the examples use).
	org.suppliers.push({
		id: 12,
		contacts: [],
		name: 'Leverandør X AS',
		orgNo: '889640782',
		supplierAddressLine1: 'Industriveien 5',
		supplierAddressPostcode: '4020',
		supplierAddressCity: 'Stavanger',
		supplierAddressCountry: 'NO',
		_createdAt: seededAt,
	});

	// Two issued invoices: one paid in full, one open.
	const invoice = (customerRecord: Json, lines: Json[], invoiceDate: string): Json =>
		storeInvoice(state, 101, { customerId: customerRecord.id, lines, invoiceDate, createdAt: `${invoiceDate}T10:00:00` });
	const paid = invoice(org.customers[0], [{ description: 'Brød og bakst', price: 800, quantity: 1, discount: 0, vatCode: 'medium' }], '2026-01-15');
	invoice(org.customers[1], [{ description: 'Konsulenttime', price: 1000, quantity: 2, discount: 0, vatCode: 'high' }], '2026-01-20');

	const paymentId = nextId(state, 'payment');
	org.payments.push({
		id: paymentId,
		paymentType: 'MANUAL',
		transactionId: 11999,
		isFromKravia: false,
		isMultiPayment: false,
		totalAmount: paid.sumTotal,
		partialPayments: [
			{ id: nextId(state, 'partialPayment'), date: '2026-01-25', amount: paid.sumTotal, amountForeignCurrency: 0, invoiceId: paid.id, paymentId },
		],
		_bankAccountId: org.bankAccounts[0].id,
		_createdAt: '2026-01-25T08:00:00',
	});
	recomputeInvoice(state, 101, paid);
	addInvoiceEvent(state, paid, 'PAYMENT_RECEIVED', { sumRemainingChanged: -paid.sumTotal, createdAt: '2026-01-25T08:00:00', date: '2026-01-25' });

	org.drafts.push({
		id: nextId(state, 'draft'),
		registrationSource: 'CONTA',
		type: 'NORMAL',
		customerId: org.customers[1].id,
		invoiceLanguage: 'NO',
		invoiceCurrency: 'NOK',
		exchangeRate: 1,
		invoiceDraftLines: [{ description: 'Timer januar', price: 950, quantity: 3, discount: 0, vatCode: 'high', lineNo: 1, sumDiscount: 0, sumNet: 2850, bookkeepingAccountNo: '3000', vatId: 3 }],
		sumNet: 2850,
		sumVAT: 712.5,
		sumTotal: 3562.5,
		sumRemaining: 3562.5,
		_createdAt: '2026-01-28T12:00:00',
	});

	org.transactions.push({
		id: nextId(state, 'transaction'),
		transactionNo: state.nextTransactionNo[101]++,
		transactionYear: 2026,
		transactionNoYear: '1-2026',
		date: '2026-01-31',
		description: 'Husleie januar',
		lockedStatus: 'OPEN',
		transactionSourceType: 'ADVANCED_TRANSACTION',
		transactionType: 'MANUAL_TRANSACTION',
		createdAt: '2026-01-31T15:00:00',
		isResetTransaction: false,
		paymentType: 'NOT_PAID',
		transactionLines: [
			{ id: nextId(state, 'transactionLine'), bookkeepingAccountNo: '6300', amount: 10000, description: 'Husleie januar', vatCode: 'input.no.vat', isCorrection: false },
			{ id: nextId(state, 'transactionLine'), bookkeepingAccountNo: '1920', amount: -10000, description: 'Husleie januar', isCorrection: false },
		],
		transactionLinesAdvanced: [
			{ date: '2026-01-31', description: 'Husleie januar', amount: 10000, debitBookkeepingAccountNo: '6300', creditBookkeepingAccountNo: '1920' },
		],
		transactionAttachments: [],
		_createdByUserName: 'API user',
	});
	return state;
}

/**
 * Invoices:
 * - `GET {o}/invoices`: search (paged envelope).
 * - `POST {o}/invoices` (RouteV1MakeInvoiceRestOp): creates and issues an invoice. The body is
 *   checked against the spec's inline schema (strict: unknown fields are INPUT errors) and the
 *   input rules the spec lists (`repeatMustHaveFrequencyAndNextRepeatDate`,
 *   `repeatEndDateMustBeInTheFuture`, `exchangeRateReferenceDateRequired`,
 *   `invoiceCreatedInOtherSystemForbidsInvoiceRepeat`, `invoiceCreatedInOtherSystemRequireInvoiceNo`,
 *   `invoiceNoOnlyForInvoicesCreatedInOtherSystems`), then the business rules (422 CUSTOM) in the
 *   order an org's setup comes before the invoice's own data: `OrgMustHaveBankAccountException`,
 *   `CustomerNotFoundException`, draft conversion (`id` = a draft id: the draft is deleted),
 *   `InvoiceDateCannotBeNullWhenTypeNormalException`, `InvoiceDateInPastException` (Oslo date),
 *   `DueDateBeforeInvoiceDateException`, the foreign-currency rules, the sign rules, a MAIL
 *   recipient without any address (`CustomerDoesNotHaveAddressException`), a duplicate external
 *   invoice number (`DuplicateInvoiceNoAndInvoiceDateException`) and an external invoice without
 *   its PDF (`OldInvoiceNeedsToUploadFileException`). The invoice gets the next invoice number, a
 *   KID (MOD10), the first bank account allowed for invoicing, a PDF, sums from its lines, status
 *   `INVOICE_CREATED` and the events `INVOICE_CREATED` plus one "sent" event per recipient.
 * - `GET {o}/invoices/{id}`: the full `RouteV1InvoiceModel`.
 * - `POST {o}/invoices/{id}/credit-note` (RouteV1CreditFullInvoiceRestOp): a full credit note.
 * - `GET {o}/invoices/{invoiceId}/events`: the invoice's events, oldest first, in one envelope.
 *
 * Assumptions (the spec does not say): the invoice takes the lines of the body, or the draft's
 * lines when the body converts a draft and has none; without `invoiceDueDate` the due date is the
 * invoice date plus the customer's `daysUntilPaymentReminder`; a credit note is dated
 * `creditNoteDate` or the original invoice date, negates every line's quantity, is closed at once
 * (`CLOSED_BY_CREDIT_NOTE`, nothing remaining) and gets its own number; e-mail is "sent" at once
 * (`lastEmailEventType: PROCESSED`), EHF fails (`ehfStatus: FAILED`) for a number the EHF registry
 * does not know as a receiver.
 */
import type { Route, SimReply } from '../../framework';
import { customError, isReply, notFoundId, pathInt, type ContaSimulator } from '../index';
import { issue, validateBody, type Field, type InputIssue } from '../schema';
import { search } from '../search';
import {
	addDays,
	addInvoiceEvent,
	bookLines,
	kidFor,
	nextId,
	osloDateTime,
	osloToday,
	pdfBytes,
	publicView,
	recomputeInvoice,
	storeFile,
	type ContaState,
	type Json,
	type OrgData,
} from '../state';

const O = '/invoice/organizations/:orgId';

const HIT_FIELDS = [
	'id', 'type', 'status', 'invoiceNo', 'invoiceDate', 'followUpDate', 'invoiceDueDate', 'invoiceFileId', 'attachmentFileId',
	'bankAccountId', 'departmentId', 'projectId', 'customerReference', 'invoiceLanguage', 'invoiceCurrency', 'creditedInvoiceNo',
	'creditedInvoiceId', 'customerId', 'sumNet', 'sumVAT', 'sumTotal', 'sumRemaining', 'personalMessage', 'kid',
];

/**
 * A search hit (`RouteV1QueryResultInvoiceListExtendedModel.hits[]`). `createdAt` / `createdByIp`
 * are only filled when asked for with `includeCreatedAt` / `includeCreatedByIp` (the spec leaves
 * this open; the simulator takes the strict reading so clients must ask).
 */
export function invoiceHit(invoice: Json, data: OrgData, query: Record<string, string | string[]> = {}): Json {
	const customer = data.customers.find((c) => c.id === invoice.customerId) ?? {};
	const hit: Json = {};
	for (const key of HIT_FIELDS) if (invoice[key] !== undefined) hit[key] = invoice[key];
	Object.assign(hit, {
		customerName: customer.name,
		customerOrgNo: customer.orgNo,
		customerEmailAddress: customer.emailAddress,
		customerAddressLine1: customer.customerAddressLine1,
		customerAddressPostcode: customer.customerAddressPostcode,
		customerAddressCity: customer.customerAddressCity,
		invoiceLineDescription: invoice.invoiceLines?.[0]?.description,
		nextRepeatDate: invoice.invoiceRepeat?.nextRepeatDate,
		emailAddresses: (invoice.invoiceRecipients ?? []).filter((r: Json) => r.emailAddress).map((r: Json) => r.emailAddress),
		// Only search hits have it (`RouteV1InvoiceModel` does not): invoice plus Easybank sale
		// remaining; the simulator has no Easybank sales.
		totalSumRemaining: invoice.sumRemaining,
	});
	hit.emailAddressesAsString = hit.emailAddresses.join(', ');
	hit._createdAt = invoice._createdAt;
	if (query.includeCreatedAt === 'true') hit.createdAt = invoice._createdAt;
	if (query.includeCreatedByIp === 'true') hit.createdByIp = invoice._createdByIp;
	return hit;
}

/** The `type` filter of the invoice search. */
export function matchesListType(invoice: Json, type: string | undefined): boolean {
	if (!type) return true;
	const open = invoice.type !== 'CREDIT' && Number(invoice.sumRemaining) > 0 && !String(invoice.status).startsWith('CLOSED');
	switch (type) {
		case 'PAID':
			return invoice.status === 'CLOSED_BY_PAYMENT';
		case 'UNPAID':
		case 'ACTIVE':
			return open;
		case 'OVERDUE':
			return open && String(invoice.invoiceDueDate) < osloToday();
		case 'REPEATING':
			return !!invoice.invoiceRepeat;
		case 'PAYMENT_REMINDERS_OVERDUE':
			return open && invoice.status === 'PAYMENT_REMINDER_CREATED';
		case 'FOLLOW_UP':
			return open && String(invoice.followUpDate) <= osloToday();
		case 'KRAVIA':
			return !!invoice.kraviaInvoiceStatus;
		default:
			return true;
	}
}

const ID: Field = { type: 'integer', min: 1 };
const FLOAT: Field = { type: 'number' };
const MONEY: Field = { type: 'number', min: -99999999999.99, max: 99999999999.99 };
const text = (min: number, max: number): Field => ({ type: 'string', min, max });

export const VAT_CODES = ['no.vat', 'high', 'medium', 'low', 'zero.rate', 'exempted', 'export'] as const;
const DELIVERY_METHODS = ['EMAIL', 'MAIL', 'EHF', 'EFAKTURA', 'INVOICE_SALE', 'DO_NOT_DELIVER', 'UNKNOWN', 'NONE'];
const INVOICE_STATUSES = ['BEING_CREATED', 'INVOICE_CREATED', 'PAYMENT_REMINDER_CREATED', 'CLOSED_BY_CREDIT_NOTE', 'CLOSED_BY_PAYMENT', 'CLOSED_FROM_REGNSKAP', 'WRITTEN_OFF_AS_LOSS', 'SOLD_TO_EASYBANK', 'CLOSED_BY_EASYBANK', 'SENT_TO_KRAVIA', 'BEING_SENT_TO_KRAVIA'];

/** An invoice line as the request schemas declare it (`RouteV1InvoiceLineModel` input fields). */
export const LINE_FIELDS: Record<string, Field> = {
	id: ID,
	productId: ID,
	description: { type: 'string', required: true, min: 1, max: 500 },
	price: { type: 'number', required: true },
	quantity: { type: 'number', required: true },
	discount: { type: 'number', required: true, min: 0, max: 100 },
	sumDiscount: FLOAT,
	sumNet: FLOAT,
	vatCode: { type: 'enum', required: true, values: VAT_CODES },
	lineNo: ID,
};

/** `RouteV1InvoiceRecipientModel`. */
export const RECIPIENT_FIELDS: Record<string, Field> = {
	id: ID,
	invoiceId: ID,
	type: { type: 'enum', values: DELIVERY_METHODS },
	emailAddress: { type: 'email' },
	emailRecipientType: { type: 'enum', values: ['EMAIL_TO', 'EMAIL_CC', 'EMAIL_BCC', 'NOT_EMAIL', ''] },
	emailSubject: text(1, 255),
	emailContent: text(1, 65535),
	includeInvoiceInfo: { type: 'boolean' },
	includeInvoiceAttachment: { type: 'boolean' },
	includeDefaultAttachment: { type: 'boolean' },
	ehfRecipient: { type: 'string', min: 6, max: 50, pattern: /^[-a-zA-Z0-9ÆØÅæøå ]+$/ },
	phoneNo: text(4, 50),
	name: text(1, 255),
	customerId: ID,
	mailAddressLine1: text(1, 100),
	mailAddressLine2: text(1, 100),
	mailAddressPostcode: text(1, 20),
	mailAddressCity: text(1, 100),
	mailAddressCountryCode: text(2, 2),
};

const RECIPIENTS: Field = { type: 'array', items: { type: 'object', props: RECIPIENT_FIELDS } };

/** The inline request schema of `POST {o}/invoices` (≈ `RouteV1InvoiceModel`); only `customerId` is required. */
const INVOICE_BODY: Record<string, Field> = {
	id: ID,
	invoiceLines: { type: 'array', items: { type: 'object', props: LINE_FIELDS } },
	invoiceVatInfos: {
		type: 'array',
		items: {
			type: 'object',
			props: { id: ID, invoiceId: ID, vatId: ID, sumBasis: MONEY, sumVat: MONEY, vatPercent: { type: 'number', min: 0 } },
		},
	},
	invoiceRecipients: RECIPIENTS,
	invoiceRepeat: {
		type: 'object',
		props: {
			id: ID,
			createdByUserId: { type: 'integer', min: 0 },
			frequency: { type: 'enum', values: ['WEEKLY', 'BIWEEKLY', 'MONTHLY', 'BIMONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'ANNUALLY'] },
			nextRepeatDate: { type: 'date' },
			endDate: { type: 'date' },
			invoiceId: ID,
			scheduledInvoiceId: ID,
			orgId: ID,
			updatePrices: { type: 'boolean' },
		},
	},
	invoiceNo: ID,
	invoiceDate: { type: 'date' },
	invoiceDueDate: { type: 'date' },
	invoiceFileId: ID,
	attachmentFileId: ID,
	status: { type: 'enum', values: INVOICE_STATUSES },
	type: { type: 'enum', values: ['NORMAL', 'CASH', 'CREDIT'] },
	departmentId: ID,
	projectId: ID,
	customerId: { type: 'integer', min: 1, required: true },
	invoiceLanguage: { type: 'enum', values: ['NO', 'EN'] },
	invoiceCurrency: text(3, 3),
	exchangeRate: { type: 'number', min: 0 },
	exchangeRateReferenceDate: { type: 'date' },
	personalMessage: text(1, 300),
	customerReference: text(1, 100),
	ehfAdditionalDocumentReference: text(1, 100),
	ehfContractDocumentReference: text(1, 100),
	ehfOrderReference: text(1, 100),
	isCreatedInOtherSystem: { type: 'boolean' },
	kid: text(2, 35),
	deliveryDate: { type: 'date' },
	deliveryAddress: text(1, 100),
	deliveryPostcode: text(1, 20),
	deliveryCity: text(1, 100),
	deliveryCountry: text(1, 100),
	saleId: ID,
	orgReference: text(1, 100),
	creditedInvoiceId: ID,
	thumbnailFileId: ID,
	parentInvoiceId: ID,
	showDiscount: { type: 'boolean' },
};

/** `RouteV1CreditFullInvoiceInputModel` (every field optional). */
const CREDIT_BODY: Record<string, Field> = {
	removePaymentsIfExist: { type: 'boolean' },
	creditNoteDate: { type: 'date' },
	invoiceRecipients: RECIPIENTS,
	invoiceFileId: ID,
	invoiceNo: ID,
	isCreatedInOtherSystem: { type: 'boolean' },
	ehfAdditionalDocumentReference: text(1, 100),
	ehfContractDocumentReference: text(1, 100),
	ehfOrderReference: text(1, 100),
	customerReference: text(1, 100),
};

const isForeign = (currency: unknown) => currency !== undefined && currency !== null && currency !== 'NOK';

/** The "sent" event for each recipient (`prefix` INVOICE or CREDIT_NOTE). */
function deliveryEvents(state: ContaState, document: Json, prefix: 'INVOICE' | 'CREDIT_NOTE'): void {
	for (const recipient of (document.invoiceRecipients ?? []) as Json[]) {
		switch (recipient.type) {
			case 'EMAIL':
				if (recipient.emailRecipientType === 'NOT_EMAIL' || recipient.emailRecipientType === '' || !recipient.emailAddress) break;
				addInvoiceEvent(state, document, `${prefix}_SENT_BY_EMAIL`, {
					deliveryMethod: 'EMAIL',
					emailRecipientId: recipient.id,
					emailAddresses: [recipient.emailAddress],
					emailAddressesAsString: recipient.emailAddress,
					lastEmailEventType: 'PROCESSED',
				});
				break;
			case 'EHF':
				addInvoiceEvent(state, document, `${prefix}_SENT_BY_EHF`, {
					deliveryMethod: 'EHF',
					ehfId: recipient.id,
					recipientOrgNo: recipient.ehfRecipient,
					ehfStatus: state.ehfRegistry[String(recipient.ehfRecipient)]?.canReceiveEhf30 ? 'SENT' : 'FAILED',
				});
				break;
			case 'MAIL':
				addInvoiceEvent(state, document, `${prefix}_SENT_BY_POSTAL_MAIL`, {
					deliveryMethod: 'MAIL',
					snailMailId: recipient.id,
					snailMailStatus: 'WILL_BE_SENT',
				});
				break;
			case 'EFAKTURA':
				addInvoiceEvent(state, document, 'INVOICE_SENT_BY_EFAKTURA', {
					deliveryMethod: 'EFAKTURA',
					efakturaId: recipient.id,
					phoneNo: recipient.phoneNo,
					efakturaStatus: 'IN_PROGRESS',
				});
				break;
			default:
				break;
		}
	}
}

/** Recipients as stored: ids, the invoice id, and Conta's default `NOT_EMAIL` for an e-mail recipient type. */
function storeRecipients(recipients: Json[] | undefined, invoiceId: number): Json[] {
	return (recipients ?? []).map((recipient, index) => ({
		id: invoiceId * 100 + index + 1,
		invoiceId,
		...recipient,
		...(recipient.type === 'EMAIL' && recipient.emailRecipientType === undefined ? { emailRecipientType: 'NOT_EMAIL' } : {}),
	}));
}

/** Rules shared by create and credit: external invoices need a number, and only they may have one. */
function otherSystemIssues(body: Json): InputIssue[] {
	const issues: InputIssue[] = [];
	if (body.isCreatedInOtherSystem === true && body.invoiceNo === undefined)
		issues.push(issue('invoiceCreatedInOtherSystemRequireInvoiceNo', 'invoiceNo', body.invoiceNo, 'An invoice created in another system needs its invoice number.', 'integer'));
	if (body.isCreatedInOtherSystem !== true && body.invoiceNo !== undefined)
		issues.push(issue('invoiceNoOnlyForInvoicesCreatedInOtherSystems', 'invoiceNo', body.invoiceNo, 'The invoice number can only be set for invoices created in other systems.', 'integer'));
	return issues;
}

function createInputIssues(body: unknown): InputIssue[] {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
	const b = body as Json;
	const issues = otherSystemIssues(b);
	const repeat = b.invoiceRepeat && typeof b.invoiceRepeat === 'object' ? (b.invoiceRepeat as Json) : undefined;
	if (repeat) {
		if (!repeat.frequency || !repeat.nextRepeatDate)
			issues.push(issue('repeatMustHaveFrequencyAndNextRepeatDate', 'invoiceRepeat', repeat, 'A repeating invoice needs a frequency and a next repeat date.', 'object'));
		if (typeof repeat.endDate === 'string' && repeat.endDate <= osloToday())
			issues.push(issue('repeatEndDateMustBeInTheFuture', 'invoiceRepeat.endDate', repeat.endDate, 'The end date of the repetition must be in the future.', 'date'));
		if (b.isCreatedInOtherSystem === true)
			issues.push(issue('invoiceCreatedInOtherSystemForbidsInvoiceRepeat', 'invoiceRepeat', repeat, 'An invoice created in another system can not repeat.', 'object'));
	}
	if (isForeign(b.invoiceCurrency) && !b.exchangeRateReferenceDate)
		issues.push(issue('exchangeRateReferenceDateRequired', 'exchangeRateReferenceDate', null, 'An exchange rate reference date is required for a foreign currency.', 'date'));
	return issues;
}

function fileOf(state: ContaState, orgId: number, fileId: unknown): boolean {
	const file = state.files[Number(fileId)];
	return !!file && file.orgId === orgId;
}

/** `POST {o}/invoices` once the body passed the schema: Conta's business rules, then the issued invoice. */
export function makeInvoice(state: ContaState, body: Json, org: { id: number; data: OrgData }): SimReply {
	const today = osloToday();
	const bankAccount = org.data.bankAccounts.find((a) => a.allowedForInvoicing && !a.isArchived);
	if (!bankAccount) return customError('OrgMustHaveBankAccountException', 'The organization must have a bank account before it can create invoices.');
	const customer = org.data.customers.find((c) => c.id === body.customerId);
	if (!customer) return customError('CustomerNotFoundException', `The customer with id ${body.customerId} was not found.`, { customerId: body.customerId });
	let draft: Json | undefined;
	if (body.id !== undefined) {
		draft = org.data.drafts.find((d) => d.id === body.id);
		if (!draft) return notFoundId('invoice draft', body.id);
	}
	const type = String(body.type ?? 'NORMAL');
	const otherSystem = body.isCreatedInOtherSystem === true;
	const invoiceDate: string | undefined = body.invoiceDate ?? (type === 'NORMAL' ? undefined : today);
	if (!invoiceDate) return customError('InvoiceDateCannotBeNullWhenTypeNormalException', 'A normal invoice needs an invoice date.');
	if (!otherSystem && invoiceDate < today)
		return customError('InvoiceDateInPastException', `The invoice date ${invoiceDate} is in the past; use today's date or a date in the future.`, { invoiceDate, today });
	if (body.invoiceDueDate && body.invoiceDueDate < invoiceDate)
		return customError('DueDateBeforeInvoiceDateException', 'The due date is before the invoice date.', { invoiceDate, invoiceDueDate: body.invoiceDueDate });
	if (isForeign(body.invoiceCurrency)) {
		if (type !== 'NORMAL') return customError('OnlyNormalInvoicesCanHaveForeignCurrencyException', 'Only normal invoices can be in a foreign currency.');
		if (body.invoiceRepeat) return customError('CannotCreateRepeatingInvoicesUsingForeignCurrenciesException', 'A repeating invoice can not be in a foreign currency.');
		if (invoiceDate < today) return customError('ForeignCurrencyInvoiceDateNeedsToBeTodayException', 'An invoice in a foreign currency can not be dated in the past.');
	}
	if (body.invoiceRepeat && body.deliveryDate && body.deliveryDate !== invoiceDate)
		return customError('InvoiceDateMustEqualDeliveryDateWhenRepeatingException', 'A repeating invoice must have the delivery date equal to the invoice date.');
	const recipients = (body.invoiceRecipients ?? []) as Json[];
	if ((type === 'CASH' || type === 'CREDIT') && recipients.some((r) => r.type === 'EFAKTURA'))
		return customError('EfakturaCanBeUsedForNormalInvoicesOnlyException', 'eFaktura can only be used for normal invoices.');
	const mailWithoutAddress = recipients.some((r) => r.type === 'MAIL' && !r.mailAddressLine1) && !customer.customerAddressLine1;
	if (mailWithoutAddress) return customError('CustomerDoesNotHaveAddressException', 'The customer has no address, so the invoice can not be sent by mail.');
	if (otherSystem && body.invoiceFileId === undefined)
		return customError('OldInvoiceNeedsToUploadFileException', 'An invoice created in another system needs its uploaded invoice file (invoiceFileId).');
	if (body.invoiceFileId !== undefined && !fileOf(state, org.id, body.invoiceFileId)) return notFoundId('file', body.invoiceFileId);
	if (body.attachmentFileId !== undefined) {
		if (!fileOf(state, org.id, body.attachmentFileId)) return notFoundId('file', body.attachmentFileId);
		if (org.data.invoices.some((i) => i.attachmentFileId === body.attachmentFileId))
			return customError('AttachmentAlreadyInUseException', 'The attachment is already used on another invoice.');
	}
	if (otherSystem && org.data.invoices.some((i) => i.invoiceNo === body.invoiceNo && i.invoiceDate === invoiceDate))
		return customError('DuplicateInvoiceNoAndInvoiceDateException', `There is already an invoice number ${body.invoiceNo} dated ${invoiceDate}.`);

	// The id is only taken once every check passed: a refused invoice uses up no id.
	const id = state.ids.invoice;
	const lines = (body.invoiceLines ?? draft?.invoiceDraftLines ?? []) as Json[];
	const sums = bookLines(lines, 'invoiceId', id);
	if (type === 'CREDIT' && sums.sumTotal > 0)
		return customError('CreditNoteSumTotalCanNotBePositiveException', 'A credit note can not have a positive total.');
	if (type !== 'CREDIT' && sums.sumTotal < 0)
		return customError('InvoiceSumTotalCanNotBeNegativeException', 'An invoice can not have a negative total; a negative invoice is a credit note.');
	nextId(state, 'invoice');

	const invoiceNo: number = otherSystem ? body.invoiceNo : (state.nextInvoiceNo[org.id] = (state.nextInvoiceNo[org.id] ?? 1) + 1) - 1;
	const dueDate: string = body.invoiceDueDate ?? addDays(invoiceDate, Number(customer.daysUntilPaymentReminder ?? 14));
	const invoice: Json = {
		id,
		invoiceLines: sums.lines,
		invoiceVatInfos: sums.vatInfos.map((v) => ({ ...v, invoiceId: id })),
		invoiceRecipients: storeRecipients(recipients, id),
		invoiceNo,
		invoiceDate,
		invoiceDueDate: dueDate,
		sumVAT: sums.sumVAT,
		sumNet: sums.sumNet,
		sumRemaining: sums.sumTotal,
		sumTotal: sums.sumTotal,
		followUpDate: dueDate,
		status: 'INVOICE_CREATED',
		type,
		customerId: customer.id,
		invoiceLanguage: body.invoiceLanguage ?? 'NO',
		invoiceCurrency: body.invoiceCurrency ?? 'NOK',
		exchangeRate: body.exchangeRate ?? 1,
		isCreatedInOtherSystem: otherSystem,
		kid: body.kid ?? kidFor(invoiceNo),
		bankAccountId: bankAccount.id,
		showDiscount: body.showDiscount ?? true,
		_createdAt: osloDateTime(),
		_createdByIp: '127.0.0.1',
		_events: [],
	};
	for (const key of [
		'exchangeRateReferenceDate', 'departmentId', 'projectId', 'personalMessage', 'customerReference', 'orgReference',
		'ehfAdditionalDocumentReference', 'ehfContractDocumentReference', 'ehfOrderReference', 'deliveryDate', 'deliveryAddress',
		'deliveryPostcode', 'deliveryCity', 'deliveryCountry', 'saleId', 'attachmentFileId',
	]) {
		if (body[key] !== undefined) invoice[key] = body[key];
	}
	if (body.invoiceRepeat) invoice.invoiceRepeat = { id, ...body.invoiceRepeat, invoiceId: id, orgId: org.id, createdByUserId: 0 };
	invoice.invoiceFileId = otherSystem
		? body.invoiceFileId
		: storeFile(state, org.id, `Faktura-${invoiceNo}.pdf`, 'application/pdf', pdfBytes(`Faktura ${invoiceNo}`));
	if (draft) org.data.drafts = org.data.drafts.filter((d) => d !== draft);
	org.data.invoices.push(invoice);
	addInvoiceEvent(state, invoice, type === 'CASH' ? 'CASH_INVOICE_CREATED' : 'INVOICE_CREATED', { fileId: invoice.invoiceFileId });
	deliveryEvents(state, invoice, 'INVOICE');
	return { status: 200, body: publicView(invoice) };
}

/** `POST {o}/invoices/{id}/credit-note` once the body passed the schema: a credit note for the whole invoice. */
export function creditInvoice(state: ContaState, original: Json, body: Json, org: { id: number; data: OrgData }): SimReply {
	if (original.type === 'CREDIT' || original.creditedInvoiceId)
		return customError('CannotCreditCreditNotesException', 'A credit note can not be credited.');
	if (original._creditNoteId || !['INVOICE_CREATED', 'PAYMENT_REMINDER_CREATED', 'CLOSED_BY_PAYMENT'].includes(String(original.status)))
		return customError('InvoiceCanNotBeCreditedException', `Invoice ${original.invoiceNo} can not be credited (status ${original.status}).`);
	const parts = org.data.payments.flatMap((p) => (p.partialPayments as Json[]).map((part) => ({ payment: p, part }))).filter((x) => x.part.invoiceId === original.id);
	if (parts.length && body.removePaymentsIfExist !== true)
		return customError('InvoiceHasPaymentsException', `Invoice ${original.invoiceNo} has payments. Remove them first, or credit it with removePaymentsIfExist.`);
	const recipients = (body.invoiceRecipients ?? []) as Json[];
	if (recipients.some((r) => r.type === 'EFAKTURA'))
		return customError('EfakturaCanBeUsedForNormalInvoicesOnlyException', 'eFaktura can only be used for normal invoices.');
	const otherSystem = body.isCreatedInOtherSystem === true;
	if (otherSystem && body.invoiceFileId === undefined)
		return customError('OldInvoiceNeedsToUploadFileException', 'A credit note created in another system needs its uploaded file (invoiceFileId).');
	if (body.invoiceFileId !== undefined && !fileOf(state, org.id, body.invoiceFileId)) return notFoundId('file', body.invoiceFileId);

	for (const { payment, part } of parts) {
		payment.partialPayments = (payment.partialPayments as Json[]).filter((p) => p !== part);
		if ((payment.partialPayments as Json[]).length === 0) {
			org.data.payments = org.data.payments.filter((p) => p !== payment);
			org.data.transactions = org.data.transactions.filter((t) => !(t._paymentTransaction && t.id === payment.transactionId));
		}
		recomputeInvoice(state, org.id, original);
		addInvoiceEvent(state, original, 'DELETED_PAYMENT', { sumRemainingChanged: part.amount });
	}

	const id = nextId(state, 'invoice');
	const invoiceNo: number = otherSystem ? body.invoiceNo : (state.nextInvoiceNo[org.id] = (state.nextInvoiceNo[org.id] ?? 1) + 1) - 1;
	const date: string = body.creditNoteDate ?? original.invoiceDate;
	const sums = bookLines(
		((original.invoiceLines ?? []) as Json[]).map((line) => ({ ...line, quantity: -Number(line.quantity), sumNet: undefined, sumDiscount: undefined, lineNo: undefined })),
		'invoiceId',
		id,
	);
	const credit: Json = {
		id,
		invoiceLines: sums.lines,
		invoiceVatInfos: sums.vatInfos.map((v) => ({ ...v, invoiceId: id })),
		invoiceRecipients: storeRecipients(recipients, id),
		invoiceNo,
		invoiceDate: date,
		invoiceDueDate: date,
		sumVAT: sums.sumVAT,
		sumNet: sums.sumNet,
		sumRemaining: 0,
		sumTotal: sums.sumTotal,
		followUpDate: date,
		status: 'CLOSED_BY_CREDIT_NOTE',
		type: 'CREDIT',
		customerId: original.customerId,
		invoiceLanguage: original.invoiceLanguage,
		invoiceCurrency: original.invoiceCurrency,
		exchangeRate: original.exchangeRate,
		isCreatedInOtherSystem: otherSystem,
		bankAccountId: original.bankAccountId,
		showDiscount: original.showDiscount,
		creditedInvoiceNo: original.invoiceNo,
		creditedInvoiceDate: original.invoiceDate,
		creditedInvoiceId: original.id,
		_createdAt: osloDateTime(),
		_createdByIp: '127.0.0.1',
		_events: [],
	};
	for (const key of ['customerReference', 'ehfAdditionalDocumentReference', 'ehfContractDocumentReference', 'ehfOrderReference', 'departmentId', 'projectId']) {
		const value = body[key] ?? original[key];
		if (value !== undefined) credit[key] = value;
	}
	credit.invoiceFileId = otherSystem
		? body.invoiceFileId
		: storeFile(state, org.id, `Kreditnota-${invoiceNo}.pdf`, 'application/pdf', pdfBytes(`Kreditnota ${invoiceNo}`));
	org.data.invoices.push(credit);
	addInvoiceEvent(state, credit, 'CREDIT_NOTE_CREATED', {
		creditedInvoiceId: original.id,
		creditedInvoiceNo: original.invoiceNo,
		fileId: credit.invoiceFileId,
	});
	deliveryEvents(state, credit, 'CREDIT_NOTE');

	const remainingBefore = Number(original.sumRemaining);
	original._creditNoteId = id;
	recomputeInvoice(state, org.id, original);
	addInvoiceEvent(state, original, 'INVOICE_CREDITED', {
		sumRemainingChanged: -remainingBefore,
		creditNoteInvoiceId: id,
		creditNoteInvoiceNo: invoiceNo,
		fileId: credit.invoiceFileId,
	});
	return { status: 200, body: publicView(credit) };
}

export function invoiceRoutes(sim: ContaSimulator): Route[] {
	return [
		{
			method: 'GET',
			pattern: `${O}/invoices`,
			handler: sim.org((req, _params, org) => {
				const reply = search(
					req,
					org.data.invoices.map((invoice) => ({ ...invoiceHit(invoice, org.data, req.query), _invoice: invoice })),
					{
						searchable: ['invoiceNo', 'customerName', 'customerOrgNo', 'customerReference', 'kid', 'invoiceLineDescription'],
						sortable: ['id', 'invoiceNo', 'invoiceDate', 'invoiceDueDate', 'customerName', 'sumTotal', 'sumRemaining', 'status', 'createdAt'],
						sumField: 'sumTotal',
						dateField: '_createdAt',
						filters: {
							type: { type: 'enum', values: ['PAID', 'UNPAID', 'ACTIVE', 'REPEATING', 'OVERDUE', 'PAYMENT_REMINDERS_OVERDUE', 'FOLLOW_UP', 'KRAVIA'] },
							customerId: { type: 'integer', min: 1 },
							departmentId: { type: 'integer', min: 1 },
							projectId: { type: 'integer', min: 1 },
							isCreatedInOtherSystem: { type: 'boolean' },
							invoiceNo: { type: 'integer', min: 1 },
							invoiceCurrency: { type: 'string', min: 3, max: 3 },
							includeCreatedAt: { type: 'boolean' },
							includeCreatedByIp: { type: 'boolean' },
							kraviaInvoiceStatuses: { type: 'array', items: { type: 'enum', values: ['ACTIVE', 'WITHDRAWN', 'CLOSED'] } },
						},
						filter: (hit, q) => {
							const invoice = hit._invoice as Json;
							if (!matchesListType(invoice, q.type)) return false;
							if (q.customerId && String(invoice.customerId) !== q.customerId) return false;
							if (q.departmentId && String(invoice.departmentId) !== q.departmentId) return false;
							if (q.projectId && String(invoice.projectId) !== q.projectId) return false;
							if (q.invoiceNo && String(invoice.invoiceNo) !== q.invoiceNo) return false;
							if (q.invoiceCurrency && invoice.invoiceCurrency !== q.invoiceCurrency) return false;
							if (q.isCreatedInOtherSystem && String(!!invoice.isCreatedInOtherSystem) !== q.isCreatedInOtherSystem) return false;
							const kravia = req.query.kraviaInvoiceStatuses;
							if (kravia !== undefined) {
								const wanted = Array.isArray(kravia) ? kravia : [kravia];
								if (!wanted.includes(String(invoice.kraviaInvoiceStatus))) return false;
							}
							return true;
						},
					},
				);
				return reply;
			}),
		},
		{
			method: 'POST',
			pattern: `${O}/invoices`,
			handler: sim.org((req, _params, org) => {
				const invalid = validateBody(INVOICE_BODY, req.body, createInputIssues(req.body));
				if (invalid) return invalid;
				return makeInvoice(sim.state, req.body as Json, org);
			}),
		},
		{
			method: 'GET',
			pattern: `${O}/invoices/:id`,
			handler: sim.org((_req, params, org) => {
				const id = pathInt(params.id, 'id');
				if (isReply(id)) return id;
				const invoice = org.data.invoices.find((i) => i.id === id);
				if (!invoice) return notFoundId('invoice', id);
				return { status: 200, body: publicView(invoice) };
			}),
		},
		{
			method: 'POST',
			pattern: `${O}/invoices/:id/credit-note`,
			handler: sim.org((req, params, org) => {
				const id = pathInt(params.id, 'id');
				if (isReply(id)) return id;
				const body = req.body as Json;
				const invalid = validateBody(CREDIT_BODY, body, body && typeof body === 'object' && !Array.isArray(body) ? otherSystemIssues(body) : []);
				if (invalid) return invalid;
				const invoice = org.data.invoices.find((i) => i.id === id);
				if (!invoice) return notFoundId('invoice', id);
				return creditInvoice(sim.state, invoice, body, org);
			}),
		},
		{
			method: 'GET',
			pattern: `${O}/invoices/:invoiceId/events`,
			handler: sim.org((_req, params, org) => {
				const id = pathInt(params.invoiceId, 'invoiceId');
				if (isReply(id)) return id;
				const invoice = org.data.invoices.find((i) => i.id === id);
				if (!invoice) return notFoundId('invoice', id);
				const hits = ((invoice._events ?? []) as Json[]).map((event) => {
					const out: Json = {};
					for (const [key, value] of Object.entries(event)) if (value !== undefined) out[key] = value;
					return out;
				});
				return { status: 200, body: { hits, hitCount: hits.length, pageCount: hits.length ? 1 : 0, sum: 0 } };
			}),
		},
	];
}

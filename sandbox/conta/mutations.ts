/**
 * Direct changes to the Conta simulator's data, for tests, the real-n8n end-to-end cases and
 * demos: what happens in Conta when someone works in the web app (a new customer, an invoice, a
 * payment arriving, a credit note, a deleted payment, a payment reminder, a draft, a booked
 * transaction) without going through the API routes.
 *
 * Records are shaped like the seeds in `state.ts` (Conta's own model shapes plus `_` internal
 * fields), and invoice statuses and events follow the same rules (`recomputeInvoice`,
 * `addInvoiceEvent`), so the search routes show them exactly as they show API-made records.
 */
import {
	addDays,
	addInvoiceEvent,
	lineSums,
	nextId,
	orgData,
	osloDateTime,
	osloToday,
	pdfBytes,
	recomputeInvoice,
	round2,
	storeFile,
	type ContaState,
	type Json,
} from './state';

function findInvoice(state: ContaState, orgId: number, invoiceId: number): Json {
	const invoice = orgData(state, orgId).invoices.find((i) => i.id === invoiceId);
	if (!invoice) throw new Error(`No invoice ${invoiceId} in organization ${orgId}`);
	return invoice;
}

/** A new customer (`RouteV1CustomerModel`), as if made in the web app now. */
export function addCustomer(state: ContaState, orgId: number, fields: Json = {}): Json {
	const customer: Json = {
		id: nextId(state, 'customer'),
		name: 'Ny Kunde AS',
		customerType: 'ORGANIZATION',
		contacts: [],
		daysUntilPaymentReminder: 14,
		daysUntilEstimateOverdue: 14,
		defaultInvoiceDiscount: 0,
		customerAddressCountry: 'NO',
		invoiceDeliveryMethod: 'EMAIL',
		isActive: true,
		_createdAt: osloDateTime(),
		...fields,
	};
	orgData(state, orgId).customers.push(customer);
	return customer;
}

export interface InvoiceLineInput {
	description: string;
	price: number;
	quantity: number;
	discount?: number;
	vatCode: string;
}

/** A new issued invoice (`RouteV1InvoiceModel`, status INVOICE_CREATED) with its PDF and first event. */
export function addInvoice(
	state: ContaState,
	orgId: number,
	customerId: number,
	lines: InvoiceLineInput[],
	fields: Json = {},
): Json {
	const data = orgData(state, orgId);
	const sums = lineSums(lines.map((line) => ({ discount: 0, ...line })));
	const id = nextId(state, 'invoice');
	state.nextInvoiceNo[orgId] ??= 1;
	const invoiceNo = state.nextInvoiceNo[orgId]++;
	const invoiceDate = osloToday();
	const createdAt = osloDateTime();
	const record: Json = {
		id,
		type: 'NORMAL',
		status: 'INVOICE_CREATED',
		invoiceNo,
		customerId,
		invoiceDate,
		invoiceDueDate: addDays(invoiceDate, 14),
		followUpDate: addDays(invoiceDate, 14),
		invoiceLanguage: 'NO',
		invoiceCurrency: 'NOK',
		exchangeRate: 1,
		showDiscount: true,
		isCreatedInOtherSystem: false,
		bankAccountId: data.bankAccounts[0]?.id,
		invoiceLines: sums.lines.map((l) => ({ ...l, bookkeepingAccountNo: '3000', vatId: 3, invoiceId: id })),
		invoiceRecipients: [],
		invoiceVatInfos: sums.vatInfos,
		sumNet: sums.sumNet,
		sumVAT: sums.sumVAT,
		sumTotal: sums.sumTotal,
		sumRemaining: sums.sumTotal,
		totalSumRemaining: sums.sumTotal,
		kid: `${String(invoiceNo).padStart(8, '0')}5`,
		_createdAt: createdAt,
		_createdByIp: '127.0.0.1',
		_events: [],
		...fields,
	};
	record.invoiceFileId = storeFile(state, orgId, `Faktura-${invoiceNo}.pdf`, 'application/pdf', pdfBytes(`Faktura ${invoiceNo}`));
	data.invoices.push(record);
	addInvoiceEvent(state, record, 'INVOICE_CREATED', { createdAt, date: invoiceDate });
	return record;
}

/**
 * A single-part payment on an invoice (`RouteV1PaymentModel`), as if registered in the web app or
 * read from the bank (OCR). The invoice's sumRemaining and status follow.
 */
export function payInvoice(
	state: ContaState,
	orgId: number,
	invoiceId: number,
	amount?: number,
	options: { date?: string; paymentType?: 'MANUAL' | 'OCR_CREMUL' } = {},
): Json {
	const data = orgData(state, orgId);
	const invoice = findInvoice(state, orgId, invoiceId);
	const paid = round2(amount ?? Number(invoice.sumRemaining));
	const paymentId = nextId(state, 'payment');
	const date = options.date ?? osloToday();
	const payment: Json = {
		id: paymentId,
		paymentType: options.paymentType ?? 'MANUAL',
		isFromKravia: false,
		isMultiPayment: false,
		totalAmount: paid,
		partialPayments: [
			{ id: nextId(state, 'partialPayment'), date, amount: paid, amountForeignCurrency: 0, invoiceId, paymentId },
		],
		_bankAccountId: data.bankAccounts[0]?.id,
		_createdAt: osloDateTime(),
	};
	data.payments.push(payment);
	recomputeInvoice(state, orgId, invoice);
	addInvoiceEvent(state, invoice, options.paymentType === 'OCR_CREMUL' ? 'OCR_PAYMENT_RECEIVED' : 'PAYMENT_RECEIVED', {
		sumRemainingChanged: -paid,
		date,
	});
	return payment;
}

/** Deletes a payment; the invoices it paid reopen. */
export function deletePayment(state: ContaState, orgId: number, paymentId: number): void {
	const data = orgData(state, orgId);
	const index = data.payments.findIndex((p) => p.id === paymentId);
	if (index === -1) throw new Error(`No payment ${paymentId} in organization ${orgId}`);
	const [payment] = data.payments.splice(index, 1);
	for (const part of payment.partialPayments as Json[]) {
		const invoice = data.invoices.find((i) => i.id === part.invoiceId);
		if (!invoice) continue;
		recomputeInvoice(state, orgId, invoice);
		addInvoiceEvent(state, invoice, 'DELETED_PAYMENT', { sumRemainingChanged: Number(part.amount) });
	}
}

/** A full credit note for an invoice (type CREDIT); the invoice closes (CLOSED_BY_CREDIT_NOTE). */
export function creditInvoice(state: ContaState, orgId: number, invoiceId: number): Json {
	const data = orgData(state, orgId);
	const invoice = findInvoice(state, orgId, invoiceId);
	const id = nextId(state, 'invoice');
	const invoiceNo = state.nextInvoiceNo[orgId]++;
	const today = osloToday();
	const createdAt = osloDateTime();
	const negate = (n: unknown) => round2(-Number(n));
	const credit: Json = {
		...invoice,
		id,
		type: 'CREDIT',
		status: 'INVOICE_CREATED',
		invoiceNo,
		invoiceDate: today,
		creditedInvoiceId: invoice.id,
		creditedInvoiceNo: invoice.invoiceNo,
		creditedInvoiceDate: invoice.invoiceDate,
		invoiceLines: (invoice.invoiceLines as Json[]).map((l) => ({ ...l, price: negate(l.price), sumNet: negate(l.sumNet), invoiceId: id })),
		sumNet: negate(invoice.sumNet),
		sumVAT: negate(invoice.sumVAT),
		sumTotal: negate(invoice.sumTotal),
		sumRemaining: 0,
		totalSumRemaining: 0,
		kid: undefined,
		_createdAt: createdAt,
		_events: [],
	};
	credit.invoiceFileId = storeFile(state, orgId, `Kreditnota-${invoiceNo}.pdf`, 'application/pdf', pdfBytes(`Kreditnota ${invoiceNo}`));
	data.invoices.push(credit);
	addInvoiceEvent(state, credit, 'CREDIT_NOTE_CREATED', { createdAt, creditedInvoiceId: invoice.id, creditedInvoiceNo: invoice.invoiceNo });
	invoice._creditNoteId = id;
	const before = Number(invoice.sumRemaining);
	recomputeInvoice(state, orgId, invoice);
	addInvoiceEvent(state, invoice, 'INVOICE_CREDITED', {
		sumRemainingChanged: -before,
		creditNoteInvoiceId: id,
		creditNoteInvoiceNo: invoiceNo,
	});
	return credit;
}

/** A payment reminder on an open invoice (status PAYMENT_REMINDER_CREATED; it stays open). */
export function remindInvoice(state: ContaState, orgId: number, invoiceId: number, fee = 35): Json {
	const invoice = findInvoice(state, orgId, invoiceId);
	const today = osloToday();
	invoice.status = 'PAYMENT_REMINDER_CREATED';
	invoice.invoicePaymentReminder = { date: today, dueDate: addDays(today, 14), fee, interest: 0, paymentReminderType: 'PAYMENT_REMINDER' };
	addInvoiceEvent(state, invoice, 'PAYMENT_REMINDER_CREATED');
	return invoice;
}

/** A new invoice draft (`RouteV1InvoiceDraftModel`). */
export function addDraft(state: ContaState, orgId: number, customerId: number, lines: InvoiceLineInput[], fields: Json = {}): Json {
	const sums = lineSums(lines.map((line) => ({ discount: 0, ...line })));
	const draft: Json = {
		id: nextId(state, 'draft'),
		registrationSource: 'CONTA',
		type: 'NORMAL',
		customerId,
		invoiceLanguage: 'NO',
		invoiceCurrency: 'NOK',
		exchangeRate: 1,
		invoiceDraftLines: sums.lines.map((l) => ({ ...l, bookkeepingAccountNo: '3000', vatId: 3 })),
		sumNet: sums.sumNet,
		sumVAT: sums.sumVAT,
		sumTotal: sums.sumTotal,
		sumRemaining: sums.sumTotal,
		_createdAt: osloDateTime(),
		...fields,
	};
	orgData(state, orgId).drafts.push(draft);
	return draft;
}

/** A booked manual transaction (`RouteV1TransactionModel`): `amount` from `debit` to `credit`. */
export function addTransaction(
	state: ContaState,
	orgId: number,
	fields: { description: string; amount: number; debit?: string; credit?: string; date?: string },
): Json {
	state.nextTransactionNo[orgId] ??= 1;
	const transactionNo = state.nextTransactionNo[orgId]++;
	const date = fields.date ?? osloToday();
	const year = Number(date.slice(0, 4));
	const debit = fields.debit ?? '6300';
	const credit = fields.credit ?? '1920';
	const tx: Json = {
		id: nextId(state, 'transaction'),
		transactionNo,
		transactionYear: year,
		transactionNoYear: `${transactionNo}-${year}`,
		date,
		description: fields.description,
		lockedStatus: 'OPEN',
		transactionSourceType: 'ADVANCED_TRANSACTION',
		transactionType: 'MANUAL_TRANSACTION',
		createdAt: osloDateTime(),
		isResetTransaction: false,
		paymentType: 'NOT_PAID',
		transactionLines: [
			{ id: nextId(state, 'transactionLine'), bookkeepingAccountNo: debit, amount: fields.amount, description: fields.description, isCorrection: false },
			{ id: nextId(state, 'transactionLine'), bookkeepingAccountNo: credit, amount: -fields.amount, description: fields.description, isCorrection: false },
		],
		transactionLinesAdvanced: [
			{ date, description: fields.description, amount: fields.amount, debitBookkeepingAccountNo: debit, creditBookkeepingAccountNo: credit },
		],
		transactionAttachments: [],
		_createdByUserName: 'API user',
	};
	orgData(state, orgId).transactions.push(tx);
	return tx;
}

/**
 * Make the id counters continue after the highest id stored, so new records get the newest ids
 * (as in Conta) even after other code stored records with explicit high ids.
 */
export function continueIdsAfterExisting(state: ContaState): void {
	const kinds: Array<[keyof ContaState['ids'], keyof ReturnType<typeof orgData>]> = [
		['customer', 'customers'],
		['invoice', 'invoices'],
		['draft', 'drafts'],
		['payment', 'payments'],
		['transaction', 'transactions'],
	];
	for (const [kind, list] of kinds) {
		const highest = Object.values(state.data)
			.flatMap((data) => data[list] as Json[])
			.reduce((max, record) => Math.max(max, Number(record.id) || 0), 0);
		if (state.ids[kind] <= highest) state.ids[kind] = highest + 1;
	}
}

/**
 * Direct changes to the Conta simulator's data, for tests, the real-n8n end-to-end cases and
 * demos: what happens in Conta when someone works in the web app (a new customer, an invoice, a
 * payment arriving, a credit note, a deleted payment, a payment reminder, a draft, a booked
 * transaction) without an HTTP request.
 *
 * Each change runs the same code the simulator's routes (or seeds) use: invoices through
 * `storeInvoice`, payments through `registerPayment` / `removePayment`, credit notes through the
 * credit-note route's logic, drafts through `makeDraft`, transactions through `makeTransaction`,
 * so the search routes show them exactly as they show API-made records.
 */
import { creditInvoice as creditInvoiceRoute } from './routes/invoices';
import { makeDraft } from './routes/drafts';
import { registerPayment, removePayment } from './routes/payments';
import { makeTransaction } from './routes/transactions';
import type { SimReply } from '../framework';
import {
	addDays,
	addInvoiceEvent,
	nextId,
	orgData,
	osloDateTime,
	osloToday,
	round2,
	storeInvoice,
	type ContaState,
	type Json,
} from './state';

function findInvoice(state: ContaState, orgId: number, invoiceId: number): Json {
	const invoice = orgData(state, orgId).invoices.find((i) => i.id === invoiceId);
	if (!invoice) throw new Error(`No invoice ${invoiceId} in organization ${orgId}`);
	return invoice;
}

/** The record an API-logic function stored, or an error naming Conta's refusal. */
function stored(reply: SimReply, list: Json[]): Json {
	if (reply.status !== 200) throw new Error(`Conta refused: ${JSON.stringify(reply.body)}`);
	return list[list.length - 1];
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

/** A new issued invoice (`RouteV1InvoiceModel`, status INVOICE_CREATED) dated today, with its PDF and first event. */
export function addInvoice(state: ContaState, orgId: number, customerId: number, lines: InvoiceLineInput[]): Json {
	const today = osloToday();
	return storeInvoice(state, orgId, { customerId, lines: lines as unknown as Json[], invoiceDate: today, createdAt: osloDateTime() });
}

/**
 * A single-part payment on an invoice (`RouteV1PaymentModel`), as if registered in the web app or
 * read from the bank (OCR), booked the way the payment route books it. The invoice's sumRemaining
 * and status follow.
 */
export function payInvoice(
	state: ContaState,
	orgId: number,
	invoiceId: number,
	amount?: number,
	options: { date?: string; paymentType?: 'MANUAL' | 'OCR_CREMUL' } = {},
): Json {
	const invoice = findInvoice(state, orgId, invoiceId);
	const bankAccount = orgData(state, orgId).bankAccounts.find((a) => a.allowedForInvoicing) ?? { id: 0, bookkeepingAccountNo: '1920' };
	return registerPayment(state, orgId, invoice, bankAccount, {
		date: options.date ?? osloToday(),
		amount: round2(amount ?? Number(invoice.sumRemaining)),
		paymentType: options.paymentType,
	});
}

/** Deletes a payment the way the payment route does; the invoices it paid reopen. */
export function deletePayment(state: ContaState, orgId: number, paymentId: number): void {
	const payment = orgData(state, orgId).payments.find((p) => p.id === paymentId);
	if (!payment) throw new Error(`No payment ${paymentId} in organization ${orgId}`);
	removePayment(state, orgId, payment);
}

/**
 * A full credit note for an invoice, made the way the credit-note route makes it (payments are
 * removed first): type CREDIT, status CLOSED_BY_CREDIT_NOTE; the invoice closes too.
 */
export function creditInvoice(state: ContaState, orgId: number, invoiceId: number): Json {
	const invoice = findInvoice(state, orgId, invoiceId);
	const data = orgData(state, orgId);
	return stored(creditInvoiceRoute(state, invoice, { removePaymentsIfExist: true }, { id: orgId, data }), data.invoices);
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

/** A new invoice draft (`RouteV1InvoiceDraftModel`), made the way the draft route makes it. */
export function addDraft(state: ContaState, orgId: number, customerId: number, lines: InvoiceLineInput[], fields: Json = {}): Json {
	const data = orgData(state, orgId);
	const body = { registrationSource: 'CONTA', customerId, invoiceDraftLines: lines.map((line) => ({ discount: 0, ...line })), ...fields };
	return stored(makeDraft(state, body, { id: orgId, data }), data.drafts);
}

/** A booked manual transaction (`RouteV1TransactionModel`): `amount` from `debit` to `credit`, as the transaction route books it. */
export function addTransaction(
	state: ContaState,
	orgId: number,
	fields: { description: string; amount: number; debit?: string; credit?: string; date?: string },
): Json {
	const date = fields.date ?? osloToday();
	const transaction = makeTransaction(state, orgId, {
		transactionType: 'MANUAL_TRANSACTION',
		description: fields.description,
		date,
		transactionLinesAdvanced: [
			{
				date,
				description: fields.description,
				amount: fields.amount,
				debitBookkeepingAccountNo: fields.debit ?? '6300',
				creditBookkeepingAccountNo: fields.credit ?? '1920',
			},
		],
	});
	orgData(state, orgId).transactions.push(transaction);
	return transaction;
}

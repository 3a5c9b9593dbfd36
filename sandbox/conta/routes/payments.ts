/**
 * Payments:
 * - `GET {o}/invoice-payments`: search across invoices (paged envelope).
 * - `POST {o}/invoices/{invoiceId}/payments` (`RouteV1CreateSinglePaymentInputModel` →
 *   `RouteV1PaymentModel`): one single-part payment on one NOK invoice. It books a payment
 *   transaction (debit the bank account's bookkeeping account, credit 1500 with the customer),
 *   lowers `sumRemaining`, closes the invoice (`CLOSED_BY_PAYMENT`) when nothing is left, and adds
 *   a `PAYMENT_RECEIVED` event.
 * - `GET {o}/invoices/{id}/payments`: a bare array of the payments that touch the invoice.
 * - `DELETE {o}/payments/{id}`: 200 with an empty body; removes the payment and its transaction,
 *   reopens the invoice (`INVOICE_CREATED`) and adds a `DELETED_PAYMENT` event.
 *
 * Assumptions (the spec does not say):
 * - A search hit is one part of a payment on one invoice, and its `id` is the payment id
 *   (`RouteV1PaymentModel.id`, the id Delete takes). The API only creates single-part payments,
 *   so the ids are unique for those. `fromDate`/`toDate` filter on the payment's `date`
 *   (createdAt is not in the hit).
 * - The spec marks no body field as required, but Conta can't book a payment without a bank
 *   account (conta.md 5.6), so a missing `bankAccountId` is an INPUT `required` error and an
 *   unknown one a 404. A missing `date` means today (Oslo).
 * - A credit note can't be paid (`WrongInvoiceTypeException`); an invoice closed by a credit note
 *   has nothing left (`AmountGreaterThanRemainingOnInvoiceException` with `remainingOnInvoice: 0`).
 */
import type { Route } from '../../framework';
import { customError, isReply, notFoundId, pathInt, type ContaSimulator } from '../index';
import { issue, validateBody, type Field, type InputIssue } from '../schema';
import { search } from '../search';
import {
	addInvoiceEvent,
	nextId,
	orgData,
	osloDateTime,
	osloToday,
	publicView,
	recomputeInvoice,
	round2,
	storeInvoice,
	type ContaState,
	type Json,
	type OrgData,
} from '../state';

const O = '/invoice/organizations/:orgId';

/** `RouteV1CreateSinglePaymentInputModel`. */
const CREATE_PAYMENT: Record<string, Field> = {
	date: { type: 'date' },
	bankAccountId: { type: 'integer', min: 1 },
	description: { type: 'string', min: 1, max: 500 },
	returnPaymentDate: { type: 'date' },
	departmentId: { type: 'integer', min: 1 },
	projectId: { type: 'integer', min: 1 },
	amount: { type: 'number', min: 0.01, max: 99999999999.99 },
};

export function paymentHits(data: OrgData): Json[] {
	return data.payments.flatMap((payment) =>
		(payment.partialPayments as Json[]).map((part) => {
			const invoice = data.invoices.find((i) => i.id === part.invoiceId) ?? {};
			const customer = data.customers.find((c) => c.id === invoice.customerId) ?? {};
			return {
				id: payment.id,
				customerId: invoice.customerId,
				customerName: customer.name,
				customerOrgNo: customer.orgNo,
				invoiceId: part.invoiceId,
				invoiceNo: invoice.invoiceNo,
				amount: part.amount,
				paymentType: payment.paymentType,
				date: part.date,
				kid: invoice.kid,
			};
		}),
	);
}

/** The ledger transaction behind a payment: debit the bank, credit accounts receivable (1500). */
function bookPayment(state: ContaState, orgId: number, invoice: Json, bankAccount: Json, date: string, amount: number, text: string, extra: Json): Json {
	const id = nextId(state, 'transaction');
	const transactionNo = state.nextTransactionNo[orgId] ?? 1;
	state.nextTransactionNo[orgId] = transactionNo + 1;
	const year = Number(date.slice(0, 4));
	const line = (fields: Json): Json => ({
		id: nextId(state, 'transactionLine'),
		transactionId: id,
		date,
		description: text,
		isCorrection: false,
		...(extra.departmentId ? { departmentId: extra.departmentId } : {}),
		...(extra.projectId ? { projectId: extra.projectId } : {}),
		...fields,
	});
	const transaction: Json = {
		id,
		transactionNo,
		transactionYear: year,
		transactionNoYear: `${transactionNo}-${year}`,
		date,
		description: text,
		lockedStatus: 'OPEN',
		transactionSourceType: 'SYSTEM_TRANSACTION',
		transactionType: 'MANUAL_TRANSACTION',
		createdAt: osloDateTime(),
		isResetTransaction: false,
		invoiceId: invoice.id,
		paymentType: 'ALREADY_PAID',
		transactionLines: [
			line({ bookkeepingAccountNo: String(bankAccount.bookkeepingAccountNo ?? '1920'), amount }),
			line({ bookkeepingAccountNo: '1500', amount: -amount, customerId: invoice.customerId, invoiceNo: String(invoice.invoiceNo), invoiceId: invoice.id }),
		],
		transactionLinesAdvanced: [],
		transactionAttachments: [],
		_createdByUserName: 'API user',
		_paymentTransaction: true,
	};
	orgData(state, orgId).transactions.push(transaction);
	return transaction;
}

/**
 * Book a single-part payment on `invoice` (after the route's checks): the ledger transaction, the
 * payment, the invoice's new sumRemaining/status and its PAYMENT_RECEIVED (or OCR_PAYMENT_RECEIVED)
 * event. Tests and `mutations.ts` use it for payments "made in the web app".
 */
export function registerPayment(
	state: ContaState,
	orgId: number,
	invoice: Json,
	bankAccount: Json,
	fields: { date: string; amount: number; description?: string; departmentId?: number; projectId?: number; returnPaymentDate?: string; paymentType?: 'MANUAL' | 'OCR_CREMUL' },
): Json {
	const { date, amount } = fields;
	const text = String(fields.description ?? `Innbetaling faktura ${invoice.invoiceNo}`);
	const transaction = bookPayment(state, orgId, invoice, bankAccount, date, amount, text, fields);
	const paymentId = nextId(state, 'payment');
	const payment: Json = {
		id: paymentId,
		paymentType: fields.paymentType ?? 'MANUAL',
		transactionId: transaction.id,
		isFromKravia: false,
		isMultiPayment: false,
		totalAmount: amount,
		partialPayments: [{ id: nextId(state, 'partialPayment'), date, amount, amountForeignCurrency: 0, invoiceId: invoice.id, paymentId }],
		_bankAccountId: bankAccount.id,
		_description: fields.description,
		_departmentId: fields.departmentId,
		_projectId: fields.projectId,
		_returnPaymentDate: fields.returnPaymentDate,
		_createdAt: osloDateTime(),
	};
	orgData(state, orgId).payments.push(payment);
	recomputeInvoice(state, orgId, invoice);
	addInvoiceEvent(state, invoice, fields.paymentType === 'OCR_CREMUL' ? 'OCR_PAYMENT_RECEIVED' : 'PAYMENT_RECEIVED', {
		date,
		sumRemainingChanged: -amount,
		transactionNoYear: transaction.transactionNoYear,
	});
	return payment;
}

/** Delete a payment and its ledger transaction; the invoices it paid reopen (DELETED_PAYMENT events). */
export function removePayment(state: ContaState, orgId: number, payment: Json): void {
	const data = orgData(state, orgId);
	const invoices = touchedInvoices(data, payment);
	data.payments = data.payments.filter((p) => p !== payment);
	data.transactions = data.transactions.filter((t) => !(t._paymentTransaction && t.id === payment.transactionId));
	for (const invoice of invoices) {
		const amount = round2((payment.partialPayments as Json[]).filter((p) => p.invoiceId === invoice.id).reduce((s, p) => s + Number(p.amount), 0));
		recomputeInvoice(state, orgId, invoice);
		addInvoiceEvent(state, invoice, 'DELETED_PAYMENT', { sumRemainingChanged: amount });
	}
}

/** Invoices that one of `payment`'s parts points at. */
function touchedInvoices(data: OrgData, payment: Json): Json[] {
	const ids = new Set((payment.partialPayments as Json[]).map((p) => p.invoiceId));
	return data.invoices.filter((invoice) => ids.has(invoice.id));
}

/**
 * Add an open invoice to organization 101 for tests that must not touch the seeded invoices (the
 * e2e case pays it). `id`/`invoiceNo` are fixed so workflows can name it; its PDF gets `fileId`.
 * Idempotent: does nothing when the id exists.
 */
export function addOpenInvoice(state: ContaState, options: { id: number; invoiceNo: number; fileId: number; price: number; customerId?: number; invoiceCurrency?: string }): Json {
	const existing = orgData(state, 101).invoices.find((i) => i.id === options.id);
	if (existing) return existing;
	const invoiceDate = osloToday();
	return storeInvoice(state, 101, {
		id: options.id,
		invoiceNo: options.invoiceNo,
		fileId: options.fileId,
		customerId: options.customerId ?? 5001,
		invoiceCurrency: options.invoiceCurrency,
		lines: [{ description: 'Rådgivning', price: options.price, quantity: 1, vatCode: 'high' }],
		invoiceDate,
		createdAt: `${invoiceDate}T08:00:00`,
	});
}

export function paymentRoutes(sim: ContaSimulator): Route[] {
	return [
		{
			method: 'GET',
			pattern: `${O}/invoice-payments`,
			handler: sim.org((req, _params, org) =>
				search(req, paymentHits(org.data), {
					searchable: ['customerName', 'customerOrgNo', 'invoiceNo', 'kid', 'amount'],
					sortable: ['id', 'date', 'amount', 'invoiceNo', 'customerName'],
					sumField: 'amount',
					dateField: 'date',
				}),
			),
		},
		{
			method: 'POST',
			pattern: `${O}/invoices/:invoiceId/payments`,
			handler: sim.org((req, params, org) => {
				const invoiceId = pathInt(params.invoiceId, 'invoiceId');
				if (isReply(invoiceId)) return invoiceId;
				const isObject = !!req.body && typeof req.body === 'object' && !Array.isArray(req.body);
				const body: Json = isObject ? (req.body as Json) : {};
				// The schema marks nothing as required, but a payment needs an amount and a bank account.
				const missing: InputIssue[] = [];
				if (isObject) {
					if (body.amount === undefined) missing.push(issue('required', 'amount', undefined, 'The amount is required.', 'number'));
					if (body.bankAccountId === undefined)
						missing.push(issue('required', 'bankAccountId', undefined, 'The bank account id is required.', 'integer'));
				}
				const invalid = validateBody(CREATE_PAYMENT, req.body, missing);
				if (invalid) return invalid;
				const invoice = org.data.invoices.find((i) => i.id === invoiceId);
				if (!invoice) return notFoundId('invoice', invoiceId);
				const bankAccount = org.data.bankAccounts.find((a) => a.id === body.bankAccountId);
				if (!bankAccount) return notFoundId('bank account', body.bankAccountId);
				if (invoice.type === 'CREDIT') {
					return customError('WrongInvoiceTypeException', 'A payment can only be registered on a normal or cash invoice, not on a credit note.', {
						allowedTypes: ['NORMAL', 'CASH'],
					});
				}
				if ((invoice.invoiceCurrency ?? 'NOK') !== 'NOK') {
					return customError(
						'CannotProcessPaymentInvoiceInForeignCurrencyException',
						'The invoice is in a foreign currency. Register the payment with the foreign-currency payment route.',
					);
				}
				const today = osloToday();
				const date = String(body.date ?? today);
				if (date > today) {
					return customError('PaymentDateInFutureException', `The payment date ${date} is in the future. Today is ${today}.`, {
						today,
						dateProvided: date,
					});
				}
				const amount = round2(Number(body.amount));
				const remaining = round2(Number(invoice.sumRemaining ?? 0));
				if (amount > remaining) {
					return customError(
						'AmountGreaterThanRemainingOnInvoiceException',
						`The amount ${amount.toFixed(2)} is greater than the remaining amount ${remaining.toFixed(2)} on the invoice.`,
						{ amount, remainingOnInvoice: remaining },
					);
				}
				const payment = registerPayment(sim.state, org.id, invoice, bankAccount, { ...body, date, amount });
				return { status: 200, body: publicView(payment) };
			}),
		},
		{
			method: 'GET',
			pattern: `${O}/invoices/:id/payments`,
			handler: sim.org((_req, params, org) => {
				const id = pathInt(params.id, 'id');
				if (isReply(id)) return id;
				if (!org.data.invoices.some((i) => i.id === id)) return notFoundId('invoice', id);
				const list = org.data.payments.filter((p) => (p.partialPayments as Json[]).some((part) => part.invoiceId === id));
				return { status: 200, body: list.map((p) => publicView(p)) };
			}),
		},
		{
			method: 'DELETE',
			pattern: `${O}/payments/:id`,
			handler: sim.org((_req, params, org) => {
				const id = pathInt(params.id, 'id');
				if (isReply(id)) return id;
				const index = org.data.payments.findIndex((p) => p.id === id);
				if (index === -1) return notFoundId('payment', id);
				const payment = org.data.payments[index];
				const invoices = touchedInvoices(org.data, payment);
				const lossInvoice = invoices.find((i) => i.status === 'WRITTEN_OFF_AS_LOSS');
				if (lossInvoice) {
					return customError('InvoiceIsClosedWithLossException', `Invoice ${lossInvoice.invoiceNo} is written off as a loss; its payments can't be deleted.`);
				}
				removePayment(sim.state, org.id, payment);
				return { status: 200, body: '' };
			}),
		},
	];
}

/**
 * Accounting transactions:
 * - `GET {a}/transactions`: search.
 * - `POST {a}/transactions-advanced` (inline body ≈ `RouteV1MakeTransactionAdvancedInputModel` →
 *   `RouteV1TransactionModel`): creates and books a transaction from "advanced" lines. A line
 *   with both a debit and a credit account is split into two ledger lines ("single line"); lines
 *   with one side each must balance ("multi line").
 * - `GET {a}/transactions-advanced/{id}` → `RouteV1TransactionModel`.
 *
 * Checks, in Conta's order: the strict schema (INPUT 409), the per-line input rules with the ids
 * the spec lists for this route (INPUT 409), then business rules (CUSTOM 422):
 * `TransactionIsNotBalancedException` (`properties.sum` = debit − credit) and
 * `AtLeastOneLineShouldBeInTheSameYearAsTransactionException`.
 *
 * Assumptions (the spec names the rules but not their details):
 * - Account numbers are 4 digits from 1000 to 8999 (`bookkeepingAccountNoOutsideAllowedRange`).
 * - Customer ids only on 1500, supplier ids only on 2400, invoice numbers only on 1500/2400;
 *   crediting 2400 (a purchase) needs the supplier's invoice number.
 * - Accounts that can't carry VAT: 1500, 2400, bank/cash (19xx) and the VAT accounts (27xx).
 * - `paymentType: ALREADY_PAID` needs a line on a bank/cash account (`paidFromAccountRequired`).
 * - VAT: the input/output high/medium/low codes (25/15/12 %) are split onto the VAT accounts
 *   2710/2711/2712 (input) and 2700/2701/2702 (output); other codes are booked without a split.
 *   `proportionalVat` scales the split-off VAT. The amount sent includes VAT.
 * - At least one line is needed (the spec declares no minimum).
 */
import type { Route } from '../../framework';
import { customError, isReply, notFoundId, pathInt, type ContaSimulator } from '../index';
import { inputError, issue, validateBody, type Field, type InputIssue } from '../schema';
import { search } from '../search';
import { nextId, osloDateTime, publicView, round2, type ContaState, type Json, type OrgData } from '../state';

const A = '/accounting/organizations/:orgId';

/** `enumVatCodeTypeConst`, written from the spec. */
export const VAT_CODES = [
	'input.no.vat', 'input.high', 'input.high.adjustment', 'input.high.reversal', 'input.high.loss', 'input.medium',
	'input.medium.loss', 'input.raw.fish', 'input.low', 'input.low.loss', 'input.high.import', 'input.medium.import',
	'output.high', 'output.high.withdrawal', 'output.zero.rate', 'output.zero.rate.withdrawal', 'output.exempted',
	'output.exempted.withdrawal', 'output.no.vat', 'output.medium', 'output.medium.withdrawal', 'output.raw.fish',
	'output.low', 'output.low.withdrawal', 'output.reversed.vat', 'output.export', 'cost.no.vat', 'cost.high.basis.import',
	'cost.medium.basis.import', 'import.goods.high.deductible', 'import.goods.high.deductible.reversal',
	'import.goods.high.deductible.adjustment', 'import.goods.high.not.deductible', 'import.goods.medium.deductible',
	'import.goods.medium.not.deductible', 'import.goods.zero.rate', 'import.services.high.deductible',
	'import.services.high.not.deductible', 'import.services.low.deductible', 'import.services.low.not.deductible',
	'emission.or.gold.deductible', 'emission.or.gold.not.deductible',
] as const;

/** VAT codes the simulator splits: rate and VAT account. */
const VAT_SPLIT: Record<string, { rate: number; account: string }> = {
	'input.high': { rate: 25, account: '2710' },
	'input.medium': { rate: 15, account: '2711' },
	'input.low': { rate: 12, account: '2712' },
	'output.high': { rate: 25, account: '2700' },
	'output.medium': { rate: 15, account: '2701' },
	'output.low': { rate: 12, account: '2702' },
};

const id: Field = { type: 'integer', min: 1 };
const accountNo: Field = { type: 'string', min: 4, max: 4 };
const vatCode: Field = { type: 'enum', values: VAT_CODES };

/** `RouteV1TransactionLineAdvancedModel`. */
const LINE: Record<string, Field> = {
	id,
	transactionId: id,
	date: { type: 'date', required: true },
	dueDate: { type: 'date' },
	description: { type: 'string', required: true, min: 1, max: 500 },
	amount: { type: 'number', required: true, min: -99999999999.99, max: 99999999999.99 },
	debitBookkeepingAccountNo: accountNo,
	debitCustomerId: id,
	debitSupplierId: id,
	debitVatCode: vatCode,
	debitInvoiceId: id,
	debitInvoiceNo: { type: 'string', min: 1, max: 20 },
	creditBookkeepingAccountNo: accountNo,
	creditCustomerId: id,
	creditSupplierId: id,
	creditVatCode: vatCode,
	creditInvoiceId: id,
	creditInvoiceNo: { type: 'string', min: 1, max: 20 },
	departmentId: id,
	projectId: id,
	isPartOfPeriodization: { type: 'boolean' },
	proportionalVat: { type: 'number', min: 0, max: 100 },
};

/** `RouteV1BookkeepingAttachmentModel`. */
const ATTACHMENT: Record<string, Field> = {
	id,
	transactionId: id,
	openingBalanceId: id,
	transactionDraftId: id,
	bankAccountReconciliationId: id,
	accountingPartnerCaseAttachmentId: id,
	attachmentFileId: id,
	bookkeepingInboxFileId: id,
	status: { type: 'enum', values: ['INBOX', 'INBOX_TMP', 'ATTACHMENT', 'ATTACHMENT_TMP'] },
	mergedFileId: id,
};

const PERIODIZATION_ACCOUNTS = [
	...Array.from({ length: 100 }, (_, n) => String(1700 + n)),
	...Array.from({ length: 10 }, (_, n) => String(2900 + n)),
	'2960',
	'2965',
];

/** The inline request body of `POST {a}/transactions-advanced` (it also lists the output fields). */
const MAKE_TRANSACTION: Record<string, Field> = {
	transactionDraftId: id,
	transactionLinesAdvanced: { type: 'array', required: true, min: 1, items: { type: 'object', props: LINE } },
	transactionAttachments: { type: 'array', items: { type: 'object', props: ATTACHMENT } },
	transactionNo: id,
	transactionYear: { type: 'integer' },
	transactionNoYear: { type: 'string', min: 1, max: 100 },
	date: { type: 'date' },
	description: { type: 'string', min: 1, max: 2000 },
	lockedStatus: { type: 'enum', values: ['OPEN', 'LOCKED_BUT_UNLOCKABLE', 'LOCKED'] },
	transactionSourceType: {
		type: 'enum',
		values: [
			'ADVANCED_TRANSACTION', 'BULK_TRANSACTION', 'EHF_RECEIVED', 'EHF_AUTOMATICALLY_PROCESSED', 'REGISTER_BANK_STATEMENT',
			'REGISTER_INCOME', 'REGISTER_INITIAL_BALANCE', 'REGISTER_PURCHASE', 'SYSTEM_TRANSACTION', 'CREDIT_CARD_PURCHASE', 'TRITT',
			'GBAT10_IMPORT', 'FINSTA', 'PRO_TRANSACTION',
		],
	},
	invoiceId: id,
	creditNoteId: id,
	resetByTransactionId: id,
	transactionRevisionNo: { type: 'integer', min: 0, max: 255 },
	transactionType: { type: 'enum', required: true, values: ['MANUAL_TRANSACTION', 'INCOME_STATEMENT'] },
	isResetTransaction: { type: 'boolean' },
	periodization: {
		type: 'object',
		props: {
			id,
			orgId: { type: 'integer', min: 0 },
			transactionId: id,
			transactionDraftId: id,
			transactionHistoryId: id,
			startDate: { type: 'date' },
			bookkeepingAccountNo: { type: 'enum', values: PERIODIZATION_ACCOUNTS },
			months: { type: 'integer', min: 1, max: 36 },
		},
	},
	createdAt: { type: 'datetime' },
	ehfReceivedId: id,
	paymentType: { type: 'enum', values: ['NOT_PAID', 'PAY_WITH_CONTA', 'ALREADY_PAID'] },
};

const isBankOrCash = (account: string) => /^19\d\d$/.test(account);
const cannotHaveVat = (account: string) => account === '1500' || account === '2400' || isBankOrCash(account) || /^27\d\d$/.test(account);

/** The per-line input rules (ids from the spec's input-error table for this route). */
function lineIssues(body: Json): InputIssue[] {
	const out: InputIssue[] = [];
	const lines = body.transactionLinesAdvanced as Json[];
	lines.forEach((line, n) => {
		const at = (field: string) => `transactionLinesAdvanced.${n}.${field}`;
		if (line.debitBookkeepingAccountNo === undefined && line.creditBookkeepingAccountNo === undefined) {
			out.push(issue('bookkeepingAccountNoIsRequired', at('debitBookkeepingAccountNo'), null, 'A line needs a debit or a credit bookkeeping account.'));
		}
		if (Number(line.amount) === 0) out.push(issue('transactionLineAmountCannotBeZero', at('amount'), line.amount, 'The amount of a transaction line cannot be zero.', 'number'));
		for (const side of ['debit', 'credit'] as const) {
			const account = line[`${side}BookkeepingAccountNo`] as string | undefined;
			if (account === undefined) continue;
			if (!/^\d{4}$/.test(account) || Number(account) < 1000 || Number(account) > 8999) {
				out.push(issue('bookkeepingAccountNoOutsideAllowedRange', at(`${side}BookkeepingAccountNo`), account, `The bookkeeping account ${account} is outside the allowed range 1000–8999.`));
				continue;
			}
			if (line[`${side}CustomerId`] !== undefined && account !== '1500') {
				out.push(issue('wrongBookkeepingAccountNoAndCustomerIdAssociationOnLineAdvanced', at(`${side}CustomerId`), line[`${side}CustomerId`], 'A customer can only be given on bookkeeping account 1500.', 'integer'));
			}
			if (line[`${side}SupplierId`] !== undefined && account !== '2400') {
				out.push(issue('wrongBookkeepingAccountNoAndSupplierIdAssociationOnLineAdvanced', at(`${side}SupplierId`), line[`${side}SupplierId`], 'A supplier can only be given on bookkeeping account 2400.', 'integer'));
			}
			if (line[`${side}InvoiceNo`] !== undefined && account !== '1500' && account !== '2400') {
				out.push(issue('wrongBookkeepingAccountNoAndInvoiceNoAssociationOnLineAdvanced', at(`${side}InvoiceNo`), line[`${side}InvoiceNo`], 'An invoice number can only be given on bookkeeping accounts 1500 and 2400.'));
			}
			const code = line[`${side}VatCode`] as string | undefined;
			if (code !== undefined && !code.endsWith('.no.vat') && cannotHaveVat(account)) {
				out.push(issue('bookkeepingAccountCanNotHaveVat', at(`${side}VatCode`), code, `Bookkeeping account ${account} can not have VAT.`));
			}
		}
		if (line.creditBookkeepingAccountNo === '2400' && line.creditInvoiceNo === undefined) {
			out.push(issue('creditSupplierNeedsInvoiceNoOnPurchases', at('creditInvoiceNo'), null, "Crediting a supplier (account 2400) needs the supplier's invoice number."));
		}
	});
	if (body.paymentType === 'ALREADY_PAID') {
		const touchesBank = lines.some((l) => [l.debitBookkeepingAccountNo, l.creditBookkeepingAccountNo].some((a) => typeof a === 'string' && isBankOrCash(a)));
		if (!touchesBank) out.push(issue('paidFromAccountRequired', 'paymentType', body.paymentType, 'An already paid transaction needs a line on the bank or cash account it was paid from.'));
	}
	return out;
}

/** Ledger lines for one side of an advanced line (VAT split off where the code has a rate). */
function ledgerLines(state: ContaState, transactionId: number, line: Json, side: 'debit' | 'credit'): Json[] {
	const account = line[`${side}BookkeepingAccountNo`] as string | undefined;
	if (account === undefined) return [];
	const sign = side === 'debit' ? 1 : -1;
	const gross = round2(Number(line.amount));
	const code = line[`${side}VatCode`] as string | undefined;
	const split = code ? VAT_SPLIT[code] : undefined;
	const vat = split ? round2(((gross - gross / (1 + split.rate / 100)) * Number(line.proportionalVat ?? 100)) / 100) : 0;
	const base: Json = {
		transactionId,
		date: line.date,
		description: line.description,
		isCorrection: false,
	};
	for (const key of ['dueDate', 'departmentId', 'projectId', 'proportionalVat'] as const) if (line[key] !== undefined) base[key] = line[key];
	const main: Json = {
		id: nextId(state, 'transactionLine'),
		...base,
		bookkeepingAccountNo: account,
		amount: round2(sign * (gross - vat)),
	};
	if (line[`${side}CustomerId`] !== undefined) main.customerId = line[`${side}CustomerId`];
	if (line[`${side}SupplierId`] !== undefined) main.supplierId = line[`${side}SupplierId`];
	if (line[`${side}InvoiceNo`] !== undefined) main.invoiceNo = line[`${side}InvoiceNo`];
	if (line[`${side}InvoiceId`] !== undefined) main.invoiceId = line[`${side}InvoiceId`];
	if (code !== undefined) {
		main.vatCode = code;
		main.vatId = VAT_CODES.indexOf(code as (typeof VAT_CODES)[number]) + 1;
	}
	if (!split || vat === 0) return [main];
	return [main, { id: nextId(state, 'transactionLine'), ...base, bookkeepingAccountNo: split.account, amount: round2(sign * vat), vatCode: code, vatId: main.vatId }];
}

export function makeTransaction(state: ContaState, orgId: number, body: Json): Json {
	const txId = nextId(state, 'transaction');
	const lines = body.transactionLinesAdvanced as Json[];
	const date = String(body.date ?? lines[0].date);
	const year = Number(date.slice(0, 4));
	const transactionNo = state.nextTransactionNo[orgId] ?? 1;
	state.nextTransactionNo[orgId] = transactionNo + 1;
	const transaction: Json = {
		id: txId,
		transactionNo,
		transactionYear: year,
		transactionNoYear: `${transactionNo}-${year}`,
		date,
		lockedStatus: 'OPEN',
		transactionSourceType: 'ADVANCED_TRANSACTION',
		transactionType: body.transactionType,
		createdAt: osloDateTime(),
		isResetTransaction: false,
		paymentType: body.paymentType ?? 'NOT_PAID',
		transactionLines: lines.flatMap((line) => [...ledgerLines(state, txId, line, 'debit'), ...ledgerLines(state, txId, line, 'credit')]),
		transactionLinesAdvanced: lines.map((line) => ({ id: nextId(state, 'transactionLine'), transactionId: txId, ...line })),
		transactionAttachments: ((body.transactionAttachments ?? []) as Json[]).map((a) => ({ ...a, transactionId: txId })),
		_createdByUserName: 'API user',
	};
	if (body.description !== undefined) transaction.description = body.description;
	if (body.periodization !== undefined) transaction.periodization = { ...body.periodization, transactionId: txId, orgId };
	if (body.transactionDraftId !== undefined) transaction.transactionDraftId = body.transactionDraftId;
	return transaction;
}

/** Fields of `hits[].customers[]` in `RouteV1QueryResultTransactionSearchOutputModel` the simulator's customers can fill. */
const HIT_CUSTOMER_FIELDS = [
	'id', 'contacts', 'name', 'customerType', 'orgNo', 'ehfRecipientOrgNo', 'phoneNo', 'emailAddress', 'dateOfBirth',
	'parentCompanyNameForNuf', 'daysUntilPaymentReminder', 'daysUntilEstimateOverdue', 'defaultInvoiceDiscount',
	'customerAddressLine1', 'customerAddressLine2', 'customerAddressPostcode', 'customerAddressCity', 'customerAddressCountry',
	'mailingAddressLine1', 'mailingAddressLine2', 'mailingAddressPostcode', 'mailingAddressCity', 'mailingAddressCountry',
	'deliveryAddressLine1', 'deliveryAddressLine2', 'deliveryAddressPostcode', 'deliveryAddressCity', 'deliveryAddressCountry',
	'vismaNo', 'invoiceDeliveryMethod', 'isActive',
];
/** Fields of `hits[].suppliers[]`. */
const HIT_SUPPLIER_FIELDS = [
	'id', 'contacts', 'name', 'orgNo', 'phoneNo', 'emailAddress', 'supplierAddressLine1', 'supplierAddressLine2',
	'supplierAddressPostcode', 'supplierAddressCity', 'supplierAddressCountry', 'vismaNo', 'bankAccountNo', 'iban', 'swift',
];

function pick(record: Json, fields: string[], orgId: number): Json {
	const out: Json = { orgId };
	for (const field of fields) if (record[field] !== undefined) out[field] = record[field];
	return out;
}

/**
 * A search hit (`RouteV1QueryResultTransactionSearchOutputModel.hits[]`). `customers` and
 * `suppliers` are the customers and suppliers on the ledger lines (a supplier id the simulator does
 * not know is left out); `customerSupplierName` ("Customer(s) and/or supplier(s) name", minLength 1)
 * names them, customers first, and is left out when there are none.
 */
export function transactionHit(tx: Json, data: Pick<OrgData, 'customers' | 'suppliers'>, orgId: number): Json {
	const lines = (tx.transactionLines ?? []) as Json[];
	const used = (list: Json[], field: 'customerId' | 'supplierId') =>
		[...new Set(lines.map((l) => l[field]).filter((id) => id !== undefined))]
			.map((id) => list.find((record) => record.id === id))
			.filter((record): record is Json => record !== undefined);
	const customers = used(data.customers, 'customerId');
	const suppliers = used(data.suppliers, 'supplierId');
	const names = [...new Set([...customers, ...suppliers].map((record) => String(record.name ?? '')).filter((name) => name !== ''))];
	return {
		id: tx.id,
		transactionNo: tx.transactionNo,
		transactionYear: tx.transactionYear,
		transactionNoYear: tx.transactionNoYear,
		date: tx.date,
		description: tx.description,
		lockedStatus: tx.lockedStatus,
		transactionSourceType: tx.transactionSourceType,
		invoiceId: tx.invoiceId,
		creditNoteId: tx.creditNoteId,
		resetByTransactionId: tx.resetByTransactionId,
		transactionRevisionNo: 1,
		customerSupplierName: names.length ? names.join(', ') : undefined,
		customers: customers.map((c) => pick(c, HIT_CUSTOMER_FIELDS, orgId)),
		suppliers: suppliers.map((s) => pick(s, HIT_SUPPLIER_FIELDS, orgId)),
		totalAmount: round2(lines.filter((l) => Number(l.amount) > 0).reduce((s, l) => s + Number(l.amount), 0)),
		isResetTransaction: tx.isResetTransaction,
		createdAt: tx.createdAt,
		createdByUserName: tx._createdByUserName ?? 'API user',
		bookkeepingAccounts: [...new Set(lines.map((l) => String(l.bookkeepingAccountNo)))],
		departments: [],
		projects: [],
	};
}

export function transactionRoutes(sim: ContaSimulator): Route[] {
	return [
		{
			method: 'GET',
			pattern: `${A}/transactions`,
			handler: sim.org((req, _params, org) =>
				search(req, org.data.transactions.map((tx) => transactionHit(tx, org.data, org.id)), {
					searchable: ['description', 'transactionNoYear', 'customerSupplierName'],
					sortable: ['id', 'transactionNo', 'date', 'createdAt', 'totalAmount'],
					sumField: 'totalAmount',
					filters: {
						transactionNo: { type: 'integer', min: 1 },
						transactionYear: { type: 'integer' },
						description: { type: 'string', min: 1, max: 2000 },
						isResetTransaction: { type: 'boolean' },
					},
					filter: (hit, q) =>
						(!q.transactionNo || String(hit.transactionNo) === q.transactionNo) &&
						(!q.transactionYear || String(hit.transactionYear) === q.transactionYear) &&
						(!q.description || String(hit.description).toLowerCase().includes(q.description.toLowerCase())) &&
						(!q.isResetTransaction || String(!!hit.isResetTransaction) === q.isResetTransaction),
				}),
			),
		},
		{
			method: 'POST',
			pattern: `${A}/transactions-advanced`,
			handler: sim.org((req, _params, org) => {
				const invalid = validateBody(MAKE_TRANSACTION, req.body);
				if (invalid) return invalid;
				const body = req.body as Json;
				// Rules that span fields, once the schema is met.
				const rules = lineIssues(body);
				if (rules.length) return inputError(body, rules);
				const lines = body.transactionLinesAdvanced as Json[];
				for (const line of lines) {
					for (const side of ['debit', 'credit']) {
						const customerId = line[`${side}CustomerId`];
						if (customerId !== undefined && !org.data.customers.some((c) => c.id === customerId)) return notFoundId('customer', customerId);
					}
				}
				let debit = 0;
				let credit = 0;
				for (const line of lines) {
					const cents = Math.round(Number(line.amount) * 100);
					if (line.debitBookkeepingAccountNo !== undefined) debit += cents;
					if (line.creditBookkeepingAccountNo !== undefined) credit += cents;
				}
				if (debit !== credit) {
					const sum = round2((debit - credit) / 100);
					return customError('TransactionIsNotBalancedException', `The transaction is not balanced: debit minus credit is ${sum.toFixed(2)}.`, { sum });
				}
				if (body.date !== undefined && !lines.some((l) => String(l.date).slice(0, 4) === String(body.date).slice(0, 4))) {
					return customError(
						'AtLeastOneLineShouldBeInTheSameYearAsTransactionException',
						`At least one transaction line must be in the same year as the transaction (${String(body.date).slice(0, 4)}).`,
					);
				}
				const transaction = makeTransaction(sim.state, org.id, body);
				org.data.transactions.push(transaction);
				return { status: 200, body: publicView(transaction) };
			}),
		},
		{
			method: 'GET',
			pattern: `${A}/transactions-advanced/:id`,
			handler: sim.org((_req, params, org) => {
				const txId = pathInt(params.id, 'id');
				if (isReply(txId)) return txId;
				const transaction = org.data.transactions.find((t) => t.id === txId);
				if (!transaction) return notFoundId('transaction', txId);
				return { status: 200, body: publicView(transaction) };
			}),
		},
	];
}

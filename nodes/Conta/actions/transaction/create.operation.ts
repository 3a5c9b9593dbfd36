/**
 * Transaction → Create: `POST {a}/transactions-advanced` (body ≈ `RouteV1MakeTransactionAdvancedInputModel`
 * → `RouteV1TransactionModel`). Conta creates AND books the transaction (Conta Regnskap).
 *
 * Two shapes, as Conta's guide describes them:
 * - Single Line: one line with a debit and a credit account; Conta splits it into ledger lines.
 * - Multi Line: several lines, each with only a debit or only a credit side. The node checks
 *   before sending that the debit total equals the credit total (amounts include VAT, summed in
 *   whole øre), naming the lines and the difference.
 * The input rules the spec lists for this route are checked here too where they need no lookup:
 * amounts not zero, 4-digit accounts, customer ids only on 1500, supplier ids only on 2400,
 * invoice numbers only on 1500/2400, crediting 2400 (a purchase) needs the supplier's invoice
 * number, and at least one line in the transaction's year. Output-only fields are never sent.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { simplifyProperty, updateDisplayOptions } from '../../../shared/description';
import {
	dateOrToday,
	formatCents,
	money,
	oneOf,
	optionalDate,
	optionalJsonId,
	optionalNumber,
	optionalOneOf,
	optionalText,
	optionsOf,
	toCents,
	validate,
} from '../../../shared/validation';
import { CONTA_ZONE, MAX_AMOUNT, TRANSACTION_PAYMENT_TYPES, TRANSACTION_TYPES_ADVANCED, TRANSACTION_VAT_CODES } from '../../helpers/constants';
import { accountingPath, contaRequest } from '../../transport/index';
import { getOrganizationId, organizationLocator, readSimplify } from '../common';
import { simplifyTransaction, VAT_CODE_OPTIONS, type ContaTransaction } from './common';

const SHAPES = [
	{
		value: 'multiLine',
		name: 'Multi Line',
		description: 'Several lines, each with only a debit or only a credit side; the debit and credit totals must be equal',
	},
	{ value: 'singleLine', name: 'Single Line', description: 'One line with a debit and a credit account; Conta splits it into ledger lines' },
] as const;

const SIDES = [
	{ value: 'credit', name: 'Credit' },
	{ value: 'debit', name: 'Debit' },
] as const;

const single = { shape: ['singleLine'] };
const multi = { shape: ['multiLine'] };

const idField = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
});

const properties: INodeProperties[] = [
	organizationLocator,
	{
		displayName: 'Shape',
		name: 'shape',
		type: 'options',
		default: 'singleLine',
		description: 'How the transaction is entered',
		options: optionsOf(SHAPES),
	},
	{
		displayName: 'Date',
		name: 'date',
		type: 'dateTime',
		default: '',
		description:
			'The transaction date (YYYY-MM-DD), also used for every line without its own date. Leave empty for today in Norway (Europe/Oslo). A date-time at midnight, such as $today, counts as that date; any other date-time as its date in Norway.',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		placeholder: 'Office rent May',
		description:
			'What the transaction is about (at most 2000 characters). Lines without their own description use it, and a line description may have at most 500 characters.',
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { numberPrecision: 2 },
		displayOptions: { show: single },
		description: 'The amount including VAT. It cannot be zero; a negative amount swaps debit and credit.',
	},
	{
		displayName: 'Debit Account',
		name: 'debitAccount',
		type: 'string',
		required: true,
		default: '',
		placeholder: '6300',
		displayOptions: { show: single },
		description: 'The 4-digit bookkeeping account to debit, e.g. 6300 (rent)',
	},
	{
		displayName: 'Credit Account',
		name: 'creditAccount',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1920',
		displayOptions: { show: single },
		description: 'The 4-digit bookkeeping account to credit, e.g. 1920 (bank)',
	},
	{
		displayName: 'Line Options',
		name: 'lineOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: single },
		options: [
			idField('Credit Customer ID', 'creditCustomerId', 'The customer to credit in the customer ledger. Only with credit account 1500.'),
			{
				displayName: 'Credit Invoice Number',
				name: 'creditInvoiceNo',
				type: 'string',
				default: '',
				description: "The invoice number on the credit side (at most 20 characters). Only with account 1500 or 2400; required when crediting 2400 (the supplier's invoice number).",
			},
			idField('Credit Supplier ID', 'creditSupplierId', 'The supplier to credit in the supplier ledger. Only with credit account 2400.'),
			{
				displayName: 'Credit VAT Code',
				name: 'creditVatCode',
				type: 'options',
				default: '',
				options: VAT_CODE_OPTIONS,
				description: 'The VAT code of the credit side, e.g. output.high for sales with 25 % VAT',
			},
			idField('Debit Customer ID', 'debitCustomerId', 'The customer to debit in the customer ledger. Only with debit account 1500.'),
			{
				displayName: 'Debit Invoice Number',
				name: 'debitInvoiceNo',
				type: 'string',
				default: '',
				description: 'The invoice number on the debit side (at most 20 characters). Only with account 1500 or 2400.',
			},
			idField('Debit Supplier ID', 'debitSupplierId', 'The supplier to debit in the supplier ledger. Only with debit account 2400.'),
			{
				displayName: 'Debit VAT Code',
				name: 'debitVatCode',
				type: 'options',
				default: '',
				options: VAT_CODE_OPTIONS,
				description: 'The VAT code of the debit side, e.g. input.high for purchases with 25 % VAT',
			},
			idField('Department ID', 'departmentId', 'The department to book the line on'),
			{
				displayName: 'Due Date',
				name: 'dueDate',
				type: 'dateTime',
				default: '',
				description: 'When the amount falls due (YYYY-MM-DD), for receivables and payables',
			},
			{
				displayName: 'Line Description',
				name: 'lineDescription',
				type: 'string',
				default: '',
				description: 'The text of the line (at most 500 characters). Leave empty to use the Description.',
			},
			idField('Project ID', 'projectId', 'The project to book the line on'),
			{
				displayName: 'Proportional VAT (%)',
				name: 'proportionalVat',
				type: 'number',
				default: 100,
				typeOptions: { minValue: 0, maxValue: 100 },
				description: 'The share of the VAT that is deductible, from 0 to 100',
			},
		],
	},
	{
		displayName: 'Lines',
		name: 'lines',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Line',
		default: {},
		displayOptions: { show: multi },
		description: 'The lines, each with one side. Debit and credit totals (including VAT) must be equal.',
		options: [
			{
				name: 'line',
				displayName: 'Line',
				values: [
					{
						displayName: 'Account',
						name: 'account',
						type: 'string',
						default: '',
						placeholder: '6540',
						description: 'The 4-digit bookkeeping account, e.g. 6540 (equipment) or 2400 (suppliers)',
					},
					{
						displayName: 'Amount',
						name: 'amount',
						type: 'number',
						default: 0,
						typeOptions: { numberPrecision: 2 },
						description: 'The amount including VAT; it cannot be zero',
					},
					idField('Customer ID', 'customerId', 'The customer in the customer ledger. Only with account 1500.'),
					{
						displayName: 'Date',
						name: 'date',
						type: 'dateTime',
						default: '',
						description: 'The date of the line (YYYY-MM-DD). Leave empty to use the transaction date.',
					},
					idField('Department ID', 'departmentId', 'The department to book the line on'),
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						description: "The text of the line (at most 500 characters). Leave empty to use the transaction's Description.",
					},
					{
						displayName: 'Due Date',
						name: 'dueDate',
						type: 'dateTime',
						default: '',
						description: 'When the amount falls due (YYYY-MM-DD), for receivables and payables',
					},
					{
						displayName: 'Invoice Number',
						name: 'invoiceNo',
						type: 'string',
						default: '',
						description: "The invoice number (at most 20 characters). Only with account 1500 or 2400; required when crediting 2400 (the supplier's invoice number).",
					},
					idField('Project ID', 'projectId', 'The project to book the line on'),
					{
						displayName: 'Proportional VAT (%)',
						name: 'proportionalVat',
						type: 'string',
						default: '',
						placeholder: '100',
						description: 'The share of the VAT that is deductible, from 0 to 100. Leave empty to not send it.',
					},
					{
						displayName: 'Side',
						name: 'side',
						type: 'options',
						default: 'debit',
						options: optionsOf(SIDES),
						description: 'Whether the line debits or credits its account',
					},
					idField('Supplier ID', 'supplierId', 'The supplier in the supplier ledger. Only with account 2400.'),
					{
						displayName: 'VAT Code',
						name: 'vatCode',
						type: 'options',
						default: '',
						options: VAT_CODE_OPTIONS,
						description: 'The VAT code of the line, e.g. input.high for purchases with 25 % VAT',
					},
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Payment Type',
				name: 'paymentType',
				type: 'options',
				default: 'NOT_PAID',
				options: optionsOf(TRANSACTION_PAYMENT_TYPES),
				description: 'Whether and how the transaction is paid. Already Paid needs a line on the bank or cash account it was paid from.',
			},
			{
				displayName: 'Transaction Type',
				name: 'transactionType',
				type: 'options',
				default: 'MANUAL_TRANSACTION',
				options: optionsOf(TRANSACTION_TYPES_ADVANCED),
				description: 'The kind of transaction (Manual Transaction unless you know you need another)',
			},
		],
	},
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['transaction'], operation: ['create'] } }, properties);

// ---------------------------------------------------------------------------------------------
// Validation

/** A 4-digit bookkeeping account number (numbers from expressions are accepted). */
const accountNo = z.preprocess(
	(value) => (typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : value),
	z
		.string({ required_error: 'is required', invalid_type_error: 'must be a 4-digit account number such as 1920' })
		.refine((s) => s !== '', { message: 'is required (a 4-digit bookkeeping account number such as 1920)' })
		.refine((s) => s === '' || /^\d{4}$/.test(s), { message: 'must be a 4-digit bookkeeping account number, e.g. 1920' }),
);

/** A line amount: not zero, at most two decimals, within ±99 999 999 999.99. */
const lineAmount = money({ min: -MAX_AMOUNT, max: MAX_AMOUNT }).refine((n) => n !== 0, { message: 'cannot be zero' });

const vatCode = optionalOneOf(TRANSACTION_VAT_CODES);

const percent = optionalNumber({ min: 0, max: 100 });

const optionalOsloDate = optionalDate({ zone: CONTA_ZONE });

const header = {
	date: dateOrToday(CONTA_ZONE),
	description: optionalText(2000),
	additionalFields: z
		.object({
			paymentType: optionalOneOf(TRANSACTION_PAYMENT_TYPES),
			transactionType: optionalOneOf(TRANSACTION_TYPES_ADVANCED).transform((type) => type ?? 'MANUAL_TRANSACTION'),
		})
		.strict(),
};

/** One side of a line as the rules see it. */
interface SideInput {
	account: string;
	customerId?: number;
	supplierId?: number;
	invoiceNo?: string;
}
type SideField = 'account' | 'customerId' | 'supplierId' | 'invoiceNo';

/** The spec's account-association rules for one side of a line. */
function checkSide(ctx: z.RefinementCtx, side: 'debit' | 'credit', input: SideInput, pathOf: (field: SideField) => Array<string | number>): void {
	const { account } = input;
	const sideName = `the ${side} account`;
	if (input.customerId !== undefined && account !== '1500') {
		ctx.addIssue({ code: z.ZodIssueCode.custom, path: pathOf('customerId'), message: `only applies to account 1500 (customers), but ${sideName} is ${account}` });
	}
	if (input.supplierId !== undefined && account !== '2400') {
		ctx.addIssue({ code: z.ZodIssueCode.custom, path: pathOf('supplierId'), message: `only applies to account 2400 (suppliers), but ${sideName} is ${account}` });
	}
	if (input.invoiceNo !== undefined && account !== '1500' && account !== '2400') {
		ctx.addIssue({ code: z.ZodIssueCode.custom, path: pathOf('invoiceNo'), message: `only applies to accounts 1500 and 2400, but ${sideName} is ${account}` });
	}
	if (side === 'credit' && account === '2400' && input.invoiceNo === undefined) {
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			path: pathOf('invoiceNo'),
			message: "is required when crediting account 2400 (a purchase): give the supplier's invoice number",
		});
	}
}

/** The line description: its own, else the transaction's (which must then fit in 500 characters). */
function checkDescription(
	ctx: z.RefinementCtx,
	own: string | undefined,
	fallback: string | undefined,
	path: Array<string | number>,
	where: string,
	fix: string,
): void {
	if (own !== undefined) return;
	if (fallback === undefined) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: `is required: ${where} needs a description (1–500 characters); ${fix}` });
	} else if ([...fallback].length > 500) {
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			path: ['description'],
			message: `is used as the description of ${where} and may then have at most 500 characters; give the line its own description`,
		});
	}
}

const singleInput = z
	.object({
		...header,
		amount: lineAmount,
		debitAccount: accountNo,
		creditAccount: accountNo,
		lineOptions: z
			.object({
				creditCustomerId: optionalJsonId,
				creditInvoiceNo: optionalText(20),
				creditSupplierId: optionalJsonId,
				creditVatCode: vatCode,
				debitCustomerId: optionalJsonId,
				debitInvoiceNo: optionalText(20),
				debitSupplierId: optionalJsonId,
				debitVatCode: vatCode,
				departmentId: optionalJsonId,
				dueDate: optionalOsloDate,
				lineDescription: optionalText(500),
				projectId: optionalJsonId,
				proportionalVat: percent,
			})
			.strict(),
	})
	.superRefine((value, ctx) => {
		const o = value.lineOptions;
		const path = (side: 'debit' | 'credit') => (field: SideField) =>
			field === 'account' ? [`${side}Account`] : ['lineOptions', `${side}${field[0].toUpperCase()}${field.slice(1)}`];
		checkSide(ctx, 'debit', { account: value.debitAccount, customerId: o.debitCustomerId, supplierId: o.debitSupplierId, invoiceNo: o.debitInvoiceNo }, path('debit'));
		checkSide(ctx, 'credit', { account: value.creditAccount, customerId: o.creditCustomerId, supplierId: o.creditSupplierId, invoiceNo: o.creditInvoiceNo }, path('credit'));
		checkDescription(ctx, o.lineDescription, value.description, ['description'], 'the line', 'fill in Description (or Line Description under Line Options)');
	});

const lineInput = z
	.object({
		side: oneOf(SIDES),
		account: accountNo,
		amount: lineAmount,
		vatCode,
		description: optionalText(500),
		date: optionalOsloDate,
		dueDate: optionalOsloDate,
		customerId: optionalJsonId,
		supplierId: optionalJsonId,
		invoiceNo: optionalText(20),
		departmentId: optionalJsonId,
		projectId: optionalJsonId,
		proportionalVat: percent,
	})
	.strict();

const multiInput = z
	.object({
		...header,
		lines: z.preprocess(
			(value) => (value === undefined || value === null || value === '' ? {} : value),
			z.object({ line: z.array(lineInput, { invalid_type_error: 'must be a list of lines' }).optional() }).strict(),
		),
	})
	.superRefine((value, ctx) => {
		const lines = value.lines.line ?? [];
		if (lines.length < 2) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['lines'],
				message: `needs at least two lines (one debit and one credit), got ${lines.length}. For one line with both sides, use the Single Line shape.`,
			});
			return;
		}
		const year = value.date.slice(0, 4);
		lines.forEach((line, n) => {
			const at = (field: string) => ['lines', 'line', n, field];
			checkSide(ctx, line.side, line, (field) => at(field));
			checkDescription(ctx, line.description, value.description, at('description'), `line ${n + 1}`, "fill in the line's Description or the transaction's Description");
		});
		if (!lines.some((line) => (line.date ?? value.date).slice(0, 4) === year)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['lines'],
				message: `need at least one line dated in the transaction's year (${year})`,
			});
		}
		const sideTotal = (side: 'debit' | 'credit') => {
			const numbers = lines.map((line, n) => (line.side === side ? n + 1 : 0)).filter((n) => n > 0);
			const cents = lines.filter((line) => line.side === side).reduce((sum, line) => sum + toCents(line.amount), 0);
			return { numbers, cents };
		};
		const debit = sideTotal('debit');
		const credit = sideTotal('credit');
		if (debit.cents !== credit.cents) {
			const list = (numbers: number[]) => (numbers.length ? `line${numbers.length > 1 ? 's' : ''} ${numbers.join(', ')}` : 'no lines');
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['lines'],
				message:
					`debit and credit must balance, but the debit ${list(debit.numbers)} total ${formatCents(debit.cents)} and the credit ` +
					`${list(credit.numbers)} total ${formatCents(credit.cents)} (difference ${formatCents(debit.cents - credit.cents)}). Amounts include VAT.`,
			});
		}
	});

const LABELS: Record<string, string> = {
	date: 'Date',
	description: 'Description',
	amount: 'Amount',
	debitAccount: 'Debit Account',
	creditAccount: 'Credit Account',
	lineOptions: 'Line Options',
	'lineOptions.creditCustomerId': 'Credit Customer ID',
	'lineOptions.creditInvoiceNo': 'Credit Invoice Number',
	'lineOptions.creditSupplierId': 'Credit Supplier ID',
	'lineOptions.creditVatCode': 'Credit VAT Code',
	'lineOptions.debitCustomerId': 'Debit Customer ID',
	'lineOptions.debitInvoiceNo': 'Debit Invoice Number',
	'lineOptions.debitSupplierId': 'Debit Supplier ID',
	'lineOptions.debitVatCode': 'Debit VAT Code',
	'lineOptions.departmentId': 'Department ID',
	'lineOptions.dueDate': 'Due Date',
	'lineOptions.lineDescription': 'Line Description',
	'lineOptions.projectId': 'Project ID',
	'lineOptions.proportionalVat': 'Proportional VAT (%)',
	lines: 'Lines',
	'lines.line': 'Lines',
	'lines.line.*': 'Line',
	'lines.line.*.side': 'Side',
	'lines.line.*.account': 'Account',
	'lines.line.*.amount': 'Amount',
	'lines.line.*.vatCode': 'VAT Code',
	'lines.line.*.description': 'Description',
	'lines.line.*.date': 'Date',
	'lines.line.*.dueDate': 'Due Date',
	'lines.line.*.customerId': 'Customer ID',
	'lines.line.*.supplierId': 'Supplier ID',
	'lines.line.*.invoiceNo': 'Invoice Number',
	'lines.line.*.departmentId': 'Department ID',
	'lines.line.*.projectId': 'Project ID',
	'lines.line.*.proportionalVat': 'Proportional VAT (%)',
	additionalFields: 'Additional Fields',
	'additionalFields.paymentType': 'Payment Type',
	'additionalFields.transactionType': 'Transaction Type',
};

// ---------------------------------------------------------------------------------------------
// Request body

interface SideOut {
	account: string;
	customerId?: number;
	supplierId?: number;
	vatCode?: string;
	invoiceNo?: string;
}

interface LineOut {
	date: string;
	dueDate?: string;
	description: string;
	amount: number;
	debit?: SideOut;
	credit?: SideOut;
	departmentId?: number;
	projectId?: number;
	proportionalVat?: number;
}

/** `RouteV1TransactionLineAdvancedModel` in the spec's field order, without unset fields. */
function advancedLine(line: LineOut): IDataObject {
	const out: IDataObject = { date: line.date };
	if (line.dueDate !== undefined) out.dueDate = line.dueDate;
	out.description = line.description;
	out.amount = line.amount;
	for (const [prefix, side] of [
		['debit', line.debit],
		['credit', line.credit],
	] as const) {
		if (!side) continue;
		out[`${prefix}BookkeepingAccountNo`] = side.account;
		if (side.customerId !== undefined) out[`${prefix}CustomerId`] = side.customerId;
		if (side.supplierId !== undefined) out[`${prefix}SupplierId`] = side.supplierId;
		if (side.vatCode !== undefined) out[`${prefix}VatCode`] = side.vatCode;
		if (side.invoiceNo !== undefined) out[`${prefix}InvoiceNo`] = side.invoiceNo;
	}
	if (line.departmentId !== undefined) out.departmentId = line.departmentId;
	if (line.projectId !== undefined) out.projectId = line.projectId;
	if (line.proportionalVat !== undefined) out.proportionalVat = line.proportionalVat;
	return out;
}

function readLines(ctx: IExecuteFunctions, i: number): { lines: LineOut[]; head: z.infer<z.ZodObject<typeof header>> } {
	const shape = ctx.getNodeParameter('shape', i, 'singleLine') as string;
	const common = {
		date: ctx.getNodeParameter('date', i, ''),
		description: ctx.getNodeParameter('description', i, ''),
		additionalFields: ctx.getNodeParameter('additionalFields', i, {}),
	};
	if (shape === 'multiLine') {
		const value = validate(ctx, multiInput, { ...common, lines: ctx.getNodeParameter('lines', i, {}) }, i, LABELS);
		const lines = (value.lines.line ?? []).map((line) => {
			const side: SideOut = { account: line.account, customerId: line.customerId, supplierId: line.supplierId, vatCode: line.vatCode, invoiceNo: line.invoiceNo };
			return {
				date: line.date ?? value.date,
				dueDate: line.dueDate,
				description: line.description ?? value.description ?? '',
				amount: line.amount,
				[line.side]: side,
				departmentId: line.departmentId,
				projectId: line.projectId,
				proportionalVat: line.proportionalVat,
			} as LineOut;
		});
		return { lines, head: value };
	}
	if (shape !== 'singleLine') {
		validate(ctx, z.object({ shape: oneOf(SHAPES) }), { shape }, i, { shape: 'Shape' });
	}
	const value = validate(
		ctx,
		singleInput,
		{
			...common,
			amount: ctx.getNodeParameter('amount', i),
			debitAccount: ctx.getNodeParameter('debitAccount', i, ''),
			creditAccount: ctx.getNodeParameter('creditAccount', i, ''),
			lineOptions: ctx.getNodeParameter('lineOptions', i, {}),
		},
		i,
		LABELS,
	);
	const o = value.lineOptions;
	const line: LineOut = {
		date: value.date,
		dueDate: o.dueDate,
		description: o.lineDescription ?? value.description ?? '',
		amount: value.amount,
		debit: { account: value.debitAccount, customerId: o.debitCustomerId, supplierId: o.debitSupplierId, vatCode: o.debitVatCode, invoiceNo: o.debitInvoiceNo },
		credit: { account: value.creditAccount, customerId: o.creditCustomerId, supplierId: o.creditSupplierId, vatCode: o.creditVatCode, invoiceNo: o.creditInvoiceNo },
		departmentId: o.departmentId,
		projectId: o.projectId,
		proportionalVat: o.proportionalVat,
	};
	return { lines: [line], head: value };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const orgId = await getOrganizationId(this, i);
	const { lines, head } = readLines(this, i);
	const simplify = readSimplify(this, i);
	const body: IDataObject = { transactionType: head.additionalFields.transactionType, date: head.date };
	if (head.description !== undefined) body.description = head.description;
	if (head.additionalFields.paymentType !== undefined) body.paymentType = head.additionalFields.paymentType;
	body.transactionLinesAdvanced = lines.map(advancedLine);

	const transaction = await contaRequest<ContaTransaction | null>(this, {
		method: 'POST',
		path: accountingPath(orgId, '/transactions-advanced'),
		body,
		action: 'create an accounting transaction',
		itemIndex: i,
	});
	if (!transaction) return {};
	return simplify ? simplifyTransaction(transaction) : (transaction as unknown as IDataObject);
}

/** Shapes and output helpers shared by the Transaction operations. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { pick } from '../../../shared/description';
import { TRANSACTION_VAT_CODES } from '../../helpers/constants';

/** One ledger line of `RouteV1TransactionModel.transactionLines` (amount < 0 = credit). */
export interface ContaTransactionLine {
	id?: number;
	bookkeepingAccountNo?: string;
	amount?: number;
	description?: string;
	date?: string;
	vatCode?: string;
	customerId?: number;
	supplierId?: number;
	invoiceNo?: string;
	[key: string]: unknown;
}

/** `RouteV1TransactionModel` (the fields the node reads). */
export interface ContaTransaction {
	id: number;
	transactionNo?: number;
	transactionNoYear?: string;
	transactionLines?: ContaTransactionLine[];
	[key: string]: unknown;
}

/** VAT codes of transaction lines (`enumVatCodeTypeConst`), alphabetized, with "none" first. */
export const VAT_CODE_OPTIONS: INodeProperties['options'] = [
	{ name: 'None (Not Sent)', value: '' },
	...[...TRANSACTION_VAT_CODES].sort((a, b) => a.localeCompare(b)).map((code) => ({ name: code, value: code })),
];

const SIMPLE_FIELDS = [
	'id',
	'transactionNo',
	'transactionNoYear',
	'transactionYear',
	'date',
	'description',
	'transactionType',
	'transactionSourceType',
	'lockedStatus',
	'paymentType',
	'createdAt',
	'isResetTransaction',
	'resetByTransactionId',
	'invoiceId',
	'creditNoteId',
] as const;

const SIMPLE_LINE_FIELDS = [
	'bookkeepingAccountNo',
	'amount',
	'description',
	'date',
	'dueDate',
	'vatCode',
	'customerId',
	'supplierId',
	'invoiceNo',
	'departmentId',
	'projectId',
] as const;

/**
 * The transaction without the echo of the advanced lines and attachments: its header fields and
 * the ledger lines (`lines`, amount < 0 = credit) with their main fields.
 */
export function simplifyTransaction(transaction: ContaTransaction): IDataObject {
	const out = pick(transaction as IDataObject, SIMPLE_FIELDS);
	out.lines = (transaction.transactionLines ?? []).map((line) => pick(line as IDataObject, SIMPLE_LINE_FIELDS));
	return out;
}

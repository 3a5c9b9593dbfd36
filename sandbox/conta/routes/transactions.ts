/**
 * Accounting transactions: `GET {a}/transactions` (search). Advanced create and get live here too.
 */
import type { Route } from '../../framework';
import type { ContaSimulator } from '../index';
import { search } from '../search';
import { round2, type Json } from '../state';

const A = '/accounting/organizations/:orgId';

/** A search hit (`RouteV1QueryResultTransactionSearchOutputModel.hits[]`). */
export function transactionHit(tx: Json): Json {
	const lines = (tx.transactionLines ?? []) as Json[];
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
		customerSupplierName: '',
		customers: [],
		suppliers: [],
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
				search(req, org.data.transactions.map(transactionHit), {
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
	];
}

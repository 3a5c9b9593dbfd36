/**
 * Bank accounts: `GET {o}/bank-accounts`, a bare array of `RouteV1BankAccountModel`. The query
 * parameters mirror the model's fields and filter on equality (e.g. `allowedForInvoicing=true`).
 */
import type { Route } from '../../framework';
import type { ContaSimulator } from '../index';
import { checkQuery, inputError, type Field } from '../schema';

const FILTERS: Record<string, Field> = {
	id: { type: 'integer', min: 0 },
	name: { type: 'string', min: 1, max: 100 },
	accountNo: { type: 'string', min: 1, max: 15 },
	bookkeepingAccountNo: { type: 'string', min: 4, max: 4 },
	isArchived: { type: 'boolean' },
	allowedForInvoicing: { type: 'boolean' },
	bankAccountType: { type: 'enum', values: ['NORMAL', 'TAX_DEDUCTION'] },
};

export function bankAccountRoutes(sim: ContaSimulator): Route[] {
	return [
		{
			method: 'GET',
			pattern: '/invoice/organizations/:orgId/bank-accounts',
			handler: sim.org((req, _params, org) => {
				const problems = checkQuery(req.query, FILTERS);
				if (problems.length) return inputError(req.query, problems);
				const list = org.data.bankAccounts.filter((account) =>
					Object.keys(FILTERS).every((key) => {
						const raw = req.query[key];
						if (raw === undefined) return true;
						const text = Array.isArray(raw) ? raw[raw.length - 1] : raw;
						return String(account[key]) === text;
					}),
				);
				return { status: 200, body: list };
			}),
		},
	];
}

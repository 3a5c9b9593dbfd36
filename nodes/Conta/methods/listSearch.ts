import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { resolveOrganizationId } from '../actions/common';
import { isUsable } from '../actions/organization/usable';
import type { ContaBankAccount, ContaCustomerHit, ContaInvoiceDraftHit, ContaInvoiceHit } from '../helpers/interfaces';
import { contaPage, contaRequest, invoicePath } from '../transport/index';
import { listOrganizations } from '../transport/organizations';

/** Organizations for the resource locator, filtered by name or id. */
export async function searchOrganizations(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase() ?? '';
	const organizations = await listOrganizations(this);
	return {
		results: organizations
			.filter((org) => !needle || String(org.name).toLowerCase().includes(needle) || String(org.id) === needle)
			.sort((a, b) => Number(isUsable(b)) - Number(isUsable(a)) || String(a.name).localeCompare(String(b.name)))
			.map((org) => ({
				name: isUsable(org) ? `${org.name} (${org.id})` : `${org.name} (${org.id}, ${org.blockedStatus ?? 'inactive'})`,
				value: String(org.id),
			})),
	};
}

/** The organization chosen in the node (or the credential default) while the user fills in a list. */
export async function currentOrganizationId(ctx: ILoadOptionsFunctions): Promise<string> {
	let raw: unknown = '';
	try {
		raw = ctx.getCurrentNodeParameter('organization', { extractValue: true });
	} catch {
		raw = '';
	}
	return resolveOrganizationId(ctx, raw, {
		whenMissing: {
			message: 'Choose an organization first',
			description:
				"Pick an organization in the 'Organization' field (or set a Default Organization ID in the Conta credential), then open this list again.",
		},
	});
}

const LIST_PAGE = 50;

/** One page of a Conta search route for a list mode; the page number is the pagination token. */
async function searchPage<T>(
	ctx: ILoadOptionsFunctions,
	rest: string,
	filter: string | undefined,
	token: string | undefined,
): Promise<{ hits: T[]; next?: string }> {
	const orgId = await currentOrganizationId(ctx);
	const page = Number(token ?? 0) || 0;
	const q = filter?.trim();
	const { hits, more } = await contaPage<T>(
		ctx,
		{ path: invoicePath(orgId, rest), qs: { ...(q ? { q: q.slice(0, 100) } : {}), sort: '-id' }, action: `list ${rest.slice(1)}`, pageSize: LIST_PAGE },
		page,
	);
	return { hits, next: more ? String(page + 1) : undefined };
}

/** Customers (newest first), searched with Conta's free-text `q`. */
export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { hits, next } = await searchPage<ContaCustomerHit>(this, '/customers', filter, paginationToken);
	return {
		results: hits.map((c) => ({
			name: `${c.customerName ?? 'Customer'} (${c.id}${c.orgNo ? `, ${c.orgNo}` : ''}${c.isActive === false ? ', inactive' : ''})`,
			value: String(c.id),
		})),
		paginationToken: next,
	};
}

/** Invoices (newest first), searched with Conta's free-text `q`. */
export async function searchInvoices(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { hits, next } = await searchPage<ContaInvoiceHit>(this, '/invoices', filter, paginationToken);
	return {
		results: hits.map((inv) => ({
			name: `${inv.type === 'CREDIT' ? 'Credit note' : 'Invoice'} ${inv.invoiceNo ?? inv.id}: ${inv.customerName ?? ''} ${inv.sumTotal ?? ''} ${inv.invoiceCurrency ?? ''} (${inv.status ?? ''})`.replace(/\s+/g, ' ').trim(),
			value: String(inv.id),
		})),
		paginationToken: next,
	};
}

/** Invoice drafts (newest first). Draft search hits carry no currency or type. */
export async function searchInvoiceDrafts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { hits, next } = await searchPage<ContaInvoiceDraftHit>(this, '/invoice-drafts', filter, paginationToken);
	return {
		results: hits.map((d) => ({
			name: `Draft ${d.id}: ${d.customerName ?? d.customerGroupName ?? ''} ${d.sumTotal ?? ''}`.replace(/\s+/g, ' ').trim(),
			value: String(d.id),
		})),
		paginationToken: next,
	};
}

/** Bank accounts (a bare array, no paging): accounts allowed for invoicing first, archived ones last. */
export async function searchBankAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const orgId = await currentOrganizationId(this);
	const result = await contaRequest<ContaBankAccount[] | null>(this, {
		method: 'GET',
		path: invoicePath(orgId, '/bank-accounts'),
		action: 'list bank accounts',
		expect: 'list',
	});
	const needle = filter?.trim().toLowerCase() ?? '';
	const rank = (a: ContaBankAccount) => (a.isArchived ? 2 : a.allowedForInvoicing ? 0 : 1);
	return {
		results: (Array.isArray(result) ? result : [])
			.filter((a) => !needle || `${a.name ?? ''} ${a.accountNo ?? ''} ${a.id}`.toLowerCase().includes(needle))
			.sort((a, b) => rank(a) - rank(b) || String(a.name ?? '').localeCompare(String(b.name ?? '')))
			.map((a) => ({
				name: `${a.name ?? 'Bank account'}${a.accountNo ? ` ${a.accountNo}` : ''} (${a.id}${a.isArchived ? ', archived' : a.allowedForInvoicing === false ? ', not for invoicing' : ''})`,
				value: String(a.id),
			})),
	};
}

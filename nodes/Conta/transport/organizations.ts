import type { RequestContext } from '../../shared/request';
import type { ContaOrganization } from '../helpers/interfaces';
import { contaRequest } from './index';

/** `GET /invoice/organizations`: a bare array, no paging. */
export async function listOrganizations(ctx: RequestContext, itemIndex?: number): Promise<ContaOrganization[]> {
	const result = await contaRequest<unknown>(ctx, {
		method: 'GET',
		path: '/invoice/organizations',
		action: 'list organizations',
		itemIndex,
		expect: 'list',
	});
	return Array.isArray(result) ? (result as ContaOrganization[]) : [];
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { apiRequest, parseJson, type ApiFailure, type RawResponse } from '../../../shared/request';
import { updateDisplayOptions } from '../../../shared/description';
import { CONTA, interpretConta, invoicePath } from '../../transport/index';
import { getIdParameter, getOrganizationId, organizationLocator } from '../common';
import { customerLocator } from './fields';

const properties: INodeProperties[] = [
	{
		displayName:
			"Conta's API has no route for deleting customers today: this operation fails with a clear message until Conta adds one. Use Deactivate to hide a customer instead.",
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	organizationLocator,
	customerLocator,
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['delete'] } }, properties);

/** Conta's error names for "no such route" / "not this method" (as opposed to "no such customer"). */
const MISSING_ROUTE = /^(UrlNotFoundException|UrlMethodNotFoundException)$/i;

/** Whether a 404/405 answer means the DELETE route itself does not exist. */
function routeIsMissing(response: RawResponse): boolean {
	if (response.statusCode === 405) return true;
	if (response.statusCode !== 404) return false;
	const parsed = parseJson(response);
	const name = parsed.ok ? (parsed.value as IDataObject | null)?.name : undefined;
	// A 404 naming the customer (NotFoundIdModelStorageToolException) is a real "not found".
	return typeof name !== 'string' || MISSING_ROUTE.test(name);
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = getIdParameter(this, 'customerId', i, 'Customer');
	const orgId = await getOrganizationId(this, i);
	const action = `delete customer ${id}`;
	const standard = interpretConta<unknown>(action);
	await apiRequest<unknown>(this, CONTA, {
		method: 'DELETE',
		url: invoicePath(orgId, `/customers/${id}`),
		headers: { Accept: 'application/json' },
		kind: 'write',
		action,
		itemIndex: i,
		interpret: (response) => {
			const result = standard(response);
			if (result.ok || !routeIsMissing(response)) return result;
			const failure: ApiFailure = {
				message: 'Conta does not offer deleting customers through its API (the DELETE route for customers is missing)',
				providerMessage: result.failure.providerMessage,
				hint: "Use the Customer → Deactivate operation instead: it sets the customer's 'Is Active' to false, which hides it when invoicing.",
				httpCode: response.statusCode,
			};
			return { ok: false, failure };
		},
	});
	return { deleted: true, id: Number(id) };
}


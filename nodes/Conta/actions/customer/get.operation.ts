import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { simplifyProperty, updateDisplayOptions } from '../../../shared/description';
import { getIdParameter, getOrganizationId, organizationLocator, readSimplify } from '../common';
import { customerLocator } from './fields';
import { fetchCustomer, simplifyCustomer } from './model';

const properties: INodeProperties[] = [organizationLocator, customerLocator, simplifyProperty];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = getIdParameter(this, 'customerId', i, 'Customer');
	const simplify = readSimplify(this, i);
	const orgId = await getOrganizationId(this, i);
	const customer = await fetchCustomer(this, orgId, id, i);
	return simplify ? simplifyCustomer(customer) : customer;
}

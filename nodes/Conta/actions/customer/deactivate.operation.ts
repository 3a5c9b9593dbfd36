import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { simplifyProperty, updateDisplayOptions } from '../../../shared/description';
import { getIdParameter, getOrganizationId, organizationLocator, readSimplify } from '../common';
import { customerLocator } from './fields';
import { fetchCustomer, putCustomer, simplifyCustomer, validateMerged, writableCopy } from './model';

const properties: INodeProperties[] = [
	{
		displayName:
			'Sets the customer\'s "Is Active" to false (Conta has no delete for customers). The node reads the customer and sends it back whole with only that change.',
		name: 'deactivateNotice',
		type: 'notice',
		default: '',
	},
	organizationLocator,
	customerLocator,
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['deactivate'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = getIdParameter(this, 'customerId', i, 'Customer');
	const simplify = readSimplify(this, i);
	const orgId = await getOrganizationId(this, i);
	const current = await fetchCustomer(this, orgId, id, i);
	let customer = current;
	if (current.isActive !== false) {
		// The same fetch-merge-PUT as Update, changing only isActive.
		const body = validateMerged(this, { ...writableCopy(current), isActive: false }, i, new Set(), id);
		customer = await putCustomer(this, orgId, id, body, i, `deactivate customer ${id}`);
	}
	return simplify ? simplifyCustomer(customer) : customer;
}

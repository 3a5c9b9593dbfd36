import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { simplifyProperty, updateDisplayOptions } from '../../../shared/description';
import { contaRequest, invoicePath } from '../../transport/index';
import { getOrganizationId, organizationLocator, readSimplify } from '../common';
import {
	customerTypeField,
	mainAddressCityField,
	mainAddressLine1Field,
	mainAddressPostcodeField,
	nameField,
	optionalCustomerFields,
} from './fields';
import { fromUi, simplifyCustomer, validateCustomer } from './model';

const properties: INodeProperties[] = [
	organizationLocator,
	{ ...nameField, required: true },
	{ ...customerTypeField, required: true },
	{ ...mainAddressLine1Field, required: true },
	{ ...mainAddressPostcodeField, required: true },
	{ ...mainAddressCityField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: optionalCustomerFields,
	},
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const additional = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const { fields, keys } = fromUi(this, i, typeof additional === 'object' && additional !== null ? additional : {});
	const required: IDataObject = {
		name: this.getNodeParameter('name', i, ''),
		customerType: this.getNodeParameter('customerType', i, ''),
		customerAddressLine1: this.getNodeParameter('customerAddressLine1', i, ''),
		customerAddressPostcode: this.getNodeParameter('customerAddressPostcode', i, ''),
		customerAddressCity: this.getNodeParameter('customerAddressCity', i, ''),
	};
	const body = validateCustomer(this, { ...fields, ...required }, i, new Set([...keys, ...Object.keys(required)]));
	const simplify = readSimplify(this, i);
	const orgId = await getOrganizationId(this, i);
	const created = await contaRequest<IDataObject | null>(this, {
		method: 'POST',
		path: invoicePath(orgId, '/customers'),
		body,
		action: 'create a customer',
		itemIndex: i,
	});
	const customer = created ?? body;
	return simplify ? simplifyCustomer(customer) : customer;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { simplifyProperty, updateDisplayOptions } from '../../../shared/description';
import { getIdParameter, getOrganizationId, organizationLocator, readSimplify } from '../common';
import {
	customerLocator,
	customerTypeField,
	mainAddressCityField,
	mainAddressLine1Field,
	mainAddressPostcodeField,
	nameField,
	optionalCustomerFields,
} from './fields';
import {
	DELIVERY_KEYS,
	LABELS,
	MAILING_KEYS,
	OPTIONAL_SCALAR_KEYS,
	fetchCustomer,
	fromUi,
	precheckFields,
	putCustomer,
	simplifyCustomer,
	validateMerged,
	writableCopy,
} from './model';

/** What Clear Fields can remove: every optional field except Is Active (set it instead). */
const CLEARABLE: Record<string, readonly string[]> = {
	...Object.fromEntries(OPTIONAL_SCALAR_KEYS.filter((k) => k !== 'isActive').map((k) => [k, [k]])),
	mailingAddress: MAILING_KEYS,
	deliveryAddress: DELIVERY_KEYS,
	contacts: ['contacts'],
};

const CLEAR_LABELS: Record<string, string> = {
	...LABELS,
	mailingAddress: 'Mailing Address',
	deliveryAddress: 'Delivery Address',
};

const updateFieldOptions: INodeProperties[] = [
	...optionalCustomerFields,
	customerTypeField,
	mainAddressCityField,
	mainAddressLine1Field,
	mainAddressPostcodeField,
	nameField,
].sort((a, b) => a.displayName.localeCompare(b.displayName));

const properties: INodeProperties[] = [
	organizationLocator,
	customerLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'The fields to change. Everything else stays as it is: the node reads the customer first and sends it back whole, because Conta replaces the entire customer on update. A Mailing or Delivery Address replaces that whole address; Contacts replace the whole contact list.',
		options: updateFieldOptions,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Clear Fields',
				name: 'clearFields',
				type: 'multiOptions',
				options: Object.keys(CLEARABLE)
					.map((value) => ({ name: CLEAR_LABELS[value] ?? value, value }))
					.sort((a, b) => a.name.localeCompare(b.name)),
				default: [],
				description: 'Optional fields to empty (remove from the customer)',
			},
		],
	},
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['update'] } }, properties);

function invalid(ctx: IExecuteFunctions, i: number, message: string, fix: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Invalid input in item ${i}: ${message}`, {
		itemIndex: i,
		description: `Nothing was sent. ${fix}`,
	});
}

function readClearFields(ctx: IExecuteFunctions, i: number): string[] {
	const options = (ctx.getNodeParameter('options', i, {}) ?? {}) as IDataObject;
	const raw = options.clearFields;
	if (raw === undefined || raw === null || raw === '') return [];
	const list = typeof raw === 'string' ? raw.split(',').map((s) => s.trim()).filter(Boolean) : raw;
	if (!Array.isArray(list)) throw invalid(ctx, i, "'Clear Fields' must be a list of field names", 'Pick the fields to clear from the list.');
	for (const value of list) {
		if (typeof value !== 'string' || !(value in CLEARABLE)) {
			throw invalid(
				ctx,
				i,
				`'Clear Fields' has an unknown field '${String(value).slice(0, 40)}'`,
				`Use only: ${Object.keys(CLEARABLE).join(', ')}.`,
			);
		}
	}
	return list as string[];
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = getIdParameter(this, 'customerId', i, 'Customer');
	const raw = (this.getNodeParameter('updateFields', i, {}) ?? {}) as IDataObject;
	const { fields, keys } = fromUi(this, i, typeof raw === 'object' ? raw : {});
	const clear = readClearFields(this, i);
	if (keys.size === 0 && clear.length === 0) {
		throw invalid(this, i, "'Update Fields' is empty", "Add at least one field to 'Update Fields' (or pick fields in 'Clear Fields').");
	}
	for (const name of clear) {
		const both = CLEARABLE[name].find((key) => keys.has(key));
		if (both) {
			throw invalid(
				this,
				i,
				`'${CLEAR_LABELS[name] ?? name}' is both in 'Update Fields' and in 'Clear Fields'`,
				'Either set the field or clear it, not both.',
			);
		}
	}
	precheckFields(this, fields, i);
	const simplify = readSimplify(this, i);
	const orgId = await getOrganizationId(this, i);

	const current = await fetchCustomer(this, orgId, id, i);
	const merged = writableCopy(current);
	for (const name of clear) for (const key of CLEARABLE[name]) delete merged[key];
	// A set address group replaces the whole address: its empty parts are removed too.
	for (const key of keys) if (fields[key] === undefined) delete merged[key];
	Object.assign(merged, fields);
	const body = validateMerged(this, merged, i, keys, id);
	const updated = await putCustomer(this, orgId, id, body, i);
	return simplify ? simplifyCustomer(updated) : updated;
}

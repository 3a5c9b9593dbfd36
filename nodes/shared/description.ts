/**
 * Small equivalents of nodes-base helpers that community nodes cannot import.
 */
import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Show `properties` only for the given resource/operation (Airtable v2's updateDisplayOptions). */
export function updateDisplayOptions(displayOptions: IDisplayOptions, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...(property.displayOptions ?? {}),
			show: { ...(property.displayOptions?.show ?? {}), ...(displayOptions.show ?? {}) },
			...(displayOptions.hide || property.displayOptions?.hide
				? { hide: { ...(property.displayOptions?.hide ?? {}), ...(displayOptions.hide ?? {}) } }
				: {}),
		},
	}));
}

/** The standard Return All + Limit pair; `maxValue` is the API's page cap where it has one. */
export function returnAllAndLimit(maxValue?: number): INodeProperties[] {
	const limit: INodeProperties = {
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: {
			minValue: 1,
		},
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	};
	if (maxValue !== undefined) limit.typeOptions = { minValue: 1, maxValue };
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		limit,
	];
}

/** A Simplify toggle for operations with large responses. */
export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** Keep only the given keys, in that order (missing keys are left out). */
export function pick(record: IDataObject, keys: readonly string[]): IDataObject {
	const out: IDataObject = {};
	for (const key of keys) if (record[key] !== undefined) out[key] = record[key];
	return out;
}

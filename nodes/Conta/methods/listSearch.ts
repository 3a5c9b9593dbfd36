import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { isUsable } from '../actions/organization/getAll.operation';
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

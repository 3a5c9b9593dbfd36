/** Invoice Draft → Get: `GET {o}/invoice-drafts/{id}` (RouteV1ReadInvoiceDraftRestOp). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { pick, simplifyProperty, updateDisplayOptions } from '../../../shared/description';
import { bool, validate } from '../../../shared/validation';
import { contaRequest, invoicePath } from '../../transport/index';
import { getIdParameter, getOrganizationId, organizationLocator } from '../common';
import { SIMPLE_DRAFT_FIELDS } from '../invoice/fields';
import { draftLocator } from './locator';

const properties: INodeProperties[] = [organizationLocator, draftLocator('The invoice draft to get'), simplifyProperty];

export const description = updateDisplayOptions({ show: { resource: ['invoiceDraft'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const orgId = await getOrganizationId(this, i);
	const draftId = getIdParameter(this, 'draftId', i, 'Invoice Draft');
	const { simplify } = validate(this, z.object({ simplify: bool }), { simplify: this.getNodeParameter('simplify', i, true) }, i, {
		simplify: 'Simplify',
	});
	const draft =
		(await contaRequest<IDataObject | null>(this, {
			method: 'GET',
			path: invoicePath(orgId, `/invoice-drafts/${draftId}`),
			action: `get invoice draft ${draftId}`,
			itemIndex: i,
		})) ?? {};
	return simplify ? pick(draft, SIMPLE_DRAFT_FIELDS) : draft;
}

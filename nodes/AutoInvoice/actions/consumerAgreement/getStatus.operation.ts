import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { updateDisplayOptions } from '../../../shared/description';
import { text, validate } from '../../../shared/validation';
import { CONSUMER_NOT_FOUND, METHODS } from '../../transport/constants';
import { soapCall } from '../../transport';
import { MAX_REFERENCE_LENGTH, type ConsumerAgreementStatus } from './status';

const properties: INodeProperties[] = [
	{
		displayName: 'Reference Number',
		name: 'referenceNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 100234',
		description:
			"The consumer's reference number (reference_nr) in AutoInvoice, as used when the consumer agreement was made",
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['consumerAgreement'], operation: ['getStatus'] } },
	properties,
);

const input = z.object({ referenceNumber: text(MAX_REFERENCE_LENGTH) });

export async function execute(this: IExecuteFunctions, i: number): Promise<ConsumerAgreementStatus> {
	const { referenceNumber } = validate(
		this,
		input,
		{ referenceNumber: this.getNodeParameter('referenceNumber', i, '') },
		i,
		{ referenceNumber: 'Reference Number' },
	);
	const action = `get the status of consumer agreement '${referenceNumber}'`;
	return soapCall<ConsumerAgreementStatus>(this, METHODS.consumerAgreementStatus, [['reference_nr', referenceNumber]], {
		kind: 'read',
		action,
		itemIndex: i,
		read: ({ value, raw }) => {
			if (typeof raw !== 'string' || typeof value !== 'string' || value.trim() === '') {
				return {
					ok: false,
					failure: {
						message: `AutoInvoice sent an unexpected answer while trying to ${action}`,
						providerMessage: typeof raw === 'string' ? raw : JSON.stringify(raw)?.slice(0, 300),
						hint: 'Expected "OK: <state>". This may be a newer API version; please report it.',
					},
				};
			}
			const state = value.trim();
			return { ok: true, data: { reference_nr: referenceNumber, state, ready: state === 'ACTIVE', raw } };
		},
		onError: (error) =>
			error.text.toUpperCase() === CONSUMER_NOT_FOUND
				? {
						ok: false,
						failure: {
							message: `AutoInvoice found no consumer agreement with reference number '${referenceNumber}'`,
							providerMessage: error.providerText,
							hint: "Check the Reference Number: it must be the reference_nr of an existing consumer agreement of the credential's company.",
							httpCode: error.httpCode,
						},
					}
				: undefined,
	});
}

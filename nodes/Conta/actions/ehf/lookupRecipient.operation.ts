/**
 * EHF → Lookup Recipient: `GET /invoice/conta-ehf/recipients/{orgNo}` (not org-scoped) →
 * `RouteV1GetContaEhfRecipientInfoOutputModel`. The organization number is normalized and its
 * mod-11 check digit verified before the call; the output adds the normalized number and
 * `canReceiveEhf` (valid input and EHF 3.0 capable) to Conta's flags.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { updateDisplayOptions } from '../../../shared/description';
import { validate } from '../../../shared/validation';
import { isValidOrgNo, normalizeOrgNo, orgNoCheckDigit } from '../../helpers/orgNo';
import { canReceiveEhf, lookupEhfRecipient } from '../../transport/ehf';

const properties: INodeProperties[] = [
	{
		displayName: 'Organization Number',
		name: 'organizationNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '923456783',
		description:
			'The Norwegian organization number (9 digits) of the company to check. Spaces, dots, dashes and "NO … MVA" are removed.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['ehf'], operation: ['lookupRecipient'] } }, properties);

const input = z.object({
	organizationNumber: z.preprocess(
		(value) => (typeof value === 'number' && Number.isInteger(value) ? String(value) : value),
		z
			.string({ required_error: 'is required', invalid_type_error: 'must be text, e.g. 923456783' })
			.transform((value) => normalizeOrgNo(value.trim()))
			.superRefine((value, ctx) => {
				if (value === '') {
					ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'is required (a 9-digit Norwegian organization number)' });
				} else if (!/^\d{9}$/.test(value)) {
					ctx.addIssue({
						code: z.ZodIssueCode.custom,
						message: `must be a Norwegian organization number of 9 digits, e.g. 923456783 (got '${value.slice(0, 30)}')`,
					});
				} else if (!isValidOrgNo(value)) {
					const expected = orgNoCheckDigit(value.slice(0, 8));
					ctx.addIssue({
						code: z.ZodIssueCode.custom,
						message:
							expected === undefined
								? `${value} is not a valid organization number: no valid number starts with ${value.slice(0, 8)} (the mod-11 check digit would be 10). Check for a typo.`
								: `${value} is not a valid organization number: the last digit is a mod-11 check digit and should be ${expected} for ${value.slice(0, 8)}. Check for a typo.`,
					});
				}
			}),
	),
});

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { organizationNumber } = validate(
		this,
		input,
		{ organizationNumber: this.getNodeParameter('organizationNumber', i, '') },
		i,
		{ organizationNumber: 'Organization Number' },
	);
	const info = await lookupEhfRecipient(this, organizationNumber, i);
	return { organizationNumber, canReceiveEhf: canReceiveEhf(info), ...(info as IDataObject) };
}

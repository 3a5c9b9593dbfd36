/**
 * Payment → Create: `POST {o}/invoices/{invoiceId}/payments` (`RouteV1CreateSinglePaymentInputModel`
 * → `RouteV1PaymentModel`). Registers one payment on one invoice; Conta books it and closes the
 * invoice when nothing is left to pay.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { updateDisplayOptions } from '../../../shared/description';
import { dateOrToday, money, optionalDate, optionalJsonId, optionalText, todayIn, validate } from '../../../shared/validation';
import { CONTA_ZONE, MAX_AMOUNT } from '../../helpers/constants';
import { contaRequest, invoicePath } from '../../transport/index';
import { getIdParameter, getJsonIdParameter, getOrganizationId, idLocator, organizationLocator } from '../common';
import { invoiceLocator, type ContaPayment } from './common';

const properties: INodeProperties[] = [
	organizationLocator,
	invoiceLocator,
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { numberPrecision: 2 },
		description:
			'The amount paid in NOK, from 0.01 up to what is left to pay on the invoice. Conta does not take payments on invoices in a foreign currency here.',
	},
	idLocator({
		name: 'bankAccount',
		displayName: 'Bank Account',
		searchListMethod: 'searchBankAccounts',
		description: 'The bank account the money arrived in. Conta books the payment on it; accounts allowed for invoicing are listed first.',
		placeholder: '301',
	}),
	{
		displayName: 'Payment Date',
		name: 'date',
		type: 'dateTime',
		default: '',
		description:
			'The date the money reached the bank account (YYYY-MM-DD). Leave empty for today in Norway (Europe/Oslo). It cannot be in the future. A date-time at midnight, such as $today, counts as that date; any other date-time as its date in Norway.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Department ID',
				name: 'departmentId',
				type: 'string',
				default: '',
				description: 'The department to book the payment on in the accounting',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'Text for the accounting transaction of the payment (at most 500 characters). Conta does not return it later.',
			},
			{
				displayName: 'Project ID',
				name: 'projectId',
				type: 'string',
				default: '',
				description: 'The project to book the payment on in the accounting',
			},
			{
				displayName: 'Return Payment Date',
				name: 'returnPaymentDate',
				type: 'dateTime',
				default: '',
				description: 'The date the payment was returned to the payer, if it was (YYYY-MM-DD)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['create'] } }, properties);

const input = z
	.object({
		amount: money({ min: 0.01, max: MAX_AMOUNT }),
		date: dateOrToday(CONTA_ZONE),
		additionalFields: z
			.object({
				departmentId: optionalJsonId,
				description: optionalText(500),
				projectId: optionalJsonId,
				returnPaymentDate: optionalDate({ zone: CONTA_ZONE }),
			})
			.strict(),
	})
	.superRefine((value, ctx) => {
		const today = todayIn(CONTA_ZONE);
		if (value.date > today) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['date'],
				message: `cannot be in the future: ${value.date} is after today (${today}, Europe/Oslo). Use the date the money reached the bank account.`,
			});
		}
		const returned = value.additionalFields.returnPaymentDate;
		if (returned && returned < value.date) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['additionalFields', 'returnPaymentDate'],
				message: `cannot be before the payment date (${value.date})`,
			});
		}
	});

const LABELS = {
	amount: 'Amount',
	date: 'Payment Date',
	'additionalFields.departmentId': 'Department ID',
	'additionalFields.description': 'Description',
	'additionalFields.projectId': 'Project ID',
	'additionalFields.returnPaymentDate': 'Return Payment Date',
	additionalFields: 'Additional Fields',
};

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const orgId = await getOrganizationId(this, i);
	const invoiceId = getIdParameter(this, 'invoice', i, 'Invoice');
	const bankAccountId = getJsonIdParameter(this, 'bankAccount', i, 'Bank Account');
	const params = validate(
		this,
		input,
		{
			amount: this.getNodeParameter('amount', i),
			date: this.getNodeParameter('date', i, ''),
			additionalFields: this.getNodeParameter('additionalFields', i, {}),
		},
		i,
		LABELS,
	);
	const extra = params.additionalFields;
	const body: IDataObject = {
		date: params.date,
		amount: params.amount,
		bankAccountId,
	};
	if (extra.description !== undefined) body.description = extra.description;
	if (extra.departmentId !== undefined) body.departmentId = extra.departmentId;
	if (extra.projectId !== undefined) body.projectId = extra.projectId;
	if (extra.returnPaymentDate !== undefined) body.returnPaymentDate = extra.returnPaymentDate;

	const payment = await contaRequest<ContaPayment | null>(this, {
		method: 'POST',
		path: invoicePath(orgId, `/invoices/${invoiceId}/payments`),
		body,
		action: `register a payment on invoice ${invoiceId}`,
		itemIndex: i,
	});
	return (payment ?? {}) as IDataObject;
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeItems, type OperationModule } from '../../shared/execute';
import * as consumerAgreement from './consumerAgreement/ConsumerAgreement.resource';

/** resource → operation → module. A new operation is one file plus one line here. */
export const operations: Record<string, Record<string, OperationModule>> = {
	consumerAgreement: { getStatus: consumerAgreement.getStatus },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return routeItems.call(this, operations);
}

import type { INodeProperties } from 'n8n-workflow';
import type { OperationModule } from '../../../shared/execute';

/** Operations of the Payment resource: one file per operation, registered here. */
export const operations: Record<string, OperationModule> = {};

export const description: INodeProperties[] = [];

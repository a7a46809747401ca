import path from 'node:path';

/** The complete example bundle published beside the project (../shared/examples). */
export const EXAMPLE_BUNDLE = path.resolve(__dirname, '../../../shared/examples/credit-default-scorer');

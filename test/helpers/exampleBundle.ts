import path from 'node:path';

/** The complete example bundle kept with the format (shared/bundle/examples). */
export const EXAMPLE_BUNDLE = path.resolve(__dirname, '../../shared/bundle/examples/credit-default-scorer');

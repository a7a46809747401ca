import { z } from 'zod';

export const DeploymentContextSchema = z.enum(['internal', 'customer-facing']);

/** A model of the inventory; `id` is the stable id from the bundle manifest. */
export const ModelSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  version: z.string(),
  owner: z.string(),
  team: z.string(),
  productLine: z.string(),
  regions: z.array(z.string()),
  useCase: z.string(),
  deployment: z.object({
    context: DeploymentContextSchema,
    regulated: z.boolean(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Model = z.infer<typeof ModelSchema>;

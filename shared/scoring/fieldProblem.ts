/**
 * One problem found by a validator: `field` is the path of the control to mark (the same
 * shape as ApiError.field, e.g. "dimensions[3].weight"); `message` is the sentence to show.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

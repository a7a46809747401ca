import type { Json } from './auditChain';

/**
 * The audit images of one entity's records, by record id, for a verify's state check to
 * compare with what their last events logged. The entities with many records a cycle give
 * them one at a time as their rows are read, so that each row, record and image is dropped
 * once compared: read whole, the 30,000 records of a second cycle were all alive at once,
 * and copying them from one young-generation collection to the next was most of the check.
 */
export type RecordImages = Iterable<[id: string, image: Json]>;

/**
 * A record's image as an object literal of exactly the record's fields (the compiler refuses
 * one missing or added), written with its keys in canonical (sorted) order: the state check
 * then compares it with its logged text by JSON.stringify alone (canonicalTextMatcher), and a
 * literal is built in one step where copying the keys in sorted order took one store each.
 */
export type Imaged<T> = { [K in keyof T]: T[K] };

/** The images of `rows` (a statement's iterate()), made one by one as they are read. */
export function* imagesOfRows<Row>(rows: Iterable<Row>, image: (row: Row) => [id: string, image: Json]): Generator<[string, Json]> {
  for (const row of rows) yield image(row);
}

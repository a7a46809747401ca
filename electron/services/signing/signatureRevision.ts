import type { PdfFile } from './pdfFile';
import { isDict, isName, isRef, type PdfDict, type PdfRef, type PdfValue } from './pdfSyntax';

/**
 * Whether the revisions appended after a signed one add nothing but signatures: the
 * update a countersignature writes (ISO 32000-1 §12.8, §7.5.6) is a new signature
 * dictionary, its field and widget, the catalog's /AcroForm (and /DSS, validation data)
 * and the pages' /Annots that hold the widget. Anything else changed (a content stream,
 * the Info dictionary, a page's /Contents, an object freed) changes what the earlier signer
 * signed, so the packet is no longer what they signed. Widgets must be invisible (a zero
 * /Rect): a visible appearance could paint over the signed page.
 * Returns the first change that is not a signature, as a sentence, or null.
 */
export function changeBeyondSignatures(before: PdfFile, after: PdfFile, checkedSignatures: Set<number>): string | null {
  try {
    return new RevisionDiff(before, after, checkedSignatures).problem();
  } catch (err) {
    return `The revision cannot be read object by object: ${(err as Error).message}.`;
  }
}

const CATALOG_SIGNATURE_KEYS = new Set(['AcroForm', 'DSS']);
const ACROFORM_SIGNATURE_KEYS = new Set(['Fields', 'SigFlags']);
const NEW_ACROFORM_KEYS = new Set(['Type', 'Fields', 'SigFlags', 'DA', 'DR']);
// Page trees are a few levels deep; the bound keeps a crafted loop from recursing forever.
const MAX_TREE_DEPTH = 32;

class RevisionDiff {
  /** Changed objects whose change was found to be part of adding a signature. */
  private readonly justified = new Set<number>();
  private readonly visited = new Set<number>();
  private readonly oldSize: number;

  constructor(
    private readonly before: PdfFile,
    private readonly after: PdfFile,
    /** The object numbers of the signature dictionaries the verifier found and checks. */
    private readonly checkedSignatures: Set<number>,
  ) {
    const size = before.trailer.entries.get('Size');
    this.oldSize = typeof size === 'number' ? size : 0;
  }

  problem(): string | null {
    for (const key of ['Root', 'Info', 'Encrypt']) {
      if (!same(this.before.trailer.entries.get(key), this.after.trailer.entries.get(key))) return `The trailer's /${key} was changed.`;
    }
    for (const num of this.before.objectNumbers()) {
      if (this.after.offsetOf(num) === null) return `Object ${num} of the signed revision was removed.`;
    }
    const changed = this.after.objectNumbers().filter((num) => this.changed(num));
    for (const num of changed) {
      if (this.before.offsetOf(num) === null && num < this.oldSize) return `Object ${num}, a number the signed revision reserved, was added.`;
    }
    const root = this.after.trailer.entries.get('Root');
    if (!isRef(root)) return 'The trailer names no catalog.';
    const problem = this.catalog(root) ?? this.pages(this.after.dict(root)?.entries.get('Pages'), 0);
    if (problem) return problem;
    const unexplained = changed.find((num) => this.before.offsetOf(num) !== null && !this.justified.has(num));
    return unexplained === undefined ? null : `Object ${unexplained}${describe(this.before.object(unexplained))} was changed.`;
  }

  /** Defined differently in the two revisions (an object written again unchanged is not a change). */
  private changed(num: number): boolean {
    if (this.before.offsetOf(num) === this.after.offsetOf(num)) return false;
    if (this.before.offsetOf(num) === null) return true;
    if (!same(this.before.object(num), this.after.object(num))) return true;
    const [a, b] = [this.before.rawStream(num), this.after.rawStream(num)];
    return a === null ? b !== null : b === null || !a.equals(b);
  }

  private isNew(value: PdfValue): value is PdfRef {
    return isRef(value) && this.before.offsetOf(value.num) === null && this.after.offsetOf(value.num) !== null;
  }

  private catalog(root: PdfRef): string | null {
    const old = this.before.dict(root);
    const now = this.after.dict(root);
    if (!old || !now) return 'The catalog cannot be read.';
    const key = differingKey(old, now, CATALOG_SIGNATURE_KEYS);
    if (key) return `The catalog's /${key} was changed.`;
    this.justified.add(root.num);
    // The document security store holds validation data (certificates, OCSP, CRLs), never content.
    const dss = now.entries.get('DSS');
    if (isRef(dss)) this.justified.add(dss.num);
    return this.acroForm(old.entries.get('AcroForm'), now.entries.get('AcroForm'));
  }

  private acroForm(oldValue: PdfValue | undefined, newValue: PdfValue | undefined): string | null {
    const old = this.before.dict(oldValue);
    const now = this.after.dict(newValue);
    if (!now) return old ? 'The form (/AcroForm) was removed.' : null;
    if (isRef(newValue)) this.justified.add(newValue.num);
    const key = old ? differingKey(old, now, ACROFORM_SIGNATURE_KEYS) : [...now.entries.keys()].find((k) => !NEW_ACROFORM_KEYS.has(k));
    if (key) return `The form's /${key} was changed.`;
    return this.grows('form fields (/Fields)', old?.entries.get('Fields'), now.entries.get('Fields'), (ref) => this.signatureField(ref));
  }

  /**
   * Walks the page tree as the new revision has it; its inner nodes must be unchanged
   * (they are not justified here), each page may only gain signature widgets.
   */
  private pages(node: PdfValue | undefined, depth: number): string | null {
    if (!isRef(node) || depth > MAX_TREE_DEPTH || this.visited.has(node.num)) return null;
    this.visited.add(node.num);
    const dict = this.after.dict(node);
    if (!dict) return null;
    if (!isName(dict.entries.get('Type'), 'Page')) {
      const kids = this.after.resolve(dict.entries.get('Kids'));
      for (const kid of Array.isArray(kids) ? kids : []) {
        const problem = this.pages(kid, depth + 1);
        if (problem) return problem;
      }
      return null;
    }
    const old = this.before.dict(node);
    if (!old) return null;
    this.justified.add(node.num);
    const key = differingKey(old, dict, new Set(['Annots']));
    if (key) return `The /${key} of page object ${node.num} was changed.`;
    return this.grows(`annotations of page object ${node.num}`, old.entries.get('Annots'), dict.entries.get('Annots'), (ref) => this.signatureWidget(ref));
  }

  /** An array (inline or an object of its own) that keeps every entry it had and gains only what `added` accepts. */
  private grows(what: string, oldValue: PdfValue | undefined, newValue: PdfValue | undefined, added: (ref: PdfRef) => string | null): string | null {
    const old = this.before.resolve(oldValue);
    const now = this.after.resolve(newValue);
    if (isRef(newValue)) this.justified.add(newValue.num);
    const oldList = Array.isArray(old) ? old : [];
    if (!Array.isArray(now)) return oldList.length > 0 || now !== null ? `The ${what} are no longer a list.` : null;
    if (oldList.some((entry) => !now.some((n) => same(entry, n)))) return `An entry of the ${what} was removed.`;
    for (const entry of now) {
      if (oldList.some((o) => same(o, entry))) continue;
      if (!this.isNew(entry)) return `The ${what} gained an entry that is not a new signature.`;
      const problem = added(entry);
      if (problem) return problem;
    }
    return null;
  }

  /** A new signature field: /FT /Sig whose /V is a signature dictionary; its widgets are itself or its /Kids. */
  private signatureField(ref: PdfRef): string | null {
    const field = this.after.dict(ref);
    if (!field || !isName(field.entries.get('FT'), 'Sig')) return `The new form field ${ref.num} is not a signature field.`;
    const value = field.entries.get('V');
    // An empty field (no /V) signs nothing; a value must be one of the signatures checked.
    if (value !== undefined && !(isRef(value) && this.checkedSignatures.has(value.num))) return `Signature field ${ref.num} holds a signature that cannot be read and checked.`;
    const kids = this.after.resolve(field.entries.get('Kids'));
    if (Array.isArray(kids)) {
      for (const kid of kids) {
        if (!this.isNew(kid)) return `Signature field ${ref.num} has a widget that is not new.`;
        const problem = this.signatureWidget(kid);
        if (problem) return problem;
      }
    } else if (isName(field.entries.get('Subtype'), 'Widget')) return invisible(field, ref);
    return null;
  }

  /** A new widget of a signature field, merged with it or its kid. */
  private signatureWidget(ref: PdfRef): string | null {
    const widget = this.after.dict(ref);
    if (!widget || !isName(widget.entries.get('Subtype'), 'Widget')) return `The new annotation ${ref.num} is not a signature widget.`;
    const field = isName(widget.entries.get('FT'), 'Sig') ? widget : this.after.dict(widget.entries.get('Parent'));
    if (!field || !isName(field.entries.get('FT'), 'Sig')) return `The new annotation ${ref.num} belongs to no signature field.`;
    return invisible(widget, ref);
  }
}

function invisible(widget: PdfDict, ref: PdfRef): string | null {
  const rect = widget.entries.get('Rect');
  const numbers = Array.isArray(rect) && rect.length === 4 && rect.every((n) => typeof n === 'number') ? (rect as number[]) : null;
  if (numbers && numbers[0] === numbers[2] && numbers[1] === numbers[3]) return null;
  return `The signature widget ${ref.num} is visible (/Rect ${numbers ? `[${numbers.join(' ')}]` : 'unreadable'}); a visible appearance added after signing could cover the signed page.`;
}

function describe(value: PdfValue): string {
  if (!isDict(value)) return '';
  const type = value.entries.get('Type');
  return isName(type) ? ` (/${type.name})` : '';
}

/** A key, other than the ones allowed to change, whose value differs between the two. */
function differingKey(old: PdfDict, now: PdfDict, allowed: Set<string>): string | undefined {
  const keys = new Set([...old.entries.keys(), ...now.entries.keys()]);
  return [...keys].find((k) => !allowed.has(k) && !same(old.entries.get(k), now.entries.get(k)));
}

/** The same PDF value: references by number and generation, strings by their bytes. */
function same(a: PdfValue | undefined, b: PdfValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a === null || typeof a !== 'object' || b === null || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => same(v, b[i]));
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'name':
      return a.name === (b as typeof a).name;
    case 'string':
      return a.bytes.equals((b as typeof a).bytes);
    case 'ref':
      return a.num === (b as typeof a).num && a.gen === (b as typeof a).gen;
    case 'dict': {
      const other = (b as typeof a).entries;
      return a.entries.size === other.size && [...a.entries].every(([k, v]) => other.has(k) && same(v, other.get(k)));
    }
  }
}

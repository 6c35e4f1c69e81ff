/**
 * Translates fixed English texts that a library writes straight into the DOM (form-js 1.23.0 has
 * no i18n, form-js#77; bpmn-js-token-simulation 0.39.4 and diagram-js's popup menu hard-code a
 * few): every text node and title/placeholder/aria-label attribute whose trimmed value is exactly
 * a catalogue key is replaced, now and whenever the library renders again. Exact matching and
 * the `skip` selector keep it away from what the user wrote: their labels on a canvas, the
 * values of inputs, editable areas. The libraries diff against their own virtual DOM, so a
 * replaced text stays until they render a different one, which is translated in turn.
 */
export const TRANSLATED_ATTRIBUTES = ['title', 'placeholder', 'aria-label'] as const;

/**
 * Always skipped: SVG (diagram labels, icons) and what is inside editable areas. The attributes
 * of an input or an editable area itself (placeholder, title, aria-label: a code editor is
 * labelled with its field's label) are the library's words, so they are translated, and so are
 * a select's options in the panels (the choices the library offers); selects that show the
 * user's options (a form preview) are inside the callers' `skip`.
 */
const ATTRIBUTE_SKIP = 'svg, [contenteditable] *';
const TEXT_SKIP = 'textarea, [contenteditable], svg';

/** A text built at run time around a name, rebuilt in Chinese (the name kept as it is). */
export interface DomPattern {
  pattern: RegExp;
  zh: (...groups: string[]) => string;
  /** Only below elements matching this selector: a pattern is looser than an exact key. */
  within: string;
}

export interface DomTranslationOptions {
  catalogue: Readonly<Record<string, string>>;
  patterns?: readonly DomPattern[];
  /** A CSS selector for subtrees that hold the user's own content. */
  skip?: string;
  /** Islands inside a skipped subtree that are the library's again (an empty-state placeholder). */
  allow?: string;
  /**
   * Subtrees whose texts are the user's but whose attributes are the library's: a code editor's
   * content is what the user typed, its aria-label is the field's label.
   */
  skipTexts?: string;
}

export function observeDomTranslations(root: Element, options: DomTranslationOptions): () => void {
  // the nearest of `skip` and `allow` decides: an allowed island inside a skipped subtree counts
  const isUsers = (element: Element, always: string) => {
    if (element.closest(always)) return true;
    if (!options.skip) return false;
    const nearest = element.closest(options.allow ? `${options.skip}, ${options.allow}` : options.skip);
    return nearest !== null && !(options.allow && nearest.matches(options.allow));
  };
  const { catalogue } = options;
  const byPattern = (text: string, where: Element) => {
    for (const { pattern, zh, within } of options.patterns ?? []) {
      const match = where.closest(within) ? pattern.exec(text) : null;
      if (match) return zh(...match.slice(1).map((group) => group ?? ''));
    }
    return undefined;
  };
  const lookup = (text: string, where: Element) =>
    Object.prototype.hasOwnProperty.call(catalogue, text) ? catalogue[text] : byPattern(text, where);

  const translateText = (node: Text) => {
    const raw = node.data;
    const text = raw.trim();
    const parent = node.parentElement;
    if (!text || !parent) return;
    const translated = lookup(text, parent);
    const textSkip = options.skipTexts ? `${TEXT_SKIP}, ${options.skipTexts}` : TEXT_SKIP;
    if (translated === undefined || translated === text || isUsers(parent, textSkip)) return;
    node.data = raw.replace(text, translated);
  };

  const translateAttribute = (element: Element, name: string) => {
    const value = element.getAttribute(name);
    const text = value?.trim();
    if (!text) return;
    const translated = lookup(text, element);
    if (translated === undefined || translated === text || isUsers(element, ATTRIBUTE_SKIP)) return;
    element.setAttribute(name, translated);
  };

  const translateTree = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      translateText(node as Text);
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const element = node as Element;
    if (element.closest('svg')) return;
    const elements = [element, ...Array.from(element.querySelectorAll('*'))];
    for (const candidate of elements) {
      for (const name of TRANSLATED_ATTRIBUTES) {
        if (candidate.hasAttribute(name)) translateAttribute(candidate, name);
      }
    }
    const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) translateText(text as Text);
  };

  translateTree(root);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'childList') record.addedNodes.forEach(translateTree);
      else if (record.type === 'characterData') translateText(record.target as Text);
      else if (record.type === 'attributes' && record.attributeName) {
        translateAttribute(record.target as Element, record.attributeName);
      }
    }
  });
  observer.observe(root, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: [...TRANSLATED_ATTRIBUTES],
  });
  return () => observer.disconnect();
}

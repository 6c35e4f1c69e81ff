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
 * Always skipped: SVG (diagram labels, icons) and editable areas; for texts also the inside of
 * form controls (an option's text is the user's). An input's own placeholder, title and
 * aria-label are the library's words, so attributes of inputs are translated.
 */
const ATTRIBUTE_SKIP = '[contenteditable], svg';
const TEXT_SKIP = `input, textarea, select, ${ATTRIBUTE_SKIP}`;

export interface DomTranslationOptions {
  catalogue: Readonly<Record<string, string>>;
  /** A CSS selector for subtrees that hold the user's own content. */
  skip?: string;
}

export function observeDomTranslations(root: Element, options: DomTranslationOptions): () => void {
  const withCustom = (selector: string) => (options.skip ? `${selector}, ${options.skip}` : selector);
  const textSkip = withCustom(TEXT_SKIP);
  const attributeSkip = withCustom(ATTRIBUTE_SKIP);
  const { catalogue } = options;
  const lookup = (text: string) =>
    Object.prototype.hasOwnProperty.call(catalogue, text) ? catalogue[text] : undefined;

  const translateText = (node: Text) => {
    const raw = node.data;
    const text = raw.trim();
    if (!text) return;
    const translated = lookup(text);
    if (translated === undefined || translated === text) return;
    if (!node.parentElement || node.parentElement.closest(textSkip)) return;
    node.data = raw.replace(text, translated);
  };

  const translateAttribute = (element: Element, name: string) => {
    const value = element.getAttribute(name);
    const text = value?.trim();
    if (!text) return;
    const translated = lookup(text);
    if (translated === undefined || translated === text || element.closest(attributeSkip)) return;
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

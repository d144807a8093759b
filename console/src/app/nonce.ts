// The page's CSP nonce (the hub writes a fresh one into <meta name="csp-nonce"> on every
// response). The CSP admits only scripts from the hub itself, so every <style> element
// created on the page comes from our own bundle (Ant Design's style injector, Cytoscape's
// container rule, GraphiQL, Swagger UI): each gets the nonce as it is created, and the
// policy needs no 'unsafe-inline'. Imported first by every entry point.
const meta = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
export const nonce: string | undefined = meta && !meta.startsWith("__") ? meta : undefined;

if (nonce) {
  const create = document.createElement.bind(document);
  document.createElement = ((tag: string, options?: ElementCreationOptions) => {
    const element = create(tag, options);
    if (tag.toLowerCase() === "style") element.setAttribute("nonce", nonce);
    return element;
  }) as typeof document.createElement;
}

// Signing in leaves the page: what the reader typed is kept in this tab and put back when they return.
export function keepDraftAcrossSignIn(form: HTMLFormElement, threadId: string): void {
  const key = `parley:draft:${threadId}`;
  const body = form.elements.namedItem("body") as HTMLTextAreaElement;
  const parent = form.elements.namedItem("parentId") as HTMLInputElement | null;
  const saved = sessionStorage.getItem(key);
  if (saved) {
    sessionStorage.removeItem(key);
    try {
      const draft = JSON.parse(saved) as { body?: string; parentId?: string };
      if (!body.value && draft.body) body.value = draft.body;
      if (parent && !parent.value && draft.parentId) parent.value = draft.parentId;
    } catch {
      // an unreadable draft is dropped
    }
  }
  for (const link of document.querySelectorAll(".sign-in-button[href], .reader-logout")) {
    link.addEventListener("click", () => {
      if (body.value.trim()) sessionStorage.setItem(key, JSON.stringify({ body: body.value, parentId: parent?.value }));
    });
  }
}

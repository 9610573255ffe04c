// The addresses of an article's comment pages, as WordPress shapes them: the article's own address
// shows the newest page, older ones live at /comment-page-N/, and a comment's permalink
// (/comments/:id) redirects to the page that shows it (http/page-handlers.ts).
export function articlePath(slug: string): string {
  return `/articles/${encodeURIComponent(slug)}`;
}

/** The address of comment page `page` of `pageCount`: the newest page is the article itself. */
export function commentPagePath(slug: string, page: number, pageCount: number): string {
  return page >= pageCount ? articlePath(slug) : `${articlePath(slug)}/comment-page-${page}/`;
}

/** Where a comment can always be linked: redirects to its page, at its anchor. */
export function commentPermalinkPath(slug: string, commentId: string): string {
  return `${articlePath(slug)}/comments/${encodeURIComponent(commentId)}`;
}

// A comment as the article page's script receives it (the create / edit answers, live events).
import type { PublicComment } from "../../domain/public-comment.ts";
import type { OwnFields } from "../views/comment-html.ts";

export type PageComment = PublicComment & OwnFields;

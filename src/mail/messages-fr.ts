// A reader's mails in French (the keys of messages.ts; moderators' mail stays English). French
// typography: a no-break space inside « » and a narrow one before : ; ? !
import type { ReaderMailMessages } from "./messages.ts";

const one = (n: number) => new Intl.PluralRules("fr").select(n) === "one"; // 0 and 1

export const mailMessagesFr: ReaderMailMessages = {
  yourDataSubject: "Vos commentaires et vos données sur Parley",
  yourDataIntro:
    "Vous avez demandé à voir ce que Parley conserve sur cette adresse e-mail. Le lien ci-dessous vous le montre, " +
    "vous permet de le télécharger et d’anonymiser ou de supprimer vos commentaires. Il est valable 24 heures.",
  yourDataAction: "Voir mes données",
  yourDataNotYou:
    "Si vous n’avez rien demandé, ignorez cet e-mail\u202f: rien ne change tant que le lien n’est pas utilisé.",
  signInSubject: "Votre lien de connexion à Parley",
  signInIntro: (name: string) => `Bonjour ${name}, utilisez le bouton ci-dessous pour vous connecter et commenter.`,
  signInAction: "Me connecter",
  signInAfter: (minutes: number) => `Le lien ne fonctionne qu’une fois, pendant ${minutes} minutes.`,
  signInNotYou: "Si vous n’avez rien demandé, ignorez cet e-mail\u202f: personne ne peut se connecter sans le lien.",
  footerWhy: (site: string) => `Vous recevez cet e-mail en raison de votre activité sur ${site}.`,
  footerStopThis: "Ne plus recevoir ces e-mails",
  footerStopAll: (site: string) => `Ne plus recevoir aucun e-mail de ${site}`,

  confirmSubject: (site: string) => `Confirmez votre adresse e-mail pour ${site}`,
  confirmIntro: (site: string, title: string) =>
    `Quelqu’un (vous, espérons-le) a demandé à ${site} d’envoyer à cette adresse des notifications sur «\u00a0${title}\u00a0».`,
  confirmAction: "Confirmer mon adresse",
  confirmAfter:
    "Tant que vous n’avez pas confirmé, nous n’envoyons rien d’autre à cette adresse. Le lien est valable 7 jours.",
  confirmNotYou: "Ce n’était pas vous\u202f? Ignorez cet e-mail, ou bloquez tout envoi à cette adresse\u202f:",

  replySubject: (author: string, title: string) => `${author} a répondu à votre commentaire sur «\u00a0${title}\u00a0»`,
  replyIntro: (author: string) => `${author} a répondu à votre commentaire\u202f:`,
  replyYouWrote: "Vous aviez écrit\u202f:",
  replyAction: "Lire la réponse",

  approvedSubject: (title: string) => `Votre commentaire sur «\u00a0${title}\u00a0» est publié`,
  approvedIntro:
    "Votre commentaire attendait la modération et il est maintenant publié\u202f: tout le monde peut le lire.",
  approvedAction: "Voir votre commentaire",

  digestSubject: (n: number, title: string) =>
    one(n)
      ? `${n} nouveau commentaire sur «\u00a0${title}\u00a0»`
      : `${n} nouveaux commentaires sur «\u00a0${title}\u00a0»`,
  digestIntro: (n: number) =>
    one(n)
      ? `${n} nouveau commentaire a été publié dans une discussion que vous suivez\u202f:`
      : `${n} nouveaux commentaires ont été publiés dans une discussion que vous suivez\u202f:`,
  digestMore: (n: number) => `…et ${n} de plus.`,
  digestAction: "Lire la discussion",
  commentBy: (author: string) => `${author} a écrit\u202f:`,
};

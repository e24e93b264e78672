// The wording of the Auth e-mails (en, es): one subject and opening line per kind of e-mail, then
// the 6-digit code and the verify link. Plain text is the message; the HTML part says the same
// with every value escaped (tenant names and addresses are data, not markup).
import { escapeHtml, type HookLanguage } from '../_shared/auth-hooks.ts';

/** What an e-mail is for; email_change splits by which address it goes to. */
export type EmailKind =
  | 'signup'
  | 'invite'
  | 'magiclink'
  | 'recovery'
  | 'email_change_current'
  | 'email_change_new'
  | 'reauthentication'
  | 'notification'
  | 'code';

export interface EmailContent {
  kind: EmailKind;
  brand: string;
  /** The one-time code, when this e-mail carries one. */
  code: string | null;
  /** The verify link, when this e-mail carries one. */
  link: string | null;
  oldEmail?: string | null;
  newEmail?: string | null;
  /** email_action_type of a *_notification e-mail. */
  notification?: string;
}

interface Wording {
  subject: (c: EmailContent) => string;
  opening: (c: EmailContent) => string;
}

type Phrasebook = Record<EmailKind, Wording> & {
  code: Wording;
  codeLine: string;
  linkLine: string;
  ignore: string;
  changes: Record<string, string>;
  someChange: string;
};

const en: Phrasebook = {
  signup: {
    subject: (c) => `Confirm your e-mail address for ${c.brand}`,
    opening: (c) => `Welcome to ${c.brand}. Confirm your e-mail address to finish signing up.`,
  },
  invite: {
    subject: (c) => `You have been invited to ${c.brand}`,
    opening: (c) => `You have been invited to join ${c.brand}. Accept the invitation to set up your account.`,
  },
  magiclink: {
    subject: (c) => `Your ${c.brand} sign-in code`,
    opening: (c) => `Use this code to sign in to ${c.brand}.`,
  },
  recovery: {
    subject: (c) => `Reset your ${c.brand} password`,
    opening: (c) => `We received a request to reset the password of your ${c.brand} account.`,
  },
  email_change_current: {
    subject: (c) => `Confirm the new e-mail address of your ${c.brand} account`,
    opening: (c) => `Confirm that the e-mail address of your ${c.brand} account should change from ${c.oldEmail ?? 'this address'} to ${c.newEmail ?? 'a new address'}.`,
  },
  email_change_new: {
    subject: (c) => `Confirm your new ${c.brand} e-mail address`,
    opening: (c) => `Confirm ${c.newEmail ?? 'this address'} as the new e-mail address of your ${c.brand} account.`,
  },
  reauthentication: {
    subject: (c) => `Your ${c.brand} confirmation code`,
    opening: () => 'Use this code to confirm that it is you.',
  },
  notification: {
    subject: (c) => `Security notice from ${c.brand}`,
    opening: (c) => `There was a change to your ${c.brand} account: ${en.changes[c.notification ?? ''] ?? en.someChange}. If this was not you, contact us straight away.`,
  },
  code: {
    subject: (c) => `Your ${c.brand} code`,
    opening: () => 'Use this code to continue.',
  },
  codeLine: 'Your code',
  linkLine: 'Or open this link',
  ignore: 'If you did not ask for this, you can ignore this e-mail.',
  changes: {
    password_changed_notification: 'your password was changed',
    email_changed_notification: 'your e-mail address was changed',
    phone_changed_notification: 'your phone number was changed',
    identity_linked_notification: 'a sign-in method was added',
    identity_unlinked_notification: 'a sign-in method was removed',
    mfa_factor_enrolled_notification: 'a second sign-in factor was added',
    mfa_factor_unenrolled_notification: 'a second sign-in factor was removed',
  },
  someChange: 'your account settings were changed',
};

const es: Phrasebook = {
  signup: {
    subject: (c) => `Confirma tu correo electrónico para ${c.brand}`,
    opening: (c) => `Te damos la bienvenida a ${c.brand}. Confirma tu correo electrónico para terminar el registro.`,
  },
  invite: {
    subject: (c) => `Te han invitado a ${c.brand}`,
    opening: (c) => `Te han invitado a unirte a ${c.brand}. Acepta la invitación para configurar tu cuenta.`,
  },
  magiclink: {
    subject: (c) => `Tu código de acceso a ${c.brand}`,
    opening: (c) => `Usa este código para iniciar sesión en ${c.brand}.`,
  },
  recovery: {
    subject: (c) => `Restablece tu contraseña de ${c.brand}`,
    opening: (c) => `Hemos recibido una solicitud para restablecer la contraseña de tu cuenta de ${c.brand}.`,
  },
  email_change_current: {
    subject: (c) => `Confirma el nuevo correo electrónico de tu cuenta de ${c.brand}`,
    opening: (c) => `Confirma que el correo electrónico de tu cuenta de ${c.brand} debe cambiar de ${c.oldEmail ?? 'esta dirección'} a ${c.newEmail ?? 'una dirección nueva'}.`,
  },
  email_change_new: {
    subject: (c) => `Confirma tu nuevo correo electrónico de ${c.brand}`,
    opening: (c) => `Confirma ${c.newEmail ?? 'esta dirección'} como el nuevo correo electrónico de tu cuenta de ${c.brand}.`,
  },
  reauthentication: {
    subject: (c) => `Tu código de confirmación de ${c.brand}`,
    opening: () => 'Usa este código para confirmar que eres tú.',
  },
  notification: {
    subject: (c) => `Aviso de seguridad de ${c.brand}`,
    opening: (c) => `Ha habido un cambio en tu cuenta de ${c.brand}: ${es.changes[c.notification ?? ''] ?? es.someChange}. Si no has sido tú, contáctanos de inmediato.`,
  },
  code: {
    subject: (c) => `Tu código de ${c.brand}`,
    opening: () => 'Usa este código para continuar.',
  },
  codeLine: 'Tu código',
  linkLine: 'O abre este enlace',
  ignore: 'Si no lo has solicitado, puedes ignorar este correo.',
  changes: {
    password_changed_notification: 'se ha cambiado tu contraseña',
    email_changed_notification: 'se ha cambiado tu correo electrónico',
    phone_changed_notification: 'se ha cambiado tu número de teléfono',
    identity_linked_notification: 'se ha añadido un método de inicio de sesión',
    identity_unlinked_notification: 'se ha eliminado un método de inicio de sesión',
    mfa_factor_enrolled_notification: 'se ha añadido un segundo factor de inicio de sesión',
    mfa_factor_unenrolled_notification: 'se ha eliminado un segundo factor de inicio de sesión',
  },
  someChange: 'se ha cambiado la configuración de tu cuenta',
};

const phrasebooks: Record<HookLanguage, Phrasebook> = { en, es };

/** Subject, plain text and HTML of one e-mail. */
export function renderEmail(language: HookLanguage, content: EmailContent): { subject: string; text: string; html: string } {
  const book = phrasebooks[language];
  const wording = book[content.kind];
  const subject = wording.subject(content);
  const opening = wording.opening(content);
  const closing = content.kind === 'notification' ? null : book.ignore;
  const text = [
    opening,
    content.code ? `${book.codeLine}: ${content.code}` : null,
    content.link ? `${book.linkLine}:\n${content.link}` : null,
    closing,
  ].filter((part): part is string => part !== null).join('\n\n');
  const html = [
    `<p>${escapeHtml(opening)}</p>`,
    content.code ? `<p>${escapeHtml(book.codeLine)}: <strong style="font-size:1.4em;letter-spacing:0.1em">${escapeHtml(content.code)}</strong></p>` : '',
    content.link ? `<p><a href="${escapeHtml(content.link)}">${escapeHtml(book.linkLine)}</a></p>` : '',
    closing ? `<p>${escapeHtml(closing)}</p>` : '',
  ].join('');
  return { subject, text, html };
}

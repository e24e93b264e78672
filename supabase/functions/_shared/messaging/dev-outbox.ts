// The local stand-in for real providers: captures a message instead of sending it. Each message
// is printed as one clearly labelled block to the function's output (the functions server log
// that `npm start` writes), and kept in `messages` for tests. Results say `captured: true` so the
// outbox records them as 'captured', never as 'sent'.
import type { EmailMessage, EmailSender, SendResult, SmsMessage, SmsSender, WhatsAppMessage, WhatsAppSender } from './types.ts';

export const DEV_OUTBOX_BANNER = 'DEV OUTBOX — NOT SENT';

export type CapturedMessage =
  | { channel: 'sms'; id: string; to: string; body: string }
  | { channel: 'email'; id: string; to: string; subject: string; body: string }
  | { channel: 'whatsapp'; id: string; to: string; contentSid: string; contentVariables: Record<string, string>; body: string };

export interface DevOutbox extends SmsSender, EmailSender, WhatsAppSender {
  /** What was captured by this instance, oldest first. */
  readonly messages: CapturedMessage[];
}

export interface DevOutboxOptions {
  /** Where the block goes; default console.log (the function's stdout). */
  log?: (text: string) => void;
}

export function createDevOutbox({ log = console.log }: DevOutboxOptions = {}): DevOutbox {
  const messages: CapturedMessage[] = [];
  const capture = (message: CapturedMessage): SendResult => {
    messages.push(message);
    const lines = [
      `┌── ${DEV_OUTBOX_BANNER} ──────────────────────────`,
      `│ channel: ${message.channel}`,
      `│ to:      ${message.to}`,
      ...(message.channel === 'email' ? [`│ subject: ${message.subject}`] : []),
      ...(message.channel === 'whatsapp'
        ? [`│ template: ${message.contentSid}`, `│ variables: ${JSON.stringify(message.contentVariables)}`]
        : []),
      `│ id:      ${message.id}`,
      '│',
      ...message.body.split('\n').map((line) => `│ ${line}`),
      `└── end of ${DEV_OUTBOX_BANNER} ───────────────────`,
    ];
    log(lines.join('\n'));
    return { provider: 'dev_outbox', providerMessageId: message.id, captured: true };
  };
  const newId = () => `dev_${crypto.randomUUID()}`;
  return {
    messages,
    sendSms(message: SmsMessage) {
      return Promise.resolve(capture({ channel: 'sms', id: newId(), to: message.to, body: message.body }));
    },
    sendWhatsApp(message: WhatsAppMessage) {
      return Promise.resolve(capture({
        channel: 'whatsapp', id: newId(), to: `whatsapp:${message.to}`, contentSid: message.contentSid,
        contentVariables: message.contentVariables, body: message.preview ?? '(the approved template, filled with the variables above)',
      }));
    },
    sendEmail(message: EmailMessage) {
      return Promise.resolve(capture({ channel: 'email', id: newId(), to: message.to, subject: message.subject, body: message.text }));
    },
  };
}

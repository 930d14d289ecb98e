import type {OmErrorCode} from '../client/errors.js';

/** How the element describes a failure to visitors; the full facts travel in the event. */
export type ErrorKind = 'config' | 'refused' | 'network' | 'access' | 'failed';

export interface Strings {
  /** Default button label, when the element has no content of its own. */
  label: string;
  busy: string;
  /** The link shown when the browser blocked the new window. */
  link: string;
  /** Title of the iframe for `target="iframe"`. */
  frame: string;
  /** `{field}` stands for the attribute at fault. */
  errors: Record<ErrorKind, string>;
}

export type Locale = keyof typeof tables;

const tables = {
  en: {
    label: 'Join the meeting',
    busy: 'Joining…',
    link: 'Open the meeting',
    frame: 'Meeting room',
    errors: {
      config: 'This button is not set up correctly ({field}).',
      refused: 'The meeting address was refused for safety reasons.',
      network: 'The meeting server could not be reached. Please try again.',
      access: 'The meeting server refused access.',
      failed: 'Could not join the meeting. Please try again.',
    },
  },
  de: {
    label: 'An der Besprechung teilnehmen',
    busy: 'Verbinde…',
    link: 'Besprechung öffnen',
    frame: 'Besprechungsraum',
    errors: {
      config: 'Diese Schaltfläche ist nicht richtig eingerichtet ({field}).',
      refused: 'Die Adresse der Besprechung wurde aus Sicherheitsgründen abgelehnt.',
      network: 'Der Besprechungsserver ist nicht erreichbar. Bitte versuchen Sie es erneut.',
      access: 'Der Besprechungsserver hat den Zugang verweigert.',
      failed: 'Teilnahme nicht möglich. Bitte versuchen Sie es erneut.',
    },
  },
  fr: {
    label: 'Rejoindre la réunion',
    busy: 'Connexion…',
    link: 'Ouvrir la réunion',
    frame: 'Salle de réunion',
    errors: {
      config: 'Ce bouton n’est pas configuré correctement ({field}).',
      refused: 'L’adresse de la réunion a été refusée pour des raisons de sécurité.',
      network: 'Le serveur de réunion est injoignable. Veuillez réessayer.',
      access: 'Le serveur de réunion a refusé l’accès.',
      failed: 'Impossible de rejoindre la réunion. Veuillez réessayer.',
    },
  },
  es: {
    label: 'Unirse a la reunión',
    busy: 'Conectando…',
    link: 'Abrir la reunión',
    frame: 'Sala de reunión',
    errors: {
      config: 'Este botón no está bien configurado ({field}).',
      refused: 'La dirección de la reunión se rechazó por motivos de seguridad.',
      network: 'No se pudo contactar con el servidor de reuniones. Inténtelo de nuevo.',
      access: 'El servidor de reuniones denegó el acceso.',
      failed: 'No se pudo entrar en la reunión. Inténtelo de nuevo.',
    },
  },
  it: {
    label: 'Partecipa alla riunione',
    busy: 'Connessione…',
    link: 'Apri la riunione',
    frame: 'Sala riunioni',
    errors: {
      config: 'Questo pulsante non è configurato correttamente ({field}).',
      refused: 'L’indirizzo della riunione è stato rifiutato per motivi di sicurezza.',
      network: 'Impossibile raggiungere il server delle riunioni. Riprova.',
      access: 'Il server delle riunioni ha negato l’accesso.',
      failed: 'Impossibile partecipare alla riunione. Riprova.',
    },
  },
  pt: {
    label: 'Entrar na reunião',
    busy: 'Aguarde…',
    link: 'Abrir a reunião',
    frame: 'Sala de reunião',
    errors: {
      config: 'Este botão não está configurado corretamente ({field}).',
      refused: 'O endereço da reunião foi recusado por motivos de segurança.',
      network: 'O servidor de reuniões não respondeu. Tente novamente.',
      access: 'O servidor de reuniões recusou o acesso.',
      failed: 'Não foi possível entrar na reunião. Tente novamente.',
    },
  },
  ru: {
    label: 'Присоединиться к встрече',
    busy: 'Подключение…',
    link: 'Открыть встречу',
    frame: 'Комната встречи',
    errors: {
      config: 'Кнопка настроена неправильно ({field}).',
      refused: 'Адрес встречи отклонён из соображений безопасности.',
      network: 'Сервер встреч недоступен. Попробуйте ещё раз.',
      access: 'Сервер встреч отказал в доступе.',
      failed: 'Не удалось присоединиться к встрече. Попробуйте ещё раз.',
    },
  },
  'zh-CN': {
    label: '加入会议',
    busy: '正在加入…',
    link: '打开会议',
    frame: '会议室',
    errors: {
      config: '此按钮配置不正确（{field}）。',
      refused: '出于安全原因，会议地址已被拒绝。',
      network: '无法连接会议服务器，请重试。',
      access: '会议服务器拒绝访问。',
      failed: '无法加入会议，请重试。',
    },
  },
  'zh-TW': {
    label: '加入會議',
    busy: '正在加入…',
    link: '開啟會議',
    frame: '會議室',
    errors: {
      config: '此按鈕設定不正確（{field}）。',
      refused: '基於安全考量，會議位址已被拒絕。',
      network: '無法連線至會議伺服器，請再試一次。',
      access: '會議伺服器拒絕存取。',
      failed: '無法加入會議，請再試一次。',
    },
  },
  ja: {
    label: '会議に参加',
    busy: '参加しています…',
    link: '会議を開く',
    frame: '会議室',
    errors: {
      config: 'このボタンの設定が正しくありません（{field}）。',
      refused: '安全上の理由により、会議のアドレスは拒否されました。',
      network: '会議サーバーに接続できません。もう一度お試しください。',
      access: '会議サーバーがアクセスを拒否しました。',
      failed: '会議に参加できませんでした。もう一度お試しください。',
    },
  },
  ar: {
    label: 'الانضمام إلى الاجتماع',
    busy: 'جارٍ الانضمام…',
    link: 'فتح الاجتماع',
    frame: 'غرفة الاجتماع',
    errors: {
      config: 'هذا الزر غير مُعدّ بشكل صحيح ({field}).',
      refused: 'رُفض عنوان الاجتماع لأسباب أمنية.',
      network: 'تعذّر الوصول إلى خادم الاجتماعات. يُرجى المحاولة مرة أخرى.',
      access: 'رفض خادم الاجتماعات الوصول.',
      failed: 'تعذّر الانضمام إلى الاجتماع. يُرجى المحاولة مرة أخرى.',
    },
  },
  he: {
    label: 'הצטרפות לפגישה',
    busy: 'מצטרפים…',
    link: 'פתיחת הפגישה',
    frame: 'חדר הפגישה',
    errors: {
      config: 'הכפתור אינו מוגדר כראוי ({field}).',
      refused: 'כתובת הפגישה נדחתה מטעמי אבטחה.',
      network: 'אין גישה לשרת הפגישות. נא לנסות שוב.',
      access: 'שרת הפגישות סירב לגישה.',
      failed: 'לא ניתן להצטרף לפגישה. נא לנסות שוב.',
    },
  },
  fa: {
    label: 'پیوستن به جلسه',
    busy: 'در حال پیوستن…',
    link: 'باز کردن جلسه',
    frame: 'اتاق جلسه',
    errors: {
      config: 'این دکمه درست پیکربندی نشده است ({field}).',
      refused: 'نشانی جلسه به دلایل امنیتی رد شد.',
      network: 'دسترسی به سرور جلسه ممکن نیست. لطفاً دوباره تلاش کنید.',
      access: 'سرور جلسه اجازهٔ دسترسی نداد.',
      failed: 'پیوستن به جلسه ممکن نشد. لطفاً دوباره تلاش کنید.',
    },
  },
  ur: {
    label: 'میٹنگ میں شامل ہوں',
    busy: 'شامل ہو رہے ہیں…',
    link: 'میٹنگ کھولیں',
    frame: 'میٹنگ روم',
    errors: {
      config: 'یہ بٹن درست طریقے سے ترتیب نہیں دیا گیا ({field})۔',
      refused: 'حفاظتی وجوہات کی بنا پر میٹنگ کا پتہ مسترد کر دیا گیا۔',
      network: 'میٹنگ سرور سے رابطہ نہیں ہو سکا۔ براہ کرم دوبارہ کوشش کریں۔',
      access: 'میٹنگ سرور نے رسائی سے انکار کر دیا۔',
      failed: 'میٹنگ میں شامل نہیں ہو سکے۔ براہ کرم دوبارہ کوشش کریں۔',
    },
  },
  pl: {
    label: 'Dołącz do spotkania',
    busy: 'Dołączanie…',
    link: 'Otwórz spotkanie',
    frame: 'Pokój spotkania',
    errors: {
      config: 'Ten przycisk jest źle skonfigurowany ({field}).',
      refused: 'Adres spotkania został odrzucony ze względów bezpieczeństwa.',
      network: 'Nie można połączyć się z serwerem spotkań. Spróbuj ponownie.',
      access: 'Serwer spotkań odmówił dostępu.',
      failed: 'Nie udało się dołączyć do spotkania. Spróbuj ponownie.',
    },
  },
} satisfies Record<string, Strings>;

const rtl = new Set<string>(['ar', 'he', 'fa', 'ur']);

// Codes missing here (for instance ones the client adds later) read as 'failed'.
const kinds: Partial<Record<OmErrorCode, ErrorKind>> = {
  config: 'config',
  refused: 'refused',
  network: 'network',
  timeout: 'network',
  aborted: 'network',
  'bad-credentials': 'access',
  'not-activated': 'access',
  'no-group': 'access',
  'not-allowed': 'access',
  'missing-external-id': 'access',
};

/** The locale whose strings suit a BCP 47 tag; English when there is none. */
export function localeFor(tag: string | undefined): Locale {
  const subtags = (tag ?? '').trim().toLowerCase().replace(/_/g, '-').split('-');
  const primary = subtags[0] === 'iw' ? 'he' : subtags[0];
  if (primary === 'zh') {
    return subtags.some((s) => ['tw', 'hk', 'mo', 'hant'].includes(s)) ? 'zh-TW' : 'zh-CN';
  }

  return Object.hasOwn(tables, primary) ? (primary as Locale) : 'en';
}

export function stringsFor(locale: Locale): Strings {
  return tables[locale];
}

export function isRtl(locale: Locale): boolean {
  return rtl.has(locale);
}

/** The short text for an error code, with the attribute filled in for configuration errors. */
export function errorText(strings: Strings, code: OmErrorCode, field?: string): string {
  const kind = kinds[code] ?? 'failed';

  return strings.errors[kind].replace('{field}', field ?? '');
}

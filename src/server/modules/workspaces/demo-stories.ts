/**
 * The demo workspace's month of past conversations (demo-history.ts writes them): who opened
 * what, when, in which department, and how it went on.
 */
export type Customer = 'ali' | 'zahra' | 'john';
export type Agent = 'sara' | 'reza' | 'maryam';
export type Dept = 'support' | 'finance' | 'sales';
type Status = 'active' | 'pending' | 'closed' | 'locked';

/**
 * One step of a conversation, `h` hours after the ticket was opened: a reply by its customer
 * (`by: 'customer'`) or by an agent, optionally changing the status; or (without `body`) an
 * agent's status change alone.
 */
interface Step {
  h: number;
  by: Agent | 'customer';
  body?: string;
  status?: Status;
}

interface Story {
  /** Opened this many days before now (and `at` hours earlier still, to spread the times of day). */
  days: number;
  at?: number;
  by: Customer;
  dept: Dept;
  priority?: 'urgent' | 'high' | 'medium' | 'low';
  subject: string;
  body: string;
  steps?: Step[];
}

const p = (text: string) => `<p>${text}</p>`;

/**
 * A month of short conversations before today's: opened on every few days of the last 30, in
 * Persian and (John's) in English, over the departments and priorities, most answered and closed
 * a few days later, some waiting for the customer (answered less than a week ago, so auto-close
 * leaves them be), some waiting for us, one locked.
 */
export const STORIES: Story[] = [
  {
    days: 29,
    by: 'ali',
    dept: 'support',
    subject: 'چاپگر طبقهٔ سوم کاغذ گیر می‌کند',
    body: p('چاپگر راهروی طبقهٔ سوم هر چند برگ یک بار کاغذ را گیر می‌اندازد.'),
    steps: [
      { h: 20, by: 'reza', body: p('غلتک چاپگر تمیز شد؛ لطفاً دوباره امتحان کنید.'), status: 'pending' },
      { h: 30, by: 'customer', body: p('درست شد، ممنون.') },
      { h: 31, by: 'reza', status: 'closed' },
    ],
  },
  {
    days: 28,
    at: 3,
    by: 'john',
    dept: 'support',
    priority: 'high',
    subject: 'Cannot log in to the learning portal',
    body: p('The learning portal says my account is disabled.'),
    steps: [{ h: 3, by: 'reza', body: p('Your account is active again; please try now.'), status: 'closed' }],
  },
  {
    days: 27,
    by: 'zahra',
    dept: 'support',
    priority: 'high',
    subject: 'فراموشی رمز عبور سامانهٔ آموزش',
    body: p('رمز ورود به سامانهٔ آموزش را فراموش کرده‌ام و پیوند بازیابی نمی‌رسد.'),
    steps: [{ h: 2, by: 'sara', body: p('رمز شما بازنشانی شد و رمز موقت پیامک شد.'), status: 'closed' }],
  },
  {
    days: 26,
    at: 5,
    by: 'ali',
    dept: 'support',
    subject: 'درخواست حساب ایمیل برای دانشجوی جدید',
    body: p('برای دانشجوی کارشناسی ارشد تازه‌وارد گروه، حساب ایمیل دانشگاهی لازم است.'),
    steps: [{ h: 40, by: 'reza', body: p('حساب ساخته شد و مشخصات آن به ایمیل شما رفت.'), status: 'closed' }],
  },
  {
    days: 25,
    by: 'zahra',
    dept: 'finance',
    priority: 'high',
    subject: 'پرداخت شهریه در درگاه بانک ناموفق بود',
    body: p('مبلغ از حسابم کم شد ولی پرداخت در سامانه ثبت نشد.'),
    steps: [{ h: 5, by: 'maryam', body: p('پرداخت شما پیدا شد و در سامانه ثبت شد.'), status: 'closed' }],
  },
  {
    days: 24,
    at: 2,
    by: 'ali',
    dept: 'support',
    priority: 'urgent',
    subject: 'پروژکتور کلاس ۱۰۲ روشن نمی‌شود',
    body: p('کلاس ساعت ده شروع می‌شود و پروژکتور روشن نمی‌شود.'),
    steps: [{ h: 1, by: 'reza', body: p('لامپ پروژکتور عوض شد.'), status: 'closed' }],
  },
  {
    days: 23,
    by: 'john',
    dept: 'finance',
    subject: 'Invoice for the March SMS package',
    body: p('Could you send the invoice for the SMS package we bought in March?'),
    steps: [{ h: 26, by: 'maryam', body: p('The invoice is attached to your account page now.'), status: 'closed' }],
  },
  {
    days: 22,
    at: 4,
    by: 'zahra',
    dept: 'support',
    priority: 'low',
    subject: 'نصب آفیس روی لپ‌تاپ اداری',
    body: p('لطفاً نرم‌افزار آفیس را روی لپ‌تاپ اداری من نصب کنید.'),
    steps: [{ h: 50, by: 'reza', body: p('نصب انجام شد.'), status: 'closed' }],
  },
  {
    days: 21,
    by: 'ali',
    dept: 'support',
    priority: 'high',
    subject: 'قطعی وای‌فای در سالن مطالعه',
    body: p('وای‌فای سالن مطالعهٔ کتابخانه مرتب قطع می‌شود.'),
    steps: [
      { h: 6, by: 'sara', body: p('یک نقطهٔ دسترسی تازه نصب شد؛ وضعیت را خبر دهید.'), status: 'pending' },
      { h: 30, by: 'customer', body: p('امروز مشکلی نبود.') },
      { h: 32, by: 'sara', body: p('خوشحالیم که برطرف شد.'), status: 'closed' },
    ],
  },
  {
    days: 20,
    by: 'zahra',
    dept: 'sales',
    subject: 'استعلام قیمت سامانهٔ پیامک برای همایش',
    body: p('برای همایش آبان به ارسال حدود پنج هزار پیامک نیاز داریم.'),
    steps: [{ h: 22, by: 'maryam', body: p('پیش‌فاکتور به ایمیل شما فرستاده شد.'), status: 'closed' }],
  },
  {
    days: 19,
    at: 6,
    by: 'john',
    dept: 'sales',
    subject: 'Request for a demo of the reporting module',
    body: p('We would like a short online demo of the reporting module next week.'),
    steps: [
      { h: 20, by: 'maryam', body: p('Tuesday at 10:00 works for us; the link is on its way.'), status: 'pending' },
      { h: 28, by: 'customer', body: p('Tuesday is fine, thank you.') },
      { h: 30, by: 'maryam', status: 'closed' },
    ],
  },
  {
    days: 18,
    by: 'ali',
    dept: 'support',
    priority: 'urgent',
    subject: 'خطای ۴۰۳ هنگام ورود به سامانهٔ گلستان',
    body: p('هنگام ورود به سامانهٔ گلستان خطای ۴۰۳ می‌گیرم.'),
    steps: [{ h: 2, by: 'reza', body: p('دسترسی شما دوباره برقرار شد.'), status: 'closed' }],
  },
  {
    days: 17,
    at: 3,
    by: 'zahra',
    dept: 'finance',
    priority: 'high',
    subject: 'کسر اشتباه هزینه از اعتبار پیامک',
    body: p('دو بار هزینهٔ یک بستهٔ پیامک از اعتبار ما کم شده است.'),
    steps: [{ h: 45, by: 'maryam', body: p('مبلغ اضافه به اعتبارتان برگشت.'), status: 'closed' }],
  },
  {
    days: 16,
    by: 'ali',
    dept: 'support',
    subject: 'دسترسی به پوشهٔ مشترک گروه',
    body: p('به پوشهٔ مشترک گروه مهندسی کامپیوتر دسترسی ندارم.'),
    steps: [
      { h: 8, by: 'reza', body: p('دسترسی داده شد؛ لطفاً یک بار خارج و دوباره وارد شوید.'), status: 'pending' },
      { h: 30, by: 'customer', body: p('هنوز پیام «دسترسی ندارید» می‌آید.') },
    ],
  },
  {
    days: 15,
    by: 'zahra',
    dept: 'support',
    subject: 'صدای میکروفون در کلاس مجازی قطع می‌شود',
    body: p('در کلاس مجازی صدای من برای دانشجوها قطع و وصل می‌شود.'),
    steps: [{ h: 24, by: 'sara', body: p('مرورگر را به‌روز کنید؛ مشکل از نسخهٔ قدیمی بود.'), status: 'closed' }],
  },
  {
    days: 14,
    at: 2,
    by: 'ali',
    dept: 'support',
    priority: 'low',
    subject: 'درخواست افزایش حجم صندوق ایمیل',
    body: p('صندوق ایمیل من پر شده است؛ لطفاً حجم آن را بیشتر کنید.'),
    steps: [
      { h: 10, by: 'reza', body: p('حجم صندوق شما دو برابر شد.'), status: 'closed' },
      { h: 12, by: 'reza', status: 'locked' },
    ],
  },
  {
    days: 13,
    by: 'john',
    dept: 'support',
    subject: 'Laptop will not connect to eduroam',
    body: p('My laptop keeps asking for the eduroam password.'),
    steps: [
      {
        h: 4,
        by: 'reza',
        body: p('Please install the certificate from the IT page and try again.'),
        status: 'pending',
      },
      { h: 20, by: 'customer', body: p('That worked, thanks.') },
      { h: 21, by: 'reza', status: 'closed' },
    ],
  },
  {
    days: 12,
    at: 4,
    by: 'zahra',
    dept: 'support',
    priority: 'high',
    subject: 'کند بودن سامانهٔ اتوماسیون اداری',
    body: p('باز شدن نامه‌ها در اتوماسیون اداری چند دقیقه طول می‌کشد.'),
    steps: [{ h: 48, by: 'sara', body: p('سرور اتوماسیون ارتقا یافت.'), status: 'closed' }],
  },
  {
    days: 11,
    by: 'ali',
    dept: 'finance',
    subject: 'صورت‌حساب خرید تجهیزات شبکه',
    body: p('صورت‌حساب خرید سوییچ‌های آزمایشگاه را برای بایگانی لازم داریم.'),
    steps: [{ h: 30, by: 'maryam', body: p('صورت‌حساب به ایمیل شما فرستاده شد.'), status: 'closed' }],
  },
  {
    days: 10,
    by: 'zahra',
    dept: 'support',
    subject: 'راه‌اندازی تلفن داخلی اتاق ۳۱۵',
    body: p('تلفن داخلی اتاق ۳۱۵ بوق آزاد ندارد.'),
  },
  {
    days: 9,
    at: 5,
    by: 'john',
    dept: 'support',
    priority: 'low',
    subject: 'Shared calendar shows the wrong time zone',
    body: p('Meetings in the shared calendar show one hour late.'),
    steps: [
      { h: 24, by: 'reza', body: p('Please set the calendar time zone to Tehran in its settings.'), status: 'pending' },
      { h: 40, by: 'customer', body: p('It is already set to Tehran.') },
    ],
  },
  {
    days: 9,
    by: 'ali',
    dept: 'sales',
    subject: 'درخواست پیش‌فاکتور برای ۲۰ مجوز آنتی‌ویروس',
    body: p('برای بیست رایانهٔ دانشکده مجوز آنتی‌ویروس لازم داریم.'),
    steps: [{ h: 130, by: 'maryam', body: p('پیش‌فاکتور آماده است؛ لطفاً تأیید کنید.'), status: 'pending' }],
  },
  {
    days: 8,
    by: 'zahra',
    dept: 'support',
    priority: 'urgent',
    subject: 'ویروس روی رایانهٔ آزمایشگاه',
    body: p('آنتی‌ویروس روی رایانهٔ شمارهٔ ۷ آزمایشگاه هشدار می‌دهد.'),
    steps: [{ h: 3, by: 'reza', body: p('رایانه پاک‌سازی شد.'), status: 'closed' }],
  },
  {
    days: 7,
    at: 3,
    by: 'ali',
    dept: 'support',
    subject: 'همگام نشدن تقویم ایمیل روی گوشی',
    body: p('رویدادهای تقویم ایمیل روی گوشی من نمایش داده نمی‌شوند.'),
    steps: [{ h: 100, by: 'sara', body: p('تنظیمات همگام‌سازی را طبق راهنمای پیوست انجام دهید.'), status: 'pending' }],
  },
  {
    days: 6,
    by: 'zahra',
    dept: 'finance',
    priority: 'urgent',
    subject: 'اعتبار پیامک تمام شده است',
    body: p('اعتبار پیامک تمام شده و پیامک‌های کلاس ارسال نمی‌شود.'),
    steps: [{ h: 2, by: 'maryam', body: p('اعتبار شارژ شد.'), status: 'closed' }],
  },
  {
    days: 5,
    at: 2,
    by: 'john',
    dept: 'support',
    priority: 'urgent',
    subject: 'VPN certificate expired',
    body: p('The VPN client says my certificate has expired.'),
    steps: [
      { h: 5, by: 'reza', body: p('A new certificate is in your mailbox; please import it.'), status: 'pending' },
    ],
  },
  {
    days: 5,
    by: 'ali',
    dept: 'support',
    priority: 'high',
    subject: 'بازیابی فایل حذف‌شده از پوشهٔ مشترک',
    body: p('فایل گزارش پروژه را از پوشهٔ مشترک پاک کرده‌ام؛ امکان بازیابی هست؟'),
    steps: [
      { h: 4, by: 'reza', body: p('نام دقیق فایل و تاریخ حذف را بفرستید.'), status: 'pending' },
      { h: 20, by: 'customer', body: p('گزارش-نهایی.docx، سه‌شنبه عصر.') },
    ],
  },
  {
    days: 4,
    by: 'zahra',
    dept: 'support',
    subject: 'دوربین کلاس آنلاین تصویر را نشان نمی‌دهد',
    body: p('در کلاس آنلاین دوربین لپ‌تاپ تصویر سیاه نشان می‌دهد.'),
  },
  {
    days: 3,
    at: 4,
    by: 'john',
    dept: 'finance',
    priority: 'high',
    subject: 'Refund for a double payment',
    body: p('We paid the same invoice twice; please refund one payment.'),
  },
  {
    days: 3,
    by: 'ali',
    dept: 'support',
    priority: 'low',
    subject: 'تغییر شمارهٔ موبایل در حساب کاربری',
    body: p('شمارهٔ موبایلم عوض شده است و کد ورود به شمارهٔ قبلی می‌رود.'),
    steps: [{ h: 6, by: 'sara', body: p('از صفحهٔ نمایه شمارهٔ تازه را ثبت و تأیید کنید.'), status: 'pending' }],
  },
  {
    days: 2,
    by: 'zahra',
    dept: 'sales',
    subject: 'قرارداد پشتیبانی سالانه',
    body: p('برای تمدید قرارداد پشتیبانی سالانه چه مدارکی لازم است؟'),
  },
  {
    days: 2,
    at: 5,
    by: 'ali',
    dept: 'finance',
    subject: 'فاکتور رسمی تمدید دامنه',
    body: p('برای تمدید دامنهٔ وب‌سایت دانشکده فاکتور رسمی لازم است.'),
    steps: [{ h: 8, by: 'maryam', body: p('فاکتور صادر شد.'), status: 'closed' }],
  },
  {
    days: 1,
    by: 'zahra',
    dept: 'support',
    priority: 'urgent',
    subject: 'اینترنت آزمایشگاه شبکه قطع است',
    body: p('از صبح اینترنت آزمایشگاه شبکه قطع است.'),
    steps: [{ h: 2, by: 'reza', body: p('کلید شبکه دوباره راه‌اندازی شد؛ وضعیت را بگویید.'), status: 'pending' }],
  },
  {
    days: 1,
    at: 3,
    by: 'john',
    dept: 'support',
    priority: 'low',
    subject: 'Printer driver for macOS',
    body: p('Where can I find the printer driver for macOS?'),
    steps: [{ h: 1, by: 'reza', body: p('It is on the IT downloads page, under Printers.'), status: 'closed' }],
  },
  {
    days: 1,
    at: 6,
    by: 'ali',
    dept: 'support',
    priority: 'low',
    subject: 'رمز وای‌فای مهمان',
    body: p('رمز وای‌فای مهمان برای جلسهٔ فردا را لازم دارم.'),
    steps: [{ h: 1, by: 'sara', body: p('رمز به ایمیل شما فرستاده شد.'), status: 'closed' }],
  },
];

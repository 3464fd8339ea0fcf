/** People's names ([Persian, Latin transliteration for e-mail addresses]) and catalogue names. */
export const FA_FIRST: [string, string][] = [
  ['علی', 'ali'], ['محمد', 'mohammad'], ['حسین', 'hossein'], ['رضا', 'reza'], ['مهدی', 'mahdi'], ['امیر', 'amir'],
  ['حسن', 'hasan'], ['مصطفی', 'mostafa'], ['سعید', 'saeed'], ['مجید', 'majid'], ['بهرام', 'bahram'], ['کامران', 'kamran'],
  ['پویا', 'pouya'], ['آرش', 'arash'], ['کیان', 'kian'], ['یاسر', 'yaser'], ['نیما', 'nima'], ['بابک', 'babak'],
  ['فرهاد', 'farhad'], ['کوروش', 'kourosh'], ['جواد', 'javad'], ['یوسف', 'yousef'], ['میلاد', 'milad'], ['سینا', 'sina'],
  ['زهرا', 'zahra'], ['فاطمه', 'fatemeh'], ['مریم', 'maryam'], ['سارا', 'sara'], ['نرگس', 'narges'], ['لیلا', 'leila'],
  ['مینا', 'mina'], ['نازنین', 'nazanin'], ['الهام', 'elham'], ['سمیرا', 'samira'], ['شیرین', 'shirin'], ['پریسا', 'parisa'],
  ['کیمیا', 'kimia'], ['یاسمن', 'yasaman'], ['نیلوفر', 'niloufar'], ['هانیه', 'haniyeh'], ['مهسا', 'mahsa'], ['ریحانه', 'reyhaneh'],
  ['سپیده', 'sepideh'], ['آزاده', 'azadeh'], ['کتایون', 'katayoun'], ['رویا', 'roya'], ['یگانه', 'yeganeh'], ['ستاره', 'setareh'],
];
export const FA_LAST: [string, string][] = [
  ['محمدی', 'mohammadi'], ['احمدی', 'ahmadi'], ['حسینی', 'hosseini'], ['رضایی', 'rezaei'], ['کریمی', 'karimi'], ['موسوی', 'mousavi'],
  ['جعفری', 'jafari'], ['صادقی', 'sadeghi'], ['رحیمی', 'rahimi'], ['کاظمی', 'kazemi'], ['قاسمی', 'ghasemi'], ['ابراهیمی', 'ebrahimi'],
  ['نوری', 'nouri'], ['هاشمی', 'hashemi'], ['اکبری', 'akbari'], ['یزدانی', 'yazdani'], ['کیانی', 'kiani'], ['شریفی', 'sharifi'],
  ['طاهری', 'taheri'], ['بهرامی', 'bahrami'], ['مرادی', 'moradi'], ['یوسفی', 'yousefi'], ['سلیمانی', 'soleimani'], ['عباسی', 'abbasi'],
  ['زارعی', 'zarei'], ['فرهادی', 'farhadi'], ['کرمانی', 'kermani'], ['تهرانی', 'tehrani'], ['شیرازی', 'shirazi'], ['اصفهانی', 'esfahani'],
  ['نیک‌نام', 'niknam'], ['خوش‌نویس', 'khoshnevis'], ['پاک‌نژاد', 'paknejad'], ['امین‌زاده', 'aminzadeh'], ['حسن‌پور', 'hasanpour'], ['کامکار', 'kamkar'],
];
export const EN_FIRST = ['john', 'mary', 'james', 'linda', 'robert', 'susan', 'michael', 'karen', 'david', 'emma', 'daniel', 'olivia', 'peter', 'anna', 'thomas', 'laura', 'mark', 'julia', 'paul', 'sophie'];
export const EN_LAST = ['smith', 'johnson', 'brown', 'taylor', 'miller', 'wilson', 'moore', 'anderson', 'thomas', 'jackson', 'white', 'harris', 'martin', 'clark', 'lewis', 'walker', 'young', 'king', 'wright', 'green'];
export const DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'chmail.ir', 'ut.ac.ir', 'sharif.edu', 'example.com', 'example.org'];
export const MOBILE_PREFIXES = ['0912', '0919', '0935', '0936', '0937', '0938', '0939', '0901', '0902', '0990', '0991', '0910', '0913', '0917'];

export const DEPARTMENTS = [
  'پشتیبانی فنی', 'امور مالی', 'فروش', 'آموزش', 'شبکه و اینترنت', 'ایمیل و حساب کاربری', 'نرم‌افزار', 'سخت‌افزار', 'کتابخانه', 'امور دانشجویی',
  'خوابگاه', 'تغذیه', 'پژوهش', 'تحصیلات تکمیلی', 'منابع انسانی', 'حقوق و دستمزد', 'Customer Care', 'Sales (EN)', 'روابط عمومی', 'هماهنگی داخلی',
];
/** The last department is for internal tickets between agents. */
export const INTERNAL_DEPARTMENT = DEPARTMENTS.length - 1;

export const TAGS = [
  'شبکه', 'ایمیل', 'فوری', 'vpn', 'چاپگر', 'حساب کاربری', 'رمز عبور', 'نرم‌افزار', 'سخت‌افزار', 'پرداخت', 'صورتحساب', 'آموزش', 'گلستان', 'مودل',
  'وای‌فای', 'تلفن', 'پیامک', 'امنیت', 'ویروس', 'پشتیبان‌گیری', 'سرور', 'وب‌سایت', 'بازخورد', 'شکایت', 'پیشنهاد', 'قرارداد', 'خوابگاه', 'کتابخانه',
  'آزمایشگاه', 'تغذیه', 'bug', 'feature-request', 'billing', 'login', 'outlook', 'windows', 'linux', 'printer', 'follow-up', 'vip',
];
export const TICKET_TYPES = ['فنی', 'مالی', 'عمومی', 'پیشنهاد و انتقاد', 'Technical', 'Billing'];

export const ATTACHMENTS: [string, string, number][] = [
  ['screenshot.png', 'image/png', 350_000], ['photo.jpg', 'image/jpeg', 1_800_000], ['invoice.pdf', 'application/pdf', 220_000],
  ['report.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 90_000], ['error-log.txt', 'text/plain', 12_000],
  ['data.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 140_000], ['archive.zip', 'application/zip', 4_000_000],
  ['تصویر خطا.png', 'image/png', 420_000], ['نامه.pdf', 'application/pdf', 310_000], ['فیش واریزی.jpg', 'image/jpeg', 900_000],
];

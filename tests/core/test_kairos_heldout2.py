# ruff: noqa: E501  (the corpus quotes each notification whole, one a line)
"""Held out, a second set: languages and scripts the first held-out set (test_kairos_heldout.py)
and the week generator never speak (cs, hu, fi, tr, ro, ca, el, ru, uk, ja, zh, ar, he), time
shapes they never write (12-hour clocks, "9.30", "9h30", "14 h 30", "klo 9.30", ranges, full-width
"９：３０", "9時30分", Arabic-Indic "٩:٣٠"), desktop calendars' real layouts, and look-alikes that
must not be taken for reminders or codes. Gathered from the sources below before kairos.py's
patterns were read, so what is measured is recognition of structure, not of kairos' word lists.

Sources, the apps' translations as shipped:
- Calls: AOSP Dialer as GrapheneOS ships it (GrapheneOS/platform_packages_apps_Dialer,
  java/com/android/dialer/app/res/values-*/strings.xml: notification_missedCallTitle,
  notification_missedWorkCallTitle, notification_missedCallsTitle; java/com/android/incallui/res/
  values-*/strings.xml: notification_incoming_call, notification_incoming_video_call,
  notification_incoming_work_call; the app label "applicationLabel") for cs hu fi tr ro ca el ru uk
  ja zh-rCN zh-rTW ar iw.
- Thunderbird reminders: thunderbird/thunderbird-l10n, <locale>/calendar/calendar/calendar.ftl:
  alarm-today-at ("Dnes v {dt}", "Ma {dt}-kor", "Сегодня на {dt}", "今日の {dt}", "היום ב־{dt}") and
  alarm-starts ("Začíná v", "Начало:", "始于：", "يبدأ:"); the item's title is the summary.
- GNOME/Evolution reminders: GNOME/evolution-data-server, src/services/evolution-alarm-notify/
  e-alarm-notify.c (summary _("Reminders"), body e_reminder_watcher_describe_data: the event's
  summary, a newline, then C_("overdue", "%s (%s)") of the start and the duration), the start
  formatted by the po files' "%a %m/%d/%Y %H:%M" / "%a %m/%d/%Y %I:%M %p" translations (po/cs.po
  "%A %d.%m.%Y %H:%M", fi "%a %d.%m.%Y %H.%M", ru "%A, %d.%m.%Y, %H:%M", zh_CN "%Y-%m-%d
  %A%p%I:%M", hu "%Y. %m. %d. %a. %H:%M", tr, el, he) and "%d minute(s)" plurals; desktop entry
  org.gnome.Evolution-alarm-notify. GNOME Calendar's localised name "Calendar" from
  GNOME/gnome-calendar po/*.po ("Kalendář", "Календарь", "カレンダー", "التقويم", "לוח שנה").
- Google Calendar on the phone and on the web: the time shapes are CLDR's (Unicode CLDR 47 as
  Python's babel 2.18 ships it, which Android's ICU and the browsers' Intl use): short time
  ("9:30", "9.30", "9:30 π.μ.", "9:30 ص"), time intervals ("9時30分～10時00分", "上午9:30至10:00",
  "ÖÖ 9:30–10:00") and relative future ("za 10 minut", "10 perc múlva", "10 minuutin päästä",
  "через 10 минут", "10 分後", "10分钟后", "خلال 10 دقائق", "בעוד 10 דקות"), in the "<in N minutes>,
  <time>" template issue 17 quotes; ar-EG's default numbering system is "arab" (CLDR), so an
  Egyptian phone writes "٩:٣٠ ص". Google Calendar web in a browser, Microsoft Teams/Outlook: the
  shapes issue 17's brief quotes ("9:30 – 10am", "In 10 minutes", "Reminder: Stand-up" / "Starts in
  5 min").
- One-time codes: Signal's own SMS in other languages (signalapp/Signal-Android,
  VerificationCodeParserTest: "あなたのSignal 認証コード： 832-985", "Ваш проверочный код Signal",
  "\u202bرمز تعريفك الخاص ب Signal هو 490941\u202c", "您的 Signal 驗證代碼是：490941",
  "(Signal) קוד האימות שלך הוא", "Ο Signal κωδικός σας επιβεβαίωσης είναι", "El teu Signal codi de
  verificació és"); WhatsApp's authentication template as Meta words it per language ("Váš
  ověřovací kód je", "A(z) … az ellenőrző kódod.", "… on vahvistuskoodisi.", "… doğrulama kodun.",
  "… este codul tău de verificare.", "Ваш код підтвердження – …", "…があなたの認証コードです。",
  "… 是你的验证码。", "… هو رمز التحقق الخاص بك."); Mozilla accounts' recovery-phone SMS
  (mozilla/fxa-content-server-l10n locale/ro/auth.ftl: "{code} este codul tău de verificare
  Mozilla. Expiră în 5 minute."); SMS collected by OTP helpers' tests (jd1378/otphelper
  CodeDetectionUnitTest: "[Binance TR] Doğrulama Kodu: …", "【金山办公】验证码123456，10分钟内有效。",
  "קוד הכניסה שלך הוא …", "ваш код: …"; Google "G-123456 is your Google verification code.";
  Apple "Your Apple ID Code is: 444291. Don't share it with anyone."). Steam Guard's e-mailed
  5-character codes ("F3K7R") are codes: decided here, since they expire like the others; a
  5-8 character run of capitals and digits with at least one digit, right after a code word.
- Look-alikes: Mozilla accounts' invoice and card lines (locale/cs/auth.ftl "Číslo faktury:
  { $invoiceNumber }", "{ $cardType } karta končící na { $lastFour }"), prices in CLDR's grouping
  ("1 299 ₽", "€ 12.345"), parcel and order numbers, phone numbers, a "two-step verification
  turned on" mail, mail newsletters naming a time tomorrow, a delivery window, a score, a past
  event in CLDR's relative past ("před 5 minutami", "5 минут назад", "5 分前").
- People and groups: group shapes as messengers title them (issue 17: "Family 👨‍👩‍👧", "Book club";
  WhatsApp's "<group>: <sender>", Signal/Telegram's "<sender> @ <group>", a count in brackets as
  AOSP Messaging's notification_new_messages plural words it), names common in each language.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest

from notifyzen.core import kairos
from notifyzen.core.engine import Context, Engine
from notifyzen.core.model import Notification, Source, Verdict
from notifyzen.core.ruleload import load_active
from notifyzen.core.rules import person_key
from notifyzen.desktop.paths import presets_dir
from tests.core.rulekit import AMS, config

AT = datetime(2026, 11, 16, 9, 20, tzinfo=AMS)  # Monday, in deep work (09:00-10:30), before 09:30
PM = datetime(2026, 11, 16, 14, 20, tzinfo=AMS)  # the same afternoon, before 14:30
GCAL = {"x-android-package": "com.google.android.calendar"}
SMS = {"x-android-package": "com.google.android.apps.messaging"}
DIALER = {"x-android-package": "com.google.android.dialer"}
WHATSAPP = {"x-android-package": "com.whatsapp"}
TELEGRAM = {"x-android-package": "org.telegram.messenger"}
SIGNAL = {"x-android-package": "org.thoughtcrime.securesms"}
PHONE: dict[str, Any] = {"source": Source.PHONE, "device": "Pixel 7"}
EVOLUTION = "org.gnome.Evolution-alarm-notify"
MAIL = "email.arrived"


@dataclass(frozen=True)
class Case:
    lang: str
    app: str
    summary: str
    body: str
    kw: dict[str, Any]
    at: datetime = AT
    starts: str | None = None  # the wall-clock time the reminder's event starts, when it says

    def notification(self) -> Notification:
        return Notification(self.app, self.summary, self.at, body=self.body, **self.kw)


def case(lang: str, app: str, summary: str, body: str = "", **kw: Any) -> Case:
    at = kw.pop("at", AT)
    starts = kw.pop("starts", None)
    return Case(lang, app, summary, body, kw, at, starts)


def pm(lang: str, app: str, summary: str, body: str = "", **kw: Any) -> Case:
    return case(lang, app, summary, body, at=PM, starts="14:30", **kw)


def ev(lang: str, reminders: str, title: str, when: str, **kw: Any) -> Case:
    """Evolution's alarm notify: summary 'Reminders', body '<title>\\n<start> (<duration>)'."""
    return case(lang, "evolution-alarm-notify", reminders, f"{title}\n{when}", desktop_entry=EVOLUTION, **kw)


REMINDERS = [
    # Thunderbird's alarm-today-at and alarm-starts, the title as summary
    case("cs", "Thunderbird", "Porada", "Dnes v 9:30", starts="09:30"),
    case("hu", "Thunderbird", "Megbeszélés", "Ma 9:30-kor", starts="09:30"),
    case("fi", "Thunderbird", "Palaveri", "Tänään 9.30", starts="09:30"),
    case("tr", "Thunderbird", "Toplantı", "Bugün 09:30", starts="09:30"),
    case("ro", "Thunderbird", "Ședință", "Astăzi la 09:30", starts="09:30"),
    case("ca", "Thunderbird", "Reunió", "Inici: 16/11/26, 9:30", starts="09:30"),
    case("el", "Thunderbird", "Σύσκεψη", "Σήμερα στις 9:30 π.μ.", starts="09:30"),
    case("ru", "Thunderbird", "Совещание", "Сегодня на 09:30", starts="09:30"),
    case("uk", "Thunderbird", "Нарада", "Початок: 16 лист. 2026 р., 09:30", starts="09:30"),
    case("ja", "Thunderbird", "会議", "今日の 9:30", starts="09:30"),
    case("zh", "Thunderbird", "会议", "始于： 2026年11月16日 09:30", starts="09:30"),
    case("ar", "Thunderbird", "اجتماع", "اليوم في 9:30 ص", starts="09:30"),
    case("he", "Thunderbird", "פגישה", "היום ב־9:30", starts="09:30"),
    # Evolution's reminders (GNOME Calendar's events), their real summary/body layout
    ev("cs", "Připomenutí", "Porada", "pondělí 16.11.2026 09:30 (30 minut)", starts="09:30"),
    ev("fi", "Muistutukset", "Palaveri", "ma 16.11.2026 09.30 (30 minuuttia)", starts="09:30"),
    ev("ru", "Напоминания", "Совещание", "понедельник, 16.11.2026, 09:30 (30 минут)", starts="09:30"),
    ev("zh", "提醒", "会议", "2026-11-16 星期一上午09:30 (30 分钟)", starts="09:30"),
    ev("hu", "Emlékeztetők", "Megbeszélés", "2026. 11. 16. H. 09:30 (30 perc)", starts="09:30"),
    ev("tr", "Anımsatıcılar", "Toplantı", "16/11/2026 Pzt 09:30 (30 dakika)", starts="09:30"),
    ev("el", "Υπενθυμίσεις", "Σύσκεψη", "Δευ 16/11/2026 09:30 πμ (30 λεπτά)", starts="09:30"),
    ev("he", "תזכורות", "פגישה", "ב' 11/16/2026 09:30 (30 דקות)", starts="09:30"),
    ev("en", "Reminders", "Stand-up", "Mon 11/16/2026 09:30 AM (15 minutes) Room A1", starts="09:30"),
    # Google Calendar on the phone: "<in N minutes>, <time>" in CLDR's words, and time ranges
    case("cs", "Kalendář Google", "Porada", "za 10 minut, 9:30", hints=GCAL, starts="09:30", **PHONE),
    case("hu", "Google Naptár", "Megbeszélés", "10 perc múlva, 9:30", hints=GCAL, starts="09:30", **PHONE),
    case("fi", "Google Kalenteri", "Palaveri", "10 minuutin päästä, 9.30", hints=GCAL, starts="09:30", **PHONE),
    case("tr", "Google Takvim", "Toplantı", "10 dakika sonra, 09:30", hints=GCAL, starts="09:30", **PHONE),
    case("ro", "Google Calendar", "Ședință", "peste 10 minute, 09:30", hints=GCAL, starts="09:30", **PHONE),
    case("ca", "Google Calendar", "Reunió", "d’aquí a 10 minuts, 9:30", hints=GCAL, starts="09:30", **PHONE),
    case("el", "Google Calendar", "Σύσκεψη", "σε 10 λεπτά, 9:30 π.μ.", hints=GCAL, starts="09:30", **PHONE),
    case("ru", "Google Календарь", "Совещание", "через 10 минут, 09:30", hints=GCAL, starts="09:30", **PHONE),
    case("uk", "Google Календар", "Нарада", "через 10 хвилин, 09:30", hints=GCAL, starts="09:30", **PHONE),
    case("ja", "Google カレンダー", "会議", "10 分後, 9:30", hints=GCAL, starts="09:30", **PHONE),
    case("zh", "Google 日历", "会议", "10分钟后, 09:30", hints=GCAL, starts="09:30", **PHONE),
    case("ar", "تقويم Google", "اجتماع", "خلال 10 دقائق، ٩:٣٠ ص", hints=GCAL, starts="09:30", **PHONE),
    case("he", "יומן Google", "פגישה", "בעוד 10 דקות, 9:30", hints=GCAL, starts="09:30", **PHONE),
    # a phone calendar without a package hint: its localised name (GNOME Calendar's po) and a range
    case("ru", "Календарь", "Совещание", "09:30–10:00", starts="09:30", **PHONE),
    case("ja", "カレンダー", "会議", "９：３０～１０：００", starts="09:30", **PHONE),  # full-width
    case("ja", "カレンダー", "会議", "9時30分～10時00分", starts="09:30", **PHONE),
    case("zh", "日历", "会议", "上午9:30至10:00", starts="09:30", **PHONE),
    case("ar", "التقويم", "اجتماع", "٩:٣٠ ص – ١٠:٠٠ ص", starts="09:30", **PHONE),  # ar-EG digits
    case("he", "לוח שנה", "פגישה", "9:30–10:00", starts="09:30", **PHONE),
    case("el", "Ημερολόγιο", "Σύσκεψη", "9:30–10:00 π.μ.", starts="09:30", **PHONE),
    case("tr", "Takvim", "Toplantı", "ÖÖ 9:30–10:00", starts="09:30", **PHONE),
    case("fi", "Kalenteri", "Palaveri", "klo 9.30–10.00", starts="09:30", **PHONE),
    case("da", "Kalender", "Møde", "kl. 9.30", starts="09:30", **PHONE),
    case("fr", "Agenda", "Point d'équipe", "9h30 – 10h00", starts="09:30", **PHONE),
    # Google Calendar web in a browser, Teams/Outlook
    case("en", "Google Chrome", "Stand-up", "9:30 – 10am", desktop_entry="google-chrome", starts="09:30"),
    case("en", "Firefox", "Stand-up", "9:30am – 10:00am", desktop_entry="firefox", starts="09:30"),
    case("en", "Google Chrome", "Stand-up", "In 10 minutes", desktop_entry="google-chrome", starts="09:30"),
    case("cs", "Google Chrome", "Porada", "9:30–10:00", desktop_entry="google-chrome", starts="09:30"),
    case("ja", "Google Chrome", "会議", "9時30分～10時00分", desktop_entry="google-chrome", starts="09:30"),
    case("zh", "Firefox", "会议", "上午9:30至10:00", desktop_entry="firefox", starts="09:30"),
    case("uk", "Firefox", "Нарада", "через 10 хвилин", desktop_entry="firefox", starts="09:30"),
    case("en", "Microsoft Teams", "Reminder: Stand-up", "Starts in 5 min", starts="09:25"),
    case("en", "Outlook", "Stand-up", "Starts in 10 minutes\n9:30 AM - 10:00 AM, Teams meeting", starts="09:30"),
    # 12-hour clocks and other afternoon shapes: 2:30 PM is 14:30, not 02:30
    pm("en", "Google Chrome", "Review", "2:30 – 3pm", desktop_entry="google-chrome"),
    pm("en", "Calendar", "Review", "Today 2.30 p.m.", **PHONE),
    pm("en", "Outlook", "Review", "Starts at 2:30 PM"),
    pm("fr", "Agenda", "Revue", "14 h 30 – 15 h", **PHONE),
    pm("fr", "Agenda", "Revue", "14h30", **PHONE),
    pm("el", "Thunderbird", "Αναθεώρηση", "Σήμερα στις 2:30 μ.μ."),
    pm("ja", "カレンダー", "レビュー", "午後2時30分～3時00分", **PHONE),
    pm("zh", "日历", "评审", "下午2:30至3:00", **PHONE),
    pm("ar", "التقويم", "مراجعة", "٢:٣٠ م – ٣:٠٠ م", **PHONE),
    pm("ko", "캘린더", "검토", "PM 2:30~3:00", **PHONE),
]  # fmt: skip

NOT_REMINDERS = [
    # mail newsletters naming a time tomorrow or far off
    case("en", "Thunderbird", "Webinar tomorrow at 15:00", "Register now", category=MAIL),
    case("ru", "Thunderbird", "Вебинар завтра в 15:00", "Регистрация открыта", category=MAIL),
    case("cs", "Evolution", "Webinář zítra v 15:00", "Přihlaste se", desktop_entry="org.gnome.Evolution", category=MAIL),
    case("tr", "Thunderbird", "Yarın 10:00'da canlı yayın", "Kaçırmayın", category=MAIL),
    # news, a score, a sale that ends tonight, a delivery window
    case("ru", "Новости", "Сегодня в 20:00 — прямой эфир", "", **PHONE),
    case("cs", "Sport.cz", "Sparta – Slavia 2:1", "Konec zápasu", **PHONE),
    case("cs", "Alza", "Sleva končí dnes ve 23:59", "", **PHONE),
    case("cs", "DPD", "Vaše zásilka je na cestě", "Doručení dnes mezi 9:30 a 11:30", **PHONE),
    case("en", "Amazon Shopping", "Arriving today", "Delivery window 9:30 – 11:30", **PHONE),
    # a calendar's event already begun (CLDR's relative past)
    case("cs", "Kalendář Google", "Porada", "před 5 minutami", hints=GCAL, **PHONE),
    case("ru", "Google Календарь", "Совещание", "5 минут назад", hints=GCAL, **PHONE),
    case("ja", "Google カレンダー", "会議", "5 分前", hints=GCAL, **PHONE),
    # a chat naming a time, and a pipeline taking minutes
    case("uk", "Signal", "Олена", "через 10 хвилин буду", desktop_entry="signal-desktop"),
    case("fi", "GitLab", "Pipeline #5120", "valmis 15 minuutin päästä", desktop_entry="firefox"),
    # added after the first measurement, from probes of unseen wordings: an amount is no time, a
    # title naming a time is news, tomorrow is not soon (Thunderbird's alarm-tomorrow-at)
    case("en", "Revolut", "Payment sent", "Your transfer of €9.30 is done", **PHONE),
    case("en", "Reuters", "FTSE at 9:45 GMT", "", **PHONE),
    case("cs", "Thunderbird", "Porada", "Zítra v 9:30"),
    case("en", "Shop", "Sale", "Up to 50% off, 10:00 tomorrow", **PHONE),
]  # fmt: skip

CODES = [
    # Signal's own verification SMS
    case("ja", "メッセージ", "Signal", "<#>あなたのSignal 認証コード： 832-985\nabAbCDEFO1g", hints=SMS, **PHONE),
    case("ru", "Сообщения", "Signal", "<#>Ваш проверочный код Signal: 832985\nabAbCDEFO1g", hints=SMS, **PHONE),
    case("ar", "الرسائل", "Signal", "<#>\u202bرمز تعريفك الخاص ب Signal هو 490941\u202c\nabAbCDEFO1g", hints=SMS, **PHONE),
    case("zh", "訊息", "Signal", "<#>您的 Signal 驗證代碼是：490941\nabAbCDEFO1g", hints=SMS, **PHONE),
    case("he", "הודעות", "Signal", "<#>(Signal) קוד האימות שלך הוא 490-941\nabAbCDEFO1g", hints=SMS, **PHONE),
    case("el", "Μηνύματα", "Signal", "<#>Ο Signal κωδικός σας επιβεβαίωσης είναι: 054247\nabAbCDEFO1g", hints=SMS, **PHONE),
    case("ca", "Missatges", "Signal", "<#>El teu Signal codi de verificació és: 054247\nabAbCDEFO1g", hints=SMS, **PHONE),
    # WhatsApp's authentication template, as a business sends it in WhatsApp
    case("cs", "WhatsApp", "Alza", "Váš ověřovací kód je 482913. Platnost kódu skončí za 10 min.", hints=WHATSAPP, **PHONE),
    case("hu", "WhatsApp", "OTP Bank", "A(z) 482913 az ellenőrző kódod. Ez a kód 10 perc múlva lejár.", hints=WHATSAPP, **PHONE),
    case("fi", "WhatsApp", "Wolt", "482913 on vahvistuskoodisi. Tämä koodi vanhenee 10 minuutin kuluttua.", hints=WHATSAPP, **PHONE),
    case("tr", "WhatsApp", "Getir", "482913 doğrulama kodun. Güvenliğin için bu kodu paylaşma.", hints=WHATSAPP, **PHONE),
    case("uk", "WhatsApp", "Нова пошта", "Ваш код підтвердження – 482913.", hints=WHATSAPP, **PHONE),
    case("ja", "WhatsApp", "LINE", "482913があなたの認証コードです。", hints=WHATSAPP, **PHONE),
    case("zh", "WhatsApp", "Shopee", "482913 是你的验证码。为安全起见，请不要分享这组验证码。", hints=WHATSAPP, **PHONE),
    case("ar", "WhatsApp", "Careem", "482913 هو رمز التحقق الخاص بك.", hints=WHATSAPP, **PHONE),
    case("el", "WhatsApp", "Skroutz", "Το 482913 είναι ο κωδικός επαλήθευσής σας.", hints=WHATSAPP, **PHONE),
    case("he", "WhatsApp", "Wolt", "קוד האימות הוא 482913.", hints=WHATSAPP, **PHONE),
    # other services' SMS and mails
    case("ro", "Mesaje", "Mozilla", "482913 este codul tău de verificare Mozilla. Expiră în 5 minute.", hints=SMS, **PHONE),
    case("ro", "Mesaje", "Mozilla", "Cod de verificare Mozilla: 482913", hints=SMS, **PHONE),
    case("tr", "Mesajlar", "Binance TR", "[Binance TR] Doğrulama Kodu: 482913. Lütfen bu doğrulama kodunu kimseyle paylaşmayın! B040", hints=SMS, **PHONE),
    case("zh", "短信", "106902", "【金山办公】验证码482913，10分钟内有效。验证码提供给他人可能导致账号被盗，请勿转发或泄露。", hints=SMS, **PHONE),
    case("he", "הודעות", "Isracard", "קוד הכניסה שלך הוא 482913", hints=SMS, **PHONE),
    case("he", "הודעות", "Leumi", "הסיסמה החד פעמית: 482913", hints=SMS, **PHONE),
    case("ru", "Сообщения", "Tinkoff", "ваш код: 482913", hints=SMS, **PHONE),
    case("cs", "Zprávy", "MeDiktor", "MeDiktor: váš ověřovací kód je 4829. Platí 10 minut.", hints=SMS, **PHONE),
    case("fi", "Thunderbird", "Löytökauppa", "Vahvistuskoodisi on: 482913. Se vanhenee 2 minuutissa.", category=MAIL),
    case("en", "Messages", "Google", "G-482913 is your Google verification code.", hints=SMS, **PHONE),
    case("en", "Messages", "Apple", "Your Apple ID Code is: 444291. Don't share it with anyone.", hints=SMS, **PHONE),
    case("en", "Thunderbird", "Steam", "Here is the Steam Guard code you need to login to account gamer: F3K7R", category=MAIL),
    case("ja", "メッセージ", "Signal", "あなたのSignal 認証コード：８３２９８５", hints=SMS, **PHONE),  # full-width digits
]  # fmt: skip

NOT_CODES = [
    case("cs", "Thunderbird", "Mozilla", "Číslo faktury: 8675309", category=MAIL),
    case("cs", "Thunderbird", "Mozilla", "Visa karta končící na 5309", category=MAIL),
    case("cs", "Alza", "Objednávka 4821937", "Vaše objednávka byla odeslána", **PHONE),
    case("zh", "淘宝", "您的订单 482913 已发货", "", **PHONE),
    case("ja", "Amazon", "ご注文番号 249-1234567-1234567 の商品を発送しました", "", **PHONE),
    case("ru", "Steam", "Скидка!", "Cyberpunk 2077 — 1 299 ₽", **PHONE),
    case("en", "Steam", "Price drop", "Now € 12.345", **PHONE),
    case("ro", "eMAG", "Preț nou", "Doar 1.299,00 lei", **PHONE),
    case("ru", "Сообщения", "Мама", "Перезвони на +7 912 345-67-89", sender="Мама", hints=SMS, **PHONE),
    case("cs", "Thunderbird", "Google", "Dvoufázové ověření je zapnuté", category=MAIL),
    case("en", "Thunderbird", "GitHub", "[GitHub] Two-factor authentication enabled", category=MAIL),
    case("cs", "Zásilkovna", "Zásilka Z 123 4567 890", "je připravena k vyzvednutí", **PHONE),
    case("ar", "الرسائل", "بنك", "تم خصم 1500 ريال من بطاقتك المنتهية بـ 4821", hints=SMS, **PHONE),
    case("uk", "Новини", "Курс долара: 41,25 грн", "", **PHONE),
]  # fmt: skip

DIALER_WORDS: dict[str, tuple[str, str, str, str, str, str]] = {
    # lang: (app label, missed, missed work, missed (plural), incoming, incoming video), AOSP Dialer
    "cs": ("Telefon", "Zmeškaný hovor", "Zmeškaný pracovní hovor", "Zmeškané hovory", "Příchozí hovor", "Příchozí videohovor"),
    "hu": ("Telefon", "Nem fogadott hívás", "Nem fogadott munkahelyi hívás", "Elmulasztott hívások", "Bejövő hívás", "Bejövő videohívás"),
    "fi": ("Puhelin", "Vastaamatta jäänyt puhelu", "Vastaamaton työpuhelu", "Vastaamattomat puhelut", "Saapuva puhelu", "Saapuva videopuhelu"),
    "tr": ("Telefon", "Cevapsız çağrı", "İşle ilgili cevapsız çağrı", "Cevapsız çağrılar", "Gelen çağrı", "Gelen video görüşmesi isteği"),
    "ro": ("Telefon", "Apel nepreluat", "Apel de serviciu nepreluat", "Apeluri nepreluate", "Apel de intrare", "Apel video primit"),
    "ca": ("Telèfon", "Trucada perduda", "Trucada perduda de feina", "Trucades perdudes", "Trucada entrant", "Videotrucada entrant"),
    "el": ("Τηλέφωνο", "Αναπάντητη κλήση", "Αναπάντητη κλήση εργασίας", "Αναπάντητες κλήσεις", "Εισερχόμενη κλήση", "Εισερχόμενη βιντεοκλήση"),
    "ru": ("Телефон", "Пропущенный вызов", "Пропущенный звонок (работа)", "Пропущенные вызовы", "Входящий вызов", "Входящий видеовызов"),
    "uk": ("Телефон", "Пропущений виклик", "Пропущений дзвінок на робочий телефон", "Пропущені виклики", "Вхідний виклик", "Вхідний відеодзвінок"),
    "ja": ("電話", "不在着信", "仕事の通話の不在着信", "不在着信", "通話着信", "ビデオハングアウト着信"),
    "zh": ("电话", "未接电话", "未接工作来电", "未接电话", "来电", "有视频通话来电"),
    "zh-TW": ("電話", "未接來電", "未接公司來電", "未接來電", "來電", "視訊通話來電"),
    "ar": ("الهاتف", "مكالمة فائتة", "مكالمة عمل فائتة", "المكالمات الفائتة", "مكالمة واردة", "مكالمة فيديو واردة"),
    "he": ("טלפון", "שיחה שלא נענתה", "שיחה עסקית שלא נענתה", "שיחות שלא נענו", "שיחה נכנסת", "שיחת וידאו נכנסת"),
}  # fmt: skip
CALLERS = {
    "cs": "Maminka", "hu": "Anya", "fi": "Äiti", "tr": "Annem", "ro": "Mama", "ca": "Mare",
    "el": "Μαμά", "ru": "Мама", "uk": "Мама", "ja": "お母さん", "zh": "妈妈", "zh-TW": "媽媽",
    "ar": "أمي", "he": "אמא",
}  # fmt: skip


def _calls() -> tuple[list[Case], list[Case]]:
    missed: list[Case] = []
    ringing: list[Case] = []
    for lang, (label, *phrases) in DIALER_WORDS.items():
        caller = CALLERS[lang]
        for phrase in dict.fromkeys(phrases[:3]):  # ja/zh: one word for one and many
            missed.append(case(lang, label, phrase, caller, hints=DIALER, **PHONE))
        for phrase in phrases[3:]:
            ringing.append(case(lang, label, phrase, caller, hints=DIALER, **PHONE))
    # the same, mirrored without the package hint: only the app's label and the phrase
    ringing += [
        case(lang, DIALER_WORDS[lang][0], DIALER_WORDS[lang][4], CALLERS[lang], **PHONE)
        for lang in ("cs", "ru", "ja", "ar")
    ]
    return missed, ringing


MISSED, RINGING = _calls()

PEOPLE = [
    case("cs", "Element", "Jiří Novák", "Jdu na to", desktop_entry="im.riot.Riot"),
    case("hu", "WhatsApp", "Anikó", "Jössz?", sender="Anikó", hints=WHATSAPP, **PHONE),
    case("fi", "Telegram", "Mikko", "Tuu jo", desktop_entry="org.telegram.desktop"),
    case("tr", "WhatsApp", "Ayşe", "Geliyor musun?", sender="Ayşe", hints=WHATSAPP, **PHONE),
    case("ro", "Signal", "Ioana", "Vii diseară?", desktop_entry="signal-desktop"),
    case("ca", "WhatsApp", "Núria", "Véns?", sender="Núria", hints=WHATSAPP, **PHONE),
    case("el", "Signal", "Γιώργος", "Έρχομαι", sender="Γιώργος", hints=SIGNAL, **PHONE),
    case("ru", "Signal", "Мама", "Ты где?", desktop_entry="signal-desktop"),
    case("uk", "Telegram", "Олена", "Привіт!", desktop_entry="org.telegram.desktop"),
    case("ja", "Telegram", "田中さん", "了解です", sender="田中さん", hints=TELEGRAM, **PHONE),
    case("zh", "WhatsApp", "妈妈", "回家吃饭吗？", sender="妈妈", hints=WHATSAPP, **PHONE),
    case("ar", "Signal", "محمد", "أين أنت؟", desktop_entry="signal-desktop"),
    case("he", "Signal", "אמא", "מתי את חוזרת?", desktop_entry="signal-desktop"),
]  # fmt: skip

GROUPS = [
    case("cs", "WhatsApp", "Rodina: Jana", "Kdy přijedete?", sender="Rodina: Jana", hints=WHATSAPP, **PHONE),
    case("ru", "Signal", "Анна @ Семья", "Скоро буду", sender="Анна @ Семья", hints=SIGNAL, **PHONE),
    case("uk", "Telegram", "Родина (3 повідомлення)", "Олег: Де ви?", desktop_entry="org.telegram.desktop"),
    case("hu", "WhatsApp", "Család 👨‍👩‍👧", "Apa: Mindjárt", sender="Család 👨‍👩‍👧", hints=WHATSAPP, **PHONE),
    case("fi", "Slack", "#yleinen", "Mikko: deploy valmis", desktop_entry="com.slack.Slack"),
    case("ja", "WhatsApp", "家族: 花子", "今どこ？", sender="家族: 花子", hints=WHATSAPP, **PHONE),
    case("tr", "Telegram", "Ahmet @ Aile", "Geliyorum", sender="Ahmet @ Aile", hints=TELEGRAM, **PHONE),
    case("el", "Signal", "Οικογένεια: Μαρία", "Πού είστε;", sender="Οικογένεια: Μαρία", hints=SIGNAL, **PHONE),
    case("ar", "WhatsApp", "العائلة: أحمد", "وصلت", sender="العائلة: أحمد", hints=WHATSAPP, **PHONE),
    case("ro", "WhatsApp", "Clubul de carte (4 mesaje)", "Ana: joi?", sender="Clubul de carte", hints=WHATSAPP, **PHONE),
    case("zh", "Slack", "#综合", "小王: 已部署", desktop_entry="com.slack.Slack"),
    case("he", "Telegram", "חוג קריאה", "דנה: מחר?", desktop_entry="org.telegram.desktop"),
]  # fmt: skip


def _wall(c: Case, when: datetime) -> str:
    return when.astimezone(c.at.tzinfo).strftime("%H:%M")


def recognised(kind: str, c: Case) -> bool:
    n = c.notification()
    if kind == "reminder":
        found = kairos.reminder(n, AMS)
        if found is None or not found.ahead(c.at):
            return False
        return c.starts is None or (found.starts is not None and _wall(c, found.starts) == c.starts)
    if kind == "code":
        return kairos.code(n) is not None
    if kind in ("missed", "ringing"):
        found_call = kairos.call(n)
        return found_call is not None and found_call.ringing == (kind == "ringing")
    return kairos.sender(n) is not None  # person


POSITIVE = (
    [("reminder", c) for c in REMINDERS]
    + [("code", c) for c in CODES]
    + [("missed", c) for c in MISSED]
    + [("ringing", c) for c in RINGING]
    + [("person", c) for c in PEOPLE]
)
NEGATIVE = (
    [("reminder", c) for c in NOT_REMINDERS]
    + [("code", c) for c in NOT_CODES]
    + [("person", c) for c in GROUPS]
)


def rates() -> dict[tuple[str, str], tuple[int, int]]:
    """(signal, language) -> (recognised, of): the table the report quotes."""
    hits: Counter[tuple[str, str]] = Counter()
    totals: Counter[tuple[str, str]] = Counter()
    for kind, c in POSITIVE:
        totals[kind, c.lang] += 1
        hits[kind, c.lang] += recognised(kind, c)
    for kind, c in NEGATIVE:
        totals["not " + kind, c.lang] += 1
        hits["not " + kind, c.lang] += not recognised(kind, c)
    return {key: (hits[key], totals[key]) for key in totals}


def test_at_least_95_percent_of_the_second_held_out_set_is_recognised() -> None:
    missed = [(kind, c.lang, c.summary, c.body) for kind, c in POSITIVE if not recognised(kind, c)]
    rate = 1 - len(missed) / len(POSITIVE)
    assert rate >= 0.95, f"{rate:.0%} recognised; missed: {missed}"


@pytest.mark.parametrize("kind", ["reminder", "code", "missed", "ringing", "person"])
def test_every_signal_is_recognised_in_at_least_90_percent_of_its_cases(kind: str) -> None:
    cases = [c for k, c in POSITIVE if k == kind]
    missed = [(c.lang, c.summary, c.body) for c in cases if not recognised(kind, c)]
    assert len(missed) <= len(cases) // 10, missed


def test_the_second_set_s_look_alikes_are_not_taken_for_them() -> None:
    wrong = [(kind, c.lang, c.summary, c.body) for kind, c in NEGATIVE if recognised(kind, c)]
    assert wrong == []


@pytest.mark.parametrize("c", MISSED + RINGING, ids=lambda c: f"{c.lang}:{c.summary}")
def test_a_call_in_any_script_names_its_caller_not_the_phrase(c: Case) -> None:
    found = kairos.call(c.notification())
    assert found is not None and found.caller == c.body


# -- the measures, under the shipped defaults, in deep work (09:00-10:30 on Monday)


def defaults() -> Engine:
    loaded = load_active(presets_dir() / "none", presets_dir())
    assert loaded.ok and loaded.rules is not None
    return Engine(loaded.rules, config())


def shown_at_once(c: Case, engine: Engine) -> tuple[bool, str]:
    d = engine.decide(c.notification(), Context(), c.at)
    return d.verdict is Verdict.DELIVER, d.rule


def test_reminders_whose_event_is_ahead_are_delivered_in_deep_work() -> None:
    engine = defaults()
    morning = [c for c in REMINDERS if c.at == AT]
    held = [(c.lang, c.summary, c.body) for c in morning if not shown_at_once(c, engine)[0]]
    assert len(held) <= len(morning) // 20, held


def test_codes_are_shown_on_arrival_in_deep_work() -> None:
    engine = defaults()
    held = [(c.lang, c.body) for c in CODES if not shown_at_once(c, engine)[0]]
    assert len(held) <= len(CODES) // 20, held


def test_a_ringing_phone_breaks_through_in_every_language() -> None:
    engine = defaults()
    held = [(c.lang, c.summary) for c in RINGING if shown_at_once(c, engine) != (True, "ringing call")]
    assert held == []


def test_a_second_missed_call_within_3_minutes_breaks_through_in_every_language() -> None:
    engine = defaults()
    held = []
    for c in MISSED:
        first = c.notification()
        assert engine.decide(first, Context(), c.at).verdict is Verdict.HOLD
        again = Notification(c.app, c.summary, c.at + timedelta(minutes=2), body=c.body, **c.kw)
        caller = person_key(first)
        assert caller is not None, c.summary  # a caller is a person
        earlier = {caller: [c.at]}  # what the service remembers of the first call
        decision = engine.decide(again, Context(recent=earlier), again.at)
        if (decision.verdict, decision.rule) != (Verdict.DELIVER, "repeated contact"):
            held.append((c.lang, c.summary, decision.rule))
    assert held == []


def test_look_alikes_are_not_let_through_as_reminders_or_codes() -> None:
    engine = defaults()
    through = [
        (c.lang, c.summary, c.body, rule)
        for c in NOT_REMINDERS + NOT_CODES
        for shown, rule in [shown_at_once(c, engine)]
        if shown and rule in {"calendar reminder", "login code"}
    ]
    assert through == []


def test_the_second_set_is_neither_the_generators_nor_the_first_held_out_set() -> None:
    from notifyzen.core.weekgen_l10n import WORDS
    from tests.core import test_kairos_heldout as first
    from tests.core.test_kairos_heldout import vars_of

    generated = {v for w in WORDS.values() for v in vars_of(w)}
    texts = {t for _, c in POSITIVE + NEGATIVE for t in (c.summary, c.body)}
    assert not any(g and g in t for g in generated for t in texts if len(g) > 6)
    earlier = {t for _, c in first.POSITIVE + first.NEGATIVE for t in (c.summary, c.body) if len(t) > 6}
    assert not texts & earlier

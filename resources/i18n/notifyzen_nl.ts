<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>Argparse</name>
    <message>
        <source>usage: </source>
        <translation>gebruik: </translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>argumenten</translation>
    </message>
    <message>
        <source>options</source>
        <translation>opties</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>deze hulp tonen en stoppen</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s: fout: %(message)s
</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>argument %(argument_name)s: %(message)s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>onbekende argumenten: %s</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>niet toegestaan samen met argument %s</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>deze argumenten zijn verplicht: %s</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>een van de argumenten %s is verplicht</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>verwacht één argument</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>verwacht hoogstens één argument</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>verwacht minstens één argument</translation>
    </message>
    <message>
        <source>expected %s argument</source>
        <translation>verwacht %s argument</translation>
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation>verwacht %s argumenten</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>dubbelzinnige optie: %(option)s kan %(matches)s zijn</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>ongeldige %(type)s-waarde: %(value)r</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>ongeldige keuze: %(value)r (kies uit %(choices)s)</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>expliciet argument %r genegeerd</translation>
    </message>
    <message>
        <source>can&apos;t open &apos;%(filename)s&apos;: %(error)s</source>
        <translation>kan &apos;%(filename)s&apos; niet openen: %(error)s</translation>
    </message>
</context>
<context>
    <name>Autostart</name>
    <message>
        <source>Start notifyzen at login</source>
        <translation>notifyzen starten bij inloggen</translation>
    </message>
</context>
<context>
    <name>CLI</name>
    <message>
        <source>Notification etiquette for the Linux desktop: you choose when to be distracted. Without a command, starts the tray app, and takes the options of `run`: notifyzen --mode server.</source>
        <translation>Meldingsetiquette voor de Linux-desktop: jij kiest wanneer je gestoord wordt. Zonder opdracht start de app in het systeemvak, met de opties van `run`: notifyzen --mode server.</translation>
    </message>
    <message>
        <source>print the version and exit</source>
        <translation>de versie tonen en stoppen</translation>
    </message>
    <message>
        <source>check in now: show the digest of everything held</source>
        <translation>nu inchecken: het overzicht tonen van alles wat wacht</translation>
    </message>
    <message>
        <source>Check in now: the running notifyzen shows the digest of everything it holds, as the tray&apos;s Check in now does.</source>
        <translation>Nu inchecken: de draaiende notifyzen toont het overzicht van alles wat hij vasthoudt, zoals Nu inchecken in het systeemvak doet.</translation>
    </message>
    <message>
        <source>only &apos;now&apos; for the moment</source>
        <translation>voorlopig alleen &apos;now&apos;</translation>
    </message>
    <message>
        <source>print the check-in as JSON</source>
        <translation>het inchecken als JSON tonen</translation>
    </message>
    <message>
        <source>notifyzen is not running on this session; start it with `notifyzen`</source>
        <translation>notifyzen draait niet in deze sessie; start hem met `notifyzen`</translation>
    </message>
    <message>
        <source>Checked in at %1: %n held notification(s) shown.</source>
        <translation>Ingecheckt om %1: %n vastgehouden melding(en) getoond.</translation>
    </message>
    <message>
        <source>the running notifyzen did not answer within 10 s</source>
        <translation>de draaiende notifyzen antwoordde niet binnen 10 s</translation>
    </message>
    <message>
        <source>cannot reach the session bus: %1</source>
        <translation>de sessiebus is niet bereikbaar: %1</translation>
    </message>
    <message>
        <source>replay a day of notifications through notifyzen on a private bus (no setup needed)</source>
        <translation>een dag meldingen door notifyzen afspelen op een eigen bus (niets in te stellen)</translation>
    </message>
    <message>
        <source>Start a private session bus, run notifyzen on it with a fake clock, and replay a generated
Monday (08:00-18:00) of desktop and phone notifications through real clients (notify-send, gdbus,
dbus-fast; phone ones shaped as kdeconnectd sends them) at high speed. Each arrival is printed
with what notifyzen decided. Focus windows, check-ins and your breaks away from the desk (sent as
the screen saver&apos;s signal) happen as the clock passes them. At the end it checks in, prints the
day&apos;s digest (people, then apps) and writes the weekly report.

Nothing touches your desktop, your settings or your history: the demo uses the shipped default
rules and a throwaway directory, which it keeps so you can look at the report and the history
afterwards. With a display (DISPLAY or WAYLAND_DISPLAY) the app&apos;s pop-ups, digest window and
report window open on it instead, and the demo waits for you to press Enter.
</source>
        <translation>Start een eigen sessiebus, laat notifyzen erop draaien met een nepklok, en speelt een gegenereerde
maandag (08:00-18:00) aan meldingen van desktop en telefoon af via echte clients (notify-send, gdbus,
dbus-fast; die van de telefoon zoals kdeconnectd ze stuurt), op hoge snelheid. Bij elke melding staat
wat notifyzen besloot. Focusvensters, inchecks en je pauzes weg van het bureau (gestuurd als het
signaal van de schermbeveiliging) gebeuren zodra de klok erlangs komt. Aan het eind checkt de demo
in, toont het overzicht van de dag (mensen, dan apps) en schrijft het weekrapport.

Niets raakt je desktop, je instellingen of je geschiedenis: de demo gebruikt de meegeleverde
standaardregels en een wegwerpmap, die blijft staan zodat je het rapport en de geschiedenis daarna
kunt bekijken. Met een scherm (DISPLAY of WAYLAND_DISPLAY) openen de pop-ups, het overzichtsvenster
en het rapportvenster van de app daar, en wacht de demo tot je op Enter drukt.
</translation>
    </message>
    <message>
        <source>which generated day (the same seed, the same day; default 16)</source>
        <translation>welke gegenereerde dag (dezelfde seed, dezelfde dag; standaard 16)</translation>
    </message>
    <message>
        <source>how many times faster than real time (default 3000: the day takes about 12 s; 0: as fast as it goes)</source>
        <translation>hoeveel keer sneller dan de echte tijd (standaard 3000: de dag duurt zo&apos;n 12 s; 0: zo snel als het gaat)</translation>
    </message>
    <message>
        <source>leave notifyzen running on the demo&apos;s bus until you press Enter (default: yes with a display and a terminal, no otherwise)</source>
        <translation>notifyzen laten draaien op de bus van de demo tot je op Enter drukt (standaard: ja met een scherm en een terminal, anders nee)</translation>
    </message>
    <message>
        <source>keep the demo&apos;s history, settings and report here (default: a new directory in /tmp)</source>
        <translation>de geschiedenis, instellingen en het rapport van de demo hier bewaren (standaard: een nieuwe map in /tmp)</translation>
    </message>
    <message>
        <source>expected a number, got %1</source>
        <translation>verwacht een getal, kreeg %1</translation>
    </message>
    <message>
        <source>the speed cannot be negative</source>
        <translation>de snelheid kan niet negatief zijn</translation>
    </message>
    <message>
        <source>list what was taken in and what was decided</source>
        <translation>tonen wat binnenkwam en wat er besloten werd</translation>
    </message>
    <message>
        <source>List what notifyzen took in and what it decided, newest first; --jsonl writes the format `notifyzen rules simulate --input` replays.</source>
        <translation>Tonen wat notifyzen binnenkreeg en wat hij besloot, nieuwste eerst; --jsonl schrijft het formaat dat `notifyzen rules simulate --input` afspeelt.</translation>
    </message>
    <message>
        <source>print the rows as a JSON array</source>
        <translation>de regels als JSON-array tonen</translation>
    </message>
    <message>
        <source>write the replay exchange format (one notification per line)</source>
        <translation>het uitwisselformaat voor afspelen schrijven (één melding per regel)</translation>
    </message>
    <message>
        <source>why notification ID was treated as it was</source>
        <translation>waarom melding ID zo behandeld werd</translation>
    </message>
    <message>
        <source>e.g. 2026-11-16, 2026-11-16T09:00, 3h, 2d, today, yesterday</source>
        <translation>bv. 2026-11-16, 2026-11-16T09:00, 3h, 2d, today, yesterday</translation>
    </message>
    <message>
        <source>one ISO week, e.g. 2026-W47</source>
        <translation>één ISO-week, bv. 2026-W47</translation>
    </message>
    <message>
        <source>only this app (case-insensitive; * matches anything)</source>
        <translation>alleen deze app (hoofdletters maken niet uit; * past op alles)</translation>
    </message>
    <message>
        <source>only the newest N rows (text output defaults to 50; 0: all)</source>
        <translation>alleen de nieuwste N regels (tekstuitvoer standaard 50; 0: alle)</translation>
    </message>
    <message>
        <source>--since %1: too long ago</source>
        <translation>--since %1: te lang geleden</translation>
    </message>
    <message>
        <source>--since %1: expected a date, a time like 2026-11-16T09:00, or 3h/2d/today</source>
        <translation>--since %1: verwacht een datum, een tijd als 2026-11-16T09:00, of 3h/2d/today</translation>
    </message>
    <message>
        <source>no history yet (%1 does not exist)</source>
        <translation>nog geen geschiedenis (%1 bestaat niet)</translation>
    </message>
    <message>
        <source>--limit %1: expected a number of rows (0: all)</source>
        <translation>--limit %1: verwacht een aantal regels (0: alle)</translation>
    </message>
    <message>
        <source>no notification with id %1 in the history</source>
        <translation>geen melding met id %1 in de geschiedenis</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>verlopen</translation>
    </message>
    <message>
        <source>dismissed by the user</source>
        <translation>weggeklikt door de gebruiker</translation>
    </message>
    <message>
        <source>closed by the app</source>
        <translation>gesloten door de app</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>gesloten</translation>
    </message>
    <message>
        <source>replaced notification %1 in place</source>
        <translation>verving melding %1 ter plekke</translation>
    </message>
    <message>
        <source>shown %1 (%2)</source>
        <translation>getoond %1 (%2)</translation>
    </message>
    <message>
        <source>replaced by a newer one</source>
        <translation>vervangen door een nieuwere</translation>
    </message>
    <message>
        <source>ended %1: %2</source>
        <translation>afgelopen %1: %2</translation>
    </message>
    <message>
        <source>the user acted on it</source>
        <translation>de gebruiker deed er iets mee</translation>
    </message>
    <message>
        <source>status reply sent</source>
        <translation>statusantwoord verstuurd</translation>
    </message>
    <message>
        <source>replied</source>
        <translation>beantwoord</translation>
    </message>
    <message>
        <source>Nothing taken in for this selection.</source>
        <translation>Niets binnengekomen voor deze selectie.</translation>
    </message>
    <message>
        <source>new</source>
        <translation>nieuw</translation>
    </message>
    <message>
        <source>shown</source>
        <translation>getoond</translation>
    </message>
    <message>
        <source>held</source>
        <translation>vastgehouden</translation>
    </message>
    <message>
        <source>muted</source>
        <translation>gedempt</translation>
    </message>
    <message>
        <source>dismissed</source>
        <translation>weggeklikt</translation>
    </message>
    <message>
        <source>acted</source>
        <translation>geopend</translation>
    </message>
    <message>
        <source>replaced</source>
        <translation>vervangen</translation>
    </message>
    <message>
        <source>WHEN</source>
        <translation>WANNEER</translation>
    </message>
    <message>
        <source>APP</source>
        <translation>APP</translation>
    </message>
    <message>
        <source>WHAT HAPPENED</source>
        <translation>WAT GEBEURDE</translation>
    </message>
    <message>
        <source>SUMMARY</source>
        <translation>TITEL</translation>
    </message>
    <message>
        <source>↻ an update in place of an earlier notification (--explain ID says which): these %1 rows are %2 notifications.</source>
        <translation>↻ een bijwerking ter plekke van een eerdere melding (--explain ID zegt welke): deze %1 regels zijn %2 meldingen.</translation>
    </message>
    <message>
        <source>the weekly focus report (window, --out FILE, --json or --text)</source>
        <translation>het wekelijkse focusrapport (venster, --out BESTAND, --json of --text)</translation>
    </message>
    <message>
        <source>The weekly focus report: a window, or with --out a PNG, PDF or HTML file written without a screen, or with --json / --text printed for a script or a terminal.</source>
        <translation>Het wekelijkse focusrapport: een venster, of met --out een PNG-, PDF- of HTML-bestand, geschreven zonder scherm, of met --json / --text getoond voor een script of een terminal.</translation>
    </message>
    <message>
        <source>ISO week like 2026-W47 (default: this week)</source>
        <translation>ISO-week zoals 2026-W47 (standaard: deze week)</translation>
    </message>
    <message>
        <source>write FILE.png, FILE.pdf or FILE.html and exit</source>
        <translation>FILE.png, FILE.pdf of FILE.html schrijven en stoppen</translation>
    </message>
    <message>
        <source>print the report as JSON (keys: docs/report.md) and exit</source>
        <translation>het rapport als JSON tonen (sleutels: docs/report.md) en stoppen</translation>
    </message>
    <message>
        <source>print a short summary for a terminal and exit</source>
        <translation>een korte samenvatting voor een terminal tonen en stoppen</translation>
    </message>
    <message>
        <source>time zone for week and day boundaries (default: the system&apos;s)</source>
        <translation>tijdzone voor de grenzen van week en dag (standaard: die van het systeem)</translation>
    </message>
    <message>
        <source>include notification texts (off: only apps, people, counts)</source>
        <translation>ook de teksten van meldingen (uit: alleen apps, mensen, aantallen)</translation>
    </message>
    <message>
        <source>unknown time zone %1</source>
        <translation>onbekende tijdzone %1</translation>
    </message>
    <message>
        <source>check, explain and describe notification rules</source>
        <translation>meldingsregels controleren, uitleggen en beschrijven</translation>
    </message>
    <message>
        <source>Rule files: the presets shipped in rules/, yours in ~/.config/notifyzen/rules/*.yaml, and config.yaml next to them.</source>
        <translation>Regelbestanden: de meegeleverde voorinstellingen in rules/, die van jou in ~/.config/notifyzen/rules/*.yaml, en config.yaml ernaast.</translation>
    </message>
    <message>
        <source>validate rule files (default: the active set)</source>
        <translation>regelbestanden controleren (standaard: de actieve set)</translation>
    </message>
    <message>
        <source>Validate rule files as the app would load them: with config.yaml and the active preset. Exit status 1 and one line per error (file:line:col) when something is wrong.</source>
        <translation>Regelbestanden controleren zoals de app ze zou laden: met config.yaml en de actieve voorinstelling. Afsluitstatus 1 en één regel per fout (bestand:regel:kolom) als er iets mis is.</translation>
    </message>
    <message>
        <source>rule files or directories to check</source>
        <translation>te controleren regelbestanden of mappen</translation>
    </message>
    <message>
        <source>use this config.yaml</source>
        <translation>deze config.yaml gebruiken</translation>
    </message>
    <message>
        <source>print the JSON Schema of rule files (for editors)</source>
        <translation>het JSON Schema van regelbestanden tonen (voor editors)</translation>
    </message>
    <message>
        <source>Print the JSON Schema of rule files (or of config.yaml), which editors with a YAML language server use to complete and check as you type. The shipped presets point at rules/notifyzen-rules.schema.json with a modeline.</source>
        <translation>Het JSON Schema van regelbestanden (of van config.yaml) tonen, waarmee editors met een YAML-language-server aanvullen en controleren terwijl je typt. De meegeleverde voorinstellingen wijzen met een modeline naar rules/notifyzen-rules.schema.json.</translation>
    </message>
    <message>
        <source>the schema of config.yaml instead</source>
        <translation>in plaats daarvan het schema van config.yaml</translation>
    </message>
    <message>
        <source>which rule decides about a notification, and why</source>
        <translation>welke regel over een melding beslist, en waarom</translation>
    </message>
    <message>
        <source>Run the rules on one notification you describe and print the decision in one line.</source>
        <translation>De regels loslaten op één melding die je beschrijft en de beslissing in één regel tonen.</translation>
    </message>
    <message>
        <source>application name, e.g. Slack</source>
        <translation>naam van de app, bv. Slack</translation>
    </message>
    <message>
        <source>the notification&apos;s title</source>
        <translation>de titel van de melding</translation>
    </message>
    <message>
        <source>the notification&apos;s text</source>
        <translation>de tekst van de melding</translation>
    </message>
    <message>
        <source>the person or conversation</source>
        <translation>de persoon of het gesprek</translation>
    </message>
    <message>
        <source>default: normal</source>
        <translation>standaard: normal</translation>
    </message>
    <message>
        <source>e.g. im.received</source>
        <translation>bv. im.received</translation>
    </message>
    <message>
        <source>the app&apos;s desktop file name, e.g. org.telegram.desktop</source>
        <translation>de naam van het desktopbestand van de app, bv. org.telegram.desktop</translation>
    </message>
    <message>
        <source>phone: as if through KDE Connect</source>
        <translation>phone: alsof via KDE Connect</translation>
    </message>
    <message>
        <source>the phone, for --source phone</source>
        <translation>de telefoon, bij --source phone</translation>
    </message>
    <message>
        <source>the sender marked it time-sensitive (a hint)</source>
        <translation>de afzender markeerde hem als tijdgevoelig (een hint)</translation>
    </message>
    <message>
        <source>the sender already wrote N times in the last minute</source>
        <translation>de afzender schreef al N keer in de laatste minuut</translation>
    </message>
    <message>
        <source>HH:MM today, or an ISO date and time (default: now)</source>
        <translation>UU:MM vandaag, of een ISO-datum en -tijd (standaard: nu)</translation>
    </message>
    <message>
        <source>these rule files instead of ~/.config/notifyzen/rules</source>
        <translation>deze regelbestanden in plaats van ~/.config/notifyzen/rules</translation>
    </message>
    <message>
        <source>%n error(s); notifyzen keeps using its last good rules</source>
        <translation>%n fout(en); notifyzen blijft zijn laatste goede regels gebruiken</translation>
    </message>
    <message>
        <source>%1: warning: %2</source>
        <translation>%1: waarschuwing: %2</translation>
    </message>
    <message>
        <source>%n rule(s)</source>
        <translation>%n regel(s)</translation>
    </message>
    <message>
        <source>ok: %1, %2</source>
        <translation>ok: %1, %2</translation>
    </message>
    <message>
        <source>%n focus window(s)</source>
        <translation>%n focusvenster(s)</translation>
    </message>
    <message>
        <source>--at: expected HH:MM or an ISO date and time, got %1</source>
        <translation>--at: verwacht UU:MM of een ISO-datum en -tijd, kreeg %1</translation>
    </message>
    <message>
        <source>start the tray app (the default command)</source>
        <translation>de app in het systeemvak starten (de standaardopdracht)</translation>
    </message>
    <message>
        <source>Start the tray app: take in every notification on the session bus, hold what can wait for the next check-in, show the rest. Picks server mode where org.freedesktop.Notifications is free, observe mode where the desktop&apos;s own daemon has it.</source>
        <translation>De app in het systeemvak starten: elke melding op de sessiebus binnenhalen, vasthouden wat tot het volgende inchecken kan wachten, de rest tonen. Kiest servermodus waar org.freedesktop.Notifications vrij is, observeermodus waar de eigen daemon van de desktop die naam heeft.</translation>
    </message>
    <message>
        <source>server: own org.freedesktop.Notifications and show pop-ups; observe: watch the desktop&apos;s own daemon; auto (default): server where the name is free, observe otherwise</source>
        <translation>server: org.freedesktop.Notifications zelf bezetten en pop-ups tonen; observe: de eigen daemon van de desktop volgen; auto (standaard): server waar de naam vrij is, anders observe</translation>
    </message>
    <message>
        <source>start a clock at this instant (e.g. 2026-11-16T09:00:00+01:00) running at real speed; enables the control interface&apos;s SetClock (for demos and tests)</source>
        <translation>een klok starten op dit moment (bv. 2026-11-16T09:00:00+01:00) die op echte snelheid loopt; zet SetClock van de bedieningsinterface aan (voor demo&apos;s en tests)</translation>
    </message>
    <message>
        <source>with --clock: the clock stands still and moves only with SetClock (tests that compare exact instants)</source>
        <translation>met --clock: de klok staat stil en verspringt alleen met SetClock (tests die exacte momenten vergelijken)</translation>
    </message>
    <message>
        <source>log what happens to stderr</source>
        <translation>naar stderr loggen wat er gebeurt</translation>
    </message>
    <message>
        <source>--clock-stopped needs --clock ISO</source>
        <translation>--clock-stopped heeft --clock ISO nodig</translation>
    </message>
    <message>
        <source>no screen to put the tray icon on (neither DISPLAY nor WAYLAND_DISPLAY is set); start it inside your desktop session, or try `notifyzen demo`, which needs none</source>
        <translation>geen scherm voor het pictogram in het systeemvak (DISPLAY noch WAYLAND_DISPLAY is gezet); start hem in je desktopsessie, of probeer `notifyzen demo`, dat er geen nodig heeft</translation>
    </message>
    <message>
        <source>replay a past week through the rules on a simulated clock</source>
        <translation>een voorbije week door de regels afspelen op een gesimuleerde klok</translation>
    </message>
    <message>
        <source>Run the real rules engine over past notifications on a simulated clock and show
what would have interrupted you, what waited for a check-in, and for how long.</source>
        <translation>De echte regelengine over eerdere meldingen laten lopen op een gesimuleerde klok en tonen
wat je zou hebben gestoord, wat op een inchecken wachtte, en hoe lang.</translation>
    </message>
    <message>
        <source>replay your own history of this ISO week</source>
        <translation>je eigen geschiedenis van deze ISO-week afspelen</translation>
    </message>
    <message>
        <source>replay a JSONL file (&apos;-&apos; reads stdin)</source>
        <translation>een JSONL-bestand afspelen (&apos;-&apos; leest stdin)</translation>
    </message>
    <message>
        <source>try these rule files instead of ~/.config/notifyzen/rules</source>
        <translation>deze regelbestanden proberen in plaats van ~/.config/notifyzen/rules</translation>
    </message>
    <message>
        <source>try this config.yaml instead of yours</source>
        <translation>deze config.yaml proberen in plaats van de jouwe</translation>
    </message>
    <message>
        <source>these calendars&apos; meetings are focus windows too (besides config.yaml&apos;s calendars:)</source>
        <translation>de vergaderingen uit deze agenda&apos;s zijn ook focusblokken (naast calendars: in config.yaml)</translation>
    </message>
    <message>
        <source>put the candidate (--rules/--config) beside the active rules</source>
        <translation>de kandidaat (--rules/--config) naast de actieve regels zetten</translation>
    </message>
    <message>
        <source>print one JSON object for scripts</source>
        <translation>één JSON-object tonen voor scripts</translation>
    </message>
    <message>
        <source>show what the running notifyzen is doing</source>
        <translation>tonen wat de draaiende notifyzen doet</translation>
    </message>
    <message>
        <source>Show what the running notifyzen is doing: its mode, the focus window in force, how many notifications are held and when the next check-in comes.</source>
        <translation>Tonen wat de draaiende notifyzen doet: zijn modus, het focusvenster dat nu geldt, hoeveel meldingen er wachten en wanneer het volgende inchecken komt.</translation>
    </message>
    <message>
        <source>print the status as one JSON object</source>
        <translation>de status als één JSON-object tonen</translation>
    </message>
    <message>
        <source>notifyzen is not running on this session.</source>
        <translation>notifyzen draait niet in deze sessie.</translation>
    </message>
    <message>
        <source>the running notifyzen gave an answer this version cannot read</source>
        <translation>de draaiende notifyzen gaf een antwoord dat deze versie niet kan lezen</translation>
    </message>
    <message>
        <source>on (notifyzen&apos;s, while you focus)</source>
        <translation>aan (van notifyzen, zolang je focust)</translation>
    </message>
    <message>
        <source>on (yours: notifyzen follows it and never lifts it)</source>
        <translation>aan (de jouwe: notifyzen volgt hem en zet hem nooit uit)</translation>
    </message>
    <message>
        <source>off</source>
        <translation>uit</translation>
    </message>
    <message>
        <source>notifyzen is running in %1 mode (pid %2).</source>
        <translation>notifyzen draait in %1-modus (pid %2).</translation>
    </message>
    <message>
        <source>  taken in today: %1</source>
        <translation>  vandaag binnengekomen: %1</translation>
    </message>
    <message>
        <source>  held for the next check-in: %1</source>
        <translation>  wacht op het volgende inchecken: %1</translation>
    </message>
    <message>
        <source>none planned</source>
        <translation>geen gepland</translation>
    </message>
    <message>
        <source>  next check-in: %1</source>
        <translation>  volgende inchecken: %1</translation>
    </message>
    <message>
        <source>%1 (yours, until %2)</source>
        <translation>%1 (van jou, tot %2)</translation>
    </message>
    <message>
        <source>%1 (Calendar: %2, until %3)</source>
        <translation>%1 (agenda: %2, tot %3)</translation>
    </message>
    <message>
        <source>%1 (yours, until you end it)</source>
        <translation>%1 (van jou, tot je het beëindigt)</translation>
    </message>
    <message>
        <source>  focus window now: %1</source>
        <translation>  focusvenster nu: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <source>  paused: everything comes through until you resume</source>
        <translation>  gepauzeerd: alles komt door tot je hervat</translation>
    </message>
    <message>
        <source>  desktop&apos;s Do not disturb: %1</source>
        <translation>  Niet storen van de desktop: %1</translation>
    </message>
    <message>
        <source>  rules: %n error(s); the last good rules apply until they are fixed:</source>
        <translation>  regels: %n fout(en); de laatste goede regels gelden tot ze verholpen zijn:</translation>
    </message>
    <message>
        <source>  rules: warning: %1</source>
        <translation>  regels: waarschuwing: %1</translation>
    </message>
    <message>
        <source>  clock: %1 (set with --clock)</source>
        <translation>  klok: %1 (gezet met --clock)</translation>
    </message>
    <message>
        <source>  phones: %1</source>
        <translation>  telefoons: %1</translation>
    </message>
    <message>
        <source>  history: %1</source>
        <translation>  geschiedenis: %1</translation>
    </message>
    <message>
        <source>was damaged (%1); moved aside to %2, %n notification(s) salvaged into a fresh one</source>
        <translation>was beschadigd (%1); opzijgezet als %2, %n melding(en) gered in een nieuwe</translation>
    </message>
    <message>
        <source>%1 at start; a fresh one was started (ids go on)</source>
        <translation>%1 bij het starten; er is een nieuwe begonnen (de id&apos;s lopen door)</translation>
    </message>
    <message>
        <source>the disk is full: new notifications are refused until there is room</source>
        <translation>de schijf is vol: nieuwe meldingen worden geweigerd tot er ruimte is</translation>
    </message>
    <message>
        <source>cannot be written (%1): new notifications are refused</source>
        <translation>kan niet worden geschreven (%1): nieuwe meldingen worden geweigerd</translation>
    </message>
    <message>
        <source>KDE Connect is not running</source>
        <translation>KDE Connect draait niet</translation>
    </message>
    <message>
        <source>KDE Connect is running; no phone paired</source>
        <translation>KDE Connect draait; geen telefoon gekoppeld</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbonden</translation>
    </message>
    <message>
        <source>away</source>
        <translation>weg</translation>
    </message>
    <message>
        <source>%1 since %2</source>
        <translation>%1 sinds %2</translation>
    </message>
    <message>
        <source>%1, %n notification(s)</source>
        <translation>%1, %n melding(en)</translation>
    </message>
    <message>
        <source>deliver</source>
        <translation>getoond</translation>
    </message>
    <message>
        <source>hold</source>
        <translation>vastgehouden</translation>
    </message>
    <message>
        <source>mute</source>
        <translation>gedempt</translation>
    </message>
    <message>
        <source>%1%2 by rule %3%4: %5</source>
        <translation>%1%2 door regel %3%4: %5</translation>
    </message>
    <message>
        <source> until %1</source>
        <translation> tot %1</translation>
    </message>
    <message>
        <source> during %1</source>
        <translation> tijdens %1</translation>
    </message>
    <message>
        <source>focus now: 25m, 1h, until 14:00, on (until you end it) or off</source>
        <translation>nu focussen: 25m, 1h, until 14:00, on (tot je het beëindigt) of off</translation>
    </message>
    <message>
        <source>Focus now, as the tray&apos;s Focus items do: what may not interrupt waits for a check-in. Say how long (25m, 1h, 1h30m, 90), until when (until 14:00; a time already past is tomorrow&apos;s), on (until you end it) or off (end your focus: what waited is shown).</source>
        <translation>Nu focussen, zoals de Focus-items in het systeemvak: wat niet mag storen wacht op een check-in. Zeg hoe lang (25m, 1h, 1h30m, 90), tot wanneer (until 14:00; een tijd die al voorbij is, is die van morgen), on (tot je het beëindigt) of off (je focus beëindigen: wat wachtte wordt getoond).</translation>
    </message>
    <message>
        <source>25m, 1h, until 14:00, on or off</source>
        <translation>25m, 1h, until 14:00, on of off</translation>
    </message>
    <message>
        <source>print the app&apos;s answer as JSON</source>
        <translation>het antwoord van de app als JSON tonen</translation>
    </message>
    <message>
        <source>Focus ended; %n held notification(s) shown now.</source>
        <translation>Focus beëindigd; %n vastgehouden melding(en) nu getoond.</translation>
    </message>
    <message>
        <source>Focusing until %1; what may not interrupt waits for a check-in.</source>
        <translation>Focus tot %1; wat niet mag storen wacht op een check-in.</translation>
    </message>
    <message>
        <source>Focusing until you end it (notifyzen focus off).</source>
        <translation>Focus tot je het beëindigt (notifyzen focus off).</translation>
    </message>
    <message>
        <source>pause notifyzen (let everything through): on, off, 30m, until 14:00</source>
        <translation>notifyzen pauzeren (alles doorlaten): on, off, 30m, until 14:00</translation>
    </message>
    <message>
        <source>Pause notifyzen, as the tray&apos;s Pause item does: everything comes through, and what was held is shown now. on (the default) pauses until you resume, 30m or until 14:00 for a while, off resumes: notifications are held by your rules again.</source>
        <translation>notifyzen pauzeren, zoals het Pauzeren-item in het systeemvak: alles komt door, en wat vastgehouden was wordt nu getoond. on (de standaard) pauzeert tot je hervat, 30m of until 14:00 voor een tijdje, off hervat: meldingen worden weer volgens je regels vastgehouden.</translation>
    </message>
    <message>
        <source>on, off, 30m or until 14:00</source>
        <translation>on, off, 30m of until 14:00</translation>
    </message>
    <message>
        <source>Resumed: notifications are held by your rules again.</source>
        <translation>Hervat: meldingen worden weer volgens je regels vastgehouden.</translation>
    </message>
    <message>
        <source>Paused until %1: everything comes through.</source>
        <translation>Gepauzeerd tot %1: alles komt door.</translation>
    </message>
    <message>
        <source>Paused: everything comes through until you resume (notifyzen pause off).</source>
        <translation>Gepauzeerd: alles komt door tot je hervat (notifyzen pause off).</translation>
    </message>
    <message>
        <source>%n held notification(s) shown now.</source>
        <translation>%n vastgehouden melding(en) nu getoond.</translation>
    </message>
    <message>
        <source>not a length of time: %1 (say e.g. 25m, 1h, 1h30m or until 14:00)</source>
        <translation>geen tijdsduur: %1 (zeg bv. 25m, 1h, 1h30m of until 14:00)</translation>
    </message>
    <message>
        <source>%1 is not between a minute and a year</source>
        <translation>%1 ligt niet tussen een minuut en een jaar</translation>
    </message>
    <message>
        <source>not a time of day: %1 (say e.g. 14:00)</source>
        <translation>geen tijdstip: %1 (zeg bv. 14:00)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>after %1 s</source>
        <translation>na %1 s</translation>
    </message>
    <message>
        <source>after %1 min</source>
        <translation>na %1 min</translation>
    </message>
    <message>
        <source>after %1 h</source>
        <translation>na %1 uur</translation>
    </message>
    <message>
        <source>after %1 days</source>
        <translation>na %1 dagen</translation>
    </message>
    <message>
        <source>opened</source>
        <translation>geopend</translation>
    </message>
    <message>
        <source>chose %1</source>
        <translation>koos %1</translation>
    </message>
    <message>
        <source>dismissed unread</source>
        <translation>ongelezen weggeklikt</translation>
    </message>
    <message>
        <source>left to expire</source>
        <translation>vanzelf verlopen</translation>
    </message>
    <message>
        <source>removed on the phone</source>
        <translation>op de telefoon weggehaald</translation>
    </message>
    <message>
        <source>you wrote a rule: always allow</source>
        <translation>je schreef een regel: altijd doorlaten</translation>
    </message>
    <message>
        <source>you wrote a rule: always mute</source>
        <translation>je schreef een regel: altijd dempen</translation>
    </message>
    <message>
        <source>you said: should have come through</source>
        <translation>je zei: had moeten doorkomen</translation>
    </message>
    <message>
        <source>you said: could have waited</source>
        <translation>je zei: had kunnen wachten</translation>
    </message>
    <message>
        <source>Sharing your screen (%1)</source>
        <translation>Je deelt je scherm (%1)</translation>
    </message>
    <message>
        <source>Sharing your screen</source>
        <translation>Je deelt je scherm</translation>
    </message>
    <message>
        <source>Presenting on mirrored displays</source>
        <translation>Je presenteert op gespiegelde schermen</translation>
    </message>
    <message>
        <source>Full screen: %1</source>
        <translation>Schermvullend: %1</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Schermvullend</translation>
    </message>
    <message>
        <source>In a call (%1)</source>
        <translation>In een gesprek (%1)</translation>
    </message>
    <message>
        <source>In a call</source>
        <translation>In een gesprek</translation>
    </message>
    <message>
        <source>  because: %1, since %2</source>
        <translation>  omdat: %1, sinds %2</translation>
    </message>
    <message>
        <source>  privacy: only critical comes through, shown without its text</source>
        <translation>  privacy: alleen kritiek komt door, getoond zonder de tekst</translation>
    </message>
    <message>
        <source>as if you shared your screen, a window were full screen, the displays mirrored, or in a call</source>
        <translation>alsof je je scherm deelt, een venster schermvullend is, de schermen gespiegeld zijn of je in een gesprek zit</translation>
    </message>
    <message>
        <source>the app of --while, e.g. Zoom</source>
        <translation>de app bij --while, bijv. Zoom</translation>
    </message>
    <message>
        <source>start notifyzen at login: on, off, or show whether it does</source>
        <translation>notifyzen starten bij het aanmelden: on, off, of tonen of dat gebeurt</translation>
    </message>
    <message>
        <source>Start notifyzen at login, as the tray&apos;s Start at login does: on writes the desktop&apos;s autostart entry, off removes it, without a word says whether it is on.</source>
        <translation>notifyzen starten bij het aanmelden, zoals Starten bij aanmelden in het systeemvak: on schrijft de autostart-vermelding van de desktop, off haalt hem weg, zonder woord zegt het of het aan staat.</translation>
    </message>
    <message>
        <source>on or off</source>
        <translation>on of off</translation>
    </message>
    <message>
        <source>notifyzen starts at login (%1).</source>
        <translation>notifyzen start bij het aanmelden (%1).</translation>
    </message>
    <message>
        <source>notifyzen no longer starts at login.</source>
        <translation>notifyzen start niet meer bij het aanmelden.</translation>
    </message>
    <message>
        <source>notifyzen starts at login.</source>
        <translation>notifyzen start bij het aanmelden.</translation>
    </message>
    <message>
        <source>notifyzen does not start at login.</source>
        <translation>notifyzen start niet bij het aanmelden.</translation>
    </message>
    <message>
        <source>sway and i3 do not start autostart entries themselves; to start notifyzen with them, put this line in their config: exec %1</source>
        <translation>sway en i3 starten autostart-vermeldingen niet zelf; om notifyzen met hen te starten, zet je deze regel in hun config: exec %1</translation>
    </message>
    <message>
        <source>quit the running notifyzen</source>
        <translation>de draaiende notifyzen afsluiten</translation>
    </message>
    <message>
        <source>Quit the running notifyzen, as the tray&apos;s Quit does. What it holds is kept in the history and held again at its next start.</source>
        <translation>De draaiende notifyzen afsluiten, zoals Afsluiten in het systeemvak. Wat hij vasthoudt blijft in de geschiedenis en wordt bij de volgende start weer vastgehouden.</translation>
    </message>
    <message>
        <source>notifyzen (pid %1) is quitting.</source>
        <translation>notifyzen (pid %1) sluit af.</translation>
    </message>
    <message>
        <source>open the digest or the history window of the running notifyzen</source>
        <translation>het overzicht of de geschiedenis van de draaiende notifyzen openen</translation>
    </message>
    <message>
        <source>Open a window of the running notifyzen in front, with the keyboard, as the tray&apos;s Open digest and History… do: digest (what waits for you) or history (the last seven days).</source>
        <translation>Een venster van de draaiende notifyzen vooraan openen, met het toetsenbord, zoals Overzicht openen en Geschiedenis… in het systeemvak doen: digest (wat op je wacht) of history (de laatste zeven dagen).</translation>
    </message>
    <message>
        <source>digest or history</source>
        <translation>digest of history</translation>
    </message>
    <message>
        <source>say which window to open: digest or history (not %1)</source>
        <translation>zeg welk venster open moet: digest of history (niet %1)</translation>
    </message>
    <message>
        <source>say which window to open: digest or history</source>
        <translation>zeg welk venster open moet: digest of history</translation>
    </message>
    <message>
        <source>this notifyzen runs without windows</source>
        <translation>deze notifyzen draait zonder vensters</translation>
    </message>
    <message>
        <source>The digest is open.</source>
        <translation>Het overzicht is open.</translation>
    </message>
    <message>
        <source>The history is open.</source>
        <translation>De geschiedenis is open.</translation>
    </message>
    <message>
        <source>take back the newest rule made with Always allow or Always mute</source>
        <translation>de nieuwste regel terugdraaien die met Altijd doorlaten of Altijd dempen is gemaakt</translation>
    </message>
    <message>
        <source>Take back a rule made with a button (Always allow or Always mute in the digest or the history, an accepted proposal), as the tray&apos;s Undo rule does: the newest one, or the one named. The running notifyzen follows within a second.</source>
        <translation>Een met een knop gemaakte regel terugdraaien (Altijd doorlaten of Altijd dempen in het overzicht of de geschiedenis, een aangenomen voorstel), zoals Regel ongedaan maken in het systeemvak: de nieuwste, of de genoemde. De draaiende notifyzen volgt binnen een seconde.</translation>
    </message>
    <message>
        <source>the rule&apos;s name (default: the newest)</source>
        <translation>de naam van de regel (standaard: de nieuwste)</translation>
    </message>
    <message>
        <source>open your rules file in an editor</source>
        <translation>je regelbestand in een editor openen</translation>
    </message>
    <message>
        <source>Open your rules file, as the tray&apos;s Edit rules does: in $VISUAL or $EDITOR from a terminal, else with xdg-open; where nothing can open it, its path is printed. The first time it is made, with the active preset as comments.</source>
        <translation>Je regelbestand openen, zoals Regels bewerken in het systeemvak: in $VISUAL of $EDITOR vanuit een terminal, anders met xdg-open; waar niets het kan openen, wordt het pad getoond. De eerste keer wordt het gemaakt, met de actieve preset als commentaar.</translation>
    </message>
    <message>
        <source>only print the file&apos;s path</source>
        <translation>alleen het pad van het bestand tonen</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>kan %1 niet lezen: %2</translation>
    </message>
    <message>
        <source>nothing to undo: no rule made with a button is in %1</source>
        <translation>niets terug te draaien: er staat geen met een knop gemaakte regel in %1</translation>
    </message>
    <message>
        <source>no rule called %1 was made with a button; these were: %2</source>
        <translation>er is geen regel %1 met een knop gemaakt; wel deze: %2</translation>
    </message>
    <message>
        <source>could not take the rule out of %1: %2</source>
        <translation>kon de regel niet uit %1 halen: %2</translation>
    </message>
    <message>
        <source>the rule %1 is no longer in %2</source>
        <translation>de regel %1 staat niet meer in %2</translation>
    </message>
    <message>
        <source>Rule taken out again: %1 (from %2).</source>
        <translation>Regel weer weggehaald: %1 (uit %2).</translation>
    </message>
    <message>
        <source>cannot make your rules file: %1</source>
        <translation>kan je regelbestand niet maken: %1</translation>
    </message>
    <message>
        <source>%1 could not be started: %2</source>
        <translation>%1 kon niet worden gestart: %2</translation>
    </message>
    <message>
        <source>Opened %1.</source>
        <translation>%1 geopend.</translation>
    </message>
    <message>
        <source>No program to open it with was found (xdg-open). Your rules file is: %1</source>
        <translation>Er is geen programma gevonden om het mee te openen (xdg-open). Je regelbestand staat hier: %1</translation>
    </message>
    <message>
        <source>  why this mode: %1</source>
        <translation>  waarom deze modus: %1</translation>
    </message>
    <message>
        <source>you asked for it (--mode %1)</source>
        <translation>je vroeg erom (--mode %1)</translation>
    </message>
    <message>
        <source>no other notification server was running, so notifyzen shows them itself</source>
        <translation>er draaide geen andere meldingenserver, dus notifyzen toont ze zelf</translation>
    </message>
    <message>
        <source>another program</source>
        <translation>een ander programma</translation>
    </message>
    <message>
        <source>%1 shows notifications here; notifyzen watches and holds with Do not disturb</source>
        <translation>%1 toont hier de meldingen; notifyzen kijkt mee en houdt vast met Niet storen</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>%1 notifications came in; %2 were held for a check-in, %3 broke through a focus window.</source>
        <translation>%1 meldingen binnengekomen; %2 vastgehouden tot een check-in, %3 toch doorgekomen in een focusblok.</translation>
    </message>
    <message>
        <source>Check-ins (notifications shown): %1.</source>
        <translation>Check-ins (getoonde meldingen): %1.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <source>Today&apos;s digest: everything notifyzen held back (%1)</source>
        <translation>Overzicht van vandaag: alles wat notifyzen heeft vastgehouden (%1)</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Mensen</translation>
    </message>
    <message>
        <source>Apps</source>
        <translation>Apps</translation>
    </message>
    <message>
        <source>newest: %1</source>
        <translation>nieuwste: %1</translation>
    </message>
    <message>
        <source>Weekly report (%1), for your browser: %2</source>
        <translation>Weekrapport (%1), voor je browser: %2</translation>
    </message>
    <message>
        <source>The digest and the weekly report (%1) are open in their windows.</source>
        <translation>Het overzicht en het weekrapport (%1) staan open in hun eigen venster.</translation>
    </message>
    <message>
        <source>History: NOTIFYZEN_DB=%1 notifyzen history</source>
        <translation>Geschiedenis: NOTIFYZEN_DB=%1 notifyzen history</translation>
    </message>
    <message>
        <source>  (add --explain ID to see why notifyzen did what it did with one of them)</source>
        <translation>  (voeg --explain ID toe om te zien waarom notifyzen met een ervan deed wat het deed)</translation>
    </message>
    <message>
        <source>  … --explain %1 says why the %2 notification broke through</source>
        <translation>  … --explain %1 laat zien waarom de melding van %2 toch doorkwam</translation>
    </message>
    <message>
        <source>  … --explain %1 says why the %2 notification was held</source>
        <translation>  … --explain %1 laat zien waarom de melding van %2 werd vastgehouden</translation>
    </message>
    <message>
        <source>notifyzen is still running on the demo&apos;s bus; in another terminal try
  DBUS_SESSION_BUS_ADDRESS=%1 notifyzen status
Press Enter (or Ctrl-C) to end the demo.</source>
        <translation>notifyzen draait nog op de bus van de demo; probeer in een andere terminal
  DBUS_SESSION_BUS_ADDRESS=%1 notifyzen status
Druk op Enter (of Ctrl-C) om de demo te beëindigen.</translation>
    </message>
    <message>
        <source>notifyzen demo: stopped; so are notifyzen and the demo&apos;s bus. What ran is in %1.</source>
        <translation>notifyzen-demo: gestopt, net als notifyzen en de bus van de demo. Wat er draaide staat in %1.</translation>
    </message>
    <message>
        <source>as fast as it goes</source>
        <translation>zo snel als het kan</translation>
    </message>
    <message>
        <source>at %1× real time</source>
        <translation>op %1× de echte snelheid</translation>
    </message>
    <message>
        <source>notifyzen demo: %1, %2–%3 (%4), replayed %5 on a private session bus of its own: your desktop, settings and history are not touched.</source>
        <translation>notifyzen-demo: %1, %2–%3 (%4), afgespeeld %5 op een eigen, afgeschermde sessiebus: je bureaublad, instellingen en geschiedenis blijven onaangeroerd.</translation>
    </message>
    <message>
        <source>Focus windows that day: %1. Check-ins at %2.</source>
        <translation>Focusblokken die dag: %1. Check-ins om %2.</translation>
    </message>
    <message>
        <source>no focus windows</source>
        <translation>geen focusblokken</translation>
    </message>
    <message>
        <source>Shipped default rules. %1</source>
        <translation>Meegeleverde standaardregels. %1</translation>
    </message>
    <message>
        <source>server mode</source>
        <translation>servermodus</translation>
    </message>
    <message>
        <source>observe mode</source>
        <translation>meekijkmodus</translation>
    </message>
    <message>
        <source>notifyzen %1 is up (%2). Replaying %3 notifications through %4</source>
        <translation>notifyzen %1 draait (%2). %3 meldingen worden afgespeeld via %4</translation>
    </message>
    <message>
        <source> (no phone needed: they come the way kdeconnectd sends them).</source>
        <translation> (geen telefoon nodig: ze komen binnen zoals kdeconnectd ze stuurt).</translation>
    </message>
    <message>
        <source>desktop</source>
        <translation>computer</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>telefoon</translation>
    </message>
    <message>
        <source>shown</source>
        <translation>getoond</translation>
    </message>
    <message>
        <source>time</source>
        <translation>tijd</translation>
    </message>
    <message>
        <source>from</source>
        <translation>van</translation>
    </message>
    <message>
        <source>app</source>
        <translation>app</translation>
    </message>
    <message>
        <source>what</source>
        <translation>wat</translation>
    </message>
    <message>
        <source>held → %1</source>
        <translation>wacht → %1</translation>
    </message>
    <message>
        <source>held</source>
        <translation>wacht</translation>
    </message>
    <message>
        <source>muted</source>
        <translation>gedempt</translation>
    </message>
    <message>
        <source>BREAKS THROUGH (%1)</source>
        <translation>KOMT DOOR (%1)</translation>
    </message>
    <message>
        <source>── %1 until %2: what can wait is held ──</source>
        <translation>── %1 tot %2: wat kan wachten, wacht ──</translation>
    </message>
    <message>
        <source>you step away (the screen saver comes on)</source>
        <translation>je loopt weg (de schermbeveiliging gaat aan)</translation>
    </message>
    <message>
        <source>you are back at your desk</source>
        <translation>je bent terug achter je bureau</translation>
    </message>
    <message>
        <source>you sit down at your desk</source>
        <translation>je gaat achter je bureau zitten</translation>
    </message>
    <message>
        <source>1 held notification shown</source>
        <translation>1 vastgehouden melding getoond</translation>
    </message>
    <message>
        <source>%1 held notifications shown</source>
        <translation>%1 vastgehouden meldingen getoond</translation>
    </message>
    <message>
        <source>nothing was waiting</source>
        <translation>er wachtte niets</translation>
    </message>
    <message>
        <source> (the check-ins above showed it all)</source>
        <translation> (de check-ins hierboven toonden alles al)</translation>
    </message>
    <message>
        <source>── check-in (%1): %2 ──</source>
        <translation>── check-in (%1): %2 ──</translation>
    </message>
    <message>
        <source>── end of the day: you check in (as `notifyzen checkin now` does) ──</source>
        <translation>── einde van de dag: je checkt in (zoals `notifyzen checkin now` doet) ──</translation>
    </message>
    <message>
        <source>waited its maximum</source>
        <translation>wachtte al het maximum</translation>
    </message>
    <message>
        <source>its hold-until time</source>
        <translation>vastgehouden-tot-tijd bereikt</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>gepland</translation>
    </message>
    <message>
        <source>a break</source>
        <translation>een pauze</translation>
    </message>
    <message>
        <source>you asked</source>
        <translation>je vroeg erom</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>gemist</translation>
    </message>
</context>
<context>
    <name>Digest</name>
    <message>
        <source>Check-in — notifyzen</source>
        <translation>Check-in — notifyzen</translation>
    </message>
    <message>
        <source>Reply…</source>
        <translation>Antwoord…</translation>
    </message>
    <message>
        <source>All caught up. Nothing is waiting for you.</source>
        <translation>Je bent bij. Er wacht niets op je.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Open that rule</source>
        <translation>Die regel openen</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Ongedaan maken</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Versturen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Openen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Wegdoen</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Uitstellen</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antwoorden</translation>
    </message>
    <message>
        <source>Dismiss all</source>
        <translation>Alles wegdoen</translation>
    </message>
    <message>
        <source>Always allow</source>
        <translation>Altijd doorlaten</translation>
    </message>
    <message>
        <source>Always mute</source>
        <translation>Altijd dempen</translation>
    </message>
    <message>
        <source>Open the newest and count the others as read (Enter)</source>
        <translation>De nieuwste openen en de andere als gelezen tellen (Enter)</translation>
    </message>
    <message>
        <source>Take it off the list (Delete)</source>
        <translation>Van de lijst halen (Delete)</translation>
    </message>
    <message>
        <source>Show it again at the next check-in (S)</source>
        <translation>Bij de volgende check-in opnieuw tonen (S)</translation>
    </message>
    <message>
        <source>Write a reply the app sends on; a field opens below (R)</source>
        <translation>Een antwoord schrijven dat de app verstuurt; er opent onderaan een veld (R)</translation>
    </message>
    <message>
        <source>Keep it here after the next check-in (P)</source>
        <translation>Na het volgende moment hier houden (P)</translation>
    </message>
    <message>
        <source>Take everything off the list (Shift+Delete)</source>
        <translation>Alles van de lijst halen (Shift+Delete)</translation>
    </message>
    <message>
        <source>↑↓ move · Enter open · Del dismiss (on a heading: the group) · Shift+Del all · S snooze · P pin · R reply · A allow · M mute · U urgent · Esc close. What you leave goes to the history at the next check-in; pinned lines stay.</source>
        <translation>↑↓ verplaatsen · Enter openen · Del wegdoen (op een kop: de groep) · Shift+Del alles · S uitstellen · P vastzetten · R antwoorden · A doorlaten · M dempen · U dringend · Esc sluiten. Wat je laat staan gaat bij het volgende moment naar de geschiedenis; vastgezette regels blijven.</translation>
    </message>
    <message>
        <source>↑↓ move · Enter open · Del dismiss (on a heading: the group) · Shift+Del all · S snooze · P pin · R reply · A allow · M mute · Esc close. What you leave goes to the history at the next check-in; pinned lines stay.</source>
        <translation type="vanished">↑↓ verplaatsen · Enter openen · Del wegdoen (op een kop: de groep) · Shift+Del alles · S uitstellen · P vastzetten · R antwoorden · A doorlaten · M dempen · Esc sluiten. Wat je laat staan gaat bij het volgende moment naar de geschiedenis; vastgezette regels blijven.</translation>
    </message>
    <message>
        <source>↑↓ move · Enter open · Del dismiss · S snooze · R reply · A allow · M mute · Esc close</source>
        <translation type="vanished">↑↓ verplaatsen · Enter openen · Del wegdoen · S uitstellen · R antwoorden · A doorlaten · M dempen · Esc sluiten</translation>
    </message>
    <message>
        <source>Write a reply the app sends on (a field opens below)</source>
        <translation type="vanished">Een antwoord schrijven dat de app verstuurt (er opent onderaan een veld)</translation>
    </message>
    <message>
        <source>Write a rule that always lets these through (A)</source>
        <translation>Een regel maken die deze altijd doorlaat (A)</translation>
    </message>
    <message>
        <source>Write a rule that always mutes these (M)</source>
        <translation>Een regel maken die deze altijd dempt (M)</translation>
    </message>
    <message>
        <source>↑↓ move · Enter open · Del dismiss · S snooze · A allow · M mute · Esc close</source>
        <translation type="vanished">↑↓ verplaatsen · Enter openen · Del wegdoen · S uitstellen · A doorlaten · M dempen · Esc sluiten</translation>
    </message>
    <message>
        <source>Rule written: %1 (in %2).</source>
        <translation>Regel geschreven: %1 (in %2).</translation>
    </message>
    <message>
        <source>Your rule %1 (%2) comes first and still decides: change that one.</source>
        <translation>Je regel %1 (%2) komt eerder en beslist nog steeds: pas die aan.</translation>
    </message>
    <message>
        <source>Rule taken out again: %1.</source>
        <translation>Regel weer weggehaald: %1.</translation>
    </message>
    <message>
        <source>The rule %1 is no longer in the file.</source>
        <translation>De regel %1 staat niet meer in het bestand.</translation>
    </message>
    <message>
        <source>Check-in · %1</source>
        <translation>Check-in · %1</translation>
    </message>
    <message>
        <source>Dismiss group</source>
        <translation>Groep wegdoen</translation>
    </message>
    <message>
        <source>Dismiss %1</source>
        <translation>%1 wegdoen</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Losmaken</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>Vastzetten</translation>
    </message>
    <message>
        <source>Snooze %1</source>
        <translation>%1 uitstellen</translation>
    </message>
    <message>
        <source>Nothing to open: its app offered no action.</source>
        <translation>Niets om te openen: de app bood geen actie aan.</translation>
    </message>
    <message>
        <source>Unknown app</source>
        <translation>Onbekende app</translation>
    </message>
    <message>
        <source>Nothing held</source>
        <translation>Niets vastgehouden</translation>
    </message>
    <message>
        <source>%1 held</source>
        <translation>%1 vastgehouden</translation>
    </message>
    <message>
        <source>1 person</source>
        <translation>1 persoon</translation>
    </message>
    <message>
        <source>%1 people</source>
        <translation>%1 mensen</translation>
    </message>
    <message>
        <source>1 app</source>
        <translation>1 app</translation>
    </message>
    <message>
        <source>%1 apps</source>
        <translation>%1 apps</translation>
    </message>
    <message>
        <source>during %1</source>
        <translation>tijdens %1</translation>
    </message>
    <message>
        <source>meeting</source>
        <translation>vergadering</translation>
    </message>
    <message>
        <source>screen sharing</source>
        <translation>scherm delen</translation>
    </message>
    <message>
        <source>presenting</source>
        <translation>presenteren</translation>
    </message>
    <message>
        <source>full screen</source>
        <translation>volledig scherm</translation>
    </message>
    <message>
        <source>%1: %2 held from %3</source>
        <translation>%1: %2 vastgehouden van %3</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>kritiek</translation>
    </message>
    <message>
        <source>time-sensitive</source>
        <translation>tijdgevoelig</translation>
    </message>
    <message>
        <source>You told %1 at %2: “%3”</source>
        <translation>Je liet %1 om %2 weten: “%3”</translation>
    </message>
    <message>
        <source>You told %1: “%2”</source>
        <translation>Je liet %1 weten: “%2”</translation>
    </message>
    <message>
        <source>You replied at %1: “%2”</source>
        <translation>Je antwoordde om %1: “%2”</translation>
    </message>
    <message>
        <source>You replied: “%1”</source>
        <translation>Je antwoordde: “%1”</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>these notifications</source>
        <translation>deze meldingen</translation>
    </message>
    <message>
        <source>Always allow %1?</source>
        <translation>%1 altijd doorlaten?</translation>
    </message>
    <message>
        <source>Always mute %1?</source>
        <translation>%1 altijd dempen?</translation>
    </message>
    <message>
        <source>1 notification</source>
        <translation>1 melding</translation>
    </message>
    <message>
        <source>%1 notifications</source>
        <translation>%1 meldingen</translation>
    </message>
    <message>
        <source>would have held %1 last week, %2 of them from people</source>
        <translation>had vorige week %1 vastgehouden, waarvan %2 van mensen</translation>
    </message>
    <message>
        <source>would have muted %1 last week, %2 of them from people</source>
        <translation>had vorige week %1 gedempt, waarvan %2 van mensen</translation>
    </message>
    <message>
        <source>would have shown %1 at once last week, %2 of them from people</source>
        <translation>had vorige week %1 meteen getoond, waarvan %2 van mensen</translation>
    </message>
    <message>
        <source>would have changed nothing last week</source>
        <translation>had vorige week niets veranderd</translation>
    </message>
    <message>
        <source>pinned · %1</source>
        <translation>vastgezet · %1</translation>
    </message>
    <message>
        <source>It goes at the top of %1, before your other rules; Undo takes it out.</source>
        <translation>Hij komt bovenaan %1, vóór je andere regels; Ongedaan maken haalt hem weg.</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <source>Should have come through</source>
        <translation>Had moeten doorkomen</translation>
    </message>
    <message>
        <source>Could have waited</source>
        <translation>Had kunnen wachten</translation>
    </message>
    <message>
        <source>Tell notifyzen this mattered: it should have interrupted you</source>
        <translation>Laat notifyzen weten dat dit belangrijk was: het had je mogen storen</translation>
    </message>
    <message>
        <source>Tell notifyzen this did not need to interrupt you</source>
        <translation>Laat notifyzen weten dat dit je niet had hoeven storen</translation>
    </message>
    <message>
        <source>Noted — notifyzen will suggest a rule once it sees a pattern.</source>
        <translation>Genoteerd — notifyzen stelt een regel voor zodra het een patroon ziet.</translation>
    </message>
    <message>
        <source>Should this have waited? Tell notifyzen</source>
        <translation>Had dit kunnen wachten? Laat het notifyzen weten</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Today</source>
        <translation>Vandaag</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gisteren</translation>
    </message>
    <message>
        <source>History — notifyzen</source>
        <translation>Geschiedenis — notifyzen</translation>
    </message>
    <message>
        <source>Search app, person or text</source>
        <translation>Zoek op app, persoon of tekst</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Van</translation>
    </message>
    <message>
        <source>Notification</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Wat er gebeurde</translation>
    </message>
</context>
<context>
    <name>Popup</name>
    <message>
        <source>Dismiss</source>
        <translation>Wegdoen</translation>
    </message>
    <message>
        <source>Reply…</source>
        <translation>Antwoord…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Versturen</translation>
    </message>
    <message>
        <source>More (%1)</source>
        <translation>Meer (%1)</translation>
    </message>
    <message>
        <source>%1 more not shown</source>
        <translation>nog %1 niet getoond</translation>
    </message>
    <message>
        <source>1 more waiting</source>
        <translation>nog 1 wacht</translation>
    </message>
    <message>
        <source>%1 more waiting</source>
        <translation>nog %1 wachten</translation>
    </message>
</context>
<context>
    <name>Privacy</name>
    <message>
        <source>1 urgent message from %1</source>
        <translation>1 dringend bericht van %1</translation>
    </message>
    <message>
        <source>1 message from %1</source>
        <translation>1 bericht van %1</translation>
    </message>
    <message>
        <source>1 urgent notification from %1</source>
        <translation>1 dringende melding van %1</translation>
    </message>
    <message>
        <source>1 notification from %1</source>
        <translation>1 melding van %1</translation>
    </message>
    <message>
        <source>an app</source>
        <translation>een app</translation>
    </message>
</context>
<context>
    <name>Proposals</name>
    <message>
        <source>What you react to, as learned, agrees: %1</source>
        <translation>Wat is geleerd van hoe je reageert, is het ermee eens: %1</translation>
    </message>
    <message>
        <source> or </source>
        <translation> of </translation>
    </message>
    <message>
        <source>%1: you opened %2 of their %3 messages within 2 minutes, and said %4 held ones should have come through (%5)</source>
        <translation>%1: je opende %2 van hun %3 berichten binnen 2 minuten, en zei van %4 vastgehouden berichten dat ze hadden moeten doorkomen (%5)</translation>
    </message>
    <message>
        <source>%1: you opened %2 of its %3 notifications and dismissed or let expire %4; %5 of them could have waited, you said</source>
        <translation>%1: je opende %2 van de %3 meldingen en deed er %4 weg of liet ze verlopen; van %5 zei je dat ze hadden kunnen wachten</translation>
    </message>
    <message>
        <source>%1 (%2) popped up %3 times; %4 of those came within %5 minutes of the one before, and you left %6 of them unread</source>
        <translation>%1 (%2) verscheen %3 keer; %4 keer binnen %5 minuten na de vorige, en daarvan liet je er %6 ongelezen</translation>
    </message>
    <message>
        <source>pop-ups %1 → %2 (%3 → %4 in focus); people&apos;s messages within max wait %5/%6 → %7/%6</source>
        <translation>pop-ups %1 → %2 (%3 → %4 in focus); berichten van mensen binnen de maximale wachttijd %5/%6 → %7/%6</translation>
    </message>
    <message>
        <source>shown at once %1 → %2 of %3</source>
        <translation>meteen getoond %1 → %2 van %3</translation>
    </message>
    <message>
        <source>muted %1 → %2</source>
        <translation>gedempt %1 → %2</translation>
    </message>
    <message>
        <source>waiting for a check-in %1 → %2</source>
        <translation>wacht op het inchecken %1 → %2</translation>
    </message>
    <message>
        <source>interruptions in focus %1 → %2</source>
        <translation>onderbrekingen in focus %1 → %2</translation>
    </message>
    <message>
        <source>median wait %1 → %2</source>
        <translation>mediane wachttijd %1 → %2</translation>
    </message>
    <message>
        <source>shown at other moments</source>
        <translation>op andere momenten getoond</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nooit</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>Add this rule</source>
        <translation>Deze regel toevoegen</translation>
    </message>
    <message>
        <source>Hide what would change</source>
        <translation>Verberg wat er zou veranderen</translation>
    </message>
    <message>
        <source>Last week under it</source>
        <translation>Vorige week ermee</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Niet nu</translation>
    </message>
    <message>
        <source>Proposed rule</source>
        <translation>Voorgestelde regel</translation>
    </message>
    <message>
        <source>Show what would change</source>
        <translation>Toon wat er zou veranderen</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Zoeken in:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Bestanden van &amp;type:</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>the rules do not load (see `notifyzen rules check`); focus figures left out</source>
        <translation>de regels laden niet (zie `notifyzen rules check`); focuscijfers weggelaten</translation>
    </message>
    <message>
        <source>--out %1: the file name must end in .png, .pdf or .html</source>
        <translation>--out %1: de bestandsnaam moet eindigen op .png, .pdf of .html</translation>
    </message>
    <message>
        <source>no display to open the report window on; use --out FILE.pdf (or .png, .html)</source>
        <translation>geen scherm om het rapportvenster op te openen; gebruik --out BESTAND.pdf (of .png, .html)</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>kan %1 niet schrijven: %2</translation>
    </message>
    <message>
        <source>cannot export to %1: the name must end in .png, .pdf or .html</source>
        <translation>kan niet exporteren naar %1: de naam moet eindigen op .png, .pdf of .html</translation>
    </message>
    <message>
        <source>could not write %1</source>
        <translation>kon %1 niet schrijven</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Geopend</translation>
    </message>
    <message>
        <source>Broke through</source>
        <translation>Toch doorgekomen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Verstuurd</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>Computer</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Dag</translation>
    </message>
    <message>
        <source>Delivered now</source>
        <translation>Meteen getoond</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Vastgehouden</translation>
    </message>
    <message>
        <source>Muted</source>
        <translation>Gedempt</translation>
    </message>
    <message>
        <source>Avoided in focus</source>
        <translation>Tegengehouden in focus</translation>
    </message>
    <message>
        <source>Longest focus</source>
        <translation>Langste focus</translation>
    </message>
    <message>
        <source>Check-ins kept</source>
        <translation>Check-ins gehouden</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>Per dag</translation>
    </message>
    <message>
        <source>Nothing to suggest.</source>
        <translation>Niets voor te stellen.</translation>
    </message>
    <message>
        <source>Made by notifyzen on this computer.</source>
        <translation>Gemaakt door notifyzen op deze computer.</translation>
    </message>
    <message>
        <source>Includes notification texts.</source>
        <translation>Bevat meldingsteksten.</translation>
    </message>
    <message>
        <source>No notification texts are included.</source>
        <translation>Er staan geen meldingsteksten in.</translation>
    </message>
    <message>
        <source>Nothing to suggest: no app went unread, nobody kept breaking through.</source>
        <translation>Niets voor te stellen: geen app bleef ongelezen, niemand kwam steeds door.</translation>
    </message>
    <message>
        <source>notifyzen — weekly focus report</source>
        <translation>notifyzen — wekelijks focusrapport</translation>
    </message>
    <message>
        <source>◀ Previous week</source>
        <translation>◀ Vorige week</translation>
    </message>
    <message>
        <source>Next week ▶</source>
        <translation>Volgende week ▶</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Deze week</translation>
    </message>
    <message>
        <source>Show notification texts</source>
        <translation>Meldingsteksten tonen</translation>
    </message>
    <message>
        <source>Off: the report shows apps, people and counts, never what they wrote</source>
        <translation>Uit: het rapport toont apps, mensen en aantallen, nooit wat ze schreven</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporteren…</translation>
    </message>
    <message>
        <source>Export the weekly report</source>
        <translation>Het weekrapport exporteren</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Exporteren mislukt</translation>
    </message>
    <message>
        <source>Week %1, %2</source>
        <translation>Week %1, %2</translation>
    </message>
    <message>
        <source>notifyzen weekly report %1</source>
        <translation>notifyzen-weekrapport %1</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 u %2 min</translation>
    </message>
    <message>
        <source>same as %1</source>
        <translation>gelijk aan %1</translation>
    </message>
    <message>
        <source>none in %1</source>
        <translation>geen in %1</translation>
    </message>
    <message>
        <source>new since %1</source>
        <translation>nieuw sinds %1</translation>
    </message>
    <message>
        <source>%1% vs %2</source>
        <translation>%1% t.o.v. %2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 van %2</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Meldingen</translation>
    </message>
    <message>
        <source>Interruptions avoided</source>
        <translation>Onderbrekingen voorkomen</translation>
    </message>
    <message>
        <source>held or muted in focus windows; %1 broke through</source>
        <translation>vastgehouden of gedempt in focusblokken; %1 toch doorgekomen</translation>
    </message>
    <message>
        <source>Longest focus stretch</source>
        <translation>Langste focusperiode</translation>
    </message>
    <message>
        <source>on %1; %2 in focus windows, %3 of it sleep</source>
        <translation>op %1; %2 in focusblokken, waarvan %3 slaap</translation>
    </message>
    <message>
        <source>on %1; %2 in focus windows</source>
        <translation>op %1; %2 in focusblokken</translation>
    </message>
    <message>
        <source>%1 in focus windows, all of it sleep</source>
        <translation>%1 in focusblokken, allemaal slaap</translation>
    </message>
    <message>
        <source>no focus windows this week</source>
        <translation>geen focusblokken deze week</translation>
    </message>
    <message>
        <source>nothing recorded, so no focus measured</source>
        <translation>niets vastgelegd, dus geen focus gemeten</translation>
    </message>
    <message>
        <source>%1 more when you asked or took a break</source>
        <translation>%1 extra toen je erom vroeg of pauze nam</translation>
    </message>
    <message>
        <source>Promises kept</source>
        <translation>Beloftes nagekomen</translation>
    </message>
    <message>
        <source>%1 status replies sent; %2 of them seen by the time promised</source>
        <translation>%1 keer een statusantwoord gestuurd; %2 daarvan op tijd gezien</translation>
    </message>
    <message>
        <source>no status replies sent</source>
        <translation>geen statusantwoorden gestuurd</translation>
    </message>
    <message>
        <source>People waited (median)</source>
        <translation>Wachttijd van mensen (mediaan)</translation>
    </message>
    <message>
        <source>95th percentile %1; max wait %2</source>
        <translation>95e percentiel %1; maximale wachttijd %2</translation>
    </message>
    <message>
        <source>nobody waited</source>
        <translation>niemand hoefde te wachten</translation>
    </message>
    <message>
        <source>Nothing was recorded in this week.</source>
        <translation>Deze week is er niets vastgelegd.</translation>
    </message>
    <message>
        <source>notifyzen was not running: %1; nothing was recorded then</source>
        <translation>notifyzen draaide niet: %1; in die tijd is er niets vastgelegd</translation>
    </message>
    <message>
        <source>notifyzen was not running %1 times (%2 in all), longest %3; nothing was recorded then</source>
        <translation>notifyzen draaide %1 keer niet (%2 in totaal), het langst %3; in die tijd is er niets vastgelegd</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Suggesties</translation>
    </message>
    <message>
        <source>%1: %2 not from people, %3 opened — mute those? (%4 from people are left alone)</source>
        <translation>%1: %2 niet van personen, %3 geopend — die dempen? (%4 van personen blijven ongemoeid)</translation>
    </message>
    <message>
        <source>%1: %2 sent, %3 opened — mute?</source>
        <translation>%1: %2 verstuurd, %3 geopend — dempen?</translation>
    </message>
    <message>
        <source>%1 broke through %2 times during focus — hold for check-ins?</source>
        <translation>%1 kwam %2 keer door tijdens focus — vasthouden tot een check-in?</translation>
    </message>
    <message>
        <source>%1 broke through %2 times during focus (rule &quot;%3&quot;) — hold for check-ins?</source>
        <translation>%1 kwam %2 keer door tijdens focus (regel &quot;%3&quot;) — vasthouden tot een check-in?</translation>
    </message>
    <message>
        <source>Mute it</source>
        <translation>Dempen</translation>
    </message>
    <message>
        <source>Hold for check-ins</source>
        <translation>Vasthouden tot check-in</translation>
    </message>
    <message>
        <source>Writes the rule “%1” to your rules</source>
        <translation>Schrijft de regel “%1” in je regels</translation>
    </message>
    <message>
        <source>would have held 1 notification that week, %2 of them from people</source>
        <translation>had die week 1 melding vastgehouden, %2 daarvan van mensen</translation>
    </message>
    <message>
        <source>would have held %1 notifications that week, %2 of them from people</source>
        <translation>had die week %1 meldingen vastgehouden, %2 daarvan van mensen</translation>
    </message>
    <message>
        <source>would have muted 1 notification that week, %2 of them from people</source>
        <translation>had die week 1 melding gedempt, %2 daarvan van mensen</translation>
    </message>
    <message>
        <source>would have muted %1 notifications that week, %2 of them from people</source>
        <translation>had die week %1 meldingen gedempt, %2 daarvan van mensen</translation>
    </message>
    <message>
        <source>would have shown at once 1 notification that week, %2 of them from people</source>
        <translation>had die week 1 melding meteen getoond, %2 daarvan van mensen</translation>
    </message>
    <message>
        <source>would have shown at once %1 notifications that week, %2 of them from people</source>
        <translation>had die week %1 meldingen meteen getoond, %2 daarvan van mensen</translation>
    </message>
    <message>
        <source>would have changed nothing that week</source>
        <translation>had die week niets veranderd</translation>
    </message>
    <message>
        <source>%1 of it in meetings</source>
        <translation>waarvan %1 in vergaderingen</translation>
    </message>
</context>
<context>
    <name>ReportCharts</name>
    <message>
        <source>Notifications per day</source>
        <translation>Meldingen per dag</translation>
    </message>
    <message>
        <source>Delivered now</source>
        <translation>Meteen getoond</translation>
    </message>
    <message>
        <source>Held for a check-in</source>
        <translation>Vastgehouden tot check-in</translation>
    </message>
    <message>
        <source>Muted</source>
        <translation>Gedempt</translation>
    </message>
    <message>
        <source>notifications</source>
        <translation>meldingen</translation>
    </message>
    <message>
        <source>Focus windows: interruptions and longest quiet stretch</source>
        <translation>Focusblokken: onderbrekingen en langste rustige periode</translation>
    </message>
    <message>
        <source>Avoided (held or muted)</source>
        <translation>Tegengehouden</translation>
    </message>
    <message>
        <source>Broke through</source>
        <translation>Toch doorgekomen</translation>
    </message>
    <message>
        <source>notifications in focus</source>
        <translation>meldingen in focus</translation>
    </message>
    <message>
        <source>Longest uninterrupted stretch (h)</source>
        <translation>Langste rustige periode (u)</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>uren</translation>
    </message>
    <message>
        <source>When notifications arrive (local time)</source>
        <translation>Wanneer meldingen binnenkomen (lokale tijd)</translation>
    </message>
    <message>
        <source>hour of day</source>
        <translation>uur van de dag</translation>
    </message>
    <message>
        <source>%1 per hour</source>
        <translation>%1 per uur</translation>
    </message>
    <message>
        <source>Top apps</source>
        <translation>Top-apps</translation>
    </message>
    <message>
        <source>Top people</source>
        <translation>Top-personen</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>Computer</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <source>Check-ins: planned and kept</source>
        <translation>Check-ins: gepland en gehouden</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Gepland</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Gehouden</translation>
    </message>
    <message>
        <source>Extra (a break, or asked)</source>
        <translation>Extra (pauze, of gevraagd)</translation>
    </message>
    <message>
        <source>check-ins</source>
        <translation>check-ins</translation>
    </message>
    <message>
        <source>How long people waited to be seen</source>
        <translation>Hoe lang mensen wachtten tot je keek</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>Mediaan</translation>
    </message>
    <message>
        <source>95th percentile</source>
        <translation>95e percentiel</translation>
    </message>
    <message>
        <source>Max wait (rule)</source>
        <translation>Max. wachttijd (regel)</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>minuten</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Meldingen</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Vastgehouden</translation>
    </message>
    <message>
        <source>Avoided in focus</source>
        <translation>Tegengehouden in focus</translation>
    </message>
    <message>
        <source>Against the week before</source>
        <translation>Vergeleken met de week ervoor</translation>
    </message>
    <message>
        <source>Meetings (h)</source>
        <translation>Vergaderingen (u)</translation>
    </message>
</context>
<context>
    <name>ReportText</name>
    <message>
        <source>no history yet (%1 does not exist)</source>
        <translation>nog geen geschiedenis (%1 bestaat niet)</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>Per dag</translation>
    </message>
    <message>
        <source>Top apps</source>
        <translation>Top-apps</translation>
    </message>
    <message>
        <source>Top people</source>
        <translation>Top-personen</translation>
    </message>
    <message>
        <source>notifyzen was not running (nothing could be recorded then):</source>
        <translation>notifyzen draaide niet (in die tijd kon er niets worden vastgelegd):</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>nog niet</translation>
    </message>
    <message>
        <source>nothing recorded</source>
        <translation>niets vastgelegd</translation>
    </message>
    <message>
        <source>1 notification: %2 shown at once, %3 held, %4 muted</source>
        <translation>1 melding: %2 meteen getoond, %3 vastgehouden, %4 gedempt</translation>
    </message>
    <message>
        <source>%1 notifications: %2 shown at once, %3 held, %4 muted</source>
        <translation>%1 meldingen: %2 meteen getoond, %3 vastgehouden, %4 gedempt</translation>
    </message>
    <message>
        <source>no notifications</source>
        <translation>geen meldingen</translation>
    </message>
    <message>
        <source>focus %1 (%3 of it sleep), longest stretch %2</source>
        <translation>focus %1 (waarvan %3 slaap), langste periode %2</translation>
    </message>
    <message>
        <source>focus %1, longest stretch %2</source>
        <translation>focus %1, langste periode %2</translation>
    </message>
    <message>
        <source>check-ins kept %1</source>
        <translation>check-ins gehouden %1</translation>
    </message>
    <message>
        <source>1 extra check-in</source>
        <translation>1 extra check-in</translation>
    </message>
    <message>
        <source>%1 extra check-ins</source>
        <translation>%1 extra check-ins</translation>
    </message>
    <message>
        <source>%1 sent, %2 opened</source>
        <translation>%1 verstuurd, %2 geopend</translation>
    </message>
    <message>
        <source>%1 from the phone</source>
        <translation>%1 via de telefoon</translation>
    </message>
    <message>
        <source>%1 muted</source>
        <translation>%1 gedempt</translation>
    </message>
    <message>
        <source>%1 broke through focus</source>
        <translation>%1 toch doorgekomen tijdens focus</translation>
    </message>
    <message>
        <source>meetings %1</source>
        <translation>vergaderingen %1</translation>
    </message>
</context>
<context>
    <name>RuleFiles</name>
    <message>
        <source>Rules made with &quot;Always allow&quot; / &quot;Always mute&quot; in notifyzen&apos;s digest.</source>
        <translation>Regels gemaakt met &quot;Altijd doorlaten&quot; / &quot;Altijd dempen&quot; in het overzicht van notifyzen.</translation>
    </message>
    <message>
        <source>Edit or delete them as you like; notifyzen reloads this file when it is saved.</source>
        <translation>Wijzig of verwijder ze zoals je wilt; notifyzen leest dit bestand opnieuw in zodra je het opslaat.</translation>
    </message>
    <message>
        <source>Rules made from the digest.</source>
        <translation>Regels gemaakt vanuit het overzicht.</translation>
    </message>
    <message>
        <source>Your own rules come before the preset %1. Below is that preset, commented out:</source>
        <translation>Je eigen regels gaan voor de preset %1. Hieronder staat die preset, als commentaar:</translation>
    </message>
    <message>
        <source>uncomment what you want to change. notifyzen reloads this file when it is saved.</source>
        <translation>haal het commentaarteken weg bij wat je wilt wijzigen. notifyzen leest dit bestand opnieuw in zodra je het opslaat.</translation>
    </message>
    <message>
        <source>My rules.</source>
        <translation>Mijn regels.</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Quit notifyzen</source>
        <translation>notifyzen afsluiten</translation>
    </message>
    <message>
        <source>Mode: server (notifyzen shows notifications)</source>
        <translation>Modus: server (notifyzen toont de meldingen)</translation>
    </message>
    <message>
        <source>Mode: observe (the desktop shows notifications)</source>
        <translation>Modus: meekijken (het bureaublad toont de meldingen)</translation>
    </message>
    <message>
        <source>Mode: starting…</source>
        <translation>Modus: bezig met starten…</translation>
    </message>
    <message>
        <source>Taken in today: %n</source>
        <translation>Vandaag binnengekomen: %n</translation>
    </message>
    <message>
        <source>tomorrow %1</source>
        <translation>morgen %1</translation>
    </message>
    <message>
        <source>Focus until you end it</source>
        <translation>Focus tot je het beëindigt</translation>
    </message>
    <message>
        <source>Focus until %1</source>
        <translation>Focus tot %1</translation>
    </message>
    <message>
        <source>In a meeting until %1 (Calendar: %2)</source>
        <translation>In een vergadering tot %1 (agenda: %2)</translation>
    </message>
    <message>
        <source>Paused: everything comes through</source>
        <translation>Gepauzeerd: alles komt door</translation>
    </message>
    <message>
        <source>Focus: %1</source>
        <translation>Focus: %1</translation>
    </message>
    <message>
        <source>Free: notifications come through</source>
        <translation>Vrij: meldingen komen door</translation>
    </message>
    <message>
        <source>%n held until the next check-in</source>
        <translation>%n vastgehouden tot de volgende check-in</translation>
    </message>
    <message>
        <source>%n held · next check-in %1</source>
        <translation>%n vastgehouden · volgende check-in %1</translation>
    </message>
    <message>
        <source>Do not disturb (yours): only critical ones pop up</source>
        <translation>Niet storen (van jou): alleen dringende meldingen verschijnen</translation>
    </message>
    <message>
        <source>Do not disturb: on while you focus</source>
        <translation>Niet storen: aan zolang je focust</translation>
    </message>
    <message>
        <source>%n held · no check-in planned (Check in now shows them)</source>
        <translation>%n vastgehouden · geen check-in gepland (Nu inchecken toont ze)</translation>
    </message>
    <message>
        <source>Rules: no preset and no rules of your own, nothing is held</source>
        <translation>Regels: geen preset en geen eigen regels, er wordt niets vastgehouden</translation>
    </message>
    <message>
        <source>Rules: a rule in %1 never decides</source>
        <translation>Regels: een regel in %1 beslist nooit</translation>
    </message>
    <message>
        <source>Rules: error in %1 (the last good rules apply)</source>
        <translation>Regels: fout in %1 (de laatste goede regels gelden)</translation>
    </message>
    <message>
        <source>History: the disk is full, new notifications are refused until there is room</source>
        <translation>Geschiedenis: de schijf is vol, nieuwe meldingen worden geweigerd tot er ruimte is</translation>
    </message>
    <message>
        <source>History cannot be written: new notifications are refused</source>
        <translation>Geschiedenis kan niet worden geschreven: nieuwe meldingen worden geweigerd</translation>
    </message>
    <message>
        <source>History was damaged: %n notifications saved, the damaged file kept beside it</source>
        <translation>Geschiedenis was beschadigd: %n meldingen gered, het beschadigde bestand staat ernaast</translation>
    </message>
    <message>
        <source>History was found empty: a new one was started</source>
        <translation>Geschiedenis was leeg: er is een nieuwe begonnen</translation>
    </message>
    <message>
        <source>Check in now</source>
        <translation>Nu inchecken</translation>
    </message>
    <message>
        <source>Open digest</source>
        <translation>Overzicht openen</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>Geschiedenis…</translation>
    </message>
    <message>
        <source>Focus for 25 min</source>
        <translation>25 min focus</translation>
    </message>
    <message>
        <source>Focus for 1 hour</source>
        <translation>1 uur focus</translation>
    </message>
    <message>
        <source>Focus until tomorrow</source>
        <translation>Focus tot morgen</translation>
    </message>
    <message>
        <source>End focus</source>
        <translation>Focus beëindigen</translation>
    </message>
    <message>
        <source>Pause notifyzen (let everything through)</source>
        <translation>notifyzen pauzeren (alles doorlaten)</translation>
    </message>
    <message>
        <source>Edit rules…</source>
        <translation>Regels bewerken…</translation>
    </message>
    <message>
        <source>Weekly report…</source>
        <translation>Weekrapport…</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Starten bij inloggen</translation>
    </message>
    <message>
        <source>Undo rule: %1</source>
        <translation>Regel ongedaan maken: %1</translation>
    </message>
    <message>
        <source>Resume notifyzen (hold again)</source>
        <translation>notifyzen hervatten (weer vasthouden)</translation>
    </message>
    <message>
        <source>Edit rules</source>
        <translation>Regels bewerken</translation>
    </message>
    <message>
        <source>No program to open it with was found (xdg-open). Your rules file is:</source>
        <translation>Er is geen programma gevonden om het mee te openen (xdg-open). Je regelbestand staat hier:</translation>
    </message>
    <message>
        <source>notifyzen runs without a tray icon</source>
        <translation>notifyzen draait zonder pictogram in het systeemvak</translation>
    </message>
    <message>
        <source>No bar here shows tray icons. From a terminal or a key binding: notifyzen %1</source>
        <translation>Geen balk toont hier systeemvakpictogrammen. Vanuit een terminal of sneltoets: notifyzen %1</translation>
    </message>
    <message>
        <source>%3 until %1 (Calendar: %2)</source>
        <translation>%3 tot %1 (agenda: %2)</translation>
    </message>
    <message>
        <source>Sharing your screen (%1)</source>
        <translation>Je deelt je scherm (%1)</translation>
    </message>
    <message>
        <source>Sharing your screen</source>
        <translation>Je deelt je scherm</translation>
    </message>
    <message>
        <source>Presenting on mirrored displays</source>
        <translation>Je presenteert op gespiegelde schermen</translation>
    </message>
    <message>
        <source>Full screen: %1</source>
        <translation>Schermvullend: %1</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Schermvullend</translation>
    </message>
    <message>
        <source>In a call (%1)</source>
        <translation>In een gesprek (%1)</translation>
    </message>
    <message>
        <source>In a call</source>
        <translation>In een gesprek</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>Autostart</name>
    <message>
        <source>Start notifyzen at login</source>
        <translation>notifyzen starten bij inloggen</translation>
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
        <source>↑↓ move · Enter open · Del dismiss · S snooze · R reply · A allow · M mute · Esc close</source>
        <translation>↑↓ verplaatsen · Enter openen · Del wegdoen · S uitstellen · R antwoorden · A doorlaten · M dempen · Esc sluiten</translation>
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
        <source>Check-in · %1</source>
        <translation>Check-in · %1</translation>
    </message>
    <message>
        <source>Dismiss %1</source>
        <translation>%1 wegdoen</translation>
    </message>
    <message>
        <source>Snooze %1</source>
        <translation>%1 uitstellen</translation>
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
        <source>on %1; %2 in focus windows</source>
        <translation>op %1; %2 in focusblokken</translation>
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
</context>
</TS>

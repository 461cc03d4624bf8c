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
        <source>Rules: error in %1 (the last good rules apply)</source>
        <translation>Regels: fout in %1 (de laatste goede regels gelden)</translation>
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
</context>
</TS>

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
        <translation type="vanished">notifyzen afsluiten</translation>
    </message>
    <message>
        <source>Mode: server (notifyzen shows notifications)</source>
        <translation type="vanished">Modus: server (notifyzen toont de meldingen)</translation>
    </message>
    <message>
        <source>Mode: observe (the desktop shows notifications)</source>
        <translation type="vanished">Modus: meekijken (het bureaublad toont de meldingen)</translation>
    </message>
    <message>
        <source>Mode: starting…</source>
        <translation type="vanished">Modus: bezig met starten…</translation>
    </message>
    <message numerus="yes">
        <source>Taken in today: %n</source>
        <translation type="vanished">
            <numerusform>Vandaag binnengekomen: %n</numerusform>
            <numerusform>Vandaag binnengekomen: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n held until the next check-in</source>
        <translation type="vanished">
            <numerusform>%n vastgehouden tot de volgende check-in</numerusform>
            <numerusform>%n vastgehouden tot de volgende check-in</numerusform>
        </translation>
    </message>
</context>
</TS>

"""The words a call is announced with, in the languages phones and chat apps most often speak.

One vocabulary for two readers: kairos (any notification: "Missed voice call", "Gemiste oproep van
Mama") and phone_match (a phone's title that is only the phrase, the caller being the other line).
Kept apart from both because phone_match is below kairos (kairos imports it): two lists drifted
(a Swedish "Missat samtal" or a Danish "Ubesvaret opkald" was a call to one and not the other).

Sources of the words beyond en/nl/de/fr/es/it/pt/pl/Nordic: AOSP Dialer's notification titles
(GrapheneOS/platform_packages_apps_Dialer values-cs, -hu, -fi, -tr, -ro, -ca, -el, -ru, -uk, -ja,
-zh-rCN, -zh-rTW, -ar, -iw strings.xml: notification_missedCallTitle, notification_incoming_call...).

Patterns are RE2 syntax (\\pL: any letter), matched case-insensitively.
"""

from __future__ import annotations

# A call is a noun, also inside a compound ("videollamada", "jobbsamtal", "arbejdsopkald").
CALL_WORD = (
    r"[\pL-]{0,12}(?:call|oproep|gesprek|anruf|appel|llamada|chiamat|chamada|połączeni|rozmow|samtal"
    r"|opkald|anrop|puhelu|вызов|звон|arama|hovor|hívás|çağrı|görüşme|apel|trucad|κλήσ|κλησ|виклик"
    r"|дзвін|مكالم|שיח)\pL{0,4}"
)
# Up to two words between the noun and its adjective ("Chamada de trabalho perdida").
GAP = r"(?:\s+[\pL-]{1,20}){0,2}?"
MISSED_WORD = (
    r"(?:missed|gemist\pL*|verpasst\pL*|entgangen\pL*|manqu\pL*|perdid\pL*|pers[ae]|n[ãa]o\s+atendid\pL*"
    r"|missa[dt]\pL*|ubesvare\pL*|tapt\pL*|nieodebran\pL*|vastaamat\pL*|cevaps[ıi]z|пропущен\pL*"
    r"|zmeškan\pL*|nem\s+fogadott|elmulasztott|nepreluat\pL*|perdud\pL*|αναπάντητ\pL*"
    r"|(?:ال)?فائت\pL*|שלא\s+נענ\pL*)"
)
INCOMING_WORD = (
    r"(?:incoming|inkomend\pL*|binnenkomend\pL*|eingehend\pL*|entrant\pL*|in\s+arrivo|recebid\pL*"
    r"|recebendo|a\s+receber|przychodząc\pL*|inkommande|indgående|innkommende|saapuva|входящ\pL*|gelen"
    r"|příchozí|bejövő|de\s+intrare|primit|εισερχόμεν\pL*|вхідн\pL*|وارد\pL*|נכנס\pL*)"
)
# Chinese and Japanese write the phrase as one run, no spaces: 不在着信 / 未接来电 (missed),
# 通話着信 / 有视频通话来电 (incoming); the AOSP Dialer's values-ja, -zh-rCN, -zh-rTW titles.
CJK_MISSED = r"\S{0,10}?(?:不在着信|未接\S{0,4}?(?:电话|電話|来电|來電))"
CJK_INCOMING = r"\S{0,12}?(?:着信|来电|來電)\S{0,2}"


def call_phrase(adjective: str) -> str:
    """A count, then the adjective and the noun in either order: "3 missed calls", "Appel manqué";
    up to two words may lead ("İşle ilgili cevapsız çağrı")."""
    return (
        rf"(?:[0-9]+\s+)?(?:\pL+\s+){{0,2}}?"
        rf"(?:{adjective}{GAP}\s+{CALL_WORD}|{CALL_WORD}{GAP}\s+{adjective})"
    )

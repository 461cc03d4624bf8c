"""The words a call is announced with, in the languages phones and chat apps most often speak.

One vocabulary for two readers: kairos (any notification: "Missed voice call", "Gemiste oproep van
Mama") and phone_match (a phone's title that is only the phrase, the caller being the other line).
Kept apart from both because phone_match is below kairos (kairos imports it): two lists drifted
(a Swedish "Missat samtal" or a Danish "Ubesvaret opkald" was a call to one and not the other).

Patterns are RE2 syntax (\\pL: any letter), matched case-insensitively.
"""

from __future__ import annotations

# A call is a noun, also inside a compound ("videollamada", "jobbsamtal", "arbejdsopkald").
CALL_WORD = (
    r"[\pL-]{0,12}(?:call|oproep|gesprek|anruf|appel|llamada|chiamat|chamada|połączeni|rozmow|samtal"
    r"|opkald|anrop|puhelu|вызов|звон|arama)\pL{0,4}"
)
# Up to two words between the noun and its adjective ("Chamada de trabalho perdida").
GAP = r"(?:\s+[\pL-]{1,20}){0,2}?"
MISSED_WORD = (
    r"(?:missed|gemist\pL*|verpasst\pL*|entgangen\pL*|manqu\pL*|perdid\pL*|pers[ae]|n[ãa]o\s+atendid\pL*"
    r"|missa[dt]\pL*|ubesvare\pL*|tapt\pL*|nieodebran\pL*|vastaamat\pL*|cevaps[ıi]z|пропущенн\pL*)"
)
INCOMING_WORD = (
    r"(?:incoming|inkomend\pL*|binnenkomend\pL*|eingehend\pL*|entrant\pL*|in\s+arrivo|recebid\pL*"
    r"|recebendo|a\s+receber|przychodząc\pL*|inkommande|indgående|innkommende|saapuva|входящ\pL*|gelen)"
)


def call_phrase(adjective: str) -> str:
    """A count, then the adjective and the noun in either order: "3 missed calls", "Appel manqué"."""
    return rf"(?:[0-9]+\s+)?(?:{adjective}{GAP}\s+{CALL_WORD}|{CALL_WORD}{GAP}\s+{adjective})"

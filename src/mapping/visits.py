"""Leader visits: who travelled from where to where, and when, as the article reports it.

:func:`extract_visits` reads an article (Bokmål, Nynorsk or English) and returns one
:class:`Visit` per leader and destination. Leaders are heads of state and government,
monarchs and cabinet ministers, recognised from the text itself ("Russlands president
Vladimir Putin", "French President Emmanuel Macron", "presidentene i Tyrkia og Iran"), from
in-article coreference ("Putin", "presidenten", "han") and from the curated table
``geodata/leaders.csv`` (:func:`load_leaders`). A visit is a leader physically at a place
outside their own country; hosts, places a leader only talks about and travel inside the
leader's own country are not visits.

:func:`visits_frame` turns the visits into an editable :class:`pandas.DataFrame` and
:func:`visits_from_frame` reads such a frame (possibly corrected by a teacher, or read back
from CSV) into visits again.

The rules are general (cue words, apposition patterns, attachment of the place to a travel
word); they are measured on the annotated articles in ``tests/data/visits`` by
``benchmarks/visits.py``.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapping.errors import ArticleError, GeodataError
from mapping.model import Place
from mapping.text import Token, tokenize

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "Visit",
    "Leader",
    "STATUSES",
    "extract_visits",
    "visits_frame",
    "visits_from_frame",
    "load_leaders",
    "resolve_time",
]

#: The statuses a :class:`Visit` can have.
STATUSES = ("current", "completed", "planned", "historical")

_LEADERS_FILE = "leaders.csv"


# --------------------------------------------------------------------------------------------
# Data types
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Visit:
    """One leader's visit to one place, as an article reports it.

    Attributes
    ----------
    leader : str
        The leader's name as the article writes it ("Vladimir Putin"), or the table's name,
        or a description ("Kinas president") when the article gives no name.
    role : str
        Canonical English role: "president", "prime minister", "foreign minister", ...
    leader_country : str
        ISO 3166-1 alpha-2 code of the leader's country ("RU").
    status : str
        One of :data:`STATUSES`: "current", "completed", "planned" or "historical".
    origin : Place
        Where the journey starts: the capital of the leader's country unless the text says
        otherwise ("fra Moskva", "from Paris").
    destination : Place
        The most specific place the text gives: a city, else the country (its capital as the
        point), else a region.
    when_text : str or None
        The time expression as written ("torsdag", "denne uken", "last week").
    date : datetime.date or None
        ``when_text`` resolved against the article's publication date: the first day of the
        period it names. None when unknowable.
    evidence : tuple of (int, int)
        Offsets of the sentences the visit was read from.
    confidence : float
        In [0, 1].
    quotes : tuple of str
        The evidence sentences' text (for popups and tables; not compared).

    Examples
    --------
    >>> kz = Place("country:KZ", "Kazakhstan", 51.17, 71.45, "country", "KZ")
    >>> ru = Place("geonames:524901", "Moscow", 55.75, 37.62, "city", "RU")
    >>> v = Visit("Vladimir Putin", "president", "RU", "current", ru, kz, "torsdag", None,
    ...           ((0, 46),), 0.9)
    >>> v.destination.country_code
    'KZ'
    """

    leader: str
    role: str
    leader_country: str
    status: str
    origin: Place
    destination: Place
    when_text: str | None
    date: dt.date | None
    evidence: tuple[tuple[int, int], ...]
    confidence: float
    quotes: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class Leader:
    """One row of ``geodata/leaders.csv``: a person in an office for a term.

    Attributes
    ----------
    name : str
        English spelling ("Kassym-Jomart Tokayev").
    name_nb : str
        Norwegian transliteration ("Kassym-Jomart Tokajev").
    country : str
        ISO alpha-2 code.
    role : str
        Canonical English role ("president").
    start, end : datetime.date or None
        Term dates; ``end`` None while in office.
    spellings : tuple of str
        Full-name spellings (name, name_nb and the aliases).
    short : tuple of str
        Forms used alone in running text ("Tokajev", "Tokayev").
    """

    name: str
    name_nb: str
    country: str
    role: str
    start: dt.date | None
    end: dt.date | None
    spellings: tuple[str, ...]
    short: tuple[str, ...]

    def in_office(self, day: dt.date | None) -> bool:
        """True when ``day`` is within the term (always True for ``day=None``)."""
        if day is None:
            return True
        if self.start and day < self.start:
            return False
        return not (self.end and day > self.end)


# --------------------------------------------------------------------------------------------
# The leaders table
# --------------------------------------------------------------------------------------------


def _fold(s: str) -> str:
    """Lookup key: casefold, strip diacritics, unify apostrophes/dashes and spaces."""
    s = unicodedata.normalize("NFKD", s.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("’", "'").replace("‘", "'").replace("–", "-").replace("‐", "-")
    s = s.replace("ø", "o").replace("æ", "ae").replace("ð", "d").replace("þ", "th")
    s = s.replace("ı", "i").replace("ł", "l")
    return " ".join(s.split())


def _parse_date(value: str) -> dt.date | None:
    value = (value or "").strip()
    return dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class _LeaderIndex:
    rows: tuple[Leader, ...]
    full: dict[str, tuple[int, ...]]  # folded full spelling -> row indices
    short: dict[str, tuple[int, ...]]  # folded short form -> row indices
    max_tokens: int


@functools.cache
def _leader_index(path: str | None = None) -> _LeaderIndex:
    rows = load_leaders(path)
    full: dict[str, list[int]] = {}
    short: dict[str, list[int]] = {}
    max_tokens = 1
    for i, row in enumerate(rows):
        for s in row.spellings:
            full.setdefault(_fold(s), []).append(i)
            max_tokens = max(max_tokens, len(tokenize(s)))
        for s in row.short:
            short.setdefault(_fold(s), []).append(i)
            max_tokens = max(max_tokens, len(tokenize(s)))
    return _LeaderIndex(
        rows,
        {k: tuple(v) for k, v in full.items()},
        {k: tuple(v) for k, v in short.items()},
        max_tokens,
    )


@functools.cache
def load_leaders(path: str | None = None) -> tuple[Leader, ...]:
    """Load the curated leaders table (``geodata/leaders.csv``).

    Parameters
    ----------
    path : str, optional
        Another CSV with the same columns (``country, role, name, name_nb, aliases, short,
        start, end, source``); default the shipped table.

    Returns
    -------
    tuple of Leader
        In file order.

    Raises
    ------
    mapping.errors.GeodataError
        When the file is missing or a row is malformed.

    Examples
    --------
    >>> rows = load_leaders()
    >>> [r.name for r in rows if r.country == "KZ" and r.role == "president"][-1]
    'Kassym-Jomart Tokayev'
    """
    if path:
        csv_path = Path(path)
    else:
        from mapping.gazetteer import geodata_dir

        csv_path = geodata_dir() / _LEADERS_FILE
    if not csv_path.is_file():
        raise GeodataError(f"The leaders table {csv_path} is missing (see geodata/README.md).")
    out: list[Leader] = []
    with csv_path.open(encoding="utf-8", newline="") as fh:
        for n, rec in enumerate(csv.DictReader(fh), start=2):
            try:
                names = [rec["name"], rec["name_nb"], *rec["aliases"].split("|")]
                spellings = tuple(dict.fromkeys(s.strip() for s in names if s.strip()))
                short = tuple(
                    dict.fromkeys(s.strip() for s in rec["short"].split("|") if s.strip())
                )
                out.append(
                    Leader(
                        name=rec["name"].strip(),
                        name_nb=rec["name_nb"].strip() or rec["name"].strip(),
                        country=rec["country"].strip().upper(),
                        role=rec["role"].strip().lower(),
                        start=_parse_date(rec["start"]),
                        end=_parse_date(rec["end"]),
                        spellings=spellings,
                        short=short,
                    )
                )
            except (KeyError, ValueError, AttributeError) as exc:
                raise GeodataError(f"{csv_path}, line {n}: malformed row ({exc})") from exc
    return tuple(out)


# --------------------------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------------------------

# Norwegian role nouns: form -> (canonical role, plural)
_NO_ROLES: dict[str, tuple[str, bool]] = {}
for _stem, _role in (
    ("president", "president"),
    ("statsminister", "prime minister"),
    ("premierminister", "prime minister"),
    ("regjeringssjef", "prime minister"),
    ("utenriksminister", "foreign minister"),
    ("utanriksminister", "foreign minister"),
    ("forsvarsminister", "defence minister"),
    ("finansminister", "finance minister"),
    ("handelsminister", "trade minister"),
    ("næringsminister", "trade minister"),
    ("innenriksminister", "interior minister"),
    ("innanriksminister", "interior minister"),
    ("kansler", "chancellor"),
    ("forbundskansler", "chancellor"),
    ("utviklingsminister", "development minister"),
    ("energiminister", "energy minister"),
):
    for _suf, _pl in (("", False), ("en", False), ("s", False), ("ens", False)):
        _NO_ROLES[_stem + _suf] = (_role, _pl)
    if _stem.endswith("minister"):
        for _suf in ("ministre", "ministrene", "ministrar", "ministrane"):
            _NO_ROLES[_stem[: -len("minister")] + _suf] = (_role, True)
    elif _stem.endswith("kansler"):
        _NO_ROLES[_stem + "e"] = (_role, True)
    else:
        for _suf in ("er", "ene", "ar", "ane"):
            _NO_ROLES[_stem + _suf] = (_role, True)
_NO_ROLES.update(
    {
        "kong": ("king", False),
        "konge": ("king", False),
        "kongen": ("king", False),
        "dronning": ("queen", False),
        "dronningen": ("queen", False),
        "dronninga": ("queen", False),
        "keiser": ("emperor", False),
        "keiseren": ("emperor", False),
        "emir": ("emir", False),
        "emiren": ("emir", False),
        "sultan": ("sultan", False),
        "sultanen": ("sultan", False),
        "pave": ("pope", False),
        "paven": ("pope", False),
        "leder": ("leader", False),
        "lederen": ("leader", False),
        "leiar": ("leader", False),
        "leiaren": ("leader", False),
        "ledere": ("leader", True),
        "ledarar": ("leader", True),
        "leiarar": ("leader", True),
        "lederne": ("leader", True),
        "leiarane": ("leader", True),
    }
)

# English role phrases (lowercase token tuples) -> (canonical role, plural)
_EN_ROLES: dict[tuple[str, ...], tuple[str, bool]] = {
    ("president",): ("president", False),
    ("presidents",): ("president", True),
    ("prime", "minister"): ("prime minister", False),
    ("prime", "ministers"): ("prime minister", True),
    ("pm",): ("prime minister", False),
    ("premier",): ("prime minister", False),
    ("taoiseach",): ("prime minister", False),
    ("chancellor",): ("chancellor", False),
    ("foreign", "minister"): ("foreign minister", False),
    ("foreign", "ministers"): ("foreign minister", True),
    ("foreign", "secretary"): ("foreign secretary", False),
    ("secretary", "of", "state"): ("secretary of state", False),
    ("minister", "of", "foreign", "affairs"): ("foreign minister", False),
    ("defence", "minister"): ("defence minister", False),
    ("defense", "minister"): ("defence minister", False),
    ("defense", "secretary"): ("defence minister", False),
    ("defence", "secretary"): ("defence minister", False),
    ("finance", "minister"): ("finance minister", False),
    ("trade", "minister"): ("trade minister", False),
    ("king",): ("king", False),
    ("queen",): ("queen", False),
    ("emperor",): ("emperor", False),
    ("emir",): ("emir", False),
    ("sultan",): ("sultan", False),
    ("pope",): ("pope", False),
    ("supreme", "leader"): ("supreme leader", False),
    ("leader",): ("leader", False),
    ("leaders",): ("leader", True),
}
_EN_ROLE_MAX = max(len(k) for k in _EN_ROLES)
_HEAD_ROLES = frozenset(
    "president|prime minister|chancellor|king|queen|emperor|emir|sultan|supreme leader".split("|")
)

# Modifiers that make a role word not a sitting leader.
_NOT_LEADER_BEFORE = frozenset(
    "tidligere forhenværende forhenverande avdøde avgåtte avgåande eks ex former late "
    "vise vice deputy assisterande assisterende fung fungerende acting opposition "
    "opposisjonsleder would-be".split()
)
# Role words preceded by these mean a party/organisation leader, not a state leader.
_PARTY_WORDS = frozenset(
    "partiets party's partileder partiet party union's organisation's organisasjonens "
    "nato's natos fns un's eus eu's kommisjonens commission's".split()
)
# Countries whose leaders are named family name first ("Wang Yi" is "Wang" later on).
_FAMILY_NAME_FIRST = frozenset("CN TW KP KR SG".split())
_EN_ARTICLES = frozenset("the a an".split())
_NO_ARTICLES = frozenset("den det de dei".split())
_NAME_PARTICLES = frozenset(
    "bin ibn al el de da di dos du van von der den le la del y abu ul bint".split()
)
_NOT_NAME = frozenset(
    "the a an he she it they we i his her their this that these those there here in on at "
    "for from to by with of and but or as when while after before on mr mrs ms dr "
    "han hun ho de dei det den eg jeg vi me du i på til fra frå med og men som når etter "
    "før under om ved hos for av er var har blir vart ble skal vil kan mens "
    "mandag tirsdag onsdag torsdag fredag lørdag søndag måndag tysdag laurdag sundag "
    "monday tuesday wednesday thursday friday saturday sunday "
    "januar februar mars april mai juni juli august september oktober november desember "
    "january february march may june july october december "
    "foto photo video kilde source les ntb ap afp reuters".split()
)
_PRONOUNS = {"nb": {"han", "hun"}, "nn": {"han", "ho"}, "en": {"he", "she"}}

# Locative / directional prepositions that introduce a destination.
_LOC_PREPS = frozenset("i til på in to at into inside for".split())
_FROM_PREPS = frozenset("fra frå from".split())

# Words a destination preposition may attach to (travel verbs and nouns are matched by prefix).
_TRAVEL_PREFIXES_NO = (
    "besøk",
    "besøk",
    "statsbesøk",
    "reis",
    "ankom",
    "ankomm",
    "land",
    "fløy",
    "flyr",
    "flaug",
    "kom",
    "kjem",
    "komm",
    "dro",
    "drar",
    "delta",
    "deltok",
    "deltek",
    "møte",
    "toppmøte",
    "møtet",
    "møtt",
    "toppmøtet",
    "konferanse",
    "konferansen",
    "forum",
    "samling",
    "vitj",
    "plass",
    "tur",
    "turné",
    "rundreise",
    "offisielt",
    "samtal",
    "forhandling",
    "ventet",
    "venta",
    "forventet",
    "forventa",
    "stans",
    "stopp",
    "fortset",
    "mellomlanding",
    "tilbrakte",
    "opphold",
    "visitt",
    "feir",
    "tal",
    "holdt",
    "heldt",
    "sesjon",
    "markering",
    "minnemarkering",
    "seremoni",
    "innsettelse",
    "begravelse",
    "gravferd",
    "kroning",
    "topptreff",
    "g20",
    "g7",
    "nato-toppmøtet",
    "ekstramøte",
    "samle",
    "samla",
    "samlet",
    "holdes",
    "haldast",
    "åpnet",
    "opna",
)
_TRAVEL_PREFIXES_EN = (
    "visit", "arriv", "travel", "trip", "tour", "landed", "landing", "lands", "flew", "fly",
    "flies", "came", "come", "went", "heads", "headed", "heading", "attend", "summit",
    "meeting", "talks", "conference", "forum", "stop", "stay", "journey", "expected", "spoke",
    "speak", "address", "gathering", "ceremony", "funeral", "inauguration", "coronation", "held",
    "hold", "welcom", "received", "remain", "gather", "convene", "opened", "meet", "session",
    "returned", "return", "continue",
)  # fmt: skip
_TRAVEL_EXACT_EN = frozenset("goes going gone met due".split())
# Verbs and nouns that make a sentence about travel (strong cues).
_CUE_RE_NO = re.compile(
    r"^(besøk\w*|statsbesøk\w*|reis\w*|ankom\w*|landet|landa|fløy|flyr|flaug|dro|drar|"
    r"delt(a|ar|ok|ek|eke|ke)|deltek|deltok|toppmøte\w*|møte[tr]?|møtte|møtt|møttes|møtest|konferanse\w*|vitja\w*|"
    r"vitj\w*|plass|turné\w*|rundreise\w*|samtaler|samtalar|forhandlinger|ventet|venta|"
    r"forventet|forventa|kom|kommer|kjem|kome|opphold\w*|stans\w*|offisielt|visitt\w*|"
    r"g20-toppmøtet|nato-toppmøtet|topptreff\w*|innsettelse\w*|begravelse\w*|gravferd\w*|"
    r"tilbrakte|tilbringer|tilbrakt|stopp|mellomlanding\w*)$"
)
_CUE_RE_EN = re.compile(
    r"^(visit\w*|arriv\w*|travel\w*|trip\w*|tour\w*|landed|lands|flew|flies|fly|flying|"
    r"went|heads|headed|heading|attend\w*|summit\w*|meeting|talks|conference|forum|"
    r"stopover|stop|stay\w*|journey\w*|expected|due|met|meets|meeting|welcomed|received|"
    r"hosted|hosts|hosting|inauguration|funeral|coronation|returned|came|comes|spent|spends)$"
)
_COPULAS = frozenset(
    "er var is was are were blir ble vart vore vært been be remains remained".split()
)
_MEETING_WORDS = frozenset(
    "møte møtet toppmøte toppmøtet konferanse konferansen forum forumet summit meeting "
    "conference topptreff topptreffet samling samlinga samlingen talks samtalene "
    "forhandlingene assembly generalforsamling generalforsamlingen gathering session sesjon "
    "sesjonen høynivåuka høynivåuken".split()
)
_MEETING_REF = frozenset(
    "møtet toppmøtet konferansen forumet topptreffet samlinga samlingen summit meeting "
    "conference talks".split()
)
_HOST_BEFORE = frozenset("vert vertskap vertskapet vertinne host".split())
_HOST_WORDS = frozenset(
    "vert vertskap vertskapet host hosted hosts hosting imot welcomed welcomes received "
    "receives velkommen".split()
)
_CANCEL_WORDS = frozenset(
    "avlyst avlyste avlyses avlyse avlyser utsatt utsette cancelled canceled cancel cancels "
    "postponed scrapped called-off shelved".split()
)
_NEGATIONS = frozenset(
    "ikke ikkje not never aldri won't isn't wasn't didn't doesn't cannot can't no "
    "droppet dropped skips skipped unable verken hverken".split()
)
#: Whom a leader speaks to where they are: "told reporters in Kyiv", "sa til NTB i Kyiv".
_AUDIENCE_WORDS = frozenset(
    "reporters journalists press journalister journalistene journalistane pressen ntb media".split()
)
_CLAUSE_BREAKS = frozenset(
    ": ; – — mens medan while whereas but men der where who which som".split()
)
_PARTICLES = frozenset(
    "videre vidare on back tilbake onward onwards straight directly direkte rett hjem home "
    "over ned opp up down nordover sørover austover østover vestover heim fram".split()
)
_ADVERBS = frozenset(
    "nå no now også òg also igjen att again allerede alt already first først fortsatt "
    "framleis still da då then nylig nyleg recently selv sjølv himself herself personally "
    "personlig offisielt officially nettopp just snart soon samtidig meanwhile only kun "
    "bare".split()
)
# after a place name, a word that makes it describe people ("EU leaders", "Gulf officials")
_PEOPLE_NOUNS = frozenset(
    "leaders officials ministers diplomats counterparts partners allies lawmakers negotiators "
    "ledere ledarar lederne leiarane leiarar statsledere ministre ministrane diplomater "
    "kolleger kollegaer kollegane partnere allierte forhandlere".split()
)
_SPEECH_VERBS = frozenset(
    "sa sier seier advarte åtvara uttalte talte skrev said says told warned spoke wrote speaks "
    "snakket snakka snakker "
    "declared announced kunngjorde erklærte".split()
)
_CAPITAL_WORDS = frozenset(
    "hovedstaden hovudstaden capital byen city havnebyen kystbyen resort fyrstedømmet "
    "fyrstedømet".split()
)
_REMOTE_WORDS = frozenset(
    "video videolink video-link videoforbindelse digitalt digital virtually virtual online "
    "remotely videotale helsing hilsen skriftleg skriftlig written".split()
)
_ARRIVALS_BARE = frozenset("arrived landed ankom".split())
_NOT_PAST = frozenset("need needed red bed speed united feed seed indeed hundred".split())
_LIST_END = frozenset(
    ". , ; : – ! ? ) i in on at denne this last forrige førre for during under earlier later "
    "tidligere tidlegare senere seinare next neste before after før etter".split()
)
_ATTENDING = frozenset("attending present deltar deltek deltakende".split())
_ATTENDED = frozenset("attend attended attends delta deltar deltok deltek".split())
_PARTICIPANT_WORDS = frozenset(
    "gjestene gjestane deltakerne deltakarane guests participants attendees delegates".split()
)
_GUEST_MARKERS = frozenset(
    "received receives welcomed welcomes greeted hosted hosts host imot".split()
)
_MEET_VERBS = frozenset("møtte møter møtes møttes met meets".split())
#: Verbs of a meeting that name its place: "lederne møtes i Hiroshima", "gathered in Jeddah".
_GATHER_VERBS = frozenset(
    "møtes møttes samles samlet samla gather gathered gathering convene convened".split()
)
#: Travel verbs before "dit" / "there".
_THERE_VERBS = frozenset(
    "reiser reiste reise drar dro dra fløy flyr kommer kom travel travels travelled traveled "
    "go goes went fly flies flew head heads headed heading".split()
)
#: Visit verbs that may stand without their place, which the sentence before gave.
_BARE_VISIT_VERBS = frozenset("visited arrived landed besøkte vitja ankom landet landa".split())
#: Conditional clauses: a trip told only through a weak cue is no trip there.
_CONDITIONALS = frozenset("if unless hvis dersom viss".split())
_WEAK_VIAS = frozenset("meeting-ref company bare met".split())
#: Nouns in "the resort of Sochi", "the port city of Odesa".
_PLACE_NOUNS = frozenset(
    "resort city town port village capital region province island enclave".split()
)
#: "North Korean", "South Sudanese": the compass word changes the country.
_NORTH_SOUTH = {
    ("north", "korean"): "KP",
    ("south", "korean"): "KR",
    ("north", "korea"): "KP",
    ("south", "korea"): "KR",
    ("south", "sudanese"): "SS",
    ("south", "sudan"): "SS",
    ("south", "african"): "ZA",
    ("south", "africa"): "ZA",
    ("north", "macedonian"): "MK",
    ("north", "macedonia"): "MK",
}
#: Words after "among" that make a list of people present.
_PRESENCE_LIST_WORDS = frozenset(
    "spotted seen arriving arrived attending present here sett ankom ankommer stede plass".split()
)
#: Dependent territories with their own ISO 3166-1 code -> the sovereign state (ISO 3166-1
#: "Territories" and the UN list of non-self-governing territories; Hong Kong and Macao are
#: special administrative regions of China).
_TERRITORIES = {
    **dict.fromkeys("NC PF GP MQ RE GF YT PM WF BL MF TF".split(), "FR"),
    **dict.fromkeys("GL FO".split(), "DK"),
    **dict.fromkeys("PR GU VI AS MP UM".split(), "US"),
    **dict.fromkeys("AW CW SX BQ".split(), "NL"),
    **dict.fromkeys("GI FK BM KY VG AI MS TC SH PN IO GS".split(), "GB"),
    **dict.fromkeys("IM JE GG".split(), "GB"),
    **dict.fromkeys("SJ BV".split(), "NO"),
    **dict.fromkeys("HK MO".split(), "CN"),
    **dict.fromkeys("CX CC NF HM".split(), "AU"),
    **dict.fromkeys("CK NU TK".split(), "NZ"),
    "AX": "FI",
}
#: Phrases before leaders who travel with the one named: "sammen med X", "in addition to X".
_COMPANY_PHRASES = (
    "sammen med",
    "saman med",
    "together with",
    "along with",
    "i tillegg til",
    "in addition to",
    "as well as",
    "i følge med",
    "i følgje med",
    "accompanied by",
)
#: Verbs of talking about a meeting, not being at it.
_OPINION_VERBS = frozenset(
    "håper håpar hoper hopes hoped mener meiner thinks believes welcomed welcomes ønsker "
    "ønskjer kritiserte criticised criticized".split()
)
#: "viste til møtet i Rovaniemi", "referred to the summit in": talking about it.
_REFER_VERBS = frozenset("viste viser refererte referred refers pointed pekte peikte".split())
#: Spans of time spent at a place: "two days in Luleå".
_SPAN_WORDS = frozenset("dager dagar døgn days nights netter uker veker weeks timer hours".split())
_SMALL_NUMBERS = frozenset(
    "to tre fire fem seks sju syv åtte ni ti two three four five six seven eight nine ten "
    "noen nokre several few".split()
)
#: "... took him to Rome", "tok ham til Berlin".
_TOOK_VERBS = frozenset("took takes brought brings tok tar førte fører".split())
#: A wire dateline at the start of a paragraph: "NEW DELHI (AP) —", "KYIV, Feb 20 (Reuters) -".
_DATELINE_RE = re.compile(
    r"(?m)^([A-ZÆØÅ][A-ZÆØÅ'.-]+(?: [A-ZÆØÅ][A-ZÆØÅ'.-]+){0,2})"
    r"(?:,[^\n(]{0,30})?\s*(?:\([A-Za-z]{2,12}\)\s*[—–:-]|[—–-])\s"
)
#: Relative words after a place that bring in who was there.
_WHERE_WORDS = frozenset("der where when da hvor kor".split())
#: Auxiliary verbs between a subject and "vært" / "been".
_AUXILIARIES = frozenset("har hadde has had have er var is was".split())
#: Lower-case words after a name that make it a building.
_BUILDING_WORDS = frozenset(
    "palace castle hotel airport square hall centre center stadium palasset slottet hotellet "
    "flyplassen".split()
)
#: Titles before a name: "talks with President Sheikh Mohamed bin Zayed".
_TITLES = frozenset("sheikh shaikh prince crown emir king queen mr mrs ms dr sir".split())
#: Words that put a second event in a sentence: "talks with X before returning to Jakarta".
_SEQUENCE_WORDS = frozenset(
    "before after før etter then deretter as while when mens da når later senere seinare".split()
)
#: A meeting by telephone or video is no visit of the one called.
_CALL_WORDS = frozenset(
    "telefon telefonen telefonsamtale telefonmøte phone telephone call videomøte".split()
)
_NO_GOING_MODALS = frozenset("skal skulle ska".split())
_MODALS = frozenset("will would to shall could can may might".split())
_CONSORT_TITLES = frozenset("dronning dronninga dronningen queen prins prince".split())
_KIN_WORDS = frozenset(
    "sister brother wife husband son daughter mother father spouse envoy spokesman "
    "spokeswoman aide adviser advisor søster bror kone kona ektemann mann sønn datter mor "
    "far ektefelle sendemann talsperson talsmann rådgiver rådgjevar predecessor successor "
    "forgjenger forgjengar etterfølger etterfølgjar".split()
)
_VISIT_NOUNS = frozenset(
    "besøk besøket statsbesøk statsbesøket vitjing vitjinga reise reisen turné tur visit "
    "trip tour journey".split()
)
_RELATIVES = frozenset("who som which der where".split())
_OBJECT_MARKERS = frozenset(
    "med with by av møtte møter møte møtt meet meets met meeting for mot against til "
    "kollega kollegaen kollegaene colleague counterpart counterparts motpart takket thanked "
    "ringte called invited inviterte invitert hosted welcomed received greeted hilste "
    "kritiserte criticised criticized".split()
)
_ARRIVALS = frozenset(
    "ankom landet landa kom arrived landed came reached reiste dro fløy flaug travelled "
    "traveled flew went".split()
)
_NO_TRAVEL_EXACT = frozenset(
    "landet landa lander kom kommer komme kommet komen kome kjem tale talen tur turen turné "
    "turneen plass stans stanset delta deltar deltok deltek deltatt værende verande stede "
    "opphold oppholdet held".split()
)
_HOST_AFTER_PHRASES = (
    ("tok", "imot"),
    ("tar", "imot"),
    ("tek", "imot"),
    ("tok", "i", "mot"),
    ("var", "vert"),
    ("er", "vert"),
    ("var", "vertskap"),
    ("hosted",),
    ("hosts",),
    ("will", "host"),
    ("to", "host"),
    ("would", "host"),
    ("is", "hosting"),
    ("was", "hosting"),
    ("welcomed",),
    ("welcomes",),
    ("received",),
    ("receives",),
    ("ønsket",),
    ("ønskte",),
)
_HOST_BY = (
    ("tatt", "imot", "av"),
    ("teken", "imot", "av"),
    ("mottatt", "av"),
    ("hosted", "by"),
    ("received", "by"),
    ("welcomed", "by"),
    ("velkommen", "av"),
    ("velkomen", "av"),
    ("greeted", "by"),
    ("hosten", "var"),
)
_PLANNED_WORDS = frozenset(
    "skal vil ventet venta forventet forventa planlegger planlegg planlagt planlagd neste "
    "kommende komande will expected plans planned planning due scheduled next "
    "tomorrow upcoming set shall intends would skulle wants want hopes hope aims ønsker "
    "ønskjer håper vurderer considering might could kan kunne".split()
)
_PAST_WORDS = frozenset(
    "var besøkte besøkt vitja vitjå reiste ankom kom dro deltok landet landa fløy flaug møtte "
    "hadde holdt heldt nylig nyleg gikk gjekk avsluttet avslutta "
    "was were visited arrived travelled traveled attended flew landed went met held came "
    "recently toured had spent returned made paid gjorde avla left departed forlot forlét".split()
)
_PRESENT_WORDS = frozenset(
    "er besøker vitjar reiser deltar deltek møter holder held is are visits visiting arrives "
    "attends attending meets holds".split()
)

_QUOTE_START = ("–", "—", "-", "«", '"', "“", "”", "'")

# Time expressions
_WEEKDAYS = {
    "mandag": 0, "måndag": 0, "monday": 0,
    "tirsdag": 1, "tysdag": 1, "tuesday": 1,
    "onsdag": 2, "wednesday": 2,
    "torsdag": 3, "thursday": 3,
    "fredag": 4, "friday": 4,
    "lørdag": 5, "laurdag": 5, "saturday": 5,
    "søndag": 6, "sundag": 6, "sunday": 6,
}  # fmt: skip
_MONTHS = {
    "januar": 1, "january": 1, "februar": 2, "february": 2, "mars": 3, "march": 3,
    "april": 4, "mai": 5, "may": 5, "juni": 6, "june": 6, "juli": 7, "july": 7,
    "august": 8, "september": 9, "oktober": 10, "october": 10, "november": 11,
    "desember": 12, "december": 12,
}  # fmt: skip
_WD = "|".join(_WEEKDAYS)
_MO = "|".join(_MONTHS)
_TIME_RE = re.compile(
    r"(?i)\b(?:"
    rf"(?:i\s+)?(?:forrige|neste|sist|førre|last|next|this|on)?\s*(?:{_WD})(?:en|s)?"
    r"|denne\s+uk(?:en|a)|denne\s+veka|i\s+denne\s+veka|this\s+week|i\s+helgen|i\s+helga"
    r"|earlier\s+this\s+week|earlier\s+in\s+the\s+week|tidligere\s+(?:denne|i)\s+uk(?:en|a)"
    r"|this\s+weekend|last\s+weekend|forrige\s+helg|i\s+forrige\s+uke|forrige\s+uke|i\s+førre\s+veke"
    r"|førre\s+veke|last\s+week|neste\s+uke|neste\s+veke|next\s+week|i\s+fjor|i\s+fjør|last\s+year"
    r"|i\s+år|this\s+year|earlier\s+this\s+year|tidligere\s+i\s+år|tidlegare\s+i\s+år"
    r"|neste\s+år|next\s+year|nylig|nyleg|recently|lately|i\s+dag|today|i\s+går|yesterday"
    r"|i\s+morgen|tomorrow|i\s+kveld|tonight|this\s+month|denne\s+måneden|neste\s+måned"
    r"|next\s+month|last\s+month|forrige\s+måned|i\s+forrige\s+måned"
    rf"|\d{{1,2}}\.\s*(?:{_MO})(?:\s+\d{{4}})?|(?:{_MO})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|(?:i|in)\s+(?:{_MO})(?:\s+\d{{4}}|\s+(?:last|next|this)\s+year|\s+i\s+fjor)?"
    r"|(?:i|in)\s+(?:19|20)\d\d"
    r")\b"
)


# --------------------------------------------------------------------------------------------
# Time
# --------------------------------------------------------------------------------------------


def _as_date(published: dt.date | dt.datetime | str | None) -> dt.date | None:
    if published is None or published == "":
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if isinstance(published, str):
        try:
            return dt.date.fromisoformat(published.strip()[:10])
        except ValueError:
            raise ArticleError(
                f"published must be a date or 'YYYY-MM-DD', not {published!r}"
            ) from None
    raise ArticleError(f"published must be a date or 'YYYY-MM-DD', not {type(published).__name__}")


def resolve_time(
    when_text: str | None, *, published: dt.date | str | None = None, status: str = "current"
) -> dt.date | None:
    """Resolve a time expression to the first day of the period it names.

    Parameters
    ----------
    when_text : str or None
        "torsdag", "denne uken", "i fjor", "on Monday", "last week", "9. november", "in 2019"...
    published : date or "YYYY-MM-DD", optional
        The article's date. Relative expressions need it; an explicit year does not.
    status : str
        A weekday is read forwards for "planned", backwards for "completed"/"historical" and
        as the nearest such day for "current".

    Returns
    -------
    datetime.date or None
        None when the expression cannot be resolved ("nylig", or no ``published``).

    Examples
    --------
    >>> resolve_time("torsdag", published="2023-11-09")
    datetime.date(2023, 11, 9)
    >>> resolve_time("denne uken", published="2023-11-09")
    datetime.date(2023, 11, 6)
    >>> resolve_time("i fjor", published="2023-11-09")
    datetime.date(2022, 1, 1)
    >>> resolve_time("on Monday", published="2023-11-09", status="completed")
    datetime.date(2023, 11, 6)
    >>> resolve_time("nylig", published="2023-11-09") is None
    True
    """
    if not when_text:
        return None
    pub = _as_date(published)
    t = " ".join(when_text.casefold().split())
    year = re.search(r"\b((?:19|20)\d\d)\b", t)
    month = next((n for name, n in _MONTHS.items() if re.search(rf"\b{name}\b", t)), None)
    day = re.search(r"\b(\d{1,2})(?:\.|st|nd|rd|th)?(?:\s|,|$)", t)
    if month is not None:
        y = int(year.group(1)) if year else (pub.year if pub else None)
        if y is None:
            return None
        if not year and re.search(r"fjor|last year", t):
            y -= 1
        elif not year and re.search(r"next year|neste år", t):
            y += 1
        elif not year and pub is not None:
            # the occurrence of that month nearest to the article (past for completed visits)
            if status in ("completed", "historical") and month > pub.month:
                y -= 1
            elif status == "planned" and month < pub.month:
                y += 1
            elif status == "current" and month - pub.month > 6:
                y -= 1
            elif status == "current" and pub.month - month > 6:
                y += 1
        d = int(day.group(1)) if day and not (year and day.group(1) == year.group(1)) else 1
        try:
            return dt.date(y, month, d)
        except ValueError:
            return None
    if year:
        return dt.date(int(year.group(1)), 1, 1)
    if pub is None:
        return None
    monday = pub - dt.timedelta(days=pub.weekday())
    if re.search(r"forrige|førre|last", t) and re.search(r"uke|veke|veka|week", t):
        return monday - dt.timedelta(days=7)
    if re.search(r"neste|next", t) and re.search(r"uke|veke|veka|week", t):
        return monday + dt.timedelta(days=7)
    if re.search(r"uke|veke|veka|week", t):
        return monday
    if re.search(r"helg|weekend", t):
        sat = monday + dt.timedelta(days=5)
        return sat - dt.timedelta(days=7) if re.search(r"forrige|last", t) else sat
    if re.search(r"fjor|fjør|last year", t):
        return dt.date(pub.year - 1, 1, 1)
    if re.search(r"neste år|next year", t):
        return dt.date(pub.year + 1, 1, 1)
    if re.search(r"\bår\b|this year", t):
        return dt.date(pub.year, 1, 1)
    if re.search(r"måned|month", t):
        first = pub.replace(day=1)
        if re.search(r"forrige|last", t):
            return (first - dt.timedelta(days=1)).replace(day=1)
        if re.search(r"neste|next", t):
            return (first + dt.timedelta(days=32)).replace(day=1)
        return first
    if re.search(r"i går|yesterday", t):
        return pub - dt.timedelta(days=1)
    if re.search(r"i morgen|tomorrow", t):
        return pub + dt.timedelta(days=1)
    if re.search(r"i dag|today|i kveld|tonight", t):
        return pub
    for name, wd in _WEEKDAYS.items():
        if re.search(rf"\b{name}", t):
            delta = wd - pub.weekday()
            if re.search(r"forrige|sist|førre|last", t) or status in ("completed", "historical"):
                delta = delta if delta <= 0 else delta - 7
                if re.search(r"forrige|førre|last", t) and delta == 0:
                    delta = -7
            elif re.search(r"neste|next", t) or status == "planned":
                delta = delta if delta >= 0 else delta + 7
            else:  # current: the nearest such day
                if delta > 3:
                    delta -= 7
                elif delta < -3:
                    delta += 7
            return pub + dt.timedelta(days=delta)
    return None


# --------------------------------------------------------------------------------------------
# Internal structures
# --------------------------------------------------------------------------------------------


@dataclass
class _Entity:
    """A leader the article talks about (mutable while reading)."""

    idx: int
    country: str | None
    role: str | None
    name: str | None = None  # longest form written in the article
    table: Leader | None = None
    aliases: set[str] = field(default_factory=set)  # folded forms
    merged: _Entity | None = None
    guessed: bool = False  # country guessed (a Norwegian minister by default)

    def root(self) -> _Entity:
        e = self
        while e.merged is not None:
            e = e.merged
        return e


@dataclass
class _Ref:
    """A reference to an entity in a sentence (token index range)."""

    entity: _Entity
    start: int  # token index
    end: int  # token index (exclusive)
    host: bool = False
    obj: bool = False  # object of "met", "with", "by": not the traveller


@dataclass
class _Sentence:
    start: int
    end: int
    tokens: list[Token]
    lower: list[str]
    refs: list[_Ref] = field(default_factory=list)
    places: list[tuple[int, int, Place]] = field(default_factory=list)  # tok start, end, place


@dataclass
class _Candidate:
    entity: _Entity
    destination: Place
    origin: Place | None
    sentence: tuple[int, int]
    when_text: str | None
    status: str
    confidence: float
    quote: str


# --------------------------------------------------------------------------------------------
# Gazetteer access
# --------------------------------------------------------------------------------------------


def _gazetteer() -> Any:
    from mapping.gazetteer import load_gazetteer

    return load_gazetteer()


def _country_of_word(gaz: Any, word: str, lang: str) -> str | None:
    """ISO2 code when ``word`` is a country name, its genitive ("Russlands", "irans",
    "Russia's", "USAs") or a demonym ("russiske", "French"); "then-Italian" is Italian."""
    if word[:5].casefold() == "then-" and len(word) > 6:
        word = word[5:]
    forms = [word]
    for apo in ("'s", "’s", "'", "’"):
        if word.endswith(apo) and len(word) > len(apo) + 1:
            forms.append(word[: -len(apo)])
    if lang != "en" and word.endswith("s") and len(word) > 3:
        forms.append(word[:-1])
        if word.endswith("-s"):
            forms.append(word[:-2])
    for f in forms:
        if len(f) < 2:
            continue
        if not f[:1].isupper() and not (f.isalpha() and len(f) > 3):
            continue
        for p in gaz.lookup(f)[:3]:
            if p.kind == "country" and p.country_code:
                return str(p.country_code)
            break
    if word[:1].isupper() or lang != "en":
        try:
            from mapping.tagger import demonym_country
        except ImportError:  # pragma: no cover
            return None
        try:
            code = demonym_country(word, lang=lang)
        except GeodataError:  # pragma: no cover - the table ships with the package
            return None
        if code and len(code) == 2 and code.isupper():
            return code
    return None


def _capital(gaz: Any, code: str) -> Place | None:
    return gaz.capital(code) or gaz.country(code)


# --------------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------------


def _detect_lang(text: str) -> str:
    from mapping.geoparse import detect_language

    return detect_language(text)


def _speech_tag(low: list[str]) -> int | None:
    """Index of the speech verb that closes a quote opening the sentence ("...", said X;
    – ..., sa X), or None when the sentence is all quote."""
    for i in range(2, len(low)):
        if low[i] in _SPEECH_VERBS and low[i - 1] in (",", '"', "”", "»", "–", "—"):
            return i
    return None


def _after_relative(low: list[str], h: int, subj_ends: set[int]) -> bool:
    """True when the verb at ``h`` opens a relative clause on a leader: "Mitsotakis, som
    (også) var i Praha", "Niinistö, who landed in Brussels"."""
    k = h - 1
    while k >= 0 and h - k <= 2 and low[k] in _ADVERBS:
        k -= 1
    return k >= 2 and low[k] in ("som", "who") and low[k - 1] == "," and k - 2 in subj_ends


def _drop_asides(toks: list[Token]) -> list[Token]:
    """Without a short aside after a name: "Jonas Gahr Støre (Ap) landet i Praha", "(63)",
    "Frank Bakke-Jensen (begge H)"."""
    out: list[Token] = []
    i = 0
    while i < len(toks):
        close = next((j for j in (i + 2, i + 3) if j < len(toks) and toks[j].text == ")"), None)
        if (
            toks[i].text == "("
            and out
            and out[-1].text[:1].isupper()
            and close is not None
            and all(len(t.text) <= 6 or t.text.isdigit() for t in toks[i + 1 : close])
        ):
            i = close + 1
            continue
        out.append(toks[i])
        i += 1
    return out


def _sentences(text: str) -> list[tuple[int, int]]:
    from mapping.article import content_sentences

    return content_sentences(text)


def _place_mentions(text: str, lang: str) -> list[tuple[int, int, Place]]:
    """(char start, char end, place) of resolved place names, from the project's geoparser."""
    from mapping.geoparse import geoparse

    found = [
        (m.start, m.end, m.place)
        for m in geoparse(text, lang=lang)
        if m.kind == "place" and m.place is not None
    ]
    found = _recheck_places(text, found, lang)
    # seats of government stand for their capital ("the White House" is not Casablanca)
    marks = [
        (m.start(), m.end(), _LANDMARKS[m.group().casefold()]) for m in _LANDMARK_RE.finditer(text)
    ]
    if not marks:
        return found
    gaz = _gazetteer()
    out = [t for t in found if not any(a < t[1] and t[0] < b for a, b, _c in marks)]
    for a, b, code in marks:
        cap = _capital(gaz, code)
        if cap is not None:
            out.append((a, b, cap))
    return sorted(out, key=lambda t: t[0])


def _recheck_places(
    text: str, found: list[tuple[int, int, Place]], lang: str
) -> list[tuple[int, int, Place]]:
    """A country's own name stays the country ("Benin" is not Benin City), and a small town
    in a country the article never names is likely a namesake elsewhere ("Tapa" in Estonia is
    not the Indian town): dropped."""
    gaz = _gazetteer()
    countries = {p.country_code for _a, _b, p in found if p.kind == "country"}
    countries |= _HOME.get(lang, set())
    out = []
    for a, b, p in found:
        if p.kind == "city":
            cands = gaz.lookup(text[a:b])
            if cands and cands[0].kind == "country" and cands[0].name == text[a:b]:
                p = cands[0]
            elif (
                cands
                and cands[0].kind == "city"
                and cands[0].id != p.id
                and _is_capital(gaz, cands[0])
            ):
                p = cands[0]  # "Washington" is the US capital, not the town in England
            elif p.population < _SMALL_TOWN and p.country_code not in countries:
                continue
            elif p.country_code not in countries and _next_word(text, b) in _BUILDING_WORDS:
                continue  # "the Miraflores palace" in Caracas is not Miraflores in Peru
        out.append((a, b, p))
    return out


def _next_word(text: str, pos: int) -> str:
    """The lower-cased word after ``pos`` (after spaces), or ""."""
    m = re.match(r"\s+(\w+)", text[pos : pos + 30])
    return m.group(1).casefold() if m else ""


def _is_capital(gaz: Any, place: Place) -> bool:
    cap = _capital(gaz, place.country_code) if place.country_code else None
    return cap is not None and cap.id == place.id


_SMALL_TOWN = 50000
_HOME = {"nb": {"NO"}, "nn": {"NO"}}  # Norwegian news names home towns without "Norge"
_LANDMARKS = {
    "white house": "US",
    "det hvite hus": "US",
    "det kvite huset": "US",
    "kremlin": "RU",
    "kreml": "RU",
    "downing street": "GB",
    "élyséepalasset": "FR",
    "élysée palace": "FR",
}
_LANDMARK_RE = re.compile(
    r"\b(?:White House|[Dd]et hvite hus|[Dd]et kvite huset|Kremlin|Kreml|Downing Street|"
    r"Élyséepalasset|Élysée Palace)\b"
)


def extract_visits(
    text: str,
    *,
    lang: str | None = None,
    published: dt.date | dt.datetime | str | None = None,
    leaders: str | None = None,
) -> list[Visit]:
    """Extract the leader visits an article reports.

    Parameters
    ----------
    text : str
        The article text (see :func:`mapping.article.read_article` for files and HTML).
    lang : {"nb", "nn", "en"} or None
        The article's language; None detects it.
    published : datetime.date, "YYYY-MM-DD" or None
        The article's date: resolves "torsdag", "denne uken", "i fjor", "last week" to dates,
        and picks the office holders of that day from the leaders table.
    leaders : str, optional
        Path of another leaders table (default ``geodata/leaders.csv``).

    Returns
    -------
    list of Visit
        One per leader and destination, in order of first evidence.

    Raises
    ------
    mapping.errors.ArticleError
        When ``text`` is not a string or ``published`` is not a date.

    Examples
    --------
    >>> vs = extract_visits("Russlands president Vladimir Putin er på besøk i Kasakhstan.",
    ...                     published="2023-11-09")
    >>> [(v.leader, v.leader_country, v.destination.country_code, v.status) for v in vs]
    [('Vladimir Putin', 'RU', 'KZ', 'current')]
    """
    if not isinstance(text, str):
        raise ArticleError(
            f"extract_visits() needs the article as str, not {type(text).__name__}; "
            "use mapping.read_article(path) to read a file"
        )
    pub = _as_date(published)
    if not text.strip():
        return []
    if lang is None:
        lang = _detect_lang(text)
    if lang not in ("nb", "nn", "en"):
        raise ArticleError(f"lang must be 'nb', 'nn', 'en' or None, not {lang!r}")
    gaz = _gazetteer()
    index = _leader_index(leaders)
    reader = _Reader(text, lang, pub, gaz, index)
    return reader.run()


class _Reader:
    """One pass over one article (holds per-article state; never shared)."""

    def __init__(self, text: str, lang: str, pub: dt.date | None, gaz: Any, index: _LeaderIndex):
        self.text = text
        self.lang = lang
        self.pub = pub
        self.gaz = gaz
        self.index = index
        self.entities: list[_Entity] = []
        self.named_countries: list[str] = []
        self.article_places: set[str] = set()
        # (sentence, previous sentence) while a sentence about company is read
        self.company_context: tuple[_Sentence, _Sentence | None] | None = None
        self.sentences: list[_Sentence] = []
        self.groups: list[list[_Entity]] = []  # plural role mentions ("presidentene i A og B")
        self._country_cache: dict[str, str | None] = {}
        self.current_text = ""  # the sentence being read (dates a former leader's mention)
        self.article_countries: set[str | None] = set()

    # ---- helpers ------------------------------------------------------------------------

    def country_of(self, word: str) -> str | None:
        if word not in self._country_cache:
            self._country_cache[word] = _country_of_word(self.gaz, word, self.lang)
        return self._country_cache[word]

    def new_entity(self, country: str | None, role: str | None) -> _Entity:
        e = _Entity(len(self.entities), country, role)
        self.entities.append(e)
        return e

    def table_rows(self, key: str, *, short: bool) -> list[Leader]:
        idx = (self.index.short if short else self.index.full).get(key, ())
        rows = [self.index.rows[i] for i in idx]
        dated = [r for r in rows if r.in_office(self.pub)]
        if not dated and not short and rows and len({r.name for r in rows}) == 1 and self.pub:
            # a former office holder named in full in a sentence dated within the term
            # ("Boris Johnson visited Tapa in March 2022"); find_visits checks the visit's date
            days = [
                resolve_time(m.group(0), published=self.pub, status="historical")
                for m in _TIME_RE.finditer(self.current_text)
            ]
            return [r for r in rows if any(d and r.in_office(d) for d in days)][-1:]
        return dated

    def entity_for(
        self, *, name: str | None, country: str | None, role: str | None, row: Leader | None
    ) -> _Entity | None:
        """Find or create the entity for a leader reference."""
        guessed = False
        if row is not None:
            country = country or row.country
            if role in (None, "leader"):
                role = row.role
        if (
            country is None
            and row is None
            and name
            and self.lang in ("nb", "nn")
            and role is not None
            and role.endswith("minister")
        ):
            # NTB/NRK style: "finansminister Jens Stoltenberg" is Norwegian, unless the
            # sentence is about a foreign leader's delegation ("I delegasjonen hans er
            # utenriksminister Ri Yong-ho")
            country = self.travelling_with()
            if country is None:
                country = "NO"
                guessed = True
        if country is None:
            return None
        folded = _fold(name) if name else None
        # same person by name (or by table row)
        for e in self.entities:
            r = e.root()
            if r is not e:
                continue
            if row is not None and r.table is not None and r.table.name == row.name:
                break
            if folded and (folded in r.aliases) and r.country == country:
                break
        else:
            r = None
        if r is None and name is None and role is not None:
            # an unnamed "Kinas president": the article's entity with that country and role
            for e in reversed(self.entities):
                if e.root() is e and e.country == country and _same_role(e.role, role):
                    r = e
                    break
        if r is None:
            r = self.new_entity(country, role)
            r.guessed = guessed
        if row is not None and r.table is None:
            r.table = row
            r.aliases.update(_fold(s) for s in (*row.spellings, *row.short))
            if row.country in _FAMILY_NAME_FIRST:
                # "Wang Yi" ... "Wang": the family name comes first
                r.aliases.update(_fold(s).split()[0] for s in row.spellings if " " in s)
        if name:
            r.aliases.add(_fold(name))
            parts = name.split()
            if len(parts) > 1:
                r.aliases.add(_fold(parts[-1]))
                if (r.country or country) in _FAMILY_NAME_FIRST:
                    r.aliases.add(_fold(parts[0]))
            if r.name is None or len(name) > len(r.name):
                r.name = name
        if r.role in (None, "leader") and role:
            r.role = role
        if r.country is None:
            r.country = country
        return r

    # ---- pass 1: sentences, places, leader references ---------------------------------

    def run(self) -> list[Visit]:
        text = self.text
        spans = _sentences(text)
        places = _place_mentions(text, self.lang)
        self.article_countries = {p.country_code for _a, _b, p in places if p.kind == "country"}
        self.article_countries |= _HOME.get(self.lang, set())
        self.article_places = {p.id for _a, _b, p in places}
        for a, b in spans:
            toks = _drop_asides(tokenize(text, a, b))
            if not toks:
                continue
            s = _Sentence(a, b, toks, [t.text.casefold() for t in toks])
            starts = {t.start: i for i, t in enumerate(toks)}
            ends = {t.end: i for i, t in enumerate(toks)}
            for pa, pb, place in places:
                if a <= pa and pb <= b and pa in starts:
                    # "Russia's": the name ends inside the token of its genitive
                    last = ends.get(pb)
                    if last is None:
                        last = next((i for i, t in enumerate(toks) if t.start < pb < t.end), None)
                        if last is None or toks[last].text[pb - toks[last].start :] not in (
                            "'s",
                            "’s",
                            "'",
                            "’",
                        ):
                            continue
                    s.places.append((starts[pa], last + 1, place))
            self.add_missed_places(s)
            self.sentences.append(s)
        for i, s in enumerate(self.sentences):
            self.current_text = text[s.start : s.end]
            self.read_leaders(s, self.sentences[i - 1] if i else None)
        self.current_text = ""
        self.merge_entities()
        return self.find_visits()

    def add_missed_places(self, s: _Sentence) -> None:
        """Look up capitalised names right after a locative preposition or a visit verb
        that the geoparser left out ("i Beijing", "visited Hanoi"), and "the Ukrainian
        capital" / "den ukrainske hovedstaden" (the capital of that country)."""
        covered = {k for ps, pe, _p in s.places for k in range(ps, pe)}
        toks, low = s.tokens, s.lower
        n = len(toks)
        for i in range(1, n):
            if i in covered:
                continue
            prev = low[i - 1]
            if prev in _CAPITAL_WORDS and i >= 2:
                continue
            if low[i] in _CAPITAL_WORDS and i >= 1:
                code = (
                    self.country_of(toks[i - 1].text)
                    if not toks[i - 1].text[:1].isupper() or self.lang == "en"
                    else None
                )
                if code and (i + 1 >= n or not _capitalised(toks[i + 1].text)):
                    cap = self.gaz.capital(code)
                    if cap is not None:
                        s.places.append((i, i + 1, cap))
                        covered.add(i)
                continue
            if not (
                prev in _LOC_PREPS
                or self.is_visit_verb(prev)
                or (prev == "of" and i >= 2 and low[i - 2] in _PLACE_NOUNS)  # "resort of X"
            ):
                continue
            if not _capitalised(toks[i].text) or low[i] in _NOT_NAME:
                continue
            for width in (3, 2, 1):
                j = i + width
                if j > n or any(k in covered for k in range(i, j)):
                    continue
                if not all(
                    _capitalised(t.text) or low[k] in ("og", "and", "of")
                    for k, t in enumerate(toks[i:j], i)
                ):
                    continue
                name = self.text[toks[i].start : toks[j - 1].end]
                if j < n and low[j] in _BUILDING_WORDS:
                    continue  # "at the Miraflores palace": a building, not the town
                cands = self.gaz.lookup(name)
                if not cands:
                    continue
                # "Westminster" where the geoparser placed "Westminster Abbey" in London;
                # else the geoparser's ranking ("Bali" in an article naming Indonesia)
                known = [c for c in cands if c.id in self.article_places]
                best = known[0] if known else _rank_places(cands, self.lang, self.article_countries)
                if best.kind == "city" and best.population < 20000:
                    continue
                if (
                    best.kind == "city"
                    and best.population < _SMALL_TOWN
                    and best.country_code not in self.article_countries
                    and not any(
                        self.country_of(t.text) == best.country_code
                        for t in toks[max(0, i - 5) : i]
                    )  # "the French seaside resort of Biarritz"
                ):
                    continue  # a namesake town abroad ("Tapa")
                if self.lookup_row(name) is not None:
                    continue  # a leader's name, not a place
                s.places.append((i, j, best))
                covered.update(range(i, j))
                break
        s.places.sort(key=lambda t: t[0])

    def read_leaders(self, s: _Sentence, prev: _Sentence | None) -> None:
        toks, low = s.tokens, s.lower
        n = len(toks)
        company = any(
            w.startswith(("delegasjon", "delegation", "følge", "følgj", "accompan"))
            or (w, nxt) in (("med", "seg"), ("with", "him"), ("with", "her"))
            # "Handelsminister Wilbur Ross, som var med til Riyadh": went along
            or (w == "med" and nxt in ("til", "på") and i >= 1 and low[i - 1] in _COPULAS)
            for i, (w, nxt) in enumerate(zip(low, [*low[1:], ""], strict=True))
        )
        self.company_context = (s, prev) if company else None
        # "Landets utenriksminister": the country named last, here or just before
        self.named_countries = [
            p.country_code
            for _a, _b, p in [*(prev.places if prev else []), *s.places]
            if p.kind == "country" and p.country_code
        ]
        taken = [False] * n
        place_at = {ps: (pe, p) for ps, pe, p in s.places}
        # 1. role words with apposition
        i = 0
        while i < n:
            role_hit = self.role_at(low, i)
            if role_hit is None:
                i += 1
                continue
            role, plural, r_end = role_hit
            the_leaders_of = (
                plural and i >= 1 and low[i - 1] == "the" and r_end < n and low[r_end] == "of"
            )
            if self.not_a_leader_role(low, i) and not the_leaders_of:
                i = r_end
                continue
            countries, c_start = self.countries_before(toks, low, i)
            after_countries, ac_end = self.countries_after(toks, low, r_end)
            names, names_end = self.names_after(
                toks, low, ac_end if after_countries else r_end, place_at, plural
            )
            all_countries = countries + after_countries
            if not names and not plural:
                before = self.name_before(toks, low, c_start if countries else i)
                if before:
                    names = [before]
            ref_start = c_start if countries else i
            ref_end = max(names_end, ac_end if after_countries else r_end, r_end)
            ents: list[_Entity] = []
            if plural and names and not all_countries:
                # "statsministrene Støre, Kristersson og Frederiksen": countries from the table
                for nm in names:
                    e = self.leader_from(nm, nm[1].country if nm[1] else None, role)
                    if e:
                        ents.append(e)
                if len(ents) >= 2:
                    self.groups.append(ents)
            elif plural:
                explicit = bool(all_countries)
                if not all_countries:
                    all_countries = self.plural_countries(s, role)
                for k, c in enumerate(all_countries):
                    nm = names[k] if len(names) == len(all_countries) else None
                    e = self.leader_from(nm, c, role, group=explicit)
                    if e:
                        ents.append(e)
                if len(ents) >= 2:
                    self.groups.append(ents)
            else:
                nm = names[0][0] if names else None
                c = all_countries[0] if all_countries else None
                if nm is None and c is None:
                    e = self.coref_role(role, low, i, prev)
                    ents = [e] if e else []
                else:
                    if c is None and names and names[0][1] is None and i >= 1 and s.refs:
                        # "Finlands utenriksminister X og næringsminister Y": Y is Finnish too
                        last = s.refs[-1]
                        if last.end == i - 1 and low[i - 1] in ("og", "and", "&"):
                            c = last.entity.root().country
                    e = self.leader_from(names[0] if names else None, c, role)
                    ents = [e] if e else []
            for e in ents:
                s.refs.append(_Ref(e, ref_start, ref_end))
            if ents:
                for k in range(ref_start, ref_end):
                    taken[k] = True
            i = max(r_end, ref_end if ents else r_end)
        # 2. names from the table and names seen earlier in the article
        i = 0
        while i < n:
            if taken[i] or not _capitalised(toks[i].text):
                i += 1
                continue
            hit = self.name_at(toks, low, i, taken)
            if hit is None:
                i += 1
                continue
            e, j = hit
            s.refs.append(_Ref(e, i, j))
            for k in range(i, j):
                taken[k] = True
            i = j
        # objects of "met", "with", "by", "counterpart": not travellers
        s.refs.sort(key=lambda r: r.start)
        for k, ref in enumerate(s.refs):
            j = ref.start - 1
            while j >= 0 and (
                low[j] in _EN_ARTICLES | _NO_ARTICLES | {"sin", "sitt", "sine", "his", "her"}
                or (ref.start - j <= 2 and low[j].endswith(("iske", "nordiske", "nordic")))
                or (ref.start - j <= 3 and (low[j] in _TITLES or self.role_at(low, j)))
            ):
                j -= 1  # "møtte dei nordiske statsministrane", "with President Sheikh X"
            if j >= 0 and low[j] in _GUEST_MARKERS:
                pass  # "Xi received Putin", "tok imot Putin": the guest travels
            elif j >= 0 and low[j] in _OBJECT_MARKERS and not self.possessor(low, ref):
                ref.obj = True
            elif self.kin_of(low, ref):
                ref.obj = True  # "Kim Jong Un's sister", "Putins datter": someone else
            elif k and self.consort_of(low, s.refs[k - 1], ref):
                ref.obj = True  # "Kong Frederik og dronning Mary": the consort is no leader
            elif k and s.refs[k - 1].obj:
                gap = low[s.refs[k - 1].end : ref.start]
                if gap and all(w in (",", "og", "and", "&") for w in gap):
                    ref.obj = True
        # 3. pronouns: the one leader (subject) earlier in the sentence, else of the previous one
        pron = _PRONOUNS[self.lang]
        for i, w in enumerate(low):
            if w in pron and not taken[i]:
                here = {
                    r.entity.root().idx: r.entity.root()
                    for r in s.refs
                    if r.start < i and not r.obj and not self.is_host(low, r.start, r.end)
                }
                if not here and any(r.start < i for r in s.refs):
                    continue
                if not here:
                    here = {
                        r.entity.root().idx: r.entity.root()
                        for r in (prev.refs if prev else [])
                        if not r.obj
                    }
                if len(here) == 1:
                    s.refs.append(_Ref(next(iter(here.values())), i, i + 1))
        # "han og handelsminister Gina Raimondo": a minister whose country was only guessed
        # takes the country of the foreign leader coordinated with them
        s.refs.sort(key=lambda r: r.start)
        for a, b in zip(s.refs, s.refs[1:], strict=False):
            if low[a.end : b.start] in (["og"], ["and"], [","]):
                ea, eb = a.entity.root(), b.entity.root()
                if eb.guessed and ea.country and ea.country != "NO" and not ea.guessed:
                    eb.country, eb.guessed = ea.country, False
                elif ea.guessed and eb.country and eb.country != "NO" and not eb.guessed:
                    ea.country, ea.guessed = eb.country, False
        # hosts
        for ref in s.refs:
            ref.host = self.is_host(low, ref.start, ref.end)
        s.refs.sort(key=lambda r: r.start)

    def consort_of(self, low: list[str], prev: _Ref, ref: _Ref) -> bool:
        """True for "(King X) and Queen Y" where Y is not in the leader table."""
        p, e = prev.entity.root(), ref.entity.root()
        if e.table is not None or p.role not in ("king", "queen") or e is p:
            return False
        gap = [w for w in low[prev.end : ref.start + 1] if w not in _NAME_PARTICLES]
        return len(gap) >= 2 and gap[0] in ("og", "and", "&") and gap[1] in _CONSORT_TITLES

    def kin_of(self, low: list[str], ref: _Ref) -> bool:
        last = low[ref.end - 1]
        genitive = last.endswith(("'s", "’s")) or (self.lang != "en" and last.endswith("s"))
        return genitive and ref.end < len(low) and low[ref.end] in _KIN_WORDS

    def possessor(self, low: list[str], ref: _Ref) -> bool:
        """True for the owner of a visit: "med kong Haralds besøk", "(kong Harald og dronning
        Sonjas) besøk i Sveits", "with Macron's visit"."""
        for j in range(ref.end - 1, min(len(low) - 1, ref.end + 4)):
            w = low[j]
            if w.endswith(("'s", "’s")) or (self.lang != "en" and w.endswith("s")):
                # "Xi's last European tour", "Macrons første utenlandsreise"
                for q in range(j + 1, min(len(low), j + 4)):
                    if low[q] in _VISIT_NOUNS or low[q].endswith(("reise", "reisa", "tour")):
                        return True
                    if not low[q].isalpha() or low[q] in _COPULAS:
                        break
        return False

    def role_at(self, low: list[str], i: int) -> tuple[str, bool, int] | None:
        if self.lang == "en":
            for k in range(_EN_ROLE_MAX, 0, -1):
                key = tuple(low[i : i + k])
                if len(key) == k and key in _EN_ROLES:
                    role, plural = _EN_ROLES[key]
                    return role, plural, i + k
            return None
        w = low[i]
        if w in _NO_ROLES:
            role, plural = _NO_ROLES[w]
            return role, plural, i + 1
        if (
            len(w) > 10
            and w.endswith(("minister", "ministeren"))
            and "-" not in w
            and not w.startswith(("vise", "vara", "assister", "ass."))
        ):
            return "minister", False, i + 1  # "fiskeriminister", "helseministeren"
        if w in ("statsråd", "statsråden", "statsrådar", "statsrådane", "statsrådene"):
            return "minister", w.endswith(("ar", "ane", "ene")), i + 1
        if w in ("øverste", "øvste") and i + 1 < len(low) and low[i + 1] in ("leder", "leiar"):
            return "supreme leader", False, i + 2
        return None

    def not_a_leader_role(self, low: list[str], i: int) -> bool:
        prev = low[max(0, i - 3) : i]
        if any(w in _NOT_LEADER_BEFORE or w.startswith(("tidl", "eks-", "ex-")) for w in prev[-2:]):
            return True
        if prev and prev[-1] in _PARTY_WORDS:
            return True
        return False

    def countries_before(self, toks: list[Token], low: list[str], i: int) -> tuple[list[str], int]:
        """Countries written before a role word: "Russlands", "Tyrkias og irans",
        "French", "den franske", "the US"."""
        found: list[str] = []
        j = i - 1
        start = i
        skipped_adj = False
        if j >= 0 and low[j] in ("landets", "country's") and self.named_countries:
            start = j - 1 if j >= 1 and low[j - 1] == "the" else j
            return [self.named_countries[-1]], start
        while j >= 0:
            if low[j] in ("'", "’") and j >= 1 and low[j - 1].endswith(("s", "x", "z")):
                j -= 1  # "Hellas' statsminister": the apostrophe of a genitive
            w = toks[j].text
            lw = low[j]
            code = self.country_of(w) if (w[:1].isalpha()) else None
            if code and j >= 1 and low[j - 1] in ("north", "south", "nord", "sør"):
                # "North Korean leader": the two words name the country
                pair = _NORTH_SOUTH.get((low[j - 1], lw.rstrip("s").removesuffix("'")))
                if pair:
                    code = pair
                    j -= 1
            if code:
                found.insert(0, code)
                start = j
                j -= 1
                if j >= 0 and low[j] in ("og", "and", ",", "&"):
                    j -= 1
                    continue
                break
            if (
                not found
                and not skipped_adj
                and lw.isalpha()
                and lw.islower()
                and lw not in _NOT_NAME
                and lw.endswith(("e", "te", "ed", "ly", "ing", "ende"))
                and not self.role_at(low, j)
            ):
                skipped_adj = True  # "Frankrikes nyvalgte president", "newly elected"
                j -= 1
                continue
            break
        if found and start > 0 and low[start - 1] in _EN_ARTICLES | _NO_ARTICLES:
            start -= 1
        return found, start

    def countries_after(self, toks: list[Token], low: list[str], j: int) -> tuple[list[str], int]:
        """Countries after a role word: "presidentene i Tyrkia og Iran", "president of France"."""
        n = len(toks)
        if j >= n or low[j] not in ("i", "of", "til"):
            return [], j
        found: list[str] = []
        k = j + 1
        if k < n and low[k] == "the":
            k += 1
        while k < n:
            code = None
            for width in (3, 2, 1):
                if k + width > n:
                    continue
                phrase = self.text[toks[k].start : toks[k + width - 1].end]
                if not phrase[:1].isupper():
                    continue
                code = self.country_of(phrase) if width > 1 or phrase[:1].isalpha() else None
                if code:
                    found.append(code)
                    k += width
                    break
            if not code:
                break
            if k < n and low[k] in ("og", "and", ","):
                if k + 1 < n and toks[k + 1].text[:1].isupper():
                    k += 1
                    continue
            break
        return (found, k) if found else ([], j)

    def names_after(
        self,
        toks: list[Token],
        low: list[str],
        j: int,
        place_at: dict[int, tuple[int, Place]],
        plural: bool,
    ) -> tuple[list[tuple[str, Leader | None]], int]:
        """Person names after a role: "president Vladimir Putin", "statsminister X og Y",
        ", Recep Tayyip Erdogan og Ebrahim Raisi"."""
        n = len(toks)
        k = j
        comma = False
        if k < n and low[k] in (",", ":"):
            k += 1
            comma = True
        names: list[tuple[str, Leader | None]] = []
        while k < n:
            nm_end = self.name_span(toks, low, k, place_at)
            if nm_end is None:
                break
            name = self.text[toks[k].start : toks[nm_end - 1].end]
            row = self.lookup_row(name)
            if row is None and _title_case(toks):
                break  # a headline in Title Case: "Japan's Leader Slips Into Kyiv"
            stripped = _strip_genitive(name, self.lang)
            if stripped != name and row is None and not self.known_alias(stripped):
                stripped = name  # "Klaus Iohannis" is not the genitive of "Iohanni"
            names.append((stripped, row))
            k = nm_end
            if not plural:
                break
            if k < n and low[k] in ("og", "and", ","):
                k += 1
                continue
            break
        if comma and not names:
            return [], j
        return names, k

    def name_span(
        self, toks: list[Token], low: list[str], k: int, place_at: dict[int, tuple[int, Place]]
    ) -> int | None:
        """End of a person name starting at token ``k`` (capitalised words, particles)."""
        n = len(toks)
        if k >= n or not _capitalised(toks[k].text) or low[k] in _NOT_NAME:
            return None
        if k in place_at and place_at[k][1].kind == "country":
            return None
        if self.role_at(low, k) is not None:
            return None
        e = k
        while e < n and e - k < 5:
            w = toks[e].text
            if _capitalised(w) and low[e] not in _NOT_NAME and self.role_at(low, e) is None:
                if e > k and e in place_at and place_at[e][1].kind == "country":
                    break
                head, hyphen, tail = w.partition("-")
                if (
                    e > k
                    and hyphen
                    and ((len(tail) >= 4 and tail.islower()) or self.country_of(head) is not None)
                ):
                    break  # "Joe Biden Europa-turen": a compound noun, not a name part
                e += 1
                if (
                    len(w) == 1
                    and e + 1 < n
                    and low[e] == "."
                    and _capitalised(toks[e + 1].text)
                    and toks[e].start == toks[e - 1].end
                ):
                    e += 1  # a middle initial: "Tore O. Sandvik"
            elif low[e] in _NAME_PARTICLES and e + 1 < n and _capitalised(toks[e + 1].text):
                e += 1
            else:
                break
        if e == k:
            return None
        # a single capitalised word that is a country/city is not a name ("president i Frankrike")
        if e - k == 1 and k in place_at and self.lookup_row(toks[k].text) is None:
            return None
        return e

    def name_before(
        self, toks: list[Token], low: list[str], i: int
    ) -> tuple[str, Leader | None] | None:
        """ "Kassym-Jomart Tokajev, Kasakhstans president" / "Macron, the French president"."""
        j = i - 1
        if j >= 0 and low[j] in _EN_ARTICLES | _NO_ARTICLES:
            j -= 1
        if j < 1 or low[j] != ",":
            return None
        end = j
        k = end - 1
        while k >= 0 and (_capitalised(toks[k].text) or low[k] in _NAME_PARTICLES) and end - k <= 5:
            if low[k] in _NOT_NAME:
                break
            k -= 1
        start = k + 1
        if start >= end:
            return None
        name = self.text[toks[start].start : toks[end - 1].end]
        return (name, self.lookup_row(name))

    def known_alias(self, name: str) -> bool:
        key = _fold(name)
        return any(key in e.aliases for e in self.entities)

    def lookup_row(self, name: str) -> Leader | None:
        key = _fold(_strip_genitive(name, self.lang))
        rows = self.table_rows(key, short=False) or self.table_rows(key, short=True)
        if not rows:
            parts = key.split()
            if len(parts) > 1:
                rows = self.table_rows(parts[-1], short=True)
                rows = [
                    r for r in rows if any(_fold(s).split()[-1] == parts[-1] for s in r.spellings)
                ]
        names = {r.name for r in rows}
        if len(names) == 1:
            return rows[-1]
        return None

    def leader_from(
        self,
        name: tuple[str, Leader | None] | None,
        country: str | None,
        role: str,
        *,
        group: bool = False,
    ) -> _Entity | None:
        nm, row = name if name else (None, None)
        if row is not None and country and row.country != country:
            row = None
        if row is None and nm is None and country and self.pub is not None:
            cands = [
                r
                for r in self.index.rows
                if r.country == country and _same_role(r.role, role) and r.in_office(self.pub)
            ]
            if len({r.name for r in cands}) == 1:
                row = cands[0]
        if role == "leader" and row is None and nm is None and not group:
            return None  # "the leaders of France and Germany" (group) are named later
        return self.entity_for(name=nm, country=country, role=role, row=row)

    def coref_role(
        self, role: str, low: list[str], i: int, prev: _Sentence | None = None
    ) -> _Entity | None:
        """ "presidenten", "the president": the latest entity with that role."""
        w = low[i]
        definite = (self.lang != "en" and w.endswith(("en", "a"))) or (
            self.lang == "en" and i > 0 and low[i - 1] == "the"
        )
        if not definite:
            return None
        roots = {e.root().idx: e.root() for e in reversed(self.entities)}
        cands = [r for r in roots.values() if _same_role(r.role, role)]
        if len({c.country for c in cands}) > 1 and prev is not None:
            # several leaders share the role: the one the previous sentence names, else the
            # article's first (its protagonist), not merely the latest one mentioned
            before = {r.entity.root().idx for r in prev.refs}
            named = [c for c in cands if c.idx in before]
            return named[0] if named else cands[-1]
        if cands:
            return cands[0]
        if self.lang != "en" and w == "kongen":  # Norwegian news: "Kongen" is Norway's king
            return self.leader_from(None, "NO", "king")
        return None

    def plural_countries(self, s: _Sentence, role: str) -> list[str]:
        """ "de to landenes presidenter": the latest group with that role, else the
        countries named in the sentence."""
        for g in reversed(self.groups):
            if all(_same_role(e.root().role, role) for e in g):
                return [e.root().country for e in g if e.root().country]
        taken = {k for r in s.refs for k in range(r.start, r.end)}  # "Ukrainas president X"
        codes = [
            p.country_code
            for ps, _, p in s.places
            if p.kind == "country" and p.country_code and ps not in taken
        ]
        return list(dict.fromkeys(codes)) if len(set(codes)) >= 2 else []

    def name_at(
        self, toks: list[Token], low: list[str], i: int, taken: list[bool]
    ) -> tuple[_Entity, int] | None:
        n = len(toks)
        max_w = min(self.index.max_tokens, n - i)
        for width in range(max_w, 0, -1):
            if any(taken[i : i + width]):
                continue
            last = toks[i + width - 1].text
            if not (_capitalised(last) or last.isalpha()):
                continue
            if width == 1 and self.part_of_other_name(toks, low, i):
                continue  # "Jill Biden", "Kim Yo Jong": someone else with that name
            surface = self.text[toks[i].start : toks[i + width - 1].end]
            keys = list(dict.fromkeys((_fold(surface), _fold(_strip_genitive(surface, self.lang)))))
            # names already seen in this article
            for key in keys:
                for e in self.entities:
                    r = e.root()
                    if r is e and key in r.aliases and r.country:
                        if (
                            width > 1
                            or len(key) > 2
                            # "Li" for Li Qiang: a two-letter family name seen in full before
                            or (r.country in _FAMILY_NAME_FIRST and surface[:1].isupper())
                        ):
                            if r.name is None or len(surface) > len(r.name):
                                if width > 1:
                                    r.name = _strip_genitive(surface, self.lang)
                            return r, i + width
            key = keys[-1]
            rows = self.table_rows(key, short=False)
            if not rows and (width == 1 or " " in key):
                rows = self.table_rows(key, short=True)
            if rows and len({r.name for r in rows}) == 1:
                row = rows[-1]
                nm = _strip_genitive(surface, self.lang) if width > 1 else None
                e = self.entity_for(name=nm, country=row.country, role=row.role, row=row)
                if e is not None:
                    return e, i + width
        return None

    def part_of_other_name(self, toks: list[Token], low: list[str], i: int) -> bool:
        """True when a one-word name stands next to another capitalised name word."""

        def name_like(k: int) -> bool:
            w = toks[k].text
            return (
                _capitalised(w)
                and w.isalpha()
                and low[k] not in _NOT_NAME
                and self.role_at(low, k) is None
                and self.country_of(w) is None
            )

        if i + 1 < len(toks) and name_like(i + 1):
            return True
        return i > 0 and name_like(i - 1)

    def is_host(self, low: list[str], a: int, b: int) -> bool:
        before = low[max(0, a - 4) : a]
        # "hans kollega og vert, Kassym-Jomart Tokajev" / "host Tokayev"
        # (not the verb: "Biden will host Modi" makes Modi the guest)
        if (
            any(w in _HOST_BEFORE for w in before[-3:])
            and not any(w in ("av", "by") for w in before[-2:])
            and not any(
                w == "host" and k and before[k - 1] in _MODALS for k, w in enumerate(before)
            )
        ):
            return True
        for phrase in _HOST_BY:
            k = len(phrase)
            if tuple(low[max(0, a - k) : a]) == phrase:
                return True
        for phrase in _HOST_AFTER_PHRASES:
            k = len(phrase)
            for gap in (0, 1, 2):
                if tuple(low[b + gap : b + gap + k]) == phrase:
                    passive = gap and low[b + gap - 1] in ("was", "were", "been", "is", "ble")
                    elsewhere = (
                        gap >= 2
                        and low[b] == ","
                        and low[b + 1] in _RELATIVES
                        and low[b + gap + k : b + gap + k + 1] in (["i"], ["in"])
                    )  # "Meloni, som var vertskap i Apulia, er også på plass i Sveits"
                    if not passive and not elsewhere:  # "Xi was hosted in Washington": guest
                        return True
        # "Kong Harald og dronning Sonja tok tirsdag imot ...": skip a coordinated
        # consort ("og dronning X", "and Queen X") and time words inside the phrase
        j = b
        if j + 2 < len(low) and low[j] in ("og", "and") and low[j + 1] in (
            "dronning", "queen", "kong", "king", "first", "kronprins",
        ):  # fmt: skip
            j += 3  # the consort's (first) name
        rest = [w for w in low[j : j + 8] if not (_is_time_word(w) or w in _ADVERBS)]
        for phrase in _HOST_AFTER_PHRASES:
            if len(phrase) > 1 and tuple(rest[: len(phrase)]) == phrase:
                return True
        return False

    def merge_entities(self) -> None:
        """Merge an unnamed "Tyrkias president" into the named leader with the same country
        and role, when the article names exactly one."""
        roots = [e for e in self.entities if e.root() is e]
        for e in roots:
            if e.name is not None or e.table is not None:
                continue
            named = [
                o
                for o in roots
                if o is not e
                and o.root() is o
                and o.country == e.country
                and _same_role(o.role, e.role)
                and (o.name or o.table)
            ]
            if not named and e.role == "leader":
                # "the leaders of France, ...": the one head of state or government named
                named = [
                    o
                    for o in roots
                    if o is not e
                    and o.root() is o
                    and o.country == e.country
                    and o.role in _HEAD_ROLES
                    and (o.name or o.table)
                ]
            if len(named) == 1:
                e.merged = named[0]

    # ---- pass 2: visits -------------------------------------------------------------------

    def find_visits(self) -> list[Visit]:
        cands: list[_Candidate] = []
        # the dateline ("NEW DELHI (AP) —") is where the story is until a meeting is named
        last_meeting: Place | None = self.dateline_place()
        last_meeting_when: str | None = None
        last_place: tuple[int, Place] | None = None  # (sentence number, place) of a visit
        last_any: tuple[int, Place] | None = None  # ... of any journey, even a group's
        n_s = 0  # counts sentences with a leader or a place (not bylines, ad notices)
        last_places: list[tuple[int, int, Place]] = []  # of the last sentence that had any
        for s in self.sentences:
            n_s += bool(s.refs or s.places)
            prev_places = last_places
            if s.refs or s.places:
                last_places = s.places
            # a quote's own words are not news of a trip; the speech tag after it may be
            # ("– Vi er forent, sa Niinistö, som landet i Brussel i morges")
            tag_at = _speech_tag(s.lower) if s.tokens[0].text.startswith(_QUOTE_START) else 0
            if tag_at is None or self.cancelled(s):
                continue
            unreal = _counterfactual_span(s.lower)
            if unreal == (0, len(s.lower)):
                continue
            if any(w in ("whether", "hvorvidt") for w in s.lower):
                continue  # "asked whether Biden might travel to Ukraine": no trip yet
            dests = [d for d in self.destinations(s) if d[0] > tag_at]
            meeting_before = last_meeting
            meeting_here = [p for _k, p, via in dests if via == "meeting"]
            scene = [d for d in dests if d[2] != "fronted"]
            if not meeting_here and any(
                w in _MEETING_WORDS
                or w in _GATHER_VERBS
                or w.endswith(
                    ("-toppmøtet", "-toppmøte", "-summit", "ministermøte", "ministermøtet")
                )
                for w in s.lower
            ):
                meeting_here = [p for _k, p, v in scene if v != "left"]
            onward = any(
                w in ("videre", "vidare", "onward", "onwards", "next")
                or (w == "on" and nxt in ("to", "til"))
                for w, nxt in zip(s.lower, [*s.lower[1:], ""], strict=True)
            )
            if meeting_here and not (onward and last_meeting is not None):
                k_meet = next(k for k, p, _v in dests if p is meeting_here[-1])
                when_meet = self.time_in(s, k_meet)
                later = resolve_time(when_meet, published=self.pub, status="planned")
                earlier = resolve_time(when_meet, published=self.pub, status="historical")
                if not (
                    last_meeting is not None
                    and self.pub is not None
                    and (
                        (later is not None and (later - self.pub).days > 7)
                        or (earlier is not None and (self.pub - earlier).days > 7)
                        or any(w in ("last", "forrige", "førre", "i fjor") for w in s.lower)
                    )
                ):
                    # ... but a meeting weeks ahead ("toppmøtet i Vilnius i juli") or past
                    # ("last month's BRICS summit in Johannesburg") does not replace the
                    # one the article is about
                    last_meeting = meeting_here[-1]
                    last_meeting_when = when_meet
            remote = any(w in _REMOTE_WORDS for w in s.lower)  # "deltar via video"
            if last_meeting is not None and not dests and not remote:
                ref = self.meeting_ref(s)
                if ref is None:
                    ref = self.presence_ref(s)
                if ref is None:
                    # "Lula ... landed on Saturday", "touched down on Tuesday", "flew into
                    # Joint Base Andrews": arrived at the meeting named before
                    ref = self.arrival_ref(s)
                if ref is None:
                    # "X and Y were joining the talks at Schloss Elmau": a venue the
                    # gazetteer lacks, at the meeting named before
                    ref = self.unknown_venue_ref(s)
                if ref is not None:
                    # "Fredag tok han med seg X, Y og Z til ...": all of them are there;
                    # "Med seg i Helsingfors har Trump X": there, in Helsingfors;
                    # "Among those we've spotted: X; Y and Z"
                    company = self.company_ref(s)
                    if company is None and self.presence_list(s):
                        company = ref
                    where = self.company_place(s, company) if company is not None else None
                    dests.append(
                        (
                            ref,
                            where or last_meeting,
                            "company" if company is not None else "meeting-ref",
                        )
                    )
            if not dests and s.refs and not remote:
                # "X og Y er på plass", "Med på reisen er også X", "blant dem som ankom":
                # there, at the meeting or the place of the visit told just before
                ref = self.presence_ref(s)
                target = last_meeting
                if (
                    target is not None
                    and target.kind in ("continent", "region", "union")
                    and last_place is not None
                    and n_s - last_place[0] <= 8
                    and last_place[1].kind in ("city", "country")
                ):
                    target = None  # "Xi's European tour": the country he is in now
                if target is None and last_place is not None and n_s - last_place[0] <= 8:
                    target = last_place[1]
                if ref is not None and target is not None:
                    company = self.company_ref(s)
                    if company is None and self.presence_list(s):
                        company = ref
                    dests.append((ref, target, "company" if company is not None else "meeting-ref"))
            if not dests and s.refs and prev_places:
                # "Truss reiser dit allerede tirsdag", "Biden will travel there": the place
                # the sentence before named
                k_there = _there_index(s.lower)
                if k_there is not None:
                    cities = [p for _a, _b, p in prev_places if p.kind == "city"]
                    dests.append(
                        (k_there, (cities or [p for _a, _b, p in prev_places])[-1], "travel")
                    )
            if not dests and s.refs and not remote and last_any and n_s - last_any[0] <= 2:
                # "British Prime Minister Rishi Sunak visited in November": the place of the
                # journey told just before ("... have made the journey to Kyiv")
                dests += [(k, last_any[1], "bare") for k in self.bare_visit_refs(s)]
            if dests:
                last_any = (n_s, dests[-1][1])
            if (
                not dests
                and s.refs
                and not remote
                and last_place is not None
                and n_s - last_place[0] <= 3
            ):
                # "Mandag møtte han Brasils president Lula": whom a visitor met in person
                # was at the place of the visit too
                k_met = self.met_visitor_ref(s, last_place[1])
                if k_met is not None:
                    dests.append((k_met, last_place[1], "met"))
            colon = self.colon_list(s)
            if colon is not None:
                # "Fleire av dei tyngste namna kom rett frå G7-toppmøtet i Apulia: A, B og C":
                # they left Apulia, and came here
                target = meeting_before or (last_place[1] if last_place else None)
                dests = [(k, p, "colon" if k < colon else v) for k, p, v in dests]
                if target is not None and all(p.id != target.id for _k, p, _v in dests):
                    dests.append((colon, target, "colon"))
            if dests and s.refs and not remote and self.presence_list(s):
                # "Also around the table were X; Y, who will travel on to Bangladesh; Z":
                # all of them are at the meeting, whatever else the sentence says
                target = last_meeting or (last_place[1] if last_place else None)
                if target is not None and all(p.id != target.id for _k, p, _v in dests):
                    first = min(r.start for r in s.refs)
                    dests = [*dests, (max(0, first - 1), target, "company")]
            if not dests:
                dests = self.host_destination(s)
            if not dests:
                dests = self.visiting_host(s)
            if unreal is not None:
                dests = [d for d in dests if not unreal[0] <= d[0] < unreal[1]]
            if any(w in _CONDITIONALS for w in s.lower):
                # "threatened to boycott the summit if the Russian president attends"
                dests = [d for d in dests if d[2] not in _WEAK_VIAS]
            if not dests or not s.refs:
                continue
            origin = self.origin_in(s)
            for k, place, via in dests:
                travellers = self.visitors(s, k, via)
                c = self.company_ref(s) if via in ("travel", "presence") else None
                if travellers and c is not None:
                    # "X, who flew into Tallinn, was accompanied by Y": Y went too
                    travellers += [
                        r
                        for r in s.refs
                        if r.start > c
                        and not r.host
                        and r not in travellers
                        and r.entity.root().country == travellers[0].entity.root().country
                    ]
                if travellers and via == "travel" and len(dests) == 1:
                    travellers += self.also_arrived(s, travellers)
                if travellers and via in ("travel", "presence", "meeting", "object", "fronted"):
                    travellers += self.companions(s, travellers, place, k)
                for ref in travellers:
                    when_text = self.time_in(s, k, ref)
                    if when_text is None and via == "meeting-ref":
                        when_text = last_meeting_when
                    status = self.status_of(s, when_text, ref, k, via)
                    e = ref.entity.root()
                    if (
                        via not in ("left", "fronted")
                        and e.country
                        and self.recent(status, when_text)
                    ):
                        # where the story is, even a home trip; not a visit told as background
                        # ("Kishida reiste til Kyiv i mars")
                        last_place = (n_s, place)
                    if not e.country or e.country == _sovereign(place.country_code):
                        continue  # at home, also in the country's own territories
                    if not self.in_term(e, when_text):
                        continue  # a former leader's trip after (or undated after) the term
                    if e.country in place.members and place.kind != "union":
                        continue
                    conf = 0.55
                    conf += (
                        0.2
                        if via in ("travel", "object", "meeting", "host", "left", "fronted")
                        else 0.1
                    )
                    conf += 0.15 if (e.table is not None or e.name) else 0.0
                    conf += 0.05 if place.kind in ("city", "country") else 0.0
                    cands.append(
                        _Candidate(
                            e,
                            place,
                            origin if origin and origin.id != place.id else None,
                            (s.start, s.end),
                            when_text,
                            status,
                            min(conf, 0.99),
                            self.text[s.start : s.end],
                        )
                    )
        return self.combine(cands)

    def companions(self, s: _Sentence, travellers: list[_Ref], place: Place, k: int) -> list[_Ref]:
        """Leaders "sammen med" / "together with" a traveller, or whom the traveller met
        there ("met Kristersson in Vilnius", "a meeting in Vilnius with X"): there too.
        Only in the clause of the place, with no other place between; hosts drop out later
        (a leader in their own country is no visitor)."""
        low = s.lower
        if any(w in _CALL_WORDS or w in _REMOTE_WORDS for w in low):
            return []
        place_starts = {ps for ps, _pe, _p in s.places if ps != k}
        out = []
        for r in s.refs:
            if r in travellers or r.host or r.start < travellers[0].start:
                continue
            e = r.entity.root()
            if not e.country or e.country == place.country_code:
                continue
            if out and all(w in (",", "og", "and", "&") for w in low[out[-1].end : r.start]):
                out.append(r)  # "i tillegg til X, Y og Z": the rest of the list
                continue
            a, b = (r.end, k) if r.start < k else (k + 1, r.start)
            between = low[a:b]
            if (
                b - a > 12
                or any(q in place_starts for q in range(a, b))
                or any(w in _CLAUSE_BREAKS or w in _SEQUENCE_WORDS for w in between)
            ):
                continue
            window = low[max(0, r.start - 3) : r.start]
            text = " ".join(window)
            if any(p in text for p in _COMPANY_PHRASES):
                out.append(r)
            elif any(w in _MEET_VERBS for w in window) or any(
                low[j] in ("with", "med")
                and any(_is_meeting_word(x) or x in _MEET_VERBS for x in low[max(0, j - 4) : j])
                for j in range(max(0, r.start - 3), r.start)
            ):
                out.append(r)  # "met X", "talks with X", "a meeting in Vilnius with X"
        return out

    def also_arrived(self, s: _Sentence, travellers: list[_Ref]) -> list[_Ref]:
        """ "X kom til Bodø måndag, medan Y landa tysdag": Y arrived at the same place."""
        low = s.lower
        out = []
        for i, w in enumerate(low):
            if w not in ("medan", "mens", "while", "whereas"):
                continue
            after = [r for r in s.refs if r.start == i + 1 and not r.host and not r.obj]
            if not after or after[0] in travellers:
                continue
            k = after[0].end
            if k < len(low) and low[k] in _ARRIVALS_BARE | {"landa", "landet", "kom", "came"}:
                nxt = low[k + 1] if k + 1 < len(low) else ""
                if nxt in _LIST_END or _is_time_word(nxt) or nxt in ("", "."):
                    out.append(after[0])
        return out

    def cancelled(self, s: _Sentence) -> bool:
        """A cancel word outside a relative clause about somebody ("Lula, who postponed a
        visit last month, is now expected in Beijing" is still a trip)."""
        low = s.lower
        for k, w in enumerate(low):
            if w not in _CANCEL_WORDS:
                continue
            j = k - 1
            while j >= 0 and low[j] not in (",", "–", "—", "(") and k - j < 12:
                j -= 1
            if j >= 0 and low[j] == "," and j + 1 < k and low[j + 1] in _RELATIVES:
                end = next((q for q in range(k, len(low)) if low[q] == ","), None)
                if end is not None and end + 1 < len(low):
                    continue  # a closed relative clause: ", who postponed ..., is"
            return True
        return False

    def recent(self, status: str, when_text: str | None) -> bool:
        """A visit of the story's own days: current or planned, or completed within three
        days of publication (or undated)."""
        if status in ("current", "planned"):
            return True
        if status != "completed":
            return False
        day = resolve_time(when_text, published=self.pub, status="completed")
        return day is None or self.pub is None or (self.pub - day).days <= 3

    def in_term(self, e: _Entity, when_text: str | None) -> bool:
        """False for a leader out of office on the article's date unless the visit's own
        date falls within the term."""
        row = e.table
        if row is None or self.pub is None or row.in_office(self.pub):
            return True
        day = resolve_time(when_text, published=self.pub, status="historical")
        return day is not None and row.in_office(day)

    def host_destination(self, s: _Sentence) -> list[tuple[int, Place, str]]:
        """ "Putin hosted Xi", "Scholz tok imot Støre": the guests visit the host's country."""
        hosts = [r for r in s.refs if r.host]
        if not hosts or not any(w in _HOST_WORDS for w in s.lower):
            return []
        h = hosts[0].entity.root()
        place = self.gaz.country(h.country) if h.country else None
        if place is None:
            return []
        # "tok imot X på Slottsplassen i Oslo": the more specific place in the host's country
        inside = [p for _ps, _pe, p in s.places if p.country_code == h.country and p.kind == "city"]
        return [(hosts[0].start, inside[0] if len(inside) == 1 else place, "host")]

    def destinations(self, s: _Sentence) -> list[tuple[int, Place, str]]:
        """Places in the sentence that a travel word or a leader's presence governs:
        (token index, place, how) with how in travel | object | meeting | presence."""
        low = s.lower
        out: list[tuple[int, Place, str]] = []
        has_copula = any(w in _COPULAS for w in low)
        cue_re = _CUE_RE_EN if self.lang == "en" else _CUE_RE_NO
        has_cue = any(cue_re.match(w) for w in low)
        subj_ends = {r.end - 1 for r in s.refs if not r.obj}
        if has_cue:  # "møtte Wang Yi i Beijing": the meeting took place there
            subj_ends |= {r.end - 1 for r in s.refs if r.obj}
            # "møtte dei nordiske statsministrane på Island": an unnamed group met there
            subj_ends |= {i for i in range(1, len(low)) if (hit := self.role_at(low, i)) and hit[1]}
        ref_tokens = {k for r in s.refs for k in range(r.start, r.end)}
        place_end = {pe - 1: (ps, p) for ps, pe, p in s.places}
        dest_at: dict[int, str] = {}  # place start token -> how
        places = sorted(s.places, key=lambda t: t[0])
        for ps, pe, place in places:
            if ps in ref_tokens or ps == 0:
                continue
            if pe < len(low) and low[pe] in _PEOPLE_NOUNS:
                continue  # "a report on his travels to EU leaders": the place names people
            how = None
            prep_idx = ps - 1
            if prep_idx >= 2 and low[prep_idx] == "." and low[prep_idx - 1] in ("st", "mt", "ft"):
                prep_idx -= 2  # "til St. Petersburg": the abbreviation belongs to the name
            # "the Ukrainian capital" / "den ukrainske hovedstaden" (the place is the capital word)
            if low[ps] in _CAPITAL_WORDS:
                j = ps - 1
                while (
                    j >= 1
                    and ps - j <= 2
                    and (low[j] in _EN_ARTICLES | _NO_ARTICLES or self.country_of(s.tokens[j].text))
                ):
                    j -= 1
                prep_idx = j
            # "the Kazakh capital Astana" / "hovedstaden Astana"
            elif low[prep_idx] in _CAPITAL_WORDS and prep_idx >= 1:
                j = prep_idx - 1
                while j >= 1 and low[j] not in _LOC_PREPS and ps - j < 5:
                    j -= 1
                prep_idx = j
            if (
                self.lang == "en"
                and low[prep_idx] == "of"
                and prep_idx >= 2
                and low[prep_idx - 1] in _PLACE_NOUNS
            ):
                # "in the Black Sea resort of Sochi", "to the port city of Odesa"
                j = prep_idx - 2
                while j >= 0 and prep_idx - j <= 6 and low[j] not in _LOC_PREPS:
                    j -= 1
                if j >= 0 and low[j] in _LOC_PREPS:
                    prep_idx = j
            if (
                self.lang == "en"
                and low[prep_idx] == "the"
                and prep_idx >= 1
                and low[prep_idx - 1] in _LOC_PREPS
            ):
                prep_idx -= 1  # "arrived in the UK", "travelled to the Netherlands"
            if (
                low[prep_idx] in ("of", "through")
                and prep_idx >= 1
                and low[prep_idx - 1] in ("tour", "swing", "trip", "visit", "visits")
                and place.kind in ("country", "city", "admin", "island")
            ):
                how = "travel"  # "a weeklong tour of Egypt, Ghana and Kenya"
                dest_at[ps] = how
                out.append((ps, place, how))
                continue
            prev = low[prep_idx]
            if (
                prev in ("in", "i", "at", "på")
                and (prep_idx == 0 or (prep_idx == 1 and low[0] in ("også", "òg", "also", "even")))
                and (
                    has_cue
                    or any(w.endswith(("møte", "møtet", "møter")) for w in low)
                    or self.scene_subject(s, pe)
                )
            ):
                # a fronted place: "In Kyiv, Biden held talks" (often a side scene: it does
                # not become the meeting later sentences refer to)
                how = "fronted"
            elif prev in _LOC_PREPS:
                h0 = prep_idx - 1
                if (
                    place.kind == "country"
                    and h0 >= 2
                    and h0 not in place_end
                    and h0 not in ref_tokens
                    and _capitalised(s.tokens[h0].text)
                    and low[h0 - 1] in _LOC_PREPS
                    and not _is_meeting_word(low[h0])  # "til G7-toppmøtet i Japan"
                ):
                    h0 -= 2  # "i Ramstein i Tyskland": an unknown place in a named country
                head = self.head_of(low, h0, place_end)
                # "Jidda i Saudi-Arabia", "Hanoi in Vietnam": the place a destination lies in
                if head in place_end and place_end[head][0] in dest_at:
                    how = dest_at[place_end[head][0]]
                else:
                    how = self.attachment(low, head, subj_ends, has_cue, has_copula, prev)
                    if how is None and prev not in ("til", "to", "into"):
                        how = self.met_someone_at(s, head, subj_ends)
            elif prev in _FROM_PREPS and (
                (prep_idx >= 1 and low[prep_idx - 1] in _PARTICLES)
                or (pe < len(low) and low[pe] in ("videre", "vidare", "on"))
            ):
                # "reiste videre fra New Delhi til Hanoi", "reiser fra Bali videre til
                # Bangkok": was in New Delhi, in Bali
                how = "left"
            elif prev in _FROM_PREPS:
                # "advarte fra Beirut", "said from Kyiv": speaking from a place
                j = prep_idx - 1
                while j >= 0 and (_is_time_word(low[j]) or low[j] in _ADVERBS):
                    j -= 1
                if (
                    j >= 0
                    and low[j] in _SPEECH_VERBS
                    and not any(w in ("til", "to") for w in low[pe : pe + 2])
                ):
                    how = "presence"
                else:
                    # "came from Lima, Peru, where he attended the summit": was there
                    q = pe
                    pstart = {a: b for a, b, _p in s.places}
                    if q + 1 < len(low) and low[q] == "," and q + 1 in pstart:
                        q = pstart[q + 1]
                    if (
                        q + 2 < len(low)
                        and low[q] == ","
                        and low[q + 1] in ("where", "der", "hvor", "kor")
                        and any(
                            w in _PAST_WORDS | {"been", "vært", "vore"} for w in low[q + 2 : q + 7]
                        )
                    ):
                        how = "left"
            else:
                j = prep_idx
                while j >= 0 and (_is_time_word(low[j]) or low[j] in _ADVERBS) and ps - j < 4:
                    j -= 1
                if j >= 0 and self.is_visit_verb(low[j]):
                    how = "object"
                elif (
                    prev in (",", "og", "and", "&")
                    and out
                    and out[-1][0] < ps
                    and self.list_continues(low, out[-1][0], ps, place_end)
                ):
                    how = out[-1][2]  # "besøkt Israel, Jordan, Qatar og Egypt"
            if (
                how is None
                and out
                and prep_idx >= 1
                and low[prep_idx] in ("to", "til")
                and low[prep_idx - 1] in ("then", "deretter", "så", "later", "seinare", "senere")
            ):
                how = out[-1][2]  # "traveling to Berlin ... and then to Paris"
            if how is None and self.where_ref(s, pe) is not None:
                how = "where"  # "i Berlin tirsdag, der Wang skal ha samtaler med Maas"
            if how:
                dest_at[ps] = how
                out.append((ps, place, how))
        return out

    def scene_subject(self, s: _Sentence, pe: int) -> bool:
        """ "In Praia on Monday, Blinken praised ...": a fronted place, a time, a comma and a
        named leader as the subject."""
        low = s.lower
        j = pe
        while j < len(low) and (low[j] in ("on", "this", "last", "på") or _is_time_word(low[j])):
            j += 1
        if j >= len(low) or low[j] != ",":
            return False
        return any(r.start == j + 1 and not r.obj and not r.host for r in s.refs)

    def where_ref(self, s: _Sentence, pe: int) -> _Ref | None:
        """The leader right after ", der" / ", where" / ", when" that follows a place
        ("Samarkand, Uzbekistan, ..., where Mr. Putin acknowledged"): there."""
        low = s.lower
        j = pe
        while j < len(low) and j - pe <= 6:
            w = low[j]
            if w in (",", "–", "—") and j + 1 < len(low) and low[j + 1] in _WHERE_WORDS:
                k = j + 2
                while k < len(low) and (
                    low[k] in _ADVERBS or _is_time_word(low[k]) or low[k].rstrip(".") in _TITLES
                ):
                    k += 1
                for r in s.refs:
                    named = low[r.start] in _PRONOUNS[self.lang] or any(
                        s.tokens[q].text[:1].isupper()
                        and self.country_of(s.tokens[q].text) is None
                        and self.role_at(low, q) is None
                        for q in range(r.start, r.end)
                    )  # a name or a pronoun, not "the British prime minister" (which one?)
                    if r.start == k and not r.host and not r.obj and named:
                        return r  # a name, not "dronningen" (which queen?)
                return None
            if w in _CLAUSE_BREAKS or w in _SEQUENCE_WORDS:
                return None
            j += 1
        return None

    def visiting_host(self, s: _Sentence) -> list[tuple[int, Place, str]]:
        """ "Putin var på besøk hos Macron", "paid a visit to Xi": at the host's, in the
        host's country (its capital unless the sentence names a town there)."""
        low = s.lower
        for i, w in enumerate(low[:-1]):
            if (w in ("besøk", "vitjing") and low[i + 1] == "hos") or (
                w == "visit" and low[i + 1] == "to" and i >= 1 and low[i - 1] in ("a", "state")
            ):
                host = next((r for r in s.refs if r.start in (i + 2, i + 3)), None)
                if host is None or not host.entity.root().country:
                    continue
                code = host.entity.root().country
                inside = [
                    p for _a, _b, p in s.places if p.country_code == code and p.kind == "city"
                ]
                place = inside[0] if inside else self.gaz.country(code)
                if place is not None:
                    host.host = True
                    return [(i, place, "travel")]
        return []

    def dateline_place(self) -> Place | None:
        """The city of a wire dateline: "NEW DELHI (AP) —", "KYIV, Feb 20 (Reuters) -",
        "WASHINGTON —"."""
        m = _DATELINE_RE.search(self.text[:3000])
        if m is None:
            return None
        name = m.group(1).strip().title()
        cands = [p for p in self.gaz.lookup(name) if p.kind == "city"]
        if cands:
            return _rank_places(cands, self.lang, self.article_countries)
        # "ELMAU, Germany, June 27 (Reuters)": a place the gazetteer lacks, in a named country
        after = self.text[m.end(1) : m.end(1) + 40]
        c = re.match(r",\s*([A-Z][\w .'-]+?)\s*[,(]", after)
        found = self.gaz.lookup(c.group(1)) if c else []
        return found[0] if found and found[0].kind == "country" else None

    def bare_visit_refs(self, s: _Sentence) -> list[int]:
        """Token index of a visit verb with no place after it ("visited in November",
        "arrived together on a night train", "kom også") whose subject is a leader."""
        low = s.lower
        out: list[int] = []
        if any(w in _NEGATIONS or w in _CANCEL_WORDS for w in low):
            return out
        for v, w in enumerate(low):
            if w not in _BARE_VISIT_VERBS:
                continue
            nxt = low[v + 1] if v + 1 < len(low) else "."
            if not (
                nxt in _LIST_END
                or _is_time_word(nxt)
                or nxt in ("together", "too", "also", "sammen", "saman", "også", "òg")
            ):
                continue
            before = [r for r in s.refs if r.end <= v and not r.obj and not r.host]
            if before and not self.boundary(s.lower, before[-1].end, v):
                out.append(v)
        return out

    def met_visitor_ref(self, s: _Sentence, place: Place) -> int | None:
        """Token index of "met" when its subject is a leader visiting ``place`` (named or a
        pronoun, before the verb or right after it: "Mandag møtte han ...") and leaders
        follow as its objects; None for calls, negations and anything else."""
        low = s.lower
        if any(w in _CALL_WORDS or w in _NEGATIONS for w in low):
            return None
        for v, w in enumerate(low):
            if w not in _MEET_VERBS:
                continue
            before = [r for r in s.refs if r.end <= v and not r.obj and not r.host]
            subject = before[-1] if before and not self.boundary(low, before[-1].end, v) else None
            if subject is None:
                subject = next((r for r in s.refs if r.start == v + 1 and not r.host), None)
            if subject is None:
                continue
            e = subject.entity.root()
            if not e.country or e.country == place.country_code:
                continue
            if any(r.start > subject.end and r.start > v for r in s.refs):
                return v
        return None

    def met_someone_at(self, s: _Sentence, head: int, subj_ends: set[int]) -> str | None:
        """ "Eide møtte EUs utenrikssjef Josep Borrell i Brussel": the leader who met
        someone (not a leader the reader knows) was at the place of the meeting."""
        low, toks = s.lower, s.tokens
        ref_ends = {r.end - 1 for r in s.refs}
        if head < 1 or not (_capitalised(toks[head].text) or head in ref_ends):
            return None  # "met Borrell in Brussels", "met the Russian leader in Sochi"
        v = head - 1
        while v >= 0 and head - v <= 6 and low[v] not in _MEET_VERBS:
            if low[v] in _CLAUSE_BREAKS or low[v] in (",", "og", "and"):
                return None
            v -= 1
        if v < 1 or low[v] not in _MEET_VERBS:
            return None
        b = v - 1
        while b >= 0 and (low[b] in _ADVERBS or _is_time_word(low[b])):
            b -= 1
        return "travel" if b in subj_ends else None

    def list_continues(
        self, low: list[str], first: int, ps: int, place_end: dict[int, tuple[int, Place]]
    ) -> bool:
        """True when only places, commas and "og"/"and" stand between two place mentions."""
        k = first
        while k < ps:
            if k in {s for s, _p in place_end.values()}:
                end = next(e for e, (s, _p) in place_end.items() if s == k)
                k = end + 1
                continue
            if low[k] in (",", "og", "and", "&"):
                k += 1
                continue
            return False
        # the list must end the clause: "Israel, Jordan og Egypt." not "Kasakhstan, og EU og USA er"
        starts = {st: e for e, (st, _p) in place_end.items()}
        while k in starts:
            k = starts[k] + 1
            if k < len(low) and low[k] in (",", "og", "and", "&") and k + 1 in starts:
                k += 1
        if k >= len(low):
            return True
        w = low[k]
        return w in _LIST_END or _is_time_word(w)

    def head_of(self, low: list[str], h: int, place_end: dict[int, tuple[int, Place]]) -> int:
        """The word a preposition attaches to, skipping articles, particles, "fra X" and a
        means of transport ("travelled by armoured train to", "kom med fly til")."""
        for j in range(h, max(-1, h - 5), -1):
            if low[j] in ("by", "aboard", "med", "on") and j >= 1:
                if all(
                    x.isalpha() and x not in _CLAUSE_BREAKS and x not in place_end
                    for x in low[j + 1 : h + 1]
                ) and self.is_travel_word(low[j - 1]):
                    return j - 1
                break
        while h >= 0:
            w = low[h]
            if w in _EN_ARTICLES or w in ("et", "en", "eit", "ein"):
                h -= 1
            elif w in _PARTICLES or w == "instead":
                h -= 1
            elif w in ("stedet", "staden") and h >= 1 and low[h - 1] == "i":
                h -= 2  # "var i stedet i Stockholm"
            elif h in place_end:
                ps = place_end[h][0]
                if ps >= 1 and low[ps - 1] in _FROM_PREPS:  # "fra New Delhi til Hanoi"
                    h = ps - 2
                elif ps >= 1 and low[ps - 1].startswith("represent"):
                    return ps - 1  # "representerer Brasil i Kazan"
                else:
                    return h
            else:
                return h
        return h

    def attachment(
        self,
        low: list[str],
        h: int,
        subj_ends: set[int],
        has_cue: bool,
        has_copula: bool,
        prep: str,
    ) -> str | None:
        """What the preposition before a place attaches to, if that makes it a destination."""
        if h < 0:
            return None
        w = low[h]
        directional = prep in ("til", "to", "into")
        if (
            w in _MEETING_WORDS
            or w.endswith(("møte", "møtet", "summit", "toppmøte", "toppmøtet", "-møter"))
            or w in ("meetings", "summits", "talks")
        ):
            j = h - 1
            while j >= 0 and low[j] in _EN_ARTICLES | _NO_ARTICLES:
                j -= 1
            if j >= 0 and (
                low[j] in _OPINION_VERBS
                or (low[j] in ("til", "to") and j >= 1 and low[j - 1] in _REFER_VERBS)
            ):
                return None  # "håpar møtet i Vladivostok kan ...", "viste til ministermøtet i"
            return "meeting"
        if (
            w in ("landet", "landa")
            and h >= 1
            and not (
                h - 1 in subj_ends
                or _is_time_word(low[h - 1])
                or _after_relative(low, h, subj_ends)  # "Niinistö, som landet i Brussel"
            )
        ):
            return None  # "det største landet i Europa": the noun "landet", not "landed"
        if w.startswith("represent") and prep in ("i", "in", "at", "på") and h - 1 in subj_ends:
            return "travel"
        if (
            w in _AUDIENCE_WORDS
            and prep in ("i", "in", "at", "på")
            and any(
                x in _SPEECH_VERBS or x in ("speaking", "talking") for x in low[max(0, h - 3) : h]
            )
            and any(k in subj_ends for k in range(max(0, h - 8), h))
        ):
            return "presence"  # "Blinken, speaking to reporters in Vilnius", "sa til NTB i Kyiv"
        if not self.is_travel_word(w) and w not in _MEETING_WORDS:
            for j in range(h - 1, max(-1, h - 5), -1):
                if low[j] in _CLAUSE_BREAKS or low[j] == ",":
                    break
                if (low[j] in _MEETING_WORDS or low[j].endswith(("summit", "toppmøte"))) and (
                    any(x in ("of", "for", "med", "with") for x in low[j + 1 : h])
                ):
                    return "meeting"  # "a summit of Caspian Sea nations in Ashgabat"
        if w in ("him", "her", "ham", "henne") and h >= 1 and low[h - 1] in _TOOK_VERBS:
            return "travel"  # "Xi's last European tour took him to Rome"
        if w == "med" and prep == "til" and h >= 1 and low[h - 1] in _COPULAS | {"også", "òg"}:
            return "travel"  # "Søreide var med til St. Petersburg": went along there
        if w in ("stede", "stades") and h >= 1 and low[h - 1] == "til" and prep in ("i", "på"):
            return "presence"  # "Også Kofod har vært til stede i Reykjavik"
        if w in _SPAN_WORDS and h >= 1 and (low[h - 1].isdigit() or low[h - 1] in _SMALL_NUMBERS):
            return "presence"  # "etter to dagar i Luleå", "after two days in Phnom Penh"
        if (
            w in ("hosted", "received", "welcomed")
            and h >= 1
            and low[h - 1] in ("was", "were", "been")
        ):
            return "travel"  # "Xi was hosted in Washington by Obama"
        if self.is_travel_word(w):
            if w == "due" and prep != "in":
                return None  # "due to the war", not "due in Beirut"
            return "travel"
        if self.lang != "en" and prep == "til" and h >= 1:
            # "Gram skal til Brussel", "Neste uke skal han til Brussel": going there
            if (w in _NO_GOING_MODALS and h - 1 in subj_ends) or (
                h in subj_ends and low[h - 1] in _NO_GOING_MODALS
            ):
                return "travel"
        if h in subj_ends:
            if has_cue:
                return "travel"
            if has_copula and not directional:
                return "presence"
            return None
        if _is_time_word(w) and (has_cue or has_copula):
            if has_cue:
                return "travel"
            return None if directional else "presence"
        if w in _ADVERBS and (has_cue or has_copula) and h >= 1:
            before = low[h - 1]
            if h - 1 in subj_ends or before in _COPULAS or self.is_travel_word(before):
                return "travel" if has_cue else (None if directional else "presence")
            if _is_time_word(before) and h >= 2 and (h - 2 in subj_ends or low[h - 2] in _COPULAS):
                return "travel" if has_cue else (None if directional else "presence")
        if w in _COPULAS and not directional:
            if has_cue or h - 1 in subj_ends or (h >= 1 and low[h - 1] in _PRONOUNS[self.lang]):
                return "presence"
            if h >= 1 and low[h - 1] in ("og", "and") and any(e < h - 1 for e in subj_ends):
                return "presence"  # "Pompeo har hatt en nøkkelrolle, og var i Pyongyang i mai"
            j = h - 1
            while j >= 0 and h - j <= 4 and (low[j] in _ADVERBS or low[j] in _AUXILIARIES):
                j -= 1
            if j < h - 1 and j in subj_ends:
                return "presence"  # "Brende har selv vært i Havanna flere ganger"
            if _after_relative(low, h, subj_ends):
                return "presence"  # "Frederiksen, som (også) var i Kyiv i april, sa ..."
        return None

    def is_travel_word(self, w: str) -> bool:
        if self.lang == "en":
            return w in _TRAVEL_EXACT_EN or (
                w.startswith(_TRAVEL_PREFIXES_EN)
                and not w.startswith(("holder", "holding", "comedy", "stopp", "addressee"))
            )
        if w.startswith(("land", "kom", "tal", "tur", "plass", "stans", "del")):
            return w in _NO_TRAVEL_EXACT
        return w.startswith(_TRAVEL_PREFIXES_NO) or w in _NO_TRAVEL_EXACT

    def is_visit_verb(self, w: str) -> bool:
        if self.lang == "en":
            return w in ("visit", "visits", "visited", "visiting", "toured", "tour", "tours",
                         "reached", "reaches", "arrived", "left", "departed")  # fmt: skip
        return (w.startswith(("besøk", "vitj")) and w not in ("besøket", "besøk", "besøkene")) or (
            w
            in (
                "ankom",
                "ankommer",
                "nådde",
                "når",
                "gjestet",
                "gjestar",
                "gjester",
                "innom",
                "forlot",
                "forlét",
                "forlet",
            )
        )

    def meeting_ref(self, s: _Sentence) -> int | None:
        """ "ventet til møtet", "will attend the summit": a back-reference to the meeting."""
        low = s.lower
        for i, w in enumerate(low):
            if w not in _MEETING_REF and not w.endswith(("toppmøtet", "-møtet")):
                continue
            j = i - 1
            while j >= 0 and low[j] in ("det", "den", "the", "same", "samme", "sama", "this",
                                        "dette", "that", "nevnte"):  # fmt: skip
                j -= 1
            if j < 0:
                continue
            prev = low[j]
            if self.lang == "en":
                if prev in ("at", "attend", "attends", "attended", "attending", "to", "join",
                            "joined", "joins", "for"):  # fmt: skip
                    return i
                continue
            if prev in ("til", "på", "i", "ved", "under"):
                return i
        for i, w in enumerate(low):  # "er blant gjestene", "among the participants"
            if w in _PARTICIPANT_WORDS and i >= 1 and low[i - 1] in ("blant", "among", "the"):
                return i
        for i, w in enumerate(low):  # "represented by", "representerer Brasil"
            if w.startswith("represent") and w not in ("representative", "representatives"):
                return i
        return None

    def ref_after(self, s: _Sentence, i: int) -> bool:
        """A named leader (not a pronoun) after token ``i``."""
        return any(r.start > i and r.end - r.start > 1 or s.tokens[r.start].text[:1].isupper()
                   for r in s.refs if r.start > i)  # fmt: skip

    def company_ref(self, s: _Sentence) -> int | None:
        """ "Med seg har han X", "accompanied by X", "in the delegation", "med på reisen":
        everyone the sentence names travels together."""
        low = s.lower
        for i, w in enumerate(low):
            nxt = low[i + 1] if i + 1 < len(low) else ""
            third = low[i + 2] if i + 2 < len(low) else ""
            if (
                ((w, nxt) in (("med", "seg"), ("accompanied", "by")) and self.ref_after(s, i + 1))
                or (
                    w in ("accompanied", "accompanies", "fulgte", "følger", "følgde")
                    and any(r.start in (i + 1, i + 2) for r in s.refs)
                )
                or ((w, nxt) == ("med", "på") and third in ("reisen", "turen", "besøket", "reisa"))
                or w.startswith(("delegasjon", "delegation"))
            ):
                return i
        return None

    def arrival_ref(self, s: _Sentence) -> int | None:
        """Token index of an arrival with no known place: "landed on Saturday", "touched
        down", "flew into Joint Base Andrews" (a place the gazetteer lacks)."""
        low = s.lower
        starts = {ps for ps, _pe, _p in s.places}
        for i, w in enumerate(low):
            nxt = low[i + 1] if i + 1 < len(low) else ""
            if w in _ARRIVALS_BARE:
                return i
            if w == "touched" and nxt == "down":
                return i
            if (
                w in ("flew", "flies")
                and nxt == "in"
                and (i + 2 >= len(low) or not _capitalised(s.tokens[i + 2].text))
            ):
                return i  # "Li Qiang, who flew in on Friday"
            if (
                w in ("flew", "fløy", "flaug")
                and nxt in ("into", "in", "to", "inn")
                and i + 2 < len(low)
                and _capitalised(s.tokens[i + 2].text)
                and i + 2 not in starts
            ):
                return i
        return None

    def unknown_venue_ref(self, s: _Sentence) -> int | None:
        """Token index of "at"/"på" before a capitalised name that is neither a known
        place nor a leader, in a sentence about travel or a meeting."""
        low = s.lower
        if not any(
            _CUE_RE_EN.match(w) if self.lang == "en" else _CUE_RE_NO.match(w) for w in low
        ) and not any(_is_meeting_word(w) for w in low):
            return None
        starts = {ps for ps, _pe, _p in s.places}
        refs = {k for r in s.refs for k in range(r.start, r.end)}
        for i, w in enumerate(low[:-1]):
            if w in ("at", "på") and i + 1 not in starts and i + 1 not in refs:
                nxt = s.tokens[i + 1].text
                if _capitalised(nxt) and low[i + 1] not in _NOT_NAME and i > 0:
                    before = [r for r in s.refs if r.end <= i and not r.obj and not r.host]
                    if before and not self.boundary(low, before[-1].end, i):
                        return i
        return None

    def colon_list(self, s: _Sentence) -> int | None:
        """Index of ":" when the sentence names its leaders only after it and an arrival
        ("kom", "came", "arrived") stands before it."""
        low = s.lower
        if ":" not in low[1:]:
            return None
        colon = low.index(":")
        if any(r.start < colon for r in s.refs) or not any(r.start > colon for r in s.refs):
            return None
        arrival = {"kom", "kjem", "came", "arrived", "ankom", "landa", "landet", "flew", "fløy"}
        return colon if any(w in arrival for w in low[:colon]) else None

    def presence_list(self, s: _Sentence) -> bool:
        """ "Among those we've spotted: ...", "Blant dem som er på plass: ...": every
        leader named after it is there."""
        return any(_list_presence_at(s.lower, i) for i in range(len(s.lower)))

    def travelling_with(self) -> str | None:
        """The country of the foreign leader a minister travels with, in a sentence about
        company: named in it ("Med seg på reisa har Kim utanriksminister Ri Yong-ho"), else
        the leader of the sentence before ("I delegasjonen hans er ...")."""
        if self.company_context is None:
            return None
        s, prev = self.company_context
        first = next(
            (r for r in s.refs if r.entity.root().country and not r.obj and not r.host), None
        )
        if first is not None:
            if first.entity.root().country != "NO":
                return first.entity.root().country
        else:
            # the leader may not be read yet ("har Kim" is read after the roles): by alias
            words = {_fold(w) for w in s.lower}
            for e in self.entities:
                r = e.root()
                if r is e and r.country and r.country != "NO" and r.aliases & words:
                    return r.country
        before = [
            r.entity.root().country for r in (prev.refs if prev else []) if not r.obj and not r.host
        ]
        return before[0] if before and before[0] and before[0] != "NO" else None

    def company_place(self, s: _Sentence, c: int) -> Place | None:
        """The place in "med seg i Helsingfors", "with him in Helsinki", if any."""
        starts = {ps: p for ps, _pe, p in s.places}
        for j in range(c + 1, min(len(s.lower), c + 5)):
            if s.lower[j - 1] in ("i", "in", "på", "at", "to", "til") and j in starts:
                return starts[j]
        return None

    def presence_ref(self, s: _Sentence) -> int | None:
        """Token index of a presence phrase that names no place: "er på plass", "er til
        stede", "is in attendance", "med på reisen", "in the delegation", "blant dem som
        ankom", "among those who arrived"."""
        low = s.lower
        n = len(low)
        for i, w in enumerate(low):
            if w in _NEGATIONS or w in _CANCEL_WORDS:
                return None  # "Heller ikke Putin var til stede"
            nxt = low[i + 1] if i + 1 < n else ""
            prev = low[i - 1] if i else ""
            if w == "på" and nxt == "plass" and prev in _COPULAS | _ADVERBS | {"alle", "all"}:
                return i
            if w == "til" and nxt in ("stede", "stades") and prev in _COPULAS | _ADVERBS | {"alle"}:
                return i
            if w == "in" and nxt == "attendance":
                return i
            if w in ("sidelines", "margins", "marginen", "marginane", "sidelinjen") and prev in (
                "the", "i", "på",
            ):  # fmt: skip
                return i  # "met on the sidelines", "i marginen av møtet"
            if (
                w == "med"
                and nxt == "i"
                and i + 2 < n
                and low[i + 2].startswith(("følge", "følgj", "delegasjon"))
            ):
                return i  # "er med i følgjet": travels with the visitor
            if (
                (w, nxt) in (("i", "byen"), ("in", "town"))
                and prev in _COPULAS | _ADVERBS
                and (
                    i + 2 >= n
                    or low[i + 2] in _LIST_END | {"siden", "sidan", "since"}
                    or _is_time_word(low[i + 2])
                )
            ):
                return i  # "har vært i byen siden fredag": at the place told before
            if w in ("med", "with") and i + 2 < n and nxt in ("på", "on") and low[i + 2] in (
                "reisen", "turen", "besøket", "reisa", "vitjinga", "the",
            ):  # fmt: skip
                if low[i + 2] != "the" or (i + 3 < n and low[i + 3] in ("trip", "visit")):
                    return i
            if (w, nxt) in (("med", "seg"), ("accompanied", "by")) and self.ref_after(s, i + 1):
                return i
            if w in ("accompanied", "accompanies", "fulgte", "følger", "følgde") and any(
                r.start in (i + 1, i + 2) for r in s.refs
            ):
                return i  # "Jaishankar, who accompanied Modi"
            if w.startswith(("delegasjon", "delegation")) and any(
                x in _COPULAS for x in low[max(0, i - 6) : i + 4]
            ):
                return i
            if (
                w in ("blant", "among")
                and nxt in ("dem", "those", "de", "dei")
                and any(x in _ARRIVALS for x in low[i + 2 : i + 6])
            ):
                return i
            if w in ("blant", "among") and any(
                x in _ATTENDING for x in low[i + 1 : i + 6]
            ):  # "Among the (other) leaders attending were X, Y and Z"
                return i
            if (self.lang == "en" and w == "here" or self.lang != "en" and w == "her") and (
                prev in _COPULAS or nxt in _COPULAS or (prev in _ADVERBS and i >= 2)
            ):
                return i  # "Orban is here too", "Also here is Schoof", "Støre er her"
            if _list_presence_at(low, i):
                return i  # "Among those we've spotted: X, Y and Z", "Rundt bordet sat ..."
            if w in _ATTENDING and nxt in ("included", "include", "including", "were", "was"):
                return i  # "Other leaders present included X, Y and Z"
            if w == "attending" and prev in ("is", "are", "was", "were"):
                return i  # "Merkel is attending her last (summit)"
            if w in _ATTENDED and (nxt in _LIST_END or nxt in ("", "and", "og")):
                return i  # "Vucic also attended", "X deltok også."
            if (
                w in ("flew", "flies", "flying", "fløy", "flaug")
                and nxt == "in"
                and (i + 2 >= n or not low[i + 2][:1].isalpha() or low[i + 2] in _LIST_END)
            ):
                return i  # "Putin also flew in on Tuesday"
        return None

    def visitors(self, s: _Sentence, k: int, via: str) -> list[_Ref]:
        """The leader references in the sentence that travel to the place at token ``k``:
        the nearest subject before it (with the leaders coordinated with it), else the
        first one after it (Norwegian inversion: "Nylig var Macron i Kasakhstan"). Nobody
        "instead of" whom somebody else came ("i stedet for president Zelenskyj")."""
        found = [
            r
            for r in self._visitors(s, k, via)
            if not (r.start > k and _instead_of(s.lower, r.start))
        ]
        if not found and via in ("travel", "meeting", "presence", "object"):
            # "The tour began last Thursday in Honiara, where Wang met ...": who was there
            pe = next((pe for ps, pe, _p in s.places if ps == k), k + 1)
            first = self.where_ref(s, pe)
            if first is not None:
                found = [first, *self.coordinated(s, first, s.refs)]
        return found

    def _visitors(self, s: _Sentence, k: int, via: str) -> list[_Ref]:
        low = s.lower
        refs = [r for r in s.refs if not r.host and not r.obj]
        if via in ("host", "company"):
            return [r for r in s.refs if not r.host and not r.obj]
        if via == "colon":
            colon = s.lower.index(":")
            return [r for r in s.refs if r.start > colon and not r.host]
        if via == "where":
            pe = next((pe for ps, pe, _p in s.places if ps == k), k + 1)
            first = self.where_ref(s, pe)
            return [first, *self.coordinated(s, first, s.refs)] if first else []
        if via == "met":  # the leaders met (the visitor is on the map already)
            after = [r for r in s.refs if r.start > k]
            subject = after[0] if after and after[0].start == k + 1 else None
            return [r for r in after if r is not subject and not r.host]
        if any(w in ("representert", "represented") for w in low):
            i = next(i for i, w in enumerate(low) if w in ("representert", "represented"))
            rep = [r for r in s.refs if r.start > i and not r.host]
            if rep:
                return rep[:1] + self.coordinated(s, rep[0], rep)
        if via == "meeting-ref" and low[k].startswith("represent"):
            rep = [r for r in refs if r.end <= k and not self.boundary(low, r.end, k)]
            return rep[-1:]  # "Lavrov is representing Russia (at the summit)"
        among = next((i for i in range(k) if low[i] in ("among", "blant")), None)
        if among is not None and any(w in _RELATIVES for w in low[among:k]):
            # "Sheikh Tamim was among the leaders who flew into Ankara"
            subj = [r for r in refs if r.end <= among and not self.boundary(low, r.end, among)]
            if subj:
                return subj[-1:]
        owner = self.relative_owner(s, k)
        if owner is not None:
            if self.negated(low, owner.end, k):
                return []
            listed = self.coordinated_before(s, owner, refs)
            if listed and any(w in _PARTICIPANT_WORDS for w in low[: listed[0].start]):
                # "Blant gjestene var X, Y og Z, som kom til London lørdag": all of them
                return [*listed, owner]
            return [owner]
        before = [r for r in refs if r.end <= k and not self.boundary(low, r.end, k)]
        if before:
            last = before[-1]
            if self.negated(low, last.end, k):
                return []
            same = [r for r in refs if (r.start, r.end) == (last.start, last.end)]
            return [*self.coordinated_before(s, same[0], refs), *same, *self.as_did(s, k, refs)]
        if (
            "among" in low[:k]
            and any(w in ("were", "was", "included") for w in low[k:])
            and any(w in ("who", "som", "that") for w in low[:k])
        ):
            # "Among those who travelled to the Saudi capital were X, Y and Z"
            j = next(i for i in range(k, len(low)) if low[i] in ("were", "was", "included"))
            return [r for r in refs if r.start > j]
        if self.lang == "en" and k > 3 and via not in ("meeting-ref", "host"):
            return []  # English has no verb-second inversion: only a fronted place ("In Kyiv, ...")
        after = [r for r in refs if r.start > k and not self.boundary(low, k + 1, r.start)]
        if after:
            first = after[0]
            if self.negated(low, k, first.start):
                return []
            same = [r for r in refs if (r.start, r.end) == (first.start, first.end)]
            return [*same, *self.coordinated(s, same[-1], refs)]
        return []

    def as_did(self, s: _Sentence, k: int, refs: list[_Ref]) -> list[_Ref]:
        """ "Xi travelled to Rio, as did Modi, Starmer and Macron": the leaders after
        "as did" / "det samme gjorde" share the trip."""
        low = s.lower
        for i in range(k + 1, len(low) - 1):
            pair = (low[i], low[i + 1])
            if low[i] in _CLAUSE_BREAKS and low[i] not in (",",):
                return []
            if pair in (("as", "did"), ("as", "have"), ("as", "has"), ("as", "were"),
                        ("as", "will"), ("as", "had")) and low[i - 1] == ",":  # fmt: skip
                after = [r for r in refs if r.start >= i + 2]
                if after and after[0].start <= i + 4:
                    return [after[0], *self.coordinated(s, after[0], after)]
                return []
        return []

    def boundary(self, low: list[str], a: int, b: int) -> bool:
        """True when a clause break stands between tokens ``a`` and ``b``. A relative clause
        right after a leader (", who ...,", ", som ...,") belongs to that leader."""
        k = a
        while k < b:
            if low[k] == "," and k + 1 < b and low[k + 1] in _RELATIVES and k == a:
                k += 2
                while k < b and low[k] != ",":
                    k += 1
                continue
            if low[k] in _CLAUSE_BREAKS:
                return True
            k += 1
        return False

    def relative_owner(self, s: _Sentence, k: int) -> _Ref | None:
        """The leader a relative clause containing token ``k`` describes:
        "Ruto, who visited London in May, said ..."."""
        low = s.lower
        for r in s.refs:
            if r.host or r.end >= k or r.end + 1 >= len(low):
                continue
            if low[r.end] == "," and low[r.end + 1] in _RELATIVES:
                close = next((j for j in range(r.end + 2, len(low)) if low[j] == ","), len(low))
                if r.end + 1 < k < close:
                    return r
        return None

    def negated(self, low: list[str], a: int, b: int) -> bool:
        return any(w in _NEGATIONS for w in low[max(0, a - 1) : b])

    def coordinated(self, s: _Sentence, first: _Ref, refs: list[_Ref]) -> list[_Ref]:
        """References joined to ``first`` by "og"/"and"/"," after it."""
        out = []
        cur = first
        for r in refs:
            if r.start <= cur.start:
                continue
            gap = s.lower[cur.end : r.start]
            if gap and all(w in (",", "og", "and", "&") for w in gap):
                out.append(r)
                cur = r
            else:
                break
        return out

    def coordinated_before(self, s: _Sentence, last: _Ref, refs: list[_Ref]) -> list[_Ref]:
        out: list[_Ref] = []
        cur = last
        for r in reversed(refs):
            if r.end > cur.start:
                continue
            gap = s.lower[r.end : cur.start]
            if (
                gap
                and gap[-1] not in (",", "og", "and", "&")
                and self.country_of(s.tokens[cur.start - 1].text)
            ):
                gap = gap[:-1]  # "X, and Denmark's Mette Frederiksen"
            if gap and all(w in (",", "og", "and", "&") for w in gap):
                out.insert(0, r)
                cur = r
            else:
                break
        return out

    def time_in(self, s: _Sentence, k: int, ref: _Ref | None = None) -> str | None:
        """The time expression of the visit's clause: nearest to the destination (token
        ``k``), else nearest to the traveller; at most about a clause away (60 characters)
        and never across a clause break ("mens", "while", ";")."""
        text = self.text[s.start : s.end]
        toks = s.tokens
        low = s.lower

        def tok_at(offset: int) -> int:
            for i, t in enumerate(toks):
                if t.end - s.start > offset:
                    return i
            return len(toks) - 1

        found = []
        for m in _TIME_RE.finditer(text):
            t = m.group().strip()
            if re.fullmatch(r"(?i)(on|this|last|next)", t):
                continue
            found.append((m.start(), m.end(), re.sub(r"(?i)^on\s+", "", t)))
        # a list of places ("Saudi Arabia, Egypt and Qatar earlier this week") shares the
        # time expression after its last item
        starts = {ps: pe for ps, pe, _p in s.places}
        k_end = k
        while k_end in starts:
            nxt = starts[k_end]
            if nxt < len(low) and low[nxt] in (",", "og", "and", "&"):
                nxt2 = nxt + 1
                if nxt2 < len(low) and low[nxt2] in ("og", "and"):
                    nxt2 += 1
                if nxt2 in starts:
                    k_end = nxt2
                    continue
            break
        groups = [[k, k_end]]
        if ref is not None:
            groups.append([ref.start, ref.end - 1])
        for anchors in groups:
            best: tuple[int, str] | None = None
            for a, b, t in found:
                ti = tok_at(a)
                for x in anchors:
                    xo = toks[min(x, len(toks) - 1)].start - s.start
                    dist = min(abs(a - xo), abs(b - xo))
                    lo, hi = sorted((ti, x))
                    if dist > 60 or any(w in _CLAUSE_BREAKS for w in low[lo:hi]):
                        continue
                    if best is None or dist < best[0]:
                        best = (dist, t)
            if best is not None:
                return best[1]
        return None

    def status_of(
        self,
        s: _Sentence,
        when_text: str | None,
        ref: _Ref | None = None,
        k: int | None = None,
        via: str = "",
    ) -> str:
        """Status from the time expression and the verbs of the visit's clause."""
        low = s.lower
        if ref is not None and k is not None:
            lo = max(0, min(ref.start, k) - 4)
            hi = min(len(low), max(ref.end, k) + 3)
            window = low[lo:hi]
        else:
            window = low
        words = set(window)
        when = (when_text or "").casefold()
        year = re.search(r"(19|20)\d\d", when)
        if self.pub and year and int(year.group()) < self.pub.year:
            return "historical"
        if re.search(r"fjor|fjør|last year", when):
            return "historical"
        if words & _PLANNED_WORDS or re.search(r"neste|next|i morgen|tomorrow", when):
            return "planned"
        if via == "left":
            return "completed"
        if re.search(
            r"går|yesterday|forrige|førre|last|nylig|nyleg|recently|earlier|tidligere", when
        ):
            day = resolve_time(when_text, published=self.pub, status="completed")
            if day is not None and self.pub is not None and (self.pub - day).days > 7:
                return "historical"  # "last month", "forrige måned"
            return "completed"
        past = words & _PAST_WORDS
        if self.lang == "en":  # regular English past tense: "welcomed", "toured", "greeted"
            past |= {w for w in words if w.endswith("ed") and len(w) > 4 and w not in _NOT_PAST}
        if past and past <= _ARRIVALS:
            day = resolve_time(when_text, published=self.pub, status="completed")
            if day is None or self.pub is None or (self.pub - day).days <= 2:
                return "current"
            if (self.pub - day).days > 7:
                return "historical"  # "arrived in Kyiv last month"
            return "completed"
        if past and not words & _PRESENT_WORDS:
            day = resolve_time(when_text, published=self.pub, status="completed")
            if day is not None and self.pub is not None:
                if (self.pub - day).days > 7:
                    return "historical"  # "in June", "last month": an earlier trip
                if (self.pub - day).days <= 1 and via != "left":
                    return "current"  # met on the day of the article: still there
            return "completed"
        # present tense: a named day after the publication date is still to come,
        # a month long past is over
        day = resolve_time(when_text, published=self.pub, status="current")
        if day is not None and self.pub is not None:
            if day > self.pub:
                return "planned"
            if day.year < self.pub.year:
                return "historical"
            if (self.pub - day).days > 31:
                return "completed"
        return "current"

    def origin_in(self, s: _Sentence) -> Place | None:
        for ps, _pe, place in s.places:
            if ps >= 1 and s.lower[ps - 1] in _FROM_PREPS:
                if any(w in ("til", "to") for w in s.lower[ps : ps + 4]):
                    return place
        return None

    def combine(self, cands: list[_Candidate]) -> list[Visit]:
        """One visit per leader and destination, at the most specific place."""
        by_leader: dict[int, list[_Candidate]] = {}
        for c in cands:
            by_leader.setdefault(c.entity.idx, []).append(c)
        visits: list[tuple[tuple[int, int], Visit]] = []
        for group in by_leader.values():
            places = {c.destination.id: c.destination for c in group}
            # map a broad destination onto a more specific one of the same leader
            target: dict[str, str] = {}
            for pid, p in places.items():
                best = None
                for qid, q in places.items():
                    if qid != pid and _contains(p, q):
                        if best is None or _contains(places[best], q):
                            best = qid
                target[pid] = best or pid
            merged: dict[str, list[_Candidate]] = {}
            for c in group:
                t = target[c.destination.id]
                while target[t] != t:
                    t = target[t]
                merged.setdefault(t, []).append(c)
            for pid, cs in merged.items():
                e = cs[0].entity
                if e.role == "leader" and e.name is None and e.table is None:
                    continue  # an unnamed member of "the leaders of X and Y"
                dest = _at_capital(self.gaz, places[pid])
                order = min(c.sentence[0] for c in cs)
                # body sentences before headlines and captions without a full stop
                cs = sorted(cs, key=lambda c: (not self.full_sentence(c.sentence), c.sentence))
                primary = next((c for c in cs if c.destination.id == pid), cs[0])
                when_c = next((c for c in cs if c.when_text), None)
                when_text = when_c.when_text if when_c else None
                status = (when_c or primary).status
                origin = next((c.origin for c in cs if c.origin is not None), None)
                if origin is None:
                    origin = _capital(self.gaz, e.country or "")
                if origin is None:
                    continue
                evidence = tuple(sorted({c.sentence for c in cs}))
                quotes = tuple(self.text[a:b] for a, b in evidence)
                conf = max(c.confidence for c in cs)
                conf = min(0.99, conf + 0.05 * (len(evidence) - 1))
                visits.append(
                    (
                        (order, e.idx),
                        Visit(
                            leader=self.display_name(e),
                            role=e.role or (e.table.role if e.table else "leader"),
                            leader_country=e.country or "",
                            status=status,
                            origin=origin,
                            destination=dest,
                            when_text=when_text,
                            date=resolve_time(when_text, published=self.pub, status=status),
                            evidence=evidence,
                            confidence=round(conf, 2),
                            quotes=quotes,
                        ),
                    )
                )
        visits.sort(key=lambda t: (t[0], t[1].leader, t[1].destination.id))
        return [v for _, v in visits]

    def full_sentence(self, span: tuple[int, int]) -> bool:
        return self.text[span[1] - 1 : span[1]] in (".", "!", "?", "»", '"', "”")

    def display_name(self, e: _Entity) -> str:
        if e.name and (len(e.name.split()) > 1 or e.table is None):
            return e.name
        if e.table is not None:
            return e.table.name if self.lang == "en" else e.table.name_nb
        country = self.gaz.country(e.country) if e.country else None
        cname = country.label(self.lang) if country else (e.country or "")
        role = e.role or "leader"
        if self.lang == "en":
            return f"{role[:1].upper()}{role[1:]} of {cname}"
        nb_role = {v[0]: k for k, v in reversed(list(_NO_ROLES.items())) if not v[1]}
        word = nb_role.get(role, role)
        gen = cname if cname.endswith("s") else cname + "s"
        return f"{gen} {word}"


def _contains(broad: Place, narrow: Place) -> bool:
    """True when ``narrow`` lies inside ``broad`` (region > country > city)."""
    if broad.id == narrow.id:
        return False
    if broad.kind in ("region", "continent", "union", "sea", "lake") and narrow.country_code:
        return narrow.country_code in broad.members and broad.kind != "union"
    if broad.kind == "country" and narrow.kind != "country":
        return narrow.country_code == broad.country_code
    return False


def _same_role(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return False
    if a == b:
        return True
    fm = {"foreign minister", "foreign secretary", "secretary of state"}
    return a in fm and b in fm


_PREFIXED_NAME_RE = re.compile(
    r"^(?:al|el|ul|ad|as|ash|at|bin|ibn|abu|van|von|de|da|di|du|le|la)-[^\W\d_]"
)


def _at_capital(gaz: Any, place: Place) -> Place:
    """A country destination is drawn at its capital (the issue's rule); other places as is."""
    if place.kind != "country" or not place.country_code:
        return place
    capital = gaz.capital(place.country_code)
    if capital is None:
        return place
    return dataclasses.replace(place, lat=capital.lat, lon=capital.lon)


def _capitalised(w: str) -> bool:
    return bool(w) and (
        (w[:1].isupper() and any(c.isalpha() for c in w)) or bool(_PREFIXED_NAME_RE.match(w))
    )


def _is_time_word(w: str) -> bool:
    return (
        w in _WEEKDAYS
        or w.rstrip("s") in _WEEKDAYS
        or w in _MONTHS
        or w
        in (
            "uken",
            "veka",
            "week",
            "today",
            "yesterday",
            "tomorrow",
            "helgen",
            "weekend",
            "morgen",
            "dag",
            "går",
            "kveld",
            "fjor",
            "year",
            "år",
        )
        or w.isdigit()
    )


def _rank_places(cands: list[Place], lang: str, countries: set[str]) -> Place:
    from mapping.geoparse import rank_places

    return rank_places(cands, lang=lang, countries=countries)


def _sovereign(code: str | None) -> str | None:
    """The state a dependent territory belongs to (ISO 3166-1 territories): a French
    president in Nouméa (NC) is at home."""
    return _TERRITORIES.get(code, code) if code else code


def _list_presence_at(low: list[str], i: int) -> bool:
    """A list of people present starts at token ``i``: "Among those we've spotted: ...",
    "Rundt bordet sat også ...", "Around the table were ..."."""
    if low[i] in ("among", "blant"):
        return any(x in _PRESENCE_LIST_WORDS for x in low[i + 1 : i + 6])
    return low[i : i + 2] in (["rundt", "bordet"], ["kring", "bordet"]) or low[i : i + 3] == [
        "around",
        "the",
        "table",
    ]


def _instead_of(low: list[str], start: int) -> bool:
    """ "i stedet for (president) X", "instead of X": X did not come."""
    window = low[max(0, start - 5) : start]
    if "," in window:
        window = window[len(window) - window[::-1].index(",") :]
    text = " ".join(window)
    return any(p in text for p in ("i stedet for", "i staden for", "instead of", "rather than"))


def _there_index(low: list[str]) -> int | None:
    """Index of "dit" / "there" right after a travel verb ("reiser dit", "flew there")."""
    for i, w in enumerate(low):
        if w in ("dit", "there") and i >= 1:
            for j in (i - 1, i - 2):
                if j >= 0 and low[j] in _THERE_VERBS:
                    return i
    return None


def _is_meeting_word(w: str) -> bool:
    return w in _MEETING_WORDS or w.endswith(
        ("-toppmøtet", "-toppmøte", "-summit", "ministermøte", "ministermøtet", "toppmøtet")
    )


def _title_case(toks: list[Token]) -> bool:
    """A headline with Capitalised Words: names read from it are unreliable."""
    words = [t.text for t in toks if t.text[:1].isalpha()]
    if len(words) < 6 or len(words) > 20 or toks[-1].text in (".", "!", "?", ":"):
        return False  # headlines are short and end without a full stop
    caps = sum(w[:1].isupper() for w in words)
    return caps >= 0.7 * len(words)


def _counterfactual_span(low: list[str]) -> tuple[int, int] | None:
    """Token range of what did not happen: a relative clause (", who was to have made a stop
    in Port Moresby,"), or the whole sentence; None when all of it is real."""
    if not _counterfactual(low):
        return None
    for i in range(len(low) - 1):
        if low[i] == "," and low[i + 1] in _RELATIVES:
            end = next((q for q in range(i + 2, len(low)) if low[q] == ","), None)
            if (
                end is not None
                and _counterfactual(low[i:end])
                and not _counterfactual(low[:i] + low[end:])
            ):
                return (i, end)
    return (0, len(low))


def _counterfactual(low: list[str]) -> bool:
    """ "skulle ha vært holdt i Sydney", "would have been held", "was to have met": what
    did not happen."""
    for i in range(len(low) - 1):
        if (low[i], low[i + 1]) in (("skulle", "ha"), ("skulle", "hatt"), ("would", "have")):
            return True
        if low[i] in ("was", "were") and low[i + 1 : i + 3] == ["to", "have"]:
            return True
        # "Trump had been due in Copenhagen", "was supposed to", "skulle etter planen"
        if low[i : i + 3] in (
            ["had", "been", "due"],
            ["had", "been", "expected"],
            ["had", "been", "scheduled"],
            ["skulle", "etter", "planen"],
        ) or (low[i] in ("was", "were") and low[i + 1] == "supposed"):
            return True
    return False


def _strip_genitive(name: str, lang: str) -> str:
    for apo in ("'s", "’s"):
        if name.endswith(apo):
            return name[: -len(apo)]
    if name.endswith(("'", "’")):
        return name[:-1]
    if lang != "en" and name.endswith("s") and len(name) > 3 and not name.endswith("ss"):
        return name[:-1]
    return name


# --------------------------------------------------------------------------------------------
# DataFrame round trip
# --------------------------------------------------------------------------------------------

_FRAME_COLUMNS = [
    "leader", "role", "leader_country", "status",
    "origin", "origin_id", "origin_lat", "origin_lon",
    "destination", "destination_id", "destination_country", "destination_lat", "destination_lon",
    "when_text", "date", "confidence", "evidence", "evidence_text",
]  # fmt: skip


def visits_frame(visits: Iterable[Visit], *, lang: str = "en") -> pandas.DataFrame:
    """An editable table of visits: one row per visit.

    Parameters
    ----------
    visits : iterable of Visit
        From :func:`extract_visits`.
    lang : str
        Language of the ``origin`` and ``destination`` name columns ("nb", "nn", "en").

    Returns
    -------
    pandas.DataFrame
        Columns ``leader, role, leader_country, status, origin, origin_id, origin_lat,
        origin_lon, destination, destination_id, destination_country, destination_lat,
        destination_lon, when_text, date (ISO string or empty), confidence, evidence
        ("start-end;start-end"), evidence_text``. Edit any cell (or save with ``to_csv`` and
        edit there) and pass the frame to :func:`visits_from_frame` or the map functions.

    Examples
    --------
    >>> kz = Place("country:KZ", "Kazakhstan", 51.17, 71.45, "country", "KZ")
    >>> ru = Place("geonames:524901", "Moscow", 55.75, 37.62, "city", "RU")
    >>> df = visits_frame([Visit("Putin", "president", "RU", "current", ru, kz, None, None,
    ...                          ((0, 10),), 0.9)])
    >>> df[["leader", "origin", "destination"]].values.tolist()
    [['Putin', 'Moscow', 'Kazakhstan']]
    """
    import pandas

    rows = []
    for v in visits:
        rows.append(
            {
                "leader": v.leader,
                "role": v.role,
                "leader_country": v.leader_country,
                "status": v.status,
                "origin": v.origin.label(lang),
                "origin_id": v.origin.id,
                "origin_lat": v.origin.lat,
                "origin_lon": v.origin.lon,
                "destination": v.destination.label(lang),
                "destination_id": v.destination.id,
                "destination_country": v.destination.country_code or "",
                "destination_lat": v.destination.lat,
                "destination_lon": v.destination.lon,
                "when_text": v.when_text or "",
                "date": v.date.isoformat() if v.date else "",
                "confidence": float(v.confidence),
                "evidence": ";".join(f"{a}-{b}" for a, b in v.evidence),
                "evidence_text": " … ".join(v.quotes),
            }
        )
    return pandas.DataFrame(rows, columns=_FRAME_COLUMNS)


def _cell(row: Any, name: str) -> str:
    value = row.get(name, "") if hasattr(row, "get") else ""
    if value is None:
        return ""
    try:
        import math

        if isinstance(value, float) and math.isnan(value):
            return ""
    except TypeError:  # pragma: no cover
        pass
    return str(value).strip()


def _float_cell(row: Any, name: str) -> float | None:
    s = _cell(row, name)
    try:
        return float(s) if s else None
    except ValueError:
        return None


def _place_from_row(gaz: Any, row: Any, prefix: str) -> Place:
    name = _cell(row, prefix)
    pid = _cell(row, f"{prefix}_id")
    lat, lon = _float_cell(row, f"{prefix}_lat"), _float_cell(row, f"{prefix}_lon")
    if pid:
        p = gaz.get(pid)
        if p is not None and (
            not name or _fold(name) in {_fold(p.name), *(_fold(t) for _, t in p.labels)}
        ):
            if (
                lat is not None
                and lon is not None
                and (abs(lat - p.lat) > 1e-6 or abs(lon - p.lon) > 1e-6)
            ):
                return Place(
                    p.id,
                    p.name,
                    lat,
                    lon,
                    p.kind,
                    p.country_code,
                    p.population,
                    p.labels,
                    p.members,
                )
            return p
    if name:
        found = gaz.lookup(name)
        if found:
            return found[0]
        if lat is not None and lon is not None:
            return Place(f"custom:{_fold(name)}", name, lat, lon, "city", None)
    from mapping.errors import UnknownRegionError

    raise UnknownRegionError(
        f"{prefix} {name or pid!r} is not a place the embedded gazetteer knows; "
        f"write a known name or give {prefix}_lat and {prefix}_lon"
    )


def visits_from_frame(df: pandas.DataFrame) -> list[Visit]:
    """Read visits back from a (possibly edited) :func:`visits_frame` table or its CSV.

    A changed ``origin``/``destination`` name is looked up in the gazetteer again; a name it
    does not know is used with the row's ``*_lat``/``*_lon``. Rows with an empty ``leader`` are
    dropped (a teacher's way to delete a row).

    Raises
    ------
    mapping.errors.VisitsFrameError
        When a required column is missing or a cell is invalid.
    mapping.errors.UnknownRegionError
        When a place name is unknown and no coordinates are given.

    Examples
    --------
    >>> kz = Place("country:KZ", "Kazakhstan", 51.17, 71.45, "country", "KZ")
    >>> ru = Place("country:RU", "Russia", 55.75, 37.62, "country", "RU")
    >>> v = Visit("Putin", "president", "RU", "current", ru, kz, None, None, ((0, 10),), 0.9)
    >>> visits_from_frame(visits_frame([v]))[0].destination.id
    'country:KZ'
    """
    from mapping.errors import VisitsFrameError

    try:
        columns = set(df.columns)
    except AttributeError:
        raise VisitsFrameError(
            f"visits_from_frame() needs a pandas DataFrame, not {type(df).__name__}"
        ) from None
    missing = [c for c in ("leader", "leader_country", "destination") if c not in columns]
    if missing:
        raise VisitsFrameError(
            f"the visits table lacks the column(s) {', '.join(missing)}; "
            "make it with mapping.visits_frame(visits)"
        )
    gaz = _gazetteer()
    out: list[Visit] = []
    for n, row in enumerate(df.to_dict("records"), start=1):
        leader = _cell(row, "leader")
        if not leader:
            continue
        country = _cell(row, "leader_country").upper()
        if len(country) != 2 or not country.isalpha():
            raise VisitsFrameError(
                f"row {n}: leader_country must be an ISO code like 'RU', not {country!r}"
            )
        status = _cell(row, "status") or "current"
        if status not in STATUSES:
            raise VisitsFrameError(
                f"row {n}: status must be one of {', '.join(STATUSES)}, not {status!r}"
            )
        destination = _place_from_row(gaz, row, "destination")
        if _cell(row, "origin") or _cell(row, "origin_id"):
            origin = _place_from_row(gaz, row, "origin")
        else:
            origin = _capital(gaz, country)
            if origin is None:
                raise VisitsFrameError(f"row {n}: no capital known for {country!r}; fill in origin")
        date_s = _cell(row, "date")
        try:
            date = dt.date.fromisoformat(date_s[:10]) if date_s else None
        except ValueError:
            raise VisitsFrameError(f"row {n}: date must be YYYY-MM-DD, not {date_s!r}") from None
        evidence: list[tuple[int, int]] = []
        for part in _cell(row, "evidence").split(";"):
            m = re.fullmatch(r"\s*(\d+)\s*-\s*(\d+)\s*", part)
            if m:
                evidence.append((int(m.group(1)), int(m.group(2))))
        quotes_s = _cell(row, "evidence_text")
        quotes = tuple(q for q in quotes_s.split(" … ") if q) if quotes_s else ()
        conf = _float_cell(row, "confidence")
        out.append(
            Visit(
                leader=leader,
                role=_cell(row, "role") or "leader",
                leader_country=country,
                status=status,
                origin=origin,
                destination=destination,
                when_text=_cell(row, "when_text") or None,
                date=date,
                evidence=tuple(evidence),
                confidence=1.0 if conf is None else max(0.0, min(1.0, conf)),
                quotes=quotes,
            )
        )
    return out

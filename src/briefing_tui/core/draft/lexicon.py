"""The words the drafter knows: states, organisations and outlets by name, the titles
that make a role, and the verbs that report speech.

Kept as data, apart from the rules that use it, so that a word can be added without
reading the rules. Lists are deliberately small: a name missing here is still found
by the patterns around it (a role before it, a verb after it), and the library's own
actors are known too (`briefing draft --library`).
"""

from __future__ import annotations

from typing import NamedTuple


class NamedBody(NamedTuple):
    """A state or an organisation: its name, other names for it, and the state it
    belongs to (its side)."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    side: str | None = None


def _states() -> list[NamedBody]:
    # name | other names (capitals and short forms) | adjectives
    table = """
    Russia|Moscow,Russian Federation|Russian
    Ukraine|Kyiv,Kiev|Ukrainian
    United States|US,U.S.,USA,Washington,America|American,US
    United Kingdom|UK,U.K.,Britain,London|British
    France|Paris|French
    Germany|Berlin|German
    Italy|Rome|Italian
    Spain|Madrid|Spanish
    Poland|Warsaw|Polish
    Belarus|Minsk|Belarusian
    Moldova|Chisinau|Moldovan
    Georgia|Tbilisi|Georgian
    Hungary|Budapest|Hungarian
    Turkey|Ankara,Turkiye|Turkish
    China|Beijing|Chinese
    Japan|Tokyo|Japanese
    India|New Delhi|Indian
    Iran|Tehran|Iranian
    Israel|Jerusalem|Israeli
    Saudi Arabia|Riyadh|Saudi
    United Arab Emirates|UAE|Emirati
    Qatar|Doha|Qatari
    Egypt|Cairo|Egyptian
    Syria|Damascus|Syrian
    North Korea|Pyongyang|North Korean
    South Korea|Seoul|South Korean
    Canada|Ottawa|Canadian
    Brazil|Brasilia|Brazilian
    Mexico|Mexico City|Mexican
    Finland|Helsinki|Finnish
    Sweden|Stockholm|Swedish
    Norway|Oslo|Norwegian
    Denmark|Copenhagen|Danish
    Netherlands|The Hague,Amsterdam|Dutch
    Belgium|Brussels|Belgian
    Switzerland|Bern|Swiss
    Austria|Vienna|Austrian
    Romania|Bucharest|Romanian
    Slovakia|Bratislava|Slovak
    Czech Republic|Prague,Czechia|Czech
    Estonia|Tallinn|Estonian
    Latvia|Riga|Latvian
    Lithuania|Vilnius|Lithuanian
    Greece|Athens|Greek
    Serbia|Belgrade|Serbian
    Armenia|Yerevan|Armenian
    Azerbaijan|Baku|Azerbaijani
    Kazakhstan|Astana|Kazakh
    Pakistan|Islamabad|Pakistani
    Afghanistan|Kabul|Afghan
    Iraq|Baghdad|Iraqi
    Lebanon|Beirut|Lebanese
    South Africa|Pretoria|South African
    Nigeria|Abuja|Nigerian
    Australia|Canberra|Australian
    Venezuela|Caracas|Venezuelan
    Argentina|Buenos Aires|Argentine
    Vatican|Holy See|
    """
    places = []
    for line in table.strip().splitlines():
        name, aliases, adjectives = (part.strip() for part in line.split("|"))
        split = tuple(a.strip() for a in aliases.split(",") if a.strip())
        places.append(NamedBody(name, "state", split, tuple(a for a in adjectives.split(",") if a), name))
    return places


def _organisations() -> list[NamedBody]:
    # name | other names | state it belongs to
    table = """
    Kremlin||Russia
    White House||United States
    Pentagon||United States
    State Department||United States
    Congress||United States
    Élysée|Elysee|France
    Downing Street||United Kingdom
    NATO|North Atlantic Treaty Organization|
    European Union|EU|
    European Commission||
    United Nations|UN,U.N.|
    UN Security Council|Security Council|
    International Atomic Energy Agency|IAEA|
    Red Cross|ICRC|
    World Bank||
    International Monetary Fund|IMF|
    OSCE|Organization for Security and Co-operation in Europe|
    G7||
    G20||
    Hamas||
    Hezbollah||
    Rosatom||Russia
    Gazprom||Russia
    Naftogaz||Ukraine
    """
    places = []
    for line in table.strip().splitlines():
        name, aliases, side = (part.strip() for part in line.split("|"))
        places.append(NamedBody(name, "organisation", tuple(a for a in aliases.split(",") if a), (), side or None))
    return places


STATES = _states()
ORGANISATIONS = _organisations()

OUTLETS = (
    "Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "Interfax", "TASS", "RIA Novosti",
    "Ukrinform", "Axios", "Bloomberg", "CNN", "BBC", "Fox News", "NBC News", "CBS News", "ABC News", "NPR",
    "New York Times", "Washington Post", "Wall Street Journal", "Financial Times", "Guardian", "Politico",
    "Al Jazeera", "Der Spiegel", "Le Monde", "Kommersant", "Izvestia", "RBC", "Xinhua", "Kyodo", "Yonhap",
    "Anadolu", "dpa", "Sky News", "Economist", "CNBC", "NHK", "Meduza", "Kyiv Independent", "Novaya Gazeta",
)  # fmt: skip
"""News outlets known by name. Others are found by what follows the name
(`news agency`, `newspaper`, `broadcaster`...)."""

OUTLET_NOUNS = (
    "news agency",
    "agency",
    "newspaper",
    "daily",
    "broadcaster",
    "television",
    "TV",
    "radio",
    "news site",
    "website",
    "magazine",
    "channel",
)

TITLES = frozenset(
    """
    president president-elect vice-president premier prime chancellor minister secretary secretary-general
    spokesman spokeswoman spokesperson spokesmen aide adviser advisor envoy ambassador diplomat negotiator
    leader chief head director official officer commander general admiral marshal colonel governor mayor
    senator congressman congresswoman lawmaker representative mp chairman chairwoman chair ceo founder
    king queen prince princess pope emir sheikh prosecutor judge attorney counsel commissioner speaker
    deputy analyst economist professor researcher journalist correspondent editor reporter activist
    candidate coach manager executive mediator monitor inspector engineer member owner worker resident
    teacher doctor nurse lawyer spokesman scientist expert historian author writer founder partner
    """.split()
)
"""Nouns that end a role: `Kremlin spokesman`, `Foreign Minister`, `foreign policy aide`."""

MODIFIERS = frozenset(
    """
    foreign policy defence defense deputy former senior chief press national security vice prime finance
    economy economic interior justice health top acting interim special presidential military intelligence
    trade energy state first longtime veteran opposition government party campaign communications affairs
    public peace international regional local chief-of-staff of general assistant executive transport
    agriculture education environment culture labour labor fisheries industry digital infrastructure
    development housing science technology tourism sports social climate relief aid humanitarian legal
    political spokesperson white house union border customs tax central police army navy air
    """.split()
)
"""Lowercase words that may stand inside a role before its title: `foreign policy aide`."""

SPEECH_VERBS = frozenset(
    """
    say says said saying tell tells told telling add adds added adding note notes noted noting
    state stated stating emphasize emphasizes emphasized emphasizing emphasise emphasises emphasised
    stress stresses stressed stressing insist insists insisted insisting argue argues argued arguing
    warn warns warned warning explain explains explained explaining declare declares declared
    announce announces announced write writes wrote writing ask asks asked reply replies replied
    respond responds responded answer answered remark remarked observe observed acknowledge acknowledged
    admit admitted concede conceded claim claims claimed assert asserted maintain maintained
    suggest suggests suggested suggesting assure assured assuring urge urged call calls called
    describe describes described identify identified label labelled labeled recall recalled
    reveal revealed reiterate reiterated confirm confirmed deny denied comment commented complain
    complained caution cautioned predict predicted promise promised pledge pledged vow vowed
    tweet tweeted post posted inform informed informing continue continued conclude concluded repeat
    repeated mention mentioned express expressed indicate indicated demand demanded demanding
    contend contended counter countered recount recounted quip quipped calling describing claiming vowing
    promising urging accusing accused insisting repeating asking
    """.split()
)
"""Verbs that report what someone said, in every form the patterns meet."""

LISTENING_VERBS = frozenset("tell tells told telling inform informs informed informing ask asks asked assure assured".split())
"""Speech verbs whose object is the listener: `X told Y`."""

PRONOUNS = {"he": "he", "she": "she", "He": "he", "She": "she"}

HONORIFICS = frozenset(("Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Dame", "Madam", "Lord", "Lady"))

FUNCTION_WORDS = frozenset(
    """
    The A An And But Or Nor So Yet For On In At By To Of From With Without Into Onto Over Under After Before
    Since Until While When Where Why How What Which Who Whom Whose That This These Those It Its They Their
    Them We Our Us You Your I My He She His Her Him Also Then Than However Meanwhile Earlier Later Still
    Even Instead Despite Although Though Because If As Beyond Both Either Neither Each Every Some Many Most
    Such Other Another Adding Asked According Speaking Officials Analysts Critics Diplomats Sources Reports
    Several Separately Last Next Yesterday Today Tomorrow Tonight Here There Not No Yes
    """.split()
)
"""Capitalised words that begin sentences and never begin a name or a role."""

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

NOT_NAMES = frozenset((*MONTHS, *WEEKDAYS, *FUNCTION_WORDS, "Mr", "Mrs", "Ms", "Dr", "God", "Europe", "Africa", "Asia", "Middle", "East", "West"))
"""Capitalised words that are never part of a person's name."""

ORGANISATION_WORDS = frozenset(
    """
    Ministry Department Council Party House Office Agency Union Court Bank Committee Commission Government
    Army Forces Navy Force Parliament Assembly Senate Congress Duma Rada Service Group Company Corporation
    Institute University Foundation Organization Organisation Fund Alliance Front Movement Police Guard
    Cabinet Administration Republic Kingdom State States Region Oblast City Airport Plant Station Times Post
    News Journal Agency Network War Talks Summit Conference Treaty Accord Plan Day Week
    """.split()
)
"""Capitalised words that make a run of names an organisation, a place or an event."""

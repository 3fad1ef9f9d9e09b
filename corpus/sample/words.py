"""Word lists and sentence templates for the synthetic sample corpus.

Everything here is the project's own invented prose: towns, councils, companies and people do not
exist. Templates use `str.format` slots filled per article (see `corpus.sample.text`), so the same
entities recur within one story while stories differ from each other enough for dedup to behave
as it would on real news.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Story:
    """One kind of event: headlines that name it, openings, and sentences that only fit it."""

    titles: tuple[str, ...]  # at least two: the second serves as a rewritten headline
    leads: tuple[str, ...]
    undated: tuple[str, ...]  # openings that read well without a dateline
    sentences: tuple[str, ...]
    quotes: tuple[str, ...]  # without final punctuation: the frame adds it
    seasons: tuple[str, ...] = ()  # empty: any time of year


@dataclass(frozen=True, slots=True)
class Topic:
    """One beat of the newsroom: its stories, plus sentences, quotes and roles shared by them."""

    name: str
    stories: tuple[Story, ...]
    sentences: tuple[str, ...]
    quotes: tuple[str, ...]
    roles: tuple[str, ...]
    subheads: tuple[str, ...]  # 2-8 words, never ending in punctuation


FIRST_NAMES = (
    "Mara", "Tomas", "Ines", "Kwame", "Priya", "Lena", "Obi", "Hana", "Rafael", "Signe",
    "Dmitri", "Amara", "Jonah", "Leila", "Marek", "Nadia", "Oskar", "Ruth", "Sione", "Yusuf",
    "Camille", "Edwin", "Farah", "Gustav", "Ilse", "Joaquín", "Keiko", "Luca", "Maeve", "Niall",
    "Olga", "Pavel", "Rosa", "Saoirse", "Tariq", "Ulla", "Viktor", "Wen", "Ximena", "Zainab",
)  # fmt: skip
SURNAMES = (
    "Lindqvist", "Okafor", "Carvalho", "Mensah", "Raman", "Hartmann", "Eze", "Takeda", "Moreau",
    "Brennan", "Kowalski", "Haddad", "Novak", "Sørensen", "Achterberg", "Quispe", "Mwangi",
    "Petrov", "Delacroix", "Fenwick", "Gallagher", "Ishikawa", "Jovanović", "Kariuki", "Larsen",
    "Medina", "Nakamura", "Oyelaran", "Pereira", "Rasmussen", "Salazar", "Tavares", "Umarov",
    "Varga", "Whitlock", "Yilmaz", "Zeller", "Ashworth", "Blackwood", "Castellanos",
)  # fmt: skip
TOWN_HEADS = (
    "North", "Elm", "Kestrel", "Ash", "Marl", "Hollin", "Brack", "Fen", "Wyn", "Thorn",
    "Alder", "Cold", "Lark", "Rook", "Stan", "Hazel", "Brom", "Cinder", "Dun", "Gale",
)  # fmt: skip
TOWN_TAILS = (
    "ford", "bury", "wick", "haven", "mouth", "ley", "field", "ton", "by", "stead",
    "minster", "cross", "bridge", "well", "dale",
)  # fmt: skip
TOWN_PREFIXES = ("Upper ", "Port ", "New ", "Little ")
REGIONS = (
    "Eastern Vale", "Greyfen Province", "the Tamsin Valley", "Upper Marrow", "North Lannock",
    "the Westmere Coast", "Calder Reach", "the Osk Highlands", "South Brannock", "the Lune Delta",
)  # fmt: skip
RIVERS = ("Alder", "Tamsin", "Lune", "Marrow", "Greave", "Osk", "Wendle", "Brisk", "Callow")
STREET_NAMES = (
    "Mill", "Harbour", "Chapel", "Station", "Orchard", "Tanner", "Bridge", "Market", "Quarry",
    "Willow", "Ropewalk", "Foundry", "Castle", "Kiln",
)  # fmt: skip
STREET_KINDS = ("Street", "Road", "Lane", "Avenue", "Way", "Row")
WARDS = ("eastern", "harbour", "old town", "Millbrook", "Fenside", "Upper Dale", "riverside")
COMPANY_HEADS = (
    "Greyfield", "Orrin", "Halvorsen", "Tidewater", "Bellmark", "Corvane", "Stonecrop", "Lumen",
    "Northwind", "Palisade", "Redcliff", "Silverline", "Vantor", "Westmere", "Kelda", "Ambrose",
)  # fmt: skip
INDUSTRIES = (
    "Logistics", "Foods", "Biotech", "Energy", "Shipping", "Textiles", "Robotics", "Mining",
    "Pharmaceuticals", "Software", "Cement", "Brewing", "Telecom", "Motors",
)  # fmt: skip
PRODUCTS = (
    "its electric delivery vans", "frozen ready meals", "industrial sensors",
    "recycled packaging", "farm machinery", "hospital software", "solar panels",
    "low-cost mobile plans", "craft lagers", "marine engines",
)  # fmt: skip
BANKS = (
    "Northmere Bank", "Coldharbour Securities", "the Vale Savings Bank", "Ashgrove Capital",
    "Pellworth & Partners", "Lanyard Investment", "Quayside Markets",
)  # fmt: skip
INDEXES = (
    "the Meridian 200 index", "the Northmere All-Share index", "the Vale Composite",
    "the Harbour Exchange 50",
)  # fmt: skip
CURRENCY_NAMES = ("Vale crown", "Northern mark", "Coast dollar")
MASCOTS = ("Rovers", "Harriers", "United", "Athletic", "Wanderers", "Falcons", "Mariners")
OPERATORS = (
    "{head} Transport", "the {region} Transport Company", "Coastline Travel", "{head} Connect",
)  # fmt: skip
SCHOOLS = ("{town} High School", "St Aldric’s Primary School", "{town} Academy")
CURRENCIES = ("£", "$", "€")
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
AP_MONTHS = (
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
)  # fmt: skip

# Dateline places, grouped by the variant they exercise.
PLAIN_CITIES = (
    "NAIROBI", "KABUL", "BEIRUT", "LISBON", "OSLO", "ACCRA", "LIMA", "HANOI", "DAKAR",
    "ELMSFORD", "MARLBURY", "KESTRELWICK", "HOLLINGTON", "BRACKHAVEN", "FENMOUTH",
)  # fmt: skip
MULTIWORD_CITIES = (
    "NEW DELHI", "PORT ELLEN", "BUENOS AIRES", "CAPE TOWN", "KUALA LUMPUR", "NEW HARWICK",
    "UPPER MARROW", "PORT KESTREL", "SAN LORENZO",
)  # fmt: skip
ACCENTED_CITIES = (
    "SÃO PAULO", "ZÜRICH", "MÁLAGA", "REYKJAVÍK", "KRAKÓW", "BOGOTÁ", "MONTRÉAL", "GDAŃSK",
    "ÅLESUND", "SAINT-ÉLOI",
)  # fmt: skip
REAL_AGENCIES = ("Reuters", "AP", "AFP")
INVENTED_AGENCIES = ("Meridian Wire", "Courier Wire", "Valley News Service", "Harbour Press")
DASHES = (" – ", " - ", " — ")

QUOTE_FRAMES = (
    "“{q},” said {p1s}, {p1role}.",
    "“{q},” {p2s} said.",
    "{P1s} said: “{q}.”",
    "“{q},” said {p2s}, {p2role}, adding that more details would follow.",
    "“{q},” {p1s} told reporters on {weekday}.",
)
ATTRIBUTIONS = (
    "That was the view of {p1s}, {p1role}, speaking on {weekday}.",
    "{P2s}, {p2role}, made the remarks in an interview with the {pub}.",
    "The words were those of {p1s}, who has been outspoken on the subject for years.",
)
SIGNOFFS = (
    "Reporting by {p3}; editing by {p4}",
    "Additional reporting by {p3}",
    "Staff reporter",
    "With reporting from {town2}",
    "Compiled by the {pub} news desk",
    "Editing by {p4}",
)
UPDATES = (
    "This story has been updated to include comments from the regional government in {region}.",
    "An earlier version of this story gave the wrong first name for {p2s}. It has been corrected.",
    "Updated with further reaction and a statement from {p2s}, who had earlier declined to "
    "comment.",
)

COUNCIL_PROJECTS = (
    "a new library on {street}", "the {river} flood barrier", "the harbour wall repairs",
    "a covered market in the old town", "a cycle lane along {street}",
    "the renovation of the town hall", "a new bus depot", "the {ward} sports centre",
)  # fmt: skip
COUNCIL_FORMS = (
    "{town} town council", "{town} district council", "{town} county assembly",
    "{town} borough council",
)  # fmt: skip

# Small edits for near-duplicate rewrites: (word, replacement), matched on word boundaries.
SWAPS: tuple[tuple[str, str], ...] = (
    ("said", "added"), ("residents", "locals"), ("expected", "likely"),
    ("officials", "authorities"), ("plan", "proposal"), ("about", "around"),
    ("rose", "climbed"), ("fell", "dropped"), ("would", "will"), ("people", "residents"),
    ("several", "a number of"), ("warned", "cautioned"),
)  # fmt: skip

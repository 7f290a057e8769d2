"""Names for the demo city: languages, people's names, nicknames and streets.

Plain data, no Django import. Faker provides most given and family names; the lists here cover
what Faker writes in another script, and the city's own street names.
"""

from __future__ import annotations

LANGUAGES = (
    ("en", 78), ("es", 14), ("vi", 2.4), ("zh", 1.6), ("ar", 1.1),
    ("ht", 0.9), ("ru", 0.8), ("ko", 0.5), ("so", 0.4), ("tl", 0.3),
)  # fmt: skip

# Romanized names for the languages whose Faker locales write in another script.
NAME_LISTS = {
    "ar": (
        ("Ahmed", "Omar", "Youssef", "Khaled", "Hassan", "Mustafa", "Karim", "Samir"),
        ("Fatima", "Layla", "Amira", "Nour", "Mariam", "Hana", "Salma", "Rania"),
        ("Haddad", "Khoury", "Saleh", "Nasser", "Hamdan", "Abbas", "Mansour", "Yousef"),
    ),
    "ru": (
        ("Dmitri", "Sergei", "Alexei", "Ivan", "Nikolai", "Pavel", "Andrei", "Yuri"),
        ("Olga", "Natalia", "Irina", "Svetlana", "Tatiana", "Elena", "Galina", "Vera"),
        ("Ivanov", "Petrov", "Sokolov", "Volkov", "Morozov", "Orlov", "Popov", "Lebedev"),
    ),
}
FAKER_LOCALES = {"es": "es_MX", "vi": "vi_VN", "zh": "zh_CN", "ht": "fr_FR"}

NICKNAMES = {
    "Robert": "Bobby", "William": "Billy", "James": "Jimmy", "Michael": "Mikey",
    "Elizabeth": "Liz", "Jennifer": "Jenny", "Richard": "Rick", "Joseph": "Joey",
    "Christopher": "Chris", "Daniel": "Danny", "Anthony": "Tony", "Katherine": "Katie",
    "Margaret": "Peggy", "Patricia": "Trish", "Thomas": "Tommy", "David": "Dave",
    "Jesús": "Chuy", "Francisco": "Pancho", "José": "Pepe", "Guadalupe": "Lupe",
}  # fmt: skip
MONIKERS = ("Smokey", "Red", "Tiny", "Preacher", "Sunny", "Country", "Shorty", "Doc", "Lucky")

_STREET_WORDS = (
    "MAPLE OAK ELM PINE CEDAR BIRCH WALNUT CHESTNUT SPRUCE WILLOW ASH HICKORY MAGNOLIA "
    "SYCAMORE POPLAR LAUREL CHERRY DOGWOOD JUNIPER ALDER CYPRESS LINDEN REDWOOD ASPEN HAWTHORN "
    "WASHINGTON ADAMS JEFFERSON MADISON MONROE JACKSON LINCOLN GRANT GARFIELD CLEVELAND "
    "HARRISON MCKINLEY ROOSEVELT WILSON TAFT KENNEDY FRANKLIN HAMILTON MAIN CHURCH MILL RIVER "
    "BRIDGE HARBOR LAKE PARK SPRING HILL VALLEY MEADOW SUNSET HIGHLAND CENTER MARKET UNION "
    "COLLEGE SCHOOL ACADEMY DEPOT RAILROAD CANAL FERRY CLIFF RIDGE ORCHARD PRAIRIE CREEK "
    "FOREST GROVE GARDEN FAIRVIEW PLEASANT PROSPECT LIBERTY COMMERCE INDUSTRIAL STATE COUNTY "
    "LOCUST SHERIDAN BROADWAY WATER FRONT HIGH CARDINAL ROBIN SPARROW HERON EAGLE FALCON "
    "HOLLIS BRANDT WHITMAN CARVER DELANEY PRESCOTT WINSLOW ASHFORD BECKETT CALDWELL EMERSON "
    "HARLAN KENDALL MERCER PARRISH SUTTON THORNTON WARD"
)
STREET_NAMES = tuple(_STREET_WORDS.split())
NS_SUFFIXES = ("AVE", "AVE", "BLVD", "DR")
EW_SUFFIXES = ("AVE", "ST", "ST", "RD", "DR", "LN", "WAY", "BLVD", "PL", "CT")

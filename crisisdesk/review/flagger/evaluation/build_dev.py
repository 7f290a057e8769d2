"""Builds dev_generated.jsonl: the development cases, used to tune the flagger.

    python -m crisisdesk.review.flagger.evaluation.build_dev

CAD shorthand in the style of the demo city and of San Diego PD (RP, SUBJ, W/, UNK, ETOH, HX,
10-codes), upper case, typos, several time-stamped entries. Its templates are its own: the
held-out generator (build_heldout.py) was written apart, with other phrasings.
"""

from __future__ import annotations

import random

from crisisdesk.review.flagger.evaluation.common import (
    HERE,
    CallType,
    Snippet,
    fill,
    label,
    snip,
    stamp,
    typo,
    write_cases,
)

SEED = 20_250_107
COUNT = 460
OUTPUT = HERE / "dev_generated.jsonl"

MALE = {"HE": ["HE"], "HIS": ["HIS"], "HIM": ["HIM"], "HIMSELF": ["HIMSELF"]}
FEMALE = {"HE": ["SHE"], "HIS": ["HER"], "HIM": ["HER"], "HIMSELF": ["HERSELF"]}
SLOTS = {
    "REL": ["SON", "BROTHER", "HUSBAND", "BF", "FATHER", "UNCLE", "ROOMMATE", "NEPHEW"],
    "RELF": ["DAUGHTER", "SISTER", "WIFE", "GF", "MOTHER", "NIECE", "ROOMMATE", "GRANDMOTHER"],
    "DESC": ["W/M", "B/M", "H/M", "A/M", "W/F", "B/F", "H/F"],
    "CROSS": ["UNIVERSITY AVE", "MARKET ST / 16TH", "HOLLY AVE", "RT 9 NB", "OAK ST / 2ND"],
    "BIZ": ["THE LIQUOR STORE", "THE SHELL STATION", "CVS", "THE DINER", "THE MOTEL 6"],
    "DUR": ["2 WKS", "3 DAYS", "A MONTH", "SEVERAL DAYS", "A WEEK"],
    "DX": ["SCHIZOPHRENIA", "BIPOLAR", "DEPRESSION", "PTSD", "SCHIZOAFFECTIVE"],
    "SUB": ["ETOH", "METH", "FENTANYL", "HEROIN", "SPICE", "XANAX"],
    "N": ["2", "3", "4", "6"],
    "AGE": ["17", "23", "29", "34", "41", "56", "63", "79"],
}

HIDING = [
    CallType("san-diego", "415", "DISTURBING PEACE"),
    CallType("san-diego", "1131", "CALLING FOR HELP"),
    CallType("san-diego", "11-8", "PERSON DOWN"),
    CallType("san-diego", "FU", "FOLLOW-UP BY FIELD UNIT"),
    CallType("demo", "DIST", "DISTURBANCE"),
    CallType("demo", "SUSP", "SUSPICIOUS PERSON"),
    CallType("demo", "HANGUP", "911 HANG UP / OPEN LINE"),
    CallType("demo", "INFO", "INFORMATION FOR DISPATCH"),
    CallType("default", None, "DISTURBANCE"),
    CallType("default", None, "SUSPICIOUS PERSON"),
    CallType("default", "10-103", None),
]
BY_NEED = {
    "mental_health": [
        CallType("san-diego", "5150", "MENTAL CASE", "mental_health"),
        CallType("demo", "MH", "MENTAL HEALTH CRISIS", "mental_health"),
        CallType("default", None, "MENTAL HEALTH CRISIS", "mental_health"),
        CallType("default", "10-96", None, "mental_health"),
    ],
    "suicide": [
        CallType("demo", "SUIC", "SUICIDE THREAT", "suicide"),
        CallType("default", None, "SUICIDE THREAT", "suicide"),
    ],
    "substance_use": [
        CallType("san-diego", "647F", "DRUNK - DRUGS/ALCOHOL", "substance_use"),
        CallType("demo", "INTOX", "INTOXICATED PERSON", "substance_use"),
        CallType("default", None, "PUBLIC INTOXICATION", "substance_use"),
    ],
    "homelessness": [
        CallType("san-diego", "SLEEPER", "SLEEPER", "homelessness"),
        CallType("demo", "SLEEP", "SLEEPER / UNHOUSED PERSON", "homelessness"),
        CallType("default", None, "TRANSIENT", "homelessness"),
    ],
    "welfare_check": [
        CallType("san-diego", "CW", "CHECK THE WELFARE", "welfare_check"),
        CallType("demo", "WELF", "WELFARE CHECK", "welfare_check"),
        CallType("default", None, "WELFARE CHECK", "welfare_check"),
    ],
    "quality_of_life": [
        CallType("demo", "QOL", "QUALITY OF LIFE / ENCAMPMENT", "quality_of_life"),
        CallType("default", None, "PANHANDLING", "quality_of_life"),
    ],
}
ORDINARY = [
    CallType("san-diego", "459R", "BURGLARY REPORT"),
    CallType("san-diego", "10851", "AUTO THEFT"),
    CallType("san-diego", "415N", "DISTURBING PEACE NOISE ONLY"),
    CallType("san-diego", "72HR", "VEH VIOLATING 72HR PARKING RES"),
    CallType("demo", "PARK", "ILLEGAL PARKING"),
    CallType("demo", "ALARM", "BURGLARY ALARM"),
    CallType("demo", "TC", "TRAFFIC COLLISION, NO INJURY"),
    CallType("default", None, "NOISE COMPLAINT"),
    CallType("default", None, "FOUND PROPERTY"),
]

BH_OPENERS: dict[str, list[str]] = {
    "mental_health": [
        "RP STATES {REL} {AGE}YOA OFF {HIS} MEDS FOR {DUR}, YELLING AND BREAKING DISHES",
        "RP ADV {REL} IS HEARING VOICES AND NOT MAKING SENSE. HX OF {DX}",
        "{DESC} {AGE}YOA TALKING TO {HIMSELF} AND SCREAMING AT CARS IFO {BIZ}",
        "RP STATES {REL} HAS NOT SLEPT IN {N} DAYS, PACING, SAYS PEOPLE ARE WATCHING {HIM}",
        "1ST PARTY STATES {HE} IS HEARING VOICES TELLING {HIM} TO LEAVE THE HOUSE",
        "RP STATES {REL} IS PARANOID, THINKS THE NEIGHBORS ARE POISONING {HIS} FOOD",
        "{DESC} WALKING IN TRAFFIC ON {CROSS}, NOT MAKING SENSE",
        "RP STATES {REL} {AGE}YOA IS MANIC, HAS NOT EATEN IN {N} DAYS",
        "10-96 SUBJ IFO {BIZ}, DELUSIONAL, THINKS {HE} IS BEING FOLLOWED BY THE FBI",
        "RP STS {REL} HAS BEEN ACTING STRANGE, HALLUCINATING, SEEING PEOPLE IN THE HOUSE",
        "PT OF COUNTY BH, CASE MANAGER ADV PT OFF MEDS AND DECOMPENSATING",
        "RP STATES {REL} HAS {DX}, STOPPED TAKING MEDS, SCREAMING AT THE WALLS",
        "SUBJ IN LOBBY OF {BIZ} RAMBLING INCOHERENTLY, STAFF CONCERNED",
        "EDP {DESC} IN THE MIDDLE OF {CROSS} DIRECTING TRAFFIC",
        "RP STS {RELF} IS HAVING A MENTAL HEALTH EPISODE, LOCKED IN HER ROOM",
        "1ST PARTY STATES SHE IS VERY DEPRESSED AND NEEDS SOMEONE TO TALK TO",
        "RP STATES {REL} SCHIZOPHRENIC OFF MEDS, THINKS TV IS SENDING HIM MESSAGES",
        "SUBJ NAKED IN FRONT YARD YELLING AT THE SKY",
    ],
    "suicide": [
        "RP STATES {REL} {AGE}YOA TALKING ABOUT HURTING {HIMSELF}, HAS BEEN DRINKING",
        "1ST PARTY {DESC} {AGE}YOA STATES {HE} WANTS TO END {HIS} LIFE. ALONE AT HOME",
        "RP STATES {REL} SENT TEXT SAYING {HE} WANTS TO DIE. UNK LOC, PHONE GOING TO VM",
        "1ST PARTY CALLER CRYING, STATES {HE} IS TIRED OF LIVING",
        "{REL} THREATENING TO JUMP FROM THE BRIDGE ON {CROSS}. RP KEEPING EYES ON",
        "RP STS {RELF} IS SUICIDAL, SAID SHE HAS NOTHING TO LIVE FOR",
        "SCHOOL COUNSELOR REPORTS STUDENT {AGE}YOA WROTE A SUICIDE NOTE",
        "RP STATES {REL} POSTED ON SOCIAL MEDIA SAYING GOODBYE TO EVERYONE",
        "1ST PARTY SI W/ PLAN, DENIES ACCESS TO WEAPONS",
        "RP STATES {REL} SAID HE WOULD BE BETTER OFF DEAD, HX OF ATTEMPTS",
        "RP STS {REL} IS SUICIDLE AND LOCKED IN BATHROOM",
    ],
    "substance_use": [
        "{DESC} {AGE}YOA STUMBLING IN ROADWAY ON {CROSS}, POSS {SUB}",
        "INTOX {DESC} SITTING IFO {BIZ}, UNABLE TO CARE FOR SELF, BREATHING AND TALKING",
        "RP STATES INTOX SUBJ YELLING AT CUSTOMERS AT {BIZ}, REFUSING TO LEAVE",
        "{DESC} SMELLS STRONGLY OF ETOH, SITTING AT BUS STOP, SLURRING",
        "RP STATES {REL} IS HIGH ON METH AND TWEAKING, PICKING AT {HIS} SKIN",
        "10-56 {DESC} LAYING ON SIDEWALK, AWAKE, VERY DRUNK",
        "RP STS {REL} RELAPSED ON HEROIN, WANTS HELP GETTING INTO DETOX",
        "SUBJ WASTED, SWAYING, ASKING CUSTOMERS FOR BEER MONEY",
    ],
    "homelessness": [
        "{DESC} SLEEPING IN DOORWAY OF {BIZ}, MANAGER REQ MOVE ALONG",
        "RP STATES ENCAMPMENT BEHIND {BIZ} GROWING, {N} TENTS",
        "{DESC} {AGE}YOA SLEEPING AT BUS STOP ON {CROSS}, RP CONCERNED DUE TO COLD",
        "RP STATES SUBJ LIVING IN {HIS} CAR IN LOT OF {BIZ} FOR {DUR}",
        "HOMELESS {DESC} ASKING FOR A PLACE TO STAY TONIGHT",
        "TRANSIENT SLEEPING IN THE STAIRWELL OF THE APT BLDG",
        "1ST PARTY STATES SHE WAS EVICTED AND HAS NO PLACE TO GO WITH HER KIDS",
    ],
    "welfare_check": [
        "RP REQ WELFARE CHECK ON {REL} {AGE}YOA, NOT ANSWERING PHONE FOR {DUR}",
        "RP IS NEIGHBOR, HAS NOT SEEN ELDERLY {DESC} IN {N} DAYS, MAIL PILING UP",
        "{DESC} {AGE}YOA SITTING ON CURB CRYING, RP UNSURE IF OK",
        "RP STATES {RELF} SOUNDED CONFUSED ON THE PHONE, LIVES ALONE",
        "EMPLOYER REQ WELFARE CHECK, EMPLOYEE MISSED {N} SHIFTS, NOT LIKE {HIM}",
        "RP IS CASE MANAGER, CLIENT {AGE}YOA MISSED APPT AND IS NOT ANSWERING",
        "ELDERLY {DESC} WITH DEMENTIA WANDERING ON {CROSS} IN A BATHROBE",
    ],
    "quality_of_life": [
        "{DESC} PANHANDLING AT THE INTERSECTION OF {CROSS}",
        "SUBJ URINATING IN PUBLIC BEHIND {BIZ}",
        "{DESC} LOITERING IFO {BIZ}, HARASSING CUSTOMERS",
        "SUBJ BEGGING FOR MONEY IN THE PARKING LOT OF {BIZ}, WONT LEAVE",
        "PERSON DEFECATING IN THE ALLEY BEHIND {BIZ}",
    ],
}

ORDINARY_OPENERS: list[Snippet] = [
    snip("LOUD MUSIC FROM UPSTAIRS APT FOR {N} HOURS"),
    snip("RPS VEH WAS STOLEN OVERNIGHT FROM DRIVEWAY"),
    snip("ALARM CO REPORTS FRONT DOOR ZONE, NO KEYHOLDER RESPONSE"),
    snip("2 VEH TC, NO INJ REPORTED, BLOCKING LANE AT {CROSS}"),
    snip("VEH BLOCKING DRIVEWAY, RP CANNOT GET OUT"),
    snip("RP FOUND A BACKPACK AT {BIZ}, WANTS TO TURN IT IN"),
    snip("CRAZY TRAFFIC AT {CROSS}, SIGNAL OUT"),
    snip("RP STATES NEIGHBOR IS DRIVING HIM CRAZY WITH HIS DOG BARKING"),
    snip("RP WANTS TO REPORT A NAIL GUN STOLEN FROM HIS TRUCK"),
    snip("BATS IN THE ATTIC, RP REQ ANIMAL CONTROL NUMBER"),
    snip("PIPE BURST IN THE BASEMENT OF THE APT BLDG, WATER EVERYWHERE"),
    snip("HIGH SCHOOL GAME LETTING OUT, TRAFFIC CONTROL REQ"),
    snip("RP STATES SHE IS KILLING TIME WAITING FOR A TOW, CAR WONT START, DEAD BATTERY"),
    snip("POSS DUI DRIVER SWERVING ON {CROSS}"),
    snip("RP REQ CIVIL STANDBY TO PICK UP BELONGINGS FROM EX"),
    snip("SHOPLIFTER DETAINED BY LP AT {BIZ}, COOPERATIVE"),
    snip("RP STATES DRUG DEALING IFO {BIZ} ALL DAY, HAND TO HAND"),
    snip("SMALL DEPRESSION IN THE ROADWAY ON {CROSS}"),
    snip("RP STATES SUBJ THREATENED HIM WITH A KNIFE OVER A PARKING SPOT", weapon=True),
    snip("RP WAS PUNCHED BY {DESC}, SUSP LEFT ON FOOT", violence=False),
    snip("SHOTS FIRED NEAR {CROSS}, MULTIPLE CALLERS", weapon=True),
    snip("RP HEARS SOMEONE BREAKING INTO THE HOUSE NOW", crime=True),
    snip("{DESC} DOWN ON SIDEWALK AT {CROSS}, NOT BREATHING, RP STARTING CPR", medical=True),
    snip("TWO MALES FIGHTING IN THE PARKING LOT OF {BIZ}", violence=True),
    snip("ROBBERY IN PROGRESS AT {BIZ}", crime=True),
]

EXCLUDED: list[Snippet] = [
    snip("RP STATES {REL} OFF MEDS AND CHASING FAMILY WITH A KNIFE", "mental_health", weapon=True),
    snip("RP STATES {REL} HAS A GUN AND IS THREATENING TO SHOOT {HIMSELF}", "suicide", weapon=True),
    snip(
        "RP STATES {REL} TOOK A BUNCH OF PILLS AND SAYS {HE} WANTS TO DIE", "suicide", medical=True
    ),
    snip("RP STATES {REL} {AGE}YOA UNRESPONSIVE, POSS {SUB} OD", "substance_use", medical=True),
    snip("{DESC} UNCONSCIOUS IN BATHROOM AT {BIZ}, POSS OD", "substance_use", medical=True),
    snip(
        "RP STATES {REL} HEARING VOICES AND PUNCHING {HIS} MOTHER NOW",
        "mental_health",
        violence=True,
    ),
    snip("INTOX SUBJ FIGHTING WITH SECURITY IFO {BIZ}", "substance_use", violence=True),
    snip("{REL} CUT {HIS} WRISTS, BLEEDING HEAVILY", "suicide", medical=True),
    snip("SUICIDAL SUBJ HOLDING A KNIFE TO {HIS} THROAT", "suicide", weapon=True),
    snip("5150 SUBJ SWINGING A METAL PIPE AT PASSING CARS", "mental_health", weapon=True),
    snip("HOMELESS {DESC} HAVING A SEIZURE AT THE BUS STOP", "homelessness", medical=True),
    snip(
        "RP STATES {REL} BLUE IN THE FACE, SHALLOW BREATHING. HX {SUB} USE",
        "substance_use",
        medical=True,
    ),
]

CO_RESPONSE: list[Snippet] = [
    snip(
        "RP STATES {REL} OFF MEDS, HAS A KNIFE IN {HIS} POCKET, NOT THREATENING ANYONE",
        "mental_health",
        weapon=False,
    ),
    snip(
        "RP STATES {REL} TALKING ABOUT SUICIDE, THERE ARE GUNS IN THE HOUSE",
        "suicide",
        weapon=False,
    ),
    snip("RP STATES {REL} HEARING VOICES, UNK IF ARMED", "mental_health", weapon=False),
    snip(
        "RP STATES {REL} OFF HIS MEDS, THREATENING FAMILY VERBALLY", "mental_health", violence=False
    ),
    snip("SUBJ HAS HX OF VIOLENCE, CURRENTLY PARANOID AND PACING", "mental_health", violence=False),
    snip(
        "INTOX SUBJ IFO {BIZ} W/ A BAT ON HIS BACKPACK, NOT BOTHERING ANYONE",
        "substance_use",
        weapon=False,
    ),
    snip(
        "RP STATES {REL} PUNCHED HIM YESTERDAY, TODAY OFF MEDS AND CRYING",
        "mental_health",
        violence=False,
    ),
]

WEAPON_LINES: list[Snippet] = [
    snip("NO WEAPONS SEEN"),
    snip("NO WEAPONS IN THE HOME PER RP"),
    snip("RP DENIES ANY WEAPONS"),
    snip("SUBJ IS UNARMED"),
    snip("WEAPONS NEG"),
    snip("RP UNSURE IF SUBJ HAS ACCESS TO WEAPONS", weapon=False),
    snip("UNK WEAPONS", weapon=False),
    snip("POSS HAS A KNIFE", weapon=False),
    snip("SUBJ HAS A BOX CUTTER BUT HAS NOT THREATENED ANYONE", weapon=False),
    snip("SUBJ NOW WAVING A KNIFE", weapon=True),
    snip("SUBJ POINTED A GUN AT RP", weapon=True),
]
VIOLENCE_LINES: list[Snippet] = [
    snip("NO HX OF VIOLENCE"),
    snip("NOT AGGRESSIVE"),
    snip("VERBAL ONLY"),
    snip("HX OF VIOLENCE TOWARDS FAMILY", violence=False),
    snip("SUBJ THREATENED TO BEAT UP RP", violence=False),
    snip("SUBJ NOW HITTING RP", violence=True),
    snip("SUBJS NOW PHYSICAL", violence=True),
]
MEDICAL_LINES: list[Snippet] = [
    snip("SUBJ CONSCIOUS AND BREATHING"),
    snip("NO INJ"),
    snip("FD NOT NEEDED PER RP"),
    snip("SUBJ NOW UNRESPONSIVE", medical=True),
    snip("SUBJ HAVING DIFFICULTY BREATHING", medical=True),
]
NEED_LINES: list[Snippet] = [
    snip("RP STATES SUBJ HAS HX OF {DX}, WAS HOSPITALIZED LAST YEAR", "mental_health"),
    snip("SUBJ OFF MEDS FOR {DUR} PER RP", "mental_health"),
    snip("RP STATES SUBJ DRANK {N} BEERS TODAY, POSS {SUB}", "substance_use"),
    snip("SUBJ IS HOMELESS PER RP", "homelessness"),
    snip("DENIES SI"),
    snip("RP REQ CRISIS TEAM, DOES NOT WANT POLICE IF POSSIBLE", "mental_health"),
    snip("SUBJ NOT MAKING SENSE PER RP", "mental_health"),
]
FILLERS: list[str] = [
    "UNITS ENRT",
    "RP ADV TO CALL BACK IF ANYTHING CHANGES",
    "CALLBACK TO RP, NO ANSWER, LEFT VM",
    "PER RP SUBJ LEFT ON FOOT TWDS {CROSS}",
    "RP REQ CONTACT",
    "NFI",
    "10-4",
    "RP WILL MEET UNITS OUT FRONT",
    "DUPLICATE CALL FROM 2ND RP, SAME INFO",
    "REQ 2ND UNIT",
]
RELATIONS = ["first", "second", "third", None]


def build() -> list[dict[str, object]]:
    rng = random.Random(SEED)  # noqa: S311 - synthetic data, not security
    cases: list[dict[str, object]] = []
    for number in range(1, COUNT + 1):
        kind = rng.choices(
            ["bh", "excluded", "co_response", "ordinary", "type_only"],
            weights=[40, 14, 10, 30, 6],
        )[0]
        snippets: list[Snippet] = []
        if kind == "bh":
            need = rng.choice(list(BH_OPENERS))
            snippets.append(snip(rng.choice(BH_OPENERS[need]), need))
            call_type = rng.choice(HIDING if rng.random() < 0.5 else BY_NEED[need])
        elif kind == "excluded":
            snippets.append(rng.choice(EXCLUDED))
            call_type = rng.choice(HIDING)
        elif kind == "co_response":
            opener = rng.choice(CO_RESPONSE)
            snippets.append(opener)
            call_type = rng.choice(HIDING + BY_NEED[opener.need])
        elif kind == "ordinary":
            snippets.append(rng.choice(ORDINARY_OPENERS))
            call_type = rng.choice(ORDINARY)
        else:
            need = rng.choice(list(BY_NEED))
            call_type = rng.choice([ct for ct in BY_NEED[need] if ct.need])
        if kind in ("bh", "co_response", "type_only"):
            for lines, chance in ((WEAPON_LINES, 0.35), (VIOLENCE_LINES, 0.2), (NEED_LINES, 0.25)):
                if rng.random() < chance:
                    snippets.append(rng.choice(lines))
            if rng.random() < 0.12:
                snippets.append(rng.choice(MEDICAL_LINES))
        elif rng.random() < 0.15:
            snippets.append(rng.choice(MEDICAL_LINES[:3]))
        entries = [s.text for s in snippets]
        for _ in range(rng.randrange(0, 3)):
            entries.insert(
                rng.randrange(1, len(entries) + 1) if entries else 0, rng.choice(FILLERS)
            )
        if not entries:
            entries = [rng.choice(FILLERS)]
        joined = " ".join(entries)
        female = "{RELF}" in joined or ("{REL}" not in joined and rng.random() < 0.4)
        slots = {**SLOTS, **(FEMALE if female else MALE)}
        entries = [typo(rng, fill(rng, entry, slots), 0.06) for entry in entries]
        style = rng.choice(["plain", "brackets", "military"])
        minute = rng.randrange(0, 600)
        stamped = [stamp(rng, style, minute + 3 * i) + entry for i, entry in enumerate(entries)]
        notes: object = stamped if rng.random() < 0.6 else ". ".join(stamped)
        cases.append(
            {
                "id": f"dev-g{number:04d}",
                "config": call_type.config,
                "call_type": call_type.as_input(),
                "notes": notes,
                "caller_relation": rng.choice(RELATIONS),
                "expected": label(call_type, snippets),
                "source": "dev-generated",
                "kind": kind,
            }
        )
    return cases


if __name__ == "__main__":
    write_cases(OUTPUT, build())
    print(f"wrote {COUNT} cases to {OUTPUT}")

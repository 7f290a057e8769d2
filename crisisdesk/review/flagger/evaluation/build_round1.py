"""Builds round1_generated.jsonl: the first held-out set, now part of development.

    python -m crisisdesk.review.flagger.evaluation.build_round1

Written as held-out before the flagger was tuned and apart from build_dev.py: its own
templates, call types, shorthand (C/S, PTY, R/P), lower-case narrative entries, time stamps
and seed. It was measured once, untuned (figures in README.md); its errors were then studied
and it joined the dev split. The held-out split is now build_heldout.py, written after it and
before those errors were studied. Deterministic: the same file comes out every time.
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

SEED = 7_0207
COUNT = 320
OUTPUT = HERE / "round1_generated.jsonl"

MALE = {"HE": ["HE"], "HIS": ["HIS"], "HIM": ["HIM"], "HIMSELF": ["HIMSELF"]}
FEMALE = {"HE": ["SHE"], "HIS": ["HER"], "HIM": ["HER"], "HIMSELF": ["HERSELF"]}
SLOTS = {
    "REL_M": ["SON", "HUSBAND", "BROTHER", "ROOMMATE", "GRANDSON", "EX-HUSBAND", "NEPHEW"],
    "REL_F": ["DAUGHTER", "WIFE", "SISTER", "ROOMMATE", "GRANDDAUGHTER", "MOTHER", "AUNT"],
    "CROSS": ["MISSION BLVD", "EL CAJON BLVD / 30TH", "IMPERIAL AVE", "GARNET AVE", "05TH AVE"],
    "BIZ": ["THE 7-ELEVEN", "THE TROLLEY STATION", "WALGREENS", "THE LAUNDROMAT", "CHASE BANK"],
    "DUR": ["A COUPLE WEEKS", "4 DAYS", "SINCE FRIDAY", "OVER A MONTH", "2-3 WEEKS"],
    "N": ["2", "3", "4", "5"],
    "AGE": ["19", "24", "31", "38", "45", "52", "67", "74"],
}

# Call types, per configuration, by what they show. Generic ones hide behavioral health.
HIDING = [
    CallType("san-diego", "415", "DISTURBING PEACE"),
    CallType("san-diego", "1131", "CALLING FOR HELP"),
    CallType("san-diego", "911", "UNK EMERG, HANG UP/OPEN LINE"),
    CallType("san-diego", "CC", "CITIZEN CONTACT"),
    CallType("demo", "SUSP", "SUSPICIOUS PERSON"),
    CallType("demo", "DIST", "DISTURBANCE"),
    CallType("demo", "CIT", "CITIZEN CONTACT"),
    CallType("default", None, "UNKNOWN PROBLEM"),
    CallType("default", None, "ASSIST CITIZEN"),
    CallType("default", None, "DISTURBANCE - UNKNOWN"),
]
BY_NEED = {
    "mental_health": [
        CallType("san-diego", "5150", "MENTAL CASE", "mental_health"),
        CallType("demo", "MH", "MENTAL HEALTH CRISIS", "mental_health"),
        CallType("default", None, "EMOTIONALLY DISTURBED PERSON", "mental_health"),
        CallType("default", None, "PSYCHIATRIC EMERGENCY", "mental_health"),
    ],
    "suicide": [
        CallType("demo", "SUIC", "SUICIDE THREAT", "suicide"),
        CallType("default", None, "SUICIDAL SUBJECT", "suicide"),
        CallType("san-diego", "5150", "MENTAL CASE", "mental_health"),
    ],
    "substance_use": [
        CallType("san-diego", "647F", "DRUNK - DRUGS/ALCOHOL", "substance_use"),
        CallType("demo", "INTOX", "INTOXICATED PERSON", "substance_use"),
        CallType("default", None, "INTOXICATED SUBJECT", "substance_use"),
    ],
    "homelessness": [
        CallType("san-diego", "SLEEPER", "SLEEPER", "homelessness"),
        CallType("demo", "SLEEP", "SLEEPER / UNHOUSED PERSON", "homelessness"),
        CallType("default", None, "HOMELESS PERSON", "homelessness"),
    ],
    "welfare_check": [
        CallType("san-diego", "CW", "CHECK THE WELFARE", "welfare_check"),
        CallType("demo", "WELF", "WELFARE CHECK", "welfare_check"),
        CallType("default", None, "CHECK WELFARE", "welfare_check"),
    ],
    "quality_of_life": [
        CallType("demo", "QOL", "QUALITY OF LIFE / ENCAMPMENT", "quality_of_life"),
        CallType("default", None, "QUALITY OF LIFE COMPLAINT", "quality_of_life"),
        CallType("san-diego", "602", "TRESPASSING"),
    ],
}
ORDINARY = [
    CallType("san-diego", "415N", "DISTURBING PEACE NOISE ONLY"),
    CallType("san-diego", "488R", "PETTY THEFT REPORT/UNDER $950"),
    CallType("san-diego", "1182", "NON-INJURY ACCIDENT"),
    CallType("san-diego", "HZRD", "HAZARDOUS CONDITION"),
    CallType("demo", "NOISE", "NOISE COMPLAINT"),
    CallType("demo", "VTHEFT", "VEHICLE THEFT REPORT"),
    CallType("demo", "ANIMAL", "ANIMAL COMPLAINT"),
    CallType("default", None, "TRAFFIC HAZARD"),
    CallType("default", None, "INFORMATION"),
    CallType("default", None, "CIVIL PROBLEM"),
]

BH_OPENERS: dict[str, list[str]] = {
    "mental_health": [
        "C/S HER {REL_M} IS ACTING PARANOID AND ACCUSING THE NEIGHBORS OF SPYING ON {HIM}",
        "{REL_M} HAS NOT TAKEN {HIS} PSYCH MEDICATION IN {DUR}, RANTING ABOUT THE GOVERNMENT",
        "MALE IN LOBBY OF {BIZ} SHOUTING AT NOBODY, APPEARS TO BE RESPONDING TO VOICES",
        "R/P SAYS {REL_F} BELIEVES THERE ARE CAMERAS IN THE WALLS AND HAS NOT SLEPT IN {N} DAYS",
        "FEMALE DANCING IN THE INTERSECTION AT {CROSS}, INCOHERENT WHEN RP TRIED TO TALK TO HER",
        "1ST PTY STATES SHE IS HAVING A MENTAL BREAKDOWN AND CANNOT STOP SHAKING",
        "{REL_F} IS BIPOLAR AND HAS BEEN MANIC ALL WEEK, SPENT THE RENT MONEY",
        "CASE WORKER FROM COUNTY MH REPORTS CLIENT DECOMPENSATING, PSYCHOTIC SYMPTOMS",
        "SUBJ ON CORNER OF {CROSS} PREACHING TO TRAFFIC, SAYS HE IS A PROPHET, BIZARRE BEHAVIOR",
        "ADULT {REL_M} LOCKED IN {HIS} ROOM TALKING TO {HIMSELF} FOR HOURS, WONT EAT",
        "caller states her {REL_M} is hearing voices and thinks the tv is talking to him",
        "RP STS {REL_M} IS HALUCINATING, HX OF SKITZOPHRENIA, NOT ON MEDS",
        "PT WALKED OUT OF ER BEFORE PSYCH EVAL, LAST SEEN TWDS {CROSS}",
        "RP ADV {REL_F} IS HAVING A PANIC ATTACK, SAYS SHE NEEDS SOMEONE TO TALK HER DOWN",
        "male talking nonsense to customers at {BIZ}, seems confused and agitated",
        "{REL_M} {AGE}YOA WITH AUTISM HAVING A MELTDOWN, THROWING HIS TOYS, PARENTS NEED HELP",
    ],
    "suicide": [
        "{REL_M} TEXTED RP THAT {HE} WANTS TO END IT ALL, NOT PICKING UP",
        "1ST PTY SAYS SHE HAS A PLAN TO OVERDOSE ON HER SLEEPING PILLS TONIGHT",
        "R/P STATES {REL_F} IS SITTING ON THE OVERPASS RAILING ABOVE {CROSS}",
        "CALLER IS SUICIDAL, SAYS NOBODY WOULD MISS HIM",
        "SUBJ TOLD A COWORKER HE WAS GOING TO KILL HIMSELF AFTER HIS SHIFT",
        "SUICIDAL MALE ON TOP LEVEL OF PARKING STRUCTURE NEAR {BIZ}",
        "rp says her {REL_M} posted a goodbye message on facebook and wont answer",
        "VETERAN CALLING CRISIS LINE TRANSFER, STATES HE DOES NOT WANT TO BE HERE ANYMORE",
        "RP REPORTS {REL_F} SAID SHE WISHES SHE WAS DEAD, CRYING, ALONE AT HOME",
        "1ST PTY {AGE}YOA REQUESTING HELP, THINKING ABOUT SUICDE FOR {DUR}",
    ],
    "substance_use": [
        "MALE SWAYING IN THE TRAFFIC LANES ON {CROSS}, SMELLS OF BEER PER RP",
        "R/P STATES {REL_M} IS WITHDRAWING FROM ALCOHOL, SHAKING AND SWEATING, WANTS DETOX",
        "INTOXICATED MALE REFUSING TO LEAVE THE BAR AT CLOSING, NOT VIOLENT",
        "SUBJ HUFFING PAINT IN THE ALLEY BEHIND {BIZ}",
        "FEMALE VERY DRUNK AT THE TROLLEY STOP, CANNOT STAND UP ON HER OWN",
        "RP STATES {REL_M} HAS BEEN USING METH ALL WEEK AND IS NOT HIMSELF",
        "male slumped against wall at {BIZ}, drunk, mumbling, sitting up on his own",
        "RP REPORTS SUBJ SMOKING FENTANYL ON FOIL IN THE DOORWAY OF {BIZ}",
    ],
    "homelessness": [
        "UNHOUSED FEMALE WITH SHOPPING CART BLOCKING THE BUS BENCH ON {CROSS}",
        "TENT ENCAMPMENT ON THE SIDEWALK BLOCKING WHEELCHAIR ACCESS AT {CROSS}",
        "ELDERLY MALE STATES HE WAS EVICTED TODAY AND HAS NOWHERE TO SLEEP TONIGHT",
        "FAMILY LIVING IN A MINIVAN IN THE LOT OF {BIZ}, KIDS IN CAR",
        "TRANSIENT MALE SLEEPING IN THE ATM VESTIBULE AT {BIZ}",
        "rp reports a homeless man sleeping on the steps of the church every night",
        "MALE CAMPED IN THE CANYON BEHIND THE APARTMENTS, SMALL FIRE, BELONGINGS EVERYWHERE",
    ],
    "welfare_check": [
        "RP HAS NOT HEARD FROM ELDERLY {REL_F} SINCE SUNDAY, NO ANSWER AT THE DOOR",
        "CONFUSED ELDERLY FEMALE AT THE BUS STOP, CANNOT SAY WHERE SHE LIVES",
        "MALE WITH DEMENTIA LEFT HIS CARE HOME, WANDERING ON {CROSS}",
        "REQ WELFARE CHECK ON NEIGHBOR {AGE}YOA, NEWSPAPERS PILING UP ON PORCH",
        "rp asks for someone to check on her {REL_F}, sounded disoriented on the phone",
        "ELDERLY MALE SITTING IN THE RAIN AT {CROSS} FOR HOURS, UNABLE TO SAY WHY",
    ],
    "quality_of_life": [
        "SUBJ ASKING DRIVERS FOR MONEY AT THE OFFRAMP, WALKING BETWEEN CARS",
        "MALE RELIEVING HIMSELF ON THE STOREFRONT OF {BIZ}",
        "GROUP LOITERING IN FRONT OF {BIZ}, HARASSING CUSTOMERS FOR CHANGE",
        "PERSON REFUSING TO LEAVE THE LIBRARY AT CLOSING, TALKING LOUDLY, NO THREATS",
        "PANHANDLER FOLLOWING SHOPPERS TO THEIR CARS IN THE LOT OF {BIZ}",
        "MALE URINATING IN THE DOORWAY OF {BIZ}, MANAGER WANTS HIM MOVED",
    ],
}

# Ordinary calls, and calls that only look like behavioral health: hard negatives.
ORDINARY_OPENERS: list[Snippet] = [
    snip("CRAZY AMOUNT OF TRAFFIC BACKED UP, SIGNAL OUT AT {CROSS}"),
    snip("RP WANTS TO REPORT HIS CAR WAS BROKEN INTO OVERNIGHT, NOTHING TAKEN"),
    snip("RP HEARD WHAT SOUNDED LIKE FIREWORKS AROUND {CROSS}, NOTHING SEEN"),
    snip("LOUD MUSIC FROM NEIGHBOR'S BIRTHDAY PARTY, RP WANTS IT TURNED DOWN"),
    snip("RP REPORTS BATS FLYING AROUND IN HER GARAGE"),
    snip("WATER PIPE BURST IN THE STREET, WATER FLOODING {CROSS}"),
    snip("DEAD RACCOON IN THE ROADWAY AT {CROSS}"),
    snip("KNIFE SHARPENING VAN PARKED IN RED ZONE FOR {N} HOURS"),
    snip("EX KEEPS BLOWING UP RPS PHONE, RP WANTS ADVICE ON A RESTRAINING ORDER"),
    snip("DEPRESSION IN THE ROADWAY AT {CROSS} CAUSING CARS TO SWERVE"),
    snip("TEENS SKATEBOARDING IN THE LOT OF {BIZ}, MANAGER WANTS THEM MOVED ALONG"),
    snip("DRUNK DRIVER SWERVING ON {CROSS}, RP FOLLOWING IN A WHITE CAMRY"),
    snip("RP LOCKED OUT OF HER CAR AT {BIZ}, REQ ASSIST"),
    snip("MANAGER OF {BIZ} REPORTS SHOPLIFTER LEFT WITH RAZORS AND BABY FORMULA, GONE"),
    snip("RP STATES NEIGHBOR'S TREE FELL ON HER FENCE, CIVIL ISSUE"),
    snip("caller reports a shot out street light and glass in the crosswalk"),
    snip("RP STATES SOMEONE IS USING HER IDENTITY TO OPEN CREDIT CARDS"),
    snip("FOUND A WALLET AT {BIZ}, WANTS TO DROP IT OFF"),
    snip("HIGH SCHOOL KIDS FIGHTING IN THE PARK NOW, NO WEAPONS SEEN", violence=True),
    snip("RP STATES MALE PUNCHED HIM IN THE FACE AT {BIZ} AND IS STILL THERE", violence=True),
    snip("ARMED ROBBERY JUST OCCURRED AT {BIZ}, SUSP HAD A HANDGUN", weapon=True, crime=True),
    snip("TWO VEH TC AT {CROSS}, ONE DRIVER UNCONSCIOUS", medical=True),
    snip("RP STATES MALE WITH A BAT SMASHING CAR WINDOWS ON THE BLOCK", weapon=True),
    snip("RP'S HUSBAND IS HAVING CHEST PAINS, FD ENRT", medical=True),
    snip("SOMEONE TRYING TO BREAK INTO RP'S APARTMENT RIGHT NOW, RP HIDING", crime=True),
]

# Behavioral-health calls an exclusion takes out of diversion.
EXCLUDED: list[Snippet] = [
    snip("{REL_M} OFF HIS MEDS AND SWINGING A BAT AT FAMILY MEMBERS", "mental_health", weapon=True),
    snip("SUICIDAL MALE POINTING A GUN AT HIS HEAD IN THE BACKYARD", "suicide", weapon=True),
    snip("RP STATES {REL_M} SLASHED HIS WRISTS, LOTS OF BLOOD", "suicide", medical=True),
    snip("INTOX MALE FOUND NOT BREATHING IN THE RESTROOM OF {BIZ}", "substance_use", medical=True),
    snip(
        "PSYCHOTIC MALE ATTACKING PEDESTRIANS ON {CROSS} RIGHT NOW", "mental_health", violence=True
    ),
    snip("HOMELESS MAN BEING BEATEN BY A GROUP BEHIND {BIZ}", "homelessness", violence=True),
    snip("PARANOID FEMALE HOLDING A KNIFE TO HER BOYFRIENDS THROAT", "mental_health", weapon=True),
    snip("FENTANYL OD IN THE ALLEY, BYSTANDER DOING CPR", "substance_use", medical=True),
    snip("1ST PTY TOOK A BOTTLE OF TYLENOL, WANTS TO DIE, GETTING DROWSY", "suicide", medical=True),
    snip(
        "{REL_F} HEARING VOICES AND CHOKING HER MOTHER, RP SCREAMING",
        "mental_health",
        violence=True,
    ),
    snip("drunk male waving a machete at people outside {BIZ}", "substance_use", weapon=True),
    snip(
        "SUBJ HAVING A SEIZURE AFTER SMOKING SPICE, SHAKING ON GROUND",
        "substance_use",
        medical=True,
    ),
]

# Behavioral-health calls with an exclusion that does not block: co-response.
CO_RESPONSE: list[Snippet] = [
    snip(
        "{REL_M} HEARING VOICES, KEEPS A HUNTING KNIFE IN HIS ROOM, HAS NOT THREATENED ANYONE",
        "mental_health",
        weapon=False,
    ),
    snip(
        "SUICIDAL VETERAN, OWNS SEVERAL FIREARMS, RP UNSURE IF HE HAS ACCESS TO THEM NOW",
        "suicide",
        weapon=False,
    ),
    snip(
        "RP STATES {REL_M} IS MANIC, YELLED THAT HE WOULD BEAT UP THE NEIGHBOR, NO WEAPONS",
        "mental_health",
        violence=False,
    ),
    snip(
        "{REL_M} WITH SCHIZOPHRENIA HAS HIT RP IN THE PAST, CALM RIGHT NOW",
        "mental_health",
        violence=False,
    ),
    snip(
        "UNK IF SUBJ HAS ANY WEAPONS, OFF MEDS, PACING IN THE YARD", "mental_health", weapon=False
    ),
    snip(
        "HX OF ASSAULTING OFFICERS, CURRENTLY DEPRESSED AND CRYING IN HIS CAR",
        "mental_health",
        violence=False,
    ),
    snip(
        "TRANSIENT MALE WITH A MACHETE STRAPPED TO HIS BACKPACK, SLEEPING IN DOORWAY",
        "homelessness",
        weapon=False,
    ),
    snip(
        "{REL_F} DRINKING HEAVILY, THREATENING TO SLAP HER SISTER, NOTHING PHYSICAL YET",
        "substance_use",
        violence=False,
    ),
]

WEAPON_LINES: list[Snippet] = [
    snip("NO WEAPONS INVOLVED"),
    snip("NEG WEAPONS PER RP"),
    snip("rp does not think he has any weapons"),
    snip("NOTHING IN HIS HANDS PER RP"),
    snip("HAS A FOLDING KNIFE CLIPPED TO HIS POCKET, NOT BRANDISHING IT", weapon=False),
    snip("THERE ARE GUNS LOCKED IN A SAFE IN THE HOUSE", weapon=False),
    snip("UNKNOWN WEAPONS", weapon=False),
    snip("UNK IF HE HAS ANY WEAPONS ON HIM", weapon=False),
    snip("WEAPONS: UNK", weapon=False),
    snip("NOW WAVING A KITCHEN KNIFE AT RP", weapon=True),
    snip("THREATENED THE CALLER WITH A HAMMER", weapon=True),
]
VIOLENCE_LINES: list[Snippet] = [
    snip("MAKING VERBAL THREATS TO STAFF", violence=False),
    snip("SAYS HE WILL HURT ANYONE WHO COMES NEAR HIM", violence=False),
    snip("PUSHED HIS MOTHER LAST WEEK", violence=False),
    snip("HX OF ASSAULT ON FAMILY", violence=False),
    snip("NOW HITTING HIS BROTHER", violence=True),
    snip("FIGHTING WITH THE SECURITY GUARD NOW", violence=True),
    snip("NOT VIOLENT PER RP"),
    snip("NO PHYSICAL ALTERCATION"),
]
MEDICAL_LINES: list[Snippet] = [
    snip("NOW UNCONSCIOUS", medical=True),
    snip("HIS BREATHING IS VERY SHALLOW NOW", medical=True),
    snip("NO INJURIES"),
    snip("ALERT AND TALKING TO RP"),
    snip("NO MEDICAL COMPLAINTS"),
    snip("DENIES ANY INJURIES"),
]
NEED_LINES: list[Snippet] = [
    snip("HAS BEEN DRINKING VODKA ALL DAY", "substance_use"),
    snip("POSS UNDER THE INFLUENCE OF METH", "substance_use"),
    snip("SUBJ HAS NO PLACE TO STAY", "homelessness"),
    snip("rp says he stopped taking his meds", "mental_health"),
    snip("DENIES ANY SUICIDAL THOUGHTS"),
    snip("NO HX OF MENTAL ILLNESS PER RP"),
]
FILLERS: list[str] = [
    "UNITS ADVISED",
    "RP WILL WAIT IN THE LOBBY",
    "CALLBACK NUMBER VERIFIED",
    "ADDRESS CONFIRMED WITH RP",
    "LANGUAGE LINE USED, SPANISH",
    "RP DOES NOT WISH TO BE CONTACTED",
    "DUPLICATE CALL, SAME INFO",
    "CALLER DISCONNECTED, CALLED BACK",
    "GATE CODE 4411",
    "UPDATED LOCATION: REAR UNIT",
]
RELATIONS = ["first", "second", "third", None]


def build() -> list[dict[str, object]]:
    rng = random.Random(SEED)  # noqa: S311 - synthetic data, not security
    cases: list[dict[str, object]] = []
    for number in range(1, COUNT + 1):
        kind = rng.choices(
            ["bh", "excluded", "co_response", "ordinary", "type_only"],
            weights=[42, 12, 10, 30, 6],
        )[0]
        snippets: list[Snippet] = []
        if kind == "bh":
            need = rng.choice(list(BH_OPENERS))
            snippets.append(snip(rng.choice(BH_OPENERS[need]), need))
            call_type = rng.choice(HIDING if rng.random() < 0.55 else BY_NEED[need])
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
            need = rng.choice(["mental_health", "welfare_check", "substance_use", "homelessness"])
            call_type = rng.choice([ct for ct in BY_NEED[need] if ct.need])
        if kind in ("bh", "co_response", "type_only"):
            for lines, chance in ((WEAPON_LINES, 0.3), (VIOLENCE_LINES, 0.15), (NEED_LINES, 0.2)):
                if rng.random() < chance:
                    snippets.append(rng.choice(lines))
            if rng.random() < 0.1:
                snippets.append(rng.choice(MEDICAL_LINES))
        elif rng.random() < 0.2:
            snippets.append(rng.choice(MEDICAL_LINES[2:]))
        entries = [s.text for s in snippets]
        for _ in range(rng.randrange(0, 3)):
            entries.insert(
                rng.randrange(1, len(entries) + 1) if entries else 0, rng.choice(FILLERS)
            )
        if not entries:
            entries = [rng.choice(FILLERS)]
        joined = " ".join(entries)
        female = "{REL_F}" in joined or ("{REL_M}" not in joined and rng.random() < 0.4)
        pronouns = FEMALE if female else MALE
        slots = {**SLOTS, **pronouns}
        entries = [typo(rng, fill(rng, entry, slots), 0.05) for entry in entries]
        style = rng.choice(["plain", "brackets", "date", "military"])
        minute = rng.randrange(0, 600)
        stamped = [stamp(rng, style, minute + 2 * i) + entry for i, entry in enumerate(entries)]
        notes: object = (
            stamped
            if rng.random() < 0.5
            else " ".join(
                entry if entry.rstrip().endswith((".", "!")) else entry + "." for entry in stamped
            )
        )
        cases.append(
            {
                "id": f"round1-g{number:04d}",
                "config": call_type.config,
                "call_type": call_type.as_input(),
                "notes": notes,
                "caller_relation": rng.choice(RELATIONS),
                "expected": label(call_type, snippets),
                "source": "round1-generated",
                "kind": kind,
            }
        )
    return cases


if __name__ == "__main__":
    write_cases(OUTPUT, build())
    print(f"wrote {COUNT} cases to {OUTPUT}")

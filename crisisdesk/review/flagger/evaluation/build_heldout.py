"""Builds heldout_generated.jsonl: the held-out cases, never used to tune the flagger.

    python -m crisisdesk.review.flagger.evaluation.build_heldout

The second held-out set. Written after the first one (build_round1.py) was measured and before
its errors were studied, apart from both other generators: its own templates (call-taker
narrative closer to a medical-dispatch protocol: "CLR ADVISES", "PT IS", "PER CLR"), call types
(San Diego 5150V, 1141, CCCC, ASST, FS, 415V; demo MHV, SUICA, FAMD, PDOWN; free-text types
such as PERSON IN CRISIS, JUMPER, SICK PERSON), time stamps and seed. Deterministic.
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

SEED = 4_417_2026
COUNT = 340
OUTPUT = HERE / "heldout_generated.jsonl"

SLOTS = {
    "WHO_M": ["HER SON", "HIS BROTHER", "HER HUSBAND", "THEIR NEPHEW", "HER DAD", "HIS COUSIN"],
    "WHO_F": ["HIS DAUGHTER", "HER SISTER", "HIS WIFE", "THEIR NIECE", "HIS MOM", "HER AUNT"],
    "PLACE": ["KEARNY MESA RD", "THE 94 UNDERPASS", "HORTON PLAZA", "BALBOA PARK", "PACIFIC HWY"],
    "STORE": ["THE RALPHS", "THE ARCO", "STARBUCKS", "THE PUBLIC LIBRARY", "THE MCDONALDS"],
    "AGE": ["18", "27", "33", "44", "59", "71", "86"],
    "TIME": ["SINCE TUESDAY", "FOR 5 DAYS", "ALL WEEKEND", "SINCE LAST MONTH"],
}

HIDING = [
    CallType("san-diego", "415", "DISTURBING PEACE"),
    CallType("san-diego", "1131", "CALLING FOR HELP"),
    CallType("san-diego", "CCCC", "CHRONIC COMM CALLER CONTROL"),
    CallType("san-diego", "ASST", "ASSIST THE INVALID"),
    CallType("san-diego", "1151", "PED STOP/FIELD INTERVIEW"),
    CallType("demo", "FAMD", "FAMILY DISTURBANCE"),
    CallType("demo", "TRESP", "TRESPASSING"),
    CallType("demo", "KEEP", "CIVIL STANDBY / KEEP THE PEACE"),
    CallType("default", None, "AGGRESSIVE PERSON"),
    CallType("default", None, "CALL FOR SERVICE"),
    CallType("default", None, "NUISANCE"),
]
BY_NEED = {
    "mental_health": [
        CallType(
            "san-diego",
            "5150V",
            "MENTAL CASE-VIOLENT OR URGENT",
            "mental_health",
            {"violence": False},
        ),
        CallType(
            "demo", "MHV", "MENTAL HEALTH CRISIS - VIOLENT", "mental_health", {"violence": False}
        ),
        CallType("default", None, "PERSON IN CRISIS", "mental_health"),
        CallType("default", None, "BEHAVIORAL HEALTH CALL", "mental_health"),
    ],
    "suicide": [
        CallType("default", None, "JUMPER", "suicide"),
        CallType("demo", "SUIC", "SUICIDE THREAT", "suicide"),
        CallType("default", None, "SUICIDAL PERSON", "suicide"),
    ],
    "substance_use": [
        CallType("san-diego", "647F", "DRUNK - DRUGS/ALCOHOL", "substance_use"),
        CallType("default", None, "DRUNK IN PUBLIC", "substance_use"),
    ],
    "homelessness": [
        CallType("default", None, "HOMELESS ENCAMPMENT", "homelessness"),
        CallType("san-diego", "SLEEPER", "SLEEPER", "homelessness"),
    ],
    "welfare_check": [
        CallType("san-diego", "FS", "FOUND SENILE", "welfare_check"),
        CallType("san-diego", "CW", "CHECK THE WELFARE", "welfare_check"),
        CallType("default", None, "WELL-BEING CHECK", "welfare_check"),
    ],
    "quality_of_life": [
        CallType("demo", "QOL", "QUALITY OF LIFE / ENCAMPMENT", "quality_of_life"),
        CallType("default", None, "PANHANDLER", "quality_of_life"),
    ],
}
ORDINARY = [
    CallType("san-diego", "1183", "NO DETAIL ACCIDENT"),
    CallType("san-diego", "594R", "VANDALISM, REPORT"),
    CallType("san-diego", "LOST", "REPORT OF LOST PROPERTY/PLATE"),
    CallType("san-diego", "586", "ILLEGAL PARKING"),
    CallType("demo", "HAZ", "HAZARDOUS CONDITION"),
    CallType("demo", "FRAUD", "FRAUD / IDENTITY THEFT"),
    CallType("default", None, "SICK PERSON"),
    CallType("default", None, "LIFT ASSIST"),
    CallType("default", None, "PROPERTY DAMAGE"),
]

BH_OPENERS: dict[str, list[str]] = {
    "mental_health": [
        "CLR ADVISES {WHO_M} HAS BEEN UP ALL NIGHT TALKING ABOUT DEMONS IN THE HOUSE",
        "PT IS A {AGE}YO MALE WHO BELIEVES HIS NEIGHBORS PUT A TRACKER IN HIS TEETH",
        "PER CLR {WHO_F} HAS BEEN OFF HER ABILIFY {TIME} AND IS TALKING VERY FAST",
        "CLR STATES SHE IS HAVING FLASHBACKS FROM THE WAR AND CANNOT CALM DOWN",
        "MALE OUTSIDE {STORE} ARGUING WITH SOMEONE WHO IS NOT THERE",
        "CLR REPORTS {WHO_M} IS CONVINCED HE IS BEING POISONED, REFUSING FOOD",
        "SUBJ IN THE MIDDLE OF {PLACE} WAVING HIS ARMS AND PREACHING ABOUT THE END OF THE WORLD",
        "{WHO_F} IS HAVING A PSYCHIATRIC EPISODE, SCREAMING AND CRYING, WILL NOT LEAVE HER CAR",
        "clr says {WHO_M} has not been himself, very paranoid, hiding in the closet",
        "PT HAS A DX OF SCHIZOAFFECTIVE DISORDER, DECOMPENSATING PER GROUP HOME STAFF",
        "CLR REPORTS {WHO_M} SMASHED HIS OWN TV, SAYS THE TV WAS WATCHING HIM",
        "FEMALE IN THE LOBBY OF {STORE} UNDRESSING AND SINGING LOUDLY",
        "CLR STATES {WHO_F} IS IN A DEEP DEPRESSION AND HAS NOT LEFT HER BED {TIME}",
    ],
    "suicide": [
        "CLR ADVISES {WHO_M} SAYS HE IS GOING TO END IT TONIGHT",
        "PT STANDING ON THE WRONG SIDE OF THE RAILING AT {PLACE}",
        "{WHO_F} TOLD CLR SHE HAS BEEN THINKING OF KILLING HERSELF",
        "CLR IS {AGE}YO, STATES SHE HAS A PLAN TO HANG HERSELF IN THE GARAGE",
        "per clr {WHO_M} texted a picture of a rope and said sorry",
        "CLR REPORTS {WHO_M} WANTS TO DIE SINCE HIS WIFE LEFT, NO PLAN",
        "MALE ON THE ROOF OF {STORE} THREATENING TO JUMP",
        "CLR HAS SUICIDAL THOUGHTS, CALLING FROM {PLACE}, WANTS HELP",
    ],
    "substance_use": [
        "PER CLR MALE IS EXTREMELY INTOXICATED AND FELL OFF HIS BIKE, NO INJURY, REFUSING EMS",
        "CLR STATES {WHO_M} HAS BEEN ON A METH BINGE {TIME}, NOT SLEEPING",
        "FEMALE DRINKING FROM A BOTTLE IN THE CHILDRENS PLAYGROUND AT {PLACE}",
        "CLR REQ HELP GETTING {WHO_M} INTO REHAB, HE IS DRUNK EVERY DAY",
        "subj appears very intoxicated, staggering outside {STORE}, breathing fine",
        "CLR STATES {WHO_F} IS COMING DOWN OFF FENTANYL AND IS SICK AND SWEATY",
    ],
    "homelessness": [
        "UNHOUSED MALE SET UP A CAMP ON THE CHURCH LAWN",
        "CLR STATES A HOMELESS FAMILY IS SLEEPING IN THE PARK RESTROOM",
        "PERSON EXPERIENCING HOMELESSNESS ASKING TO BE TAKEN TO A SHELTER",
        "MALE HAS BEEN SLEEPING UNDER THE STAIRS OF THE APT COMPLEX {TIME}",
        "TRANSIENT WITH A CART FULL OF BELONGINGS BLOCKING THE SIDEWALK AT {PLACE}",
    ],
    "welfare_check": [
        "CLR REQUESTS A CHECK ON HER {AGE}YO NEIGHBOR, HAS NOT SEEN HIM {TIME}",
        "ELDERLY FEMALE WALKING IN THE STREET IN HER NIGHTGOWN, SEEMS LOST",
        "CLR CONCERNED ABOUT {WHO_F}, SHE HAS NOT RETURNED ANY CALLS {TIME}",
        "FOUND ELDERLY MALE WHO CANNOT REMEMBER HIS NAME OR ADDRESS AT {STORE}",
        "CLR ASKS FOR A WELFARE CHECK, {WHO_M} LIVES ALONE AND IS NOT ANSWERING",
    ],
    "quality_of_life": [
        "MALE PANHANDLING AGGRESSIVELY AT THE GAS PUMPS OF {STORE}",
        "FEMALE URINATING BETWEEN PARKED CARS AT {PLACE}",
        "GROUP OF SUBJS LOITERING AND LEAVING TRASH AT THE BUS SHELTER",
        "SUBJ REFUSING TO LEAVE THE STORE, BOTHERING CUSTOMERS FOR CHANGE",
        "MALE ASKING EVERYONE FOR MONEY OUTSIDE {STORE}, NOT THREATENING",
    ],
}

ORDINARY_OPENERS: list[Snippet] = [
    snip("CLR REPORTS HER CAR WAS KEYED IN THE LOT OF {STORE}"),
    snip("TREE BRANCH DOWN ACROSS BOTH LANES OF {PLACE}"),
    snip("CLR LOST HIS LICENSE PLATE, NEEDS A REPORT FOR DMV"),
    snip("CLR STATES A CRAZY STORM KNOCKED HER FENCE DOWN"),
    snip("VEHICLE PARKED ACROSS TWO HANDICAP SPOTS AT {STORE}"),
    snip("CLR REPORTS A SCAM CALL, LOST $400 IN GIFT CARDS"),
    snip("ELDERLY MALE FELL GETTING OUT OF BED, NOT HURT, NEEDS HELP UP"),
    snip("CLR HAS A FEVER AND VOMITING SINCE THIS MORNING"),
    snip("MINOR FENDER BENDER AT {PLACE}, EXCHANGING INFO"),
    snip("SHOT OUT WINDOWS ON A VACANT BUILDING, OLD DAMAGE"),
    snip("CLR SAYS HER NEIGHBORS ARE DRIVING HER NUTS WITH THEIR LEAF BLOWER"),
    snip("SUICIDE PREVENTION WALK AT {PLACE} REQUESTING TRAFFIC CONTROL"),
    snip("KIDS PLAYING WITH A WATER GUN SPRAYING CARS"),
    snip("CLR SELLING A KITCHEN KNIFE SET ONLINE, BUYER DID NOT PAY"),
    snip("MALE SLASHED CLRS TIRES AND FLED, HAPPENED OVERNIGHT"),
    snip("GUNSHOTS HEARD NEAR {PLACE}, 4 TO 5 ROUNDS", weapon=True),
    snip(
        "CLR STATES HE WAS JUST ROBBED AT KNIFEPOINT, SUSP STILL IN AREA", weapon=True, crime=True
    ),
    snip("FEMALE BEING DRAGGED INTO A VAN AT {PLACE}", crime=True),
    snip("CLR STATES MALE IS CHOKING HIS GIRLFRIEND IN THE CAR NEXT TO HIM", violence=True),
    snip("PT IS NOT BREATHING, CLR STARTING COMPRESSIONS", medical=True),
    snip("MALE BLEEDING FROM THE HEAD AFTER FALLING OFF A LADDER", medical=True),
]

EXCLUDED: list[Snippet] = [
    snip("{WHO_M} OFF HIS MEDS, CAME AT CLR WITH A SCREWDRIVER", "mental_health", weapon=True),
    snip("CLR STATES {WHO_F} CUT HER ARMS BADLY, BLEEDING A LOT", "suicide", medical=True),
    snip("MALE ON THE BRIDGE WITH A GUN TO HIS HEAD", "suicide", weapon=True),
    snip("INTOXICATED MALE PUNCHING PEOPLE AT THE BUS STOP", "substance_use", violence=True),
    snip("CLR FOUND {WHO_M} UNCONSCIOUS WITH A NEEDLE IN HIS ARM", "substance_use", medical=True),
    snip(
        "PARANOID MALE FIRED A SHOT INTO THE CEILING, SAYS PEOPLE ARE IN THE ATTIC",
        "mental_health",
        weapon=True,
    ),
    snip(
        "{WHO_F} SWALLOWED A HANDFUL OF HER MOMS PILLS, SAYS SHE WANTS TO DIE",
        "suicide",
        medical=True,
    ),
    snip(
        "TRANSIENT MALE STABBED IN THE ENCAMPMENT, SUSP FLED",
        "homelessness",
        weapon=True,
        medical=True,
    ),
    snip(
        "SUBJ HEARING VOICES IS HOLDING HIS MOTHER IN THE BEDROOM AND WILL NOT LET HER OUT",
        "mental_health",
        crime=True,
    ),
    snip(
        "DRUNK MALE IS HAVING A SEIZURE ON THE SIDEWALK AT {PLACE}", "substance_use", medical=True
    ),
]

CO_RESPONSE: list[Snippet] = [
    snip(
        "{WHO_M} IS PARANOID AND HAS A SHOTGUN IN THE HOUSE, HAS NOT THREATENED ANYONE",
        "mental_health",
        weapon=False,
    ),
    snip(
        "CLR STATES {WHO_F} TALKS OF SUICIDE, UNKNOWN IF SHE HAS ACCESS TO GUNS",
        "suicide",
        weapon=False,
    ),
    snip(
        "MALE DRUNK AND YELLING THAT HE WILL KILL THE MANAGER, NO WEAPONS SEEN",
        "substance_use",
        violence=False,
    ),
    snip(
        "{WHO_M} DIAGNOSED BIPOLAR, ASSAULTED HIS FATHER LAST YEAR, CALM TONIGHT",
        "mental_health",
        violence=False,
    ),
    snip(
        "HOMELESS MALE WITH A KNIFE ON HIS BELT ASLEEP IN THE DOORWAY OF {STORE}",
        "homelessness",
        weapon=False,
    ),
    snip("CLR STATES {WHO_M} IS PSYCHOTIC, ARMED STATUS UNKNOWN", "mental_health", weapon=False),
]

WEAPON_LINES: list[Snippet] = [
    snip("NO WEAPONS PER CLR"),
    snip("CLR DOES NOT SEE ANY WEAPONS"),
    snip("WEAPONS? NONE KNOWN"),
    snip("HE IS NOT ARMED"),
    snip("HAS A POCKET KNIFE BUT HAS NOT PULLED IT OUT", weapon=False),
    snip("CLR BELIEVES THERE IS A GUN IN THE HOUSE", weapon=False),
    snip("WEAPONS UNKNOWN", weapon=False),
    snip("UNSURE IF HE IS CARRYING A WEAPON", weapon=False),
    snip("NOW SWINGING A GOLF CLUB AT CLR", weapon=True),
    snip("HE JUST PULLED A KNIFE ON HIS BROTHER", weapon=True),
]
VIOLENCE_LINES: list[Snippet] = [
    snip("NO VIOLENCE PER CLR"),
    snip("NO THREATS MADE"),
    snip("HAS THREATENED TO HURT STAFF", violence=False),
    snip("HX OF DV", violence=False),
    snip("HIT HIS SISTER EARLIER TODAY", violence=False),
    snip("CURRENTLY FIGHTING WITH NEIGHBORS IN THE HALLWAY", violence=True),
    snip("HE IS NOW KICKING CLR", violence=True),
]
MEDICAL_LINES: list[Snippet] = [
    snip("PT IS AWAKE AND BREATHING"),
    snip("NO MEDICAL ISSUES"),
    snip("NOT INJURED"),
    snip("PT NOW NOT RESPONDING TO CLR", medical=True),
    snip("PT IS HAVING TROUBLE BREATHING", medical=True),
    snip("LOST CONSCIOUSNESS BRIEFLY", medical=True),
]
NEED_LINES: list[Snippet] = [
    snip("KNOWN SCHIZOPHRENIC PER CLR", "mental_health"),
    snip("PT IS DRUNK PER CLR", "substance_use"),
    snip("CLR STATES HE SLEEPS IN HIS TRUCK", "homelessness"),
    snip("NO SUICIDAL STATEMENTS"),
    snip("NO DRUG OR ALCOHOL USE PER CLR"),
    snip("CLR SAYS HE HAS BEEN HEARING VOICES AGAIN", "mental_health"),
]
FILLERS: list[str] = [
    "CLR WILL FLAG DOWN UNITS",
    "CLR ON SPEAKER, STAYING ON LINE",
    "SPANISH SPEAKING CLR",
    "APT IS ON THE 3RD FLOOR",
    "CLR HUNG UP, CALLBACK MADE",
    "CROSS STREET IS MAIN",
    "CLR REQ NO SIRENS",
    "SECOND CALLER SAME INCIDENT",
    "PD ENRT",
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
            need = rng.choice(list(BY_NEED))
            call_type = rng.choice(BY_NEED[need])
        if kind in ("bh", "co_response", "type_only"):
            for lines, chance in ((WEAPON_LINES, 0.3), (VIOLENCE_LINES, 0.15), (NEED_LINES, 0.2)):
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
        entries = [typo(rng, fill(rng, entry, SLOTS), 0.06) for entry in entries]
        style = rng.choice(["plain", "brackets", "date"])
        minute = rng.randrange(0, 600)
        stamped = [stamp(rng, style, minute + 4 * i) + entry for i, entry in enumerate(entries)]
        notes: object = stamped if rng.random() < 0.5 else " / ".join(stamped)
        cases.append(
            {
                "id": f"heldout-g{number:04d}",
                "config": call_type.config,
                "call_type": call_type.as_input(),
                "notes": notes,
                "caller_relation": rng.choice(RELATIONS),
                "expected": label(call_type, snippets),
                "source": "heldout-generated",
                "kind": kind,
            }
        )
    return cases


if __name__ == "__main__":
    write_cases(OUTPUT, build())
    print(f"wrote {COUNT} cases to {OUTPUT}")

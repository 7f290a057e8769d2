"""The demo city's CAD call types and the note templates its call takers type.

Plain Python, no Django import, so the generator in `city.py` stays fast and testable alone.

The mix is our own table, shaped like a US police calls-for-service export: most calls are not
behavioral health (disturbances, traffic, alarms, thefts, parking...), while mental-health
crises, welfare checks, suicide threats, overdoses, intoxicated and unhoused persons and family
disturbances make up a few percent each. That is the haystack a 911-center clinician works in.
Priorities follow CAD practice: 0 is the most urgent, 4 the least.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

# One row per call type. Columns: code, typical priority, share of all calls (percent), group
# ("other" for ordinary police calls, else the behavioral-health group), note family, caller
# relation weights (first, second, third, none; percent), P when the call is about a person (a
# subject), how often the CAD record names a person, and the call type text.
_TABLE = """
MH     2  1.8  mental_health mental       25 55 20  0    P  0.85 MENTAL HEALTH CRISIS
MHV    1  0.5  mental_health mental       10 65 25  0    P  0.85 MENTAL HEALTH CRISIS - VIOLENT
WELF   1  4.3  welfare       welfare      3  22 75  0    P  0.7  WELFARE CHECK
SUIC   1  0.6  suicide       suicide      45 35 20  0    P  0.9  SUICIDE THREAT
SUICA  0  0.2  suicide       suicide      10 60 30  0    P  0.9  SUICIDE ATTEMPT
INTOX  2  0.4  intoxication  intox        5  15 80  0    P  0.6  INTOXICATED PERSON
OD     0  0.7  overdose      overdose     2  48 50  0    P  0.7  OVERDOSE
SLEEP  3  0.6  unhoused      unhoused     0  2  98  0    P  0.5  SLEEPER / UNHOUSED PERSON
QOL    3  0.4  unhoused      unhoused     0  2  98  0    P  0.4  QUALITY OF LIFE / ENCAMPMENT
FAMD   2  1.5  family        family       30 55 15  0    P  0.75 FAMILY DISTURBANCE
DIST   2  7.0  other         disturbance  25 10 55  10   P  0.55 DISTURBANCE
DISTV  1  2.3  other         disturbance  25 10 55  10   P  0.6  DISTURBANCE WITH VIOLENCE
DV     1  1.0  other         violence     60 10 20  10   P  0.8  DOMESTIC VIOLENCE
BATT   1  1.4  other         violence     60 10 20  10   P  0.5  BATTERY
THREAT 0  0.5  other         violence     60 10 20  10   P  0.5  THREATS WITH A WEAPON
SHOTS  1  0.5  other         shots        5  10 80  5    -  0.1  SHOTS FIRED
NOISE  3  1.8  other         noise        25 10 55  10   -  0.35 NOISE COMPLAINT
PARTY  3  0.5  other         noise        25 10 55  10   -  0.15 LOUD PARTY
TSTOP  2  8.5  other         traffic_stop 0  0  0   100  P  0.45 TRAFFIC STOP
SELENF 3  6.3  other         traffic_stop 0  0  0   100  P  0.3  SELECTIVE ENFORCEMENT
PEDST  2  1.8  other         traffic_stop 0  0  0   100  P  0.5  PEDESTRIAN STOP
FLAG   2  2.0  other         followup     0  0  0   100  -  0.1  FLAG DOWN / FIELD INITIATED
FU     2  3.2  other         followup     20 0  10  70   -  0.5  FOLLOW-UP BY FIELD UNIT
INFO   2  1.5  other         followup     10 0  30  60   -  0.2  INFORMATION FOR DISPATCH
ASSIST 2  1.5  other         followup     0  0  0   100  -  0.05 ASSIST OTHER AGENCY
CIT    3  0.7  other         followup     60 10 20  10   -  0.7  CITIZEN CONTACT
HANGUP 1  2.9  other         hangup       10 0  0   90   -  0.3  911 HANG UP / OPEN LINE
ALARM  3  5.2  other         alarm        5  0  80  15   -  0.1  BURGLARY ALARM
RALARM 1  0.4  other         alarm        5  0  80  15   -  0.02 ROBBERY / PANIC ALARM
PARK   4  3.1  other         parking      25 10 55  10   -  0.25 ILLEGAL PARKING
TOW    3  1.4  other         parking      40 0  30  30   -  0.1  TOW REQUEST
MOTOR  2  0.4  other         parking      50 0  40  10   -  0.2  DISABLED MOTORIST
HAZ    1  2.3  other         fire         5  10 80  5    -  0.15 HAZARDOUS CONDITION
FIRE   1  0.5  other         fire         5  10 80  5    -  0.1  FIRE ASSIST
TC     2  2.0  other         collision    60 10 20  10   -  0.6  TRAFFIC COLLISION, NO INJURY
TCI    0  0.8  other         collision    5  10 80  5    -  0.6  TRAFFIC COLLISION WITH INJURY
HITRUN 2  1.1  other         collision    60 10 20  10   -  0.5  HIT AND RUN
RECKL  2  1.0  other         traffic      5  10 80  5    -  0.05 RECKLESS DRIVER
DUI    2  0.35 other         traffic      5  10 80  5    -  0.05 POSSIBLE DUI DRIVER
VTHEFT 2  1.5  other         theft        60 10 20  10   -  0.6  VEHICLE THEFT REPORT
THEFT  2  1.2  other         theft        60 10 20  10   -  0.5  PETTY THEFT
GTHEFT 3  0.5  other         theft        60 10 20  10   -  0.6  GRAND THEFT REPORT
SHOP   2  0.9  other         theft        0  0  100 0    P  0.5  SHOPLIFTER IN CUSTODY
FRAUD  4  0.5  other         theft        60 10 20  10   -  0.7  FRAUD / IDENTITY THEFT
BURG   1  0.3  other         burglary     60 10 20  10   -  0.4  BURGLARY IN PROGRESS
BURGR  3  0.8  other         burglary     60 10 20  10   -  0.6  BURGLARY REPORT
VANDAL 3  0.8  other         vandalism    60 10 20  10   -  0.3  VANDALISM
SUSP   2  2.8  other         suspicious   5  10 80  5    P  0.4  SUSPICIOUS PERSON
SUSV   2  1.2  other         suspicious   5  10 80  5    -  0.05 SUSPICIOUS VEHICLE
TRESP  2  1.2  other         suspicious   5  10 80  5    P  0.5  TRESPASSING
SECCHK 2  0.6  other         followup     0  0  0   100  -  0.0  SECURITY CHECK
MED    1  2.5  other         medical      25 45 30  0    P  0.65 MEDICAL ASSIST
PDOWN  0  0.6  other         medical      5  10 80  5    P  0.3  PERSON DOWN
DEATH  0  0.4  other         medical      25 45 30  0    P  0.6  UNATTENDED DEATH
MISSP  2  0.5  other         missing      0  90 10  0    P  0.9  MISSING PERSON
RUNAWY 2  0.35 other         missing      0  95 5   0    P  0.9  RUNAWAY JUVENILE
ANIMAL 3  0.8  other         animal       25 10 55  10   -  0.1  ANIMAL COMPLAINT
KEEP   2  0.8  other         followup     25 10 55  10   P  0.7  CIVIL STANDBY / KEEP THE PEACE
DETAIL 3  2.2  other         followup     0  0  0   100  -  0.0  SPECIAL DETAIL
PRISNR 2  0.9  other         followup     0  0  0   100  P  0.8  PRISONER TRANSPORT
STATN  3  0.9  other         followup     10 0  20  70   -  0.0  CALL YOUR STATION
WARR   2  0.6  other         followup     0  0  0   100  P  0.8  WARRANT SERVICE
ROB    0  0.3  other         violence     60 10 20  10   P  0.5  ROBBERY
VIOLOR 1  0.4  other         violence     60 10 20  10   P  0.8  RESTRAINING ORDER VIOLATION
NARC   3  0.5  other         suspicious   5  10 80  5    -  0.05 NARCOTICS ACTIVITY
PROWL  1  0.3  other         suspicious   5  10 80  5    -  0.1  PROWLER
FWORK  3  0.3  other         noise        25 10 55  10   -  0.05 FIREWORKS
JUV    2  0.6  other         disturbance  25 10 55  10   P  0.3  JUVENILE PROBLEM
CIVIL  3  0.8  other         disturbance  60 10 20  10   P  0.5  CIVIL DISPUTE
PROP   4  0.6  other         followup     60 10 20  10   -  0.3  LOST / FOUND PROPERTY
DUMP   4  0.4  other         vandalism    25 10 55  10   -  0.05 ILLEGAL DUMPING
"""


@dataclass(frozen=True)
class CallType:
    code: str
    text: str
    priority: int  # 0 is the most urgent, as in CAD systems
    weight: float  # percent of all calls
    group: str
    family: str
    relations: tuple[float, float, float, float]  # first, second, third, none
    about_person: bool
    link_share: float

    @property
    def behavioral(self) -> bool:
        return self.group != "other"

    @property
    def field_initiated(self) -> bool:
        """Started by an officer in the field: nobody called."""
        return not any(self.relations[:3])


def _parse(table: str) -> tuple[CallType, ...]:
    rows = []
    for line in table.strip().splitlines():
        code, priority, weight, group, family, r1, r2, r3, r4, person, share, text = line.split(
            maxsplit=11
        )
        relations = (float(r1), float(r2), float(r3), float(r4))
        rows.append(
            CallType(
                code=code,
                text=text,
                priority=int(priority),
                weight=float(weight),
                group=group,
                family=family,
                relations=relations,
                about_person=person == "P",
                link_share=float(share),
            )
        )
    return tuple(rows)


CALL_TYPES = _parse(_TABLE)
CALL_TYPES_BY_CODE = {call_type.code: call_type for call_type in CALL_TYPES}
BEHAVIORAL_GROUPS = (
    "mental_health",
    "welfare",
    "suicide",
    "intoxication",
    "overdose",
    "unhoused",
    "family",
)

# Note templates per family: openers (the first thing the call taker types) and follow-ups.
# Slots are filled per incident so that ages, pronouns and relations agree across its notes.
OPENERS: dict[str, tuple[str, ...]] = {
    "mental": (
        "RP STATES {REL} {AGE}YOA OFF {HIS} MEDS FOR {DUR}, YELLING AND BREAKING DISHES.",
        "NO WEAPONS SEEN. RP STATES {REL} OFF MEDS AND NOT MAKING SENSE.",
        "RP ADV {REL} IS HEARING VOICES AND NOT MAKING SENSE. HX OF {DX}.",
        "{DESC} {AGE}YOA TALKING TO {HIMSELF} AND SCREAMING AT CARS IFO {BIZ}. NOT MAKING SENSE.",
        "RP STATES {REL} HAS NOT SLEPT IN {N} DAYS, PACING, SAYS PEOPLE ARE WATCHING {HIM}.",
        "{REL} {AGE}YOA STOPPED TAKING {HIS} MEDS, PARANOID, THINKS NEIGHBORS POISONING {HIM}.",
        "1ST PARTY STATES {HE} IS HEARING VOICES TELLING {HIM} TO LEAVE THE HOUSE. CALM.",
        "1ST PARTY STATES {HE} IS OFF {HIS} MEDS FOR {DUR} AND CANNOT MAKE THE VOICES STOP.",
        "1ST PARTY {AGE}YOA FEELS LIKE {HE} IS LOSING {HIS} MIND, NOT MAKING SENSE AT TIMES.",
        "RP STATES {REL} IS HAVING A MENTAL HEALTH EPISODE, THREW A CHAIR, NOW LOCKED IN BATHROOM.",
        "{DESC} WALKING IN TRAFFIC ON {CROSS}, NOT MAKING SENSE, WRG {CLOTHING}.",
        "RP STATES {REL} OFF MEDS, HX {DX}, THREATENING FAMILY VERBALLY. UNK WEAPONS.",
        "RP STATES {REL} {AGE}YOA IS MANIC, NOT EATEN IN {N} DAYS, SPENDING ALL {HIS} MONEY.",
    ),
    "welfare": (
        "1ST PARTY REQ SOMEONE CHECK ON {HIM}, FEELS UNSAFE ALONE, HX {DX}.",
        "RP REQ WELFARE CHECK ON {REL} {AGE}YOA, NOT ANSWERING PHONE FOR {DUR}.",
        "RP IS NEIGHBOR, HAS NOT SEEN ELDERLY {DESC} IN {N} DAYS, MAIL PILING UP.",
        "{DESC} {AGE}YOA SITTING ON CURB CRYING, WRG {CLOTHING}. RP UNSURE IF OK.",
        "RP STATES {REL} SOUNDED CONFUSED ON THE PHONE AND NOT MAKING SENSE, LIVES ALONE.",
        "RP REQ CHECK ON {REL}, POSTED ON SOCIAL MEDIA SAYING GOODBYE. UNK INTENT.",
        "EMPLOYER REQ WELFARE CHECK, EMPLOYEE {AGE}YOA MISSED {N} SHIFTS, NOT LIKE {HIM}.",
        "{DESC} LAYING IN GRASS AT PARK NEAR {CROSS}, UNK IF BREATHING. RP DRIVING BY.",
        "RP STATES {REL} HAS BEEN OFF {HIS} MEDS AND STOPPED ANSWERING, HX {DX}.",
        "RP IS CASE MANAGER, CLIENT {AGE}YOA MISSED APPT AND IS NOT ANSWERING.",
    ),
    "suicide": (
        "RP STATES {REL} {AGE}YOA TALKING ABOUT HURTING {HIMSELF}, HAS BEEN DRINKING.",
        "1ST PARTY {DESC} {AGE}YOA STATES {HE} WANTS TO END {HIS} LIFE. ALONE AT HOME.",
        "RP STATES {REL} SENT TEXT SAYING {HE} WANTS TO DIE. UNK LOC, PHONE GOING TO VM.",
        "RP STATES {REL} TOOK UNK AMOUNT OF PILLS AND SAYS {HE} DOES NOT WANT TO LIVE.",
        "{REL} THREATENING TO JUMP FROM THE BRIDGE ON {CROSS}. RP KEEPING EYES ON.",
        "RP STATES {REL} HAS A {WEAPON} AND IS TALKING ABOUT HURTING {HIMSELF}.",
        "1ST PARTY CALLER CRYING, STATES {HE} IS TIRED OF LIVING, OFF MEDS FOR {DUR}.",
    ),
    "intox": (
        "{DESC} {AGE}YOA STUMBLING IN ROADWAY ON {CROSS}, POSS {SUB}.",
        "INTOX {DESC} PASSED OUT IFO {BIZ}, WRG {CLOTHING}. BREATHING PER RP.",
        "RP STATES INTOX SUBJ YELLING AT CUSTOMERS AT {BIZ}, REFUSING TO LEAVE.",
        "{DESC} UNABLE TO CARE FOR SELF, SMELLS STRONGLY OF ETOH, SITTING AT BUS STOP.",
    ),
    "overdose": (
        "RP STATES {REL} {AGE}YOA UNRESPONSIVE, POSS {SUB} OD. RP STARTING CPR.",
        "{DESC} UNCONSCIOUS IN BATHROOM AT {BIZ}, POSS OD. NARCAN GIVEN BY EMPLOYEE.",
        "RP STATES {REL} BLUE IN THE FACE, SHALLOW BREATHING. HX {SUB} USE.",
        "{DESC} SLUMPED IN DRIVERS SEAT OF {VEH}, NOT RESPONDING TO RP KNOCKING.",
    ),
    "unhoused": (
        "{DESC} SLEEPING IN DOORWAY OF {BIZ}, MANAGER REQ MOVE ALONG.",
        "RP STATES ENCAMPMENT BEHIND {BIZ} GROWING, {N} TENTS, TRASH IN ROADWAY.",
        "{DESC} {AGE}YOA SLEEPING AT BUS STOP ON {CROSS}, RP CONCERNED DUE TO COLD.",
        "UNHOUSED {DESC} TALKING TO {HIMSELF}, GOING THROUGH TRASH CANS. NOT AGGRESSIVE.",
        "RP STATES SUBJ LIVING IN {HIS} CAR IN LOT, {VEH}, HAS BEEN THERE {DUR}.",
    ),
    "family": (
        "1ST PARTY STATES {HE} IS FIGHTING WITH FAMILY AND NEEDS TO TALK TO SOMEONE, OFF MEDS.",
        "RP STATES {REL} {AGE}YOA YELLING AND SLAMMING DOORS, VERBAL ONLY. NO WEAPONS.",
        "ARGUMENT WITH {REL} OVER MONEY, {HE} IS NOT MAKING SENSE AND WONT LEAVE.",
        "RP ADV {REL} CAME HOME INTOX ON {SUB}, PUNCHED A HOLE IN THE WALL. NO INJ.",
        "JUVENILE {AGE}YOA REFUSING TO GO TO SCHOOL, THREATENING PARENTS, HX OF {DX}.",
        "RP STATES {REL} OFF {HIS} MEDS, ARGUING WITH EVERYONE IN THE HOUSE FOR HOURS.",
    ),
    "disturbance": (
        "{DESC} {AGE}YOA YELLING AT CUSTOMERS IFO {BIZ}, WRG {CLOTHING}.",
        "RP STATES {N} SUBJS ARGUING IN PARKING LOT OF {BIZ}, POSS PHYSICAL.",
        "MALE AND FEMALE ARGUING LOUDLY IN APT, RP HEARD SOMETHING BREAK.",
        "SUBJ REFUSING TO LEAVE {BIZ}, CURSING AT STAFF. NO WEAPONS SEEN.",
        "RP STATES NEIGHBOR BANGING ON RPS DOOR AND YELLING. UNK WHY.",
        "{DESC} THROWING ROCKS AT PASSING CARS ON {CROSS}.",
    ),
    "violence": (
        "RP WAS PUNCHED BY {DESC} WRG {CLOTHING}, SUSP LEFT ON FOOT TWDS {CROSS}.",
        "RP STATES EX-{REL} PUSHED RP AND BROKE RPS PHONE. SUSP STILL ON SCENE.",
        "RP STATES SUBJ THREATENED RP WITH A {WEAPON} OVER A PARKING SPOT.",
        "RP STATES {REL} HIT RP, RP HAS SWOLLEN LIP. SUSP LEFT IN {VEH}.",
    ),
    "shots": (
        "MULTIPLE CALLERS REPORTING {N} SHOTS HEARD NEAR {CROSS}. NO VICTIMS SEEN.",
        "RP HEARD {N} POPS, POSS GUNSHOTS, SAW {VEH} LEAVING EB AT HIGH SPEED.",
        "RP STATES NEIGHBOR FIRING A GUN INTO THE AIR IN BACKYARD.",
    ),
    "noise": (
        "LOUD MUSIC FROM UPSTAIRS APT FOR {N} HOURS. RP HAS ASKED THEM TO STOP.",
        "LOUD PARTY, APPROX {N}0 PPL, CARS BLOCKING DRIVEWAYS.",
        "RP STATES DOG BARKING AND LOUD MUSIC NEXT DOOR, ONGOING PROBLEM.",
        "CONSTRUCTION NOISE AFTER HOURS AT SITE ON {CROSS}.",
    ),
    "traffic_stop": (
        "{VEH} LIC {PLATE}, VC VIOLATION.",
        "STOPPED {VEH} LIC {PLATE} FOR SPEEDING, {DESC} DRIVER.",
        "PED STOP {DESC} WRG {CLOTHING} AT {CROSS}.",
        "EXPIRED REG {VEH} LIC {PLATE}.",
    ),
    "collision": (
        "2 VEH TC, {VEH} VS PICKUP, NO INJ REPORTED, BLOCKING LANE.",
        "TC WITH INJ, {DESC} COMPLAINING OF NECK PAIN. FD NOTIFIED.",
        "RPS PARKED CAR WAS HIT, SUSP VEH {VEH} LEFT SB.",
        "VEH INTO POLE AT {CROSS}, AIRBAGS DEPLOYED, DRIVER OUT OF VEH.",
    ),
    "traffic": (
        "{VEH} LIC {PLATE} SWERVING ACROSS LANES NB ON {CROSS}.",
        "RP FOLLOWING {VEH}, DRIVER POSS DUI, HIT CURB {N} TIMES.",
        "VEHICLES RACING ON {CROSS}, LAST SEEN EB.",
    ),
    "theft": (
        "RPS {VEH} LIC {PLATE} WAS STOLEN OVERNIGHT FROM DRIVEWAY.",
        "LP AT {BIZ} HAS SUBJ DETAINED, {DESC} {AGE}YOA, APPROX $120 IN MERCH.",
        "RP STATES PACKAGE STOLEN FROM PORCH, HAS DOORBELL VIDEO.",
        "RP STATES SOMEONE OPENED ACCOUNTS IN RPS NAME. REQ REPORT.",
        "BIKE STOLEN FROM RACK IFO {BIZ}, LOCK CUT.",
    ),
    "burglary": (
        "RP CAME HOME TO FIND BACK DOOR PRIED, TV AND LAPTOP MISSING.",
        "RP HEARS SOMEONE IN THE GARAGE NOW, RP IS LOCKED IN BEDROOM.",
        "BUSINESS {BIZ} FRONT WINDOW SMASHED, REGISTER OPEN. RP IS OWNER.",
    ),
    "alarm": (
        "ALARM CO REPORTS FRONT DOOR ZONE, NO KEYHOLDER RESPONSE.",
        "AUDIBLE ALARM AT {BIZ}, MOTION ZONE {N}. NO CALLBACK.",
        "PANIC ALARM ACTIVATED AT {BIZ}, ALARM CO UNABLE TO REACH.",
        "ALARM CO REPORTS GLASS BREAK SENSOR, REAR OF RESIDENCE.",
    ),
    "parking": (
        "{VEH} BLOCKING DRIVEWAY, RP CANNOT GET OUT.",
        "VEH PARKED IN RED ZONE FOR {N} DAYS, {VEH} LIC {PLATE}.",
        "DISABLED {VEH} IN LANE ON {CROSS}, HAZARDS ON.",
        "REQ TOW FOR {VEH} ABANDONED {DUR}, FLAT TIRES.",
    ),
    "fire": (
        "SMELL OF GAS IN HALLWAY OF APT BLDG, FD ENRT.",
        "TREE BRANCH DOWN ACROSS ROADWAY AT {CROSS}.",
        "SMALL DUMPSTER FIRE BEHIND {BIZ}, FD REQ TRAFFIC CONTROL.",
        "TRAFFIC SIGNAL OUT AT {CROSS}, ALL WAY FLASHING RED.",
        "LARGE POTHOLE IN NB LANE ON {CROSS}, CARS SWERVING.",
    ),
    "followup": (
        "FOLLOW UP ON PRIOR CASE, CONTACT WITH RP.",
        "FLAGGED DOWN BY CITIZEN RE: {VEH} PARKED SUSPICIOUSLY.",
        "ASSIST FD WITH TRAFFIC CONTROL AT {CROSS}.",
        "RP REQ CALL BACK RE: ONGOING NEIGHBOR DISPUTE.",
        "SECURITY CHECK OF {BIZ} PER BUSINESS REQ.",
    ),
    "hangup": (
        "911 HANG UP, CALLBACK NO ANSWER.",
        "OPEN LINE, ARGUING HEARD IN BACKGROUND, UNABLE TO GET ADDRESS CONFIRMED.",
        "911 HANG UP, CALLBACK REACHED {REL}, STATES CHILD PLAYING WITH PHONE.",
        "OPEN LINE, NO VOICE CONTACT, TV HEARD IN BACKGROUND.",
    ),
    "suspicious": (
        "{DESC} {AGE}YOA LOOKING INTO CAR WINDOWS IN LOT AT {BIZ}, WRG {CLOTHING}.",
        "{VEH} LIC {PLATE} PARKED WITH ENGINE RUNNING FOR {N} HOURS.",
        "SUBJ SLEEPING IN STAIRWELL OF APT BLDG, REFUSING TO LEAVE.",
        "{DESC} WALKING AROUND BACKYARDS ON THE BLOCK, WRG {CLOTHING}.",
        "SUBJ IN CLOSED PARK AFTER HOURS NEAR {CROSS}.",
    ),
    "medical": (
        "{DESC} {AGE}YOA FELL, UNABLE TO GET UP, CONSCIOUS AND BREATHING. FD ENRT.",
        "RP STATES {REL} HAVING DIFFICULTY BREATHING, FD ENRT, PD TO ASSIST.",
        "{DESC} DOWN ON SIDEWALK AT {CROSS}, UNK IF BREATHING.",
        "RP FOUND {REL} {AGE}YOA UNRESPONSIVE, COLD TO TOUCH.",
    ),
    "missing": (
        "RP STATES {REL} {AGE}YOA DID NOT COME HOME, LAST SEEN WRG {CLOTHING}.",
        "JUVENILE {AGE}YOA LEFT HOME AFTER ARGUMENT, NOT ANSWERING PHONE.",
        "RP STATES {REL} WITH DEMENTIA WANDERED FROM HOME {N} HOURS AGO.",
    ),
    "vandalism": (
        "GRAFFITI ON WALL OF {BIZ}, OCCURRED OVERNIGHT.",
        "RP STATES ALL 4 TIRES SLASHED ON RPS {VEH}.",
        "SUBJS BREAKING WINDOWS OF VACANT BLDG ON {CROSS}.",
    ),
    "animal": (
        "LOOSE DOG IN ROADWAY ON {CROSS}, AGGRESSIVE TOWARDS PEDS.",
        "INJURED DEER IN ROADWAY AT {CROSS}.",
        "RP STATES NEIGHBORS DOG LEFT OUTSIDE WITHOUT WATER FOR {DUR}.",
    ),
}

# A few call types have openers of their own, used instead of their family's.
OPENERS_BY_CODE: dict[str, tuple[str, ...]] = {
    "KEEP": (
        "RP REQ CIVIL STANDBY WHILE {HE} PICKS UP BELONGINGS FROM EX-{REL}.",
        "LANDLORD AND TENANT ARGUING OVER LOCKOUT, RP REQ KEEP THE PEACE.",
    ),
    "DETAIL": ("SPECIAL DETAIL, DOWNTOWN FOOT PATROL.", "SPECIAL DETAIL AT {BIZ} PER SGT."),
    "PRISNR": (
        "{UNIT} TRANSPORTING 1 TO COUNTY JAIL.",
        "PRISONER TRANSPORT TO HOSPITAL FOR CLEARANCE.",
    ),
    "WARR": (
        "WARRANT SERVICE ON {DESC} {AGE}YOA AT RES.",
        "{UNIT} ATTEMPTING TO SERVE MISD WARRANT.",
    ),
    "STATN": ("{UNIT} CALL YOUR STATION.", "{UNIT} PHONE THE WATCH COMMANDER."),
    "PROP": ("RP FOUND A WALLET AT {BIZ}, WANTS TO TURN IT IN.", "RP LOST {HIS} PURSE ON THE BUS."),
    "ROB": ("RP STATES {DESC} GRABBED RPS PHONE AND RAN TWDS {CROSS}.",),
    "VIOLOR": ("RP STATES EX-{REL} IS AT RPS HOUSE IN VIOLATION OF A RESTRAINING ORDER.",),
    "CIVIL": ("RP STATES CONTRACTOR TOOK MONEY AND DID NOT FINISH THE WORK.",),
    "JUV": ("{N} JUVENILES SKATEBOARDING IN LOT OF {BIZ}, REFUSING TO LEAVE.",),
    "FWORK": ("FIREWORKS BEING SET OFF IN THE STREET NEAR {CROSS}.",),
    "NARC": ("RP STATES HAND TO HAND TRANSACTIONS IFO {BIZ} ALL DAY.",),
    "DUMP": ("MATTRESS AND TRASH BAGS DUMPED IN ALLEY OFF {CROSS}.",),
    "PROWL": ("RP HEARD SOMEONE TRYING THE BACK DOOR HANDLE, NOW QUIET.",),
    "SELENF": (
        "SELECTIVE ENFORCEMENT, SPEED DETAIL ON {CROSS}.",
        "STOP SIGN ENFORCEMENT AT {CROSS}.",
    ),
    "SECCHK": ("SECURITY CHECK OF {BIZ} PER BUSINESS REQ.", "VACATION HOUSE CHECK."),
}

FIELD_FOLLOWUPS: tuple[str, ...] = (
    "{UNIT} ADV CODE 4.",
    "CITATION ISSUED.",
    "VERBAL WARNING GIVEN.",
    "REG RETURNS VALID, NO WANTS.",
    "DL VALID.",
    "{UNIT} CLEAR.",
    "REQ 2ND UNIT.",
)

BEHAVIORAL_FOLLOWUPS: tuple[str, ...] = (
    "RP STATES SUBJ HAS HX OF {DX}, WAS HOSPITALIZED LAST YEAR.",
    "NO WEAPONS IN THE HOME PER RP.",
    "RP UNSURE IF SUBJ HAS ACCESS TO WEAPONS.",
    "RP REQ CRISIS TEAM, DOES NOT WANT POLICE IF POSSIBLE.",
    "SUBJ STILL YELLING IN BACKGROUND, RP SAFE IN ANOTHER ROOM.",
    "SUBJ HAS A CASE MANAGER AT {CITY} BEHAVIORAL HEALTH.",
    "SUBJ NOT MAKING SENSE PER RP, KEEPS REPEATING THE SAME THING.",
    "SUBJ OFF MEDS FOR {DUR} PER RP.",
    "RP STATES SUBJ HAS BEEN TALKING ABOUT HURTING {HIMSELF} LATELY.",
    "SUBJ HEARING VOICES PER RP, NO HX OF VIOLENCE.",
    "RP STATES SUBJ DRANK {N} BEERS TODAY, POSS {SUB}.",
    "SUBJ NOW WRG {CLOTHING}, LAST SEEN IN FRONT ROOM.",
)

GENERAL_FOLLOWUPS: tuple[str, ...] = (
    "UNITS ENRT.",
    "RP ADV TO CALL BACK IF ANYTHING CHANGES.",
    "CALLBACK TO RP, NO ANSWER, LEFT VM.",
    "PER RP SUBJ LEFT ON FOOT TWDS {CROSS}.",
    "RP REQ CONTACT.",
    "RP DOES NOT WANT CONTACT.",
    "NFI.",
    "10-4, {UNIT} ON SCENE.",
    "{UNIT} ADV CODE 4.",
    "RP WILL MEET UNITS OUT FRONT.",
    "UNK WEAPONS.",
    "DUPLICATE CALL FROM 2ND RP, SAME INFO.",
)

# Now and then an ordinary call carries a behavioral-health hint: the flagger should find these.
HINTS: tuple[str, ...] = (
    "SUBJ TALKING TO {HIMSELF}, POSS MENTAL HEALTH ISSUE.",
    "SUBJ NOT MAKING SENSE PER RP.",
    "RP THINKS SUBJ IS OFF {HIS} MEDS.",
)

FREQUENT_CALLER_NOTES: tuple[str, ...] = (
    "SUBJ KNOWN TO DISPATCH, MULTIPLE PRIOR CALLS THIS MONTH.",
    "FREQUENT CALLER, SEE PRIOR INCIDENTS AT THIS ADDRESS.",
    "SAME SUBJ AS PRIOR CALLS THIS WEEK. SUPERVISOR ADV.",
    "KNOWN SUBJ, HAS A RESPONSE PLAN PER CLINICIAN.",
)

MALE_RELATIONS = ("SON", "BROTHER", "HUSBAND", "BOYFRIEND", "FATHER", "NEPHEW", "ROOMMATE")
FEMALE_RELATIONS = ("DAUGHTER", "SISTER", "WIFE", "GIRLFRIEND", "MOTHER", "NIECE", "ROOMMATE")
OLDER_RELATIONS = ("FATHER", "MOTHER")
YOUNGER_RELATIONS = ("SON", "DAUGHTER", "NEPHEW", "NIECE")
RACES = ("W", "B", "H", "A", "W", "H", "B", "W")
DIAGNOSES = ("SCHIZOPHRENIA", "BIPOLAR", "DEPRESSION", "PTSD", "SCHIZOAFFECTIVE", "ANXIETY")
SUBSTANCES = ("ETOH", "METH", "FENTANYL", "HEROIN", "UNK PILLS", "XANAX", "SPICE")
DURATIONS = ("2 WKS", "3 DAYS", "A MONTH", "SEVERAL DAYS", "A WEEK", "2 MONTHS")
WEAPONS = ("KNIFE", "BAT", "GUN", "SCISSORS", "HAMMER")
COLORS = ("BLK", "GRY", "BLU", "RED", "WHT", "GRN", "BRN", "TAN")
TOPS = ("HOODIE", "JACKET", "T-SHIRT", "SWEATER", "COAT", "TANK TOP")
BOTTOMS = ("JEANS", "SWEATPANTS", "SHORTS", "PANTS")
MAKES = ("HONDA CIVIC", "TOYOTA CAMRY", "FORD F150", "CHEVY MALIBU", "NISSAN ALTIMA", "JEEP")
BUSINESSES = (
    "THE GAS STATION",
    "THE LIQUOR STORE",
    "THE LAUNDROMAT",
    "THE GROCERY STORE",
    "THE PHARMACY",
    "THE LIBRARY",
    "THE BUS DEPOT",
    "THE DINER",
    "THE MOTEL",
)

FAMILIES_WITH_HINTS = ("disturbance", "suspicious", "medical", "hangup", "followup")


def _openers(call_type: CallType, relation: str) -> list[str]:
    """The openers that fit who called: the person, their family, or someone else."""
    openers = list(OPENERS_BY_CODE.get(call_type.code) or OPENERS[call_type.family])
    first = [text for text in openers if text.startswith("1ST PARTY")]
    others = [text for text in openers if text not in first]
    if relation == "first":
        return first or others
    if relation == "second":
        return [text for text in others if "{REL}" in text] or others or first
    if relation == "third":
        return [text for text in others if "{REL}" not in text] or others or first
    return others or first


def compose_notes(
    rng: random.Random,
    call_type: CallType,
    slots: dict[str, str],
    count: int,
    *,
    relation: str = "",
    frequent: bool = False,
) -> list[str]:
    """`count` distinct notes for one call: an opener, then follow-ups, with the slots filled."""
    notes = [rng.choice(_openers(call_type, relation))]
    extra: list[str] = []
    if frequent and rng.random() < 0.6:
        extra.append(rng.choice(FREQUENT_CALLER_NOTES))
    if call_type.family in FAMILIES_WITH_HINTS and rng.random() < 0.06:
        extra.append(rng.choice(HINTS))
    pool = list(FIELD_FOLLOWUPS if call_type.field_initiated else GENERAL_FOLLOWUPS)
    if call_type.behavioral:
        pool += list(BEHAVIORAL_FOLLOWUPS) * 2
    while len(notes) + len(extra) < count:
        candidate = rng.choice(pool)
        if candidate not in notes:
            notes.append(candidate)
    notes[1:1] = extra
    return [note.format_map(slots) for note in notes[: max(count, 1 + len(extra))]]


def note_slots(
    rng: random.Random, *, sex: str, age: int, streets: Sequence[str], city: str
) -> dict[str, str]:
    """Values for one call's template slots, consistent with the subject's sex and age."""
    relations: tuple[str, ...]
    if age < 18:
        relations = ("SON", "NEPHEW") if sex == "M" else ("DAUGHTER", "NIECE")
    else:
        relations = MALE_RELATIONS if sex == "M" else FEMALE_RELATIONS
        if age < 40:
            relations = tuple(r for r in relations if r not in OLDER_RELATIONS)
        elif age > 60:
            relations = tuple(r for r in relations if r not in YOUNGER_RELATIONS)
    male = sex == "M"
    plate = f"{rng.randint(1, 9)}{''.join(rng.choices('ABCDEFGHJKLMNPRSTUVWXYZ', k=3))}"
    return {
        "AGE": str(age),
        "REL": rng.choice(relations),
        "DESC": f"{rng.choice(RACES)}/{sex}",
        "HE": "HE" if male else "SHE",
        "HIM": "HIM" if male else "HER",
        "HIS": "HIS" if male else "HER",
        "HIMSELF": "HIMSELF" if male else "HERSELF",
        "CROSS": rng.choice(streets),
        "BIZ": rng.choice(BUSINESSES),
        "DUR": rng.choice(DURATIONS),
        "DX": rng.choice(DIAGNOSES),
        "SUB": rng.choice(SUBSTANCES),
        "WEAPON": rng.choice(WEAPONS),
        "N": str(rng.randint(2, 6)),
        "CLOTHING": f"{rng.choice(COLORS)} {rng.choice(TOPS)} AND "
        f"{rng.choice(COLORS)} {rng.choice(BOTTOMS)}",
        "VEH": f"{rng.choice(COLORS)} {rng.choice(MAKES)}",
        "PLATE": plate + f"{rng.randint(0, 999):03d}",
        "UNIT": f"{rng.randint(1, 4)}{rng.choice('ABCD')}{rng.randint(10, 40)}",
        "CITY": city.upper(),
    }

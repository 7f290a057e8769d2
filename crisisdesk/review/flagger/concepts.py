"""The pieces the lexicon is written with: concepts (what a phrase means) and triggers (how the
words around a concept change it).

A phrase is written in the words the text is read into (abbreviations expanded, see
`abbreviations.py`), one slot per word:

    WORD          that word
    WORD|OTHER    either (`|` joins single words: "OUTSIDE|IN FRONT OF" is OUTSIDE or IN, then
                  FRONT OF)
    NO+ONE|NOBODY an alternative of several words, joined by `+` (NO ONE or NOBODY)
    WORD?         optional (the ? closes the slot: `HIS|HER?` is "HIS, HER or nothing")
    WORD*         any word starting with WORD (at least 3 letters before the *)
    ...           up to three words of anything within the clause
    @NAME         a class of words defined in `CLASSES`

A concept has effects: a need (a category and a weight), an exclusion (which one and how
serious), or none (a context concept: a phrase that only looks relevant, "CRAZY TRAFFIC", or a
reassurance, "BREATHING"). Several effects are allowed: an overdose is a substance-use need and
a life-threatening medical emergency at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from crisisdesk.review.flagger.model import Status

TriggerKind = Literal[
    "negation",  # NOT, NEVER, WITHOUT: the next concept is negated
    "negation_either",  # NO, DENIES, NEGATIVE: the next concept, or else the one before
    "negation_post",  # NEGATIVE, DENIED, NONE SEEN: the concept before is negated
    "uncertain",  # UNK IF, MIGHT, AFRAID: the next concept is uncertain
    "uncertain_either",  # UNKNOWN, POSSIBLY, MAYBE: the next concept, or else the one before
    "uncertain_post",  # UNKNOWN, ?, UNCONFIRMED after the concept
    "history",  # HX OF, PRIOR, PREVIOUS: the next concept is history
    "history_clause",  # LAST TIME: every concept after it in its clause is history
    "past_time",  # EARLIER, YESTERDAY, LAST WEEK: concepts in the clause are in the past
    "present_time",  # NOW, STILL, JUST, IN PROGRESS: concepts in the clause are happening now
    "belief",  # THINKS, CLAIMS: the next exclusion is uncertain (a need is not changed)
    "terminator",  # BUT, HOWEVER: ends every scope
]

CLASSES: dict[str, str] = {
    "SELF": "HIMSELF|HERSELF|THEMSELF|THEMSELVES|MYSELF|YOURSELF|SELF|ONESELF",
    "POSS": "HIS|HER|THEIR|MY|YOUR|THE|A|AN",
    "PRONOUN": "HE|SHE|THEY|SUBJECT|RP|CP|PATIENT|CLIENT|I",
    "MEDS": (
        "MEDICATION|PILLS|PRESCRIPTION|PRESCRIPTIONS|ANTIPSYCHOTICS|INJECTION|INJECTIONS"
        "|LITHIUM|SEROQUEL|ABILIFY|RISPERDAL|ZYPREXA|HALDOL|CLOZAPINE|CLOZARIL|INVEGA"
        "|DEPAKOTE|LAMICTAL|PROZAC|ZOLOFT|LEXAPRO|WELLBUTRIN|LATUDA|ANTIDEPRESSANTS|ANTIDEPRESSANT"
        "|ANTIPSYCHOTIC|PSYCHIATRIC"
    ),
    "PERSON": (
        "RP|RPS|CP|CPS|CALLER|CALLERS|HIM|HER|THEM|SOMEONE|ANYONE|EVERYONE|PEOPLE|FAMILY|MOTHER|FATHER|WIFE|HUSBAND"
        "|GIRLFRIEND|BOYFRIEND|SON|DAUGHTER|BROTHER|SISTER|NEIGHBOR|NEIGHBORS|STAFF|EMPLOYEE"
        "|EMPLOYEES|CUSTOMER|CUSTOMERS|SECURITY|GUARD|OFFICER|OFFICERS|VICTIM|ROOMMATE|PARTNER"
        "|SPOUSE|CHILD|CHILDREN|KIDS|GRANDMOTHER|GRANDFATHER|CLERK|MANAGER|NURSE|DOCTOR|PATIENT"
        "|RESIDENT|RESIDENTS|UNCLE|AUNT|COUSIN|FRIEND|PEDESTRIANS|PASSERSBY|TENANT|LANDLORD|EX"
        "|CAREGIVER|TEACHER|DRIVER|SUBJECT|MALE|FEMALE|MAN|WOMAN|GUY|LADY|CLIENT|WORKER|WORKERS"
        "|COWORKER|BOSS|PARENTS|GRANDSON|GRANDDAUGHTER|STRANGER|STRANGERS|KID|BABY|INFANT"
        "|ANOTHER|WHOEVER|ANYBODY|SOMEBODY|EVERYBODY|PASSENGER|PASSENGERS|JOGGER|WAITRESS|WAITER"
        "|CASHIER|BYSTANDER|BYSTANDERS|PEDESTRIAN|GUEST|GUESTS|PATRON|PATRONS|STUDENT|STUDENTS"
        "|OWNER|GUARDS|VENDOR|VENDORS|TOURIST|TOURISTS|SECRETARY|PRINCIPAL|CNA|LPN|RN|COOK|COOKS"
        "|CHEF|DECKHAND|LINEMAN|LINEMEN"
        "|NEPHEW|NIECE|STEPFATHER|STEPMOTHER|STEPDAD|STEPMOM|GRANDMA|GRANDPA|ME|US|DEPUTY"
        "|MEDIC|MEDICS|PARAMEDIC|PARAMEDICS|TEEN|TEENAGER|GIRL|BOY|MEN|WOMEN|NEIGHBOUR|OTHERS"
        "|AIDE|AIDES|CAREGIVERS|NURSES|STAFFER|CLERKS|CASHIERS|COP|COPS|POLICE|DEPUTIES|TEACHERS"
        "|MOTORIST|MOTORISTS|STEPDAD|STEPSON|STEPDAUGHTER|FIANCE|FIANCEE|HOUSEMATE|ROOMMATES|EXWIFE"
        "|EXHUSBAND|EXBOYFRIEND|EXGIRLFRIEND|NEIGHBORS|LABORERS|KIDS|TODDLER|WHOEVER|PAX|RIDER"
        "|RIDERS|COMMUTER|COMMUTERS|SHOPPER|SHOPPERS|VISITOR|VISITORS|CONCIERGE|DOORMAN"
        "|BARTENDER|BOUNCER|TELLER|TELLERS|RECEPTIONIST|ATTENDANT|USHER|JANITOR|FOREMAN|CREW"
        "|COACH|PASTOR|PRIEST|LIBRARIAN|PHARMACIST|BARISTA|SERVER|HOST|HOSTESS|VALET|DRIVERS"
        "|CYCLIST|CYCLISTS|BICYCLIST|BICYCLISTS|HIKER|HIKERS|RUNNER|RUNNERS|SURFER|SURFERS"
        "|SUPERVISOR|SUPERVISORS|MAILMAN|COURIER"
        # People by their role in a court, an office, a clinic or a shop ("THREW HIS SHOE AT
        # THE JUDGE", "SHOVED THE EXAMINER", "SWUNG AT THE TECH").
        "|JUDGE|JUDGES|BAILIFF|BAILIFFS|ATTORNEY|ATTORNEYS|LAWYER|LAWYERS|PROSECUTOR|PROSECUTORS"
        "|DEFENDANT|JUROR|JURORS|EXAMINER|EXAMINERS|TECH|TECHS|TECHNICIAN|TECHNICIANS|ADVISOR"
        "|ADVISORS|ADVISER|REFEREE|UMPIRE|PRINCIPAL|COUNSELOR|COUNSELORS|THERAPIST|CASEWORKER"
        "|INSPECTOR|EMT|EMTS|HOUSEKEEPER|HOUSEKEEPERS|MAID|MECHANIC|MECHANICS|PLUMBER"
        "|ELECTRICIAN|CONTRACTOR|PROFESSOR|INSTRUCTOR|DENTIST|GROOMER|LIFEGUARD|CHAPLAIN"
        "|PHYSICIAN|TRAINER|VOLUNTEER|VOLUNTEERS|DONOR|DONORS|AUDITOR|ASSOCIATE|ASSOCIATES"
        "|CHAIRPERSON|CHAIRMAN|CHAIRWOMAN|FACILITATOR|SPONSOR"
        "|BUDDY|BUDDIES|PAL|PALS|BRO|DUDE|FELLA|FELLAS|GAL|GALS"
        # People by trade, kin, age and what they are doing there, from a general list, so that
        # a role no round named is a person too ("SWUNG A BOARD AT THE ROOFER").
        "|PERSON|ACCOUNTANT|ADMINISTRATOR|ARTIST|ASSISTANT|ASSISTANTS|ATHLETE|BABYSITTER"
        "|NANNY|BAKER|BANKER|BARBER|HAIRDRESSER|STYLIST|CARPENTER|COLLEAGUE|COLLEAGUES"
        "|CONSULTANT|CUSTODIAN|DELIVERYMAN|DISPATCHER|FARMER|FARMHAND|FIREFIGHTER|FIREFIGHTERS"
        "|FIREMAN|FLORIST|GARDENER|GROCER|HANDYMAN|INTERN|INTERPRETER|TRANSLATOR|JEWELER|LABORER"
        "|LANDSCAPER|LOCKSMITH|MINISTER|MUSICIAN|OPERATOR|PAINTER|PARALEGAL|PHOTOGRAPHER|PORTER"
        "|POSTMAN|RABBI|IMAM|REPORTER|REPAIRMAN|SALESMAN|SALESWOMAN|SALESPERSON|CLERGY|SHERIFF"
        "|TROOPER|TROOPERS|SINGER|SURGEON|TAILOR|TUTOR|CLINICIAN|PSYCHIATRIST|PSYCHOLOGIST|DRUMMER"
        "|GUITARIST|BANDMATE|TEAMMATE|TEAMMATES|CLASSMATE|CLASSMATES|CELLMATE|INMATE|INMATES"
        "|PRISONER|PAROLEE|DETECTIVE|RANGER|WARDEN|MINORS|JUVENILE|JUVENILES|ADULT|ADULTS|ELDER"
        "|ELDERS|RETIREE|WIDOW|WIDOWER|MOMMY|DADDY|HUBBY|SIBLING|SIBLINGS|TWIN|STEPBROTHER"
        "|STEPSISTER|GRANDKID|GRANDKIDS|GRANDCHILD|GRANDCHILDREN|GRANNY|NANA|AUNTIE|NEWBORN|YOUTHS"
        "|TEENS|TEENAGERS|GIRLS|BOYS|LADIES|GUYS|FOLKS|INDIVIDUAL|INDIVIDUALS"
        "|SUSPECT|SUSPECTS|OCCUPANT|OCCUPANTS|HOMEOWNER|RENTER|HOUSEGUEST|SQUATTER|TRESPASSER"
        "|PANHANDLER|SKATER|SKATEBOARDER|SWIMMER|SWIMMERS|BOATER|BOATERS|FISHERMAN|FISHERMEN"
        "|ANGLER|GOLFER|GOLFERS|SPECTATOR|SPECTATORS|CLIENTS|PATIENTS|TENANTS|NEIGHBOURS|MEMBER"
        "|MEMBERS|PARISHIONER|PARISHIONERS|WORSHIPPERS|DEACON|NUN|REVEREND|PREACHER|OFFICIANT"
        "|MANAGERS|OWNERS|SUPERINTENDENT|DOORMEN|BOUNCERS|BARTENDERS|SERVERS|WAITSTAFF|OPERATORS"
        "|ATTENDANTS|DOCTORS|PHYSICIANS|HOMEOWNERS|CHAPERONE|JANITORS|CUSTODIANS|PLUMBERS|ROOFER"
        "|ROOFERS|ELECTRICIANS|CARPENTERS|PAINTERS|WELDER|WELDERS|MOVER|MOVERS|INSTALLER"
        "|CASEWORKERS|OMBUDSMAN|PROTESTER|PROTESTERS|DEMONSTRATORS|PREACHERS"
    ),
    # Who a person is, between the article and the person ("PUSHED AN OLDER RIDER", "THREW A
    # PLATE AT OTHER GUESTS", "WILL SHOOT THE FIRST DEPUTY THRU THE DOOR").
    "KIND": (
        "ELDERLY|OLD|OLDER|YOUNG|YOUNGER|LITTLE|SMALL|PREGNANT|DISABLED|BLIND|FRAIL|OTHER"
        "|FELLOW|RANDOM|TWO|SEVERAL|SOME|PASSING|NEARBY|WAITING|FORMER|EX|NEW|CURRENT|FIRST|NEXT"
    ),
    "ANIMAL": (
        "DOG|DOGS|CAT|CATS|PET|PETS|ANIMAL|ANIMALS|PUPPY|KITTEN|HORSE|BIRD|PUPPIES|KITTENS|HORSES"
        "|COW|COWS|CATTLE|BULL|STEER|CALF|GOAT|GOATS|PIG|PIGS|SHEEP|LLAMA|DONKEY|MULE|DEER|COYOTE"
        "|RACCOON|SQUIRREL|CHICKEN|CHICKENS|ROOSTER|LIVESTOCK|PITBULL|PARROT|PIT|PITS|PITTIE"
        "|PITBULLS|ROTTWEILER|ROTTIE|DOBERMAN|HUSKY|SHEPHERD|MUTT|STRAY|POODLE|CHIHUAHUA|BEAGLE"
        "|LABRADOR|TERRIER|BOXER|MASTIFF|BULLDOG|HOUND|FERRET|RABBIT|BUNNY"
        "|GATOR|ALLIGATOR|MOOSE|BEAR|BEARS|ELK|BISON|SNAKE"
    ),
    # Where a weapon is held against oneself or another ("A GUN IN HIS MOUTH", "KNIFE TO HER
    # FOREARM"), and where self-harm is done.
    "BODY": (
        "MOUTH|HEAD|TEMPLE|CHEST|THROAT|NECK|WRIST|WRISTS|ARM|ARMS|FOREARM|FOREARMS|STOMACH"
        "|HEART|LEG|LEGS|THIGH|THIGHS|CHIN|FACE|SKIN|BELLY|GUT|SIDE|BACK"
    ),
    # Things of a home or a street that become weapons when thrown, swung or raised at someone
    # ("SWUNG A SHOVEL AT", "HITTING HER WITH A CANE", "A LAMP OVER HIS HEAD").
    "OBJECT": (
        "HEEL|HEELS|STILETTO"
        "|LAMP|CHAIR|CHAIRS|STOOL|STOOLS|BARSTOOL|BARSTOOLS|CANE|CRUTCH|WALKER|BOTTLE|BOTTLES|PLATE|PLATES|DISH|DISHES|MUG"
        "|GLASS|POT|PAN|SKILLET|IRON|ROCK|ROCKS|STONE|STONES|BRICK|BRICKS|SHOVEL|RAKE|BROOM|MOP"
        "|PIPE|BOARD|PLANK|2X4|STICK|BRANCH|POLE|CLUB|BAT|HAMMER|WRENCH|TOOL|VASE|ASHTRAY|BELT"
        "|SCREWDRIVER|GAFF|HOOK"
        "|CORD|CHAIN|TABLE|TV|LAPTOP|PHONE|REMOTE|GUITAR|SKATEBOARD|UMBRELLA|EXTINGUISHER|CAN"
        "|CANS|FURNITURE|OBJECT|OBJECTS|SOMETHING|ANYTHING|WHATEVER|TOOLBOX|LADDER|PAINTING"
        "|FRAME|CANDLESTICK|STATUE|TROPHY|KETTLE|SPATULA|FORK|PLUNGER|FIREWOOD|LOG|TIRE|WEIGHT"
        "|DUMBBELL|BRIEFCASE|BACKPACK|CROWBAR|STUFF|THINGS|ITEMS|PIN|TENDERIZER|MALLET"
        # Things of shops, venues and streets ("A METAL STANCHION", "A TRAFFIC CONE", "HIS
        # MAGLITE", "A BROOM HANDLE", "THE MIC STAND", "A POOL CUE").
        "|STANCHION|STANCHIONS|CONE|CONES|FLASHLIGHT|MAGLITE|PADLOCK|ULOCK|ROD|HANDLE|STAND"
        "|CUE|TRIPOD|TRAY|CLIPBOARD|KEYBOARD|LID|HANGER|SCOOTER|BARRICADE|BARRIER|SIGNPOST"
        # Things of sport, music, garden, kitchen and road, from a general list.
        "|RACKET|RACQUET|PADDLE|OAR|BROOMSTICK|SLEDGEHAMMER|SLEDGE|PICKAXE|HOE|PITCHFORK|SHEARS"
        "|LEASH|WHIP|TORCH|LANTERN|LADLE|WOK|PLATTER|BIKE|BICYCLE|STAKE|PURSE|HANDBAG|SUITCASE"
        "|UKULELE|VIOLIN|MICROPHONE|MIC|AMP|HEATER|SURFBOARD|PADDLEBOARD|GAVEL|RULER|YARDSTICK"
        "|DRILL|TROWEL|SPADE|PLIERS|BATON|NIGHTSTICK|DRUMSTICK|CANDLEHOLDER|STATUETTE|FIGURINE"
        "|PLAQUE|SKATE|SKATES|HELMET|CONTROLLER|FLASK|THERMOS|TONGS|POKER|PAPERWEIGHT"
        "|CINDERBLOCK|PAVER|BOULDER|HUBCAP|ANTENNA|TENTPOLE|SNOWSHOVEL|SCRAPER"
        "|STICKS|BATS|CLUBS|PIPES|BOARDS|POLES|CHAINS|SHOVELS|HAMMERS|BRANCHES|PLANKS"
    ),
    # Drugs by name and street name, read after a verb of taking them or ON ("ON METH").
    "DRUG": (
        "METH|METHAMPHETAMINE|HEROIN|FENTANYL|COCAINE|COKE|CRACK|SPICE|K2|PCP|MOLLY|ECSTASY|MDMA"
        "|LSD|ACID|MUSHROOMS|SHROOMS|KETAMINE|XANAX|XANS|PERCS|PERC|PERCOCET|PERCOCETS|OXY|OXYS"
        "|OXYCODONE|OXYCONTIN|ADDERALL|GHB|M30|M30S|FENTY|NARCOTICS|OPIOIDS|OPIATES|DRUGS|DOPE"
        "|SPEED|CRANK|TRANQ|XYLAZINE|BENZOS|KLONOPIN|VALIUM|DILAUDID|METHADONE|SALTS|FLAKKA"
        "|EDIBLES|HALLUCINOGENS|PSYCHEDELICS|DMT|BLUES|DABS|SHARDS"
    ),
    # Speaking out loud in a way that shows what the person believes (ranting, preaching).
    "RANT": (
        "RANTING|RANTS|RANTED|RAVING|RAVES|YELLING|YELLS|YELLED|SCREAMING|SCREAMS|SCREAMED"
        "|SHOUTING|SHOUTS|SHOUTED|PREACHING|PREACHES|BELIEVES|BELIEVING|CONVINCED|INSISTS"
        "|INSISTING|INSISTED|MUTTERING|MUMBLING|RAMBLING|BABBLING|PARANOID|CLAIMING|CLAIMS"
    ),
    # Content that, said as fact, is delusional.
    "DELUSION": (
        "ALIEN|ALIENS|DEVIL|SATAN|DEMON|DEMONS|DEMONIC|RAPTURE|ANTICHRIST|APOCALYPSE|ILLUMINATI"
        "|GOVERNMENT|FBI|CIA|NSA|MICROCHIP|MICROCHIPS|TRANSMITTER|TRANSMITTERS"
        "|IMPLANT|IMPLANTS|SIGNALS|RADIATION|FREQUENCIES|SATELLITES|SATELLITE|SPIRITS|GHOSTS"
        "|REPTILIANS|LIZARD|LIZARDS|CLONE|CLONES|IMPOSTER|IMPOSTERS|IMPOSTOR|ANGELS|LUCIFER"
        "|WITCHES|WITCHCRAFT|HEX|POSSESSED|SOUL|SOULS"
        "|MARTIANS|UFO|UFOS|SPACESHIP|MOTHERSHIP|MATRIX|SIMULATION|ARMAGEDDON|PROPHECY"
        "|CARTEL|CARTELS|MAFIA|KGB|MOSSAD|FREEMASONS|MARS|VENUS|JUPITER|EXTRATERRESTRIALS"
        "|SHAYTAN|SHAITAN|SHEITAN|JINN|DJINN|JINNS"
        # Towers and trails said to harm ("RANTING ABOUT 5G TOWERS TO NO ONE").
        "|5G|CHEMTRAILS|CHEMTRAIL"
    ),
    # A way of speaking, between a verb and whom it is addressed to ("TALKING LOUDLY TO").
    "HOW": (
        "LOUDLY|LOUD|QUIETLY|ANGRILY|VERY|CONSTANTLY|NONSTOP|REPEATEDLY|INCESSANTLY|AGGRESSIVELY"
        "|EXCITEDLY|RAPIDLY|ALOUD|INCOHERENTLY|CALMLY|CRAZY|CRAZILY|WILDLY|NONSENSE|GIBBERISH"
        "|STRANGELY|WEIRD|WEIRDLY|WIERD|WIERDLY|NONSTOP"
    ),
    # A count large enough to be an overdose when pills are taken ("TOOK 30 OF HIS SEROQUEL").
    "COUNT": "|".join(str(n) for n in range(5, 201))
    + "|FIVE|SIX|SEVEN|EIGHT|NINE|TEN|ELEVEN|TWELVE|FIFTEEN|TWENTY|THIRTY|FORTY|FIFTY|SIXTY"
    "|HUNDRED|DOZEN|DOZENS|HANDFUL|HANDFULS|SEVERAL|MANY",
    # A low blood-sugar reading ("SUGAR IS 42", "BGL LO").
    "LOW": "|".join(str(n) for n in range(5, 70)) + "|LO|LOW",
    "PLACE": (
        "DOORWAY|DOORWAYS|ALLEY|ALLEYWAY|BENCH|SIDEWALK|PARK|STOP|STAIRWELL|PORCH|LOBBY|LOT"
        "|GARAGE|BRIDGE|OVERPASS|STAIRS|STAIRWAY|STAIRCASE|BUSHES|ATM|VESTIBULE|ENTRANCE|STEPS|STATION|LIBRARY|SHELTER"
        "|CAR|VEHICLE|VAN|MINIVAN|SUV|TRUCK|RV|CAMPER|LAUNDRY|TENT|CANYON|RIVERBED|FREEWAY|UNDERPASS|DUMPSTER|DUMPSTERS|BREEZEWAY|HALLWAY"
        "|LAUNDROMAT|PLAYGROUND|BEACH|STREET|ROAD|CHURCH|STOREFRONT|DRIVEWAY|TUNNEL|PARKING"
        "|TERMINAL|TERMINALS|AIRPORT|CONCOURSE|BLEACHERS|DUGOUT|PAVILION|GAZEBO|BANDSTAND"
        "|PLATFORM|CULVERT|BOXCAR|SHED|BARN|ATRIUM|OVERHANG|AWNING|CARPORT|TRAILHEAD"
        "|POTTY|PORTAPOTTY|PORTAJOHN|OUTHOUSE|CARWASH|WASHATERIA|ALCOVE|ALCOVES|NOOK|RECESS"
        "|WASH|DRAIN|STORMDRAIN|ARROYO|TUNNELS|CULVERTS|LEVEE"
    ),
}
# Whom a cut is threatened to: a person, HER left out (it is also whose: "WILL CUT HER HAIR").
CLASSES["WHOM"] = "|".join(word for word in CLASSES["PERSON"].split("|") if word != "HER")
# Things thrown at people: the objects above and what a counter, a desk or a shelf holds
# ("THREW A NAPKIN DISPENSER AT THE CASHIER", "HURLED A STAPLER AT HIS BOSS"). Only throwing
# reads these: waving a cup or a book at people is no weapon.
CLASSES["THROWABLE"] = (
    CLASSES["OBJECT"] + "|DISPENSER|DISPENSERS|HOLDER|JAR|JARS|CUP|CUPS|BOWL|BOWLS|PITCHER|JUG|JUGS"
    "|BUCKET|BIN"
    "|TRASHCAN|BOX|CRATE|BOOK|BOOKS|SHOE|SHOES|BOOT|BOOTS|STAPLER|CLOCK|RADIO|SPEAKER|MONITOR"
    "|MIRROR|PLANTER|TOASTER|SHAKER|CONTAINER|CALCULATOR|TABLET|PRINTER|BASKET|TRAY|SCALE"
    # Round 22: sports and gym gear thrown ("THREW A BOWLING BALL AT ANOTHER BOWLERS HEAD",
    # "HURLED A DUMBBELL AT HIM"); a ball thrown is play only where no one is aimed at.
    "|BALL|BALLS|BASEBALL|BASEBALLS|DUMBBELL|DUMBBELLS|KETTLEBELL|KETTLEBELLS|PUCK|PUCKS"
)

# How a concept reacts to the time words around it: a progressive form (FIGHTING) is in
# progress unless the clause puts it in the past; a past form (PUNCHED) is in the past unless
# the clause says it is happening now ("JUST PUNCHED", "STILL HITTING").
Tense = Literal["", "progressive", "past"]


@dataclass(frozen=True, slots=True)
class Effect:
    kind: Literal["need", "exclusion"]
    target: str  # a category, or an exclusion
    weight: float = 0.0  # needs
    severity: str = ""  # exclusions


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    phrases: tuple[str, ...]
    effects: tuple[Effect, ...] = ()
    group: str = ""  # for lists: "DENIES SI, HI" negates both (same group across a comma)
    status: Status = "present"  # "UNK IF BREATHING" is uncertain by itself
    tense: Tense = ""
    weapon: bool = False  # a weapon object: the weapon exclusion, bound to actions below
    weapon_action: bool = False  # threatens with a weapon named in the same sentence
    # A harm intent whose act needs a weapon at hand ("GOING TO CUT HIMSELF"): any weapon object
    # present in the call, not only in its sentence, is threatened by it.
    weapon_action_call: bool = False
    # A protective order (crime, past) and the restrained person here now ("ON HER PORCH"): the
    # two in one call make the order violated now (crime in progress).
    protective_order: bool = False
    presence: bool = False
    # An accidental poisoning (a toddler into the pills): the ingestion is no need.
    accidental: bool = False
    # An animal ("COW", "NEIGHBOR'S DOG") or an animal call type (see compose).
    animal: bool = False
    negated_need: Effect | None = None  # "NOT TAKING HIS MEDS": a need when negated
    reassures: bool = False  # "CONSCIOUS", "AWAKE": lifts a reassurable medical finding
    reassures_breathing: bool = False  # "BREATHING": lifts a reassurable doubt about breathing
    reassurable: bool = False  # "PASSED OUT", "UNK IF BREATHING"
    # "EMS CLEARED HER": lifts every medical finding said before it, definite ones too.
    clears: bool = False
    # A look-alike named anywhere in the call lifts the findings it explains: FIRECRACKERS lift
    # "SOUNDS LIKE GUNFIRE" (lifted_by "fireworks"); all the guns kept elsewhere lift a gun
    # named but not threatened ("firearm": see compose).
    lifts: str = ""  # names, space-separated
    lifted_by: str = ""
    # Lifts only the findings of its own sentence ("PLAYING BEER PONG" explains the threat
    # yelled there, not one said in another entry of the call).
    lift_sentence: bool = False
    # A condition and its signs: a diabetic who is shaky, a head strike and then drowsiness,
    # a ligature and a hoarse voice are an emergency together, wherever each is said.
    risk: str = ""  # the condition this concept names ("diabetes")
    sign_of: tuple[str, ...] = ()  # the conditions this concept is an emergency sign of
    # A condition, not an event: its history still shows the need in full ("HX SCHIZOPHRENIA"
    # says the person has it), where a past act counts `historical_factor` ("HX OF SI").
    lasting: bool = False
    note: str = ""  # shown with a context concept: why it does not count
    priority: int = 2

    @property
    def kind(self) -> str:
        return "concept" if self.effects or self.negated_need else "context"


@dataclass(frozen=True, slots=True)
class Trigger:
    id: str
    kind: TriggerKind
    phrases: tuple[str, ...]
    priority: int = 1


def need(
    concept_id: str, category: str, weight: float, *phrases: str, **options: object
) -> Concept:
    effect = Effect("need", category, weight=weight)
    return _concept(concept_id, phrases, (effect,), options)


def exclusion(
    concept_id: str, name: str, severity: str, *phrases: str, **options: object
) -> Concept:
    effect = Effect("exclusion", name, severity=severity)
    return _concept(concept_id, phrases, (effect,), options)


def both(
    concept_id: str,
    category: str,
    weight: float,
    name: str,
    severity: str,
    *phrases: str,
    **options: object,
) -> Concept:
    """A need and an exclusion at once (an overdose, a cut wrist)."""
    effects = (
        Effect("need", category, weight=weight),
        Effect("exclusion", name, severity=severity),
    )
    return _concept(concept_id, phrases, effects, options)


def context(concept_id: str, note: str, *phrases: str, **options: object) -> Concept:
    """Phrases that only look relevant ("CRAZY TRAFFIC", "NAIL GUN"): they take their words so
    nothing else matches them, and appear in the evidence with the note saying why."""
    options.setdefault("priority", 3)
    return _concept(concept_id, phrases, (), {**options, "note": note})


def trigger(trigger_id: str, kind: TriggerKind, *phrases: str) -> Trigger:
    return Trigger(trigger_id, kind, phrases)


def _concept(
    concept_id: str,
    phrases: tuple[str, ...],
    effects: tuple[Effect, ...],
    options: dict[str, object],
) -> Concept:
    return Concept(concept_id, phrases, effects, **options)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Lexicon:
    concepts: tuple[Concept, ...]
    triggers: tuple[Trigger, ...]
    by_id: dict[str, Concept] = field(default_factory=dict, repr=False)

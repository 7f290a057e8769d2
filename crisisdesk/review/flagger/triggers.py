"""The words that change what a concept means: negation, uncertainty, history, time.

NegEx-style (Chapman et al., 2001): a trigger governs the concept that follows it (or, for the
`_post` kinds, the one just before it) within a few words and within its clause. How far and
across what is decided in `scopes.py`; this table only says which words are triggers.
"""

from __future__ import annotations

from datetime import UTC, datetime

from crisisdesk.review.flagger.concepts import Trigger, trigger

_YEARS = "|".join(str(year) for year in range(1970, 2036))
# The years before this one: "POINTED A GUN AT OFFICERS IN 2019" is history.
PAST_YEARS = frozenset(str(year) for year in range(1970, datetime.now(UTC).year))
MONTHS = (
    "JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|JAN|FEB"
    "|SEPT|OCT|NOV|DEC"
)
WEEKDAYS = (
    "MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY|MON|TUE|TUES|WED|THU|THUR|THURS"
    "|FRI|SAT|SUN"
)

TRIGGERS: tuple[Trigger, ...] = (
    # Forward only: "HITTING HER AND WONT LET HER LEAVE" must not negate what comes before.
    trigger(
        "negation",
        "negation",
        "NOT",
        "NEVER",
        "NOR",
        "WITHOUT",
        "NOTHING",
        "NEGATIVE FOR",
        "NO SIGN|SIGNS|EVIDENCE|INDICATION|MENTION|REPORT|REPORTS OF",
        "NO LONGER",
        "NOT ANY",
        "DID NOT SEE|OBSERVE|NOTICE",
        "DOES|DID NOT HAVE|APPEAR|SEEM|POSSESS",
        "RULED OUT",
        "FREE OF",
        "ZERO",
        # "NO ONE ELSE THREATENED", "NOBODY HURT": the act did not reach anyone.
        "NO ONE ELSE?",
        "NOBODY ELSE?",
        "NOT ONE",
    ),
    trigger(
        "negation_either",
        "negation_either",
        "NO",
        "NONE",
        "DENIES",
        "DENY",
        "DENYING",
        "DENIED",
        "NEGATIVE",
        "ABSENT",
        # "SAYS NO WEAPONS ON HIM" (forward), "ASKED ABOUT WEAPONS, SAID NO" (back).
        "SAID|STATES|STATED|ADVISED|ADVISES|SAYS|ANSWERED|ANSWERS|REPLIED NO",
    ),
    trigger(
        "negation_post",
        "negation_post",
        "NOT SEEN|OBSERVED|VISIBLE|PRESENT|INVOLVED|MENTIONED|REPORTED|FOUND|KNOWN",
        "NONE SEEN|OBSERVED|VISIBLE|KNOWN|REPORTED|FOUND|MENTIONED",
        "NOT AT THIS TIME",
        # "SHORTNESS OF BREATH HAS RESOLVED": gone by the time of the call.
        "RESOLVED",
        "HAS|HAVE|NOW RESOLVED",
        "SUBSIDED",
        "HAS|HAVE|NOW SUBSIDED",
    ),
    trigger(
        "uncertain_either",
        "uncertain_either",
        "POSSIBLY",
        "PROBABLY",
        "MAYBE",
        "UNKNOWN",
        "UNCONFIRMED",
        "UNCLEAR",
    ),
    trigger(
        "uncertain",
        "uncertain",
        "PERHAPS",
        "UNKNOWN IF|WHETHER",
        "UNSURE",
        "UNSURE IF|WHETHER|OF",
        "NOT SURE|CERTAIN",
        "NOT SURE|CERTAIN IF|WHETHER",
        "DOES|DID|DO NOT KNOW",
        "DOES|DID|DO NOT KNOW IF|WHETHER",
        "NO IDEA",
        "NO IDEA IF|WHETHER",
        "NO IDEA HOW MUCH|MANY",
        "NO WAY OF|TO KNOWING|KNOW|TELL IF|WHETHER",
        "UNCLEAR IF|WHETHER",
        "UNABLE TO CONFIRM|VERIFY|DETERMINE|SEE",
        "CAN NOT CONFIRM|VERIFY|SEE|TELL",
        "COULD NOT CONFIRM|VERIFY|SEE|TELL",
        "QUESTIONABLE",
        "MIGHT",
        "MAY",
        "MAY HAVE|BE",
        "COULD",
        "COULD HAVE|BE",
        "IF",
        "IN CASE",
        "AFRAID",
        "FEARS",
        "FEARFUL",
        "WORRIED",
        "WORRIED THAT",
        "CONCERNED",
        "CONCERNED THAT",
        "POTENTIAL",
        "POTENTIALLY",
        "SUSPECTED",
        "ALLEGEDLY",
        "RUMORED",
        "APPEARS TO BE|HAVE",
        "ASKED IF",
        # "KIDS W/ WHAT LOOKS LIKE RIFLES": a thing taken for what it looks like.
        "WHAT LOOKS|LOOKED|APPEARS|APPEARED|SEEMS|SEEMED LIKE",
        "WHAT APPEARS|APPEARED|SEEMS|SEEMED TO BE",
    ),
    trigger(
        "uncertain_post",
        "uncertain_post",
        "?",
        "NOT CONFIRMED|VERIFIED",
        "UNDETERMINED",
    ),
    trigger(
        "history",
        "history",
        "HISTORY",
        "HISTORY OF",
        "HAS A HISTORY OF",
        "PRIOR",
        "PRIOR HISTORY OF",
        "PRIORS FOR",
        "PREVIOUS",
        "PREVIOUSLY",
        "PAST HISTORY",
        "IN THE PAST",
        "FORMER",
        "FORMERLY",
        "USED TO",
        "ONCE",
        "BACKGROUND OF",
        "KNOWN TO BE|GET|HAVE",
        "HAS BEEN KNOWN TO",
        "CAN BE|GET",
        "GETS",
        "TENDS TO",
        "SOMETIMES",
        "USUALLY",
        "RECORD OF",
        "DIAGNOSED WITH",
        "STATUS POST",
        "RECOVERING FROM",
        "RECOVERED FROM",
        "YEARS AGO",
        "YEAR AGO",
        # A record: "A RECORD FOR ASSAULT", "ARRESTED FOR DV LAST YEAR", "DID TIME FOR".
        "RECORD|ARRESTS|ARREST|CONVICTION|CONVICTIONS|CHARGES|WARRANTS|PRIORS FOR",
        "ARRESTED|CONVICTED|CHARGED|JAILED|SENTENCED|INCARCERATED|BOOKED FOR",
        # "ARRESTED IN 2021 FOR PULLING A KNIFE".
        "ARRESTED|CONVICTED|CHARGED|JAILED|SENTENCED|INCARCERATED|BOOKED|CITED BACK? IN"
        f" {_YEARS} FOR",
        "LOCKED UP FOR",
        "CONVICTED|CHARGED|CITED OF|WITH",
        "DID|DOING|SERVED TIME FOR",
        "ON PROBATION|PAROLE FOR",
        "WENT TO JAIL|PRISON FOR",
        "OUT OF JAIL|PRISON FOR",
    ),
    # "THE LAST TIME HE STOPPED DRINKING HE HAD A SEIZURE": all of it then, not now.
    trigger(
        "history_clause",
        "history_clause",
        "LAST TIME",
        "THE LAST TIME",
        "THE TIME BEFORE",
        "LAST TIME THIS|IT HAPPENED",
        # A time well back, then what happened ("RECOGNIZES HIM FROM LAST MONTH WHEN HE PULLED A
        # KNIFE ON THE DOORMAN"); not "5 MIN AGO WHEN", which is now.
        "LAST MONTH|YEAR|SPRING|SUMMER|FALL|AUTUMN|WINTER|SEMESTER|CHRISTMAS|THANKSGIVING WHEN",
    ),
    trigger(
        "past_time",
        "past_time",
        "EARLIER",
        "EARLIER TODAY|TONIGHT",
        "YESTERDAY",
        "LAST NIGHT|WEEK|MONTH|YEAR|WEEKEND",
        # A weekday gone ("LAST TUES A REGULAR FLASHED A KNIFE AT STAFF").
        f"LAST {WEEKDAYS}",
        # A weekday's part ("RAPED AT AN OFF CAMPUS PARTY SAT NIGHT").
        f"{WEEKDAYS} NIGHT|MORNING|AFTERNOON|EVENING",
        f"IN|DURING {'|'.join(sorted(PAST_YEARS))}",
        f"IN|DURING {MONTHS}",
        "OVER THE WEEKEND|HOLIDAY|HOLIDAYS",
        # The seasons and holidays ("LAST SUMMER HE POINTED A PELLET RIFLE AT HER DOG", "WROTE
        # IN A JOURNAL LAST SPRING").
        "LAST SPRING|SUMMER|FALL|AUTUMN|WINTER|SEMESTER|CHRISTMAS|THANKSGIVING|HALLOWEEN|EASTER",
        "AGO",
        "THIS MORNING",
        "BEFORE RP CALLED",
        "REPORT",
        "AFTER THE FACT",
        "OCCURRED",
        "LEFT THE AREA|SCENE",
        "GONE ON ARRIVAL",
        "NO LONGER ON SCENE",
        "SUSPECT LEFT",
    ),
    trigger(
        "present_time",
        "present_time",
        "NOW",
        "RIGHT NOW",
        "CURRENTLY",
        "STILL",
        "JUST",
        "IN PROGRESS",
        "ONGOING",
        "ACTIVELY",
        "AT THIS TIME",
        "AS WE SPEAK",
        "ON SCENE",
        "OCCURRING NOW",
        # A span that reaches now, not a time back: "HOLDING A KNIFE TO HIS WRIST SINCE
        # YESTERDAY", "DEPRESSED FOR THE LAST YEAR".
        "SINCE|UNTIL|TILL YESTERDAY|EARLIER|THIS MORNING",
        "SINCE|UNTIL|TILL LAST NIGHT|WEEK|MONTH|YEAR|WEEKEND",
        f"SINCE|UNTIL|TILL LAST? {WEEKDAYS}",
        "SINCE|UNTIL|TILL LAST SPRING|SUMMER|FALL|AUTUMN|WINTER|SEMESTER|CHRISTMAS|THANKSGIVING"
        "|HALLOWEEN|EASTER",
        "FOR|OVER|DURING|THROUGHOUT|ALL THE LAST|PAST @COUNT? YEAR|YEARS|MONTH|MONTHS|WEEK|WEEKS"
        "|DAYS|HOURS|NIGHT",
        "FOR|OVER|DURING|THROUGHOUT|ALL THE LAST|PAST 2|3|4|FEW|COUPLE|SEVERAL YEARS|MONTHS|WEEKS"
        "|DAYS|HOURS",
    ),
    # A belief ("THINKS SOMEONE IS BREAKING IN") makes an exclusion uncertain, not a need:
    # "RP THINKS SUBJ IS OFF HIS MEDS" is how hidden behavioral-health calls are reported.
    trigger(
        "belief",
        "belief",
        "THINKS",
        "BELIEVES",
        "CONVINCED",
        "IMAGINES",
        "CLAIMS",
        "FEELS LIKE",
        "PARANOID THAT",
    ),
    trigger(
        "terminator",
        "terminator",
        "BUT",
        "HOWEVER",
        "ALTHOUGH",
        "THOUGH",
        "EXCEPT",
        "WHICH",
        "WHO",
        "WHILE",
        "AND NOW",
        "AS OF NOW",
        "INSTEAD",
        "APART FROM",
        # "A DRIVER SAID NO AND YELLED HE'D KICK HER ASS": a new act, a new scope.
        "AND THEN",
        "SAID|SAYS|STATED NO AND|THEN|SO",
        # A refusal, then a new sentence typed without its period ("CUSSING AT PEOPLE WHO SAY
        # NO CARRIES A KNIFE ON HIS HIP"): a verb or a subject after the NO says it was an
        # answer, not a denial. With the period, "NO." ends the sentence (text.py).
        "SAY|SAYS|SAID|SAYING|TELL|TELLS|TOLD|TELLING|ANSWER|ANSWERS|ANSWERED|REPLIED|REPLIES"
        " @PERSON? NO HAS|HAD|CARRIES|CARRYING|CARRIED|HOLDING|HOLDS|HELD|KEEPS|WEARING|GOT|IS"
        "|WAS|HE|SHE|THEY|SUBJECT|MALE|FEMALE",
        "TOLD @PERSON NO AND|THEN|SO",
        # Told no, then acting ("WHEN TOLD NO HE FIRED A FLARE GUN AT THE ATTENDANT", "AFTER
        # BEING TOLD NO SHE THREW A CHAIR"): the refusal negates nothing.
        "WHEN|AFTER|ONCE|WAS|GOT|BEING|GETTING TOLD NO",
        "WHEN|AFTER|ONCE @PRONOUN|@PERSON TOLD @PERSON NO",
        # "PUNCHED HIM WHEN HE SAID NO": a new clause, whatever the comma.
        "WHEN",
        "BECAUSE",
    ),
)

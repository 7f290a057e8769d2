"""Misspellings: a word the lexicon does not know, one typing slip from one it does.

Bounded Damerau-Levenshtein distance (jellyfish, compiled): one slip (a letter added, dropped,
changed or two swapped) for words of 5 to 8 letters, two from 9 letters on, with the first
letter kept, since typists rarely get that wrong and it keeps "STEEP" from reading as "SLEEP".
Only words that are not lexicon words, not abbreviations and not in `COMMON_WORDS` are tried;
an answer is cached per word, so a long queue pays for each new spelling once. A correction
is kept in the evidence (`read_as`): "SUICIDLE" read as "SUICIDE".
"""

from __future__ import annotations

from collections.abc import Iterable

import jellyfish

# Full forms for lexicon words written as prefixes (HALLUCINAT*) or kept out of phrases.
EXTRA_TARGETS = (
    "HALLUCINATING",
    "HALLUCINATIONS",
    "HALLUCINATION",
    "DELUSIONAL",
    "DELUSIONS",
    "PANHANDLING",
    "ADDICTED",
    "ADDICTION",
    "KIDNAPPED",
    "KIDNAPPING",
    "DISSOCIATING",
    "DISSOCIATIVE",
    "BRANDISHING",
    "BRANDISHED",
    "RELAPSED",
    "ANAPHYLAXIS",
    "HYPOTHERMIA",
    "INCOHERENT",
    "MOLESTED",
    "ABDUCTED",
)

# Real words near a lexicon word: never "corrected". Words common in CAD notes and English
# that sit one slip from a target (found by checking a list of common words against the
# lexicon, see the README), plus place and business words.
COMMON_WORDS = frozenset(
    """
    ABOUT ABOVE ACROSS ACTION ACTUALLY ADDRESS ADULT AFTER AGAIN AGAINST AGENT AHEAD ALARM
    ALLEY ALONE ALONG ALREADY ALWAYS ANGRY ANIMAL ANOTHER ANSWER ANYONE APPEAR ARGUE ARGUING
    ARGUMENT ARMED ARMS AROUND ARREST ARRIVE ASKED ASKING ASSIST AVENUE AWARE BABY BACKPACK
    BACKYARD BAGS BANGING BARKING BASED BATHROOM BEACH BECAUSE BEDROOM BEFORE BEGIN BEHIND
    BEING BELOW BESIDE BETTER BETWEEN BICYCLE BLACK BLANKET BLOCK BLOCKING BLOOD BLUE BOARD
    BORDER BOTTLE BOTTLES BREAK BREAKING BRIDGE BRING BROKE BROKEN BROTHER BROWN BUILDING
    BUSINESS CALLED CALLER CALLING CALLS CALM CAMERA CANCEL CAREFUL CARRY CARRYING CASE
    CATCH CAUSE CENTER CHAIR CHANCE CHANGE CHARGE CHECK CHILD CHILDREN CHURCH CITED CITY
    CLAIM CLEAR CLOSE CLOSED CLOTHES CLOTHING COMING COMPLAINT CONTACT CORNER COUNTY COUPLE
    COURSE COURT COVER CRASH CROSS CURB CUSTOMER CUSTOMERS DAMAGE DAUGHTER DEALT DESCRIBED
    DESK DETAIL DINER DOING DOORS DOWNTOWN DRIVE DRIVER DRIVING DROVE DRESS DROPPED EARLY
    EIGHT ELDER EMPLOYEE ENTER ENTIRE EVENT EVERY EXACT FAMILY FATHER FEMALE FENCE FIELD
    FIGHTS FLOOR FOLLOW FOUND FRIEND FRONT FUTURE GARAGE GATHER GENERAL GIRLFRIEND GLASS
    GREEN GROCERY GROUND GROUP GUARD HANDS HAPPEN HAPPY HEARD HEART HOLDING HOTEL HOURS
    HOUSE HUSBAND INSIDE ISSUE ITEMS JACKET JEANS KITCHEN KNOCK KNOCKING KNOWN LARGE LATER
    LEAVE LEAVING LEFT LEVEL LIGHT LIGHTS LISTEN LITTLE LIVES LIVING LOBBY LOCAL LOCATED
    LOOKED LOOKING LOUD MAJOR MALE MANAGER MARKET MATTER MAYBE MEDICAL MEETING MIDDLE MINOR
    MINUTE MINUTES MISSING MONEY MONTH MOTEL MOTHER MOVED MOVING MUSIC NEARBY NEEDED NEEDS
    NEIGHBOR NEIGHBORS NEPHEW NEVER NIECE NIGHT NOISE NORTH NOTHING NUMBER OFFICE OFFICER
    OFFICERS OTHER OUTSIDE OWNER PACKAGE PAINT PANTS PAPER PARENT PARENTS PARKED PARKING
    PARTNER PARTY PASSED PASSING PATIENT PEOPLE PERSON PHONE PICKUP PLACE PLAYING PLEASE
    POINT POLICE PORCH PRIOR PROBLEM PROPERTY PUBLIC QUIET RADIO REACH READY REASON RECENT
    REFUSE REFUSED RELEASE REPEAT REPORT REPORTED REQUEST RESIDENT RETURN RETURNED RIGHT
    RIVER ROOMMATE SAFETY SCENE SCHOOL SCREAM SCREAMING SECURITY SEVEN SHIRT SHOES SHORTS
    SHOULD SIGNAL SINCE SISTER SITTING SLEEP SLEEPS SLOWLY SMALL SMELL SOUND SOUTH SPEAK
    SPEED STAFF STAIRS STAND STANDING START STARTED STATE STATES STATION STAYED STEAL STILL
    STOLE STOLEN STORE STREET STREETS STUDENT SUBJECT SUBJECTS SUSPECT SWEATER TAKEN TALKED
    TEENAGER TELLING THERE THING THINGS THINK THOSE THREE THROUGH TIRED TODAY TONIGHT
    TOWARDS TRAFFIC TRAIN TRASH TRYING UNCLE UNDER UNITS UNTIL UPSET USUAL VACANT VALLEY
    VEHICLE VEHICLES VERBAL VISIT VOICE WAITING WALKED WALKING WANTED WATCH WATER WEARING
    WEEKS WHITE WINDOW WINDOWS WITNESS WOMAN WORKING WORRY WRITTEN YARD YEARS YELLED YELLING
    YOUNG SHAKING SHOOK STATED SINGING RANTING PANTING BEATING BREATHE BREATH ASSISTING
    PASSES CURSING CUSSING HEARING SEEING THREW THROWN THROWING PEERING STEERING SLEEPY
    SLEPT STEEP ACCORDING BELIEVE DIFFERENCE DIFFICULT MANAGE NEWSPAPER PAINTING PEACE PLANT
    PRODUCTION SHARE SPORT SPRING STATEMENT STOCK STUFF THESE TOUGH TOWARD TREAT WHOSE WORLD
    WRITE POINTED PRINTING PAINTED HOLIDAY STAKE STARE SMASH SMASHED SMASHING CLASH STASH
    SLAMMED SLAMMING KNOCKED HANGED HUNGRY RACING SHOPS STAGING LITTERING CHECKS CRIMES
    LITTER RAPPING TAPING ROPING SHIPS SPOTS POWER POKE
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
# Words of the lexicon's phrases that carry no meaning of their own: never a correction.
NOT_TARGETS = frozenset(
    """
    ABOUT AGAIN AGAINST AROUND COULD EVERY OTHER OTHERS THERE THESE THOSE WHOLE WOULD SHOULD
    PLACE STAFF STORE TOWARDS WROTE WHERE WHICH WHILE PEOPLE THING THINGS STATES STATED SAYS
    """.split()  # noqa: SIM905 (a word list reads best as words)
)


class SpellingReader:
    def __init__(
        self,
        targets: Iterable[str],
        known: Iterable[str],
        *,
        min_length: int = 5,
        long_length: int = 9,
        enabled: bool = True,
    ) -> None:
        self.enabled = enabled
        self.min_length = min_length
        self.long_length = long_length
        self.known = set(known) | COMMON_WORDS
        self.buckets: dict[str, list[str]] = {}
        for word in sorted((set(targets) | set(EXTRA_TARGETS)) - NOT_TARGETS):
            if len(word) >= min_length and word.isalpha():
                self.buckets.setdefault(word[0], []).append(word)
                self.known.add(word)
        self.cache: dict[str, str | None] = {}

    def __call__(self, word: str) -> str | None:
        """The lexicon word this one is a slip of, or None."""
        if not self.enabled or len(word) < self.min_length:
            return None
        try:
            return self.cache[word]
        except KeyError:
            pass
        answer = None if word in self.known else self._nearest(word)
        if len(self.cache) > 50_000:  # bounded: free text has no end of new words
            self.cache.clear()
        self.cache[word] = answer
        return answer

    def _nearest(self, word: str) -> str | None:
        """The closest target; between equally close ones, the most similar by Jaro-Winkler
        (which weighs the shared beginning and end): BREAHING is BREATHING, not BREAKING."""
        limit = 1 if len(word) < self.long_length else 2
        # A five-letter word may only have a letter changed or two swapped: a letter more or
        # less turns too many short words into others (TREAT, THREAT).
        stretch = 0 if len(word) <= self.min_length else limit
        best: tuple[int, float, str] | None = None
        for target in self.buckets.get(word[0], ()):
            if abs(len(target) - len(word)) > stretch:
                continue
            distance = jellyfish.damerau_levenshtein_distance(word, target)
            if distance > limit:
                continue
            key = (distance, -jellyfish.jaro_winkler_similarity(word, target), target)
            if best is None or key < best:
                best = key
        return None if best is None else best[2]

"""From scoped findings to the decision: the Definition of issue 7, in code.

A call is a diversion candidate when its type or notes show a behavioral-health,
substance-use, homelessness or quality-of-life need (`score >= thresholds.candidate`) and none
of these is present: a weapon threatened or used, violence in progress, a life-threatening
medical emergency, a crime in progress against a person. A weapon present but not threatened
(or not known), past violence or verbal threats alone leave it a candidate, with the exclusion
listed, for co-response.

Severity rules, applied to each exclusion finding:
- a tense follows the clause's time words: FIGHTING + EARLIER is past, PUNCHED + JUST is now;
- history makes it past (a weapon stays "present": a weapon history matters to responders,
  and it is listed; a past medical emergency is not listed at all);
- uncertainty makes violence and crime "possible" (listed, not blocking) and a weapon object
  "possible"; an uncertain life-threatening medical emergency still blocks (EMS first), and so
  does an uncertain weapon threat;
- a weapon object and a weapon action in the same sentence make the weapon "threatened"
  ("SUBJ W/ KNIFE THREATENING"), unless the action is negated ("NOT THREATENING");
- a harm intent whose act needs a weapon ("GOING TO CUT HIMSELF") threatens a weapon named
  anywhere in the call ("HE TOOK A BOX CUTTER IN THERE"), not only in its sentence;
- a protective order and the restrained person here now ("ON HER PORCH RIGHT NOW") in one call
  make the order violated now: a crime in progress;
- a denial now beats a history of the same need ("HX OF SI, DENIES SI"), not of violence or
  crime ("HX OF ASSAULT, NOTHING PHYSICAL TODAY" still lists the past violence);
- a reassurance anywhere in the call (BREATHING, CONSCIOUS, AWAKE) lifts the "possible"
  medical findings (PASSED OUT, UNK IF BREATHING), never a definite one (UNRESPONSIVE);
  BREATHING alone does not lift a finding that the person does not respond ("BREATHING BUT
  NOT RESPONDING" is unresponsive).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from crisisdesk.review.flagger.model import (
    BLOCKING_SEVERITIES,
    CATEGORY_PRECEDENCE,
    EXCLUSIONS,
    SEVERITIES,
    Evidence,
    FlagResult,
    Span,
    Status,
)
from crisisdesk.review.flagger.patterns import Match
from crisisdesk.review.flagger.scopes import Scoped
from crisisdesk.review.flagger.triggers import MONTHS, PAST_YEARS, WEEKDAYS


@dataclass(frozen=True, slots=True)
class Decision:
    candidate_threshold: float
    category_threshold: float
    uncertain_factor: float
    historical_factor: float


@dataclass(slots=True)
class CodeFinding:
    """What the call-type code map says about this call's code."""

    code: str
    span: Span
    category: str
    weight: float
    exclusions: dict[str, str] = field(default_factory=dict)


SpanOf = Callable[[Match], tuple[Span, ...]]
ReadAs = Callable[[Match], tuple[tuple[str, str], ...]]


def decide(
    scoped: Sequence[Scoped],
    code: CodeFinding | None,
    *,
    sentence_of: Callable[[Match], int],
    words_of: Callable[[Match], str],
    span_of: SpanOf,
    read_as: ReadAs,
    rules: Decision,
    config_label: str,
) -> FlagResult:
    evidence: list[Evidence] = []
    reasons: list[str] = []
    # One entry per concept and wording: "DRUNK ... DRUNK" counts once, "SITTING ON CURB" and
    # "CRYING" (one concept, two signs) count twice.
    best_need: dict[str, tuple[str, float]] = {}  # concept|words -> (category, weight)
    denied_now = {
        item.concept.id
        for item in scoped
        if item.status() == "negated" and not item.historical and item.concept.negated_need is None
    }

    vented = _vented(scoped)  # "I CANT DO THIS ANYMORE" ... "DENIES SI, WAS VENTING"
    reassurances: list[Scoped] = []
    breathing: list[Scoped] = []  # "BREATHING" alone: not "NOT RESPONDING"
    clearances: list[Scoped] = []  # "EMS CLEARED HER"
    lifters: dict[str, list[Scoped]] = {}  # look-alikes: FIREWORKS, guns kept elsewhere
    conditions: dict[str, list[Scoped]] = {}  # a diabetic, a head strike, a ligature
    for item in scoped:
        concept, status = item.concept, item.status()
        if concept.risk and status != "negated" and id(item) not in vented:
            conditions.setdefault(concept.risk, []).append(item)
        if status != "present":
            continue
        if concept.reassures:
            reassurances.append(item)
        if concept.reassures_breathing:
            breathing.append(item)
        if concept.clears:
            clearances.append(item)
        for lift in concept.lifts.split():
            lifters.setdefault(lift, []).append(item)
    # "DV" or "ROB" as the call type, the notes a report of it ("LAST MONTH", "FROM YESTERDAY").
    departed = "departed" in lifters
    told_past = _told_as_past(scoped, span_of, words_of, departed=departed)
    # "WEAPONS CALL" for a NERF gun, "SHOTS FIRED" for fireworks seen: explained by the notes.
    explained = _explained_call_type(scoped, span_of, lifters, sentence_of)
    bound_actions, threat_actions, threatening = _bind_weapons(scoped, sentence_of)
    notes_weapon_threat = bool(bound_actions) or threatening
    if code is not None:
        if code.weight > 0 and code.category != "none":
            best_need[f"call_type:{code.code}"] = (code.category, code.weight)
            evidence.append(
                Evidence(
                    f"call_type:{code.code}",
                    "need",
                    "present",
                    (code.span,),
                    category=code.category,
                    weight=code.weight,
                )
            )
        for name, severity in code.exclusions.items():
            note = ""
            shown: Status = "present"
            if severity == "in_progress" and name in told_past:
                severity, note = "past", "the notes tell it as past"
            if name in explained:
                shown, note = "negated", "explained by the call"
            elif name == "violence" and severity == "verbal" and notes_weapon_threat:
                # "TARASOFF ... SAID HE WOULD SHOOT HIS EX-WIFE": the threat is the weapon's.
                shown, note = "negated", "a threat with a weapon: see weapon"
            blocks = shown == "present" and (name, severity) in BLOCKING_SEVERITIES
            evidence.append(
                Evidence(
                    f"call_type:{code.code}",
                    "exclusion",
                    shown,
                    (code.span,),
                    exclusion=name,
                    severity=severity,
                    blocks=blocks,
                    note=note,
                )
            )

    paired = _paired_signs(scoped, conditions) if conditions else []
    signs = {id(sign) for sign, _ in paired}
    order_now = _order_violated(scoped)
    accidental = any(item.concept.accidental and item.status() != "negated" for item in scoped)
    denied_type = _denied_call_type(scoped, span_of)
    animal_said = _animal_needs(scoped, span_of, sentence_of)
    # A threat to do what a weapon does, in a call where a weapon is threatened, is the
    # weapon's ("WITH A BASEBALL BAT ... YELLING HE'S GONNA BASH RP'S HEAD IN"); a threat to
    # beat someone up is still its own.
    weapon_threat = (
        bool(bound_actions)
        or threatening
        or any(
            name == "weapon" and severity == "threatened" and name not in explained
            for name, severity in (code.exclusions if code else {}).items()
        )
    )

    for item in scoped:
        concept = item.concept
        status = item.status()
        spans = span_of(item.match)
        triggers = tuple(span for trigger in item.trigger_matches() for span in span_of(trigger))
        typed = read_as(item.match)
        key = f"{concept.id}|{words_of(item.match)}"
        if (
            status == "historical"
            and concept.id in denied_now
            and not any(e.target in ("violence", "crime", "weapon") for e in concept.effects)
        ):
            # "HX OF SI, DENIES SI NOW": the denial of the present wins over the history (of a
            # need: "HX OF ASSAULT, NOTHING PHYSICAL TODAY" is still past violence).
            status = "negated"
        if not concept.effects and not concept.negated_need:
            if concept.note and not concept.weapon_action:
                evidence.append(
                    Evidence(concept.id, "context", status, spans, note=concept.note, read_as=typed)
                )
            continue
        if id(item) in vented:
            status = "negated"  # exasperation the person then explains: no wish to die
        if id(item) in denied_type:
            # A callback: the call type says SUICIDE, the notes now deny it ("NOW STATES SHE IS
            # NOT SUICIDAL"), and nothing in the notes shows it.
            status = "negated"
        if concept.negated_need is not None and status == "negated":
            effect = concept.negated_need
            _keep_need(best_need, key, effect.target, effect.weight)
            evidence.append(
                Evidence(
                    concept.id,
                    "need",
                    "negated",
                    spans,
                    category=effect.target,
                    weight=effect.weight,
                    triggers=triggers,
                    read_as=typed,
                    note=concept.note,
                )
            )
            continue
        # Told a day or more back ("THREW A CHAIR AT HER YESTERDAY"), read once per finding.
        back = _how_far_back(item.match, words_of) if item.time_kind == "past_time" else ""
        days_back, years_back = bool(back), back == "years"
        for effect in concept.effects:
            if effect.kind == "need" and accidental and concept.id in _ACCIDENT_NEEDS:
                continue  # a child's poisoning is no need
            if effect.kind == "need" and id(item) in animal_said:
                continue  # "COW LOOSE ON CR 12, ACTING CRAZY": the animal's
            if effect.kind == "need" and id(item) in signs and effect.target == "mental_health":
                continue  # "BANGED HER HEAD ... MAKES NO SENSE": the injury's, not the mind's
            if effect.kind == "need":
                weight = effect.weight * _factor(status, rules, concept.lasting)
                if weight > 0:
                    _keep_need(best_need, key, effect.target, weight)
                evidence.append(
                    Evidence(
                        concept.id,
                        "need",
                        status,
                        spans,
                        category=effect.target,
                        weight=weight,
                        triggers=triggers,
                        read_as=typed,
                    )
                )
                continue
            severity, shown_status, note = _severity(
                item,
                effect.target,
                effect.severity,
                status,
                # A weapon used and the one who used it gone ("EARLIER TODAY A COWORKER PULLED A
                # KNIFE ON HER ..., COWORKER WENT HOME"): told as past, as a day back is.
                # Minutes ago ("AT KNIFEPOINT 5 MIN AGO, SUSPS FLED") is still going on.
                days_back=days_back
                or (
                    departed
                    and concept.tense == "past"
                    and _MINUTES.isdisjoint(_near(item.match, words_of, (",", ".")))
                ),
                years_back=years_back,
            )
            if (
                severity == "in_progress"
                and effect.target in told_past
                and _in_call_type(item, span_of)
            ):
                severity, note = "past", "the notes tell it as past"
            if concept.protective_order and order_now and shown_status == "present":
                severity = "in_progress"
                note = "the restrained person is here now: " + ", ".join(
                    span.text for presence in order_now for span in span_of(presence)
                )
            extra_spans: tuple[Span, ...] = ()
            if concept.weapon and shown_status in ("present", "uncertain"):
                actions = bound_actions.get(id(item), [])
                if actions:
                    severity = "threatened"
                    extra_spans = tuple(span for action in actions for span in span_of(action))
                    note = "threatened: " + ", ".join(span.text for span in extra_spans)
                    if days_back and not any(
                        words_of(action).split()[0].endswith("ING") for action in actions
                    ):
                        # "STRUCK WITH A BAT 2 DAYS AGO": used then, listed, not blocking now
                        # ("CUTTING HER ARM ON A VIDEO POSTED 10 MIN AGO" goes on, and so does
                        # "POINTED A GUN AT HER 5 MIN AGO").
                        severity, note = "present", note + " (in the past)"
            if effect.target == "violence" and (
                id(item) in threat_actions
                or weapon_threat
                and concept.weapon_action
                and effect.severity == "verbal"
                and (
                    not _INSTRUMENT_VERBS.isdisjoint(words_of(item.match).split())
                    # A call type of THREATS names the threat the notes make with the weapon.
                    or _in_call_type(item, span_of)
                )
            ):
                # A threat made with a weapon is reported as the weapon (labels do the same).
                shown_status, note = "negated", "a threat with a weapon: see weapon"
            if concept.reassurable and shown_status != "negated":
                lifting = reassurances or (
                    breathing
                    if breathing and _NO_RESPONSE.isdisjoint(words_of(item.match).split())
                    else []
                )
                if lifting:
                    shown_status = "negated"
                    triggers = tuple(s for r in lifting for s in span_of(r.match))
                    note = "lifted by a reassurance"
            if clearances and effect.target == "medical" and shown_status != "negated":
                # "OD'D AT NOON ... EMS CLEARED HER": what was said before the clearance. A
                # clearance told as past ("CLEARED BY MEDICS YESTERDAY") clears only what is
                # told as past too, not "NOT BREATHING" now.
                cleared = [
                    c
                    for c in clearances
                    if c.match.start > item.match.start
                    and (c.time_kind != "past_time" or item.time_kind == "past_time")
                ]
                if cleared:
                    shown_status = "negated"
                    triggers = tuple(s for c in cleared for s in span_of(c.match))
                    note = "cleared"
            if (
                effect.target in explained
                and shown_status in ("present", "uncertain")
                and _in_call_type(item, span_of)
            ):
                shown_status, note = "negated", "explained by the call"
            if lifters and shown_status in ("present", "uncertain"):
                lift = concept.lifted_by or (
                    _kind_of_weapon(words_of(item.match).split(), lifters)
                    if concept.weapon and severity != "threatened"
                    else ""
                )
                if not lift and concept.weapon and "mistaken" in lifters:
                    lift = "mistaken"  # "... A HANDGUN AT HIM, TURNED OUT TO BE A CELL PHONE"
                if (
                    concept.weapon
                    and shown_status == "uncertain"
                    and "corrected" in lifters
                    and lift not in lifters
                ):
                    # "HOLDING WHAT RP THINKS IS A GUN ... UNIT CONFIRMS HAIR DRYER": a weapon
                    # only feared is lifted by a later entry that names the thing; a weapon
                    # named as seen is not.
                    lift = "corrected"
                found = [
                    lifter
                    for lifter in lifters.get(lift, ())
                    if not lifter.concept.lift_sentence
                    or sentence_of(lifter.match) == sentence_of(item.match)
                ]
                if found:
                    # "FIRECRACKERS ... SOUNDS LIKE GUNFIRE"; "WANTS HIS SHOTGUN ... ALL HIS
                    # GUNS ARE AT HIS SON'S": the look-alike named in the call explains it.
                    shown_status = "negated"
                    triggers = tuple(s for lifter in found for s in span_of(lifter.match))
                    note = "explained by the call"
            blocks = shown_status in ("present", "uncertain") and (
                (effect.target, severity) in BLOCKING_SEVERITIES
            )
            evidence.append(
                Evidence(
                    concept.id,
                    "exclusion",
                    shown_status,
                    spans + extra_spans,
                    exclusion=effect.target,
                    severity=severity,
                    blocks=blocks,
                    triggers=triggers,
                    read_as=typed,
                    note=note,
                )
            )

    for sign, causes in paired:
        spans = span_of(sign.match) + tuple(
            span for found in causes for span in span_of(found.match)
        )
        evidence.append(
            Evidence(
                sign.concept.id,
                "exclusion",
                "uncertain" if sign.status() == "uncertain" else "present",
                spans,
                exclusion="medical",
                severity="life_threatening",
                blocks=True,
                note="a sign of an emergency with "
                + ", ".join(span.text for found in causes for span in span_of(found.match)),
            )
        )

    evidence.extend(_threatened_with_an_instrument(evidence))
    return _result(evidence, best_need, rules, reasons, config_label)


def _threatened_with_an_instrument(evidence: list[Evidence]) -> list[Evidence]:
    """A threat to shoot or stab is a weapon, in whatever words it came ("TOLD COWORKERS HE IS
    GOING TO SHOOT ..."): where no weapon was found, a verbal threat whose words say one lists
    it (co-response; the weapon phrases decide whether it blocks)."""
    if any(item.exclusion == "weapon" for item in evidence):
        return []
    for item in evidence:
        if (
            item.exclusion == "violence"
            and item.severity == "verbal"
            and item.status in ("present", "uncertain")
            and not _SHOOT_OR_STAB.isdisjoint(
                word.strip(_PUNCTUATION)
                for span in item.spans
                for word in span.text.upper().split()
            )
        ):
            return [
                Evidence(
                    item.concept,
                    "exclusion",
                    item.status,
                    item.spans,
                    exclusion="weapon",
                    severity="present",
                    note="a threat to shoot or stab names a weapon",
                )
            ]
    return []


_PUNCTUATION = "'\".,;:!?()"
# Verbs that need a weapon whatever they are said of (CUT may be hair, BASH a party).
_SHOOT_OR_STAB = frozenset({"SHOOT", "STAB", "SHANK", "SLASH", "SLIT", "BLAST"})


# The words of a firearm: a gun named where the call says the guns are kept elsewhere is
# lifted (see `lifts`), a knife named there is not.
_FIREARMS = frozenset(
    {"GUN", "GUNS", "RIFLE", "RIFLES", "SHOTGUN", "SHOTGUNS", "PISTOL", "PISTOLS", "HANDGUN",
     "HANDGUNS", "FIREARM", "FIREARMS", "REVOLVER", "GLOCK", "AMMO", "AMMUNITION"}
)  # fmt: skip
# Tools with a trade: one named where the call says the work it was doing ("A MAN W/ A
# CHAINSAW ... HIS TREE TRIMMER, TAKING DOWN A DEAD PINE") is lifted unless it was threatened
# with (see `_kind_of_weapon`); a knife or a gun is not.
_WORK_TOOLS = frozenset(
    {"MACHETE", "MACHETES", "CHAINSAW", "CHAINSAWS", "SAW", "CLEAVER", "CLEAVERS", "SHOVEL",
     "SHOVELS", "AXE", "AXES", "HATCHET", "SLEDGEHAMMER", "PICKAXE", "PITCHFORK", "SICKLE",
     "SCYTHE"}
)  # fmt: skip


def _kind_of_weapon(words: list[str], lifters: dict[str, list[Scoped]]) -> str:
    """The lifter that can explain a weapon held but not threatened with, by what it is: a
    firearm ("ALL HIS GUNS ARE AT HIS SON'S"), or a tool at its work ("A MACHETE ... CITY
    CONTRACTOR CLEARING BRUSH"); "" for any other."""
    if not _FIREARMS.isdisjoint(words):
        return "firearm"
    if "at_work" in lifters and not _WORK_TOOLS.isdisjoint(words):
        return "at_work"
    return ""


# Words that put a weapon in hand when said holding one, not one kept at home.
_SAID_ONLY = frozenset({"goodbye", "apology"})
# Harm done with something in hand: a threat to do it is made with the call's weapon.
_INSTRUMENT_VERBS = frozenset(
    {"CUT", "STAB", "SHOOT", "SLASH", "SLICE", "BASH", "SHANK", "GUT", "SLIT", "BLAST", "CARVE"}
)
# A finding that the person does not respond: breathing alone does not lift it.
_NO_RESPONSE = frozenset(
    {"RESPONDING", "RESPOND", "RESPONDED", "RESPONSIVE", "RESPONSE", "WAKE", "WAKING", "WAKEN",
     "ROUSE", "ROUSABLE", "AROUSABLE", "ANSWER", "ANSWERING", "TALK"}
)  # fmt: skip
# The needs an accidental poisoning in the call takes away: an ingestion, an overdose, pills.
_ACCIDENT_NEEDS = frozenset(
    {"ingestion", "overdose", "took_something", "medication", "narcan_named",
     "hidden_alcohol_bottle"}
)  # fmt: skip


def _animal_needs(
    scoped: Sequence[Scoped], span_of: SpanOf, sentence_of: Callable[[Match], int]
) -> set[int]:
    """In an animal call, the weak mental-health and welfare signs said of an animal named
    before them in their sentence (ids of the findings)."""
    if not any(item.concept.animal and _in_call_type(item, span_of) for item in scoped):
        return set()
    animals = [
        (sentence_of(item.match), item.match.start)
        for item in scoped
        if item.concept.animal and not _in_call_type(item, span_of)
    ]
    found = set()
    for item in scoped:
        weak = any(
            e.kind == "need" and e.target in ("mental_health", "welfare_check") and e.weight <= 0.6
            for e in item.concept.effects
        )
        if not weak or _in_call_type(item, span_of):
            continue
        sentence = sentence_of(item.match)
        if any(s == sentence and start < item.match.start for s, start in animals):
            found.add(id(item))
    return found


# Exasperation that a later denial of suicidal thoughts explains as venting ("SAYING 'I CANT
# DO THIS ANYMORE' ... CALLBACK, DENIES SI, JUST GOT FIRED").
_VENTING = frozenset({"cant_go_on", "worn_out"})


def _vented(scoped: Sequence[Scoped]) -> set[int]:
    """The ids of the venting findings said before a denial, now, of suicidal thoughts."""
    denials = [
        item.match.start
        for item in scoped
        if item.concept.id == "suicidal" and item.status() == "negated" and not item.historical
    ]
    if not denials:
        return set()
    return {
        id(item)
        for item in scoped
        if item.concept.id in _VENTING
        and item.status() == "present"
        and item.match.start < max(denials)
    }


def _in_call_type(item: Scoped, span_of: SpanOf) -> bool:
    """Whether the finding was read from the call type, not the notes."""
    return span_of(item.match)[0].field != "notes"


# What explains a call type's exclusion when the notes show it no other way: a toy, a thing
# taken for a weapon or fireworks seen (weapon), pain said not to be physical (medical), words
# said in play (violence).
_CALL_TYPE_LIFTS = {
    "weapon": ("toy", "mistaken", "fireworks_seen"),
    "medical": ("not_physical",),
    "violence": ("not_a_threat",),
}


def _explained_call_type(
    scoped: Sequence[Scoped],
    span_of: SpanOf,
    lifters: dict[str, list[Scoped]],
    sentence_of: Callable[[Match], int],
) -> set[str]:
    """The exclusions of the call type that the notes explain away ("WEAPONS CALL ... A NERF
    GUN"), where no finding in the notes shows the exclusion itself."""
    explained = {
        name for name, lifts in _CALL_TYPE_LIFTS.items() if any(lift in lifters for lift in lifts)
    }
    if not explained:
        return explained
    for item in scoped:
        if _in_call_type(item, span_of) or item.status() not in ("present", "uncertain"):
            continue
        if item.concept.lifted_by and item.concept.lifted_by in lifters:
            continue
        if item.concept.weapon and any(
            sentence_of(lifter.match) == sentence_of(item.match)
            for lifter in lifters.get("mistaken", ())
        ):
            continue  # "... A HANDGUN AT HIM, TURNED OUT TO BE A CELL PHONE"
        for effect in item.concept.effects:
            if effect.kind == "exclusion":
                explained.discard(effect.target)
    return explained


def _told_as_past(
    scoped: Sequence[Scoped],
    span_of: SpanOf,
    words_of: Callable[[Match], str],
    *,
    departed: bool = False,
) -> set[str]:
    """Violence and crime the notes tell only as days past, by a time word or as history
    ("PUSHED HER DOWN THE STAIRS LAST MONTH", "ROBBED AT KNIFEPOINT LAST NIGHT"), or in the
    past tense with the one who did it gone ("WAS PUNCHED BY ANOTHER MALE ... SUSP GOA"): a
    call type that names it ("DV", "ROB", "ASSAULT") is then a report, not an act going on.
    Minutes ago with no one gone, or a clause that says now ("WHO ROBBED HER YESTERDAY IS
    BACK NOW"), is not a report."""
    past = False
    for item in scoped:
        if _in_call_type(item, span_of) or item.status() == "negated":
            continue
        if not any(
            e.kind == "exclusion" and e.target in ("violence", "crime")
            for e in item.concept.effects
        ):
            continue
        if (
            item.status() == "historical"
            or (item.time_kind == "past_time" and bool(_how_far_back(item.match, words_of)))
            or (departed and item.concept.tense == "past" and item.time_kind != "present_time")
        ):
            past = True
        else:
            return set()
    return {"violence", "crime"} if past else set()


# "LAST" only before a time: "LAST NIGHT" is days back, "LAST SEEN" is not.
_LAST_TIMES = frozenset(
    {"NIGHT", "WEEK", "WEEKEND", "MONTH", "YEAR", "SUMMER", "WINTER", "SPRING", "FALL",
     *WEEKDAYS.split("|")}
)  # fmt: skip
_DAYS = frozenset(
    {"DAYS", "WEEKS", "MONTHS", "YEARS", "DAY", "WEEK", "MONTH", "YEAR", "WK", "WKS", "MO", "MOS",
     "YR", "YRS"}
)  # fmt: skip
_MONTHS = frozenset(MONTHS.split("|"))
# "SAT NIGHT", "FRIDAY MORNING": a day named, so a day or more back.
_WEEKDAYS = frozenset(WEEKDAYS.split("|"))
_PARTS_OF_DAY = frozenset({"NIGHT", "MORNING", "AFTERNOON", "EVENING"})
_LONG = frozenset({"YEARS", "YEAR", "YRS", "YR", "MONTHS", "MONTH", "MOS", "MO"})
_NOW = frozenset({"NOW", "STILL", "CURRENTLY", "ONGOING"})
_MINUTES = frozenset({"MIN", "MINS", "MINUTE", "MINUTES", "SECONDS", "SECS", "JUST"})
_BACK = frozenset({"BACK", "RETURNED"})


def _after(
    match: Match, words_of: Callable[[Match], str], boundaries: tuple[str, ...] = (".",)
) -> list[str]:
    """The words after a finding, up to twenty, before the first of `boundaries`: by default
    the rest of its sentence, where one who did it is said to be back ("HIT HER YESTERDAY, HE
    IS BACK"; not "CAME BACK W/ STITCHES, SAYS HE WAS HIT ... LAST NIGHT")."""
    after = words_of(Match(match.end, match.end + 20, match.item)).split()
    for boundary in boundaries:
        if boundary in after:
            after = after[: after.index(boundary)]
    return after


def _near(match: Match, words_of: Callable[[Match], str], boundaries: tuple[str, ...]) -> list[str]:
    """The words around a finding, up to twenty each side, within its clause (`","` and
    `"."`) or its sentence (`"."`)."""
    before = words_of(Match(max(match.start - 20, 0), match.start, match.item)).split()
    for boundary in boundaries:
        if boundary in before:
            before = before[len(before) - before[::-1].index(boundary) :]
    return before + _after(match, words_of, boundaries)


def _how_far_back(match: Match, words_of: Callable[[Match], str]) -> Literal["", "days", "years"]:
    """How far back the clause of a finding puts it: "days" for a day or more ("YESTERDAY",
    "2 DAYS AGO", "IN JANUARY", "OVER THE WEEKEND"), "years" for months or years ("IN 2011",
    "3 YEARS AGO", "LAST YEAR"), "" otherwise, and "" where the clause says now or the rest of
    the sentence that the person is back ("HIT HER YESTERDAY, HE IS BACK")."""
    clause = _near(match, words_of, (",", "."))
    if not _NOW.isdisjoint(clause) or not _BACK.isdisjoint(_after(match, words_of)):
        return ""
    back: Literal["", "days", "years"] = "days" if "YESTERDAY" in clause else ""
    for i, word in enumerate(clause):
        following = clause[i + 1] if i + 1 < len(clause) else ""
        previous = clause[i - 1] if i > 0 else ""
        if (
            (word == "AGO" and previous in _LONG)
            or (word == "LAST" and following in ("YEAR", "MONTH"))
            or (word in ("IN", "DURING") and following in PAST_YEARS)
        ):
            return "years"
        if (
            (word == "AGO" and previous in _DAYS)
            or (word == "LAST" and following in _LAST_TIMES)
            or (word in ("IN", "DURING") and following in _MONTHS)
            or (word == "OVER" and clause[i + 1 : i + 3] == ["THE", "WEEKEND"])
            or (word in _WEEKDAYS and following in _PARTS_OF_DAY)
        ):
            back = "days"
    return back


def _denied_call_type(scoped: Sequence[Scoped], span_of: SpanOf) -> set[int]:
    """The call type's needs that the notes deny now and nowhere show (ids of the findings)."""
    in_type: list[Scoped] = []
    denied: set[str] = set()
    shown: set[str] = set()
    for item in scoped:
        needs = [e.target for e in item.concept.effects if e.kind == "need"]
        if not needs:
            continue
        if _in_call_type(item, span_of):
            in_type.append(item)
            continue
        status = item.status()
        if status == "negated" and not item.historical:
            denied.update(needs)
        elif status in ("present", "uncertain"):
            shown.update(needs)
    gone = denied - shown
    return {
        id(item)
        for item in in_type
        if all(e.target in gone for e in item.concept.effects if e.kind == "need")
    }


def _keep_need(
    best: dict[str, tuple[str, float]], concept: str, category: str, weight: float
) -> None:
    known = best.get(concept)
    if known is None or known[1] < weight:
        best[concept] = (category, weight)


def _factor(status: Status, rules: Decision, lasting: bool = False) -> float:
    if status == "present":
        return 1.0
    if status == "uncertain":
        return rules.uncertain_factor
    if status == "historical":
        return 1.0 if lasting else rules.historical_factor
    return 0.0


def _paired_signs(
    scoped: Sequence[Scoped], conditions: dict[str, list[Scoped]]
) -> list[tuple[Scoped, list[Scoped]]]:
    """The signs said in a call with a condition that makes them an emergency ("HE IS
    DIABETIC" ... "SWEATY AND SHAKY ON THE PHONE"), each with its conditions."""
    paired = []
    for item in scoped:
        if item.concept.sign_of and item.status() in ("present", "uncertain"):
            found = [c for risk in item.concept.sign_of for c in conditions.get(risk, ())]
            if found:
                paired.append((item, found))
    return paired


def _severity(
    item: Scoped,
    name: str,
    severity: str,
    status: Status,
    *,
    days_back: bool = True,
    years_back: bool = False,
) -> tuple[str, Status, str]:
    """The severity and the status shown for one exclusion effect, and a note saying why.
    `days_back`: the clause puts the finding a day or more back, `years_back` months or years
    back (see `_how_far_back`)."""
    note = ""
    tense = item.concept.tense
    time = item.time_kind
    if tense == "progressive" and time == "past_time" and severity == "in_progress":
        severity, note = "past", "in the past"
    elif tense == "past" and time == "present_time":
        # "JUST STABBED HIM": violence and crime in progress, a weapon used; a medical
        # emergency keeps its severity. Each exclusion's own scale (SEVERITIES).
        now = {"violence": "in_progress", "crime": "in_progress", "weapon": "threatened"}
        if name in now:
            severity, note = now[name], "happening now"
    if (
        name == "weapon"
        and severity == "threatened"
        and tense
        and time == "past_time"
        and days_back
    ):
        # "THREW A CHAIR AT HER YESTERDAY": a weapon used then is listed, not blocking now;
        # "PULLED A KNIFE ON HIM 5 MIN AGO" is still going on.
        severity, note = "present", "in the past"
    if item.believed and status == "present":
        status, note = "uncertain", "a belief, not confirmed"
    if name == "medical" and years_back and status in ("present", "uncertain"):
        # "HE STABBED SOMEONE IN 2011": the wound is long healed; "TOOK PILLS YESTERDAY" is not.
        status = "historical"
    if status == "historical":
        if name == "medical":
            return severity, "historical", "a past medical event: not listed"
        if name == "weapon":
            return "present", status, "history of a weapon"
        return "past", status, "history"
    if status == "uncertain":
        if name == "weapon" and severity == "present":
            return "possible", status, note or "not known"
        if name in ("violence", "crime") and severity == "in_progress":
            return "possible", status, note or "not confirmed"
    return severity, status, note


def _bind_weapons(
    scoped: Sequence[Scoped], sentence_of: Callable[[Match], int]
) -> tuple[dict[int, list[Match]], set[int], bool]:
    """Weapon objects threatened by an action in their sentence (id(object) -> the actions),
    the ids of the actions that threatened with a weapon, and whether a finding says a weapon
    was threatened by itself ("SHOTS FIRED", "WILL SHOOT UP HIS OLD JOB")."""
    actions_by_sentence: dict[int, list[Scoped]] = {}
    for item in scoped:
        if item.concept.weapon_action and item.status() in ("present", "uncertain"):
            actions_by_sentence.setdefault(sentence_of(item.match), []).append(item)
    # "SAYING HE'S GONNA CUT HIMSELF ... HE TOOK A BOX CUTTER IN THERE": the whole call.
    call_actions = [
        item
        for items in actions_by_sentence.values()
        for item in items
        if item.concept.weapon_action_call
    ]
    bound: dict[int, list[Match]] = {}
    used: set[int] = set()
    threatening = False
    # "PULLED A KNIFE AND TOLD A CUSTOMER HE'D STAB HIM": the threat is made with the weapon.
    for item in scoped:
        if item.status() in ("present", "uncertain") and any(
            e.target == "weapon" and e.severity == "threatened" for e in item.concept.effects
        ):
            threatening = True
            for action in actions_by_sentence.get(sentence_of(item.match), []):
                if action is not item:
                    used.add(id(action))
    for item in scoped:
        if not item.concept.weapon or item.status() not in ("present", "uncertain"):
            continue
        actions = actions_by_sentence.get(sentence_of(item.match), [])
        if item.concept.id == "weapon_kept":  # "TEXTED 'GOODBYE', HAS GUNS IN THE HOUSE"
            actions = [a for a in actions if a.concept.id not in _SAID_ONLY]
        if call_actions and item.status() == "present":
            known = {id(action) for action in actions}
            actions = actions + [a for a in call_actions if id(a) not in known]
        if actions:
            bound[id(item)] = [action.match for action in actions]
            used.update(id(action) for action in actions)
    return bound, used, threatening


def _order_violated(scoped: Sequence[Scoped]) -> list[Match]:
    """The presences that make a protective order of the call violated now ("SHE HAS A
    PROTECTIVE ORDER" and "SITTING IN HIS CAR OUTSIDE HER HOUSE"), or none."""
    if not any(item.concept.protective_order and item.status() == "present" for item in scoped):
        return []
    return [
        item.match
        for item in scoped
        if item.concept.presence and item.status() == "present" and item.time_kind != "past_time"
    ]


def _result(
    evidence: list[Evidence],
    best_need: dict[str, tuple[str, float]],
    rules: Decision,
    reasons: list[str],
    config_label: str,
) -> FlagResult:
    by_category: dict[str, float] = {}
    remaining_all = 1.0
    for category, weight in best_need.values():
        weight = min(weight, 0.999)
        remaining_all *= 1 - weight
        by_category[category] = 1 - (1 - by_category.get(category, 0.0)) * (1 - weight)
    score = 1 - remaining_all
    category = "none"
    if score >= rules.candidate_threshold:
        established = [
            c for c in CATEGORY_PRECEDENCE if by_category.get(c, 0) >= rules.category_threshold
        ]
        category = established[0] if established else max(by_category, key=by_category.__getitem__)

    worst: dict[str, str] = {}
    blocking: set[str] = set()
    for item in evidence:
        if (
            item.kind != "exclusion"
            or item.status in ("negated", "historical")
            and (item.exclusion == "medical" or item.status == "negated")
        ):
            continue
        order = SEVERITIES[item.exclusion]
        if item.exclusion not in worst or order.index(item.severity) > order.index(
            worst[item.exclusion]
        ):
            worst[item.exclusion] = item.severity
        if item.blocks:
            blocking.add(item.exclusion)
    exclusions = tuple(name for name in EXCLUSIONS if name in worst)
    blocked = tuple(name for name in EXCLUSIONS if name in blocking)
    candidate = score >= rules.candidate_threshold and not blocked

    reasons.extend(_reasons(evidence, score, category, candidate, blocked, rules))
    return FlagResult(
        candidate=candidate,
        score=score,
        category=category,
        exclusions=exclusions,
        blocking=blocked,
        category_scores={
            name: by_category[name] for name in CATEGORY_PRECEDENCE if name in by_category
        },
        evidence=tuple(evidence),
        reasons=tuple(reasons),
        config=config_label,
        severities={name: worst[name] for name in exclusions},
    )


def _reasons(
    evidence: list[Evidence],
    score: float,
    category: str,
    candidate: bool,
    blocked: tuple[str, ...],
    rules: Decision,
) -> list[str]:
    needs = [e for e in evidence if e.kind == "need" and e.weight > 0]
    lines = []
    if needs:
        quoted = ", ".join(
            dict.fromkeys(
                f"'{e.spans[0].text}'" + ("" if e.status == "present" else f" ({e.status})")
                for e in needs
            )
        )
        lines.append(
            f"need {score:.2f} ({category if category != 'none' else 'below threshold'}): {quoted}"
        )
    else:
        lines.append("no behavioral-health need found")
    for e in evidence:
        if e.kind != "exclusion" or e.status == "negated":
            continue
        if e.exclusion == "medical" and e.status == "historical":
            continue
        verb = "blocks diversion" if e.blocks else "listed, still a candidate (co-response)"
        text = ", ".join(f"'{span.text}'" for span in e.spans)
        lines.append(f"{e.exclusion} {e.severity}: {text}: {verb}")
    for e in evidence:
        if e.status == "negated" and e.kind in ("exclusion", "need") and e.weight == 0:
            cue = ", ".join(f"'{span.text}'" for span in e.triggers)
            why = f"{e.note or 'negated'}{': ' + cue if cue else ''}"
            lines.append(f"not counted: '{e.spans[0].text}' ({why})")
    if score >= rules.candidate_threshold and blocked:
        lines.append(f"not a candidate: {', '.join(blocked)}")
    elif candidate:
        lines.append("diversion candidate")
    return lines

"""The tally of a survey: per question, per unit and per procedure, in a fixed number of queries
whatever the number of responses."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from plans.models import Department

from .choices import SATISFIED_FROM, SCALE, Channel, QuestionKind
from .models import Survey, SurveyAnswer, SurveyQuestion, SurveyResponse


def share(part: int, whole: int) -> Decimal | None:
    """A percentage with two decimals (as the review's figures), None for nothing to divide."""
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class QuestionTally:
    question: SurveyQuestion
    counts: list[int]  # responses per scale point, 1 to 5
    answered: int = 0
    satisfied: int = 0

    @property
    def satisfied_percent(self) -> Decimal | None:
        return share(self.satisfied, self.answered)

    @property
    def mean(self) -> Decimal | None:
        if not self.answered:
            return None
        total = sum(point * count for point, count in enumerate(self.counts, start=1))
        return (Decimal(total) / self.answered).quantize(Decimal("0.01"), ROUND_HALF_UP)

    @property
    def cells(self) -> list[tuple[int, Decimal | None]]:
        return [(count, share(count, self.answered)) for count in self.counts]


@dataclass
class GroupTally:
    """The responses of one unit or procedure: how many, and the share of their scale answers
    that are satisfied."""

    label: str
    responses: int
    answered: int
    satisfied: int

    @property
    def satisfied_percent(self) -> Decimal | None:
        return share(self.satisfied, self.answered)


@dataclass
class Tally:
    responses: int = 0
    online: int = 0
    paper: int = 0
    questions: list[QuestionTally] = field(default_factory=list)
    units: list[GroupTally] = field(default_factory=list)
    procedures: list[GroupTally] = field(default_factory=list)
    text_questions: list[SurveyQuestion] = field(default_factory=list)
    comments: int = 0

    @property
    def answered(self) -> int:
        return sum(q.answered for q in self.questions)

    @property
    def satisfied(self) -> int:
        return sum(q.satisfied for q in self.questions)

    @property
    def satisfied_percent(self) -> Decimal | None:
        """Of every scale answer, the share "satisfied" or "very satisfied"."""
        return share(self.satisfied, self.answered)

    @property
    def scale(self) -> list:
        return SCALE


def _responses(survey: Survey):
    """Each response with its answers counted, ordered by procedure (as the database sorts
    them): what the channels, the units, the procedures and the comments are summed from — one
    pass over the answers, not one per figure."""
    return (
        SurveyResponse.objects.filter(survey=survey)
        .annotate(
            answered=Count("answers", filter=Q(answers__score__isnull=False)),
            satisfied=Count("answers", filter=Q(answers__score__gte=SATISFIED_FROM)),
            commented=Count("answers", filter=Q(answers__text__gt="")),
        )
        .values_list(
            "channel", "department", "procedure", "answered", "satisfied", "commented", named=True
        )
        .order_by("procedure", "pk")
    )


def _groups(responses: list, by: str, labels: dict, order=None) -> list[GroupTally]:
    """The responses grouped by their field ``by``, in their order, or sorted by ``order``."""
    groups: dict = {}
    for row in responses:
        group = groups.setdefault(getattr(row, by), [0, 0, 0])
        group[0] += 1
        group[1] += row.answered
        group[2] += row.satisfied
    keys = sorted(groups, key=order) if order else groups
    return [GroupTally(labels.get(key, key) or "—", *groups[key]) for key in keys]


def survey_tally(survey: Survey) -> Tally:
    tally = Tally()
    responses = list(_responses(survey))
    tally.responses = len(responses)
    tally.online = sum(1 for row in responses if row.channel == Channel.ONLINE)
    tally.paper = sum(1 for row in responses if row.channel == Channel.PAPER)
    tally.comments = sum(row.commented for row in responses)
    questions = list(survey.questions.all())
    counts = {
        (row["question"], row["score"]): row["n"]
        for row in SurveyAnswer.objects.filter(response__survey=survey, score__isnull=False)
        .values("question", "score")
        .annotate(n=Count("pk"))
        .order_by()
    }
    for question in questions:
        if question.kind == QuestionKind.TEXT:
            tally.text_questions.append(question)
            continue
        row = [counts.get((question.pk, point), 0) for point in range(1, 6)]
        tally.questions.append(
            QuestionTally(question, row, sum(row), sum(row[SATISFIED_FROM - 1 :]))
        )
    units = dict(survey.departments.values_list("pk", "name"))
    used = {row.department for row in responses} - {None}
    if units or used:
        if missing := used - set(units):
            units |= dict(Department.objects.filter(pk__in=missing).values_list("pk", "name"))
        # By unit id, the responses without a unit last (as the database sorted them).
        tally.units = _groups(
            responses, "department", units, order=lambda pk: (pk is None, pk or 0)
        )
    if survey.procedures.strip():
        tally.procedures = _groups(responses, "procedure", {})
    return tally


def comments(survey: Survey):
    """The free-text answers, newest first (the tally page pages through them)."""
    return (
        SurveyAnswer.objects.filter(response__survey=survey)
        .exclude(text="")
        .select_related("question", "response", "response__department")
        .order_by("-response__submitted_on", "-pk")
    )

import datetime
from dataclasses import replace

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from isoplan.concurrency_forms import VersionedFormMixin
from plans.choices import EventKind, OffsetUnit, Responsibility, TaskParty
from plans.models import Organization, Plan, PlanTask
from plans.planning import fulfilment
from plans.planning.chains import linked_task_ids
from plans.planning.services.task import TaskData, UnitRef
from plans.planning.timing import (
    Schedule,
    explain,
    load_calendar,
    manual_mode_of,
    parse_timing,
    schedule_by_hand,
)

SCHEDULE_MODES = [
    ("", _("As read from the timing text")),
    ("dates", _("On given dates")),
    ("monthly", _("Every month")),
    ("quarterly", _("Every quarter")),
    ("semiannual", _("Every six months")),
    ("yearly", _("Once a year, by the end of the year")),
    ("continuous", _("Continuous, no deadline")),
    ("event", _("After an event")),
    ("on_request", _("On request, no deadline")),
]


def as_typed(text: str) -> str:
    """A multi-line field as typed: its line breaks kept (one kind: browsers send CR LF)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def unit_choices(organization: Organization) -> list:
    """Parties first, then the organization's active departments (grouped, for the widget)."""
    departments = organization.departments.filter(is_active=True).order_by("order", "name")
    return [
        (_("Groups and roles"), [(f"p:{value}", label) for value, label in TaskParty.choices]),
        (_("Departments"), [(f"d:{d.pk}", d.name) for d in departments]),
    ]


def fulfilment_choices(task: PlanTask | None) -> list:
    """ "Hoàn thành khi": what the task's words propose, each record kind, or none."""
    proposed = fulfilment.label(fulfilment.propose(task.content if task else ""))
    return [
        (
            "",
            _("As proposed from the task's words: %(record)s") % {"record": proposed}
            if proposed
            else _("As proposed from the task's words"),
        ),
        *[(f.name, f.label) for f in fulfilment.all_fulfilments()],
        (fulfilment.NONE, _("No record: the units mark it done")),
    ]


def fulfilment_initial(task: PlanTask) -> str:
    if not task.fulfilled_by_manual:
        return ""
    return task.fulfilled_by or fulfilment.NONE


FULFILMENT_HELP = _(
    "The record whose completion marks this task done by itself, on the day it was "
    "completed (the units may still mark it done by hand)."
)


class FulfilmentForm(forms.Form):
    """ "Hoàn thành khi" of a task of an approved plan, changed without a revision."""

    fulfilled_by = forms.ChoiceField(
        label=_("Completed when"), required=False, help_text=FULFILMENT_HELP
    )

    def __init__(self, *args, task: PlanTask, **kwargs):
        super().__init__(*args, initial={"fulfilled_by": fulfilment_initial(task)}, **kwargs)
        self.fields["fulfilled_by"].choices = fulfilment_choices(task)


class TaskForm(VersionedFormMixin, forms.Form):
    content = forms.CharField(
        label=_("Task"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    leads = forms.MultipleChoiceField(
        label=_("Lead units"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one lead unit.")},
    )
    supports = forms.MultipleChoiceField(
        label=_("Supporting units"), widget=forms.CheckboxSelectMultiple, required=False
    )
    responsibility_note = forms.CharField(
        label=PlanTask._meta.get_field("responsibility_note").verbose_name.capitalize(),
        help_text=PlanTask._meta.get_field("responsibility_note").help_text,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    support_note = forms.CharField(
        label=PlanTask._meta.get_field("support_note").verbose_name.capitalize(),
        help_text=PlanTask._meta.get_field("support_note").help_text,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    # Several lines as in the agency's cell ("… 28/02/2023" / "Trước ngày …"), kept as typed.
    timing_text = forms.CharField(
        label=_("Timing"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=PlanTask._meta.get_field("timing_text").help_text,
    )
    output = forms.CharField(
        label=_("Output / record"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    fulfilled_by = forms.ChoiceField(
        label=_("Completed when"), required=False, help_text=FULFILMENT_HELP
    )
    schedule_mode = forms.ChoiceField(label=_("Schedule"), choices=SCHEDULE_MODES, required=False)
    schedule_dates = forms.CharField(
        label=_("Dates"),
        required=False,
        help_text=_(
            "dd/mm/yyyy, several separated by commas. After an event: the deadline if the event "
            "does not happen (one date)."
        ),
    )
    schedule_event = forms.ChoiceField(
        label=_("Event"), choices=[("", "—"), *EventKind.choices], required=False
    )
    schedule_amount = forms.IntegerField(
        label=_("Due after"), min_value=0, max_value=365, required=False
    )
    schedule_unit = forms.ChoiceField(
        label=_("Counted in"), choices=OffsetUnit.choices, required=False, initial=OffsetUnit.DAYS
    )
    schedule_task = forms.TypedChoiceField(
        label=_("Completed task"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, plan: Plan, task: PlanTask | None = None, **kwargs):
        if task is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(task)
        super().__init__(*args, version=task.lock_version if task else 0, **kwargs)
        self.plan = plan
        choices = unit_choices(plan.organization)
        self.fields["leads"].choices = choices
        self.fields["supports"].choices = choices
        self.fields["fulfilled_by"].choices = fulfilment_choices(task)
        self.fields["schedule_task"].choices = [("", "—")] + [
            (t.pk, f"{t.order}. {t.content[:80]}")
            for t in plan.tasks.order_by("order")
            if task is None or t.pk != task.pk
        ]
        linked = self.initial.get("schedule_task")
        if linked and linked not in dict(self.fields["schedule_task"].choices):
            self.initial["schedule_task"] = None  # a task of another plan: not offered here
        # What the parser understood appears under the field as the person types.
        self.fields["timing_text"].widget.attrs.update(
            {
                "hx-get": reverse("plans:timing_explain", kwargs={"plan_pk": plan.pk}),
                "hx-trigger": "keyup changed delay:400ms",
                "hx-target": "next .timing-summary",
                "hx-swap": "innerHTML",
            }
        )

    @staticmethod
    def initial_for(task: PlanTask) -> dict:
        assignments = task.units
        return {
            "content": task.content,
            "timing_text": task.timing_text,
            "output": task.output,
            "responsibility_note": task.responsibility_note,
            "support_note": task.support_note,
            "fulfilled_by": fulfilment_initial(task),
            **TaskForm._manual_initial(task),
            "leads": [
                UnitRef.of(a).key() for a in assignments if a.responsibility == Responsibility.LEAD
            ],
            "supports": [
                UnitRef.of(a).key()
                for a in assignments
                if a.responsibility == Responsibility.SUPPORT
            ],
        }

    @property
    def explained(self) -> dict:
        """The parser's reading of the timing text shown in the form (typed or saved)."""
        return explain(self["timing_text"].value() or "", self.plan.year, load_calendar())

    @staticmethod
    def _manual_initial(task: PlanTask) -> dict:
        schedule = Schedule.from_dict(task.schedule)
        if not task.schedule_manual:
            # The task it follows, as linked by ``chains_link``: shown, and changeable.
            return {"schedule_task": next(iter(linked_task_ids(schedule)), None)}
        choice = manual_mode_of(schedule)
        return {
            "schedule_mode": choice["mode"],
            "schedule_dates": ", ".join(f"{d:%d/%m/%Y}" for d in choice.get("dates", [])),
            "schedule_event": choice.get("event", ""),
            "schedule_amount": choice.get("amount"),
            "schedule_unit": choice.get("unit", OffsetUnit.DAYS),
            "schedule_task": choice.get("task_id"),
        }

    def clean(self):
        cleaned = super().clean()
        both = set(cleaned.get("leads", [])) & set(cleaned.get("supports", []))
        if both:
            self.add_error("supports", _("A unit cannot both lead and support the same task."))
        self.manual_schedule = self._clean_schedule(cleaned)
        return cleaned

    def _clean_schedule(self, cleaned) -> Schedule | None:
        """The schedule chosen by hand, or None to read it from the timing text."""
        mode = cleaned.get("schedule_mode")
        if not mode:
            return self._linked_reading(cleaned)
        dates = []
        if mode in {"dates", "event"}:
            for text in filter(None, (t.strip() for t in cleaned["schedule_dates"].split(","))):
                try:
                    day = datetime.datetime.strptime(text, "%d/%m/%Y").date()  # noqa: DTZ007
                except ValueError:
                    self.add_error(
                        "schedule_dates",
                        _("“%(text)s” is not a date dd/mm/yyyy.") % {"text": text},
                    )
                    return None
                if day.year != self.plan.year:
                    self.add_error(
                        "schedule_dates",
                        _("%(dates)s is not in the plan year %(year)s.")
                        % {"dates": text, "year": self.plan.year},
                    )
                    return None
                dates.append(day)
        if mode == "dates" and not dates:
            self.add_error("schedule_dates", _("Enter at least one date."))
            return None
        if mode == "event" and len(dates) > 1:
            self.add_error(
                "schedule_dates",
                _("After an event, give one date at most: the deadline if it does not happen."),
            )
            return None
        event = cleaned.get("schedule_event") or ""
        if mode == "event" and not event:
            self.add_error("schedule_event", _("Choose the event."))
            return None
        if event == EventKind.TASK_DONE and mode == "event" and not cleaned.get("schedule_task"):
            self.add_error("schedule_task", _("Choose the task whose completion is awaited."))
            return None
        fallback = None
        if mode == "event":
            # The timing text's either/or date stays unless another one is given.
            read = [w for w in self._reading(cleaned).events if w.kind == event and w.fallback]
            fallback = dates[0] if dates else (read[0].fallback if read else None)
        return schedule_by_hand(
            mode,
            self.plan.year,
            dates=dates if mode == "dates" else [],
            event=event,
            amount=cleaned.get("schedule_amount") or 0,
            unit=cleaned.get("schedule_unit") or OffsetUnit.DAYS,
            task_id=cleaned.get("schedule_task") if event == EventKind.TASK_DONE else None,
            fallback=fallback,
        )

    def _reading(self, cleaned) -> Schedule:
        return parse_timing(cleaned.get("timing_text") or "", self.plan.year)

    def _linked_reading(self, cleaned) -> Schedule | None:
        """As read from the timing text, with the completed task chosen for its "after the
        completion of…" wait (its fallback date kept); None when there is nothing to link."""
        task_id = cleaned.get("schedule_task")
        if not task_id:
            return None
        schedule = self._reading(cleaned)
        for index, wait in enumerate(schedule.events):
            if wait.kind == EventKind.TASK_DONE:
                schedule.events[index] = replace(wait, task_id=task_id)
                return schedule
        return None

    def task_data(self) -> TaskData:
        data = self.cleaned_data
        return TaskData(
            content=as_typed(data["content"]),
            timing_text=as_typed(data["timing_text"]),
            output=as_typed(data["output"]),
            responsibility_note=as_typed(data["responsibility_note"]),
            support_note=as_typed(data["support_note"]),
            leads=[UnitRef.parse(v) for v in data["leads"]],
            supports=[UnitRef.parse(v) for v in data["supports"]],
            schedule=self.manual_schedule,
            fulfilled_by=data["fulfilled_by"] or None,
        )

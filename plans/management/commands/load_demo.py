from django.core.management.base import BaseCommand
from django.utils import timezone

from plans.choices import Role
from plans.demo import CURRENT_YEAR_LOADERS, EXTRA_LOADERS
from plans.documents.demo import load_current_edition, load_demo_documents
from plans.objectives.demo import (
    load_current_objectives,
    load_current_unit_objectives,
    load_demo_objectives,
)
from plans.organizations.demo import DEMO_PASSWORD, load_demo_logins, load_demo_organizations
from plans.planning.demo import load_current_plan, load_demo_plans
from plans.risks.demo import load_current_risks, load_demo_risks
from plans.work import handoffs


class Command(BaseCommand):
    help = (
        "Load the demo agencies of the seed plans, one login per role, and the current year's "
        "work under way. Safe to run again."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--seed-years-only",
            action="store_true",
            help="Leave the current year empty (for tests whose people start this year's work).",
        )

    def handle(self, *args, **options) -> None:
        # The seed years' steps are history: nobody is told of them today (what still waits
        # says so itself, plans/documents/demo.py); this year's are told as they happen.
        with handoffs.muted():
            self._seed_years()
        if not options["seed_years_only"]:
            self._current_year(timezone.localdate())

    def _seed_years(self) -> None:
        organizations = load_demo_organizations()
        self.stdout.write(f"Organizations: {', '.join(o.name for o in organizations)}")
        self.stdout.write(f"Demo logins (password “{DEMO_PASSWORD}” for new ones):")
        for login, created in load_demo_logins():
            role = str(Role(login.role).label) if login.role else "administrator"
            where = " / ".join(filter(None, [login.organization or "—", login.department]))
            status = "created" if created else "exists"
            self.stdout.write(f"  {login.username:<12} {role:<18} {where}  [{status}]")
        for plan, created in load_demo_plans():
            status = "created" if created else "exists"
            self.stdout.write(
                f"Plan {plan.year} of {plan.organization}: {plan.get_status_display()} [{status}]"
            )
        objective_set, created = load_demo_objectives()
        self.stdout.write(f"{objective_set} [{'created' if created else 'exists'}]")
        count, created = load_demo_documents()
        self.stdout.write(f"Documents of Sở LĐTBXH: {count} [{'created' if created else 'exists'}]")
        count, created = load_demo_risks()
        self.stdout.write(
            f"Risks and opportunities 2022: {count} [{'created' if created else 'exists'}]"
        )
        for loader in EXTRA_LOADERS:
            self.stdout.write(loader())

    def _current_year(self, today) -> None:
        """The year the demo is run in: work under way on today's date."""
        self.stdout.write(f"Current year {today.year} (today {today:%d/%m/%Y}):")
        current = load_current_plan(today)
        if current.created:
            self.stdout.write(
                f"  Plan {today.year} of {current.plan.organization}, copied from its latest plan: "
                f"{current.plan.get_status_display()}; {current.done} items done with evidence, "
                f"{current.overdue} left overdue [created]"
            )
        else:
            self.stdout.write(f"  Plan {today.year} of {current.plan.organization} [exists]")
        objective_set, results, created = load_current_objectives(today)
        if objective_set is not None:
            self.stdout.write(
                f"  {objective_set}: {results} results entered "
                f"[{'created' if created else 'exists'}]"
            )
        # The units' own work of the year: their objectives' measurements, risk treatment.
        objective_set, results, created = load_current_unit_objectives(today)
        self.stdout.write(
            f"  {objective_set}: {results} results entered [{'created' if created else 'exists'}]"
        )
        risk, created = load_current_risks(today)
        self.stdout.write(
            f"  Risk of {risk.department}: {risk.actions.count()} treatment actions "
            f"[{'created' if created else 'exists'}]"
        )
        edition, created = load_current_edition(today)
        if edition is not None:
            self.stdout.write(
                f"  {edition.document.code} edition {edition.number}: "
                f"{edition.get_status_display()} [{'created' if created else 'exists'}]"
            )
        for loader in CURRENT_YEAR_LOADERS:
            self.stdout.write(loader(today))

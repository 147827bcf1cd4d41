from django.core.management.base import BaseCommand

from plans.choices import Role
from plans.demo import EXTRA_LOADERS
from plans.documents.demo import load_demo_documents
from plans.objectives.demo import load_demo_objectives
from plans.organizations.demo import DEMO_PASSWORD, load_demo_logins, load_demo_organizations
from plans.planning.demo import load_demo_plans
from plans.risks.demo import load_demo_risks


class Command(BaseCommand):
    help = "Load the demo agencies of the seed plans and one login per role. Safe to run again."

    def handle(self, *args, **options) -> None:
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

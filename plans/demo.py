"""The demo (``manage.py load_demo``): the organizations and logins (plans/organizations/demo.py),
then each domain's demo.py, then what the apps built on plans add here."""

# Apps that build on plans add their demo data here (audits does, from its AppConfig.ready):
# callables returning a line to print.
EXTRA_LOADERS: list = []
